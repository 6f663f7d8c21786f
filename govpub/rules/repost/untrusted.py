from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.links._urls import domain_in

# channels no body publishes on: a chat group, a circle of friends, a private account, what "netizens" pass on
_PRIVATE = (r"(?:微信群|QQ群|qq群|群聊|工作群|交流群|业主群|家长群|朋友圈|网友(?:爆料|转发|分享|发布)?|个人(?:微信)?公众号|个人微博|个人账号"
            r"|个人微信|私信|自媒体|网传)")
# a source_name that names no publisher: 网络, 互联网, 网友, 微信群
NO_PUBLISHER = re.compile(rf"(?:网络|互联网|网上|网友|网传|{_PRIVATE})")
_PRIVATE_NAME = re.compile(_PRIVATE)
# the article's own words said to come from one: 以下内容转自“……”微信群, 来源：朋友圈, 本文摘自网友分享
FROM_PRIVATE = re.compile(
    r"(?:(?:(?:以下|下文|本文|此文|上文|上述|以上|下面|该文|全文|文章|这篇文章)的?(?:内容|信息|文章|消息|图文|材料|文字)?|^[ \t>*_]*)\s*"
    r"(?:转自|转载自|来自|摘自|分享自|来源于|源自|整理自|摘编自|选自)"
    r"|(?:^|(?<=[（(【\[]))[ \t>*_]*(?:信息来源|文章来源|内容来源|稿件来源|来源|转自|出处)\s*[:：丨|｜])"
    rf"\s*(?P<channel>[^。；，,\n]{{0,24}}?{_PRIVATE})",
    re.MULTILINE,
)


@rule
class UntrustedSourceRule(Rule):
    """转载来源不是可信的官方网站。

    ## 作用
    正文说明内容转自微信群、朋友圈、网友或自媒体（“以下内容转自‘某某交流’微信群”“来源：朋友圈”）的，也提示：
    这些渠道没有发布者，无从转载；`repost.source_name` 写成“网络”“网友”“某某微信群”的同样提示。
    `repost.source_url` 必须是完整的网址（https:// 或 http://，许多官方网站和报纸电子版仍用 http），
    域名在 `checks/registry/sources.yml` 登记的可信来源（制发机关门户网站或其授权媒体）之内。

    ## 原因
    第十一条：刊登上级文件全文、摘要或消息稿，应当从制发机关、单位门户网站或该机关、
    单位授权的媒体转载。

    ## 示例
    `source_url: https://mp.weixin.qq.com/s/...`（公众号文章，不是门户网站）；`以下内容转自“湛江法律服务交流”微信群，分享给大家。`

    ## 修改方法
    找到制发机关门户网站上的原文，改用其链接。
    """

    id = "repost.untrusted"
    title = "转载来源不可信"
    article = "第十一条"

    def check(self, doc: Document) -> Iterable[Hit]:
        yield from self._private(doc)
        repost = doc.article.meta.get("repost")
        if not isinstance(repost, dict) or not isinstance(repost.get("source_url"), str):
            return
        name = str(repost.get("source_name") or "").strip()
        if NO_PUBLISHER.fullmatch(name) or _PRIVATE_NAME.search(name):
            yield doc.value_hit(self.id, ("repost", "source_name"),
                                f"来源“{name}”不是发布者：网络、网友、微信群和朋友圈不是可信来源，应从制发机关门户网站"
                                "或其授权媒体转载，source_name 写发布单位的名称")
        url = repost["source_url"].strip()
        at = ("repost", "source_url")
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
        except ValueError:  # a host that is no host (e.g. a full-width colon in it)
            parts, host = urlsplit(""), ""
        if parts.scheme not in ("https", "http") or not host:
            yield doc.value_hit(self.id, at, f"原文链接“{url}”应为完整的网址（https:// 或 http:// 开头，从来源网站地址栏复制）")
        elif not domain_in(host, self.policy.trusted_domains):
            yield doc.value_hit(self.id, at,
                                f"“{host}”不是登记的可信来源：应从制发机关门户网站或其授权媒体转载；"
                                "确属官方来源的，请局办公室在 sources.yml 登记")

    def _private(self, doc: Document) -> Iterator[Hit]:
        """The text says its words come from a chat group, a circle of friends or a private account."""
        view = doc.prose
        for m in FROM_PRIVATE.finditer(view.text, doc.body_vstart):
            yield doc.hit(self.id, view, m.start("channel"), m.end("channel"),
                          f"正文说明内容来自“{m.group('channel').strip()}”：微信群、朋友圈、网友转发和自媒体不是可信来源，"
                          "应从制发机关门户网站或其授权媒体转载并填写 repost；找不到官方来源的，不得发布")
