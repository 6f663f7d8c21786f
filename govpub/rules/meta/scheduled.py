from __future__ import annotations

from collections.abc import Iterable

from govpub import clock
from govpub.content.dates import parse_datetime
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class ScheduledRule(Rule):
    """发布时间还没有到：文章合并后暂不发布。

    ## 作用
    `date` 晚于现在（北京时间）的文章，合并后不会马上出现在网站和公众号上：到这个时间之后
    的第一次发布才上线（`govpub build` 也不构建它，并列出暂不发布的文章）。这是提示（警告），
    不阻止提交。

    ## 原因
    第七条、第八条：发布时间要如实填写。把发布时间写成将来（如把 11 月写成 12 月、年份写错）时，
    拟稿人在提交时就应知道文章不会按时上线，而不是在发布之后才发现。

    ## 示例
    现在是 2026-12-05，文章写了 `date: 2026-12-25 09:30`。

    ## 修改方法
    要立即发布的，把 `date` 改成实际发布的时间（不晚于现在）；确实定时发布的，保留即可。
    """

    id = "meta.scheduled"
    title = "定时发布"
    article = "第七条、第八条"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        value = doc.meta_str("date")
        if value is None or doc.meta_str("status") is not None:
            return
        when = parse_datetime(value)
        now = clock.wall_now()
        if when is not None and when > now:
            yield doc.value_hit(self.id, "date",
                                f"发布时间 {value} 还没有到（现在是 {now:%Y-%m-%d %H:%M}）：合并后暂不发布，"
                                "到这个时间之后的第一次发布才上线。要立即发布，把 date 改成实际发布的时间")
