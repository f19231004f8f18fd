"""Need-to-know inside a case: which sections a reader may see.

The care coordinator of the region sees the whole case. A member of the case team (a
professional of a partner organisation) sees only the sections granted, and only until the
end date of the membership. Emergency access is for a care coordinator outside the region,
for a short time, with a stated reason that the privacy officer reviews.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Final


class Section(StrEnum):
    SIGNALS = "signals"
    ROLES = "roles"
    DECISIONS = "decisions"
    REFERRALS = "referrals"
    MISSING = "missing"
    CONTINUITY = "continuity"


SECTION_LABELS: Final[Mapping[Section, str]] = {
    Section.SIGNALS: "Signalen",
    Section.ROLES: "Rollen en vormen van uitbuiting",
    Section.DECISIONS: "Besluiten",
    Section.REFERRALS: "Verwijzingen en hulp",
    Section.MISSING: "Vermissingen",
    Section.CONTINUITY: "Na het 18e jaar en nazorg",
}

ALL_SECTIONS: Final = frozenset(Section)

# A team membership lasts at most this long; it can be renewed.
MAX_MEMBERSHIP_DAYS: Final = 366
# Emergency access ends by itself after this many hours.
EMERGENCY_HOURS: Final = 24
# A reason shorter than this says too little for the privacy officer to review.
EMERGENCY_REASON_MIN: Final = 20


class Via(StrEnum):
    """How a reader reaches a case; shown in the audit trail and to the privacy officer."""

    COORDINATOR = "coordinator"
    TEAM = "team"
    EMERGENCY = "emergency"


@dataclass(frozen=True)
class Membership:
    sections: frozenset[Section]
    until: date
    ended: bool = False

    def active_on(self, today: date) -> bool:
        return not self.ended and today <= self.until


def parse_sections(values: Iterable[str]) -> frozenset[Section]:
    """Known section codes only; unknown codes raise ValueError (never silently granted)."""
    return frozenset(Section(value) for value in values)


def visible_sections(
    *, via: Via | None, membership: Membership | None = None, today: date
) -> frozenset[Section]:
    """What the reader sees of a case. Nothing when there is no way in."""
    if via in (Via.COORDINATOR, Via.EMERGENCY):
        return ALL_SECTIONS
    if via == Via.TEAM and membership is not None and membership.active_on(today):
        return membership.sections
    return frozenset()


def membership_problems(sections: Iterable[str], until: date | None, today: date) -> dict[str, str]:
    """Dutch messages per field; empty when the membership can be saved."""
    problems: dict[str, str] = {}
    chosen = list(sections)
    if not chosen:
        problems["sections"] = "Kies minstens één onderdeel dat dit teamlid mag zien."
    else:
        try:
            parse_sections(chosen)
        except ValueError:
            problems["sections"] = "Kies alleen onderdelen uit de lijst."
    if until is None:
        problems["until"] = "Vul een einddatum in: toegang is altijd tijdelijk."
    elif until < today:
        problems["until"] = "De einddatum ligt in het verleden."
    elif until > today + timedelta(days=MAX_MEMBERSHIP_DAYS):
        problems["until"] = (
            f"Kies een einddatum binnen {MAX_MEMBERSHIP_DAYS} dagen. U kunt de toegang later "
            "verlengen."
        )
    return problems


def emergency_problems(reason: str) -> dict[str, str]:
    if len(reason.strip()) < EMERGENCY_REASON_MIN:
        return {
            "reason": (
                "Schrijf op waarom u deze casus nu nodig hebt (minstens "
                f"{EMERGENCY_REASON_MIN} tekens). De privacy officer leest dit."
            )
        }
    return {}


def emergency_expires(granted_at: datetime) -> datetime:
    return granted_at + timedelta(hours=EMERGENCY_HOURS)
