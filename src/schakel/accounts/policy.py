"""Need-to-know access: one declarative policy table (role x action -> scope).

Deny by default: a role may do an action only if the table names it, and then only
within the scope it names. Selectors enforce the scope when they read data; views and
API endpoints declare the action they serve (``policy_action``), and a test fails when a
URL has no entry here.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from .constants import Role, Scope

PUBLIC = "public"  # pages anyone may open: login, help, errors, language switch


class Action:
    """Action names. Keep them stable: they appear in audit rows."""

    HOME_VIEW = "home.view"
    ACCOUNT_VIEW_SELF = "account.view_self"
    MFA_MANAGE_SELF = "mfa.manage_self"
    REFERENCE_VIEW = "reference.view"
    USER_VIEW = "user.view"
    USER_MANAGE = "user.manage"
    AUDIT_VIEW = "audit.view"
    ADMIN_ACCESS = "admin.access"
    API_SCHEMA_VIEW = "api.schema_view"
    ROUTEKAART_VIEW = "routekaart.view"
    ROUTEKAART_EDIT = "routekaart.edit"
    ROUTE_EVALUATE = "route.evaluate"
    SIGNAL_CREATE = "signal.create"
    SIGNAL_VIEW = "signal.view"
    SIGNAL_QUEUE = "signal.queue"
    MELDCODE_RECORD = "meldcode.record"
    CASE_VIEW = "case.view"
    CASE_MANAGE = "case.manage"
    CASE_EMERGENCY = "case.emergency"
    CASE_EMERGENCY_REVIEW = "case.emergency_review"
    BELEIDSSCAN_RUN = "beleidsscan.run"
    BELEIDSSCAN_RUBRIC_EDIT = "beleidsscan.rubric_edit"
    TRAINING_MANAGE = "training.manage"
    PARTICIPATION_MANAGE = "participation.manage"
    PRACTICE_SUMMARY = "practice.summary"
    MONITOR_VIEW = "monitor.view"
    MEASURE_MANAGE = "measure.manage"
    MONITOR_OPEN_DATA = "monitor.open_data"
    MONITOR_NATIONAL_EXPORT = "monitor.national_export"
    LINKAGE_REVIEW = "linkage.review"
    LINKAGE_CROSS_REGION = "linkage.cross_region"
    NETWORK_VIEW = "network.view"
    NETWORK_EDIT = "network.edit"


_ALL_ROLES = tuple(Role)

POLICY: dict[str, dict[str, Scope]] = {
    Action.HOME_VIEW: {role: Scope.OWN for role in _ALL_ROLES},
    Action.ACCOUNT_VIEW_SELF: {role: Scope.OWN for role in _ALL_ROLES},
    Action.MFA_MANAGE_SELF: {role: Scope.OWN for role in _ALL_ROLES},
    Action.REFERENCE_VIEW: {role: Scope.REGION for role in _ALL_ROLES},
    Action.USER_VIEW: {
        Role.FUNCTIONEEL_BEHEERDER: Scope.REGION,
        Role.PRIVACY_OFFICER: Scope.REGION,
    },
    Action.USER_MANAGE: {Role.FUNCTIONEEL_BEHEERDER: Scope.REGION},
    Action.AUDIT_VIEW: {Role.PRIVACY_OFFICER: Scope.REGION},
    Action.ADMIN_ACCESS: {Role.FUNCTIONEEL_BEHEERDER: Scope.REGION},
    Action.API_SCHEMA_VIEW: {role: Scope.OWN for role in _ALL_ROLES},
    Action.ROUTEKAART_VIEW: {role: Scope.REGION for role in _ALL_ROLES},
    Action.ROUTEKAART_EDIT: {
        Role.FUNCTIONEEL_BEHEERDER: Scope.REGION,
        Role.BELEIDSMEDEWERKER: Scope.MUNICIPALITY,
    },
    Action.ROUTE_EVALUATE: {role: Scope.OWN for role in _ALL_ROLES},
    # Signals are personal data: the professional sees their own, the care coordinator the
    # region's; the policy officer sees no individual signal (the monitor shows aggregates).
    Action.SIGNAL_CREATE: {Role.PROFESSIONAL: Scope.OWN, Role.ZORGCOORDINATOR: Scope.REGION},
    Action.SIGNAL_VIEW: {Role.PROFESSIONAL: Scope.OWN, Role.ZORGCOORDINATOR: Scope.REGION},
    Action.SIGNAL_QUEUE: {Role.ZORGCOORDINATOR: Scope.REGION},
    # The reporting code is the reporter's own duty: only on one's own signals.
    Action.MELDCODE_RECORD: {Role.PROFESSIONAL: Scope.OWN, Role.ZORGCOORDINATOR: Scope.OWN},
    # Cases are the care coordinator's work, within their region. A professional of a partner
    # organisation on the case team sees only the sections granted, until the end date.
    Action.CASE_VIEW: {Role.ZORGCOORDINATOR: Scope.REGION, Role.PROFESSIONAL: Scope.TEAM},
    Action.CASE_MANAGE: {Role.ZORGCOORDINATOR: Scope.REGION},
    # Emergency access to a case of another region: with a reason, for 24 hours, reviewed by
    # the privacy officer of the case's region.
    Action.CASE_EMERGENCY: {Role.ZORGCOORDINATOR: Scope.OWN},
    Action.CASE_EMERGENCY_REVIEW: {Role.PRIVACY_OFFICER: Scope.REGION},
    # The policy scan reads policy documents, not personal data: the policy officer scans
    # for their municipality; the functioneel beheerder keeps the rubric.
    Action.BELEIDSSCAN_RUN: {
        Role.BELEIDSMEDEWERKER: Scope.MUNICIPALITY,
        Role.FUNCTIONEEL_BEHEERDER: Scope.REGION,
    },
    Action.BELEIDSSCAN_RUBRIC_EDIT: {Role.FUNCTIONEEL_BEHEERDER: Scope.REGION},
    # The training register names professionals (personal data): kept by the functioneel
    # beheerder (with two-step verification); the policy officer sees only the figures.
    Action.TRAINING_MANAGE: {Role.FUNCTIONEEL_BEHEERDER: Scope.REGION},
    # Participation activities record groups and numbers, never names.
    Action.PARTICIPATION_MANAGE: {
        Role.BELEIDSMEDEWERKER: Scope.MUNICIPALITY,
        Role.FUNCTIONEEL_BEHEERDER: Scope.REGION,
    },
    Action.PRACTICE_SUMMARY: {
        Role.BELEIDSMEDEWERKER: Scope.MUNICIPALITY,
        Role.FUNCTIONEEL_BEHEERDER: Scope.REGION,
    },
    # The monitor shows counts only, after disclosure control: the policy officer for their
    # municipality, the care coordinator for the region. Nobody sees a record through it.
    Action.MONITOR_VIEW: {
        Role.BELEIDSMEDEWERKER: Scope.MUNICIPALITY,
        Role.ZORGCOORDINATOR: Scope.REGION,
    },
    # The measures registry (maatregelen): what the municipality does against exploitation,
    # where, when and for whom. No personal data.
    Action.MEASURE_MANAGE: {
        Role.BELEIDSMEDEWERKER: Scope.MUNICIPALITY,
        Role.ZORGCOORDINATOR: Scope.REGION,
    },
    # Open data with differential privacy spends the municipality's yearly privacy budget:
    # only the policy officer of that municipality releases it.
    Action.MONITOR_OPEN_DATA: {Role.BELEIDSMEDEWERKER: Scope.MUNICIPALITY},
    # The anonymised national export (categories of the Human Trafficking Case Data Standard)
    # of the care-coordination region.
    Action.MONITOR_NATIONAL_EXPORT: {Role.ZORGCOORDINATOR: Scope.REGION},
    # Same-person linkage: the care coordinator of the region sees the suggestions (with the
    # fields that agree or differ) and confirms, rejects or undoes them.
    Action.LINKAGE_REVIEW: {Role.ZORGCOORDINATOR: Scope.REGION},
    # Privacy-preserving linkage across regions: the care coordinator submits the region's
    # encodings, starts a run and sees "another region also has signals" (never a name).
    Action.LINKAGE_CROSS_REGION: {Role.ZORGCOORDINATOR: Scope.REGION},
    # The context network (places, platforms, accounts, vehicles, phone numbers): only the
    # care coordinator of the region sees and edits it.
    Action.NETWORK_VIEW: {Role.ZORGCOORDINATOR: Scope.REGION},
    Action.NETWORK_EDIT: {Role.ZORGCOORDINATOR: Scope.REGION},
}


def scope_for(user: Any, action: str) -> Scope | None:
    """The scope within which ``user`` may do ``action``, or None when not allowed."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return POLICY.get(action, {}).get(user.role)


def allowed_actions(user: Any) -> frozenset[str]:
    return frozenset(action for action in POLICY if scope_for(user, action) is not None)


F = TypeVar("F", bound=Callable[..., Any])


def policy(action: str) -> Callable[[F], F]:
    """Declare which policy action a function view serves (checked by the view wrapper)."""
    if action != PUBLIC and action not in POLICY:
        raise KeyError(f"Unknown policy action {action!r}")

    def decorate(view: F) -> F:
        view.policy_action = action  # type: ignore[attr-defined]
        return view

    return decorate


def policy_table_markdown() -> str:
    """The policy table as Markdown, for docs/security.md (a test keeps the two equal)."""
    roles = list(Role)
    lines = [
        "| action | " + " | ".join(role.value for role in roles) + " |",
        "|" + "---|" * (len(roles) + 1),
    ]
    for action, grants in POLICY.items():
        cells = [grants[role].value if role in grants else "—" for role in roles]
        lines.append(f"| `{action}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)
