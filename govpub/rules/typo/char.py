from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# Kangxi radicals, CJK radicals supplement, compatibility ideographs: they look like
# ordinary characters but are different code points (search and screen readers fail).
LOOKALIKE_RE = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


@rule
class CharRule(Rule):
    """形近的错误字符。

    ## 作用
    找出看起来和常用字一样、实际是另一个字符的情形：“巿”（fú，U+5DFF）误作“市”，
    以及 `checks/wordlists/typos.yml` 的 `chars` 中登记的其他形近字；康熙部首
    （如“⼈”U+2F08）和兼容汉字，它们常由 PDF 复制或规避检查产生。

    ## 原因
    第五条：严禁出现错字。形近字符肉眼难辨，但会导致搜索不到、读屏软件读错，
    也是规避内容检查的常见手法。

    ## 示例
    `湛江巿司法局`（“巿”不是“市”）。

    ## 修改方法
    改为提示的正确字符；康熙部首和兼容汉字可以运行 `govpub fix` 自动替换。
    """

    id = "typo.char"
    title = "形近字符"
    article = "第五条（四）"

    @cached_property
    def _chars(self) -> tuple[dict[str, str], re.Pattern[str]]:
        chars = {"巿": "市", **(self.policy.wordlist("typos", "typos").data.get("chars") or {})}
        return chars, re.compile("|".join(map(re.escape, chars)))

    def check(self, doc: Document) -> Iterable[Hit]:
        chars, pattern = self._chars
        view = doc.raw
        for m in pattern.finditer(view.text):
            ch = m.group()
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"“{ch}”（U+{ord(ch):04X}）是形近的另一个字：应为“{chars[ch]}”")
        for m in LOOKALIKE_RE.finditer(view.text):
            ch = m.group()
            normal = unicodedata.normalize("NFKC", ch)
            if normal != ch:
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"“{ch}”（U+{ord(ch):04X}）是部首或兼容字符，不是常用汉字：应为“{normal}”，可运行 govpub fix 替换")

    def fixes(self, doc: Document) -> Iterable[tuple[int, int, str]]:
        """Only the look-alike code points: NFKC gives the same character, so meaning cannot change."""
        view = doc.raw
        for m in LOOKALIKE_RE.finditer(view.text):
            normal = unicodedata.normalize("NFKC", m.group())
            if normal != m.group():
                start, end = view.span(m.start(), m.end())
                yield start, end, normal
