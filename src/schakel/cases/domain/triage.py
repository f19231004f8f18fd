"""Triage for specialised care: which kinds of help fit, and why.

Advice only: the care coordinator decides, with reasons, in a decision. The advice looks at
the forms of exploitation, the roles (victim, offender, or both), the age and whether the
young person is in danger now. Nationality, origin and residence status are never an input.
Contact codes are those of the route map, so the region's own partners are filled in.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from .continuity import TRANSITION_PLAN_FROM, transition_plan_due

EXPERTISE_CENTRE: Final = "expertisecentrum"
YOUNG_OFFENDERS: Final = "hulp-jonge-dader"
SAFETY_HOUSE: Final = "zorg-en-veiligheidshuis"
SEXUAL_VIOLENCE_CENTRE: Final = "csg"
POLICE_EXPERTS: Final = "avim"
VEILIG_THUIS: Final = "veilig-thuis"


@dataclass(frozen=True)
class TriageInput:
    exploitation_types: frozenset[str] = frozenset()  # sexual, criminal, labour, other
    victim: bool = True
    offender: bool = False
    date_of_birth: date | None = None
    acute_danger: bool = False
    recent_sexual_violence: bool = False  # within the last 7 days
    parents_involved_in_exploitation: bool = False


@dataclass(frozen=True)
class Advice:
    contact: str  # a route-map contact code, or "" when no single contact fits
    kind: str  # the kind of help, plain Dutch
    why: str


def triage(facts: TriageInput, today: date) -> list[Advice]:
    """Kinds of specialised care that fit, most specific first. Never empty."""
    advice: list[Advice] = []
    types = facts.exploitation_types
    if facts.recent_sexual_violence:
        advice.append(
            Advice(
                SEXUAL_VIOLENCE_CENTRE,
                "Acute medische en psychische hulp na seksueel geweld",
                "Er was seksueel geweld in de afgelopen 7 dagen: dan is snelle hulp nodig.",
            )
        )
    if facts.victim and "sexual" in types:
        advice.append(
            Advice(
                EXPERTISE_CENTRE,
                "Gespecialiseerde behandeling en een veilige plek voor minderjarige slachtoffers",
                "Slachtoffer van seksuele uitbuiting: de landelijke expertisecentra zijn "
                "hierin gespecialiseerd.",
            )
        )
    if facts.victim and ("criminal" in types or "labour" in types):
        advice.append(
            Advice(
                SAFETY_HOUSE,
                "Aanpak van zorg en veiligheid samen",
                "Slachtoffer van criminele of arbeidsuitbuiting: zorg en veiligheid moeten "
                "samen worden opgepakt.",
            )
        )
    if facts.offender:
        advice.append(
            Advice(
                YOUNG_OFFENDERS,
                "Hulp voor jonge daders",
                "De jongere is ook (mogelijk) dader: ook daarvoor is hulp nodig, naast de hulp "
                "als slachtoffer.",
            )
        )
        if facts.victim:
            advice.append(
                Advice(
                    SAFETY_HOUSE,
                    "Casusoverleg over slachtoffer en dader tegelijk",
                    "Slachtoffer en dader tegelijk: bespreek samen wat de jongere beschermt en "
                    "wat nodig is om te stoppen.",
                )
            )
    if facts.acute_danger or facts.parents_involved_in_exploitation:
        advice.append(
            Advice(
                POLICE_EXPERTS,
                "Veiligheid en opsporing",
                "Er is direct gevaar of de ouders zijn bij de uitbuiting betrokken: overleg over "
                "veiligheid en aangifte.",
            )
        )
    if facts.date_of_birth is not None:
        years, months = TRANSITION_PLAN_FROM
        if transition_plan_due(facts.date_of_birth, today, from_years=years, from_months=months):
            advice.append(
                Advice(
                    "",
                    "Hulp die doorloopt na het 18e jaar",
                    "De jongere is 17,5 jaar of ouder: kies hulp die na het 18e jaar kan "
                    "doorlopen, en regel de overdracht.",
                )
            )
    if not advice:
        advice.append(
            Advice(
                VEILIG_THUIS,
                "Advies over de juiste hulp",
                "Nog te weinig bekend voor een specifieke verwijzing: vraag advies.",
            )
        )
    return _unique(advice)


def _unique(items: Iterable[Advice]) -> list[Advice]:
    seen: set[tuple[str, str]] = set()
    out = []
    for item in items:
        key = (item.contact, item.kind)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
