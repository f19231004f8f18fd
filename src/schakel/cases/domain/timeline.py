"""One chronological view of a case: signals, roles, decisions, referrals, episodes, status.

Entries carry the section they belong to, so a reader sees only what they may see: the same
rule serves the timeline page and the printable summary for a case conference.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .access import Section
from .missing import require_aware


@dataclass(frozen=True)
class Entry:
    at: datetime
    section: Section | None  # None: part of the case summary everyone on the case sees
    kind: str  # a stable code, e.g. "decision", "referral.accepted"
    title: str  # plain Dutch
    text: str = ""
    by: str = ""


def timeline(entries: Iterable[Entry], sections: frozenset[Section]) -> list[Entry]:
    """The entries the reader may see, oldest first, with a stable order for equal times."""
    visible = []
    for entry in entries:
        require_aware(entry.at, "at")
        if entry.section is None or entry.section in sections:
            visible.append(entry)
    return sorted(visible, key=lambda e: (e.at, e.kind, e.title))
