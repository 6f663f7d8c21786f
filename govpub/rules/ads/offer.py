from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher

KINDS = ("offer", "price", "benefit", "call", "exceptions")


@dataclass(frozen=True)
class _Offer:
    matcher: Matcher
    kinds: list[str]
    price: re.Pattern[str]
    call: re.Pattern[str]


@rule
class OfferRule(Rule):
    """商业要约：商品或服务、价格或好处、行动号召出现在同一段中。

    ## 作用
    广告换个说法就能躲过固定的促销用语表，但它的结构不变：**一样商品或服务**（课程、服务套餐、
    加盟代理、贷款、代账、投资项目、催收、团购、社群……），**一个价格或好处**（“原价……现价”、
    “1999元”、“八折”、赠送、返现、佣金、名额有限、不成功不收费……），**一个行动号召**（扫码、
    加微信、报名、私信、来电咨询、电话号码……）。同一段落里三样都有，或者价格、好处和号召都有，
    就提示。用语在 `checks/wordlists/ads.yml` 的 `offer` 中。

    段落中有政府公共服务或依法定价的说法（法律援助、12348、收费标准、政府采购、补贴、
    有奖竞答、防骗提醒等，见 `exceptions`）时不提示。

    ## 原因
    第四条：不得刊登、转发商业广告或者链接商业广告页面。

    ## 示例
    `本所推出婚姻家事法律服务套餐，原价1999元，现价999元，欢迎来电咨询。`

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
            for w in data[kind]:
                words.append(str(w))
                kinds.append(kind)
        return _Offer(Matcher(words), kinds,
                      re.compile(data.get("price_regex") or r"(?!x)x"), re.compile(data.get("call_regex") or r"(?!x)x"))

    def check(self, doc: Document) -> Iterable[Hit]:
        o = self._offer
        view = doc.compact
        text = view.text
        signals: dict[int, list[tuple[str, int, int]]] = {}  # paragraph start -> (kind, start, end)

        def add(kind: str, start: int, end: int) -> None:
            para = text.rfind("\n", 0, start) + 1
            signals.setdefault(para, []).append((kind, start, end))

        raw = o.matcher.find_raw(text)
        if not any(o.kinds[i] in ("offer", "benefit") for i, _, _ in raw):
            return  # every offer needs a product or a benefit word: most articles stop here
        for i, s, e in raw:
            add(o.kinds[i], s, e)
        for m in o.price.finditer(text):
            add("price", m.start(), m.end())
        for m in o.call.finditer(text):
            add("call", m.start(), m.end())
        for found in signals.values():
            kinds = {k for k, _, _ in found}
            if "exceptions" in kinds or "call" not in kinds:
                continue
            if not ({"offer", "price"} <= kinds or {"offer", "benefit"} <= kinds or {"price", "benefit"} <= kinds):
                continue
            used = [(s, e) for k, s, e in found if k != "exceptions"]
            start, end = min(s for s, _ in used), max(e for _, e in used)
            words = "”“".join(list(dict.fromkeys(text[s:e] for _, s, e in sorted(found, key=lambda f: f[1])))[:6])
            yield doc.hit(self.id, view, start, end,
                          f"疑似商业广告（商品或服务、价格或好处、行动号召同在一段：“{words}”）："
                          "政府网站不得刊登商业广告，请删除推广内容")
