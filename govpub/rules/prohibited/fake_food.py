from __future__ import annotations

from govpub.rules import rule
from govpub.rules.prohibited._kinds import KindRule


@rule
class FakeFoodRule(KindRule):
    """说市面上很多食品是用塑料、纸一类非食用材料做的，并劝人别吃（提示）。

    ## 作用
    同一句中有**以偏概全**（很多、不少、大部分）、**“是用……做的”**（是用黑色塑料袋压的、都是用纸泡的）和
    **劝人别吃**（千万不要、不要给孩子吃、赶紧扔）时提示。这是常见的食品谣言的样子；说法在
    `checks/wordlists/kinds.yml` 的 `fake-food` 中。同一句有检测、市场监管、查处、辟谣等说法时是报道。
    是提示，不阻止提交：审核人核对说法有没有检测结论或主管部门的通报。

    ## 原因
    第六条（六）：不得发布散布谣言、扰乱社会秩序的内容。

    ## 示例
    `现在市场上很多紫菜是用黑色塑料袋压的，千万不要给孩子吃`。

    ## 修改方法
    没有检测结论或主管部门通报的，删除这句话；有的，写明出处。
    """

    id = "prohibited.fake-food"
    title = "食品谣言"
    article = "第六条（六）"
    severity = "warning"
    kind = "fake-food"
    fix_hint = "没有检测结论或主管部门通报的删除这句话；有的写明出处"
