from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import FENCE_RE, Document

_INDENT = re.compile(r"(?: {0,3}\t|    )[ \t]*")  # what Markdown reads as an indented code block's line
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def indented_blocks(text: str, start: int) -> Iterator[list[tuple[int, int]]]:
    """The indented code blocks the site's Markdown would make of text[start:] that hold Chinese
    text: per block, the (offset, end) of each line's indentation. Indented lines after a list
    item continue the item (a paragraph or a nested list), and fenced code is code."""
    fences = [(m.start(), m.end()) for m in FENCE_RE.finditer(text, start)]
    block: list[tuple[int, int]] = []
    chinese, after_blank = False, True
    in_list = False
    pos = start
    for line in text[start:].splitlines(keepends=True):
        at, pos = pos, pos + len(line)
        if any(s <= at < e for s, e in fences):
            after_blank, in_list = False, False
            continue
        content = line.rstrip("\r\n")
        indent = _INDENT.match(content)
        if not content.strip():
            after_blank = True
            continue
        if indent and (block or (after_blank and not in_list)):
            block.append((at, at + indent.end()))
            chinese = chinese or bool(_CJK.search(content))
        else:
            if block and chinese:
                yield block
            block, chinese = [], False
            if not indent:
                in_list = bool(_LIST_ITEM.match(content)) or (in_list and not after_blank)
        after_blank = False
    if block and chinese:
        yield block


@rule
class IndentRule(Rule):
    """段首用 Tab 键或 4 个空格缩进，网页上成了代码框。

    ## 作用
    找出正文中用 Tab 键或 4 个以上空格开头的段落（列表项下面的缩进段落除外）。
    Markdown 把这样的段落当作“代码”：网页上用等宽字体显示在灰色框里，不自动换行，
    一段长文字成了需要左右拖动才能看完的一行。

    ## 原因
    第五条：信息内容表述规范。网站的正文段落已经自动首行缩进两个字，
    拟稿人按 Word 的习惯在段首按 Tab 键或敲空格，反而让段落变成代码框，读者看到的版式与审核的不同。

    ## 示例
    段首按了 Tab 键：`	本周，市司法局组织律师走进社区……`

    ## 修改方法
    运行 `govpub fix` 删除段首的 Tab 和空格（网页会自动首行缩进）；确实要显示代码的，用 ``` 围起来。
    """

    id = "meta.indent"
    title = "段首缩进"
    article = "第五条"

    def check(self, doc: Document) -> Iterable[Hit]:
        art = doc.article
        if not art.readable or art.data or not art.markdown:
            return
        for block in indented_blocks(art.text, art.body_start):
            first, end = block[0]
            yield Hit(self.id, first, end,
                      f"段首用 Tab 键或空格缩进（共 {len(block)} 行），网页上会显示成不换行的代码框："
                      "删除段首的 Tab 和空格（网页会自动首行缩进两个字），可运行 govpub fix 修正")

    def fixes(self, doc: Document) -> Iterable[tuple[int, int, str]]:
        art = doc.article
        if not art.readable or art.data or not art.markdown:
            return
        for block in indented_blocks(art.text, art.body_start):
            for start, end in block:
                yield start, end, ""
