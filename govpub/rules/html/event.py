from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.html._tags import attributes


@rule
class EventRule(Rule):
    """HTML 标签带有事件属性（on*）。

    ## 作用
    找出 `onclick`、`onerror`、`onload` 等事件属性，它们在页面上执行脚本；包括用
    `{: onclick=... }`（attr_list 写法）加在标题、段落、图片上的。

    ## 原因
    第四条、第十条：确保发布信息安全。`<img src=x onerror=...>` 是最常见的脚本注入写法。

    ## 示例
    `<img src="a.jpg" onerror="alert(1)">`

    ## 修改方法
    删除事件属性；图片用 `![说明](文件名)` 插入。
    """

    id = "html.event"
    title = "事件属性"
    article = "第四条、第十条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup  # front-matter values and comments too; code only where the site renders code
        for _, attr, start in attributes(view.text):
            if attr.group("name").lower().startswith("on"):
                yield doc.hit(self.id, view, start, start + len(attr.group()),
                              f"事件属性 {attr.group('name')} 会执行脚本：删除它")
