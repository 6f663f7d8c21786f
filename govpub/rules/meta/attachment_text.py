from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class AttachmentTextRule(Rule):
    """附件的文字只检查了一部分。

    ## 作用
    附件（TXT、CSV、Word、Excel、PPT、PDF、OFD 及压缩包中的这些文件）中的文字和文章正文一样
    检查密级标志、内部标注、个人信息、违禁内容、广告、链接和情绪化表达。一个附件最多检查
    前 200 000 个字符（约 300 KB 的中文表格），以免大表格让提交前检查停住；超过时给出这条提示，
    说明检查到哪里为止。

    ## 原因
    第五条、第六条、第七条：附件和正文一样是发布的信息，读者下载后看到其中的全部文字。
    没有检查到的部分要由审核人逐页核对。

    ## 示例
    一份 1 MB 的 `mingdan.csv`，检查只读到第 3000 行。

    ## 修改方法
    审核人核对没有检查到的部分；能拆分的附件拆成几个文件分别链接。
    图片和扫描件中的文字不做识别（不做 OCR），由审核人阅读。
    """

    id = "meta.attachment-text"
    title = "附件文字检查范围"
    article = "第五条、第七条"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        return [h for h in doc.article.load_hits if h.rule == self.id]
