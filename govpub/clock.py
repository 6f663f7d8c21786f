"""Beijing time for every timestamp govpub writes, whatever the machine's time zone.

The bureau, its articles (`date: 2026-11-20 09:30`), the 审批表 and the ledger all speak
Beijing time; a CI runner usually runs in UTC and a laptop anywhere. Use this module, never
datetime.now(), date.today() or time.localtime(). China has had no daylight saving since
1991, so when the machine has no time-zone database (Windows without the tzdata package) a
fixed UTC+08:00 gives exactly the same times.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _beijing() -> tzinfo:
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:
        return timezone(timedelta(hours=8), "CST")


BEIJING = _beijing()
MINUTE = "%Y-%m-%d %H:%M"  # how articles, the ledger and the reports write a time


def now() -> datetime:
    """The current time, aware, in Beijing."""
    return datetime.now(BEIJING)


def wall_now() -> datetime:
    """Beijing wall-clock time to the minute, without a zone: comparable with front-matter
    times, which are written in Beijing time without one."""
    return now().replace(tzinfo=None, second=0, microsecond=0)


def today() -> date:
    return now().date()


def minute() -> str:
    """The current Beijing time as articles write it: 2026-11-20 09:30."""
    return now().strftime(MINUTE)


def epoch() -> float:
    """Seconds since 1970 by this machine's clock, which another machine's may differ from by
    minutes (a runner without NTP, a laptop set by hand): never compare it across machines
    for anything that must be exact (the publish lock watches with monotonic())."""
    return time.time()


def monotonic() -> float:
    """Seconds by a clock that only moves forward at the rate of real time, whatever anyone
    does to the wall clock: for how long this process has watched something."""
    return time.monotonic()
