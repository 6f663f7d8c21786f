from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class StatusRule(Rule):
    """撤稿信息不完整。

    ## 作用
    `status` 只能是 `withdrawn`（已撤稿）；撤稿时必须写明 `withdrawn_reason`（理由）
    和 `withdrawn_at`（时间）。撤稿请用 `govpub retract`，它会同时填写这些字段。

    ## 原因
    第十二条：发现问题要及时采取补救措施并追究责任，撤稿必须留痕。

    ## 示例
    `status: deleted`；`status: withdrawn` 但没有理由。

    ## 修改方法
    运行 `govpub retract 文章路径 --reason 理由`。
    """

    id = "meta.status"
    title = "撤稿状态"
    article = "第十二条"

    def check(self, doc: Document) -> Iterable[Hit]:
        meta = doc.article.meta
        status = doc.meta_str("status")
        if status is None:
            for key in ("withdrawn_reason", "withdrawn_at"):
                if key in meta:
                    yield doc.value_hit(self.id, key, f"{key} 只用于已撤稿的文章：同时写 status: withdrawn，或删除此字段")
            return
        if status != "withdrawn":
            yield doc.value_hit(self.id, "status",
                                f"status 只能是 withdrawn（已撤稿），而不是“{status}”：写了其他值的文章不会发布到"
                                "网站和任何平台。处理办法：要发布的文章删除 status 这一行；撤稿请用 govpub retract；"
                                "还在写的稿件不要提交到主分支（留在自己的分支上，合并请求设为草稿）")
            return
        for key, name in (("withdrawn_reason", "撤稿理由"), ("withdrawn_at", "撤稿时间")):
            if doc.meta_str(key) is None:
                yield doc.value_hit(self.id, "status", f"已撤稿的文章缺少 {key}（{name}）：请用 govpub retract 撤稿")
