from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

TITLE_MAX = 64
WECHAT_TITLE_MAX = 32  # the WeChat draft API's limit
SUMMARY_MAX = 120


@rule
class TitleRule(Rule):
    """标题或摘要过长。

    ## 作用
    标题不超过 64 个字；发布到微信公众号（channels 含 wechat）时不超过 32 个字，
    这是公众号接口的上限；摘要（summary）不超过 120 个字。

    ## 原因
    第八条要求文字简练严谨；超长标题在公众号接口会被拒绝，导致同步失败。

    ## 示例
    一个 40 个字的标题同时发布到 wechat。

    ## 修改方法
    精简标题；需要时把细节放进摘要或正文。
    """

    id = "meta.title"
    title = "标题长度"
    article = "第八条"

    def check(self, doc: Document) -> Iterable[Hit]:
        title = doc.meta_str("title")
        if title is not None:
            channels = doc.article.meta.get("channels")
            wechat = isinstance(channels, list) and "wechat" in channels
            limit = WECHAT_TITLE_MAX if wechat else TITLE_MAX
            if len(title) > limit:
                where = "发布到微信公众号的标题" if wechat else "标题"
                yield doc.value_hit(self.id, "title",
                                    f"{where}有 {len(title)} 个字，上限 {limit} 个字：请精简标题")
        summary = doc.meta_str("summary")
        if summary is not None and len(summary) > SUMMARY_MAX:
            yield doc.value_hit(self.id, "summary",
                                f"摘要有 {len(summary)} 个字，上限 {SUMMARY_MAX} 个字：请精简摘要")
