"""The mechanism of the prohibited.* rules: one word list per category of Art. 6."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import ClassVar

from govpub.findings import Hit
from govpub.rules import Rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher, covered, near


class WordlistRule(Rule):
    """Terms from checks/wordlists/prohibited/<wordlist>.yml, matched after normalization
    (width, traditional forms, invisible characters, symbols between characters).
    A term passes when an allow phrase covers it or an enforcement context word is near."""

    wordlist: ClassVar[str]

    @cached_property
    def _data(self) -> tuple[Matcher, int, list[str], list[str], str]:
        data = self.policy.wordlist(f"prohibited/{self.wordlist}", "prohibited").data
        terms = list(data["terms"])
        allow = list(data.get("allow") or [])
        ctx = data.get("enforcement_context") or {}
        return (Matcher(terms + allow), len(terms), list(ctx.get("before") or []),
                list(ctx.get("after") or []), data["category"])

    def check(self, doc: Document) -> Iterable[Hit]:
        matcher, n_terms, before, after, category = self._data
        view = doc.compact
        text = view.text
        matches = matcher.find(text)
        allows = [m for m in matches if m.index >= n_terms]
        for m in matches:
            if m.index >= n_terms or covered(m, allows) or near(text, m.start, m.end, before, after):
                continue
            hit = doc.hit(self.id, view, m.start, m.end, "")
            written = doc.article.text[hit.start:hit.end]
            term = text[m.start:m.end]
            evasion = "（写法经过变形，疑似规避检查）" if written != term else ""
            yield Hit(self.id, hit.start, hit.end,
                      f"禁载内容（{category}）“{term}”{evasion}：删除或改写；"
                      "如是报道依法打击、整治的内容，写明“依法打击”“查处”等")
