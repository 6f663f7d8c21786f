from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# 护照号码：E12345678（电子普通护照）、G/P/S/D + 7–8 位数字，港澳通行证 C/W + 8 位
PASSPORT = re.compile(
    r"(?P<label>护照|通行证|旅行证|passport)[^\n。；;]{0,12}?"
    r"(?<![A-Za-z0-9])(?P<number>[EeGgPpSsDdKkCcWwHhMm][A-Za-z]?\d{7,8})(?![A-Za-z0-9*＊×])",
    re.IGNORECASE,
)


@rule
class PassportRule(Rule):
    """公开了完整的护照或港澳台通行证号码。

    ## 作用
    找出“护照”“通行证”后面写出的完整证件号码（E12345678、G1234567、C12345678 等）。
    已打码的号码（E1234****）不提示。

    ## 原因
    第五条（一）审核是否涉及个人隐私；第十二条定期排查个人隐私。证件号码属于个人信息。

    ## 示例
    `当事人持护照（号码E12345678）入境。`

    ## 修改方法
    删除号码，或只保留首尾各两位，如 `E1*****78`。
    """

    id = "privacy.passport"
    title = "护照号码"
    article = "第五条（一）、第十二条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        for m in PASSPORT.finditer(view.text):
            number = m.group("number")
            yield doc.hit(self.id, view, m.start("number"), m.end("number"),
                          f"完整的证件号码 {number[:2]}…：请删除，或写成 {number[:2]}{'*' * (len(number) - 4)}{number[-2:]}")
