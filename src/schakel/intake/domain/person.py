"""Checks and normal forms for the young person's details (pure, no ORM)."""

import re
from datetime import date

_POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")


def normalise_postcode(value: str) -> str | None:
    """'1234ab' -> '1234 AB'; None when it is not a Dutch postcode."""
    match = _POSTCODE.match(value or "")
    if match is None or match.group(1).startswith("0"):
        return None
    return f"{match.group(1)} {match.group(2).upper()}"


def bsn_is_valid(value: str) -> bool:
    """The eleven-test (elfproef) for a BSN of 9 digits."""
    if not re.fullmatch(r"\d{9}", value or ""):
        return False
    digits = [int(d) for d in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0 and value != "000000000"


def age_on(date_of_birth: date, today: date) -> int:
    years = today.year - date_of_birth.year
    if (today.month, today.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years
