"""Which kinds of subject the privacy officer can look up, and whether one is in their area.

Apps register their own kinds (accounts: user accounts, intake: signals), so the audit app
does not need to know their models.
"""

from collections.abc import Callable
from typing import Any

InScope = Callable[[Any, int], bool]

_SUBJECTS: dict[str, tuple[str, InScope]] = {}


def register_subject(kind: str, label: str, in_scope: InScope) -> None:
    _SUBJECTS[kind] = (label, in_scope)


def subject_choices() -> list[tuple[str, str]]:
    return [(kind, label) for kind, (label, _check) in sorted(_SUBJECTS.items())]


def subject_in_scope(user: Any, kind: str, subject_id: int) -> bool:
    entry = _SUBJECTS.get(kind)
    return entry is not None and entry[1](user, subject_id)
