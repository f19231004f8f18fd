"""What a suggestion shows: the two signals' fields side by side, and per field what the
model saw and how much it counted, in plain Dutch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .models import LinkSuggestion


@dataclass(frozen=True)
class FieldRow:
    label: str
    left: str
    right: str
    level: str
    agrees: bool | None
    weight: float

    @property
    def verdict(self) -> str:
        if self.agrees is None:
            return _("onbekend")
        return _("pleit voor") if self.agrees else _("pleit tegen")


def _name(signal: Any) -> str:
    parts = [
        signal.given_names,
        f"({signal.roepnaam})" if signal.roepnaam else "",
        signal.tussenvoegsel,
        signal.surname,
    ]
    return " ".join(part for part in parts if part)


def _address(signal: Any) -> str:
    street = " ".join(part for part in (signal.street, signal.house_number) if part)
    place = " ".join(part for part in (signal.postcode, signal.place) if part)
    return ", ".join(part for part in (street, place) if part)


_SHOWN = {
    "first_name": lambda s: _name(s),
    "surname": lambda s: " ".join(p for p in (s.tussenvoegsel, s.surname) if p),
    "dob": lambda s: s.date_of_birth.strftime("%d-%m-%Y") if s.date_of_birth else "",
    "sex": lambda s: s.get_gender_display() if s.gender else "",
    "address": _address,
    "bsn": lambda s: s.bsn,
    "school": lambda s: s.school,
    "phone": lambda s: s.phone,
    "household": lambda s: "",
}


@dataclass(frozen=True)
class SuggestionView:
    suggestion: LinkSuggestion
    percent: int
    left: Any
    right: Any
    fields: tuple[FieldRow, ...]


def suggestion_view(suggestion: LinkSuggestion, *, with_fields: bool = False) -> SuggestionView:
    left = suggestion.record_a.signal
    right = suggestion.record_b.signal
    rows: list[FieldRow] = []
    if with_fields:
        for reason in suggestion.reasons:
            shown = _SHOWN.get(reason["field"], lambda s: "")
            rows.append(
                FieldRow(
                    label=reason["label"],
                    left=shown(left) or "—",
                    right=shown(right) or "—",
                    level=reason["level"],
                    agrees=reason["agrees"],
                    weight=reason["weight"],
                )
            )
    return SuggestionView(
        suggestion=suggestion,
        percent=round(suggestion.match_probability * 100),
        left=left,
        right=right,
        fields=tuple(rows),
    )
