"""Optimistic locking: find what two people changed at the same time, so nothing is lost.

Three snapshots of the same fields: ``base`` (what you saw when you opened the form),
``current`` (what is stored now, perhaps changed by someone else) and ``submitted`` (what you
send). A field is a conflict only when both sides changed it, to different values. All other
changes combine: theirs are kept and yours are applied.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

CONFLICT_MESSAGE: Final = "Iemand anders heeft dit intussen gewijzigd."

_ABSENT: Final = object()  # a field missing from a snapshot


@dataclass(frozen=True)
class FieldChange:
    """One field both people changed: the value they saved, yours, and what it was before."""

    field: str
    label: str
    theirs: object
    yours: object
    base: object = None


def changed_by_others(
    base: Mapping[str, object], current: Mapping[str, object], labels: Mapping[str, str]
) -> list[FieldChange]:
    """Every field someone else changed since ``base`` (``yours`` is the base value here).

    Use it to show everything that changed, also fields without a conflict.
    """
    fields = list(dict.fromkeys([*base, *current]))
    return [
        FieldChange(
            field,
            labels.get(field, field),
            current.get(field),
            base.get(field),
            base.get(field),
        )
        for field in fields
        if base.get(field, _ABSENT) != current.get(field, _ABSENT)
    ]


def conflicts(
    base: Mapping[str, object],
    current: Mapping[str, object],
    submitted: Mapping[str, object],
    labels: Mapping[str, str],
) -> list[FieldChange]:
    """Fields that someone else changed since ``base`` AND that you changed differently.

    Only the fields in ``submitted`` are looked at, in its order. Two people making the
    same change is no conflict.
    """
    found = []
    for field, yours in submitted.items():
        before = base.get(field, _ABSENT)
        theirs = current.get(field, _ABSENT)
        if theirs != before and yours != before and yours != theirs:
            found.append(
                FieldChange(
                    field,
                    labels.get(field, field),
                    None if theirs is _ABSENT else theirs,
                    yours,
                    None if before is _ABSENT else before,
                )
            )
    return found


def merge_possible(
    base: Mapping[str, object],
    current: Mapping[str, object],
    submitted: Mapping[str, object],
) -> bool:
    """True when your changes and theirs touch no field in different ways."""
    return not conflicts(base, current, submitted, {})


def merged(
    base: Mapping[str, object],
    current: Mapping[str, object],
    submitted: Mapping[str, object],
) -> dict[str, object]:
    """``current`` with your changes applied: their changes stay, yours are added.

    Raises ValueError when there is a conflict; show ``conflicts()`` to the user instead.
    """
    if not merge_possible(base, current, submitted):
        raise ValueError("The changes conflict; show conflicts() to the user.")
    result = dict(current)
    for field, yours in submitted.items():
        if yours != base.get(field, _ABSENT):
            result[field] = yours
    return result


def conflict_lines(changes: list[FieldChange]) -> list[str]:
    """One plain Dutch line per conflict, for under CONFLICT_MESSAGE."""
    return [
        f"{change.label}: de ander maakte er '{_shown(change.theirs)}' van, "
        f"u '{_shown(change.yours)}'. Eerst stond er '{_shown(change.base)}'."
        for change in changes
    ]


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(leeg)"
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    return str(value)
