from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.links._urls import domain_in


@rule
class ShortenerRule(Rule):
    """使用了短网址。

    ## 作用
    找出 `checks/wordlists/ads.yml` 中 `shorteners` 登记的短网址服务（t.cn、dwz.cn 等）的链接。

    ## 原因
    第四条、第十一条：短网址隐藏了真实去向，无法核实是否为可信来源，也可能在发布后被改指向。

    ## 示例
    `报名入口：https://t.cn/A6abcd`。

    ## 修改方法
    换成完整的原始网址（须为可信来源）。
    """

    id = "links.shortener"
    title = "短网址"
    article = "第四条、第十一条"

    @cached_property
    def _domains(self) -> list[str]:
        return list(self.policy.wordlist("ads", "ads").data.get("shorteners") or [])

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup
        for link in doc.links:
            if link.host and domain_in(link.host, self._domains):
                yield doc.hit(self.id, view, link.start, link.end, f"短网址“{link.url}”：换成完整的原始网址")
