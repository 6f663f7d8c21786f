from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.links._urls import domain_in, is_ip


@rule
class UntrustedRule(Rule):
    """链接指向可信来源以外的网站。

    ## 作用
    文章中的外部链接（Markdown 链接、HTML 链接、正文中直接写出的网址和域名）只能指向
    `checks/registry/sources.yml` 登记的可信域名及其子域名，如 www.gov.cn、gd.gov.cn、
    12348.gov.cn 和中央主要媒体。不写 http:// 的网址（`zjfazhi.live`）、中文域名、IP 地址
    （`47.106.12.8:8080`，不写协议也算）和网盘链接（`ads.yml` 的 `cloud_drives`）一律提示。
    购物网站和短网址另由 links.commercial、links.shortener 提示。

    ## 原因
    第四条：不得链接商业广告页面；第十一条：转载应来自制发机关门户网站或其授权媒体。
    外链网站内容不受本局控制，一旦被篡改会直接损害政府网站公信力。

    ## 示例
    `详见 https://example-law-firm.com/`。

    ## 修改方法
    改为官方来源的链接；确需链接的新来源，由局办公室在 sources.yml 中登记（需三级审核）。
    """

    id = "links.untrusted"
    title = "不可信链接"
    article = "第四条、第十一条"

    @cached_property
    def _blocked(self) -> list[str]:
        data = self.policy.wordlist("ads", "ads").data
        return list(data.get("shopping_domains") or []) + list(data.get("shorteners") or [])

    @cached_property
    def _drives(self) -> list[str]:
        return list(self.policy.wordlist("ads", "ads").data.get("cloud_drives") or [])

    def check(self, doc: Document) -> Iterable[Hit]:
        trusted = self.policy.trusted_domains
        view = doc.markup
        for link in doc.links:
            if not link.host or domain_in(link.host, self._blocked):
                continue
            if is_ip(link.host):
                yield doc.hit(self.id, view, link.start, link.end,
                              f"链接使用 IP 地址“{link.host}”：改为可信网站的域名链接")
            elif drive := domain_in(link.host, self._drives):
                yield doc.hit(self.id, view, link.start, link.end,
                              f"网盘链接（{drive}）：网盘文件不受本局控制，请把文件作为附件放在文章旁边")
            elif not domain_in(link.host, trusted):
                yield doc.hit(self.id, view, link.start, link.end,
                              f"“{link.host}”不在可信来源名单中：改为官方来源的链接，或请局办公室在 sources.yml 登记")
