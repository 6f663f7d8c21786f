from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class EncodingRule(Rule):
    """文章不是 UTF-8 编码。

    ## 作用
    发现 GBK/GB18030 编码、带 BOM 的 UTF-8 和 UTF-16 编码的文章。Windows 上的一些
    编辑器（记事本、早期 WPS）默认存成这些编码。

    ## 原因
    编码不统一会让网站和微信公众号出现乱码，属于第五条所说的“错字”问题，
    在国家政府网站检查中会被扣分。

    ## 示例
    用记事本“另存为 ANSI”保存的文章。

    ## 修改方法
    运行 `govpub fix 文件路径`，文件会被无损转换为 UTF-8；也可以在编辑器中另存为
    “UTF-8（无 BOM）”。
    """

    id = "meta.encoding"
    title = "文件编码"
    article = "第五条"

    def check(self, doc: Document) -> Iterable[Hit]:
        return [h for h in doc.article.load_hits if h.rule == self.id]
