from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.html._tags import TAG_RE, attributes

# The numbering attributes of raw HTML lists the channels do not keep alike: the website honours
# them, the WeChat editor and the 南方号 Word copy number 1, 2, 3 (or drop the list's look).
_NUMBERING = {("ol", "type"): "type（用字母或罗马数字编号）", ("ol", "reversed"): "reversed（倒序编号）",
              ("li", "value"): "value（指定某一项的序号）"}


@rule
class ListNumberRule(Rule):
    """HTML 列表用 type、reversed 或 value 属性改变编号。

    ## 作用
    找出 `<ol type="a">`、`<ol type="I">`、`<ol reversed>` 和 `<li value="5">`，以及写在列表项后的
    `{: value=5 }`、`{: type=a }`（网站把它们加在 `<li>` 上）：这些属性改变列表的编号方式。

    ## 原因
    第四条要求发布的内容准确。网站按这些属性编号，公众号和南方号的稿件却按 1、2、3 编号，
    同一篇文章在不同平台上的条目序号不一样，引用“第几项”时会出错。

    ## 示例
    `<ol type="a"><li>申请材料</li></ol>`：网站显示 a.，公众号显示 1.。

    ## 修改方法
    用 Markdown 列表（`1. ……`，从几开始就写几）；需要“一、”“（一）”等编号时，直接把编号写进文字。
    """

    id = "html.list-number"
    title = "列表编号"
    article = "第四条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup
        if "<" not in view.text and "{" not in view.text:
            return
        for tag, attr, start in attributes(view.text):
            key = attr.group("name").lower()
            if tag.re is TAG_RE:  # <ol type="a">
                name = tag.group("name").lower()
                what = _NUMBERING.get((name, key))
            else:  # `{: value=5 }` after a list item, `{: type=a }` under a list: they land on the <li>
                name, what = "li", next((w for (_, k), w in _NUMBERING.items() if k == key), None)
            if what:
                yield doc.hit(self.id, view, start, start + len(attr.group()),
                              f"<{name}> 的 {what}只在网站上生效，公众号和南方号仍按 1、2、3 编号：删除这个属性，"
                              "用 Markdown 列表，或把“一、”“（一）”等编号直接写进文字")
