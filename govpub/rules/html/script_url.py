from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.links._urls import UNSAFE_SCHEMES
from govpub.rules.matching import finditer_at
from govpub.site.sanitize import url_scheme

# Every place a URL can hide: HTML attributes that take one, Markdown link and image
# targets, reference definitions ([1]: url) and autolinks (<url>).
URL_PLACES = re.compile(
    r"\b(?:href|src|action|formaction|data|poster|background|cite|xlink:href|srcset)\s*=\s*"
    r"(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'>}]+))"
    r"|\]\(\s*<?(?P<md>[^)\s>]+)"
    r"|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<ref>\S+?)>?(?=\s|$)"
    r"|<(?P<auto>[^<>\s]{1,40}:[^<>\s]*)>",
    re.IGNORECASE | re.MULTILINE,
)
# Where a URL_PLACES match other than a reference definition can start (performance only): an
# attribute name after a boundary (the start of a run of letters, or ſ, which IGNORECASE reads as s),
# ] or <. A reference definition starts a line; it holds "]:", without which it cannot match.
URL_PLACE_START = re.compile(r"[A-Za-z]+|[\]<\u017f]")
# A data: URL whose payload is a web page or a script (data:text/html, data:image/svg+xml): HTML
# however it is linked, so reported here even as a plain Markdown link.
_MARKUP_DATA = re.compile(r"\s*data:\s*(?:text/html|application/xhtml|image/svg|text/javascript|application/javascript"
                          r"|text/xml|application/xml)", re.IGNORECASE)


def _escaped(text: str, at: int) -> bool:
    """The character at `at` follows an odd run of backslashes (a Markdown escape; \\\\] is a
    backslash and a real ])."""
    run = 0
    while at - run > 0 and text[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


@rule
class ScriptUrlRule(Rule):
    """链接或图片地址是可以执行代码的协议，包括变形写法。

    ## 作用
    找出 `javascript:`、`vbscript:`、`data:`、`file:` 地址的各种写法：HTML 实体
    （`&#106;avascript:`）、夹杂制表符或换行（`java&#x09;script:`）、大小写混写，以及
    Markdown 的引用式链接（`[1]: javascript:...`）、尖括号链接和 HTML 属性中的地址。
    `javascript:` 和 `vbscript:` 地址无论写成 Markdown 链接（`[点击查看](javascript:…)`）还是 HTML 属性，
    点击就会运行脚本，这里和 links.scheme 都提示。写在 HTML 标签属性中的 `data:` 地址（`<a href="data:text/html,…">`）
    是可执行的 HTML，两条规则都提示；内容本身是网页或脚本的 `data:` 地址（`data:text/html`、`data:image/svg+xml`）
    写成 Markdown 链接（`[参考答案](data:text/html;base64,…)`）两条规则也都提示；Markdown 中的 `data:` 图片和
    `file:` 链接只由 links.scheme 提示。

    ## 原因
    第四条、第十条：确保发布信息的安全性。浏览器会先还原实体、去掉空白再判断协议，
    这些写法在网页上仍然会执行脚本，是绕过检查的常见手法。

    ## 示例
    `<a href="&#106;avascript:alert(1)">办事指南</a>`、`[1]: javascript:alert(1)`。

    ## 修改方法
    改为 https 网址或站内相对路径。
    """

    id = "html.script-url"
    title = "可执行的链接地址"
    article = "第四条、第十条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup
        plain = {view.origin(link.start) for link in doc.links if link.scheme in UNSAFE_SCHEMES}
        text = view.text
        for m in URL_PLACES.finditer(text) if "]:" in text else finditer_at(URL_PLACES, URL_PLACE_START, text):
            group = next(g for g in ("dq", "sq", "bare", "md", "ref", "auto") if m.group(g) is not None)
            value = m.group(group)
            scheme = url_scheme(value)
            if scheme not in UNSAFE_SCHEMES:
                continue
            if group == "md" and _escaped(text, m.start()):
                continue  # [点我\](javascript:…): an escaped ] closes no link, Markdown shows the text
            start = m.start(group)
            if group in ("md", "ref", "auto") and view.origin(start) in plain and scheme in ("data", "file") \
                    and not _MARKUP_DATA.match(value):
                continue  # a data: image or a file: link written plainly: links.scheme's; script runs are both
            yield doc.hit(self.id, view, start, m.end(group),
                          f"地址实际是 {scheme}: 协议（浏览器会还原变形写法后执行）：改为 https 网址或站内文件")
