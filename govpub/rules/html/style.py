from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.html._tags import TAG_RE, attributes

# Attributes that hide content or set its look outside the site's style: hidden is display:none
# without CSS, color/bgcolor/face the <font> of pasted pages (white text on a white page).
_LOOK = {"style": "style 属性会改变或隐藏页面内容", "hidden": "hidden 属性会把文字藏起来，读者看不到、审核时容易漏看",
         "color": "color 属性会改变文字颜色（可能与背景同色而看不见）", "bgcolor": "bgcolor 属性会改变背景颜色",
         "face": "face 属性会改变字体"}
# Tags that move or blink their content.
_MOVING = {"marquee", "blink"}


@rule
class StyleRule(Rule):
    """HTML 标签带有 style 属性，或用别的写法隐藏、改变文字样式。

    ## 作用
    找出 HTML 标签上的 `style` 属性，以及同样会隐藏或改变文字外观的写法：`hidden` 属性（不用样式也能把文字藏起来）、
    `<font>` 的 `color`、`face` 和 `bgcolor` 属性（白底白字），滚动和闪烁的 `<marquee>`、`<blink>` 标签。

    ## 原因
    第四条、第十条：网页样式由网站统一控制。style 属性可以隐藏文字（`display:none`，
    常被用来藏暗链）、覆盖页面内容或引入外部资源，审核人在源文件中也难以看出效果。

    ## 示例
    `<span style="display:none"><a href="...">...</a></span>`、`<span hidden>……</span>`、`<font color="white">……</font>`

    ## 修改方法
    删除 style 属性，用 Markdown 的标题、加粗等格式表达重点。
    """

    id = "html.style"
    title = "样式属性"
    article = "第四条、第十条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup  # front-matter values and comments too; code only where the site renders code
        for _, attr, start in attributes(view.text):
            why = _LOOK.get(attr.group("name").lower())
            if why:
                yield doc.hit(self.id, view, start, start + len(attr.group()), f"{why}：删除它，用 Markdown 格式表达")
        if "<" in view.text:
            for m in TAG_RE.finditer(view.text):
                if m.group("name").lower() in _MOVING:
                    yield doc.hit(self.id, view, m.start(), m.end(),
                                  f"<{m.group('name').lower()}> 会让文字滚动或闪烁：删除这个标签，文字照常书写")
