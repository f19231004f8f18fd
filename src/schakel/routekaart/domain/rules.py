"""The building blocks of a route map (routekaart): contacts, conditions, rules, actions.

Pure data, no logic beyond constants. A route map is data that a region or municipality
edits; names and phone numbers live in it and never in code. See docs/routekaart.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

# The action codes of the routing contract, in the order of DOMAIN.md.
ACTION_CODES: Final = (
    "bel-112",
    "politie-avim",
    "zorgcoordinator",
    "veilig-thuis",
    "csg",
    "collegiale-consultatie",
    "chat-met-fier",
    "kindertelefoon",
    "specialistische-hulp",
    "comensha-registratie",
    "hulp-jonge-dader",
    "ouders-betrekken",
    "ouders-niet-betrekken",
    "vermissing-melden",
    "continuiteit-18",
    "nazorg",
)

# Short Dutch labels per action code (B1), for screens and print.
ACTION_LABELS: Final[dict[str, str]] = {
    "bel-112": "Bel 112",
    "politie-avim": "Overleg met de politie (mensenhandel-experts, AVIM)",
    "zorgcoordinator": "Neem contact op met de zorgcoördinator mensenhandel",
    "veilig-thuis": "Meld bij of overleg met Veilig Thuis",
    "csg": "Bel het Centrum Seksueel Geweld",
    "collegiale-consultatie": "Overleg met een collega (collegiale consultatie)",
    "chat-met-fier": "Wijs de jongere op Chat met Fier",
    "kindertelefoon": "Wijs de jongere op de Kindertelefoon",
    "specialistische-hulp": "Regel gespecialiseerde hulp (landelijk expertisecentrum)",
    "comensha-registratie": "Laat de jongere aanmelden bij CoMensha",
    "hulp-jonge-dader": "Regel hulp voor jonge daders",
    "ouders-betrekken": "Betrek de ouders, als dat veilig kan",
    "ouders-niet-betrekken": "Betrek de ouders (nog) niet",
    "vermissing-melden": "Meld de vermissing bij de politie",
    "continuiteit-18": "Regel dat de hulp doorloopt na de 18e verjaardag",
    "nazorg": "Regel nazorg",
}

# Most urgent first.
URGENCIES: Final = ("now", "today", "this_week", "plan")
URGENCY_LABELS: Final[dict[str, str]] = {
    "now": "nu",
    "today": "vandaag",
    "this_week": "deze week",
    "plan": "plannen",
}
URGENCY_RANK: Final[dict[str, int]] = {urgency: i for i, urgency in enumerate(URGENCIES)}

# Condition operators. Which operator fits which field kind is in OPS_BY_KIND.
CONDITION_OPS: Final = (
    "eq",
    "ne",
    "lt",
    "lte",
    "gt",
    "gte",
    "in",
    "contains",
    "contains_any",
    "is_null",
    "not_null",
)
OPS_BY_KIND: Final[dict[str, tuple[str, ...]]] = {
    "int": ("eq", "ne", "lt", "lte", "gt", "gte", "in", "is_null", "not_null"),
    "bool": ("eq", "ne", "is_null", "not_null"),
    "str": ("eq", "ne", "in", "is_null", "not_null"),
    "list": ("contains", "contains_any", "is_null", "not_null"),
}
KIND_LABELS: Final[dict[str, str]] = {
    "int": "geheel getal",
    "bool": "ja/nee (true/false)",
    "str": "tekst",
    "list": "lijst",
}

# Names no rule may refer to, anywhere. Residence status, nationality, origin and their
# stand-ins must never count in the route (non-discrimination, art. 2 of the Convention on
# the Rights of the Child; the lesson of the Dutch childcare-benefits scandal).
FORBIDDEN_FIELDS: Final = frozenset(
    {
        "residence_status",
        "nationality",
        "origin",
        "ethnicity",
        "country_of_birth",
        "birth_country",
        "citizenship",
        "immigration_status",
        "migration_status",
        "migration_background",
        "asylum_status",
        "race",
        "religion",
        "skin_colour",
        "skin_color",
        "mother_tongue",
        "verblijfsstatus",
        "verblijfsvergunning",
        "nationaliteit",
        "afkomst",
        "etniciteit",
        "etnische_afkomst",
        "geboorteland",
        "migratieachtergrond",
        "asielstatus",
        "staatsburgerschap",
        "ras",
        "religie",
        "geloof",
        "huidskleur",
        "moedertaal",
    }
)
# Word stems that mark a name as forbidden even inside a longer name ("nationaliteit_ouders").
FORBIDDEN_STEMS: Final = (
    "residence",
    "nationalit",
    "ethnic",
    "etnic",
    "etnisch",
    "verblijf",
    "afkomst",
    "geboorteland",
    "country_of_birth",
    "migra",
    "asiel",
    "asylum",
    "citizenship",
    "staatsburger",
)
FORBIDDEN_MESSAGE: Final = (
    "verblijfsstatus, nationaliteit en afkomst mogen nooit meetellen in de route "
    "(non-discriminatie, artikel 2 van het Kinderrechtenverdrag). Dit is nooit toegestaan, "
    "ook niet in een regionale of gemeentelijke routekaart."
)


def is_forbidden_name(name: object) -> bool:
    """True when a field name refers to residence status, nationality, origin or the like."""
    if not isinstance(name, str):
        return False
    normal = re.sub(r"[\s\-.]+", "_", name.strip().lower())
    return normal in FORBIDDEN_FIELDS or any(stem in normal for stem in FORBIDDEN_STEMS)


DEFAULT_PRIORITY: Final = 100
DEFAULT_RULE_ID: Final = "standaard"  # rule_id of default actions; no rule may use it


@dataclass(frozen=True)
class Contact:
    code: str
    name: str
    phone: str = ""
    hours: str = ""
    address: str = ""
    url: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Condition:
    """One test on one situation field. ``value`` is a tuple for ``in`` and ``contains_any``
    and ``True`` for ``is_null`` / ``not_null``. On an unknown (None) field every condition
    is False, except ``is_null``."""

    field: str
    op: str
    value: object


@dataclass(frozen=True)
class ActionTemplate:
    code: str
    urgency: str
    contact: str | None
    why: str


@dataclass(frozen=True)
class Rule:
    """Fires when ALL ``when`` hold AND (``when_any`` is empty OR one group holds entirely).
    A lower ``priority`` number means more important."""

    id: str
    description: str
    when: tuple[Condition, ...]
    when_any: tuple[tuple[Condition, ...], ...]
    then: tuple[ActionTemplate, ...]
    priority: int = DEFAULT_PRIORITY


@dataclass(frozen=True)
class Consultation:
    """An overlegvorm: who meets, when, how often, and who chairs."""

    name: str
    participants: str
    when: str
    frequency: str
    chair: str


@dataclass(frozen=True)
class RouteMapDoc:
    name: str
    description: str
    contacts: dict[str, Contact]
    consultations: tuple[Consultation, ...]
    rules: tuple[Rule, ...]
    default_actions: tuple[ActionTemplate, ...]
