from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import finditer_at

_NUM = r"[\d０-９一二三四五六七八九十〇]"
# a range of dates, times or numbers joined by a mark that is no connecting mark: the ASCII tilde, the
# dash of two em rules (——, the 破折号), a hyphen after a date written in Chinese (5日-8日)
_RANGE = re.compile(rf"(?<=[\d０-９年月日号时点分%％])(?P<mark>~|——|-(?=\d)(?<=[年月日号]-))(?={_NUM})")
_START = re.compile(r"[~—\-]")
_RIGHT = {"~": "～", "——": "—", "-": "—"}


@rule
class RangeRule(Rule):
    """日期、时间和数值的起止用错了连接号。

    ## 作用
    找出起止范围中不是连接号的写法：半角波浪号（“12月5日~8日”“3~5人”），两个字长的破折号（“12月5日——12月8日”），
    汉字日期后的半角连字符（“12月5日-8日”）。GB/T 15834 规定起止用一字线“—”或浪纹线“～”，也可以写“至”。
    “2026-12-05”一类全数字日期、“9:00-12:00”、电话号码、型号中的短横线不提示。

    ## 原因
    第五条（四）：标点符号使用规范。破折号表示解释说明或话题转换，用在起止之间意思就变了；半角符号混在中文里不规范。

    ## 示例
    `报名时间为12月5日——12月8日。`、`每组3~5人。`

    ## 修改方法
    改为“12月5日—12月8日”“12月5日至8日”或“3～5人”。
    """

    id = "punct.range"
    title = "起止连接号"
    article = "第五条（四）"
    severity = "warning"
    cited_examples = True  # 如“5日——8日”应写作“5日—8日”: the wrong form quoted by a lesson

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.prose
        text = view.text
        if "~" not in text and "—" not in text and "-" not in text:
            return
        for m in finditer_at(_RANGE, _START, text):
            mark = m.group("mark")
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"起止范围用了“{mark}”：应为“{_RIGHT[mark]}”或“至”（GB/T 15834 连接号）")
