from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class FileRule(Rule):
    """文件无法作为文章读取。

    ## 作用
    发现过大（超过 1 MB）的文件、二进制文件（如误放进 content/ 的 Word、PDF）、
    符号链接（尤其是指向仓库之外的链接）和无法读取的文件。

    ## 原因
    第八条要求各栏目信息准确及时地更新。只有真实存在于仓库中的文本文件才能被审核、
    留痕和发布；指向仓库外的链接会把未经审核的内容带上网站。

    ## 示例
    `content/gzdt/2026/huiyi.md` 实际是一个改了扩展名的 .docx 文件。

    ## 修改方法
    Word 文件用 `govpub import 文件.docx` 导入；符号链接换成文件本身；
    过大的正文请精简，图片等附件放在文章旁边。
    """

    id = "meta.file"
    title = "文件不可读"
    article = "第八条"

    def check(self, doc: Document) -> Iterable[Hit]:
        return [h for h in doc.article.load_hits if h.rule == self.id]
