from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.links._urls import TLDS, UNSAFE_SCHEMES, domain_in

# A separator written instead of the dot of a domain: full-width and ideographic dots, 点,
# "dot", a bracketed dot, or a dot with spaces around it.
_SEP = r"(?:\s*(?:[．。｡·・•∙]|点|\(点\)|（点）|\[?\(?dot\)?\]?|\[\.\]|\(\.\)|（\.）)\s*|\s+\.\s*|\.\s+)"
OBFUSCATED = re.compile(
    rf"(?<![A-Za-z0-9.\-])(?P<labels>(?:[A-Za-z0-9][A-Za-z0-9-]*+(?:{_SEP}|\.))+)(?P<tld>{TLDS})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_SEP_RE = re.compile(_SEP, re.IGNORECASE)
# An address spelled one character at a time with spaces between (h t t p s : / / x n - - 1 2 3 . c o m): the
# characters run together name a web address or a domain
SPACED_OUT = re.compile(r"(?<![A-Za-z0-9.:/\-])(?:[A-Za-z0-9.:/\-][ \t\u3000]+){7,}[A-Za-z0-9/]")
_SPACED_ADDRESS = re.compile(rf"^(?:https?://|www\.)|[A-Za-z0-9\-]+\.(?:{TLDS})(?![A-Za-z0-9])", re.IGNORECASE)
# Addresses that open an app or a mini program instead of a web page (no reviewer can check where they lead).
APP_LINK = re.compile(
    r"#?小程序://[^\s，。；、）)]+"
    r"|(?<![A-Za-z0-9+.-])(?!(?:https?|ftp|mailto|tel|javascript|vbscript|data|file):)[A-Za-z][A-Za-z0-9+.-]{2,30}://[^\s，。；、）)<>\"']+"
    r"|hxxps?://\S+"
    r"|(?<![A-Za-z])https?//[A-Za-z0-9][^\s，。；、）)<>\"']*",  # the colon left out
    re.IGNORECASE,
)
# Every APP_LINK match holds "//" at most this many characters after its start (a scheme of up
# to 31 characters and its colon) and a character after it.
_APP_LINK_LEAD = 40


def app_links(text: str) -> Iterator[re.Match[str]]:
    """APP_LINK.finditer(text), searched only just before each "//" of the text (performance
    only: the pattern's alternatives start with character classes, so a full scan tries every
    position). A match found in the window is taken again on the whole text."""
    end = 0
    at = text.find("//")
    while at >= 0:
        found = APP_LINK.search(text, max(end, at - _APP_LINK_LEAD), at + 3)
        m = APP_LINK.match(text, found.start()) if found is not None else None
        if m is not None:
            yield m
            end = m.end()
            at = text.find("//", end)
        else:
            at = text.find("//", at + 1)


# A peer-to-peer download link (magnet:?xt=urn:btih:…): no host at all, nothing any list can judge.
MAGNET = re.compile(r"magnet:\?[!-~]+", re.IGNORECASE)  # printable ASCII only: Chinese ends it
# A cloud-drive share code: the files it opens are outside every registered source.
SHARE_CODE = re.compile(r"(?:提取码|提取密码|访问码|访问密码|分享码)\s*[:：]?\s*[A-Za-z0-9]{4,8}(?![A-Za-z0-9])")
WEB_SCHEMES = ("http", "https", "ftp", "mailto", "tel", "")


@rule
class DisguisedRule(Rule):
    """变形的网址、小程序和应用链接、网盘提取码。

    ## 作用
    找出为躲避链接检查而变形写出的网址：全角或中文句点、间隔号（`zjlaw．com`、`zjfw。cn`）、“点”
    （`zjlaw点com`）、“dot”、加括号的点（`zjlaw[.]com`）、点两边加空格（`zjls . com`）；
    打开小程序或应用的地址（`#小程序://…`、`weixin://…`、`alipays://…`）、磁力链接（`magnet:?xt=…`）、
    `hxxp://`、`https//` 一类改写的协议，字间加了空格的网址（`h t t p s : / / x n - - 1 2 3 . c o m`），
    以及网盘提取码（“提取码：k3p9”）。这些写法的去向都无法核实，也绕过了可信来源名单。
    写成变形的可信域名（如 `www．gov．cn`）时按可信来源处理，不提示。

    ## 原因
    第四条：不得链接商业广告页面；第十一条：转载应来自制发机关门户网站或其授权媒体。
    变形的网址是广告引流的常见手法，小程序、应用和网盘的内容不受本局控制。

    ## 示例
    `更多案例请访问 zjlaw点com。`、`资料已放在网盘，提取码：k3p9。`

    ## 修改方法
    删除；确需引用的，改为可信来源（`checks/registry/sources.yml`）的完整 https 链接，
    文件作为附件放在文章旁边。
    """

    id = "links.disguised"
    title = "变形的网址"
    article = "第四条、第十一条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        text = view.text
        trusted = self.policy.trusted_domains
        for m in OBFUSCATED.finditer(text):
            labels = m.group("labels")
            if not _SEP_RE.search(labels) or not re.search(r"[A-Za-z]", labels):
                continue  # an ordinary domain (the other links rules judge it) or a number
            host = (_SEP_RE.sub(".", labels) + m.group("tld")).lower().replace("..", ".")
            if domain_in(host, trusted):
                continue
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"变形的网址“{m.group()}”（即 {host}）：去向无法核实，请删除，或改为可信来源的完整链接")
        for m in SPACED_OUT.finditer(text) if re.search(r"[A-Za-z0-9.][ \t\u3000][A-Za-z0-9.]", text) else ():
            joined = re.sub(r"[ \t\u3000]+", "", m.group())
            if _SPACED_ADDRESS.search(joined) and not domain_in(re.sub(r"^[a-z]+://", "", joined.lower()).split("/")[0], trusted):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"字间加了空格的网址“{m.group()}”（即 {joined}）：去向无法核实，请删除，或改为可信来源的完整链接")
        for m in app_links(text):
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"小程序、应用或改写协议的地址“{m.group()}”：去向无法核实，请删除，或改为可信来源的网页链接")
        for link in doc.links:
            if link.scheme not in WEB_SCHEMES and link.scheme not in UNSAFE_SCHEMES and "://" not in link.url:
                yield doc.hit(self.id, doc.markup, link.start, link.end,
                              f"应用链接“{link.url}”：去向无法核实，请改为可信来源的网页链接")
        if "magnet:" in text.lower():
            for m in MAGNET.finditer(text):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"下载链接“{m.group()}”（磁力链接）：去向和文件都无法核实，请删除，文件作为附件放在文章旁边")
        for m in SHARE_CODE.finditer(text):
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"网盘提取码“{m.group()}”：网盘文件不受本局控制，请把文件作为附件放在文章旁边")
