from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher
from govpub.rules.typo.numeral import _number, _published

_STATE = "中华人民共和国"
_CN = "〇零一二三四五六七八九十"
# a date (year, then month and day if written), then within the clause what happened on it
_DATED = re.compile(
    rf"(?P<year>\d{{4}}|[一二][{_CN}O0]{{3}})年(?:(?P<month>\d{{1,2}}|[{_CN}]{{1,3}})月"
    rf"(?:(?P<day>\d{{1,2}}|[{_CN}]{{1,3}})日)?)?(?P<between>[^。；;！？\n]{{0,40}}?)"
    r"(?P<event>修订|修正|通过|起施行|施行|实施)")
# a cited law's version in brackets after its title: 《中华人民共和国行政复议法》（2023年修订）
_VERSION = re.compile(r"《(?P<law>[^《》\n]{2,40})》[（(](?P<year>\d{4})年(?P<event>修订|修正|修改)?(?:本|版|文本)?[）)]")
# a law's name, then 于 or 自 and a date: the subject of what the sentence says next
_SUBJECT = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,40}?)》?(?:已|将|先后)?[于自](?=\d{4}年|[一二][〇零一二三四五六七八九]{3}年)")
_EVENTS = {"修订": "修订", "修正": "修正", "通过": "通过", "起施行": "施行", "施行": "施行", "实施": "施行"}
# an anniversary of a law's passing or coming into force: 现行宪法公布施行40周年, 民法典颁布五周年
_ANNIVERSARY = re.compile(r"(?P<event>公布施行|颁布施行|颁布实施|公布实施|公布|颁布|通过|施行|实施)(?:以来)?"
                          r"(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})周年")
# words that name the law said before (该法于……修订)
_POINTERS = ("该法", "本法", "这部法律", "此法", "该部法律")


@rule
class LawDateRule(Rule):
    """写错了法律通过、修订、修正或施行的日期。

    ## 作用
    对照 `checks/wordlists/typos.yml` 的 `law_dates`（常用法律的通过、修订、修正、施行日期），
    找出同一句中写了法律名称（或用“该法”“本法”指上一句的法律）和“某年某月某日 + 修订／修正／通过／施行”，
    而该法在这一天没有这一事项的情形：“《村民委员会组织法》……该法于一九九八年十一月四日修订通过”
    （这一天是通过，修订是2010年10月28日）。只写到年或月的按年、月核对。
    引用时在书名号后注明的版本年份（“《中华人民共和国行政复议法》（2022年修订）”：该法2023年修订）同样核对。
    另一部法律的日期（同一句前面写了别的法律名称）、“起草”“征求意见”一类其他事项不核对。
    法律“公布施行（颁布、施行）N周年”也按登记的年份核对（“今年是现行宪法公布施行40周年”：2026年是44周年），
    年份取同一句写的年份，没有写的取文章的发布日期。

    ## 原因
    第五条：严禁出现错字和不规范的表述。法律的日期写错是普法稿件常见的事实错误，读者和上级检查都会据此质疑稿件的准确性。

    ## 示例
    `根据《中华人民共和国村民委员会组织法》第二十七条……该法于一九九八年十一月四日修订通过。`

    ## 修改方法
    对照国家法律法规数据库（flk.npc.gov.cn）核对日期和事项（通过、修订、修正、施行）。
    法律再次修改后，请局办公室补充 typos.yml 的 law_dates。
    """

    id = "typo.law-date"
    title = "法律日期"
    article = "第五条（四）"
    severity = "warning"

    @cached_property
    def _laws(self) -> dict[str, dict[str, list[str]]]:
        raw = self.policy.wordlist("typos", "typos").data.get("law_dates") or {}
        out: dict[str, dict[str, list[str]]] = {}
        for law, events in raw.items():
            norm = {e: [str(d) for d in days] for e, days in events.items()}
            out[law] = norm
            out.setdefault(law.removeprefix(_STATE), norm)
        return out

    @cached_property
    def _names(self) -> Matcher:
        """The registered laws' names and 该法, 本法…: a date is checked only in an article that has one."""
        return Matcher([*self._laws, *_POINTERS])

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.simplified
        text = view.text
        if "年" not in text or not self._names.find_raw(text):
            return
        yield from self._versions(doc)
        yield from self._anniversaries(doc)
        if not any(e in text for e in _EVENTS):
            return
        laws = self._laws
        for m in self._dated(text):
            law = self._law_before(text, m.start())
            if law is None or any(name in m.group("between") for name in laws):
                continue
            year = _number(m.group("year").replace("O", "〇").replace("0", "〇")) if not m.group("year").isdigit() \
                else int(m.group("year"))
            month = _number(m.group("month")) if m.group("month") else None
            day = _number(m.group("day")) if m.group("day") else None
            if year is None:
                continue
            written = f"{year:04d}-{month:02d}-{day:02d}" if month and day else \
                f"{year:04d}-{month:02d}" if month else f"{year:04d}"
            event = _EVENTS[m.group("event")]
            head = max(text.rfind(c, 0, m.start()) for c in "。；;！？\n") + 1
            if "修订" in m.group("between") + m.group("event") or event == "通过" and "新修订" in text[head:m.start()]:
                event = "修订"  # 新修订的《保守国家秘密法》于2024年2月27日通过: the revision was adopted
            dates = laws[law]
            if event not in dates and not any(d.startswith(written) for days in dates.values() for d in days):
                continue  # an event the registry does not hold, on a day it does not know either
            if any(d.startswith(written) for d in dates.get(event, [])):
                continue
            right = "、".join(_chinese_date(d) for d in dates.get(event, [])) or "没有登记"
            other = next((e for e, days in dates.items() if any(d.startswith(written) for d in days)), None)
            last = "day" if m.group("day") else "month" if m.group("month") else "year"
            said = text[m.start():m.end(last) + 1]
            why = f"“{said}”是该法{other}的日期，" if other else ""
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"《{law}》的{event}日期写错：{why}该法{event}于{right}：请核对")

    @staticmethod
    def _dated(text: str) -> Iterable[re.Match[str]]:
        """_DATED's matches, tried only four characters before each 年 (a year is written in four)."""
        at = text.find("年", 4)
        while at >= 0:
            m = _DATED.match(text, at - 4)
            at = text.find("年", (m.end() if m else at) + 1)
            if m is not None:
                yield m

    def _versions(self, doc: Document) -> Iterable[Hit]:
        """A registered law cited with a version year in brackets that is no year it was revised or amended
        in (《中华人民共和国行政复议法》（2022年修订）: it was revised in 2023)."""
        view = doc.simplified
        text = view.text
        if "》（" not in text and "》(" not in text:
            return
        for m in _VERSION.finditer(text):
            dates = self._laws.get(m.group("law"))
            if dates is None:
                continue
            event = {"修订": "修订", "修正": "修正"}.get(m.group("event") or "")
            kinds = [event] if event else ["修订", "修正", "通过"]
            years = sorted({d[:4] for k in kinds for d in dates.get(k, [])})
            if event and event not in dates:
                kinds = ["修订", "修正"]
                years = sorted({d[:4] for k in kinds for d in dates.get(k, [])})
            kinds = [k for k in kinds if k in dates]
            if not years or m.group("year") in years:
                continue
            what = event or "修改"
            yield doc.hit(self.id, view, m.start("year"), m.end("year") + 1,
                          f"《{m.group('law')}》没有{m.group('year')}年的{what}：该法{'、'.join(kinds)}于"
                          f"{'、'.join(y + '年' for y in years)}：请核对版本年份")

    def _anniversaries(self, doc: Document) -> Iterable[Hit]:
        """A registered law's anniversary that does not fall in the article's year (今年是现行宪法公布施行40周年 in
        2026: it was adopted in 1982), the year of the sentence when it names one (2022年是……40周年)."""
        view = doc.simplified
        text = view.text
        if "周年" not in text:
            return
        published = _published(doc.article.meta.get("date"))
        for m in _ANNIVERSARY.finditer(text):
            before = text[max(0, m.start() - 20):m.start()]
            law = max((name for name in self._laws if before.rstrip("》").endswith(name)), key=len, default=None)
            n = _number(m.group("n"))
            if law is None or n is None:
                continue
            head = max(text.rfind(c, 0, m.start()) for c in "。；;！？\n") + 1
            if any(w in text[head:m.start()] for w in ("去年", "明年", "前年", "上一年", "下一年")):
                continue
            said = re.findall(r"(\d{4})年", text[head:m.start()])
            year = int(said[-1]) if said else published.year if published else None
            if year is None:
                continue
            dates = self._laws[law]
            kinds = ("施行",) if m.group("event") in ("施行", "实施") else ("通过", "施行")
            bases = sorted({int(d[:4]) for k in kinds for d in dates.get(k, [])})
            if not bases or any(year - b == n for b in bases):
                continue
            right = "或".join(str(year - b) for b in bases if year > b)
            yield doc.hit(self.id, view, m.start("n"), m.end(),
                          f"《{law}》{'、'.join(str(b) for b in bases)}年{kinds[0]}，{year}年是{m.group('event')}"
                          f"{right}周年，不是{m.group('n')}周年：请核对")

    def _law_before(self, text: str, at: int) -> str | None:
        """The registered law the date speaks of: its subject, named right before it (《…》于, 该法自), 该法 or
        本法 meaning the law named last before the sentence. A law named further back is no subject
        (宪法宣誓制度是2015年7月……通过决定建立的)."""
        head = max(text.rfind(c, 0, at) for c in "。；;！？\n") + 1
        sentence = text[head:at]
        rest = sentence.rstrip()
        for words in (("于", "自", "在", "从"), ("已", "将", "先后", "正式", "最早", "均", "是")):
            rest = rest.removesuffix(next((w for w in words if rest.endswith(w)), ""))
        rest = rest.rstrip("，, ").removesuffix("》")
        if rest.endswith(_POINTERS):
            return self._last_law(text[max(0, head - 300):head])
        named = max((name for name in self._laws if rest.endswith(name)), key=len, default=None)
        return named if named is not None else self._sentence_subject(sentence)

    def _sentence_subject(self, sentence: str) -> str | None:
        """The law a sentence is about when an earlier date of the sentence followed it (社区矫正法于2019年12月28日
        ……通过，自2021年7月1日起施行: the second date is the law's too), unless another law is named after it."""
        found = [(m.start(), m.group("name")) for m in _SUBJECT.finditer(sentence)]
        if not found:
            return None
        at, named = found[-1]
        law = max((name for name in self._laws if named.endswith(name)), key=len, default=None)
        if law is None or any(name in sentence[at + len(named):] for name in self._laws if name not in law):
            return None
        return law

    def _last_law(self, span: str) -> str | None:
        """The registered law named last in span, a title in 《》 first (根据《村民委员会组织法》……不得与宪法相抵触：
        该法 is the title's)."""
        best: tuple[bool, int, int, str] | None = None
        for name in self._laws:
            at = span.rfind(name)
            if at < 0:
                continue
            key = (span.startswith("》", at + len(name)), at + len(name), len(name), name)
            if best is None or key[:3] > best[:3]:
                best = key
        return best[3] if best else None


def _chinese_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"
