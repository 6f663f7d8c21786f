"""Reply deadlines on the Chinese working-day calendar, across 国庆 and 春节 with make-up days."""

from __future__ import annotations

from datetime import datetime

import pytest

from govpub.audit.workdays import add_workdays, is_workday, workdays_between


@pytest.mark.parametrize("received, deadline", [
    # 国庆+中秋 2025: 10-01 … 10-08 off; Sunday 09-28 and Saturday 10-11 are working days
    ("2025-09-30 10:00", "2025-10-14"),
    ("2025-09-26 17:30", "2025-10-10"),  # the make-up Sunday 09-28 counts
    ("2025-10-08 09:00", "2025-10-14"),  # received on a holiday: counting starts after it
    # 春节 2025: 01-28 … 02-04 off; Sunday 01-26 and Saturday 02-08 are working days
    ("2025-01-24 16:00", "2025-02-07"),
    ("2025-02-06 09:00", "2025-02-12"),  # the make-up Saturday 02-08 counts
    # an ordinary week
    ("2026-11-20 15:40", "2026-11-27"),
])
def test_five_working_days(received, deadline):
    end, known = add_workdays(datetime.strptime(received, "%Y-%m-%d %H:%M"), 5)
    assert end.strftime("%Y-%m-%d %H:%M") == f"{deadline} 23:59"
    assert known


def test_make_up_days_and_holidays():
    assert is_workday(datetime(2025, 10, 11).date()) == (True, True)  # a Saturday, make-up day
    assert is_workday(datetime(2025, 10, 6).date()) == (False, True)  # a Monday, holiday


def test_a_year_the_calendar_does_not_know_falls_back_to_weekends():
    end, known = add_workdays(datetime(2027, 1, 4, 9, 0), 5)  # Monday
    assert end.date() == datetime(2027, 1, 11).date() and not known


def test_workdays_between():
    assert workdays_between(datetime(2025, 9, 30, 10), datetime(2025, 10, 10, 9)) == 2
