from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

DOC_NUMBER_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}〔\d{4}〕[1-9]\d*号$")


@rule
class DocNumberRule(Rule):
    """文号格式不规范。

    ## 作用
    文号（`doc_number`）应按 GB/T 9704-2012 写成“发文机关代字〔年份〕序号号”，
    年份用六角括号〔〕，序号不编虚位，如 `湛司发〔2026〕3号`。

    ## 原因
    第五条：严禁出现不规范的表述。文号写成【2026】、[2026] 或 (2026) 是政府网站
    检查中常见的扣分项。

    ## 示例
    `湛司发[2026]03号`。

    ## 修改方法
    改为 `湛司发〔2026〕3号` 的格式（六角括号可用输入法输入“〔”“〕”）。
    """

    id = "meta.doc-number"
    title = "文号格式"
    article = "第五条"

    def check(self, doc: Document) -> Iterable[Hit]:
        value = doc.meta_str("doc_number")
        if value is None or DOC_NUMBER_RE.match(value):
            return
        yield doc.value_hit(self.id, "doc_number",
                            f"文号“{value}”不规范：应写成“机关代字〔2026〕3号”，年份用六角括号〔〕，序号前不加 0")
