from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

CJK = r"\u3400-\u9fff\uf900-\ufaff"
CJK_PUNCT = "，。、；：？！“”‘’（）《》【】〔〕…—"
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_CJK = re.compile(f"[{CJK}{CJK_PUNCT}]")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_CANDIDATE = re.compile(r'[,;:?!().]|"')
# Not prose: the content of script-like elements, and HTML tags whose quoted attribute values
# hold ">" or line breaks (the prose view blanks simple tags only). html.* reports the markup.
_CODE = re.compile(
    r"<(script|style|noscript|template|textarea)\b.*?(?:</\1\s*>|\Z)"
    r"|<[A-Za-z][^<>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^<>\"']*)*>",  # a whole tag, > inside quoted values too
    re.DOTALL | re.IGNORECASE)


def _code_spans(markup: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CODE.finditer(markup)]


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def ascii_marks(text: str) -> Iterable[tuple[int, str]]:
    """(position, full-width replacement) of ASCII punctuation used in Chinese text."""
    quote_open = True
    for m in _CANDIDATE.finditer(text):
        i, ch = m.start(), m.group()
        if text[i - 1:i] == "\n" or i == 0:
            quote_open = True
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        cjk_before, cjk_after = bool(_CJK.match(before)), bool(_CJK.match(after))
        if ch == '"':
            if cjk_before or cjk_after:
                yield i, "“" if quote_open else "”"
                quote_open = not quote_open
            continue
        if ch == ".":
            if cjk_before and not _ALNUM.match(after) and text[i + 1:i + 3] != "..":
                yield i, "。"
            continue
        if ch == "(" and (cjk_after or cjk_before) or ch == ")" and (cjk_before or cjk_after):
            yield i, FULL[ch]
        elif ch in ",;:?!" and (cjk_before or (cjk_after and not _ALNUM.match(before))):
            if ch == ":" and text[i + 1:i + 3] == "//":
                continue
            yield i, FULL[ch]


@rule
class AsciiRule(Rule):
    """中文里用了半角（英文）标点。

    ## 作用
    找出中文句子中的半角逗号、句号、冒号、分号、问号、叹号、括号和直引号，
    如“时间:2026年”“法律援助(试行)”。数字和英文之间的半角标点（12:30、3.5、gov.cn）、
    网址和代码不提示。

    ## 原因
    第五条（四）：表述规范。GB/T 15834—2011《标点符号用法》规定中文使用全角标点。

    ## 示例
    `会议要求,各科室要高度重视.`

    ## 修改方法
    运行 `govpub fix` 自动改为全角标点，改动会逐处显示。
    """

    id = "punct.ascii"
    title = "半角标点"
    article = "第五条（四）"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.prose
        code = _code_spans(doc.markup.text)
        for i, full in ascii_marks(view.text):
            if any(a <= i < b for a, b in code):
                continue
            yield doc.hit(self.id, view, i, i + 1, f"中文里的半角标点“{view.text[i]}”：应为“{full}”，可运行 govpub fix 修正")

    def fixes(self, doc: Document) -> Iterable[tuple[int, int, str]]:
        view = doc.prose
        code = _code_spans(doc.markup.text)
        for i, full in ascii_marks(view.text):
            if any(a <= i < b for a, b in code):
                continue
            start, end = view.span(i, i + 1)
            yield start, end, full
