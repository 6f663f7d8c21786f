from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class PhotoLocationRule(Rule):
    """照片带有拍摄地点（GPS 坐标）。

    ## 作用
    找出 content/ 下 EXIF 元数据中带有 GPS 坐标的图片。手机拍的照片通常带有拍摄地点、
    时间和设备型号。

    ## 原因
    第五条（一）、第十二条：防止泄露个人隐私。照片的拍摄地点可能是当事人、工作人员的
    住址或不宜公开的场所；网站构建会去掉图片的元数据，但原图仍在仓库和审核流程中流转。

    ## 示例
    用手机拍摄、未经处理直接放入 `content/gzdt/2026/` 的现场照片。

    ## 修改方法
    运行 `govpub fix 图片路径` 去掉照片的元数据（画面不变），再提交。
    """

    id = "privacy.photo-location"
    title = "照片拍摄地点"
    article = "第五条（一）、第十二条"

    def check(self, doc: Document) -> Iterable[Hit]:
        return [h for h in doc.article.load_hits if h.rule == self.id]
