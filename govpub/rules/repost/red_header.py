from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.repost._redheader import first_page, is_red_header

# an image whose description or file name says it is the red-header original: ![……红头文件扫描件第1页](x.jpg)
SAID_SCAN = re.compile(r"!\[(?P<alt>[^\]\n]{0,300})\]\(\s*(?P<url>[^)\s]{1,300})")
_SCAN_WORDS = re.compile(r"红头|扫描件|扫描版|扫描页|文件原件|原件扫描|原件照片|影印件|hongtou|saomiao", re.IGNORECASE)
ATTACHMENT_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".pdf")


@rule
class RedHeaderRule(Rule):
    """把红头文件原版作为图片或 PDF 发布。

    ## 作用
    检查文章引用的本地图片和 PDF（第一页）：白色页面、顶部有大号红色标题和一条横贯的
    红色分隔线的，判定为红头文件原版。照片中出现红色横幅不会被误判（照片背景不是白纸）。
    图片的说明文字或文件名写明是“红头文件”“扫描件”“原件”的（`![……红头文件扫描件第1页](x.jpg)`），不论图片是否在仓库中，也提示。

    ## 原因
    第十一条：严禁将上级文件红头原版公开发布在局官网；应转载制发机关网站的文本，
    并标注来源。

    ## 示例
    `![](tongzhi-yuanjian.jpg)`，图片是扫描的红头通知。

    ## 修改方法
    删除图片，改为转载制发机关网站上的文字版（填写 repost 来源），或链接到原文网址。
    """

    id = "repost.red-header"
    title = "红头原件"
    article = "第十一条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup
        for m in SAID_SCAN.finditer(view.text) if "](" in view.text else ():
            if _SCAN_WORDS.search(m.group("alt")) or _SCAN_WORDS.search(m.group("url")):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"图片“{m.group('alt') or m.group('url')}”说明是红头文件的扫描件或原件：删除它，"
                              "改为转载制发机关网站的文字版并注明来源")
        yield from self._images(doc)

    def _images(self, doc: Document) -> Iterable[Hit]:
        root = self.policy.root.resolve()
        folder = (root / doc.article.path).parent
        view = doc.markup
        for link in doc.links:
            if link.scheme or link.host or not link.url.lower().endswith(ATTACHMENT_SUFFIXES):
                continue
            target = (folder / link.url.split("#")[0]).resolve()
            if not target.is_relative_to(root) or not target.is_file():
                continue
            try:
                red = is_red_header(first_page(target))
            except Exception as exc:  # noqa: BLE001 - any unreadable image is reported, not fatal
                yield doc.hit(self.id, view, link.start, link.end,
                              f"无法读取附件“{link.url}”（{type(exc).__name__}）：确认文件完整，格式为 JPG、PNG 或 PDF")
                continue
            if red:
                yield doc.hit(self.id, view, link.start, link.end,
                              f"“{link.url}”是红头文件原版：删除它，改为转载制发机关网站的文字版并注明来源")
