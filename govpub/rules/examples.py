"""Wrong forms cited as examples: a lesson on writing quotes the error it corrects.

把“一国两制”写成“一国两治”, 错例：“《民法典》、《刑法》等法律”, 如“中国、香港、台湾等国家和地区”，应当写作……
The wrong form stands inside quotation marks on a line that says it is wrong or gives the right
form. Rules whose findings are wordings (phrase.*, punct.title-pause, secret.work) set
Rule.cited_examples, and the engine drops their findings that are such citations. The words
outside the quotation still count (该文中把香港与中国并列 is not quoted: it is reported).
"""

from __future__ import annotations

import re

# a line that corrects a wording: names it wrong, or gives the right form
# (a verb that names a form only right before a quotation: 把“X”写成“Y”, not 法律文书写作课程)
CORRECTION = re.compile(r"错例|反例|正确写法|规范写法|规范表述|不规范|错误表述|错误写法|错误说法|常见错误|病句"
                        r"|(?:误写|错写|写成|写作|应为|应当为|应改为|改为|改成|而不是|不能写|不要写|不宜写|不得写)(?:了|为|成)?[“「]")
_OPEN, _CLOSE = "“「", "”」"


# a form marked wrong right after it: 再接再励（误）—再接再厉（正）
_MARKED_WRONG = re.compile(r"\s*[（(](?:误|错|错误|×)[）)]|\s*×")
# the header of a table column that lists wrong forms: | 错误写法 | 正确写法 |
_WRONG_HEADER = re.compile(r"错误|错例|误写|错写|不规范|不当|^\s*误\s*$|^\s*错\s*$")


def cited_as_wrong(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a wording a lesson cites as wrong: inside one quotation (“……”)
    on a line that corrects a wording (CORRECTION outside that quotation), marked （误） right after
    it, or in a table column headed 错误写法."""
    if "\n" in text[start:end]:
        return False
    if _MARKED_WRONG.match(text, end) or _in_wrong_column(text, start, end):
        return True
    if end - start > 2 and text[start] in _OPEN and text[end - 1] in _CLOSE:
        start, end = start + 1, end - 1  # a finding that spans the quotation itself: “一国两治”
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    if "\n" in text[start:end]:
        return False
    depth, opened = 0, -1
    for i in range(line_start, start):
        if text[i] in _OPEN:
            depth, opened = depth + 1, (i if depth == 0 else opened)
        elif text[i] in _CLOSE and depth:
            depth -= 1
    if depth == 0:
        return False
    close = -1
    level = depth
    for i in range(end, line_end):
        if text[i] in _OPEN:
            level += 1
        elif text[i] in _CLOSE:
            level -= 1
            if level == 0:
                close = i
                break
    if close < 0 or any(c in text[start:end] for c in _OPEN + _CLOSE):
        return False
    # (with the quotation's own marks: 写成“ right before it)
    outside = text[line_start:opened + 1] + "\n" + text[close:line_end]
    return bool(CORRECTION.search(outside))


def _in_wrong_column(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is in a Markdown table cell whose column header names wrong forms."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if not line.lstrip().startswith("|"):
        return False
    column = text.count("|", line_start, start)
    header_start = line_start
    while header_start > 0:  # up to the first row of the table
        above = text.rfind("\n", 0, header_start - 1) + 1
        if not text[above:header_start - 1].lstrip().startswith("|"):
            break
        header_start = above
    header_end = text.find("\n", header_start)
    cells = text[header_start:header_end if header_end >= 0 else len(text)].split("|")
    return header_start != line_start and column < len(cells) and bool(_WRONG_HEADER.search(cells[column]))
