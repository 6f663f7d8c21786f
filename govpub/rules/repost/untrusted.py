from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.links._urls import domain_in


@rule
class UntrustedSourceRule(Rule):
    """转载来源不是可信的官方网站。

    ## 作用
    `repost.source_url` 必须是完整的网址（https:// 或 http://，许多官方网站和报纸电子版仍用 http），
    域名在 `checks/registry/sources.yml` 登记的可信来源（制发机关门户网站或其授权媒体）之内。

    ## 原因
    第十一条：刊登上级文件全文、摘要或消息稿，应当从制发机关、单位门户网站或该机关、
    单位授权的媒体转载。

    ## 示例
    `source_url: https://mp.weixin.qq.com/s/...`（公众号文章，不是门户网站）。

    ## 修改方法
    找到制发机关门户网站上的原文，改用其链接。
    """

    id = "repost.untrusted"
    title = "转载来源不可信"
    article = "第十一条"

    def check(self, doc: Document) -> Iterable[Hit]:
        repost = doc.article.meta.get("repost")
        if not isinstance(repost, dict) or not isinstance(repost.get("source_url"), str):
            return
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
