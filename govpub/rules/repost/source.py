from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# A source line in the body: 来源：广东省司法厅 / 转载自新华网 / **信息来源**：…
SOURCE_LINE = re.compile(
    r"^[ \t>*_]*(?:信息来源|稿件来源|文章来源|来源)[*_]*\s*[:：]\s*[*_]*(?P<source>[^\n]{2,60})$",
    re.MULTILINE,
)
# Anywhere in the text: 本文转载自人民网。（摘自《法治日报》）
SOURCE_PHRASE = re.compile(
    r"(?:转载自|转载于|转自|摘自|选自|摘编自|转发自|(?:本文|此文|文章|本稿|原文|全文|以上内容)(?:来自|源自|引自|来源于)"
    r"|原载于|原载|原文载于|刊载于|刊发于|编辑自|整理自|[（(]\s*(?:信息来源|稿件来源|文章来源|稿源|来源))\s*[:：]?\s*"
    r"(?P<source>《[^》\n]{1,30}》|[\u4e00-\u9fff]{2,24}?(?:网|报|台|厅|部|局|院|委|办|社|政府|中心|公众号|客户端))"
    # 据新华社报道 / 据《法治日报》消息: the article retells a media report
    r"|据\s*(?P<media>《[^》\n]{1,30}》|[\u4e00-\u9fff]{2,16}?(?:网|报|电视台|广播电台|通讯社|新华社|社|公众号|客户端))"
    r"\s*(?:消息|报道|讯|刊发|发布)"
)


@rule
class SourceRule(Rule):
    """转载稿件没有在 front matter 中注明来源。

    ## 作用
    正文有“来源：”行，或写了“转载自”“转自”“摘自”“选自”“原载”某网站、报刊或机关，或写“据新华社
    报道”“据《法治日报》消息”转述媒体报道，且来源不是本单位时，文章就是转载稿，
    front matter 必须有 `repost`（来源单位 source_name、原文链接 source_url、原文发布时间
    published），网站据此在页面上标注转载来源、时间和链接。已有 repost 但缺少原文发布时间的，
    同样提示（第十一条要求标注转载时间）。

    ## 原因
    第十一条：转载页面要清晰标注转载来源网站、转载时间、转载链接；刊登上级文件应从
    制发机关门户网站或其授权媒体转载。

    ## 示例
    正文最后一行 `来源：广东省司法厅`，front matter 没有 `repost`。

    ## 修改方法
    在 front matter 中添加：
    ```yaml
    repost:
      source_name: 广东省司法厅
      source_url: https://sft.gd.gov.cn/...
      published: 2026-11-18
    ```
    """

    id = "repost.source"
    title = "转载来源"
    article = "第十一条"

    def check(self, doc: Document) -> Iterable[Hit]:
        repost = doc.article.meta.get("repost")
        if isinstance(repost, dict):
            if not str(repost.get("published") or "").strip():  # the other fields: meta.front-matter
                yield doc.value_hit(self.id, "repost",
                                    "转载稿缺少原文发布时间：在 repost 中填写 published（如 2026-11-18），"
                                    "网站据此标注转载时间")
            return
        view = doc.prose
        own = (self.policy.organisation, *self.policy.departments, "本局", "本单位", "本站", "本网")
        for m in (*SOURCE_LINE.finditer(view.text), *SOURCE_PHRASE.finditer(view.text)):
            group = "media" if m.groupdict().get("media") else "source"
            source = m.group(group).strip(" *_。")
            if any(name in source for name in own):
                continue
            yield doc.hit(self.id, view, m.start(group), m.start(group) + len(source),
                          f"转载自“{source}”的稿件须在 front matter 填写 repost（source_name、source_url、published）")
