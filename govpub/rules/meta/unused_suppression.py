from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class UnusedSuppressionRule(Rule):
    """豁免注释没有豁免任何问题。

    ## 作用
    提示不再需要的豁免注释：它所豁免的规则在相应行上已经没有发现问题。

    ## 原因
    多余的豁免会让审核人误以为文章中有需要特别注意的内容，也可能在之后掩盖新问题。

    ## 示例
    style 属性已删除，但 `<!-- govpub: allow html.style 理由：… -->` 还在。

    ## 修改方法
    删除这条注释。
    """

    id = "meta.unused-suppression"
    title = "多余的豁免"
    article = "第五条"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        return ()  # reported by the engine
