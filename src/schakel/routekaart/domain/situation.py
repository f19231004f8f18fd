"""The situation a professional describes: the input of the routing contract (pure, no ORM).

Every field is optional; ``None`` means "unknown". Parsing is strict so that a typo never
silently becomes "unknown": unknown fields and wrong types are errors, and all errors are
collected into one :class:`SituationError` with Dutch messages that name the field.

``residence_status`` is accepted as input (a case file may hold it) but the routing engine
never reads it: residence status, nationality and origin must never change the route.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Final

EXPLOITATION_TYPES: Final = ("sexual", "criminal", "labour", "other")

# The contract's input fields in contract order, with their kind: "int", "bool", "list"
# (a list of EXPLOITATION_TYPES) or "str".
SITUATION_FIELDS: Final[dict[str, str]] = {
    "age": "int",
    "exploitation_types": "list",
    "online": "bool",
    "acute_danger": "bool",
    "structural_unsafety": "bool",
    "disclosure": "bool",
    "sexual_assault_days_ago": "int",
    "missing": "bool",
    "missing_episodes_90d": "int",
    "also_offender": "bool",
    "wants_anonymity": "bool",
    "parents_involved": "bool",
    "municipality": "str",
    "residence_status": "str",
}

# Dutch labels for forms and messages (B1).
FIELD_LABELS: Final[dict[str, str]] = {
    "age": "leeftijd",
    "exploitation_types": "vorm van uitbuiting",
    "online": "(ook) online",
    "acute_danger": "direct gevaar",
    "structural_unsafety": "structurele onveiligheid",
    "disclosure": "de jongere heeft het zelf verteld",
    "sexual_assault_days_ago": "dagen geleden seksueel geweld",
    "missing": "nu vermist",
    "missing_episodes_90d": "keren vermist in de laatste 90 dagen",
    "also_offender": "benadert of dwingt zelf ook anderen",
    "wants_anonymity": "de jongere vraagt om niets te doen",
    "parents_involved": "ouders betrokken bij de uitbuiting",
    "municipality": "gemeente (CBS-code)",
    "residence_status": "verblijfsstatus (telt nooit mee)",
}

EXPLOITATION_TYPE_LABELS: Final[dict[str, str]] = {
    "sexual": "seksuele uitbuiting",
    "criminal": "criminele uitbuiting",
    "labour": "arbeidsuitbuiting",
    "other": "andere uitbuiting",
}

# Inclusive bounds for the integer fields.
INT_RANGES: Final[dict[str, tuple[int, int]]] = {
    "age": (0, 30),
    "sexual_assault_days_ago": (0, 11000),
    "missing_episodes_90d": (0, 1000),
}

MUNICIPALITY_CODE: Final = re.compile(r"^GM\d{4}$")
MAX_TEXT_LENGTH: Final = 200

# Field names that do not exist and never will; parse_situation names them explicitly.
_NEVER_FIELDS: Final = frozenset(
    {"nationality", "nationaliteit", "origin", "afkomst", "ethnicity", "etniciteit"}
)


class SituationError(ValueError):
    """One or more problems in a situation; ``messages`` are Dutch and name the field."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__("Ongeldige situatie: " + "; ".join(self.messages))


@dataclass(frozen=True)
class Situation:
    age: int | None = None
    exploitation_types: tuple[str, ...] = ()
    online: bool | None = None
    acute_danger: bool | None = None
    structural_unsafety: bool | None = None
    disclosure: bool | None = None
    sexual_assault_days_ago: int | None = None
    missing: bool | None = None
    missing_episodes_90d: int | None = None
    also_offender: bool | None = None
    wants_anonymity: bool | None = None
    parents_involved: bool | None = None
    municipality: str | None = None
    residence_status: str | None = None


if tuple(f.name for f in fields(Situation)) != tuple(SITUATION_FIELDS):  # pragma: no cover
    raise RuntimeError("Situation en SITUATION_FIELDS lopen niet gelijk")


def show_value(value: object) -> str:
    """Show a value the way the user typed it in JSON or YAML (for error messages)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"'{text}'"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _parse_int(name: str, value: object, errors: list[str]) -> int | None:
    low, high = INT_RANGES[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.append(
            f"{name}: moet een geheel getal van {low} tot {high} zijn, niet {show_value(value)}"
        )
        return None
    return value


def _parse_bool(name: str, value: object, errors: list[str]) -> bool | None:
    if not isinstance(value, bool):
        errors.append(f"{name}: moet true of false zijn, niet {show_value(value)}")
        return None
    return value


def _parse_types(name: str, value: object, errors: list[str]) -> tuple[str, ...]:
    allowed = ", ".join(EXPLOITATION_TYPES)
    if not isinstance(value, list | tuple):
        errors.append(
            f"{name}: moet een lijst zijn met waarden uit {allowed}, niet {show_value(value)}"
        )
        return ()
    found: set[str] = set()
    for item in value:
        if not isinstance(item, str) or item not in EXPLOITATION_TYPES:
            errors.append(f"{name}: onbekende vorm {show_value(item)}; toegestaan: {allowed}")
        else:
            found.add(item)
    # Canonical order and no duplicates, so equal situations compare equal.
    return tuple(t for t in EXPLOITATION_TYPES if t in found)


def _parse_str(name: str, value: object, errors: list[str]) -> str | None:
    if not isinstance(value, str):
        errors.append(f"{name}: moet tekst zijn, niet {show_value(value)}")
        return None
    if name == "municipality" and not MUNICIPALITY_CODE.match(value):
        errors.append(
            f"{name}: moet een CBS-gemeentecode zijn zoals 'GM0344' (GM en 4 cijfers), "
            f"niet {show_value(value)}"
        )
        return None
    if len(value) > MAX_TEXT_LENGTH:
        errors.append(f"{name}: is te lang (meer dan {MAX_TEXT_LENGTH} tekens)")
        return None
    return value


def parse_situation(data: Mapping[str, object]) -> Situation:
    """Parse a JSON-like mapping into a Situation, or raise SituationError with all errors."""
    if not isinstance(data, Mapping):
        raise SituationError(
            [f"situatie: moet een object met velden zijn, niet {show_value(data)}"]
        )
    errors: list[str] = []
    values: dict[str, object] = {}
    allowed = ", ".join(SITUATION_FIELDS)
    for key, value in data.items():
        if not isinstance(key, str) or key not in SITUATION_FIELDS:
            name = key if isinstance(key, str) else show_value(key)
            if isinstance(key, str) and key.lower() in _NEVER_FIELDS:
                errors.append(
                    f"{name}: dit veld bestaat niet en wordt nooit gebruikt; verblijfsstatus, "
                    "nationaliteit en afkomst mogen nooit meetellen. "
                    f"Toegestane velden: {allowed}"
                )
            else:
                errors.append(f"{name}: onbekend veld; toegestane velden: {allowed}")
            continue
        if value is None:
            continue
        kind = SITUATION_FIELDS[key]
        if kind == "int":
            values[key] = _parse_int(key, value, errors)
        elif kind == "bool":
            values[key] = _parse_bool(key, value, errors)
        elif kind == "list":
            values[key] = _parse_types(key, value, errors)
        else:
            values[key] = _parse_str(key, value, errors)
    if errors:
        raise SituationError(errors)
    return Situation(**values)  # type: ignore[arg-type]


def situation_to_dict(situation: Situation) -> dict[str, object]:
    """All fields in contract order; unknown fields are None, exploitation_types a list."""
    result: dict[str, object] = {}
    for name in SITUATION_FIELDS:
        value = getattr(situation, name)
        result[name] = list(value) if name == "exploitation_types" else value
    return result
