from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# Bidi overrides and isolates reorder what the page shows; C0/C1 controls show as nothing.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")  # and line/paragraph separators


@rule
class ControlCharRule(Rule):
    """文中有改变显示顺序的双向控制符，或看不见的控制字符。

    ## 作用
    找出双向控制符（U+202A–U+202E、U+2066–U+2069）、控制字符（如 U+0007、U+001B、U+0085）
    和特殊换行符（U+2028、U+2029）。
    双向控制符让网页上的文字倒过来显示，控制字符在网页上看不见。

    ## 原因
    检查读到的文字必须就是网页显示的文字。在“场赌上网”前加一个 U+202E，网页上显示为
    “网上赌场”；在“网上赌”和“场”之间夹一个 U+0007，网页上也显示为“网上赌场”。逐字比对的
    检查看不到这四个字，第六条禁载内容就能混过检查；第五条也要求文字规范。

    ## 示例
    从终端、聊天软件或网页复制来的文字里夹带了 U+202E 或 ESC（U+001B）。

    ## 修改方法
    运行 `govpub fix` 删除控制字符、把特殊换行符换成普通换行（双向控制符由 typo.invisible-char 的修正删除），
    再核对这一行的文字顺序；也可以把这一行重新输入一遍。
    """

    id = "meta.control-char"
    title = "控制字符"
    article = "第六条"

    def check(self, doc: Document) -> Iterable[Hit]:
        art = doc.article
        if not art.readable or art.data:
            return
        text = art.text
        found = [*_BIDI.finditer(text), *_CONTROL.finditer(text, art.body_start)]  # front matter: a YAML error
        seen: set[int] = set()
        for m in sorted(found, key=lambda m: m.start()):
            line = text.count("\n", 0, m.start())
            if line in seen:
                continue  # one finding per line
            seen.add(line)
            what = "双向控制符，网页上这一行的文字会倒序显示，与检查读到的不同" if _BIDI.match(m.group()) \
                else "控制字符，网页上看不见，会把词语隔开躲过检查"
            yield Hit(self.id, m.start(), m.end(),
                      f"U+{ord(m.group()):04X} 是{what}：运行 govpub fix 删除，再核对这一行的文字")

    def fixes(self, doc: Document) -> Iterable[tuple[int, int, str]]:
        art = doc.article
        if not art.readable or art.data:
            return
        for m in _CONTROL.finditer(art.text, art.body_start):
            yield m.start(), m.end(), "\n" if m.group() in "\u2028\u2029" else ""  # a separator: a plain line break
