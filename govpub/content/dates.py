"""Publish times as articles write them (`YYYY-MM-DD HH:MM`, Beijing time): the one strict
parser shared by the content rules (meta.date), `govpub new` and `govpub import`, and the advice
for a time written another way (the same time in the right form where one can be read)."""

from __future__ import annotations

import re
from datetime import datetime

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# what drafters write instead: 2026/12/05 9:30, 2026年12月5日, seconds, ISO 8601 with a zone
LOOSE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                      r"(?:(?:\s+|T|\s*([上下]午)\s*)(\d{1,2})\s*[:：时点]\s*(\d{1,2})\s*分?(:\d{1,2}(?:\.\d+)?)?)?"
                      r"\s*(Z|[+-]\d{2}:?\d{2}|北京时间|CST)?$")


def parse_datetime(value: str) -> datetime | None:
    """`YYYY-MM-DD HH:MM` as written in front matter, or None."""
    if not DATE_RE.match(value):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError:
        return None


def advice(value: str) -> str:
    """What to write instead of a publish time that is not YYYY-MM-DD HH:MM (the message of
    meta.date): the same time in the right form where one can be read from it."""
    m = LOOSE_RE.match(value.strip())
    if m is None:
        return (f"发布时间“{value}”不是具体的日期和时刻：请写成 YYYY-MM-DD HH:MM（北京时间），"
                "如 2026-11-20 09:30；写了以后的时间，文章合并后到这个时间才发布")
    year, month, day, half, hour, minute, seconds, zone = m.groups()
    try:
        afternoon = half == "下午" and hour is not None and int(hour) < 12
        when = datetime(int(year), int(month), int(day), int(hour or 0) + 12 * afternoon, int(minute or 0))
    except ValueError:
        return f"发布时间“{value}”不是一个存在的日期或时刻：请改正，写成 YYYY-MM-DD HH:MM，如 2026-11-20 09:30"
    if hour is None:
        return (f"发布时间“{value}”缺少时刻：请写成 {when:%Y-%m-%d} 09:30 这样的 YYYY-MM-DD HH:MM"
                "（北京时间，填实际发布的时刻）")
    extra = "、".join(x for x, present in (("秒", seconds), ("时区", zone)) if present)
    if zone and zone not in ("+08:00", "+0800", "北京时间", "CST"):
        return (f"发布时间“{value}”不是北京时间：请换算成北京时间，写成 YYYY-MM-DD HH:MM，不写秒和时区")
    return (f"发布时间“{value}”格式不对：请写成 {when:%Y-%m-%d %H:%M}"
            + (f"（不写{extra}，发布时间都是北京时间）" if extra else "（YYYY-MM-DD HH:MM，月、日、时、分都是两位）"))


def parse_day(value: str) -> datetime | None:
    if not DAY_RE.match(value):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return None
