"""Working days on the Chinese calendar: public holidays and make-up working days (调休).

chinesecalendar carries the State Council's holiday arrangements year by year. For a year
it does not know yet, weekends are the only days off and the caller is told so.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache


@lru_cache(maxsize=4096)
def is_workday(day: date) -> tuple[bool, bool]:
    """(is a working day, known from the official calendar)."""
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def add_workdays(start: datetime, n: int) -> tuple[datetime, bool]:
    """The end (23:59) of the n-th working day after start; and whether every day was known.

    A consultation received on a working day counts from the next working day, as
    reply periods are usually counted (the day of receipt is day 0).
    """
    day = start.date()
    known = True
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        work, ok = is_workday(day)
        known = known and ok
        if work:
            counted += 1
    return datetime.combine(day, datetime.max.time()).replace(microsecond=0, second=0), known


def workdays_between(start: datetime, end: datetime) -> int:
    """Working days after start's day up to and including end's day."""
    day, count = start.date(), 0
    while day < end.date():
        day += timedelta(days=1)
        if is_workday(day)[0]:
            count += 1
    return count
