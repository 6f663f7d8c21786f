from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.privacy.bank_card import CARD_RE
from govpub.rules.privacy.person import PrivateNames
from govpub.rules.sentences import sentence_at

# 社保、医保、公积金的个人账号，驾驶证号或档案编号：named by their label in front of the number
LABELLED = re.compile(
    r"(?P<what>社保|社会保障|社会保险|医保|医疗保险|公积金|驾驶证|驾照|机动车驾驶证)"
    r"[\u4e00-\u9fff]{0,6}?(?:账号|帐号|卡号|账户号码|账户号|号码|编号|证号|档案号|个人账号)\s*(?:为|是|[:：])?\s*"
    r"(?P<num>[0-9A-Za-z](?:[ \-]?[0-9A-Za-z]){7,23})(?![0-9A-Za-z*＊])"
)
# a bank account of any length, named as one: 账号44050171234500001234 (a card number of 16–19
# digits is privacy.bank-card's)
BANK_ACCOUNT = re.compile(r"(?:账号|帐号|账户|帐户|卡号)\s*(?:为|是|[:：])?\s*(?P<num>\d(?:[ \-]?\d){9,24})(?![0-9A-Za-z*＊])")
# a vehicle identification number (GB 16735): 17 characters without I, O, Q
VIN = re.compile(r"(?<![0-9A-Za-z])[A-HJ-NPR-Z0-9]{17}(?![0-9A-Za-z*＊])")
VIN_LABEL = re.compile(r"(?:车架号|车辆识别代号|车辆识别代码|车辆识别号|车辆识别码|VIN)\s*(?:码|号)?\s*(?:为|是|[:：])?\s*$",
                       re.IGNORECASE)
_VIN_VALUES = {**{str(d): d for d in range(10)},
               **dict(zip("ABCDEFGH", range(1, 9), strict=True)), **dict(zip("JKLMN", range(1, 6), strict=True)),
               "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check_ok(vin: str) -> bool:
    """The check character (9th) of a VIN is right: weighted sum modulo 11, 10 written X."""
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    check = total % 11
    return vin[8] == ("X" if check == 10 else str(check))


@rule
class AccountRule(Rule):
    """公开了个人的社保、医保、公积金账号、银行账号，驾驶证号或车辆识别代号（车架号）。

    ## 作用
    找出写在“社保账号”“医保卡号”“住房公积金个人账号”“驾驶证档案编号”等说法后面的完整号码，
    同一句中有私人全名（“被执行人谭国强”）的银行账号（任何长度；16–19 位的卡号由 privacy.bank-card 检查），
    以及车架号（车辆识别代号，17 位，不含 I、O、Q）：前面写明“车架号”“VIN”的，或者第 9 位
    校验位正确、夹有字母的 17 位编号。已打码的号码（1000****6789）不提示；身份证号由
    privacy.id-number 检查。

    ## 原因
    第五条（一）审核是否涉及个人隐私；第十二条定期排查个人隐私。这些账号能识别到具体的人，
    与身份证号一样属于个人信息。

    ## 示例
    `经查，当事人的住房公积金个人账号：300123456789。`、`事故车辆车架号LSVAM4187C2184530。`

    ## 修改方法
    删除号码，或只保留首尾几位（3001****6789）。
    """

    id = "privacy.account"
    title = "社保、公积金账号和车架号"
    article = "第五条（一）、第十二条"

    @cached_property
    def _names(self) -> PrivateNames:
        return PrivateNames.load(self.policy)

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        text = view.text
        for m in BANK_ACCOUNT.finditer(text):
            if CARD_RE.fullmatch(m.group("num")):
                continue  # a card number: privacy.bank-card
            names = self._names.find(text, *sentence_at(text, m.start(), m.end()))
            if not names:
                continue  # an organisation's account for fees or donations is public
            number = re.sub(r"[ \-]", "", m.group("num"))
            yield doc.hit(self.id, view, m.start("num"), m.end("num"),
                          f"“{names[0].group('n')}”的银行账号 {number[:4]}…：请删除，或只保留首尾几位（{number[:4]}****{number[-4:]}）")
        for m in LABELLED.finditer(text):
            number = re.sub(r"[ \-]", "", m.group("num"))
            if len(number) == 18 and number[:17].isdigit() or not any(c.isdigit() for c in number[:4]):
                continue  # an ID number (privacy.id-number) or a word, not a number
            if sum(c.isdigit() for c in number) < 8:
                continue
            yield doc.hit(self.id, view, m.start("num"), m.end("num"),
                          f"{m.group('what')}的完整号码 {number[:2]}…：请删除，或只保留首尾几位（{number[:4]}****{number[-4:]}）")
        for m in VIN.finditer(text):
            vin = m.group()
            labelled = VIN_LABEL.search(text, max(0, m.start() - 12), m.start()) is not None
            if not labelled and not (sum(c.isalpha() for c in vin) >= 2 and vin_check_ok(vin)):
                continue
            if vin.isdigit():
                continue
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"完整的车架号 {vin[:3]}…：请删除，或只保留后几位（***{vin[-6:]}）")
