from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher, within_lines
from govpub.rules.normalize import View

KINDS = ("offer", "price", "bargain", "benefit", "call", "exceptions", "soft_exceptions")
EXCUSES = frozenset({"exceptions", "soft_exceptions"})
_OFFERED = frozenset({"offer", "price", "benefit", "bargain"})
NEVER = r"(?!x)x"


@dataclass(frozen=True)
class _Offer:
    matcher: Matcher
    kinds: list[str]
    regexes: list[tuple[str, re.Pattern[str]]]  # (kind, structural pattern)
    call: re.Pattern[str]
    merchant: re.Pattern[str]  # a commercial actor (合作商家, 保险公司工作人员): soft exceptions no longer excuse
    brand: re.Pattern[str]  # a product named in quotes (“法务通”案件管理软件), on the written text: no excuse for its sentence
    case_report: Matcher  # words of a reported case (涉嫌, 判处): a quoted pitch opening it is told, not made
    line_bound: bool  # every structure stays inside a line (matching.within_lines)
    sentence_only: frozenset[str]  # exception words that excuse only their own sentence (12348, 法律援助)
    products: tuple[str, ...]  # the offer words (意外险, 套餐): a quotation right before one names a product
    bundle: re.Pattern[str]  # what a price buys (3999元包含……判决全流程): exception words in it excuse nothing
    reported: re.Pattern[str]  # a pitch quoted as someone's (发布“……”的广告), on the written text


@rule
class OfferRule(Rule):
    """商业要约：商品或服务、价格或好处、行动号召出现在同一段中。

    ## 作用
    广告换个说法就能躲过固定的促销用语表，但它的结构不变：**一样商品或服务**（课程、服务套餐、
    加盟代理、贷款、代账、投资项目、催收、团购、社群、邀请码，或“某……公司”“某……品牌”），
    **一个价格或好处**（“年费三百六十元”“每月两百元起”“月利率低至”，降价如“原价……现价”
    “七五折”既是价格也是好处；赠送、返现、“价值二百元”、“免收管理费”、名额有限、不成功不收费、
    两小时到账……），**一个行动号召**
    （扫码、添加微信、报名、洽谈、订购、到门店办理、电话号码……）。四样中一段里有三样（行动号召
    也可以在紧挨着的上一段、下一段），并且商品或服务、价格、好处至少有两样，就提示。价格按结构认定：
    价格用语加金额，阿拉伯数字和中文数字都算。用语和结构在 `checks/wordlists/ads.yml` 的 `offer` 中。

    段落中有政府公共服务、依法定价或执法司法报道的说法（法律援助、12348、收费标准、政府采购、
    招聘、补贴、立案侦查、判决、防骗提醒等，见 `exceptions`）时不提示。工会、老年人、志愿者、
    局机关一类公共场合的说法（`soft_exceptions`）同样不提示，除非同一段有商家在推销（`merchant_regex`：
    合作商家、保险公司工作人员、“我们驾校”、独家赞助）：工会福利信息里商家的拼团仍是广告。

    第八轮：段落以引号中的推销话开头、后面接着讲受害人的经历（“……无效退款！”今年5月，邓阿婆……购买了……），
    紧挨着的段落写明立案、判处等办案结果（`case_report`）时，是以案说法，不提示；只有“提醒”的不算。

    第七轮：品牌冠名、赞助公共活动（冠名、独家赞助、指定饮品）是商品，“各大超市有售”是行动号召；
    英文写的要约同样按结构认定（package、premium、membership，“99 USD”“200 yuan”，book now、use code，
    promo code 和“10% off”是降价）。

    第八轮：表格的每一行各算一段（统计表中“受理法律援助案件”一行不能为“赞助单位：某理财年化8%，新客首投送500元”
    一行开脱）；公证处、司法所、公共法律服务是机构的名字，商家可以借来挂靠：同一段有贷款、理财、担保公司或
    “与……达成合作”时不再开脱（`soft_exceptions`、`merchant_regex`）。商家给公共活动参加者的折扣（凭听课证到店
    可享八折）是好处。

    第九轮：引号中的商品名称加商品类别（“法务通”案件管理软件、“快法帮”平台、“康护宝”智能手环，`brand_regex`）
    本身就是商品；培训班、老年人一类公共场合挡不住它，段落中的法律援助、12348 等例外只为所在的句子开脱：
    品牌在另一句中单独出现时，按同段其余句子认定。名称中有政府平台用语的（“粤省事”“湛江普法”）、前面是
    “自称”“冒充”的、以及写明“经查”“所谓”“无法提现”的案例不提示。
    例外用语是要约中更长的词的一部分时（厂家补贴、该公司提醒）是商家自己的话，不开脱；纪委监委的处分通报是例外。

    第十轮：公共服务的名称（12348、法律援助，`sentence_exceptions`）只为所在的句子开脱：问答中“可以先拨打12348
    免费咨询。”之后另一句推荐律所的会员卡、充值优惠，那一句照样提示；防骗提醒、判决一类说法仍为整段开脱。
    “合作方”是商家（活动合作方某培训学校……原价……只要……扫码报名）。
    价格后面“含……”“包含……”的从句是买到的东西（一口价3999元包含起诉至一审判决全流程、每年168元……，含住院津贴，
    `bundle_regex`），以及紧接商品用语的引号中的名称（“调解员安心保”意外险），其中的例外用语不开脱；会员费、次卡、办卡、每股入股是商品，保底是好处，代办服务部、婚介中心是商家。
    转述的广告词（某公司在微信群发布“年化收益18%、保本保息、扫码进群”的广告，`reported_quote_regex`）在本段或
    紧挨着的段落写明审理、立案等办案结果时不算：以案释法的警示不提示。

    ## 原因
    第四条：不得刊登、转发商业广告或者链接商业广告页面。

    ## 示例
    `本所推出婚姻家事法律服务套餐，原价1999元，现价999元，欢迎来电咨询。`、
    `某财税公司的代理记账服务每月两百元起，首年多送三个月，详情可致电客服。`、
    `本次竞赛由某牌椰子汁独家冠名，整箱仅需39.9元，各大超市有售。`

    ## 修改方法
    删除商业推广内容。介绍公共法律服务时只写服务内容和 12348 等公共渠道。
    """

    id = "ads.offer"
    title = "商业要约"
    article = "第四条"

    @cached_property
    def _offer(self) -> _Offer:
        data = self.policy.wordlist("ads", "ads").data["offer"]
        words: list[str] = []
        kinds: list[str] = []
        for kind in KINDS:
            for w in data.get(kind) or []:
                words.append(str(w))
                kinds.append(kind)
        regexes = [(kind, re.compile(str(data.get(f"{kind}_regex") or NEVER), re.VERBOSE))
                   for kind in ("offer", "price", "bargain", "benefit", "call")]  # call last: _Offer.call
        merchant = re.compile(str(data.get("merchant_regex") or NEVER))
        brand = re.compile(str(data.get("brand_regex") or NEVER))
        return _Offer(Matcher(words), kinds, regexes, regexes[-1][1], merchant, brand,
                      Matcher([str(w) for w in data.get("case_report") or []]),
                      all(within_lines(p) for _, p in regexes),
                      frozenset(str(w) for w in data.get("sentence_exceptions") or []),
                      tuple(str(w) for w in data.get("offer") or []),
                      re.compile(str(data.get("bundle_regex") or NEVER)),
                      re.compile(str(data.get("reported_quote_regex") or NEVER)))

    def check(self, doc: Document) -> Iterable[Hit]:
        o = self._offer
        view = doc.compact
        text = view.text
        raw = o.matcher.find_raw(text)
        anchors = [s for i, s, _ in raw if o.kinds[i] not in EXCUSES] + [m.start() for m in o.call.finditer(text)]
        if not anchors:
            return  # no call, product, price or benefit word: most articles stop here
        # an exception word inside a longer word of the offer is the merchant's (厂家补贴, 该公司提醒): it excuses nothing
        # so is one in what a price buys (一口价3999元包含起诉至一审判决全流程; 每年168元……，含住院津贴)
        offered = [(s, e) for i, s, e in raw if o.kinds[i] not in EXCUSES]
        if any(o.kinds[i] in EXCUSES for i, _, _ in raw):
            offered += [m.span() for m in o.bundle.finditer(text)]
            offered += _named_products(view, doc.article.text, doc.article.body_start, o.products)
        raw = [(i, s, e) for i, s, e in raw if o.kinds[i] not in EXCUSES
               or not any(a <= s and e <= b and b - a > e - s for a, b in offered)]
        signals: dict[int, list[tuple[str, int, int]]] = {}  # paragraph start -> (kind, start, end)
        written = doc.article.text
        # rows matter only where an exception could excuse a neighbouring row (performance: else the view's lines)
        excusing = {text.rfind("\n", 0, s) + 1 for i, s, _ in raw if o.kinds[i] in EXCUSES}  # lines of the view
        tables = bool(excusing) and ("\n|" in written or "\n |" in written or written.startswith("|"))

        def add(kind: str, start: int, end: int) -> None:
            para = text.rfind("\n", 0, start) + 1
            signals.setdefault(para, []).append((kind, start, end))

        for i, s, e in raw:
            add(o.kinds[i], s, e)
        # “康护宝”智能手环: a product, by its brand (on the written text: the view drops quotation marks)
        brands = [(bisect.bisect_left(range(len(text)), m.start(), key=view.origin),
                   bisect.bisect_left(range(len(text)), m.end(), key=view.origin))
                  for m in o.brand.finditer(written, doc.article.body_start)]
        for v0, v1 in brands:
            add("offer", v0, v1)
        brand_starts = [v0 for v0, _ in brands]

        def branded(line: int) -> int | None:
            """Where a brand stands on the view's line at line, if one does."""
            k = bisect.bisect_left(brand_starts, line)
            return brand_starts[k] if k < len(brand_starts) and brand_starts[k] < _line_end(text, line) else None

        # The structures only around the words found, and (when no structure reaches past a line)
        # only on the lines without an exception word: such a line is never reported and never
        # counts as a neighbour's call, whatever else it holds (performance only).
        dead: set[int] = set()
        if o.line_bound:
            excused = {kind: {text.rfind("\n", 0, s) + 1 for i, s, e in raw if o.kinds[i] == kind
                              and text[s:e] not in o.sentence_only
                              and not (tables and _in_row(written, view.origin(s)))} for kind in EXCUSES}
            # a public context (工会, 公证处) is never reported either, unless a merchant on its line makes the offer
            dead = {line for line in excused["exceptions"] if branded(line) is None} | {
                line for line in excused["soft_exceptions"]
                if not o.merchant.search(text, line, _line_end(text, line)) and branded(line) is None}
        for start, end in _near(text, anchors):
            for lo, hi in _lines(text, start, end, dead) if dead else ((start, end),):
                for kind, pattern in o.regexes:
                    for m in pattern.finditer(text, lo, hi):
                        add(kind, m.start(), m.end())
        for para in [p for p in signals if p in excusing] if tables else ():
            # a table row is its own paragraph (the view joins the rows of a table into one line): the sponsor's
            # row is an offer whatever the other rows say (法律援助 in the row above). Split only a line that could
            # be reported but for its exception (performance: mapping positions back costs).
            found = signals[para]
            kinds = _kinds(found)
            if len(kinds & {"offer", "price", "benefit"}) < 2:
                continue
            starts, is_row = _written_lines(view, written, text, para)
            if not any(is_row):
                continue
            del signals[para]
            for kind, start, end in found:
                k = bisect.bisect_right(starts, start) - 1
                signals.setdefault(starts[k] if k >= 0 and is_row[k] else para, []).append((kind, start, end))
        paras = sorted(signals)
        for n, para in enumerate(paras):
            found = signals[para]
            kinds = _kinds(found)  # 原价……现价、八折: a price, and for a product also a benefit
            if "exceptions" in kinds:
                # a product named by its brand (“快法帮”平台) in a sentence of its own is offered whatever the
                # paragraph's other sentences say (排队等待法律援助指派时间较长。对此，……“快法帮”平台……邀请码……);
                # so is any offer beside a sentence naming a public service (可以先拨打12348免费咨询。……充三千送一千)
                brand = branded(para)
                public_only = all(text[s:e] in o.sentence_only for k, s, e in found if k == "exceptions")
                if brand is None and not public_only:
                    continue
                found = _unexcused(text, para, found, brand)
                kinds = _kinds(found)
            if len(kinds & {"offer", "price", "benefit"}) >= 2 and (quoted := self._reported_quotes(doc, view, found)):
                # 某公司在微信群发布“年化收益18%、保本保息”的广告: a pitch told as someone's, in a reported case
                if any(o.case_report.find_raw(text[lo:hi]) for lo, hi in [(para, _line_end(text, para)),
                                                                           *_neighbours(text, para)]):
                    found = [f for f in found if not any(a <= f[1] and f[2] <= b for a, b in quoted)]
                    kinds = _kinds(found)
            if len(kinds & {"offer", "price", "benefit"}) < 2:
                continue
            if _quoted_pitch(doc.article.text, [view.span(s, e) for k, s, e in found if k in _OFFERED]) and any(
                    o.case_report.find_raw(text[lo:hi]) for lo, hi in _neighbours(text, para)):
                continue  # “……包赢稳赚！”2025年，小陈……: a pitch quoted to open a case the next paragraph reports
            if "soft_exceptions" in kinds and not o.merchant.search(text, para, _line_end(text, para)) and (
                    branded(para) is None):
                continue  # 工会, 老年人, 志愿者: a public context, unless a merchant or a brand in it makes the offer
            if "call" not in kinds and len(kinds & {"offer", "price", "benefit"}) < 3 and not any(
                    self._calls_next_door(text, para, other, signals[other])
                    for other in paras[max(0, n - 1):n + 2] if other != para):
                continue  # three of the four parts: product, price, benefit, call
            used = [(s, e) for k, s, e in found if k not in EXCUSES]
            start, end = min(s for s, _ in used), max(e for _, e in used)
            words = "”“".join(list(dict.fromkeys(text[s:e] for k, s, e in sorted(found, key=lambda f: f[1]) if k not in EXCUSES))[:6])
            yield doc.hit(self.id, view, start, end,
                          f"疑似商业广告（商品或服务、价格或好处、行动号召：“{words}”）："
                          "政府网站不得刊登商业广告，请删除推广内容")

    def _reported_quotes(self, doc: Document, view: View, found: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
        """The spans (in the view) of the reported pitches (发布“……”的广告) on the line of found's signals."""
        written = doc.article.text
        lo, hi = view.span(min(s for _, s, _ in found), max(e for _, _, e in found))
        line = written.rfind("\n", 0, lo) + 1
        out = []
        for m in self._offer.reported.finditer(written, line, _line_end(written, hi)):
            g = 1 if m.group(1) is not None else 2
            out.append((bisect.bisect_left(range(len(view.text)), m.start(g), key=view.origin),
                        bisect.bisect_left(range(len(view.text)), m.end(g), key=view.origin)))
        return out

    @staticmethod
    def _calls_next_door(text: str, para: int, other: int, found: list[tuple[str, int, int]]) -> bool:
        """True when the paragraph right before or after para holds a call and no exception."""
        lo, hi = min(para, other), max(para, other)
        if "\n" in text[lo:hi].rstrip("\n"):
            return False  # not adjacent: another line lies between (blank lines do not count)
        kinds = {k for k, _, _ in found}
        return "call" in kinds and not kinds & EXCUSES


_QUOTATION = re.compile(r"“[^”\n]{2,16}”")


def _named_products(view: View, written: str, body_start: int, products: tuple[str, ...]) -> list[tuple[int, int]]:
    """The spans (in the view) of the quoted names right before an offer word: “调解员安心保”意外险 is the
    insurer's product, whatever public words its name borrows."""
    out = []
    for m in _QUOTATION.finditer(written, body_start):
        if written.startswith(products, m.end()):
            out.append((bisect.bisect_left(range(len(view.text)), m.start(), key=view.origin),
                        bisect.bisect_left(range(len(view.text)), m.end() + 1, key=view.origin)))
    return out


def _kinds(found: list[tuple[str, int, int]]) -> set[str]:
    """The kinds of found's signals, a bargain counting as a price (and, beside a product, as a benefit)."""
    kinds = {k for k, _, _ in found}
    if "bargain" in kinds:
        kinds |= {"price", "benefit"} if "offer" in kinds else {"price"}
    return kinds


_SENTENCE_END = re.compile(r"[。！？；!?;]")


def _unexcused(text: str, para: int, found: list[tuple[str, int, int]], brand: int | None) -> list[tuple[str, int, int]]:
    """The signals of the paragraph at para that lie in sentences holding no exception word, or none at all
    when the brand's own sentence holds one (“粤省事”小程序可申请法律援助 names a public channel)."""
    end = _line_end(text, para)
    cuts = [para, *(m.end() for m in _SENTENCE_END.finditer(text, para, end)), end + 1]

    def sentence(pos: int) -> int:
        return bisect.bisect_right(cuts, pos) - 1

    excused = {sentence(s) for k, s, _ in found if k in EXCUSES}
    if brand is not None and sentence(brand) in excused:
        return []
    return [f for f in found if f[0] not in EXCUSES and sentence(f[1]) not in excused]


def _written_lines(view: View, written: str, text: str, para: int) -> tuple[list[int], list[bool]]:
    """For the view's line at para: where each line of the article inside it starts in the view, and
    whether that line is a Markdown table row (one line of the view may join several rows of a table)."""
    end = _line_end(text, para)
    lo, hi = view.span(para, end)
    starts, is_row = [para], [_in_row(written, lo)]
    line = written.find("\n", lo, hi)
    while line >= 0:
        starts.append(max(para, bisect.bisect_left(range(para, end), line + 1, key=view.origin) + para))
        is_row.append(_in_row(written, line + 1))
        line = written.find("\n", line + 1, hi)
    return starts, is_row


def _in_row(written: str, origin: int) -> bool:
    """True when the article's character at origin lies on a Markdown table row."""
    line = written.rfind("\n", 0, origin) + 1
    return written.startswith("|", line) or written.startswith(" |", line)


# a paragraph that opens with a quotation: someone's words, then the story (“……无效退款！”今年5月，邓阿婆……)
_OPENING_QUOTE = re.compile(r"[ \t\u3000>*_]*[“「]([^”」\n]{4,200})[”」]")


def _quoted_pitch(article: str, offered: list[tuple[int, int]]) -> bool:
    """True when the paragraph opens with a quotation holding a product, price or benefit of the offer
    (spans in the article's text, where the quotation marks are), and narrative follows it on the same
    line: the pitch is told, then what became of its victims."""
    if not offered:
        return False
    start = article.rfind("\n", 0, offered[0][0]) + 1
    m = _OPENING_QUOTE.match(article, start)
    if m is None or not article[m.end():_line_end(article, start)].strip():
        return False
    return any(m.start(1) <= s and e <= m.end(1) for s, e in offered)


def _neighbours(text: str, para: int) -> list[tuple[int, int]]:
    """The lines right before and after the line at para, blank lines skipped."""
    out: list[tuple[int, int]] = []
    end = para - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            out.append((start, end))
            break
        end = start - 1
    start = _line_end(text, para) + 1
    while start < len(text):
        end = _line_end(text, start)
        if text[start:end].strip():
            out.append((start, end))
            break
        start = end + 1
    return out


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _lines(text: str, start: int, end: int, dead: set[int]) -> list[tuple[int, int]]:
    """The lines of text[start:end] (start is a line start) that do not start at a dead offset."""
    out: list[tuple[int, int]] = []
    while start <= end:
        stop = text.find("\n", start, end)
        if stop < 0:
            stop = end
        if start not in dead and stop > start:
            out.append((start, stop))
        start = stop + 1
    return out


def _near(text: str, anchors: list[int]) -> list[tuple[int, int]]:
    """The spans of the lines that hold an anchor, each with the two lines before and after it
    (a paragraph and its neighbours, with a blank line between them)."""
    spans: list[tuple[int, int]] = []
    for pos in sorted(anchors):
        if spans and pos < spans[-1][1]:
            continue
        start = pos
        for _ in range(3):
            start = text.rfind("\n", 0, start)
            if start < 0:
                break
        start += 1
        end = pos
        for _ in range(3):
            end = text.find("\n", end + 1)
            if end < 0:
                end = len(text)
                break
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans
