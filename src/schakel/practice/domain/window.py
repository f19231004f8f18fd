"""The window a summary looks back over: "the past N months" up to and including today."""

import calendar
from datetime import date


def window_start(today: date, months: int) -> date:
    """The same day ``months`` months earlier (the last day of a shorter month if needed).

    >>> window_start(date(2025, 5, 31), 3)
    datetime.date(2025, 2, 28)
    """
    if months < 0:
        raise ValueError("months must not be negative")
    index = today.year * 12 + (today.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    day = min(today.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def in_window(day: date, *, since: date, today: date) -> bool:
    return since <= day <= today
