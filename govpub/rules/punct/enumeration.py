from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.typo._pinyin import common_word
from govpub.rules.typo._words import everyday_word

# Three or more bare numbers separated by the full-width comma (第3，5，8项): an enumeration,
# which takes 、 between its items. Thousands separators are ASCII commas (12,580) and stay.
ENUMERATION = re.compile(r"(?<![\d.,，．])\d{1,4}(?:，\d{1,4}){2,}(?![\d.,，．%‰])")
# Two neighbouring Chinese numerals that make an estimate (三四十名, 十五六岁) take no 、 between them
# (GB/T 15834 4.5.3.6): 三、四十名, 十五、六岁. The second must be the next number and a tens, hundreds or
# an age or head count must follow; 第三、四季度 and 一、二审 are lists, and so is a heading's number at
# the start of a line (三、四项措施).
_DIGITS = "两三四五六七八九"  # 两 before 三 (两、三天); 一 has no place: 一、二 is a list (一、二审)
_FIRST = frozenset("二两三四五六七八")
_NEXT = frozenset("二三四五六七八九")
ESTIMATE = re.compile(r"(?<=[\u4e00-\u9fff，。；：“（])(?<![第〇零一二三四五六七八九十百千万、])(?P<tens>(?:[二三四五六七八九]?十)?)(?P<a>[一二两三四五六七八])、(?P<b>[二三四五六七八九])"
                      r"(?=[十百千万]|[个名位人天岁次家件条](?![民员大])|年(?!级))")


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
# 、 right before the conjunction that joins the last item (律师、公证员、和调解员): one or the other.
# Not where the conjunction begins a word (富强、民主、文明、和谐; 、及时; 、与会人员).
_CONJUNCTIONS = ("以及", "或者", "和", "及", "或")  # not 与, 同: prepositions and prefixes (、与案件有关的材料; 同部署、同落实)


_FIRSTS = frozenset(c[0] for c in _CONJUNCTIONS)


def _estimate(text: str, at: int) -> re.Match[str] | None:
    """ESTIMATE's match around the 、 at text[at], or None."""
    for k in range(max(0, at - 3), at):
        m = ESTIMATE.match(text, k, at + 4)
        if m is not None:
            return m
    return None


@rule
class EnumerationRule(Rule):
    """数字并列时用了逗号而不是顿号。

    ## 作用
    找出三个以上的数字之间用“，”分隔的并列（“编号为3，5，8，12号”“第1，2，3项”），应当用顿号。
    千位分隔的半角逗号（12,580）、带单位的分句（“3个，5个”）不提示。
    相邻两个汉字数字连用表示概数时中间加了顿号（“三、四十名”“十五、六岁”“七、八个人”）也提示；
    “第三、四季度”“一、二审”“三、五年”是列举，不提示。
    并列的最后一项前既用了顿号又用了“和”“及”“以及”“或”（“律师、公证员、和人民调解员”）也提示；
    “和”“及”与后面的字组成词的（“文明、和谐”“、及时”）和“、与……有关的材料”“同谋划、同部署”不提示。

    ## 原因
    第五条（四）：表述规范。GB/T 15834—2011 4.5：句子内部并列词语之间的停顿用顿号；
    用逗号会被误读为分句或千位分隔。

    ## 示例
    `本次抽查的案卷编号为3，5，8，12号。`、`共有三、四十名调解员参加。`、`律师、公证员、和调解员参加培训。`

    ## 修改方法
    把数字之间的逗号改为顿号：`3、5、8、12号`；概数去掉顿号：`三四十名`。
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
        text = view.text
        yield from self._pause_and(doc)
        at = text.find("、", 1)
        while at >= 0:  # ESTIMATE tried only beside a 、 between two numerals (performance only)
            est = _estimate(text, at) if text[at - 1] in _FIRST and text[at + 1:at + 2] in _NEXT else None
            at = text.find("、", at + 1)
            if est is None:
                continue
            a = "两" if est.group("a") == "二" else est.group("a")
            if _DIGITS.index(est.group("b")) != _DIGITS.index(a) + 1:
                continue  # not neighbouring numbers: a list (三、五年)
            yield doc.hit(self.id, view, est.start(), est.end(),
                          f"概数“{est.group()}”中间用了顿号：相邻数字连用表示概数不用顿号，应为“{est.group().replace('、', '')}”")

    def _pause_and(self, doc: Document) -> Iterable[Hit]:
        """、 and then 和/及/以及/或 joining the last item (公证员、和调解员): the list takes one of them."""
        view = doc.prose
        text = view.text
        at = text.find("、")
        while at >= 0:
            i, at = at, text.find("、", at + 1)
            if text[i + 1:i + 2] not in _FIRSTS:
                continue  # most items begin otherwise (performance only)
            conj = next((c for c in _CONJUNCTIONS if text.startswith(c, i + 1)), None)
            if conj is None or not _CJK_CHAR.match(text, i + 1 + len(conj)):
                continue
            if len(conj) == 1:
                word = text[i + 1:i + 3]
                if everyday_word(word) or common_word(word):
                    continue  # 、和谐, 、及时, 、与会
            yield doc.hit(self.id, view, i, i + 1 + len(conj),
                          f"“、{conj}”：并列的最后一项前已用“{conj}”连接，删去前面的顿号")
