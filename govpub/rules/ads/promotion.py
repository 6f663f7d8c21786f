from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher, covered


@rule
class PromotionRule(Rule):
    """商业广告、促销用语。

    ## 作用
    按 `checks/wordlists/ads.yml` 的 `phrases` 查找促销用语（“八折优惠”“扫码领取”
    “欢迎添加微信”等），变形写法（全角、繁体、字间插符号）同样会被发现。

    引号中的用语，所在段落是执法、维权或防骗的说法（`offer` 的 `exceptions`：违法、处罚、消费者、诈骗……）时，
    是在讲这类用语（商家宣称“全网最低价”属于违法），不提示。

    ## 原因
    第四条：不得刊登、转发商业广告或者链接商业广告页面。律师事务所、培训机构借普法
    稿件做广告是常见情形。

    ## 示例
    `首次咨询八折优惠，欢迎添加微信。`

    ## 修改方法
    删除促销内容；介绍法律服务时只写服务内容和公共法律服务渠道（如 12348 热线）。
    """

    id = "ads.promotion"
    title = "广告用语"
    article = "第四条"

    @cached_property
    def _matcher(self) -> tuple[Matcher, int]:
        data = self.policy.wordlist("ads", "ads").data
        return Matcher(data["phrases"] + list(data.get("allow") or [])), len(data["phrases"])

    @cached_property
    def _reports(self) -> Matcher:
        return Matcher([str(w) for w in self.policy.wordlist("ads", "ads").data["offer"]["exceptions"]])

    def check(self, doc: Document) -> Iterable[Hit]:
        matcher, n = self._matcher
        view = doc.compact
        matches = matcher.find(view.text)
        allows = [m for m in matches if m.index >= n]
        for m in matches:
            if m.index >= n or covered(m, allows) or self._talked_about(doc, view.span(m.start, m.end)):
                continue
            yield doc.hit(self.id, view, m.start, m.end,
                          f"广告用语“{view.text[m.start:m.end]}”：政府网站不得刊登商业广告，请删除")

    def _talked_about(self, doc: Document, span: tuple[int, int]) -> bool:
        """True when the phrase is quoted in a paragraph about enforcement, consumers or fraud
        (商家宣称“全网最低价”，属于违法): the article talks about the wording, it does not use it."""
        text = doc.article.text
        start, end = span
        a = text.rfind("“", 0, start)
        if a < 0 or text.rfind("”", a, start) >= 0 or text.find("”", end) < 0 or "\n" in text[a:start]:
            return False
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        para = QUOTE.sub("", text[lo:hi if hi >= 0 else len(text)])
        return bool(self._reports.find(para))


QUOTE = re.compile(r"“[^“”\n]*”")
