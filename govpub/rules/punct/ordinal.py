from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# an Arabic ordinal heading an item with 、 (1、加强组织领导): at the start of a line or after a
# stop, before a Chinese character; 第1、2条 and 1、2月份 are enumerations of numbers
ORDINAL = re.compile(r"(?<!\d)(\d{1,2})、(?=[\u4e00-\u9fff])")
_BEFORE = " \t\u3000"  # indentation between the line start or stop and the number
_STOPS = "。；：:\n"


@rule
class OrdinalRule(Rule):
    """阿拉伯数字序号后用了顿号。

    ## 作用
    找出行首或句号、分号、冒号之后的阿拉伯数字序号后面用顿号的写法（“1、加强组织领导”“主要措施有：1、……；2、……”）。
    公文结构层次序数依次是“一、”“（一）”“1.”“（1）”：汉字数字后用顿号，阿拉伯数字后用下脚点。
    “第1、2、3项”“1、2月份”是数字的并列，时刻后的顿号（“8:30—12:00、下午……”）不是序号，都不提示。只提示，不阻止（新闻稿中常见，由审核人判断是否统一改正）。

    ## 原因
    第五条（四）：表述规范。GB/T 15834—2011 和《党政机关公文格式》（GB/T 9704—2012）7.3.3 规定的结构层次序数。

    ## 示例
    `1、加强组织领导。2、强化宣传引导。`

    ## 修改方法
    把“1、”改为“1.”，或改用“（1）”；同一篇文章的序号写法要统一。
    """

    id = "punct.ordinal"
    title = "序号后的顿号"
    article = "第五条（四）"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.prose
        if "、" not in view.text:
            return
        text = view.text
        for m in ORDINAL.finditer(text):
            i = m.start() - 1
            while i >= 0 and text[i] in _BEFORE:
                i -= 1
            if i >= 0 and text[i] not in _STOPS:
                continue  # 第1、2条: inside a sentence, not heading an item
            if i > 0 and text[i] in ":：" and text[i - 1].isdigit():
                continue  # 8:30—21:00、节假日: the minutes of a time of day, not an ordinal
            n = m.group(1)
            yield doc.hit(self.id, view, m.start(1), m.end(),
                          f"序号“{n}、”用了顿号：阿拉伯数字序号后用下脚点，应为“{n}.”（或改用“（{n}）”）")
