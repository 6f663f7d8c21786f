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


def cited_as_wrong(text: str, start: int, end: int) -> bool:
    """True when text[start:end] lies inside one quotation (“……”) on its line and the line
    corrects a wording (CORRECTION outside that quotation)."""
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
