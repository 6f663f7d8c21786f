from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.links._urls import domain_in


@rule
class CommercialRule(Rule):
    """链接指向购物等商业网站。

    ## 作用
    找出指向 `checks/wordlists/ads.yml` 中 `shopping_domains`（淘宝、京东、拼多多等）的链接和网址。

    ## 原因
    第四条：不得刊登、转发商业广告或者链接商业广告页面。

    ## 示例
    `购买普法读本请访问 https://item.jd.com/123.html`。

    ## 修改方法
    删除商业链接；需要介绍的内容用文字说明，不指向具体商家。
    """

    id = "links.commercial"
    title = "商业链接"
    article = "第四条"

    @cached_property
    def _domains(self) -> list[str]:
        return list(self.policy.wordlist("ads", "ads").data.get("shopping_domains") or [])

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup
        for link in doc.links:
            if link.host and (d := domain_in(link.host, self._domains)):
                yield doc.hit(self.id, view, link.start, link.end, f"商业网站链接（{d}）：政府网站不得链接商业页面，请删除")
