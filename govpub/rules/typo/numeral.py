from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher

# A year in Chinese numerals (1xxx or 2xxx) followed by 年, whose zero is written with
# something other than 〇 (U+3007): 零, a Latin O, a digit 0 (ASCII or full-width), or the
# drawing circle ○ (U+25CB). At least one other digit is a Chinese numeral, so a
# year in Arabic digits ("2026年") or a code ("O2O年") is never a match.
_DIGIT = "一二三四五六七八九"
_ZERO_WRONG = "零OoＯｏ0０○"
YEAR_RE = re.compile(
    rf"(?<![{_DIGIT}十百千万〇{_ZERO_WRONG}A-Za-zＡ-Ｚａ-ｚ])"
    rf"(?=[一二][{_DIGIT}〇{_ZERO_WRONG}]{{3}}年)"
    rf"(?=[^年]*[{_ZERO_WRONG}])"
    rf"[一二](?:[{_DIGIT}〇{_ZERO_WRONG}]){{3}}(?=年)")


# Chinese and Arabic numerals mixed in one number (GB/T 15835): 百分之15 (15%), 千分之3 (3‰), 3千余人 and
# 5百元 (3000余人, 500元). 千米, 千克, 千瓦 are units; 万 and 亿 may follow digits (3万人).
MIXED_RE = re.compile(r"(?:百|千)分之[\d０-９]+(?:\.\d+)?|(?<![\d.])[\d０-９]{1,3}(?:千|百)(?:多|余)?"
                      r"(?=[人元件名户次份个场起宗家所条项册本台辆套])")
_CN = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}

# The capital numerals (大写数字) outside an amount of money: 有效期伍年, 叁个月, 第贰条. GB/T 15835 keeps them
# for amounts (人民币伍万元整, receipts, contracts' sums); a period, a count or an ordinal is written 五年.
# 伍 陆 拾 肆 are also characters of words (队伍, 大陆, 收拾, 放肆): such a word before the run is no numeral.
_CAPITAL = "壹贰叁肆伍陆柒捌玖拾佰仟"
CAPITAL_RE = re.compile(rf"(?<![队入落大登内着水海收肆放恣])(?P<run>[{_CAPITAL}][{_CAPITAL}零]*)"
                        r"(?=个?(?:年|月|日|天|周|小时|分钟|次|项|条|款|人|名|户|件|岁|倍|期|批|届|轮|种|类|位|场)"
                        r"(?!元|万元|角))|(?<=第)(?P<ordinal>[{_CAPITAL}][{_CAPITAL}零]*)(?=[条款项章节次届期批])"
                        .replace("{_CAPITAL}", _CAPITAL))
_CAPITAL_ANY = re.compile(f"[{_CAPITAL}]")
# an amount in capital numerals beside the same amount in figures: 壹拾贰万元整（¥120,000.00）, or the
# figures first with the capitals in brackets: ¥3,600元（大写：叁仟陆佰元整）
_AMOUNT_WORDS = r"(?P<words{}>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+元(?:[零壹贰叁肆伍陆柒捌玖][角分])*整?)"
_AMOUNT_FIGURES = r"(?P<figures{}>[\d,，]+(?:\.\d{{1,2}})?)"
_AMOUNTS = re.compile(_AMOUNT_WORDS.format(1) + r"[（(](?:小写[：:]?)?[¥￥]?\s*" + _AMOUNT_FIGURES.format(1)
                      + r"\s*元?[）)]|[¥￥]\s*" + _AMOUNT_FIGURES.format(2)
                      + r"\s*元?[（(](?:大写[：:]?)?(?:人民币)?" + _AMOUNT_WORDS.format(2) + r"[）)]")
_CAPITAL_DIGITS = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_CAPITAL_UNITS = {"拾": 10, "佰": 100, "仟": 1000}


def _capital_amount(words: str) -> float | None:
    """壹拾贰万元整 -> 120000.0, 叁仟陆佰元伍角 -> 3600.5; None when it cannot be read."""
    integer, _, cents = words.rstrip("整").partition("元")
    total, section, digit = 0, 0, 0
    for c in integer:
        if c in _CAPITAL_DIGITS:
            digit = _CAPITAL_DIGITS[c]
        elif c in _CAPITAL_UNITS:
            section += (digit or 1) * _CAPITAL_UNITS[c]
            digit = 0
        elif c in "万亿":
            total = (total + section + digit) * (10_000 if c == "万" else 100_000_000)
            section = digit = 0
        else:
            return None
    value = float(total + section + digit)
    for i in range(0, len(cents) - 1, 2):
        d, unit = _CAPITAL_DIGITS.get(cents[i]), cents[i + 1]
        if d is None:
            return None
        value += d * (0.1 if unit == "角" else 0.01)
    return value
_WORDLIKE = ("伍", "陆", "拾", "肆")
_COUNT_BEFORE = set("期共计为满约达近有长间内至或需须逾超")
_MONEY = ("元", "人民币", "金额", "大写", "￥", "¥", "款项", "价款", "租金", "费用")


def _lower(run: str) -> str:
    """伍 -> 五, 拾贰 -> 十二 (character by character)."""
    return run.translate(str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千"))


def _unmixed(written: str) -> str:
    """百分之15 -> 15%, 千分之3 -> 3‰, 3千余 -> 3000余, 5百 -> 500."""
    if "分之" in written:
        return written[3:] + ("%" if written[0] == "百" else "‰")
    digits = written.rstrip("多余")
    zeros = "000" if digits.endswith("千") else "00"
    return digits[:-1] + zeros + written[len(digits):]
_CN_NUM = "〇零一二三四五六七八九十"
# a date: year (optional), month and day, in Arabic digits or Chinese numerals, and a weekday written
# right after it ((星期五), （周五）, ，星期五)
DATE_RE = re.compile(
    rf"(?<![\d{_CN_NUM}])(?P<month>\d{{1,2}}|[{_CN_NUM}]{{1,3}})月(?P<day>\d{{1,2}}|[{_CN_NUM}]{{1,3}})[日号]"
    r"(?:[（(，,\s]{0,2}(?:星期|礼拜|周)(?P<weekday>[一二三四五六日天]))?")
YEAR_BEFORE = re.compile(rf"(?<![\d{_CN_NUM}])(\d{{4}}|[一二][{_CN_NUM}]{{3}})年$")
_WEEKDAYS = "一二三四五六日"


def _number(written: str) -> int | None:
    """12, 十二, 二十三, 二〇二六 (digit by digit) -> int; None for anything else."""
    if written.isdigit():
        return int(written)
    if "十" not in written:
        digits = [_CN.get(c) for c in written]
        return None if None in digits else int("".join(str(d) for d in digits))
    tens, _, ones = written.partition("十")
    t = 1 if tens == "" else _CN.get(tens)
    o = 0 if ones == "" else _CN.get(ones)
    return None if t is None or o is None or len(tens) > 1 or len(ones) > 1 else t * 10 + o


def _published(value: object) -> dt.date | None:
    """The article's date from its front matter (a date, a datetime or "2026-11-20 09:30"), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None


def _nearest_year(published: dt.date, month: int, day: int) -> int | None:
    """The year that puts month/day nearest the article's date: a notice of 2026-11-20 speaks of
    12月4日 of 2026 and of 2月14日 of 2027 (the holidays ahead). None when two years are about as near
    (an article of June and a date of December: this year's or last year's)."""
    gaps: list[tuple[int, int]] = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            gaps.append((abs((dt.date(y, month, day) - published).days), y))
        except ValueError:  # 2月29日 of a common year
            continue
    gaps.sort()
    if not gaps or (len(gaps) > 1 and gaps[1][0] - gaps[0][0] < _CLEAR_DAYS):
        return None
    return gaps[0][1]


_CLEAR_DAYS = 60  # the nearest year must be nearer than the next by this much


# a date written beside a fixed day's name: before it (12月3日国家宪法日, 12月3日是国家宪法日, 12月3日（国家宪法日）)
# or after it (国家宪法日（12月3日）, 国家宪法日即每年12月3日)
_DAY_BEFORE = re.compile(rf"(?<![\d{_CN_NUM}])(?P<month>\d{{1,2}}|[{_CN_NUM}]{{1,3}})月(?P<day>\d{{1,2}}|[{_CN_NUM}]{{1,3}})日"
                         r"(?:[是为即，,（(]|当天|这天|这一天|(?:设立|设|定|确定|规定|作)为)?(?:第[一二三四五六七八九十\d]+个|第[一二三四五六七八九十\d]+届)?$")
_NEAR = ("前夕", "前后", "之前", "前", "之际", "期间", "临近", "到来", "后")  # 12月3日（国家宪法日前夕）: another day
_DAY_AFTER = re.compile(rf"(?:[（(]|是|为|即|定于|设在|设立在)?(?:每年)?(?P<month>\d{{1,2}}|[{_CN_NUM}]{{1,3}})月"
                        rf"(?P<day>\d{{1,2}}|[{_CN_NUM}]{{1,3}})日")


# a cited article number (第一千零三十二条, 第1032条); the law's name is read back from before it
_ARTICLE = re.compile(r"第(?P<number>\d{1,5}|[〇零一二三四五六七八九十百千]{1,12})条")
_UNITS = {"十": 10, "百": 100, "千": 1000}


def _cn_int(written: str) -> int | None:
    """1332, 一千三百三十二, 三百零五, 十二 -> int; None for anything else."""
    if written.isdigit():
        return int(written)
    total, digit = 0, None
    for c in written:
        if c in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        elif c in _CN:
            digit = _CN[c]
        else:
            return None
    return total + (digit or 0)


def _whole_name(before: str, name: str) -> bool:
    """A regulation's registered name (保障农民工工资支付条例, 法律援助条例) stands whole: not the end of a
    province's or city's own regulation of that name (广东省法律援助条例 has other articles). A law's
    name (刑法, 民法典) may follow any word (依据刑法第二十条)."""
    if name.endswith("法") or name.endswith("法典") or len(before) == len(name):
        return True
    ch = before[-len(name) - 1]
    return not ("\u4e00" <= ch <= "\u9fff") or before[:-len(name)].endswith(("国务院", "根据", "依据", "按照", "依照"))


@rule
class NumeralRule(Rule):
    """年份中的“〇”写错，日期不存在或与星期不符。

    ## 作用
    找出用汉字数字书写的年份中，零没有写成“〇”的情形：“二零二六年”“二O二六年”（拉丁字母 O）、
    “二０二五年”（阿拉伯数字 0）、“二○二六年”（“○”是几何图形符号 U+25CB，不是数字“〇”U+3007）。
    年份用阿拉伯数字（2026年）、数量中的“零”（三千零五十件）和“零容忍”不提示。
    也找出不存在的日期（“2月30日”“4月31日”“13月5日”，写了年份的按该年判断闰年）和与星期不符的日期
    （“2026年12月4日（星期三）”：这一天是星期五）；没写年份的日期按离文章发布日期最近的那一年核对
    （11月20日的通知里写的“12月4日”是当年的，“2月14日”是下一年的；两个年份差不多近的，如6月的文章写“12月7日”，不核对），
    同一句前面写了别的年份（去年、2025年）的不核对。
    日期固定的节日、纪念日（`typos.yml` 的 `fixed_days`：国家宪法日12月4日、全民国家安全教育日4月15日……）与写在旁边的日期
    不符时也提示（“在12月3日国家宪法日当天”）；引用的条号超过该法律的条数（`law_articles`：“民法典第一千三百三十二条”，
    民法典共1260条）也提示。一个数里汉字数字和阿拉伯数字混用（“同比增长百分之15”“千分之3”“3千余人”“5百元”）也提示，
    应为“15%”“3‰”“3000余人”“500元”；“3万人”和“5千米”“2千克”一类计量单位不提示。

    ## 原因
    第五条：严禁出现错字或者不规范的词语。国家标准 GB/T 15835《出版物上数字用法》规定，
    汉字数字中的“0”写作“〇”；公文成文日期（GB/T 9704）也这样写。落款日期写错是公文检查的常见扣分项。

    ## 示例
    `本通知自二O二六年五月一日起施行。`、`湛江市司法局　二零二五年十二月八日`、`定于2026年12月4日（星期三）举行`

    ## 修改方法
    把年份中的零改为“〇”（可输入拼音 ling 在候选字中选取，或复制“〇”），例如“二〇二六年”；
    也可以改用阿拉伯数字“2026年”，但同一篇文章内的写法要统一。日期不存在或与星期不符的，对照日历改正。
    """

    id = "typo.numeral"
    title = "年份中的〇和日期"
    article = "第五条（四）"
    cited_examples = True  # 如“二0二六年”应写作“2026年”: the wrong form quoted by a lesson

    @cached_property
    def _days(self) -> tuple[Matcher, list[tuple[str, int, int]]]:
        """typos.yml's fixed_days: names and (name, month, day)."""
        raw = self.policy.wordlist("typos", "typos").data.get("fixed_days") or {}
        days = [(name, int(when.split("月")[0]), int(when.split("月")[1].rstrip("日"))) for name, when in raw.items()]
        return Matcher([d[0] for d in days], pooled=False), days

    def _fixed_days(self, doc: Document) -> Iterable[Hit]:
        """A fixed day's name with a date written beside it that is not that day's (12月3日国家宪法日)."""
        view = doc.simplified
        text = view.text
        if "月" not in text:
            return
        matcher, days = self._days
        found = matcher.find(text)
        for m in found:
            if any(o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end) for o in found):
                continue  # 宪法日 inside 国家宪法日
            name, month, day = days[m.index]
            before = None if text.startswith(_NEAR, m.end) else _DAY_BEFORE.search(text, max(0, m.start - 16), m.start)
            after = _DAY_AFTER.match(text, m.end, m.end + 16)
            for d in (before, after):
                if d is None:
                    continue
                wm, wd = _number(d.group("month")), _number(d.group("day"))
                if wm is not None and wd is not None and (wm, wd) != (month, day):
                    yield doc.hit(self.id, view, d.start("month"), d.end("day") + 1,
                                  f"{name}是每年{month}月{day}日，不是{wm}月{wd}日：请核对日期")

    @cached_property
    def _articles(self) -> dict[str, int]:
        """typos.yml's law_articles by full and short name."""
        raw = self.policy.wordlist("typos", "typos").data.get("law_articles") or {}
        out: dict[str, int] = {}
        for law, count in raw.items():
            out[law] = count
            out.setdefault(law.removeprefix("中华人民共和国"), count)
        return out

    def _article_numbers(self, doc: Document) -> Iterable[Hit]:
        """An article number beyond the cited law's last article (民法典第一千三百三十二条: it has 1260)."""
        view = doc.simplified
        text = view.text
        if "条" not in text or not self._articles:
            return
        articles = self._articles
        for m in _ARTICLE.finditer(text):
            before = text[max(0, m.start() - 24):m.start()].rstrip("》")
            law = next((name for name in articles if before.endswith(name) and _whole_name(before, name)), None)
            number = _cn_int(m.group("number"))
            if law is not None and number is not None and number > articles[law]:
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"《{law}》共{articles[law]}条，没有第{m.group('number')}条：请核对条号")

    def check(self, doc: Document) -> Iterable[Hit]:
        yield from self._dates(doc)
        yield from self._fixed_days(doc)
        yield from self._article_numbers(doc)
        view = doc.raw
        if "分之" in view.text or "千" in view.text or "百" in view.text:
            for m in MIXED_RE.finditer(view.text):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"“{m.group()}”把汉字数字和阿拉伯数字混用：改为“{_unmixed(m.group())}”"
                              "（GB/T 15835：百分数用“%”，“千”“百”不与阿拉伯数字连用）")
        yield from self._capitals(doc)
        yield from self._amounts(doc)
        for m in YEAR_RE.finditer(view.text):
            year = m.group()
            right = "".join("〇" if c in _ZERO_WRONG else c for c in year)
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"年份“{year}年”中的零写法不规范：应为“{right}年”（GB/T 15835：汉字数字的零写作“〇”）")

    def _amounts(self, doc: Document) -> Iterable[Hit]:
        """An amount in capital numerals and the same amount in figures beside it that do not agree
        (壹拾贰万元整（¥102,000.00）)."""
        view = doc.raw
        text = view.text
        if "元" not in text or not _CAPITAL_ANY.search(text):
            return
        for m in _AMOUNTS.finditer(text):
            words = m.group("words1") or m.group("words2")
            figures = (m.group("figures1") or m.group("figures2")).replace(",", "").replace("，", "")
            value = _capital_amount(words)
            try:
                written = float(figures)
            except ValueError:
                continue
            if value is not None and abs(value - written) >= 0.005:
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"大写金额“{words}”是{value:,.2f}元，小写写的是{written:,.2f}元：两处金额不一致，请核对")

    def _capitals(self, doc: Document) -> Iterable[Hit]:
        """Capital numerals for a period, a count or an ordinal (有效期伍年, 第叁条), outside a sentence about
        money (a contract's or a receipt's sums are written so)."""
        view = doc.raw
        text = view.text
        if not _CAPITAL_ANY.search(text):
            return
        for m in CAPITAL_RE.finditer(text):
            head = max(text.rfind(c, 0, m.start()) for c in "。！？；\n") + 1
            tail = min((i for i in (text.find(c, m.end()) for c in "。！？；\n") if i >= 0), default=len(text))
            if any(w in text[head:tail] for w in _MONEY):
                continue
            run = m.group("run") or m.group("ordinal")
            if run in _WORDLIKE and m.group("ordinal") is None and text[m.start() - 1:m.start()] not in _COUNT_BEFORE:
                continue  # 伍家村, 陆人, 拾人牙慧: a single 伍 陆 拾 肆 is a numeral only after 期, 共, 为…
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"“{run}”是大写数字，只用于金额：期限、数量和序号写作“{_lower(run)}”或阿拉伯数字（GB/T 15835）")

    def _dates(self, doc: Document) -> Iterable[Hit]:
        """Dates that cannot be (2月30日, 13月5日) and a weekday that is not that date's (2026年12月4日
        is a Friday: （星期三） is wrong). A date without a year takes the year that puts it nearest
        the article's date (an article of November speaks of the coming February)."""
        view = doc.simplified
        text = view.text
        if "月" not in text:
            return
        published = _published(doc.article.meta.get("date"))
        at = text.find("月")
        while at >= 0:
            m = next((d for d in (DATE_RE.match(text, s) for s in range(max(0, at - 3), at)) if d), None)
            at = text.find("月", at + 1)
            if m is None:
                continue
            month, day = _number(m.group("month")), _number(m.group("day"))
            if month is None or day is None:
                continue
            y = YEAR_BEFORE.search(text, max(0, m.start() - 5), m.start())
            year = _number(y.group(1)) if y else None
            begin = y.start() if y else m.start()
            written = text[begin:m.end()]
            if not 1 <= month <= 12:
                yield doc.hit(self.id, view, begin, m.end(), f"日期“{written}”不存在：一年只有12个月，请核对月份")
                continue
            days = calendar.monthrange(year or 2024, month)[1]  # 2024: a leap year, 2月29日 may be right
            if not 1 <= day <= days:
                yield doc.hit(self.id, view, begin, m.end(),
                              f"日期“{written}”不存在：{f'{year}年' if year else ''}{month}月只有{days}天，请核对日期")
                continue
            weekday = m.group("weekday")
            if weekday is None:
                continue
            if year is None:
                head = max(text.rfind(c, max(0, m.start() - 60), m.start()) for c in "。！？；\n") + 1
                if published is None or "年" in text[max(head, m.start() - 60):m.start()]:
                    continue  # no date to go by, or another year said before it (去年6月5日)
                year = _nearest_year(published, month, day)
                if year is None:
                    continue
            if not 1900 <= year <= 2100:
                continue
            right = _WEEKDAYS[dt.date(year, month, day).weekday()]
            if weekday.replace("天", "日") != right:
                yield doc.hit(self.id, view, begin, m.end(),
                              f"日期与星期不符：{year}年{month}月{day}日是星期{right}，不是星期{weekday}：请核对日期或星期")
