from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import finditer_at
from govpub.rules.normalize import View
from govpub.rules.privacy._checksums import is_hk_id, is_id_shaped, is_resident_id, is_tw_id
from govpub.rules.privacy._parts import number_parts
from govpub.rules.sentences import sentence_at

# 18 characters, digits with an optional space or dash between any two, last may be X.
# Bounded by "no ASCII letter or digit" rather than \b, so 身份证号440825… is found.
# (or one line break: a number wrapped in the draft, which the page joins)
_SEP = r"(?:[ \-]|[ \t]*(?:\r\n|\r|\n)[ \t]*)?"  # a CRLF or lone CR line break too
ID_RE = re.compile(rf"(?<![0-9A-Za-z])\d(?:{_SEP}\d){{16}}{_SEP}[0-9Xx](?![0-9A-Za-z])"
                   rf"|(?<![0-9A-Za-z])\d(?:{_SEP}\d){{14}}(?![0-9A-Za-z])")  # first-generation: 15 digits
# the same number in Chinese digits (四四〇八〇三一九八七……), as it is read out or typed by a converter
_CN = "零〇○一幺二三四五六七八九"
CN_ID = re.compile(rf"(?<![{_CN}十百千万])[{_CN}](?:\s?[{_CN}]){{16}}\s?[{_CN}Xx](?![{_CN}十百千万])")
_CN_GATE = re.compile(rf"[{_CN}]{{8}}")  # performance only: eight Chinese digits in a row
_CN_DIGIT = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0", "幺": "1", "X": "X", "x": "X"}
# the number is named as an ID number in its sentence: then a wrong check character or the old
# 15-digit form is still a person's ID number
LABEL = re.compile(r"身份证|身份号码|证件号|居住证|居留证|居留身份证")
# a Hong Kong identity card number, its check character in brackets (A123456(3), XA123456（7）), or after a label
HK_ID = re.compile(r"(?<![A-Za-z0-9])(?P<l>[A-Z]{1,2})(?P<d>\d{6})\s*(?:[（(](?P<c>[0-9A])[）)]|(?P<bare>[0-9A]))(?![A-Za-z0-9])")
HK_START = re.compile(r"[A-Z](?=[A-Z]?\d{6})")  # performance only: where HK_ID can start
# a Taiwan identity card number (A123456789): a letter, the sex digit 1 or 2, eight digits
TW_ID = re.compile(r"(?<![A-Za-z0-9])[A-Z][12]\d{8}(?![A-Za-z0-9])")
TW_START = re.compile(r"[A-Z](?=[12]\d{8})")
# a Macao resident identity card number (5215299(8)): 1, 5, 7 or 8, six digits, the check digit in brackets; its check
# is not published, so the sentence must name the card or Macao
MO_ID = re.compile(r"(?<![A-Za-z0-9])[1578]\d{6}\s*[（(]\d[）)]")
# the sentence names a Hong Kong, Macao or Taiwan identity card (for a number without its brackets)
HMT_LABEL = re.compile(r"身份证|身份證|证件|證件|证号|HKID|ID\s*(?:card|No)|香港|澳门|澳門|BIR|台湾|台胞|居民", re.IGNORECASE)
# region codes of citizens' cards (the rest: residence permits 81/82/83, a foreigner's permanent residence card 9…)
_CITIZEN = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
            "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"}
# a masked number that still shows the birth date: 44088119900101****, 440881199001011**3, or grouped by
# spaces (4408 2319 9107 05** 35; masking must hide the date: 4408**********0029)
MASKED = "*＊×xX●"
_MSEP = r"[ \-]?"
PARTLY_MASKED = re.compile(rf"(?<![0-9A-Za-z{MASKED}])\d(?:{_MSEP}\d){{13}}(?:{_MSEP}[0-9{MASKED}]){{3}}{_MSEP}[0-9Xx{MASKED}]"
                           rf"(?![0-9A-Za-z{MASKED}])")
# an 18-character number whose masks hide too little, wherever they stand (440802198805*****3, 4408021988**1523X):
# twelve or more of its digits still shown; named as an ID number in its sentence
THIN_MASK = re.compile(rf"(?<![0-9A-Za-z{MASKED}])\d{{6}}(?:{_MSEP}[0-9{MASKED}]){{11}}{_MSEP}[0-9Xx{MASKED}](?![0-9A-Za-z{MASKED}])")
_THIN_SHOWN = 12
# a number cut short after the birth date (44088319950817（后四位略）): named as an ID number in its sentence
TRUNCATED = re.compile(r"(?<![0-9A-Za-z])(?<![0-9][ \-])\d(?:[ \-]?\d){13,16}(?![ \-]?[0-9A-Za-z*＊×●])")
# Where a match of ID_RE or PARTLY_MASKED can start: a digit that 14 more follow (performance only:
# both patterns open with a lookbehind, which makes the regex engine try them at every character)
ID_START = re.compile(rf"\d(?=(?:{_SEP}\d){{14}})")
MASKED_START = re.compile(rf"\d(?=(?:{_MSEP}\d){{13}})")


def _at(pattern: re.Pattern[str], starts: list[int], text: str) -> Iterator[re.Match[str]]:
    """matching.finditer_at with the start positions scanned once (MASKED_START serves two patterns)."""
    pos = 0
    for at in starts:
        if at < pos:
            continue
        m = pattern.match(text, at)
        if m is not None:
            yield m
            pos = m.end()


@rule
class IdNumberRule(Rule):
    """公开了完整的居民身份证号码。

    ## 作用
    找出文章中完整的 18 位居民身份证号码：行政区划代码、真实的出生日期和校验码都正确，
    无论用全角数字、中间加空格或连字符、夹杂不可见字符，还是紧挨着汉字书写。同一句中写明
    “身份证”“身份号码”“证件号”的，校验码不对的号码和 15 位的第一代身份证号码也提示。
    同样格式的港澳台居民居住证（810000、820000、830000 开头）和外国人永久居留身份证（9 开头）号码，
    以及香港身份证（A123456(3)，按校验位）、澳门居民身份证（5215299(8)，同句写明证件或澳门）、台湾身份证（A123456789，按校验位，同句写明证件或港澳台）也提示。
    已做去标识化处理的号码（如 4408**********0029）不算；只遮盖末几位、出生日期仍然完整可见的
    （44088119900101****，分组书写的 4408 2319 9107 05** 35 也算）提示；同一句写明身份证的，只写到出生日期、
    略去末几位的号码（“44088319950817（后四位略）”）也提示。

    ## 原因
    第五条（一）：审核信息是否涉及个人隐私；第十二条：定期排查是否公开个人隐私。
    国家检查中“个人信息未进行模糊处理”会被通报。

    ## 示例
    `当事人：李某，身份证号440825197811300029`。

    ## 修改方法
    把号码中间的出生日期等位替换为 *，如 `4408**********0029`；确实无需公开的，删除号码。
    """

    id = "privacy.id-number"
    title = "身份证号码"
    article = "第五条（一）、第十二条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        text = view.text
        starts = [m.start() for m in MASKED_START.finditer(text)]  # one scan for both patterns below
        for m in _at(PARTLY_MASKED, starts, text):
            number = re.sub(r"[ \-]", "", m.group())
            if (any(c in "*＊×xX●" for c in number[14:17]) or number[17] in "*＊×●") and is_id_shaped(number[:14] + "0000"):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"身份证号码 {number} 只遮盖了末几位，出生日期仍然可见：写成 {number[:4]}{'*' * 10}{number[-4:]}")
        reported = {m.start() for m in _at(PARTLY_MASKED, starts, text)}
        for m in THIN_MASK.finditer(text) if any(c in text for c in MASKED) else ():
            number = re.sub(r"[ \-]", "", m.group())
            shown = sum(c.isdigit() for c in number)
            if (m.start() in reported or not any(c in "*＊×●" for c in number) or shown < _THIN_SHOWN
                    or not is_id_shaped(number[:6] + "19800101" + "0000") or number[6:8] not in ("19", "20")
                    or not LABEL.search(text, *sentence_at(text, m.start()))):
                continue
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"身份证号码 {number} 只遮盖了 {18 - shown} 位，仍露出 {shown} 位：只保留前 4 位和后 4 位，"
                          f"写成 {number[:4]}{'*' * 10}{number[-4:]}")
        found = [(m, re.sub(r"[ \t\r\n\-]", "", m.group())) for m in finditer_at(ID_RE, ID_START, text)]
        if _CN_GATE.search(text):
            found += [(m, "".join(_CN_DIGIT[c] for c in m.group() if c in _CN_DIGIT)) for m in CN_ID.finditer(text)]
        for m, number in found:
            if is_resident_id(number) or is_id_shaped(number) and LABEL.search(text, *sentence_at(text, m.start())):
                kind = "身份证号码" if number[:2] in _CITIZEN else "证件号码（港澳台居民居住证或外国人永久居留身份证）"
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"完整的{kind} {number[:4]}…{number[-4:]}：请做去标识化处理，"
                              f"写成 {number[:4]}{'*' * 10}{number[-4:]}")
        for m in _at(TRUNCATED, starts, text):
            number = re.sub(r"[ \-]", "", m.group())
            if (len(number) != 15 and is_id_shaped(number[:14] + "0000")
                    and LABEL.search(text, *sentence_at(text, m.start()))):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"身份证号码 {number} 只略去了末几位，出生日期仍然可见：遮盖出生日期（如 {number[:4]}{'*' * 10}…），"
                              "或删除号码")
        for p in number_parts(text):  # 前十位为4408031999，后八位为02141159
            whole = (p.head + p.rest)[:18]
            if len(p.head) < 18 and len(whole) == 18 and is_id_shaped(whole):
                yield doc.hit(self.id, view, p.start, p.end,
                              f"身份证号码分开写出了前 {len(p.head)} 位和其余几位，合起来就是完整的号码：请做去标识化处理，"
                              f"写成 {whole[:4]}{'*' * 10}{whole[-4:]}")
        yield from self._hmt(doc, view)

    def _hmt(self, doc: Document, view: View) -> Iterable[Hit]:
        """Hong Kong and Taiwan identity card numbers, by their check characters; Macao's by their shape and label."""
        text = view.text
        for m in finditer_at(HK_ID, HK_START, text):
            check = m.group("c") or m.group("bare")
            if is_hk_id(m.group("l"), m.group("d"), check) and (
                    m.group("c") or HMT_LABEL.search(text, *sentence_at(text, m.start()))):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"完整的香港身份证号码 {m.group()}：请做去标识化处理，写成 {m.group('l')}{m.group('d')[:2]}****（*）")
        for m in MO_ID.finditer(text) if ("（" in text or "(" in text) else ():
            if HMT_LABEL.search(text, *sentence_at(text, m.start())):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"完整的澳门居民身份证号码 {m.group()}：请做去标识化处理，写成 {m.group()[:2]}*****（*）")
        for m in finditer_at(TW_ID, TW_START, text):
            if is_tw_id(m.group()) and HMT_LABEL.search(text, *sentence_at(text, m.start())):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"完整的台湾身份证号码 {m.group()}：请做去标识化处理，写成 {m.group()[:2]}******{m.group()[-2:]}")
