from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.sentences import PARAGRAPH

_UNIT = r"(?P<unit>人次|人|名|件|宗|起|户|家|个|次|份|项)"
# an outcome and its opposite counted side by side: 合格1208人 … 另有96人未合格 / 不合格96人; 男性30人、女性12人
_OUTCOMES = "合格|通过|成功|办结|到位|达标|录取|结案"
_YES = re.compile(rf"(?<![未不没])(?P<word>{_OUTCOMES})(?:的)?(?:有|为|共)?(?P<n>\d+){_UNIT}")
_NO = re.compile(rf"(?:[未不没](?P<word>{_OUTCOMES})(?:的)?(?:有|为|共)?(?P<n>\d+){_UNIT}"
                 rf"|(?:另有|还有|其余)?(?P<n2>\d+)(?P<unit2>人次|人|名|件|宗|起|户|家|个|次|份|项)[未不没](?P<word2>{_OUTCOMES}))")
_SEXES = re.compile(rf"男(?P<who>[\u4e00-\u9fff]{{0,3}}?)(?P<m>\d+){_UNIT}[^。；\n]{{0,6}}?女(?P=who)(?P<f>\d+)(?P=unit)")
# what an article must hold for a pair to be there (performance only)
_ANY = re.compile(rf"[未不没](?:{_OUTCOMES})|男[\u4e00-\u9fff]{{0,3}}?\d")
# any count in the paragraph: the totals the two parts may add up to (共有1350人报考，实际参考1296人)
_COUNT = re.compile(r"(?P<n>\d+)(?P<unit>人次|人|名|件|宗|起|户|家|个|次|份|项)")
# people counted in all before the paragraph of a men-and-women split: 共120名, 共有120人
_ALL_PEOPLE = re.compile(r"(?:共|共有|合计|总计|共计)(?P<n>\d+)[人名]")


@rule
class FiguresRule(Rule):
    """同一段中互补的两个数字加起来对不上任何一个总数。

    ## 作用
    在同一段中找出一对互补的计数（合格与不合格、通过与未通过、成功与未成功、办结与未办结、男性与女性……，单位相同），
    两者之和比前面写的最小的总数（同单位、比两部分都大的数）还大、又不等于其中任何一个时提示：
    “实际参考1296人……合格1208人……另有96人未合格”（1208＋96＝1304）。段中没有写总数的不核对；
    两部分之和等于某个总数（报考人数或实际参考人数）即视为一致；两部分之和小于总数的（还有缺考、未到等第三类）不提示。
    男性和女性人数还与文章前面“共120名”“共有120人”一类的总人数核对（“共120名人民调解员参加培训……男性70人、女性60人”）。

    ## 原因
    第五条：严禁出现错误的表述。统计数字前后矛盾是读者最容易发现、最损害公信力的差错，多是改稿时只改了一处数字。

    ## 示例
    `本次考试共有1350人报考，实际参考1296人，缺考54人，合格1208人，另有96人未合格。`

    ## 修改方法
    核对原始统计，把各项数字改成一致。
    """

    id = "typo.figures"
    title = "数字前后矛盾"
    article = "第五条"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.simplified
        text = view.text
        if not _ANY.search(text):
            return
        for para in PARAGRAPH.finditer(text):
            block = para.group()
            if len(_COUNT.findall(block)) < 3 and not _SEXES.search(block):
                continue
            yield from self._pairs(doc, block, para.start())

    def _pairs(self, doc: Document, block: str, offset: int) -> Iterable[Hit]:
        view = doc.simplified
        counts = [(int(m.group("n")), m.group("unit"), m.start()) for m in _COUNT.finditer(block)]
        pairs: list[tuple[int, int, str, int, int]] = []  # yes, no, unit, where, end
        for no in _NO.finditer(block):
            word = no.group("word") or no.group("word2")
            n = int(no.group("n") or no.group("n2"))
            unit = no.group("unit") or no.group("unit2")
            yes = next((y for y in _YES.finditer(block) if y.group("word") == word and y.group("unit") == unit), None)
            if yes is not None:
                pairs.append((int(yes.group("n")), n, unit, min(yes.start(), no.start()), max(yes.end(), no.end())))
        for m in _SEXES.finditer(block):
            pairs.append((int(m.group("m")), int(m.group("f")), m.group("unit"), m.start(), m.end()))
        # people said to be so many in all earlier in the article (共120名学员参加): the men and women's total too
        people = {int(t.group("n")) for t in _ALL_PEOPLE.finditer(view.text, 0, offset)}
        for a, b, unit, start, end in pairs:
            # the totals: counts of that unit written before the pair and larger than either part
            totals = {n for n, u, at in counts if u == unit and at < start and n > max(a, b)}
            if unit in ("人", "名") and _SEXES.match(block, start):
                totals |= {n for n in people if n > max(a, b)}
            if totals and a + b not in totals and a + b > min(totals):  # less: a third group (缺考) may be left out
                yield doc.hit(self.id, view, offset + start, offset + end,
                              f"{a}{unit}与{b}{unit}合计{a + b}{unit}，与本段的总数"
                              f"（{'、'.join(f'{n}{unit}' for n in sorted(totals))}）都对不上：请核对数字")
