from __future__ import annotations

from collections.abc import Iterable

from govpub.content.scaffold import department_problem
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class DepartmentRule(Rule):
    """拟稿部门未登记，或不负责该栏目。

    ## 作用
    `department` 必须是 `checks/registry/departments.yml` 中的部门，并且是该栏目的
    负责部门（columns.yml 的 `department`）或经批准可以发稿的部门（`also_departments`）。

    ## 原因
    第八条：栏目分工负责，各部门明确联络员承担相应栏目信息的报送和更新；
    第三条：内设部门不得另行开设账号或栏目。部门决定一级审核由哪位科室负责人把关。

    ## 示例
    `column: zcwj` 而 `department: 社区矫正管理科`。

    ## 修改方法
    改为负责该栏目的部门，或把文章放到本部门负责的栏目；确需跨栏目发稿时，
    由局办公室在 columns.yml 的 `also_departments` 中登记。
    """

    id = "meta.department"
    title = "拟稿部门"
    article = "第八条"

    def check(self, doc: Document) -> Iterable[Hit]:
        dep = doc.meta_str("department")
        if dep is None:
            return
        problem = department_problem(self.policy, dep, doc.meta_str("column"))
        if problem:
            yield doc.value_hit(self.id, "department", problem)
