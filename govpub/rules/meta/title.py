from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.content.article import SUMMARY_MAX, TITLE_MAX, WECHAT_TITLE_MAX
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# Markdown or HTML that a title would show literally: emphasis, code, links, tags, a heading mark.
MARKUP = re.compile(r"\*\*|__|(?<![A-Za-z0-9*])\*(?=\S)[^*]*\S\*(?![A-Za-z0-9*])|`|\]\(|<[A-Za-z/][^>]*>|^#+\s")


@rule
class TitleRule(Rule):
    """标题或摘要过长，或标题里有 Markdown 标记。

    ## 作用
    标题不超过 64 个字；发布到微信公众号（channels 含 wechat）时不超过 32 个字，
    这是公众号接口的上限；摘要（summary）不超过 120 个字。标题是纯文字：不能有
    `**加粗**`、`*斜体*`、`` `代码` ``、`[链接](网址)`、`<标签>` 或开头的 `#`，
    这些符号会原样出现在首页列表、浏览器标签和文章标题上。

    ## 原因
    第八条要求文字简练严谨；超长标题在公众号接口会被拒绝，导致同步失败。
    从 Word 复制的加粗标题常带着 `**`，页面上会显示成“**标题**”。

    ## 示例
    一个 40 个字的标题同时发布到 wechat；`title: "**关于开展宪法宣传周活动的通知**"`。

    ## 修改方法
    精简标题；需要时把细节放进摘要或正文。删除标题里的 Markdown 符号，只留文字。
    """

    id = "meta.title"
    title = "标题长度"
    article = "第八条"

    def check(self, doc: Document) -> Iterable[Hit]:
        title = doc.meta_str("title")
        if title is not None and (m := MARKUP.search(title)):
            yield doc.value_hit(self.id, "title",
                                f"标题里有 Markdown 标记“{m.group()}”，页面上会原样显示：删除这些符号，只留文字")
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
