from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from govpub.content import assets
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

if TYPE_CHECKING:
    from govpub.policy import Policy

LIMITS_FILE = "attachments.yml"
DEFAULT_MAX = 10 * 1024 * 1024


def documents_max_bytes(policy: Policy) -> int:
    """checks/attachments.yml's documents_max_bytes (10 MB when a site has none)."""
    pf = policy.file(LIMITS_FILE, "attachments", required=False)
    return int(pf.data["documents_max_bytes"]) if pf is not None else DEFAULT_MAX


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


@rule
class AttachmentSizeRule(Rule):
    """附件太大。

    ## 作用
    找出 content/ 下超过大小上限的附件（PDF、Word、Excel、PPT、WPS、OFD、TXT、CSV、ZIP），
    默认 10 MB。上限写在 `checks/attachments.yml`（documents_max_bytes），局办公室可以调整；
    图片的上限在 `checks/images.yml`（规则 meta.image-size）。提交前检查和网站构建都按此检查。

    ## 原因
    第四条：网站要稳定、便于访问。几十 MB 的扫描件读者用手机很难下载；仓库保存每个版本，
    大附件让每位同事下载仓库都变慢，代码托管平台也会拒绝过大的文件。

    ## 示例
    把 45 MB 的扫描版 `fujian1.pdf` 放在文章旁边。

    ## 修改方法
    压缩 PDF（WPS 或 Acrobat 的“压缩 PDF”“减小文件大小”）；图片多的 Word 先在 Word 中
    “压缩图片”再另存，或转为 PDF；仍然太大的，拆成几个文件分别链接。音频、视频不放进仓库：
    传到政务新媒体或视频平台后在文章中链接。
    """

    id = "meta.attachment-size"
    title = "附件大小"
    article = "第四条"

    def check(self, doc: Document) -> Iterable[Hit]:
        art = doc.article
        if art.readable or Path(art.path).suffix.lower() not in assets.DOCUMENT_SUFFIXES:
            return []
        path = self.policy.root / art.path
        if path.is_symlink() or not path.is_file():
            return []
        limit = documents_max_bytes(self.policy)
        size = path.stat().st_size
        if size <= limit:
            return []
        pdf = Path(art.path).suffix.lower() == ".pdf"
        how = ("用 WPS 或 Acrobat“压缩 PDF”（减小文件大小）后替换" if pdf
               else "图片多的先在 Word/WPS 中“压缩图片”后另存，或转为 PDF 后替换（改正文章中的链接）")
        return [Hit(self.id, 0, 0, f"附件太大（{_mb(size)}，上限 {_mb(limit)}，见 checks/attachments.yml）："
                                   f"读者难以下载，也会永久留在仓库历史中。处理办法：{how}；"
                                   "仍然太大的拆成几个文件分别链接")]
