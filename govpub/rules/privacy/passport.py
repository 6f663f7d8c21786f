from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.sentences import sentence_at

# 护照号码：E12345678、EA1234567（电子普通护照）、G/P/S/D + 7–8 位数字，港澳通行证 C/W + 8 位，
# 港澳居民来往内地通行证 H/M + 8 位，台湾居民来往大陆通行证 L/T + 8 位
NUMBER = re.compile(r"(?<![A-Za-z0-9])[EeGgPpSsDdKkCcWwHhMmLlTt][A-Za-z]?[ ]?\d{7,8}(?![A-Za-z0-9*＊×])")
# a number named as a passport's, in any country's shape (a US passport is nine digits): 护照号：523456789
# The label may stand a few characters before the number (护照，号码为P4567890A; 护照：P 1234 5678), the digits
# may be grouped by spaces, and a letter may close the number (the Philippines' P1234567A).
# An English label too (passport No. C 3 9 8 1 5 7 2), its digits one by one.
_LABEL = (r"(?:(?:护照|通行证|旅行证)(?:[^。；\n\d]{0,8}?(?:号码|号|证号)\s*(?:为|是)?\s*[:：]?|\s*[:：])"
          r"|(?i:passport|travel\s+(?:document|permit))\s*(?:(?i:No|number|num)\.?|#)?\s*[:：]?)\s*")
LABELLED = re.compile(rf"{_LABEL}(?P<num>[A-Za-z]{{0,2}}[ \-]?\d(?:[ \-]?\d){{5,8}}[A-Za-z]?)(?![A-Za-z0-9*＊×])")
# a labelled number masked too little: more than four of its digits still shown (C6827XX13; E1*****78 is enough)
MASKED = "*＊×Xx●"
LABELLED_MASKED = re.compile(rf"{_LABEL}(?P<num>[A-Za-z]{{1,2}}[ ]?\d(?:[ ]?[0-9{MASKED}]){{6,8}})(?![A-Za-z0-9{MASKED}])")
# the number is a travel document's: a document word, or a person who holds it, in the same sentence
CONTEXT = re.compile(
    r"护照|通行证|旅行证|台胞证|回乡证|证件|证号|签证|出入境|入境|出境|passport"
    r"|外籍|国籍|当事人|申请人|受援人|被申请人|持有?|某",
    re.IGNORECASE,
)


@rule
class PassportRule(Rule):
    """公开了完整的护照或港澳台通行证号码。

    ## 作用
    找出护照、港澳台通行证格式的完整号码（E12345678、EA1234567、G1234567、C12345678、H12345678 等），
    同一句中有“护照”“通行证”“证件号码”“入境”，或有持证的人（“外籍当事人”“申请人邓某”）时提示，
    不论“护照”二字是否紧挨着号码；写明“护照号”“通行证号码”“护照：”的，任何国家的号码格式都提示（美国护照是 9 位数字），
    数字中间有空格（P 1234 5678）或号码与“护照”隔着几个字（“持菲律宾护照，号码为……”）的同样提示；
    英文标签（“passport No. C 3 9 8 1 5 7 2”“Travel permit No.:”）后的号码，以及打码后仍露出五位以上数字的号码
    （“通行证号码C6827XX13”）也提示。已打码的号码（E1234****）和列车车次、航班号不提示。

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
        text = view.text
        named = any(w in text for w in ("护照", "通行证", "旅行证", "assport", "ASSPORT", "ravel", "RAVEL"))
        labelled = {(m.start("num"), m.end("num")) for m in LABELLED.finditer(text)} if named else set()
        for m in LABELLED_MASKED.finditer(text) if named else ():
            number = m.group("num").replace(" ", "")
            body = number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
            if body and body[0].isdigit() and any(c in MASKED for c in body) and sum(c.isdigit() for c in body) > 4:
                labelled.add((m.start("num"), m.end("num")))
        shaped = {(m.start(), m.end()) for m in NUMBER.finditer(text)
                  if CONTEXT.search(text, *sentence_at(text, m.start(), m.end()))}
        last = -1
        for start, end in sorted(labelled | shaped):
            if start < last:
                continue  # the same number found both ways
            last = end
            number = text[start:end].replace(" ", "").replace("-", "")
            shown = "完整的证件号码" if not any(c in MASKED for c in number[2:]) else "只遮盖了几位的证件号码"
            yield doc.hit(self.id, view, start, end,
                          f"{shown} {number[:2]}…：请删除，或写成 {number[:2]}{'*' * (len(number) - 4)}{number[-2:]}")
