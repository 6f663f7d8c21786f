from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.sentences import SENTENCE_END
from govpub.rules.typo.figures import _SEXES
from govpub.rules.typo.numeral import _number

# a count: a figure (1.76万) and a counting word
_UNITS = "人次|人|名|件|宗|起|户|家|个|次|份|项|场|批|所|期"
_FIGURE = r"\d+(?:\.\d+)?[万亿]?"
_COUNT = re.compile(rf"(?P<n>{_FIGURE})(?P<unit>{_UNITS})")
# the same people counted with either word
_SAME_UNIT = {"名": "人"}
# a rate and the outcome it is of: 办结率95%, 调解成功率达98%
_RATE = re.compile(r"(?P<stem>[\u4e00-\u9fff]{2})率(?:达到|达|为|是|约|约为|高达)?(?P<pct>\d+(?:\.\d+)?)%")
# a change against an earlier figure: 同比增长20%, 下降5.5%
_CHANGE = re.compile(r"(?P<dir>增长|增加|上升|提高|提升|下降|减少|降低)了?(?P<pct>\d+(?:\.\d+)?)%(?!个)")
_EARLIER = ("去年同期", "上年同期", "去年", "上年", "上一年", "同期")
# a total and the parts it is said to consist of: 共有……1586个，其中……1624个、……58个
_OF_WHICH = re.compile(r"[，,](?:其中|包括|含)[：:]?")
# a part that is a change or a comparison, not a share of the total: 同比增加10件, 比上年多5件
_NOT_PART = ("增长", "增加", "上升", "减少", "下降", "多", "少", "比", "较", "同比", "超过", "达")
_DATE = r"(?:(?P<y{0}>\d{{4}})年)?(?:(?P<m{0}>\d{{1,2}})月)?(?P<d{0}>\d{{1,2}})日"
# a range of dates: 2026年12月10日至12月5日, 11月10日至14日
_RANGE = re.compile(r"(?<!\d)" + _DATE.format(1) + r"(?:至|到|—|－|-|～|~)" + _DATE.format(2))
# a length in days said of the same event: 为期三天
_LASTS = re.compile(r"为期(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,2})(?:天|日)(?!半)")
# a number of groups something is split into, said again later with another number
_SPLIT = re.compile(r"(?:分成|分为|组成|成立)(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,2})个(?P<noun>[\u4e00-\u9fff]{1,4}?(?:组|队|小分队))")

# a five-year plan's ordinal and the years written with it: “七五”普法规划（2021—2025年）
_PLAN = re.compile(r"[“\"‘]?(?P<n>[一二三四五六七八九十]{1,3})五[”\"’]?(?P<what>普法|规划|时期|期间)"
                   r"[^（(。；\n]{0,10}[（(](?P<y1>\d{4})年?(?:—|－|-|～|~|至|到)(?P<y2>\d{4})年?[）)]")
# the first year of the first plan of each kind (普法 from 1986; the national plans five-yearly from the third, 1966)
_PLAN_START = {"普法": (1, 1986), "": (3, 1966)}


def _value(figure: str) -> float:
    scale = 1e4 if figure.endswith("万") else 1e8 if figure.endswith("亿") else 1
    return float(figure.rstrip("万亿")) * scale


def _slack(figure: str) -> float:
    """Half a unit of the figure's last written digit (48.6万: 500): a rounded figure may be that far off."""
    scale = 1e4 if figure.endswith("万") else 1e8 if figure.endswith("亿") else 1
    decimals = len(figure.rstrip("万亿").partition(".")[2])
    return 0.5 / 10.0 ** decimals * scale if scale > 1 or decimals else 0.0


def _chinese(n: int) -> str:
    ones = "一二三四五六七八九"
    return ones[n - 1] if n < 10 else "十" + (ones[n - 11] if n > 10 else "")


def _small(written: str) -> int | None:
    return _number(written.replace("两", "二"))


def _close(ratio: float, pct: str) -> bool:
    """ratio (in percent) rounds to pct as written, with a half unit of its last digit to spare."""
    decimals = len(pct.partition(".")[2])
    return abs(ratio - float(pct)) <= 0.5 / 10.0 ** decimals + 0.05


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            yield start, text[start:m.start()]
        start = m.end()
    if start < len(text):
        yield start, text[start:]


def _unit(unit: str) -> str:
    return _SAME_UNIT.get(unit, unit)


@rule
class ArithmeticRule(Rule):
    """比率、增幅、分项之和、日期区间与文中的数字算不到一起。

    ## 作用
    用文章自己写出的数字验算，不依赖词表：
    - 比率：同一句中“办结100件……办结率95%”“调解成功186宗，调解成功率98%”，用该项数字除以句中前面写的同单位总数
      （受理120件、排查调处200宗），哪个总数都算不出所写的百分数（按所写的小数位四舍五入）时提示；
    - 增幅：同一句中本期数和“去年同期（上年）的”数，“160件，比去年同期的150件增长20%”（实为6.7%）；
    - 分项之和：总数后“其中”“包括”列出的同单位分项，合计（或单独一项）超过总数：“共有调解组织1586个，其中……1624个”；
      分项合计少于总数的（没有列全）不提示；
    - 日期区间：结束日早于开始日（“12月10日至12月5日”），“为期三天”与同一句的“11月10日至14日”（五天）不符；
    - 分组数：“分成3个检查组”之后又写“4个检查组”；
    - 五年规划的期次与括注的年份不符：“七五”普法规划（2021—2025年）应为“八五”（普法规划自1986年起每五年一期，
      国民经济和社会发展五年规划自“三五”1966年起）。

    ## 原因
    第五条：严禁出现错误的表述。统计数字和日期前后矛盾是读者一算就能发现的差错，多是改稿时只改了一处。

    ## 示例
    `市本级共受理行政复议案件120件，办结100件，办结率95%。`

    ## 修改方法
    核对原始统计和日程，把数字、百分数或日期改成一致。
    """

    id = "typo.arithmetic"
    title = "数字算不到一起"
    article = "第五条"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.simplified
        text = view.text
        for start, sentence in _sentences(text):
            if "%" in sentence:
                for at, end, message in (*self._rates(sentence), *self._changes(sentence)):
                    yield doc.hit(self.id, view, start + at, start + end, message)
            if "日" in sentence:
                for at, end, message in self._dates(sentence):
                    yield doc.hit(self.id, view, start + at, start + end, message)
        for at, end, message in (*self._parts(text), *self._groups(text), *self._plans(text)):
            yield doc.hit(self.id, view, at, end, message)

    @staticmethod
    def _rates(sentence: str) -> Iterator[tuple[int, int, str]]:
        """A rate of an outcome counted in the sentence that no count before it divides into."""
        for m in _RATE.finditer(sentence):
            stem = m.group("stem")
            part = None
            for p in re.finditer(rf"{stem}(?:了|的|为|有)?(?P<n>{_FIGURE})(?P<unit>{_UNITS})", sentence[:m.start()]):
                part = p
            if part is None:
                continue
            n, unit = _value(part.group("n")), _unit(part.group("unit"))
            totals = [_value(c.group("n")) for c in _COUNT.finditer(sentence[:part.start()]) if _unit(c.group("unit")) == unit]
            totals = [t for t in totals if t >= n and t > 0]
            if not totals or any(_close(n / t * 100, m.group("pct")) for t in totals):
                continue
            shown = "、".join(f"{t:g}" for t in totals)
            yield m.start(), m.end(), (f"{stem}率写的是{m.group('pct')}%，但按本句的数字（{part.group()}，总数{shown}）"
                                       f"算是{n / totals[-1] * 100:.1f}%：请核对数字或百分数")

    @staticmethod
    def _changes(sentence: str) -> Iterator[tuple[int, int, str]]:
        """A change in percent between this period's count and the earlier one's written in the sentence."""
        for m in _CHANGE.finditer(sentence):
            counts = list(_COUNT.finditer(sentence[:m.start()]))
            earlier = next((c for c in counts if sentence[max(0, c.start() - 8):c.start()].rstrip("的为是有共计")
                            .endswith(_EARLIER)), None)
            if earlier is None:
                continue
            unit = _unit(earlier.group("unit"))
            now = next((c for c in counts if c is not earlier and _unit(c.group("unit")) == unit), None)
            if now is None:
                continue
            a, b = _value(now.group("n")), _value(earlier.group("n"))
            if b == 0:
                continue
            change = (a - b) / b * 100
            rising = m.group("dir") in ("增长", "增加", "上升", "提高", "提升")
            if (change > 0) == rising and _close(abs(change), m.group("pct")):
                continue
            yield m.start(), m.end(), (f"从{earlier.group()}到{now.group()}，变化是{change:+.1f}%，"
                                       f"不是“{m.group()}”：请核对数字或百分数")

    @staticmethod
    def _dates(sentence: str) -> Iterator[tuple[int, int, str]]:
        """A range of dates that ends before it begins, or that is not as long as 为期N天 says."""
        for m in _RANGE.finditer(sentence):
            y1, m1 = (int(g) if g else None for g in m.group("y1", "m1"))
            y2, m2 = (int(g) if g else None for g in m.group("y2", "m2"))
            d1, d2 = int(m.group("d1")), int(m.group("d2"))
            if m2 is None and y2 is None:
                m2 = m1
            if y2 is None and m2 is not None and m1 is not None and m2 < m1:
                continue  # 12月28日至1月3日: into the next year
            first = ((y1 or 0) if y2 else 0, m1 or 0, d1)
            last = (y2 or 0, m2 or 0, d2)
            if m1 is not None and m2 is not None and last < first:
                yield m.start(), m.end(), f"日期区间“{m.group()}”的结束日早于开始日：请核对日期"
                continue
            lasts = _LASTS.search(sentence)
            if lasts is None or m1 != m2 or y2 is not None:
                continue
            days, said = d2 - d1 + 1, _small(lasts.group("n"))
            if said is not None and days > 0 and said != days:
                yield lasts.start(), lasts.end(), (f"“{lasts.group()}”与同一句的“{m.group()}”（{days}天）不符："
                                                   "请核对天数或日期")

    @staticmethod
    def _parts(text: str) -> Iterator[tuple[int, int, str]]:
        """Parts listed after 其中 or 包括 that add up to more than the total written right before it."""
        for m in _OF_WHICH.finditer(text):
            before = text[max(0, m.start() - 30):m.start()]
            total = None
            for c in _COUNT.finditer(before):
                total = c
            if total is None or before[total.end():].strip():
                continue
            unit = _unit(total.group("unit"))
            end = SENTENCE_END.search(text, m.end())
            clause = text[m.end():end.start() if end else len(text)]
            depth, parts = 0, []
            for c in _COUNT.finditer(clause):
                depth = clause.count("（", 0, c.start()) - clause.count("）", 0, c.start())
                if depth or _unit(c.group("unit")) != unit or clause[max(0, c.start() - 3):c.start()].endswith(_NOT_PART):
                    continue
                parts.append(c)
            if not parts or _SEXES.search(clause):
                continue  # men and women against the total: typo.figures
            whole = _value(total.group("n"))
            values = [_value(p.group("n")) for p in parts]
            if sum(values) <= whole + sum(_slack(f.group("n")) for f in (total, *parts)):
                continue
            last = parts[-1]
            said = "、".join(p.group() for p in parts)
            yield (m.end() + parts[0].start(), m.end() + last.end(),
                   f"分项（{said}）合计{sum(values):g}{total.group('unit')}，超过前面的总数{total.group()}：请核对数字")

    @staticmethod
    def _plans(text: str) -> Iterator[tuple[int, int, str]]:
        """A five-year plan named by its ordinal with years that are another plan's (“七五”普法规划（2021—2025年）:
        2021 to 2025 is the eighth 普法 plan)."""
        if "五" not in text:
            return
        for m in _PLAN.finditer(text):
            n = _number(m.group("n"))
            kind = "普法" if "普法" in m.group() else ""
            first, start = _PLAN_START[kind]
            if n is None or n < first:
                continue
            y1 = int(m.group("y1"))
            if y1 == start + 5 * (n - first):
                continue
            right = (y1 - start) // 5 + first
            if (y1 - start) % 5 or right < 1:
                continue
            yield (m.start("n"), m.end("n") + 1,
                   f"“{m.group('n')}五”{kind}规划是{start + 5 * (n - first)}—{start + 5 * (n - first) + 4}年，"
                   f"{y1}—{int(m.group('y2'))}年是“{_chinese(right)}五”：请核对")

    @staticmethod
    def _groups(text: str) -> Iterator[tuple[int, int, str]]:
        """A number of groups said once and another number of the same groups later (分成3个检查组……4个检查组)."""
        if "个" not in text:
            return
        for m in _SPLIT.finditer(text):
            n, noun = _small(m.group("n")), m.group("noun")
            for later in re.finditer(rf"(?P<n>\d{{1,2}}|[一二两三四五六七八九十]{{1,2}})个{noun}", text[m.end():]):
                k = _small(later.group("n"))
                if k is None or n is None or k == n or text[m.end():m.end() + later.start()].endswith(("其中", "另")):
                    continue
                at = m.end() + later.start()
                yield at, at + len(later.group()), (f"前面写“{m.group()}”，这里是“{later.group()}”：请核对数目")
