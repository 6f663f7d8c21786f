from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import finditer_at
from govpub.rules.privacy._digits import GATE, digits_of, spelt
from govpub.rules.privacy._parts import number_parts

# 1[3-9] and nine more digits, optional +86/0086/86, spaces, dashes or dots between digits (138·2759·0416),
# or one line break (a number wrapped in the draft: the page joins the lines)
_SEP = r"(?:[ \-·・‧.．\u3000]|[ \t]*(?:\r\n|\r|\n)[ \t]*)?"  # a CRLF or lone CR line break too
MOBILE_RE = re.compile(rf"(?<![0-9A-Za-z+.])(?:(?:\+|00)?86[ \-]?)?1{_SEP}[3-9](?:{_SEP}\d){{9}}(?![0-9A-Za-z]|[.．]\d)")
# Where a match can start: + 0 8 or 1 with ten more of its characters after it (performance only: the
# lookbehind MOBILE_RE opens with makes the regex engine try it at every character)
MOBILE_START = re.compile(r"[+081](?=[\d \t\r\n+\-·・‧.．\u3000]{10})")

# a Hong Kong or Macao mobile (+852 6123 4578, 00853-6612 3456) or a Taiwan one (+886 912 345 678, +886-0912…),
# written with the region's calling code (eight or nine digits alone are too many other things)
HMT_MOBILE = re.compile(r"(?:\+|00)\s?(?:85[23][ \-]?[4-9]\d{3}[ \-]?\d{4}|886[ \-]?0?9\d{2}[ \-]?\d{3}[ \-]?\d{3})(?![0-9])")
_HMT_GATE = re.compile(r"(?:\+|00)\s?(?:85[23]|886)")  # performance only
# the same number spelt in words (一三八零零一三八零零零, 幺叁捌-贰柒陆伍-零玖肆壹, 138 零零一三 8000)
SPELT_MOBILE = spelt("{10}")
# a number masked too little: one to three of its eleven digits hidden (13800**8000, 13800138***)
PART_MASKED = re.compile(r"(?<![0-9A-Za-z*＊])1[3-9](?:[ \-]?[0-9*＊]){9}(?![0-9A-Za-z*＊])")


@rule
class MobileRule(Rule):
    """公开了完整的手机号码。

    ## 作用
    找出 11 位手机号码（13x–19x）和带区号的港澳台手机号码（+852、+853 后 8 位，+886 后 9 开头的 9 位），包括带 +86、中间（任意两位之间）有空格或连字符、全角数字、
    汉字数字（“一三八零零一三八零零零”，“幺”“两”和大写数字“壹贰叁”也算，也包括汉字与阿拉伯数字混写）、用圆点分组（138·2759·0416、138.2759.0416）和夹杂不可见字符的写法，
    分两处写出的号码（“尾号是5527……前七位是1392086”“前三位……中间四位……后四位……”，合起来是完整的号码），以及只遮盖了一至三位的号码（13800**8000、13800138***）。已做去标识化处理的号码（138****5678）和 `checks/registry/phones.yml`
    登记的公开号码不提示。

    ## 原因
    第五条（一）审核是否涉及个人隐私；第十二条定期排查个人隐私。个人手机号属于个人信息，
    行政执法公示、咨询答复中尤其常见。

    ## 示例
    `联系人：李某，电话 138 0013 8000`。

    ## 修改方法
    写成 `138****8000`；需要公开的工作电话，请局办公室登记到 phones.yml。
    """

    id = "privacy.mobile"
    title = "手机号码"
    article = "第五条（一）、第十二条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        public = self.policy.public_numbers
        found = [(m, re.sub(r"\D", "", m.group())[-11:]) for m in finditer_at(MOBILE_RE, MOBILE_START, view.text)]
        if GATE.search(view.text):
            found += [(m, d) for m in SPELT_MOBILE.finditer(view.text)
                      if (d := digits_of(m.group())) and re.fullmatch(r"1[3-9]\d{9}", d)]
        for m in PART_MASKED.finditer(view.text) if "*" in view.text or "＊" in view.text else ():
            chars = re.sub(r"[ \-]", "", m.group())
            if 1 <= sum(c in "*＊" for c in chars) <= 3:
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"手机号码 {chars} 只遮盖了 {sum(c in '*＊' for c in chars)} 位：请只保留前三位和后四位，"
                              "中间四位写成 ****（如 138****5678）")
        for m in HMT_MOBILE.finditer(view.text) if _HMT_GATE.search(view.text) else ():
            digits = re.sub(r"\D", "", m.group())
            if digits in public or digits.lstrip("0") in public:
                continue
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"完整的港澳台手机号码 {m.group()}：请遮盖中间几位（如 +{digits.lstrip('0')[:3]} {digits[-8:-6]}****{digits[-2:]}），"
                          "或删除号码")
        yield from self._parts(doc)
        for m, digits in found:
            if digits in public:
                continue
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"完整的手机号码 {digits[:3]}…{digits[-4:]}：请写成 {digits[:3]}****{digits[-4:]}")

    def _parts(self, doc: Document) -> Iterable[Hit]:
        """A mobile number whose first digits (前七位) and the rest (后四位, 尾号, 中间四位) stand apart:
        together they give all eleven digits."""
        view = doc.folded
        for p in number_parts(view.text):
            if re.match(r"1[3-9]", p.head) and len(p.head) < 11 and len(p.head) + len(p.rest) >= 11:
                yield doc.hit(self.id, view, p.start, p.end,
                              f"手机号码分开写出了前 {len(p.head)} 位和其余几位，合起来就是完整的号码：只保留尾号后四位，"
                              "或删除号码")
