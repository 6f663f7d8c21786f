from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.normalize import INVISIBLE_RE

_ZWJ = "\u200d"


def _pictographic(ch: str) -> bool:
    """An emoji or a part of one (skin tones, variation selector 16, the symbols block)."""
    code = ord(ch)
    return code >= 0x1F000 or 0x2600 <= code <= 0x27BF or code == 0xFE0F


def _emoji_joiner(text: str, i: int) -> bool:
    """True when the zero-width joiner at text[i] joins two emoji into one (👨\u200d👩\u200d👧: a family):
    it is part of the picture, not a stray invisible character."""
    return (text[i] == _ZWJ and 0 < i < len(text) - 1 and _pictographic(text[i - 1])
            and _pictographic(text[i + 1]))


@rule
class InvisibleCharRule(Rule):
    """文中有不可见字符。

    ## 作用
    找出零宽空格（U+200B）、零宽连接符、软连字符、BOM、双向控制符等看不见的字符，
    每行提示一次（写明个数）。把两个表情符号连成一个的零宽连接符（👨‍👩‍👧“一家人”）是表情的一部分，不提示，`govpub fix` 也不删除。

    ## 原因
    这些字符常随网页复制带入，也被用来规避敏感词过滤；它们会让搜索、校对和
    公众号排版出错。第五条要求文字规范。

    ## 示例
    `网上赌场` 四个字中间夹了一个零宽空格（U+200B），看起来和正常文字一样。

    ## 修改方法
    运行 `govpub fix` 自动删除。
    """

    id = "typo.invisible-char"
    title = "不可见字符"
    article = "第五条（四）"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        """One finding per line, however many invisible characters it holds."""
        view = doc.raw
        text = view.text
        by_line: dict[int, list[re.Match[str]]] = {}
        for m in INVISIBLE_RE.finditer(text):
            if not _emoji_joiner(text, m.start()):
                by_line.setdefault(text.rfind("\n", 0, m.start()), []).append(m)
        for found in by_line.values():
            codes = "、".join(dict.fromkeys(f"U+{ord(m.group()):04X}" for m in found))
            count = f"{len(found)} 个" if len(found) > 1 else ""
            yield doc.hit(self.id, view, found[0].start(), found[-1].end(),
                          f"{count}不可见字符 {codes}：运行 govpub fix 删除")

    def fixes(self, doc: Document) -> Iterable[tuple[int, int, str]]:
        view = doc.raw
        for m in INVISIBLE_RE.finditer(view.text):
            if _emoji_joiner(view.text, m.start()):
                continue
            start, end = view.span(m.start(), m.end())
            yield start, end, ""
