from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from govpub.content.dates import parse_datetime, parse_day
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


def repost_block(doc: Document) -> tuple[dict[str, object], str, datetime | None] | None:
    """The front matter's repost block, its published value as written, and that value as a day (None when it is
    missing or no day); None without a repost block."""
    repost = doc.article.meta.get("repost")
    if not isinstance(repost, dict):
        return None
    published = str(repost.get("published") or "").strip()
    return repost, published, (parse_day(published) or parse_datetime(published)) if published else None


@rule
class DateOrderRule(Rule):
    """转载稿的原文发布时间晚于本文的发布时间。

    ## 作用
    front matter 的 `repost.published`（原文发布时间）是具体日期、但晚于本文的 `date` 时提示。
    缺少原文发布时间、或写成“近日”“2026年11月”的，由 repost.source 报错。

    ## 原因
    第十一条要求转载注明来源和时间：原文不可能在转载之后才发布，两个日期中必有一个写错了——
    多半是原文日期抄错，或本文的发布时间是起草时的旧日期。来源和时间都已写明，转载本身合规，
    所以只提示，由审核人核对是哪个日期写错。

    ## 示例
    本文 `date: 2026-11-20`，`repost: {…, published: 2026-12-30}`。

    ## 修改方法
    在来源网站上核对原文的发布日期填入 `repost.published`；若本文发布时间写早了，改正 `date`。
    """

    id = "repost.date-order"
    title = "转载日期先后"
    article = "第十一条"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        block = repost_block(doc)
        if block is None:
            return
        _, published, day = block
        own = parse_datetime(doc.meta_str("date") or "")
        if day is not None and own is not None and day.date() > own.date():
            yield doc.value_hit(self.id, ("repost", "published"),
                                f"原文发布时间 {published} 晚于本文发布时间 {own:%Y-%m-%d}：核对原文在来源网站上的"
                                "发布日期，或改正本文的发布时间（date）")
