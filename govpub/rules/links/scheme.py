from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.links._urls import UNSAFE_SCHEMES


@rule
class SchemeRule(Rule):
    """链接使用了不安全的协议。

    ## 作用
    找出 `javascript:`、`vbscript:`、`data:`、`file:` 链接（Markdown 链接、图片和 HTML 属性中）。

    ## 原因
    第四条、第十条：确保发布信息的安全性。这类链接可以在访问者的浏览器中执行代码或
    嵌入未经审核的内容，是网页被篡改、挂马的常见入口。

    ## 示例
    `[点击办理](javascript:alert(1))`、`![](data:image/png;base64,...)`。

    ## 修改方法
    链接改为 https 网址或站内相对路径；图片存为文件放在文章旁边再引用。
    """

    id = "links.scheme"
    title = "不安全链接"
    article = "第四条、第十条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup
        for link in doc.links:
            if link.scheme == "data" and link.url[5:].lstrip().lower().startswith("image/"):
                yield doc.hit(self.id, view, link.start, link.end,
                              "图片以 data: 地址嵌在文章里（从网页或编辑器粘贴的图片）：把图片另存为 JPG 或 PNG 文件"
                              "放在文章旁边，用 ![图片说明](文件名.jpg) 插入")
            elif link.scheme in UNSAFE_SCHEMES:
                yield doc.hit(self.id, view, link.start, link.end,
                              f"不安全的 {link.scheme}: 链接：改为 https 网址或站内文件")
