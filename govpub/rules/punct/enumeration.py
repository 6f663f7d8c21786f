from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# Three or more bare numbers separated by the full-width comma (第3，5，8项): an enumeration,
# which takes 、 between its items. Thousands separators are ASCII commas (12,580) and stay.
ENUMERATION = re.compile(r"(?<![\d.,，．])\d{1,4}(?:，\d{1,4}){2,}(?![\d.,，．%‰])")


@rule
class EnumerationRule(Rule):
    """数字并列时用了逗号而不是顿号。

    ## 作用
    找出三个以上的数字之间用“，”分隔的并列（“编号为3，5，8，12号”“第1，2，3项”），应当用顿号。
    千位分隔的半角逗号（12,580）、带单位的分句（“3个，5个”）不提示。

    ## 原因
    第五条（四）：表述规范。GB/T 15834—2011 4.5：句子内部并列词语之间的停顿用顿号；
    用逗号会被误读为分句或千位分隔。

    ## 示例
    `本次抽查的案卷编号为3，5，8，12号。`

    ## 修改方法
    把数字之间的逗号改为顿号：`3、5、8、12号`。
    """

    id = "punct.enumeration"
    title = "数字并列的顿号"
    article = "第五条（四）"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.prose
        for m in ENUMERATION.finditer(view.text):
            listed = m.group().replace("，", "、")
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"数字并列“{m.group()}”用了逗号：应为“{listed}”")
