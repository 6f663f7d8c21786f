from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.html._tags import ATTR_RE, TAG_RE
from govpub.site.sanitize import visible

# an inline image ![说明](a.jpg) or a reference one ![说明][tu1] (its address in a [tu1]: … line)
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\][(\[]")


@rule
class AltTextRule(Rule):
    """图片没有文字说明（替代文字）。

    ## 作用
    找出没有说明文字的图片：Markdown 的 `![](文件名)`，以及没有 alt 或 alt 为空的 `<img>`。

    ## 原因
    第一条要求政府网站成为便民服务平台；政府网站适老化和无障碍要求（GB/T 37668）规定
    图片必须有替代文字，读屏软件靠它向视障群众朗读图片内容。

    ## 示例
    `![](huiyi-1.jpg)`

    ## 修改方法
    在方括号中写上图片说明，如 `![市司法局召开普法工作推进会现场](huiyi-1.jpg)`。
    """

    id = "html.alt-text"
    title = "图片说明"
    article = "第一条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup
        for start, end, message in missing_alt(view.text):
            yield doc.hit(self.id, view, start, end, message)


def missing_alt(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) of every image in Markdown text without a text alternative:
    `![](…)` and `<img>` without a non-empty alt (in double, single or no quotes). The one
    judge of this policy: the rule reports these and the site build refuses them (and, after
    rendering, any picture of the page whose alt is blank: an attr_list `{: alt="" }`)."""
    for m in MD_IMAGE.finditer(text):
        if blank(m.group("alt")):
            yield m.start(), m.end(), "图片没有说明文字：在 ![] 的方括号中写上图片内容，供读屏软件朗读"
    for tag in TAG_RE.finditer(text):
        if tag.group("name").lower() != "img":
            continue
        alts = [a for a in ATTR_RE.finditer(tag.group("attrs")) if a.group("name").lower() == "alt"]
        value = alts[0].group().split("=", 1)[1].strip("\"' ") if alts and "=" in alts[0].group() else ""
        if blank(value):
            yield tag.start(), tag.end(), "<img> 没有 alt 说明文字：加上 alt=\"图片内容\""


def blank(alt: str) -> bool:
    """An alt text a screen reader reads as nothing: empty, spaces, or only characters the page
    drops (a zero-width space, typed or written &#8203;: sanitize.visible) once entities are read."""
    return not visible(html.unescape(alt)).strip()
