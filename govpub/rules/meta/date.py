from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

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


@rule
class DateRule(Rule):
    """发布时间格式错误，或与文章所在的年份目录不符。

    ## 作用
    `date` 必须写成 `YYYY-MM-DD HH:MM`（如 `2026-11-20 09:30`），是真实存在的日期时间，
    年份与 `content/<栏目>/<年份>/` 目录一致；`repost.published` 和 `withdrawn_at`
    写成 `YYYY-MM-DD` 或 `YYYY-MM-DD HH:MM`。

    ## 原因
    网页元数据 PubDate 要求 `YYYY-MM-DD HH:MM`；国家检查把伪造发稿日期列为单项否决，
    发布时间必须准确。

    ## 示例
    `date: 2026/11/20`、`date: 2026-11-31 09:30`。

    ## 修改方法
    按 `2026-11-20 09:30` 的格式填写实际发布时间。
    """

    id = "meta.date"
    title = "发布时间"
    article = "第七条、第八条"

    def check(self, doc: Document) -> Iterable[Hit]:
        value = doc.meta_str("date")
        if value is not None:
            when = parse_datetime(value)
            if when is None:
                yield doc.value_hit(self.id, "date", advice(value))
            else:
                parts = doc.article.path.split("/")
                if len(parts) == 4 and parts[0] == "content" and parts[2] != str(when.year):
                    yield doc.value_hit(self.id, "date",
                                        f"发布时间是 {when.year} 年，文章却在 {parts[2]}/ 目录下："
                                        f"移到 content/{parts[1]}/{when.year}/，或改正发布时间")
        for path in (("repost", "published"), ("withdrawn_at",)):
            node_value: Any = doc.article.meta
            for step in path:
                node_value = node_value.get(step) if isinstance(node_value, dict) else None
            if isinstance(node_value, str) and node_value.strip():
                if parse_day(node_value) is None and parse_datetime(node_value) is None:
                    yield doc.value_hit(self.id, path,
                                        f"日期“{node_value}”无效：请写成 YYYY-MM-DD 或 YYYY-MM-DD HH:MM")
