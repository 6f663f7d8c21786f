from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Regexes
from govpub.rules.privacy._table import row_at

# GB/T 9704-2012: 密级★保密期限, e.g. 秘密★1年, 机密★会议开始前, 绝密★长期
STARRED = re.compile(r"(?:绝密|机密|秘密|^[ \t#>*_【\[（(]*涉?密)\s*[（(]?\s*[★☆✩✪✫✬✭✮✯✰⭐🌟*＊▲]\s*"
                     r"(?:[0-9一二三四五六七八九十]+\s*(?:年|个月|月|天|日)|长期|永久|[^\s，。；、]{1,12}?前)?[）)]?",
                     re.MULTILINE)  # and a bare 密★1年 or 涉密★ opening a line
# A line that is nothing but a classification (with 密级： and brackets or Markdown marks)
# (also wrapped in HTML elements pasted from a converter: <p align="right">秘密</p>, <td>机密</td>)
_TAGS_OPEN = r"(?:<[A-Za-z][^<>\n]{0,200}>[ \t]*)*"
_TAGS_CLOSE = r"(?:[ \t]*</?[A-Za-z][^<>\n]{0,200}>)*"
LEVEL_LINE = re.compile(rf"^[ \t]*{_TAGS_OPEN}[ \t#>*_【\[（(]*(?:密级\s*[:：]\s*)?(?:绝密|机密|秘密)[ \t*_】\]）)]*{_TAGS_CLOSE}[ \t]*$",
                        re.MULTILINE)
# what a finding leaves out: the HTML tags, spaces and Markdown marks around a marking
_HIT_LEAD = re.compile(rf"[ \t]*{_TAGS_OPEN}[ \t#>*_【\[（(]*")
_HIT_TAIL = re.compile(rf"{_TAGS_CLOSE}[ \t]*$")
# a bracketed level opening a line, words after it: 【机密】关于……
BRACKETED = re.compile(rf"^[ \t]*{_TAGS_OPEN}[ \t#>*_]*[【\[（(〔]\s*(?:绝密|机密|秘密)(?:级)?\s*[】\]）)〕]"
                       r"|^[ \t>*_]*(?:绝密|机密|秘密)(?=[ \t\u3000]+\S[^\n]*(?<![。！？])$)"  # 秘密　关于……的报告
                       # a bracketed level closing a line: 湛江市司法局（秘密）
                       r"|[（(【\[〔]\s*(?:绝密|机密|秘密)(?:级)?\s*[】\]）)〕][ \t*_]*$", re.MULTILINE)
# 密级：秘密, and in a table row: | 密级 | 机密 |
# and in other label words: 【密级】秘密, 保密级别：机密, 秘密等级：内部
# (the level also in pinyin or English, and after a space: 密级 jimi, 密级 Secret)
LABELLED = re.compile(r"(?:(?<![绝机秘])密级|秘密等级|保密等级|保密级别)\s*(?:[:：|｜]|[】\]]\s*[:：]?|[ \t\u3000]+(?=[A-Za-z绝机秘]))\s*"
                      r"(?:绝密|机密|秘密|内部|(?i:juemi|jimi|mimi|top\s+secret|secret|confidential|restricted)(?![A-Za-z]))")
# a level in pinyin with its star (jimi★1年), and a level whose characters a separator splits, with its star,
# anywhere on a line (审议《……方案》（机 密 ★ 三 年）, 绝/密★长期)
_STARS = "★☆✩✪✫✬✭✮✯✰⭐🌟*＊▲"
ROMAN_STARRED = re.compile(rf"(?<![A-Za-z])(?i:jue|ji|mi)[ \t_\-.·]*(?i:mi)[ \t]*[{_STARS}]")
# a level with its period in brackets and no star, heading its line: 秘密（6个月）, 机密(十年)
PERIOD_LINE = re.compile(r"^[ \t#>*_【\[]*(?:绝密|机密|秘密)\s*[（(]\s*(?:保密期限\s*[:：]?\s*)?"
                         r"(?:[0-9一二三四五六七八九十]+\s*(?:年|个月)|长期|永久"
                         # or the day it ends: 绝密（有效期至2027年6月）, 机密（2028年12月31日前）
                         r"|(?:有效期|期限)?\s*(?:至|到)?\s*\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*(?:止|前|为止)?)"
                         r"\s*[）)][ \t*_】\]]*$", re.MULTILINE)
_SEP = r"[ \t\u3000·/\\|｜_\-.•・—–－~～]"
SEP_STARRED = re.compile(rf"[绝机秘]{_SEP}+密{_SEP}*[{_STARS}]|[绝机秘]密{_SEP}+[{_STARS}](?=(?:{_SEP})*[0-9一二三四五六七八九十长永])")
# a level written with spaces between its characters (机 密 ★ 1 年), with a star or alone on its line
_S = r"[ \t\u3000·]"
SPACED = re.compile(rf"^[ \t#>*_【\[（(]*[绝机秘]{_S}+密(?:{_S}*[★☆*＊▲]{_S}*(?:[0-9一二三四五六七八九十]+{_S}*(?:年|个{_S}*月|月|天|日)"
                    rf"|长{_S}*期|永{_S}*久|(?:[^\s，。；、]{_S}*){{1,8}}?前)?)?[ \t*_】\]）)]*$", re.MULTILINE)
_SPACED_GATE = re.compile(rf"[绝机秘]{_S}+密")
# a table cell that holds nothing but a level (| 机密 | or | 秘密★1年 |), in a column headed 密级
CELL = re.compile(r"(?<=\|)[ \t*_]*(?:绝密|机密|秘密)(?:\s*[★☆*＊][^|\n]{0,12})?[ \t*_]*(?=\|)")

# the star before the level, closing a header line or before another item of it: 等级：特急　★密, ★机密
STAR_FIRST = re.compile(rf"[{_STARS}][ \t]*(?:绝密|机密|秘密|密)(?=[ \t\u3000]*(?:$|[{_STARS}（(]))", re.MULTILINE)

# a cited document's level in the brackets of its number: 《……》（粤司密〔2026〕12号，机密）, （湛司发〔2026〕3号　秘密★1年）:
# the article retells a classified document
CITED = re.compile(r"[〔\[［(（【﹝]\s*\d{4}\s*[〕\]］)）】﹞]\s*第?\s*\d+\s*号\s*[，,、；;\s]\s*(?:密级\s*[:：]?\s*)?"
                   r"(?P<level>绝密|机密|秘密)(?:级)?(?:\s*[★☆*＊][^）)\n]{0,8})?\s*[）)]")
_PATTERNS = (STARRED, LABELLED, LEVEL_LINE, BRACKETED, ROMAN_STARRED, SEP_STARRED, PERIOD_LINE, STAR_FIRST, CITED)
PATTERNS = (*_PATTERNS, SPACED)  # every way this rule finds a level (secret.marking leaves them to it)


@rule
class LevelRule(Rule):
    """文中出现密级标志。

    ## 作用
    找出 GB/T 9704-2012 规定的密级和保密期限标志：`秘密★1年`、`机密★会议开始前`、
    `绝密★长期`（含行首简写的“密★1年”）（含“机密（★10年）”、汉字数字的期限），“密级：秘密”（含表格中的“| 密级 | 机密 |”），
    单独成行的“绝密”“机密”“秘密”（公文版头的密级行），行首括号中或后面隔着空格的密级（“【机密】关于……”“秘密　关于……”），
    行末括号中的密级（“湛江市司法局（秘密）”），行首括号中写期限而没有星号的密级（“秘密（6个月）”），“【密级】秘密”“保密级别：机密”“秘密等级：内部”一类标注项，
    引用文件时文号后括号中写出的密级（“《……》（粤司密〔2026〕12号，机密）”：转述的是涉密文件的内容），
    以及表格中“密级”一栏里的“机密”“秘密★1年”（收文登记表、文件清单）。字间有空格的（“机 密 ★ 1 年”）同样提示；
    带星号的密级在行中任何位置、字间隔着空格或符号（“（秘-密★2年）”“绝/密★长期”），星号写成表情符号（⭐、✭），
    密级写成拼音或英文（“jimi★1年”“密级 jimi”“密级：Confidential”）、星号写在前面的版头密级（“等级：特急　★密”）也提示。
    讲密级的文章不提示：两个不同的密级各自单独成行或在表格中（“绝密 / 机密 / 秘密”作小标题、各级保密期限表），
    被谈论的标志（“‘秘密★1年’中的‘1年’表示什么”“绝密★30年？”“例如：机密★5年。”），
    同一行中两个不同的密级（“秘密★1年、机密★5年、绝密★长期”、表头“绝密级 | 机密级 | 秘密级”）。
    正文中的普通用语（如“保守国家秘密”“商业秘密”）不会提示。

    ## 原因
    第十条“涉密信息不上网，上网信息不涉密”；第五条（一）审核是否涉及国家秘密。
    泄露国家秘密是国家政府网站检查的单项否决项。

    ## 示例
    ```
    机密★1年
    关于开展专项行动的通知
    ```

    ## 修改方法
    带密级标志的文件不得上网。确认已解密并经保密审查同意公开的，删除密级标志后，
    在豁免注释中写明解密依据。
    """

    id = "secret.level"
    title = "密级标志"
    article = "第五条（一）、第十条"

    @cached_property
    def _gate(self) -> Regexes:
        return Regexes(_PATTERNS)

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.simplified
        text = view.text
        seen: set[int] = set()
        spans: list[tuple[int, int]] = []  # what is reported: one finding per marking
        found: list[tuple[int, int, bool, str]] = []  # start, end, a bare level (no star, no label), message
        maybe = self._gate.candidates(text)  # performance only: the patterns whose words are there
        spaced = _SPACED_GATE.search(text) is not None  # performance only: SPACED needs a spaced level word
        for i, pattern in enumerate((*_PATTERNS, SPACED)):
            if i < len(_PATTERNS) and i not in maybe or pattern is SPACED and not spaced:
                continue
            for m in pattern.finditer(text):
                if m.start() in seen or not m.group().strip():
                    continue
                seen.add(m.start())
                lead = _HIT_LEAD.match(text, m.start(), m.end())
                start = lead.end() if lead else m.start()
                end = m.start() + len(_HIT_TAIL.sub("", m.group()))
                if pattern is CITED:
                    start, end = m.start("level"), m.end() - 1
                if end <= start or any(a < end and start < b for a, b in spans) or _quoted_example(text, start, end):
                    continue
                spans.append((start, end))
                bare = (pattern is LEVEL_LINE or pattern is BRACKETED or pattern is PERIOD_LINE
                        or pattern is SPACED and not _STAR.search(m.group()))
                found.append((start, end, bare and "密级" not in m.group(),
                              f"密级标志“{text[start:end].strip()}”：涉密信息不得上网，请撤下此稿并报保密审查"))
        for m in CELL.finditer(view.text) if "|" in view.text else ():
            if m.start() in seen or not any("密级" in cell.header for cell in row_at(view.text, m.start())):
                continue
            seen.add(m.start())
            found.append((m.start(), m.end(), not _STAR.search(m.group()),
                          f"表格的密级栏“{m.group().strip(' *_')}”：涉密信息不得上网，请撤下此稿并报保密审查"))
        # a paper carries one level: two different levels each standing bare (lines, cells, headings) are the
        # items of a lesson on the levels (绝密 / 机密 / 秘密 as headings, a table of each level's period)
        levels = {_level_of(text[a:b]) for a, b, bare, _ in found if bare}
        lesson = len(levels - {""}) >= 2
        # nor does one line hold two different levels: 秘密★1年、机密★5年、绝密★长期，这些你都认识吗？
        by_line: dict[int, set[str]] = {}
        for a, b, _, _ in found:
            by_line.setdefault(text.rfind("\n", 0, a), set()).add(_level_of(text[a:b]))
        for start, end, bare, message in sorted(found):
            if not (bare and lesson) and len(by_line[text.rfind("\n", 0, start)] - {""}) < 2:
                yield doc.hit(self.id, view, start, end, message)


_STAR = re.compile(rf"[{_STARS}]")
_LEVEL_WORD = re.compile(rf"[绝机秘](?:{_SEP})*密")


def _level_of(marking: str) -> str:
    m = _LEVEL_WORD.search(marking)
    return m.group()[0] if m else ""


# words that give an example of a marking right before the quoted marking (例如“机密★10年”, 标注为“秘密★1年”)
_EXAMPLE = re.compile(r"(?:例如|比如|譬如|诸如|如|即|像|写作|写成|标注为|标为|标注成|形如)[，,：:]?\s*$")


# what follows a quoted marking that is being talked about: “秘密★1年”中的“1年”, “机密★5年”表示……
_TALK_AFTER = re.compile(r"\s*(?:中|里|这|的(?:意思|含义|写法|标注)|表示|是指|指的是|意思是|代表|说明)")
# an example given without quotes at the end of a sentence of a lesson: 例如：机密★5年。
_UNQUOTED_EXAMPLE = re.compile(r"(?:例如|比如|譬如|如|即|写作|写成|标注为|标为|形如)\s*[，,：:]?\s*$")


def _quoted_example(text: str, start: int, end: int) -> bool:
    """The marking is quoted on its own inside a sentence that speaks of it (文件上标注的“秘密★1年”是什么意思):
    an example in a secrecy lesson. A quoted marking alone on its line or opening it is still a header."""
    if text.startswith(("？", "?", "吗", "是什么", "什么意思", "怎么"), end):
        return True  # 绝密★30年？其实……: the marking asked about in a lesson
    line_start = text.rfind("\n", 0, start) + 1
    if (_UNQUOTED_EXAMPLE.search(text, max(line_start, start - 8), start) and _cjk(text[line_start:start]) >= 4
            and text.startswith(("。", "；", "，", "）", ")"), end)):
        return True  # ……再写保密期限，例如：机密★5年。
    close = text.find("”", end, end + 8)
    if start == 0 or text[start - 1] != "“" or close < 0 or "“" in text[end:close]:
        return False
    line_end = text.find("\n", close)
    before, after = text[line_start:start - 1], text[close + 1:line_end if line_end >= 0 else len(text)]
    if _cjk(before) >= 2 and _EXAMPLE.search(before):
        return True  # 标注为“机密★10年”。 / 例如“秘密★1年”: an example given at the end of a sentence
    if _TALK_AFTER.match(after):
        return True  # “秘密★1年”中，“1年”表示什么？ / “机密★5年”的意思是……: the marking is what is talked about
    return _cjk(before) >= 2 and _cjk(after) >= 2  # in the middle of a sentence, not opening a header line


def _cjk(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)
