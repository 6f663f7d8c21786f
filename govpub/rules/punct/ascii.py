from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import finditer_at
from govpub.rules.sentences import PARAGRAPH  # lines up to a blank line, as in punct.pair

CJK = r"\u3400-\u9fff\uf900-\ufaff"
CJK_PUNCT = "，。、；：？！“”‘’（）《》【】〔〕…—"
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_CJK = re.compile(f"[{CJK}{CJK_PUNCT}]")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_CANDIDATE = re.compile(r"[,;:?!().]")
# an ellipsis typed as dots, a dash typed as hyphens, next to Chinese: 等等... / 普法宣传--我们在行动
_RUNS = re.compile(rf"(?<=[{CJK}])\.{{3,}}|\.{{3,}}(?=[{CJK}])|(?<=[{CJK}])-{{2,}}(?=[{CJK}])")
# Look-alike marks of other scripts after Chinese: the full-width Latin full stop (．, from Word's
# number formats), the half-width ideographic marks (｡ ､), full-width hyphens for a dash (－－), and the
# corner brackets of Taiwan and Hong Kong print for quotation marks (「」『』: GB/T 15834 uses “”‘’), and
# half an ellipsis (… alone next to Chinese: the Chinese ellipsis is ……)
_LOOKALIKES = re.compile(rf"(?<=[{CJK}”’）》])[．｡](?![0-9０-９A-Za-zＡ-Ｚａ-ｚ])|[､「」『』]|(?<=[{CJK}])－{{2,}}"
                         rf"|(?<=[{CJK}，。、；：！？”’）》])…(?!…)(?<!……)|(?<!…)…(?=[{CJK}，。、；：！？“‘（《])(?!…)")
_LOOKALIKE_START = re.compile("[．｡､「」『』－…]")  # every match of _LOOKALIKES starts with one (tests/test_engine.py)
_LOOKALIKE_FULL = {"．": "。", "｡": "。", "､": "、", "－": "——", "「": "“", "」": "”", "『": "‘", "』": "’",
                   "…": "……"}
# Not prose: the content of script-like elements, and HTML tags whose quoted attribute values
# hold ">" or line breaks (the prose view blanks simple tags only). html.* reports the markup.
_CODE = re.compile(
    r"<(script|style|noscript|template|textarea)\b.*?(?:</\1\s*>|\Z)"
    r"|<[A-Za-z][^<>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^<>\"']*)*>",  # a whole tag, > inside quoted values too
    re.DOTALL | re.IGNORECASE)


# An HTML block: a paragraph whose first line starts with a tag (Markdown passes it through
# as written). Its punctuation is the author's markup, not the site's Chinese prose.
_HTML_BLOCK = re.compile(r"^[ \t]{0,3}</?[A-Za-z][^\n]*(?:\n(?![ \t]*\n)[^\n]*)*", re.MULTILINE)


# A line that holds an HTML tag anywhere (文字<br>第二行): the author writes markup there, and what
# Markdown leaves of it is not the site's Chinese prose either.
_TAG_LINE = re.compile(r"^[^\n]*</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>[^\n]*", re.MULTILINE)


def _code_spans(markup: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _CODE.finditer(markup)]
    spans += [(m.start(), m.end()) for m in _HTML_BLOCK.finditer(markup)]
    if "<" in markup:
        spans += [(m.start(), m.end()) for m in _TAG_LINE.finditer(markup)]
    return spans


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t":
        j += step
    return text[j] if 0 <= j < len(text) else ""


_HAN = re.compile(r"[\u2e80-\u2fdf\u3400-\u9fff\uf900-\ufaff]")


def _quote_marks(text: str) -> Iterable[tuple[int, str]]:
    """Straight double quotes in paragraphs that contain Chinese, paired by position.

    Each paragraph starts closed (GB/T 15834 opens every paragraph of a quotation with “);
    a curly quote already in the paragraph counts, so a mix of “ and " pairs up as written.
    Only the paragraph's own characters decide, never a neighbour that another fix changes,
    so the result is the same on every run.
    """
    if '"' not in text:
        return  # performance only: no paragraph to look at
    for para in PARAGRAPH.finditer(text):
        if '"' not in para.group() or not _HAN.search(para.group()):
            continue
        open_ = False
        for m in re.finditer(r'["“”]', para.group()):
            ch = m.group()
            if ch == '"':
                yield para.start() + m.start(), "”" if open_ else "“"
                open_ = not open_
            else:
                open_ = ch == "“"


def _single_quote_marks(text: str) -> Iterable[tuple[int, str]]:
    """Straight single quotes next to a Chinese character (‘八五’规划 typed as '八五'规划),
    paired by position in the paragraph; an apostrophe between Latin letters (don't) is left."""
    if "'" not in text:
        return  # performance only: no paragraph to look at
    for para in PARAGRAPH.finditer(text):
        if "'" not in para.group() or not _HAN.search(para.group()):
            continue
        open_ = False
        for m in re.finditer(r"['‘’]", para.group()):
            i = para.start() + m.start()
            if m.group() != "'":
                open_ = m.group() == "‘"
                continue
            if not (_CJK.match(_neighbour(text, i, -1)) or _CJK.match(_neighbour(text, i, 1))):
                continue
            yield i, "’" if open_ else "‘"
            open_ = not open_


def ascii_marks(text: str) -> list[tuple[int, str]]:
    """(position, full-width replacement) of ASCII punctuation used in Chinese text.

    A mark made full width can make its neighbour Chinese ("好!!" → "好！!" → "好！！"), so the
    marks are found again on the replaced text until none is new: one fix run does it all."""
    found = dict(_quote_marks(text))
    found.update(_single_quote_marks(text))
    chars: list[str] | None = None  # the text with the marks found so far replaced, once there is one
    current = text
    new = dict(found)
    while True:
        if new:
            if chars is None:
                chars = list(text)
            for i, full in new.items():
                chars[i] = full
            current = "".join(chars)
        new = {i: full for i, full in _other_marks(current) if i not in found}
        if not new:
            return sorted(found.items())
        found.update(new)


# Full-width marks that carry their own spacing: the ASCII space typed after the half-width mark
# goes with it when Chinese follows (spaces and tabs only: never a line break)
_SPACED = frozenset("，；：？！。）")
_GAP = re.compile(r"[ \t]+")


def _other_marks(text: str) -> Iterable[tuple[int, str]]:
    for m in _CANDIDATE.finditer(text):
        i, ch = m.start(), m.group()
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        cjk_before, cjk_after = bool(_CJK.match(before)), bool(_CJK.match(after))
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
    找出中文句子中的半角逗号、句号、冒号、分号、问号、叹号、括号和直引号（双引号和单引号），
    如“时间:2026年”“法律援助(试行)”，以及用英文句点打的省略号（“等等...”应为“……”）、
    用连字符打的破折号（“--”“－－”应为“——”），以及其他文字的形近标点：全角英文句点“．”、
    半角的“｡”“､”（应为“。”“、”），港台排版的直角引号“「」『』”（应为“”‘’），中文里只写了一个“…”的省略号（应为“……”）。数字和英文之间的半角标点（12:30、3.5、gov.cn）、
    网址、代码、以 HTML 标签开头的段落（原样输出的 HTML）和含有 HTML 标签的行不提示。

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
        for start, end, full in self._marks(doc):
            mark = view.text[start:end]
            kind = "半角标点" if mark.isascii() else "不规范的标点"
            yield doc.hit(self.id, view, start, end,
                          f"中文里的{kind}“{mark}”：应为“{full}”，可运行 govpub fix 修正")

    def fixes(self, doc: Document) -> Iterable[tuple[int, int, str]]:
        view = doc.prose
        original = doc.article.text
        for start, end, full in self._marks(doc):
            o_start, o_end = view.span(start, end)
            if full in _SPACED:  # "普法: 活动" → "普法：活动": the full-width mark holds its own space
                gap = _GAP.match(original, o_end)
                if gap and gap.end() < len(original) and _CJK.match(original[gap.end()]):
                    o_end = gap.end()
            elif full == "（":  # "时间 (暂定)" → "时间（暂定）": the same on the left of an opening bracket
                left = o_start
                while left > 0 and original[left - 1] in " \t":
                    left -= 1
                if left < o_start and left > 0 and _CJK.match(original[left - 1]):
                    o_start = left
            yield o_start, o_end, full

    @staticmethod
    def _marks(doc: Document) -> Iterator[tuple[int, int, str]]:
        """(start, end, replacement) in the prose view, outside code and HTML blocks."""
        text = doc.prose.text
        code = _code_spans(doc.markup.text)
        marks = [(i, i + 1, full) for i, full in ascii_marks(text)]
        marks += [(m.start(), m.end(), _LOOKALIKE_FULL[m.group()[0]]) for m in finditer_at(_LOOKALIKES, _LOOKALIKE_START, text)]
        if "..." in text or "--" in text:
            marks += [(m.start(), m.end(), "……" if m.group()[0] == "." else "——") for m in _RUNS.finditer(text)]
        for start, end, full in sorted(marks):
            if not any(a <= start < b for a, b in code):
                yield start, end, full
