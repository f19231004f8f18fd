"""The care coordinator's pages (thin: forms in, services for writes, selectors for reads)."""

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from schakel.accounts.constants import Scope
from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action, scope_for
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden
from schakel.geo.models import Municipality
from schakel.intake.constants import ExploitationType
from schakel.routekaart.selectors import routing_for

from . import services
from .constants import CLOSING_REASON_CHOICES, CaseRoleKind
from .domain.access import SECTION_LABELS, Section, Via
from .domain.closing import Aftercare as AftercareSpec
from .domain.closing import CaseStatus
from .domain.continuity import age_on, eighteenth_birthday, needs_transition_attention
from .domain.locking import conflict_lines
from .domain.missing import MissingEpisode as EpisodeSpec
from .domain.missing import repeated_missing
from .domain.queue import (
    QUEUE_KIND_LABELS,
    QueueKind,
    QueueSort,
)
from .domain.referrals import REFERRAL_STATUS_LABELS, TRANSITIONS, ReferralStatus, waiting_days
from .domain.referrals import ReferralEvent as ReferralEventSpec
from .domain.triage import TriageInput, triage
from .forms import (
    ActionForm,
    AttachForm,
    CaseDetailsForm,
    CloseForm,
    DecisionForm,
    DetachForm,
    EmergencyForm,
    EpisodeEndForm,
    EpisodeForm,
    MemberForm,
    ReasonForm,
    ReferralForm,
    ReferralUpdateForm,
    ReviewForm,
    RoleForm,
    TransitionPlanForm,
    TriageForm,
)
from .models import Case, CaseSignal, MissingEpisode, Referral
from .selectors import (
    NEW_SIGNAL_LIMIT,
    CaseAccess,
    case_access_for_user,
    case_list_for_member,
    case_queue_page,
    case_sections_data,
    case_team,
    case_timeline,
    emergency_accesses_for_review,
    plan_spec,
    queue_settings,
    stale_queue_cases,
    team_candidates,
)

QUEUE_PAGE_SIZE = 50

SORT_LABELS = {
    QueueSort.SEVERITY: _("Belangrijkste eerst"),
    QueueSort.DUE: _("Datum"),
    QueueSort.NAME: _("Naam"),
}


# --- Work queue ---------------------------------------------------------------------------


@require_policy(Action.CASE_VIEW)
def case_queue_view(request: HttpRequest) -> HttpResponse:
    if scope_for(request.user, Action.CASE_VIEW) == Scope.TEAM:
        members = case_list_for_member(user=request.user, request=request)
        return render(request, "cases/member_list.html", {"members": members})
    today = timezone.localdate()
    # Normally done at night by `schakel queue_refresh`; otherwise the first visit of the day.
    services.queue_refresh(cases=stale_queue_cases(user=request.user, today=today), today=today)
    kind = request.GET.get("soort", "")
    if kind not in {k.value for k in QueueKind}:
        kind = ""
    sort = request.GET.get("sorteer", QueueSort.SEVERITY.value)
    if sort not in {s.value for s in QueueSort}:
        sort = QueueSort.SEVERITY.value
    queue = case_queue_page(
        user=request.user,
        today=today,
        kind=kind,
        sort=sort,
        page_number=request.GET.get("pagina"),
        page_size=QUEUE_PAGE_SIZE,
        request=request,
    )
    return render(
        request,
        "cases/queue.html",
        {
            "items": queue.items,
            "page": queue.page,
            "new_signals": queue.new_signals,
            "new_signals_total": queue.new_signals_total,
            "new_signals_more": queue.new_signals_total > NEW_SIGNAL_LIMIT,
            "new_signal_limit": NEW_SIGNAL_LIMIT,
            "kind": kind,
            "sort": sort,
            "sorts": [(s.value, label) for s, label in SORT_LABELS.items()],
            "total": queue.total,
            "counts": [(k.value, QUEUE_KIND_LABELS[k], queue.counts[k]) for k in QueueKind],
        },
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def case_open_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    try:
        case = services.case_open_from_signal(
            actor=request.user, signal_id=signal_id, request=request
        )
    except DomainValidationError as error:
        messages.error(request, error.message)
        return redirect("intake:detail", signal_id=signal_id)
    messages.success(request, _("De casus is geopend."))
    return redirect("cases:detail", case_id=case.pk)


# --- Case page ----------------------------------------------------------------------------


def _referral_next(status: str) -> list[tuple[str, str]]:
    return [
        (s.value, REFERRAL_STATUS_LABELS[s])
        for s in ReferralStatus
        if s in TRANSITIONS[ReferralStatus(status)]
    ]


def _render_case(
    request: HttpRequest,
    access: CaseAccess,
    *,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    case = access.case
    today = timezone.localdate()
    data = case_sections_data(access)
    manage = access.via == Via.COORDINATOR and case.status == CaseStatus.OPEN.value
    plan = data.get("plan")
    forms = forms or {}
    referrals = [
        (
            r,
            forms.get(f"referral_{r.pk}")
            or ReferralUpdateForm(
                prefix=f"r{r.pk}",
                status_choices=_referral_next(r.status),
                initial={"on": today},
            ),
            _waiting(r, today),
        )
        for r in data.get("referrals", [])
    ]
    episodes = data.get("episodes", [])
    conf = queue_settings()
    context = {
        "case": case,
        "access": access,
        "manage": manage,
        "coordinator": access.via == Via.COORDINATOR,
        "sections": access.sections,
        "section_labels": [SECTION_LABELS[s] for s in Section if s in access.sections],
        "all_sections": access.via != Via.TEAM,
        "age": age_on(case.date_of_birth, today) if case.date_of_birth else None,
        "eighteen": eighteenth_birthday(case.date_of_birth) if case.date_of_birth else None,
        "plan_attention": case.date_of_birth is not None
        and Section.CONTINUITY in access.sections
        and needs_transition_attention(case.date_of_birth, today, plan_spec(plan)),
        "repeated_missing": repeated_missing(
            [_episode_spec(e) for e in episodes],
            timezone.now(),
            threshold=conf.missing_threshold,
            window_days=conf.missing_window_days,
        )
        if episodes
        else False,
        "missing_threshold": conf.missing_threshold,
        "missing_window": conf.missing_window_days,
        "referral_rows": referrals,
        "exploitation_labels": _exploitation_labels(case.exploitation_types),
        "decision_form": forms.get("decision") or DecisionForm(),
        "role_form": forms.get("role")
        or RoleForm(role_choices=CaseRoleKind.choices, initial={"since": today}),
        "attach_form": forms.get("attach") or AttachForm(),
        "action_form": forms.get("action") or ActionForm(),
        "episode_form": forms.get("episode") or EpisodeForm(),
        "episode_end_form": forms.get("episode_end") or EpisodeEndForm(),
        "reopen_form": forms.get("reopen") or ReasonForm(),
        "detach_form": forms.get("detach")
        or DetachForm(
            signal_choices=[
                (link.signal_id, _("Signaal %(n)s") % {"n": link.signal_id})
                for link in data.get("signals", [])
                if not link.detached_at
            ]
        ),
        "error_form": forms.get("_error"),
        **data,
    }
    return render(request, "cases/detail.html", context, status=status)


def _waiting(referral: Referral, today: date) -> int | None:
    events = [
        ReferralEventSpec(status=ReferralStatus(e.status), on=e.on) for e in referral.events.all()
    ]
    return waiting_days(events, today) if events else None


def _exploitation_labels(codes: list[str]) -> list[str]:
    labels = dict(ExploitationType.choices)
    return [str(labels.get(code, code)) for code in codes]


def _episode_spec(episode: MissingEpisode):  # type: ignore[no-untyped-def]
    return EpisodeSpec(start=episode.start, end=episode.end)


@require_policy(Action.CASE_VIEW)
def case_detail_view(request: HttpRequest, case_id: int) -> HttpResponse:
    access = case_access_for_user(user=request.user, case_id=case_id, request=request)
    return _render_case(request, access)


def _coordinator_access(request: HttpRequest, case_id: int) -> CaseAccess:
    access = case_access_for_user(user=request.user, case_id=case_id, request=request)
    if access.via != Via.COORDINATOR:
        raise NotFoundOrForbidden()
    return access


def _handle(
    request: HttpRequest,
    case_id: int,
    form: Any,
    key: str,
    run: Callable[[dict[str, Any]], object],
    done: str,
    *,
    anchor: str = "",
) -> HttpResponse:
    """Validate a small case form, run the service, and show the case page again on errors."""
    access = _coordinator_access(request, case_id)
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except services.FormProblems as error:
            for field, message in error.problems.items():
                form.add_error(field if field in form.fields else None, message)
        except DomainValidationError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            messages.success(request, done)
            return redirect(f"/casussen/{case_id}/{anchor}")
    return _render_case(request, access, forms={key: form, "_error": form}, status=400)


@require_policy(Action.CASE_MANAGE)
@require_POST
def decision_view(request: HttpRequest, case_id: int) -> HttpResponse:
    form = DecisionForm(request.POST)
    return _handle(
        request,
        case_id,
        form,
        "decision",
        lambda d: services.decision_record(
            actor=request.user,
            case_id=case_id,
            draft=form.to_draft(),
            request=request,
        ),
        _("Het besluit is vastgelegd."),
        anchor="#besluiten",
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def role_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    form = RoleForm(request.POST, role_choices=CaseRoleKind.choices)
    return _handle(
        request,
        case_id,
        form,
        "role",
        lambda d: services.case_role_add(
            actor=request.user,
            case_id=case_id,
            role=d["role"],
            since=d["since"],
            note=d["note"],
            request=request,
        ),
        _("De rol is vastgelegd."),
        anchor="#rollen",
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def role_end_view(request: HttpRequest, case_id: int, role_id: int) -> HttpResponse:
    form = ReasonForm(request.POST)
    return _handle(
        request,
        case_id,
        form,
        "role_end",
        lambda d: services.case_role_end(
            actor=request.user,
            role_id=role_id,
            until=timezone.localdate(),
            case_id=case_id,
            request=request,
        ),
        _("De rol is beëindigd."),
        anchor="#rollen",
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def signal_attach_view(request: HttpRequest, case_id: int) -> HttpResponse:
    form = AttachForm(request.POST)

    def run(d: dict[str, Any]) -> object:
        try:
            return services.case_signal_attach(
                actor=request.user,
                case_id=case_id,
                signal_id=d["signal_id"],
                reason=d["reason"],
                request=request,
            )
        except NotFoundOrForbidden as error:
            raise DomainValidationError(
                "Dit signaal bestaat niet of hoort niet bij uw regio.", field="signal_id"
            ) from error

    return _handle(
        request, case_id, form, "attach", run, _("Het signaal is gekoppeld."), anchor="#signalen"
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def signal_detach_view(request: HttpRequest, case_id: int) -> HttpResponse:
    form = DetachForm(request.POST, signal_choices=_attached_choices(case_id))
    return _handle(
        request,
        case_id,
        form,
        "detach",
        lambda d: services.case_signal_detach(
            actor=request.user,
            case_id=case_id,
            signal_id=d["signal_id"],
            reason=d["reason"],
            request=request,
        ),
        _("Het signaal is losgekoppeld. De koppeling blijft zichtbaar in de geschiedenis."),
        anchor="#signalen",
    )


def _attached_choices(case_id: int) -> list[tuple[int, str]]:
    """The signals attached now (the service checks access to the case)."""
    ids = CaseSignal.objects.filter(case_id=case_id, detached_at__isnull=True).values_list(
        "signal_id", flat=True
    )
    return [(pk, _("Signaal %(n)s") % {"n": pk}) for pk in ids]


@require_policy(Action.CASE_MANAGE)
@require_POST
def action_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    form = ActionForm(request.POST)
    return _handle(
        request,
        case_id,
        form,
        "action",
        lambda d: services.case_action_add(
            actor=request.user,
            case_id=case_id,
            title=d["title"],
            due=d["due"],
            request=request,
        ),
        _("De actie is toegevoegd."),
        anchor="#acties",
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def action_done_view(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    form = ReasonForm(request.POST)
    return _handle(
        request,
        case_id,
        form,
        "action_done",
        lambda d: services.case_action_done(
            actor=request.user, action_id=action_id, case_id=case_id, request=request
        ),
        _("De actie is afgerond."),
        anchor="#acties",
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def episode_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    form = EpisodeForm(request.POST)
    return _handle(
        request,
        case_id,
        form,
        "episode",
        lambda d: services.missing_episode_record(
            actor=request.user,
            case_id=case_id,
            start=d["start"],
            end=d["end"],
            found_where=d["found_where"],
            reported_by=d["reported_by"],
            note=d["note"],
            request=request,
        ),
        _("De vermissing is vastgelegd."),
        anchor="#vermissingen",
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def episode_end_view(request: HttpRequest, case_id: int, episode_id: int) -> HttpResponse:
    form = EpisodeEndForm(request.POST)
    return _handle(
        request,
        case_id,
        form,
        "episode_end",
        lambda d: services.missing_episode_end(
            actor=request.user,
            episode_id=episode_id,
            case_id=case_id,
            end=d["end"],
            found_where=d["found_where"],
            request=request,
        ),
        _("De jongere is terug. De vermissing is afgesloten."),
        anchor="#vermissingen",
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def referral_update_view(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    referral = _owned(Referral, referral_id, case_id)
    form = ReferralUpdateForm(
        request.POST, prefix=f"r{referral_id}", status_choices=_referral_next(referral.status)
    )
    return _handle(
        request,
        case_id,
        form,
        f"referral_{referral_id}",
        lambda d: services.referral_update(
            actor=request.user,
            referral_id=referral_id,
            case_id=case_id,
            status=d["status"],
            on=d["on"],
            note=d["note"],
            request=request,
        ),
        _("De verwijzing is bijgewerkt."),
        anchor="#verwijzingen",
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def reopen_view(request: HttpRequest, case_id: int) -> HttpResponse:
    access = case_access_for_user(user=request.user, case_id=case_id, request=request)
    if access.via != Via.COORDINATOR:
        raise NotFoundOrForbidden()
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.case_reopen(
                actor=request.user,
                case_id=case_id,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except DomainValidationError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(request, _("De casus is weer open. De hele geschiedenis is bewaard."))
            return redirect("cases:detail", case_id=case_id)
    return _render_case(request, access, forms={"reopen": form, "_error": form}, status=400)


def _owned(model: Any, pk: int, case_id: int) -> Any:
    """A row of this case (the case itself is access-checked by the service)."""
    row = model.objects.filter(pk=pk, case_id=case_id).first()
    if row is None:
        raise NotFoundOrForbidden()
    return row


# --- Pages with their own form --------------------------------------------------------------


def _details_initial(case: Case) -> dict[str, Any]:
    values = services.case_snapshot(case, CaseDetailsForm.LABELS)
    return {**values, "date_of_birth": case.date_of_birth}


def _json_base(values: dict[str, Any]) -> str:
    return json.dumps(
        {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()},
        sort_keys=True,
    )


def _parse_base(raw: str) -> dict[str, Any]:
    try:
        base = json.loads(raw or "{}")
    except ValueError:
        return {}
    if not isinstance(base, dict):
        return {}
    if base.get("date_of_birth"):
        try:
            base["date_of_birth"] = date.fromisoformat(base["date_of_birth"])
        except (TypeError, ValueError):
            base["date_of_birth"] = None
    return base


@require_policy(Action.CASE_MANAGE)
@require_http_methods(["GET", "POST"])
def case_edit_view(request: HttpRequest, case_id: int) -> HttpResponse:
    access = _coordinator_access(request, case_id)
    case = access.case
    choices = {
        "exploitation_choices": ExploitationType.choices,
        "municipality_choices": [
            (m.code, m.name)
            for m in Municipality.objects.filter(regions=case.region_id).order_by("name")
        ]
        + [
            (m.code, m.name)
            for m in case.municipalities.exclude(regions=case.region_id).order_by("name")
        ],
    }
    changes: list[Any] = []
    if request.method == "POST":
        form = CaseDetailsForm(request.POST, **choices)
        if form.is_valid():
            submitted = {k: v for k, v in form.cleaned_data.items() if k != "base"}
            submitted["municipalities"] = sorted(submitted["municipalities"])
            submitted["exploitation_types"] = list(submitted["exploitation_types"])
            for name in ("given_names", "roepnaam", "tussenvoegsel", "surname"):
                submitted[name] = submitted[name].strip()
            base = _parse_base(form.cleaned_data["base"])
            # Only fields the user actually changed are sent: theirs and others' combine.
            changed = {k: v for k, v in submitted.items() if base.get(k) != v}
            try:
                services.case_update(
                    actor=request.user,
                    case_id=case.pk,
                    base=base,
                    changes=changed,
                    labels=CaseDetailsForm.LABELS,
                    request=request,
                )
            except services.CaseConflict as conflict:
                changes = conflict_lines(conflict.changes)
                fresh = Case.objects.get(pk=case.pk)
                data = request.POST.copy()
                data["base"] = _json_base(_details_initial(fresh))
                form = CaseDetailsForm(data, **choices)
                form.is_valid()
                form.add_error(
                    None,
                    _(
                        "Iemand anders heeft deze gegevens intussen gewijzigd. "
                        "Uw invoer staat nog in het formulier; kijk wat er "
                        "veranderde en sla opnieuw op."
                    ),
                )
            except DomainValidationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("De gegevens zijn opgeslagen."))
                return redirect("cases:detail", case_id=case.pk)
        status = 409 if changes else 400
    else:
        initial = _details_initial(case)
        form = CaseDetailsForm(initial={**initial, "base": _json_base(initial)}, **choices)
        status = 200
    return render(
        request,
        "cases/edit.html",
        {"case": case, "form": form, "changes": changes},
        status=status,
    )


@require_policy(Action.CASE_MANAGE)
@require_http_methods(["GET", "POST"])
def referral_new_view(request: HttpRequest, case_id: int) -> HttpResponse:
    access = _coordinator_access(request, case_id)
    case = access.case
    today = timezone.localdate()
    triage_form = TriageForm(request.GET or None)
    facts = triage_form.cleaned_data if triage_form.is_valid() else {}
    roles = {r.role for r in case.roles.filter(until__isnull=True)}
    advice = triage(
        TriageInput(
            exploitation_types=frozenset(case.exploitation_types),
            victim=CaseRoleKind.VICTIM in roles or not roles,
            offender=CaseRoleKind.OFFENDER in roles,
            date_of_birth=case.date_of_birth,
            acute_danger=facts.get("acute_danger", False),
            recent_sexual_violence=facts.get("recent_sexual_violence", False),
            parents_involved_in_exploitation=facts.get("parents_involved_in_exploitation", False),
        ),
        today,
    )
    route_map, _version = routing_for(municipality_code=None, region=case.region)
    contacts = route_map.contacts
    suggestions = [(a, contacts.get(a.contact) if a.contact else None) for a in advice]
    if request.method == "POST":
        form = ReferralForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.referral_send(
                    actor=request.user,
                    case_id=case.pk,
                    to_name=d["to_name"],
                    kind=d["kind"],
                    on=d["on"],
                    request=request,
                )
            except DomainValidationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("De verwijzing is vastgelegd."))
                return redirect(f"/casussen/{case.pk}/#verwijzingen")
        status = 400
    else:
        first = suggestions[0] if suggestions else None
        form = ReferralForm(
            initial={
                "on": today,
                "to_name": first[1].name if first and first[1] else "",
                "kind": first[0].kind if first else "",
            }
        )
        status = 200
    return render(
        request,
        "cases/referral_new.html",
        {"case": case, "form": form, "triage_form": triage_form, "suggestions": suggestions},
        status=status,
    )


@require_policy(Action.CASE_MANAGE)
@require_http_methods(["GET", "POST"])
def plan_view(request: HttpRequest, case_id: int) -> HttpResponse:
    access = _coordinator_access(request, case_id)
    case = access.case
    plan = case_sections_data(access).get("plan")
    if request.method == "POST":
        form = TransitionPlanForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            services.transition_plan_save(
                actor=request.user,
                case_id=case.pk,
                who_takes_over=d["who_takes_over"],
                adult_care_arranged=d["adult_care_arranged"],
                consent_asked_again=d["consent_asked_again"],
                consent_given=form.consent(),
                agreed_on=d["agreed_on"],
                request=request,
            )
            messages.success(request, _("Het plan voor na het 18e jaar is opgeslagen."))
            return redirect(f"/casussen/{case.pk}/#na-18")
        status = 400
    else:
        initial = {}
        if plan is not None:
            initial = {
                "who_takes_over": plan.who_takes_over,
                "adult_care_arranged": plan.adult_care_arranged,
                "consent_asked_again": plan.consent_asked_again,
                "consent_given": {True: "ja", False: "nee"}.get(plan.consent_given, ""),
                "agreed_on": plan.agreed_on,
            }
        form = TransitionPlanForm(initial=initial)
        status = 200
    spec = plan_spec(plan)
    return render(
        request,
        "cases/plan.html",
        {
            "case": case,
            "form": form,
            "missing_parts": spec.missing_parts() if spec else None,
            "eighteen": eighteenth_birthday(case.date_of_birth) if case.date_of_birth else None,
        },
        status=status,
    )


@require_policy(Action.CASE_MANAGE)
@require_http_methods(["GET", "POST"])
def close_view(request: HttpRequest, case_id: int) -> HttpResponse:
    access = _coordinator_access(request, case_id)
    case = access.case
    if request.method == "POST":
        form = CloseForm(request.POST, reason_choices=CLOSING_REASON_CHOICES)
        if form.is_valid():
            d = form.cleaned_data
            aftercare = []
            if d["aftercare_who"] or d["aftercare_until"] or d["aftercare_what"]:
                aftercare.append(
                    AftercareSpec(
                        who=d["aftercare_who"],
                        until=d["aftercare_until"],
                        what=d["aftercare_what"],
                    )
                )
            try:
                services.case_close(
                    actor=request.user,
                    case_id=case.pk,
                    reason=d["reason"],
                    note=d["note"],
                    aftercare=aftercare,
                    request=request,
                )
            except services.FormProblems as error:
                for field, message in error.problems.items():
                    target = {
                        "aftercare": "aftercare_who",
                        "aftercare-0-who": "aftercare_who",
                        "aftercare-0-until": "aftercare_until",
                    }.get(field, field)
                    form.add_error(target if target in form.fields else None, message)
            except DomainValidationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("De casus is afgesloten."))
                return redirect("cases:detail", case_id=case.pk)
        status = 400
    else:
        form = CloseForm(reason_choices=CLOSING_REASON_CHOICES)
        status = 200
    return render(request, "cases/close.html", {"case": case, "form": form}, status=status)


@require_policy(Action.CASE_MANAGE)
@require_http_methods(["GET", "POST"])
def team_view(request: HttpRequest, case_id: int) -> HttpResponse:
    access = _coordinator_access(request, case_id)
    case = access.case
    candidates = team_candidates(case=case)
    choices = {
        "user_choices": [(u.pk, f"{u.display_name} ({u.organisation.name})") for u in candidates],
        "section_choices": [(s.value, SECTION_LABELS[s]) for s in Section],
    }
    if request.method == "POST":
        form = MemberForm(request.POST, **choices)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.member_add(
                    actor=request.user,
                    case_id=case.pk,
                    user_id=d["user"],
                    sections=d["sections"],
                    until=d["until"],
                    request=request,
                )
            except services.FormProblems as error:
                for field, message in error.problems.items():
                    form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("Het teamlid is toegevoegd."))
                return redirect("cases:team", case_id=case.pk)
        status = 400
    else:
        form = MemberForm(**choices)
        status = 200
    members = [(m, [SECTION_LABELS[Section(s)] for s in m.sections]) for m in case_team(case=case)]
    return render(
        request,
        "cases/team.html",
        {"case": case, "form": form, "members": members, "today": timezone.localdate()},
        status=status,
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def member_end_view(request: HttpRequest, case_id: int, member_id: int) -> HttpResponse:
    _coordinator_access(request, case_id)
    services.member_end(actor=request.user, member_id=member_id, case_id=case_id, request=request)
    messages.success(request, _("De toegang van dit teamlid is beëindigd."))
    return redirect("cases:team", case_id=case_id)


# --- Timeline and summary -----------------------------------------------------------------


@require_policy(Action.CASE_VIEW)
def timeline_view(request: HttpRequest, case_id: int) -> HttpResponse:
    access = case_access_for_user(user=request.user, case_id=case_id, request=request)
    data = case_sections_data(access)
    return render(
        request,
        "cases/timeline.html",
        {"case": access.case, "access": access, "entries": case_timeline(access, data)},
    )


@require_policy(Action.CASE_VIEW)
def summary_view(request: HttpRequest, case_id: int) -> HttpResponse:
    access = case_access_for_user(user=request.user, case_id=case_id, request=request)
    data = case_sections_data(access)
    case = access.case
    today = timezone.localdate()
    return render(
        request,
        "cases/summary.html",
        {
            "case": case,
            "access": access,
            "sections": access.sections,
            "section_labels": [SECTION_LABELS[s] for s in Section if s in access.sections],
            "age": age_on(case.date_of_birth, today) if case.date_of_birth else None,
            "eighteen": eighteenth_birthday(case.date_of_birth) if case.date_of_birth else None,
            "entries": case_timeline(access, data),
            "printed_for": request.user.display_name,
            "printed_at": timezone.localtime(),
            **data,
        },
    )


# --- Emergency access ---------------------------------------------------------------------


@require_policy(Action.CASE_EMERGENCY)
@require_http_methods(["GET", "POST"])
def emergency_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = EmergencyForm(request.POST)
        if form.is_valid():
            try:
                access = services.emergency_access_request(
                    actor=request.user,
                    case_id=form.cleaned_data["case_id"],
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except services.FormProblems as error:
                for field, message in error.problems.items():
                    form.add_error(field if field in form.fields else None, message)
            except DomainValidationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.warning(
                    request,
                    _(
                        "U hebt noodtoegang tot deze casus tot %(until)s. De privacy officer "
                        "van de regio van de casus ziet dit en leest uw reden."
                    )
                    % {"until": timezone.localtime(access.expires_at).strftime("%d-%m-%Y %H:%M")},
                )
                return redirect("cases:detail", case_id=access.case_id)
        status = 400
    else:
        form = EmergencyForm()
        status = 200
    return render(request, "cases/emergency.html", {"form": form}, status=status)


@require_policy(Action.CASE_EMERGENCY_REVIEW)
@require_http_methods(["GET", "POST"])
def emergency_review_view(request: HttpRequest) -> HttpResponse:
    error_for = None
    form = ReviewForm()
    if request.method == "POST":
        form = ReviewForm(request.POST)
        try:
            access_id = int(request.POST.get("access", ""))
        except ValueError:
            raise NotFoundOrForbidden() from None
        if form.is_valid():
            try:
                services.emergency_access_review(
                    actor=request.user,
                    access_id=access_id,
                    note=form.cleaned_data["note"],
                    request=request,
                )
            except DomainValidationError as error:
                form.add_error("note", error.message)
                error_for = access_id
            else:
                messages.success(request, _("Uw oordeel is vastgelegd."))
                return redirect("cases:emergency_review")
    rows = emergency_accesses_for_review(user=request.user, request=request)
    return render(
        request,
        "cases/emergency_review.html",
        {"rows": rows, "form": form, "error_for": error_for, "now": timezone.now()},
        status=400 if error_for else 200,
    )
