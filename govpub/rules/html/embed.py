from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.html._tags import TAG_RE

EMBEDDING = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
             "button", "textarea", "select", "base", "meta", "link", "style", "svg", "math", "noscript",
             "template", "portal",
             # media and legacy tags that load or play something from elsewhere
             "video", "audio", "source", "track", "bgsound", "param", "keygen", "isindex", "image", "xml"}


@rule
class EmbedRule(Rule):
    """文中有可以运行代码或嵌入外部内容的 HTML 标签。

    ## 作用
    找出 Markdown 中直接写的 `<script>`、`<iframe>`、`<object>`、`<embed>`、`<form>`、
    `<style>`、`<link>`、`<meta>`、`<base>`、`<svg>`，以及播放或载入外部内容的 `<video>`、`<audio>`、`<source>`
    等标签，包括 HTML 注释和 front matter
    （标题、作者等）中的。成对围栏（``` … ```）中的代码和行内代码不算：网站把它们显示为代码；
    只有开头没有结尾的 ``` 不算代码块，其后的内容照常检查。

    ## 原因
    第四条、第十条：确保发布信息安全。这些标签能执行脚本、嵌入未经审核的外部页面或
    改变整个页面的样式，是网页被篡改和挂马的常见方式；从网页或公众号后台复制时容易带入。

    ## 示例
    `<iframe src="https://example.com/video"></iframe>`

    ## 修改方法
    删除该标签；视频、表单等请交局办公室按网站规范发布，图片用 `![说明](文件名)` 插入。
    """

    id = "html.embed"
    title = "嵌入标签"
    article = "第四条、第十条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup  # front-matter values and comments too; code only where the site renders code
        for m in TAG_RE.finditer(view.text):
            name = m.group("name").lower()
            if name in EMBEDDING:
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"不允许的 HTML 标签 <{name}>：删除它，图片用 ![说明](文件名) 插入")
