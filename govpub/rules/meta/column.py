from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class ColumnRule(Rule):
    """栏目未登记，或文章所在目录与栏目不符。

    ## 作用
    `column` 必须是 `checks/registry/columns.yml` 中登记的栏目代号，文章必须放在
    `content/<栏目代号>/<年份>/` 目录下，目录名与 `column` 一致。

    ## 原因
    第八条：局官网信息内容实行栏目分工负责制。未登记的栏目没有负责部门，
    也不会出现在网站导航和国家检查的栏目统计中。

    ## 示例
    `column: gzdongtai`（应为 `gzdt`）。

    ## 修改方法
    改为已登记的栏目代号；确需新栏目时，由局办公室在 columns.yml 中登记（需三级审核）。
    """

    id = "meta.column"
    title = "栏目"
    article = "第八条"

    def check(self, doc: Document) -> Iterable[Hit]:
        column = doc.meta_str("column")
        if column is None:
            return
        columns = self.policy.columns
        if column not in columns:
            known = "、".join(f"{slug}（{c['name']}）" for slug, c in columns.items())
            yield doc.value_hit(self.id, "column", f"栏目“{column}”未登记：请改为以下之一：{known}")
            return
        parts = doc.article.path.split("/")
        if len(parts) >= 2 and parts[0] == "content" and parts[1] != column:
            yield doc.value_hit(self.id, "column",
                                f"文章位于 content/{parts[1]}/ 下，但 column 是“{column}”："
                                f"把文件移到 content/{column}/ 下，或改正 column")
