from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govpub.content.dates import advice, parse_datetime, parse_day
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


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
