from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from govpub.content.dates import parse_datetime, parse_day
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# a day written in the text: 2026年12月2日, 12月2日 (the year of the original's date when none is written)
DAY = re.compile(r"(?:(?P<y>20\d{2})\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日")
# before a day: it is not the day the reported event happened (将于12月2日, 截至12月2日, 11月30日至12月2日)
_NOT_EVENT_BEFORE = re.compile(r"(?:将|拟|定|计划|预计|准备|截至|截止|至|到|—|-|~|～|、|和|及|或)\s*(?:于|在)?\s*$")
# after it: a deadline, a span or a list of days (12月2日前, 12月2日起, 12月2日至4日, 12月2日、3日)
_NOT_EVENT_AFTER = re.compile(r"\s*(?:前|以前|之前|起|以来|至|到|—|-|~|～|、|和|及|或|截止|为止|左右|后)")
# an event that happened, said in the lead's clause: 召开, 举行, 发布, 印发, 审议通过……
_HAPPENED = re.compile(r"召开|举行|举办|发布|印发|公布|通过|审议|开幕|闭幕|签署|签订|出台|作出|宣判|开庭|开展|部署|启动|揭牌|会见|座谈|召集")
# the body's credit line with the original's day: （来源：新华网，2026年11月28日）, 来源：司法部网站 2026-11-28
CREDIT = re.compile(r"(?:信息来源|文章来源|稿件来源|来源|转自|摘自|原载)\s*[:：丨|｜]\s*(?P<name>[^，,。；\s\d（）()]{2,24})"
                    r"[，,、\s]*(?:(?P<y>20\d{2})\s*(?:年|[-./])\s*(?P<m>\d{1,2})\s*(?:月|[-./])\s*(?P<d>\d{1,2})\s*日?)?")
# words in a publisher's name that say what kind of channel it is, not which publisher
_CHANNEL_WORDS = re.compile(r"门户网站|官方网站|网站|官网|微信公众号|公众号|客户端|官方微博|微博|App|APP|中华人民共和国|湛江市|广东省")
_PICTURE = re.compile(r"图片|照片|图|视频|摄影")
_EVENT_WINDOW = 40  # characters after the day in which the event's verb stands


@rule
class DateOrderRule(Rule):
    """转载稿的原文发布时间与本文或正文所写的日期、来源互相矛盾。

    ## 作用
    front matter 的 `repost.published`（原文发布时间）是具体日期时，与三处核对：
    晚于本文的 `date`；早于正文导语所写的事件日期（“12月2日，司法部召开……”而原文发布于11月20日：
    报道不会早于它报道的事）；与正文来源行所写的日期或来源单位不一致（“（来源：新华网，2026年11月28日）”
    而 repost 写的是另一天或另一家）。“将于12月2日”“截至12月2日”“12月2日至4日”不是事件发生的日期，不核对。
    缺少原文发布时间、或写成“近日”“2026年11月”的，由 repost.source 报错。

    ## 原因
    第十一条要求转载注明来源和时间：原文不可能在转载之后、也不可能在它报道的事件之前发布，
    正文和 front matter 说的来源也应是同一家——两处中必有一处写错了（多半是原文日期或来源抄错，
    或转的其实是另一家的稿件）。来源和时间都已写明，所以只提示，由审核人核对。

    ## 示例
    本文 `date: 2026-11-20`，`repost: {…, published: 2026-12-30}`；
    正文“12月2日，司法部在北京召开……”，`published: 2026-11-20`。

    ## 修改方法
    在来源网站上核对原文的发布日期和发布单位，填入 `repost.published` 和 `repost.source_name`；
    若本文发布时间写早了，改正 `date`。
    """

    id = "repost.date-order"
    title = "转载日期先后"
    article = "第十一条"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        repost = doc.article.meta.get("repost")
        if not isinstance(repost, dict):
            return
        published = str(repost.get("published") or "").strip()
        day = (parse_day(published) or parse_datetime(published)) if published else None
        if day is None:
            return
        own = parse_datetime(doc.meta_str("date") or "")
        if own is not None and day.date() > own.date():
            yield doc.value_hit(self.id, ("repost", "published"),
                                f"原文发布时间 {published} 晚于本文发布时间 {own:%Y-%m-%d}：核对原文在来源网站上的"
                                "发布日期，或改正本文的发布时间（date）")
        yield from self._lead(doc, day.date(), published)
        yield from self._credit(doc, day.date(), published, str(repost.get("source_name") or "").strip())

    def _lead(self, doc: Document, published: dt.date, written: str) -> Iterator[Hit]:
        """The lead's event day (the first day in the body's first paragraph, an event verb after it) is later
        than the original's publication."""
        view = doc.prose
        text = view.text
        start = doc.body_vstart
        while start < len(text) and not text[start].strip():
            start += 1
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        m = DAY.search(text, start, end)
        if m is None or _NOT_EVENT_BEFORE.search(text, max(start, m.start() - 6), m.start()) \
                or _NOT_EVENT_AFTER.match(text, m.end()):
            return
        clause_end = min(end, m.end() + _EVENT_WINDOW, *(i for c in "。；" if (i := text.find(c, m.end(), end)) >= 0))
        if not _HAPPENED.search(text, m.end(), clause_end):
            return
        event = _day(m, published)
        if event is not None and event > published:
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"正文报道的是{m.group()}的事，原文发布时间却是 {written}，在事件之前：核对原文的发布日期"
                          "（repost.published），或确认转载的是不是这篇报道")

    def _credit(self, doc: Document, published: dt.date, written: str, name: str) -> Iterator[Hit]:
        """The body's credit line names another day or another publisher than the repost block."""
        view = doc.prose
        text = view.text
        for m in CREDIT.finditer(text, doc.body_vstart):
            if _PICTURE.search(text, max(doc.body_vstart, m.start() - 3), m.start()):
                continue  # a picture's credit (图片来源：新华社) need not be the words' source
            if m.group("y"):
                try:
                    credited = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                except ValueError:
                    credited = None
                if credited is not None and credited != published:
                    yield doc.hit(self.id, view, m.start("y"), m.end(),
                                  f"正文注明原文日期是{credited.year}年{credited.month}月{credited.day}日，repost.published 却是 {written}：核对后改成同一天")
            if name and not _same_publisher(m.group("name"), name):
                yield doc.hit(self.id, view, m.start("name"), m.end("name"),
                              f"正文注明来源是“{m.group('name')}”，repost.source_name 却是“{name}”：转载的是哪一家的稿件，"
                              "核对后两处写成同一来源")


def _day(m: re.Match[str], published: dt.date) -> dt.date | None:
    """The day m names; without a year, the one nearest the original's publication."""
    try:
        if m.group("y"):
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        candidates = [dt.date(published.year + k, int(m.group("m")), int(m.group("d"))) for k in (-1, 0, 1)]
    except ValueError:
        return None
    return min(candidates, key=lambda d: abs((d - published).days))


def _same_publisher(written: str, registered: str) -> bool:
    """The two names are one publisher: one holds the other once the channel words are gone (司法部网站 and
    中华人民共和国司法部), or they share a run of two characters (新华社, 新华网)."""
    a, b = _CHANNEL_WORDS.sub("", written), _CHANNEL_WORDS.sub("", registered)
    if not a or not b or a in b or b in a:
        return True
    return any(a[i:i + 2] in b for i in range(len(a) - 1))
