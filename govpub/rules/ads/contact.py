from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Regexes


@rule
class ContactRule(Rule):
    """广告联系方式：微信号、QQ 号、Telegram 账号、淘口令。

    ## 作用
    按 `checks/wordlists/ads.yml` 的 `patterns` 查找微信号、QQ 号等引流联系方式（含“加V”“薇信”
    一类变形写法）。“xx点com”、全角句点一类变形的网址由 links.disguised 提示。

    ## 原因
    第四条：不得刊登商业广告；引流联系方式是广告的典型形式。

    ## 示例
    `加V：lawyer_zj2026`、`法律咨询QQ：123456789`。

    ## 修改方法
    删除；政务咨询请引导至 12348 热线或本局公开的办公电话。
    """

    id = "ads.contact"
    title = "广告联系方式"
    article = "第四条"

    @cached_property
    def _patterns(self) -> tuple[list[tuple[re.Pattern[str], str]], Regexes]:
        data = self.policy.wordlist("ads", "ads").data
        patterns = [(re.compile(p["regex"]), p["what"]) for p in data.get("patterns") or []]
        return patterns, Regexes([p for p, _ in patterns])  # a pattern runs only when its words are there

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        patterns, gate = self._patterns
        maybe = gate.candidates(view.text)
        for i, (pattern, what) in enumerate(patterns):
            if i not in maybe:
                continue
            for m in pattern.finditer(view.text):
                yield doc.hit(self.id, view, m.start(), m.end(), f"{what}“{m.group()}”：政府网站不得刊登广告联系方式，请删除")
