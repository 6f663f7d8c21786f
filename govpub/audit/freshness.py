"""Column freshness against the national thresholds; blank columns; the home page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from govpub.content.article import Article

KINDS = {"news": "动态类", "notice": "通知公告", "policy": "政策文件", "interpretation": "政策解读",
         "service": "办事服务", "publicity": "公示公开", "personnel": "人事信息", "plan": "规划计划",
         "report": "报告"}


@dataclass
class ColumnState:
    slug: str
    name: str
    kind: str
    last: datetime | None
    age_days: int | None
    threshold_days: int | None  # None: the national rules set no update period for this kind
    state: str  # ok | stale | long_stale | blank

    def as_json(self) -> dict[str, object]:
        return {"slug": self.slug, "name": self.name, "kind": self.kind,
                "last": self.last.strftime("%Y-%m-%d %H:%M") if self.last else None,
                "age_days": self.age_days, "threshold_days": self.threshold_days, "state": self.state}


def published_date(art: Article, as_of: datetime) -> datetime | None:
    """The article's publish time if it is live on as_of (not withdrawn, not in the future)."""
    value = art.meta.get("date")
    if art.meta.get("status") == "withdrawn" or not isinstance(value, str):
        return None
    try:
        when = datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError:
        return None
    return when if when <= as_of else None


def calendar_days(last: datetime, as_of: datetime) -> int:
    """Days between two Beijing dates, as the inspector counts from the dates a page shows: an
    item of 11-12 18:00 is 15 days old on 11-27 at 09:00 (it was 14 by elapsed hours, a day
    too late for the two-week veto)."""
    return (as_of.date() - last.date()).days


def column_states(columns: dict[str, dict[str, Any]], articles: list[Article], config: dict[str, Any],
                  as_of: datetime) -> list[ColumnState]:
    latest: dict[str, datetime] = {}
    for art in articles:
        when = published_date(art, as_of)
        col = art.column
        if when and col and (col not in latest or when > latest[col]):
            latest[col] = when
    thresholds = config["freshness_days"]
    out = []
    for slug, entry in columns.items():
        last = latest.get(slug)
        threshold = thresholds.get(entry["kind"])
        if last is None:
            out.append(ColumnState(slug, entry["name"], entry["kind"], None, None, threshold, "blank"))
            continue
        age = calendar_days(last, as_of)
        state = "ok"
        if threshold is not None and age > threshold:
            state = "long_stale" if age > config["long_stale_days"] else "stale"
        out.append(ColumnState(slug, entry["name"], entry["kind"], last, age, threshold, state))
    return out


def home_page(articles: list[Article], config: dict[str, Any], as_of: datetime) -> dict[str, object]:
    """The home page shows the latest items of every column: stale when none is recent."""
    dates = [d for a in articles if (d := published_date(a, as_of))]
    last = max(dates) if dates else None
    age = calendar_days(last, as_of) if last else None
    threshold = config["freshness_days"]["home"]
    return {"last": last.strftime("%Y-%m-%d %H:%M") if last else None, "age_days": age,
            "threshold_days": threshold, "stale": age is None or age > threshold}
