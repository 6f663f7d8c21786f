from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import finditer_at
from govpub.rules.privacy._checksums import is_resident_id, is_uscc, luhn_ok
from govpub.rules.privacy._digits import GATE, digits_of, spelt
from govpub.rules.privacy._parts import number_parts
from govpub.rules.sentences import sentence_at

# 16 to 19 digits, in groups or not; issuer prefixes of UnionPay, Visa, Mastercard, JCB.
# the number is named as a card or an account in its sentence
LABEL = re.compile(r"银行卡|卡号|账号|帐号|账户|帐户|收款")
# (spaces or dashes between digits, or one line break: a number wrapped in the draft)
_SEP = r"(?:[ \-]|[ \t]*(?:\r\n|\r|\n)[ \t]*)?"  # a CRLF or lone CR line break too
CARD_RE = re.compile(rf"(?<![0-9A-Za-z])(?:62|60|4|5[1-5]|2[2-7]|35)\d?(?:{_SEP}\d){{13,17}}(?![0-9A-Za-z])")
# Where a match can start: an issuer's first digit with 13 more digits after it (performance only: the
# lookbehind CARD_RE opens with makes the regex engine try it at every character)
CARD_START = re.compile(rf"[2-6](?=(?:{_SEP}\d){{13}})")

# a card number masked too little: 16 to 19 characters of digits and stars, at most four of them stars
# (621700123456****906 shows fifteen digits; the masked form keeps the first six and the last four)
PART_MASKED = re.compile(r"(?<![0-9A-Za-z*＊])(?:62|60|4|5[1-5]|2[2-7]|35)(?:[ \-]?[0-9*＊]){14,17}(?![0-9A-Za-z*＊])")
_VISIBLE_MAX = 12  # the masked form shows ten; a few more are a careless mask, not a full number
# the same number spelt in words (六二二八四八……, 6228 四八零三 2811 七六五二 019), named as a card or account
# in its sentence or passing the Luhn check
SPELT_CARD = spelt("{15,18}")


@rule
class BankCardRule(Rule):
    """公开了完整的银行卡号。

    ## 作用
    找出 16–19 位、通过 Luhn 校验、以银联（62）或国际卡组织号段开头的银行卡号，
    包括每 4 位空一格的写法；同一句中写明“银行卡”“卡号”“账号”“账户”的，不通过 Luhn 校验也提示。
    身份证号和统一社会信用代码不会被当成卡号。

    只遮盖了几位、仍能看出十位以上数字的卡号（“621700123456****906”）、分开写出前几位和其余几位的卡号
    （“卡号前六位是622848，后十三位是……”）同样提示；用汉字数字写的卡号
    （“卡号六二二八四八……”，大写数字或与阿拉伯数字混写的也算，通过 Luhn 校验或同句写明卡号）也提示。

    ## 原因
    第五条（一）、第十二条：银行卡号属于个人隐私，常见于补贴发放、退款公示。

    ## 示例
    `收款账号：6217 0012 3456 7890 122`。

    ## 修改方法
    只保留前 4 位和后 4 位，如 `6217***********0122`。
    """

    id = "privacy.bank-card"
    title = "银行卡号"
    article = "第五条（一）、第十二条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        text = view.text
        for m in finditer_at(CARD_RE, CARD_START, text):
            digits = re.sub(r"\D", "", m.group())
            if not 16 <= len(digits) <= 19:
                continue
            if not luhn_ok(digits) and not LABEL.search(text, *sentence_at(text, m.start())):
                continue  # without the check digit, only a number named as a card or account counts
            if is_resident_id(digits) or is_uscc(digits):
                continue
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"完整的银行卡号 {digits[:4]}…{digits[-4:]}：请写成 {digits[:4]}{'*' * (len(digits) - 8)}{digits[-4:]}")
        for p in number_parts(text):  # 卡号前六位是622848，后十三位是…… : the parts make the whole card
            whole = p.head + p.rest
            if (16 <= len(whole) <= 19 and len(p.head) < 16 and not is_resident_id(whole)
                    and (luhn_ok(whole) or LABEL.search(text, *sentence_at(text, p.start)))):
                yield doc.hit(self.id, view, p.start, p.end,
                              f"银行卡号分开写出了前 {len(p.head)} 位和其余几位，合起来就是完整的卡号：请写成 "
                              f"{whole[:4]}{'*' * (len(whole) - 8)}{whole[-4:]}")
        for m in SPELT_CARD.finditer(text) if ("卡" in text or "账" in text or "帐" in text) and GATE.search(text) else ():
            read = digits_of(m.group())
            if read and (luhn_ok(read) or LABEL.search(text, *sentence_at(text, m.start()))) and not is_resident_id(read):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"完整的银行卡号（汉字数字）{read[:4]}…{read[-4:]}：请写成 {read[:4]}{'*' * (len(read) - 8)}"
                              f"{read[-4:]}")
        for m in PART_MASKED.finditer(text) if "*" in text or "＊" in text else ():
            chars = re.sub(r"[ \-]", "", m.group())
            digits = re.sub(r"\D", "", chars)
            if not 16 <= len(chars) <= 19 or len(digits) == len(chars) or len(digits) <= _VISIBLE_MAX:
                continue
            if not LABEL.search(text, *sentence_at(text, m.start())):
                continue  # only a number named as a card or account
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"银行卡号 {chars[:4]}… 只遮盖了 {len(chars) - len(digits)} 位：请只保留前 6 位和后 4 位，"
                          f"写成 {chars[:6]}{'*' * (len(chars) - 10)}{chars[-4:]}")
