"""Beijing time for every timestamp, whatever the machine's time zone (a CI runner is in UTC)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from helpers import GIT_ENV

from govpub import clock


def beijing_minutes() -> set[str]:
    """This minute and the next in Beijing, computed from UTC (the test's own zone is irrelevant)."""
    now = datetime.now(UTC) + timedelta(hours=8)
    return {(now + timedelta(minutes=d)).strftime("%Y-%m-%d %H:%M") for d in (0, 1)}


def run(site, tz: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "TZ": tz, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "govpub", *args], cwd=site.root, env=env,
                          capture_output=True, text=True, encoding="utf-8")


@pytest.mark.parametrize("tz", ["UTC", "America/New_York", "Asia/Shanghai"])
def test_new_dates_an_article_in_beijing_time(site, tz):
    expected = beijing_minutes()
    proc = run(site, tz, "new", "--column", "gzdt", "--title", "召开会议", "--author", "李明")
    assert proc.returncode == 0, proc.stderr
    (path,) = (site.root / "content/gzdt").rglob("*.md")
    date_line = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("date:"))
    assert date_line.removeprefix("date: ").strip("'\"") in expected


@pytest.mark.parametrize("tz", ["UTC", "America/New_York"])
def test_audit_runs_as_of_beijing_time(site, tz):
    expected = beijing_minutes()
    proc = run(site, tz, "audit", "--output", "report")
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads((site.root / "report/report.json").read_text(encoding="utf-8"))
    assert report["as_of"] in expected


def test_clock_is_beijing_whatever_the_process_zone(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert clock.now().utcoffset() == timedelta(hours=8)
        assert clock.minute() in beijing_minutes()
    finally:
        monkeypatch.undo()
        time.tzset()
