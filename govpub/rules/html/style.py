from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.html._tags import attributes


@rule
class StyleRule(Rule):
    """HTML 标签带有 style 属性。

    ## 作用
    找出 HTML 标签上的 `style` 属性。

    ## 原因
    第四条、第十条：网页样式由网站统一控制。style 属性可以隐藏文字（`display:none`，
    常被用来藏暗链）、覆盖页面内容或引入外部资源，审核人在源文件中也难以看出效果。

    ## 示例
    `<span style="display:none"><a href="...">...</a></span>`

    ## 修改方法
    删除 style 属性，用 Markdown 的标题、加粗等格式表达重点。
    """

    id = "html.style"
    title = "样式属性"
    article = "第四条、第十条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup  # front-matter values and comments too; code only where the site renders code
        for _, attr, start in attributes(view.text):
            if attr.group("name").lower() == "style":
                yield doc.hit(self.id, view, start, start + len(attr.group()),
                              "style 属性会改变或隐藏页面内容：删除它，用 Markdown 格式表达")
