from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class SuppressionRule(Rule):
    """豁免注释缺少理由，或写了不存在的规则编号。

    ## 作用
    个别确需保留的内容可以用注释豁免某条规则，但必须写明理由：
    `<!-- govpub: allow html.style 理由：红色标出报名截止时间 -->`。
    豁免作用于注释所在行；注释单独成行时，也作用于其后的第一个非空行。注释必须写在一行内，
    它只让所写规则不再提示，其他规则照常检查注释前后和注释中的文字。
    个人信息（privacy.*）和密级（secret.*）不能在文章中豁免：确需公开的，由局办公室在
    `checks/registry/exceptions.yml` 登记（经三级审核）。

    ## 原因
    第五条“谁审核谁负责”：豁免会在合并请求中列给审核人看，没有理由的豁免无法审核。

    ## 示例
    `<!-- govpub: allow html.style -->`（缺少理由）；
    `<!-- govpub: allow privacy.mobile 理由：值班电话 -->`（个人信息不能在文章中豁免）。

    ## 修改方法
    在规则编号后写上“理由：……”，或删除豁免并修改内容。
    """

    id = "meta.suppression"
    title = "豁免注释"
    article = "第五条"

    def check(self, doc: Document) -> Iterable[Hit]:
        return ()  # reported by the engine, which parses suppressions for every rule
