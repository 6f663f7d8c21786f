from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.repost.date_order import repost_block
from govpub.rules.repost.document_text import own_names
from govpub.rules.repost.source import BRACKET_LABEL, SOURCE_LINE, SOURCE_PHRASE

# a day written in the text: 2026年12月2日, 12月2日 (the year of the original's date when none is written)
DAY = re.compile(r"(?:(?P<y>20\d{2})\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日")
# before a day: it is not the day the reported event happened (将于12月2日, 截至12月2日, 11月30日至12月2日)
_NOT_EVENT_BEFORE = re.compile(r"(?:将|拟|定|计划|预计|准备|截至|截止|至|到|—|-|~|～|、|和|及|或)\s*(?:于|在)?\s*$")
# after it: a deadline, a span or a list of days (12月2日前, 12月2日起, 12月2日至4日, 12月2日、3日)
_NOT_EVENT_AFTER = re.compile(r"\s*(?:前|以前|之前|起|以来|至|到|—|-|~|～|、|和|及|或|截止|为止|左右|后)")
# an event that happened, said in the lead's clause: 召开, 举行, 发布, 印发, 审议通过……
_HAPPENED = re.compile(r"召开|举行|举办|发布|印发|公布|通过|审议|开幕|闭幕|签署|签订|出台|作出|宣判|开庭|开展|部署|启动|揭牌|会见|座谈|召集")
_EVENT_WINDOW = 40  # characters after the day in which the event's verb stands
# the day in a body's credit (（来源：新华网，2026年11月28日）, 来源：司法部网站 2026-11-28): right after the source's name
# (and the rest of it: 广东省司法厅|网站，……)
CREDIT_DAY = re.compile(r"[\u4e00-\u9fff]{0,6}[，,、\s]*(?P<y>20\d{2})\s*(?:年|[-./])\s*(?P<m>\d{1,2})\s*(?:月|[-./])\s*(?P<d>\d{1,2})")
# words in a publisher's name that say what kind of channel it is, not which publisher
_CHANNEL_WORDS = re.compile(r"门户网站|官方网站|网站|官网|微信公众号|公众号|客户端|官方微博|微博|App|APP|中华人民共和国|湛江市|广东省"
                            r"|[“”\"《》]")
_PICTURE = re.compile(r"图片|照片|图|视频|摄影")  # a picture's credit (图片来源：新华社) need not be the words' source
_WIRES = frozenset({"新华社", "中新社", "中国新闻社"})
_CREDITS = (SOURCE_LINE, SOURCE_PHRASE, BRACKET_LABEL)


@rule
class MismatchRule(Rule):
    """转载稿的 repost（来源、原文发布时间）与正文所写的来源、日期互相矛盾。

    ## 作用
    front matter 有完整的 `repost` 时，与正文核对：
    正文注明的来源（“来源：南方日报”“本文转载自法治日报”“【来源】人民网”）不是 `repost.source_name` 那一家；
    正文来源后写的原文日期（“（来源：新华网，2026年11月28日）”）不是 `repost.published` 那一天；
    正文导语报道的事件日期（“12月2日，司法部召开……”）晚于 `repost.published`——报道不会早于它报道的事。
    “将于12月2日”“截至12月2日”“12月2日至4日”不是事件发生的日期，图片的来源（“图片来源：新华社”）不核对；
    同一家的不同叫法（“司法部网站”与“中华人民共和国司法部”，“新华社”与“新华网”）、`source_url` 所在网站在
    `checks/registry/sources.yml` 登记的名称（市卫生健康局的稿件注明“转载自湛江市人民政府门户网站”）和新华社、中新社的电稿不算矛盾。

    ## 原因
    第十一条要求转载清晰标注来源网站和转载时间：两处写的不一样，读者和审核人都无从判断原文是哪一篇；
    多半是原文日期或来源抄错，或转的其实是另一家的稿件。来源和时间都已写明，所以只提示，由审核人核对。

    ## 示例
    正文“12月2日，司法部在北京召开……”，`repost: {source_name: 中华人民共和国司法部, …, published: 2026-11-20}`；
    正文末尾“（来源：南方日报）”，`repost.source_name: 广东省司法厅`。

    ## 修改方法
    在来源网站上核对原文的发布单位和发布日期，把 `repost.source_name`、`repost.published` 和正文的来源行改成一致。
    """

    id = "repost.mismatch"
    title = "转载信息与正文矛盾"
    article = "第十一条"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        block = repost_block(doc)
        if block is None:
            return
        repost, published, day = block
        if day is not None:
            yield from self._lead(doc, day.date(), published)
        name = str(repost.get("source_name") or "").strip()
        yield from self._credits(doc, day.date() if day else None, published, name,
                                 (name, self._site_name(str(repost.get("source_url") or ""))))

    def _site_name(self, url: str) -> str:
        """The registered name of the site source_url is on, the most specific registered domain (zhanjiang.gov.cn:
        湛江市人民政府, not gov.cn's 政府门户网站); "" when it is not registered."""
        try:
            host = (urlsplit(url.strip()).hostname or "").lower()
        except ValueError:
            return ""
        domains = [d for d in self.policy.trusted_domains if host == d or host.endswith("." + d)]
        return self.policy.trusted_domains[max(domains, key=len)] if domains else ""

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

    def _credits(self, doc: Document, published: dt.date | None, written: str, name: str,
                 names: tuple[str, ...]) -> Iterator[Hit]:
        """The body's credits name another publisher, or another day, than the repost block (its source_name or the
        registered name of the site its source_url is on: a department's column on the city's portal)."""
        view = doc.prose
        text = view.text
        for pattern in _CREDITS:
            for m in pattern.finditer(text, doc.body_vstart):
                source = m.group("source")
                if not source or _PICTURE.search(text, max(doc.body_vstart, m.start() - 3), m.start("source")):
                    continue
                source = re.split(r"[，,、\s（(]", source.strip(" *_。】］]〕）)"))[0]
                if any(own in source for own in own_names(self.policy) if len(own) > 4):
                    continue  # the bureau's own credit (a picture or a note of its own)
                if source in _WIRES:
                    continue  # a wire agency's story carried by the site the repost names (人民网 running 新华社's wire)
                if name and source and not any(_same_publisher(source, n) for n in names if n):
                    yield doc.hit(self.id, view, m.start("source"), m.start("source") + len(source),
                                  f"正文注明来源是“{source}”，repost.source_name 却是“{name}”：转载的是哪一家的稿件，"
                                  "核对后两处写成同一来源")
                d = CREDIT_DAY.match(text, m.start("source") + len(source))
                if published is None or d is None:
                    continue
                try:
                    credited = dt.date(int(d.group("y")), int(d.group("m")), int(d.group("d")))
                except ValueError:
                    continue
                if credited != published:
                    yield doc.hit(self.id, view, d.start("y"), d.end(),
                                  f"正文注明原文日期是{credited.year}年{credited.month}月{credited.day}日，"
                                  f"repost.published 却是 {written}：核对后改成同一天")


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
