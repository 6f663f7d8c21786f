"""Attachments (Office documents, PDF) as readers get them: without who wrote them.

A Word, Excel or PowerPoint file (OOXML: .docx, .xlsx, .pptx) carries its author, who last
saved it, remarks, the company and custom properties in docProps/, and often a thumbnail
of its first page as last saved. Comments, tracked changes (deleted text stays in the file)
and hidden text are part of the document itself: removing them would change what the
reviewers approved, so such a file stops the build with a message to the drafter. A PDF
keeps its document information (Author, Creator...) and XMP metadata; both are removed and
the file is written again whole (earlier revisions appended to it are dropped with it). A
signed PDF is left as it is: rewriting it would break the signature.

An OFD (GB/T 33190, a zip of XML) carries its author, creating tool and dates in OFD.xml's
DocInfo: removed, the package written again with its times zeroed; one with annotations (批注)
or embedded attachments stops the build, a signed one is left as it is (as a signed PDF). A
.zip attachment is opened and every member judged as if it were an attachment of its own:
a nested archive, an unlisted type (web page, script, SVG, program), an old binary Office
file, an encrypted member or a path leaving the archive stops the build; images, Office
files, PDF and OFD inside are stripped like the others; the archive's comment, members'
comments, extra fields (owner ids, times) and times are dropped. Old binary Office and WPS
files (.doc, .xls, .ppt, .wps, .et, .dps) cannot be cleaned: the build refuses them
(`refusal`), as the check does (meta.file). An image file whose content is a format that
carries metadata the build cannot remove (TIFF, HEIC, AVIF under an image name) is refused.

The build (govpub/site/plugin.py) applies `strip` to its own copy of every attachment it
writes; the file under content/ is not changed. `govpub check` (meta.file, at commit time) asks
`problem`, the one judge: what readers cannot open (passwords, broken or renamed files, hidden
sheets) and, by running the build's own `_strip` on the bytes without writing them, every refusal
of the build. Each refusal carries one of REASONS, so a test can prove check names them all.
What an attachment SAYS (personal data, markings, Art. 6 content in its text) is not this judge's:
the content rules read it through govpub.content.attachment_text, at commit time and in the build's
checks alike."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from govpub.content import assets
from govpub.content.assets import REVIEW_ADVICE, review_parts
from govpub.fsutil import write_atomic

OOXML_SUFFIXES = frozenset({".docx", ".xlsx", ".pptx"})
SUFFIXES = OOXML_SUFFIXES | {".pdf", ".ofd", ".zip"}
_MAX_UNPACKED = 256 * 1024 * 1024  # a package that unpacks to more is not read (a zip bomb)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: old Office, or OOXML with a password
_HIDDEN_SHEET = re.compile(rb'<sheet\b[^>]*\bstate="(?:hidden|veryHidden)"[^>]*>')
_SHEET_NAME = re.compile(rb'\bname="([^"]*)"')
_EPOCH = (1980, 1, 1, 0, 0, 0)
# what may sit inside a published .zip: what may be published beside an article, except
# archives, articles and the old binary formats
_ZIP_MEMBERS = (assets.IMAGE_SUFFIXES | assets.DOCUMENT_SUFFIXES) - {".zip"} - assets.BINARY_OFFICE_SUFFIXES
_OFD_INFO = re.compile(rb"<((?:\w+:)?(?:Author|Creator|CreatorVersion|CreationDate|ModDate|Abstract|Keywords|Subject|"
                       rb"DocUsage|CustomDatas))\b[^>]*?(?:/>|>.*?</\1\s*>)", re.S)

_CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
         'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>')
_CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
           'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>')
_APP_PERSONAL = re.compile(rb"<(Company|Manager|HyperlinkBase|Template)>[^<]*</\1>|<(Company|Manager|HyperlinkBase|Template)/>")
_THUMBNAIL_REL = re.compile(rb'<Relationship\b[^>]*Target="/?docProps/thumbnail[^"]*"[^>]*/>')
_THUMBNAIL_TYPE = re.compile(rb'<Override\b[^>]*PartName="/docProps/thumbnail[^"]*"[^>]*/>')


# Every reason the build refuses an attachment for (DocumentError.reason): check reports each one
# at commit time (tests/test_attach7.py holds a refused sample per reason and fails on a new one).
REASONS: dict[str, str] = {
    "binary-office": "旧版二进制 Office/WPS 格式（.doc .xls .ppt .wps .et .dps）",
    "image-format": "图片文件的内容是 TIFF、HEIC、AVIF 等带元数据的格式",
    "unpacked-size": "解压后超过 256 MB",
    "office-review": "Office 文件带批注、修订记录或隐藏文字",
    "ofd-marked": "OFD 带批注、附件或自定义标引",
    "pdf-extras": "PDF 带注释或批注、嵌入的文件或脚本",
    "zip-broken": "压缩包已损坏",
    "zip-path": "压缩包中的路径会解压到文件夹之外",
    "zip-symlink": "压缩包中有符号链接",
    "zip-encrypted": "压缩包中的文件设了密码",
    "zip-nested": "压缩包中的压缩包",
    "zip-type": "压缩包中有不能发布的文件类型（网页、脚本、SVG、程序）",
}


class DocumentError(Exception):
    """The attachment cannot be published as it is; the message says what to change."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def refusal(name: str) -> DocumentError | None:
    """Why a file that may lie beside an article cannot be published at all, by its type alone."""
    suffix = Path(name).suffix.lower()
    if suffix in assets.BINARY_OFFICE_SUFFIXES:
        return DocumentError("binary-office", f"是旧版 {suffix} 格式：其中的作者、单位、修订记录等无法去掉，也无法检查。"
                             "处理办法：在 Word/WPS 中“另存为” .docx（表格 .xlsx、演示 .pptx）或 PDF，替换这个文件并改正文章中的链接")
    return None


def image_refusal(data: bytes) -> DocumentError | None:
    """Why an image file's content cannot be published: a format whose metadata (EXIF with the
    GPS position, XMP) the build cannot remove, under an image's name."""
    if data.startswith((b"II*\0", b"MM\0*")):
        kind = "TIFF"
    elif data[4:8] == b"ftyp":
        kind = "HEIC/AVIF"
    elif data.startswith((b"\xff\xd8", b"\x89PNG", b"GIF8")) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return None
    elif b"Exif\0\0" in data[:65536] or b"xmpmeta" in data[:65536]:
        kind = "带元数据的其他格式"
    else:
        return None  # not an image at all: meta.file reports it; it carries no photo metadata
    return DocumentError("image-format", f"的内容其实是 {kind} 图片：网站无法去掉其中的拍摄信息（可能含 GPS 位置），"
                         "也不是所有浏览器能显示。处理办法：用看图软件或手机“另存为” JPG 或 PNG，替换这个文件")


def problem(path: Path) -> str | None:
    """The one judge of a picture or attachment under content/, for `govpub check` (meta.file):
    what readers could not open, then everything the build refuses (its own `_strip` run on the
    bytes, nothing written), with what to do; None when it may be published."""
    refused = refusal(path.name)
    if refused is None and (unreadable := _unreadable(path)) is not None:
        return unreadable
    suffix = path.suffix.lower()
    if refused is None and suffix in assets.IMAGE_SUFFIXES:
        with open(path, "rb") as fh:
            refused = image_refusal(fh.read(65536))
    elif refused is None and suffix in SUFFIXES:
        try:
            _strip(suffix, path.read_bytes())
        except DocumentError as exc:
            refused = exc
    return None if refused is None else str(refused)


def _unreadable(path: Path) -> str | None:
    """Why readers could not open an attachment (Office document, PDF) or would see what it hides
    (a password, a renamed or broken file, a hidden sheet), with what to do, or None."""
    suffix = path.suffix.lower()
    if suffix not in OOXML_SUFFIXES and suffix != ".pdf":
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return None
    if suffix == ".pdf":
        return _pdf_problem(path) if head.startswith(b"%PDF") else (
            "的内容不是 PDF（可能是改了扩展名的其他文件）。处理办法：重新导出为 PDF 后替换这个文件")
    if head.startswith(_OLE):
        return ("设了打开密码，或其实是旧版 .doc/.xls 格式改了扩展名：读者打不开，网站也无法检查和清理它。"
                "处理办法：在 Word/WPS 中取消密码，“另存为”新格式（.docx/.xlsx/.pptx）后替换这个文件")
    try:
        with zipfile.ZipFile(path) as source:
            names = source.namelist()
            if "[Content_Types].xml" not in names or not any(n.startswith(("word/", "xl/", "ppt/")) for n in names):
                raise zipfile.BadZipFile
            if sum(i.file_size for i in source.infolist()) > _MAX_UNPACKED:
                return "解压后超过 256 MB，无法检查：请压缩其中的图片后另存，或拆分成几个文件"
            review = review_parts(source)
            if review:
                return f"带有批注、修订记录或隐藏文字（{'、'.join(review[:3])}），读者打开文件就能看到。{REVIEW_ADVICE}"
            if suffix == ".xlsx" and "xl/workbook.xml" in names:
                hidden = [_SHEET_NAME.search(m.group(0)) for m in _HIDDEN_SHEET.finditer(source.read("xl/workbook.xml"))]
                if hidden:
                    sheets = "、".join(m.group(1).decode("utf-8", "replace") for m in hidden if m)
                    return (f"有隐藏的工作表（{sheets}）：读者取消隐藏就能看到。处理办法：在 Excel/WPS 中取消隐藏，"
                            "核对内容，不该公开的工作表删除后另存，替换这个文件")
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError, EOFError):
        return ("不是有效的 Office 文件（可能是改了扩展名的压缩包或其他文件，或已损坏）：读者打不开。"
                "处理办法：用 Word/WPS/Excel 打开后重新“另存为”，替换这个文件")
    return None


def _pdf_problem(path: Path) -> str | None:
    """pypdfium2 (a core dependency: the pre-commit hook has no pypdf) opens the PDF as a reader's
    viewer would: a password to open it, or a file it cannot load."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        pdfium.PdfDocument(str(path)).close()
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            return "设了打开密码，读者打不开。处理办法：用原来的软件取消密码后重新导出 PDF，替换这个文件"
        return "无法读取（已损坏或不完整，可能没有下载或复制完）。处理办法：重新导出 PDF 后替换这个文件"
    return None


def strip(path: Path) -> bool:
    """Rewrite the attachment at `path` without its metadata (atomically); True if it changed.
    Raises DocumentError for an Office file with comments, tracked changes or hidden text, an
    OFD with annotations, a .zip holding something that may not be published."""
    suffix = path.suffix.lower()
    if path.is_symlink() or not path.is_file():
        return False
    data = path.read_bytes()
    out = _strip(suffix, data)
    if out == data:
        return False
    write_atomic(path, out)
    return True


def _strip(suffix: str, data: bytes) -> bytes:
    if suffix in OOXML_SUFFIXES:
        return _strip_ooxml(data)
    if suffix == ".pdf":
        return _strip_pdf(data)
    if suffix == ".ofd":
        return _strip_ofd(data)
    if suffix == ".zip":
        return _strip_zip(data)
    if suffix in assets.IMAGE_SUFFIXES:
        return assets.strip_metadata(data)
    return data


def _zip_bytes(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    """A zip of the members, with no archive or member comment, no extra field, times zeroed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, body in members:
            fresh = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            fresh.compress_type = zipfile.ZIP_DEFLATED if info.compress_type != zipfile.ZIP_STORED else zipfile.ZIP_STORED
            fresh.external_attr = (0o40755 << 16) | 0x10 if info.is_dir() else 0o644 << 16
            target.writestr(fresh, body)
    return out.getvalue()


def _strip_ofd(data: bytes) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        names = source.namelist()
        if sum(i.file_size for i in source.infolist()) > _MAX_UNPACKED:
            raise DocumentError("unpacked-size", "解压后超过 256 MB，无法检查。处理办法：压缩其中的图片后重新导出，或拆分成几个文件")
        if any("/Signs/" in f"/{n}" or n.lower().endswith("signatures.xml") for n in names):
            return data  # signed: rewriting would break the signature (as a signed PDF)
        marked = [n for n in names if re.search(r"(^|/)(Annots?|Annotations?)[/.]", n, re.I)
                  or n.lower().endswith(("attachments.xml", "customtags.xml"))]
        if marked:
            raise DocumentError("ofd-marked", f"带有批注、附件或自定义标引（{'、'.join(marked[:3])}），读者打开文件就能看到。"
                                "处理办法：在 OFD 阅读器中删除批注和附件后另存，或改为发布 PDF，替换这个文件")
        members = []
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename.rsplit("/", 1)[-1].upper() == "OFD.XML":
                body = _OFD_INFO.sub(b"", body)
            elif Path(info.filename).suffix.lower() in assets.IMAGE_SUFFIXES:
                body = assets.strip_metadata(body)
            members.append((info, body))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return data  # not a package: published as it is (meta.file judges broken files)
    return _zip_bytes(members)


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The member's name as the archive's author saw it: names without the UTF-8 flag are, in
    archives made on Chinese Windows, GBK (zipfile reads them as cp437)."""
    if info.flag_bits & 0x800 or info.filename.isascii():
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _strip_zip(data: bytes) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        infos = source.infolist()
    except (zipfile.BadZipFile, OSError, EOFError):
        raise DocumentError("zip-broken", "不是有效的压缩包（已损坏或不完整）。处理办法：重新压缩后替换这个文件") from None
    if sum(i.file_size for i in infos) > _MAX_UNPACKED:
        raise DocumentError("unpacked-size", "解压后超过 256 MB（可能是“压缩炸弹”），无法检查。处理办法：拆分成几个文件，或直接发布其中的文件")
    members = []
    for info in infos:
        name = _zip_name(info)
        advice = "处理办法：从压缩包中删去它（或把压缩包中的文件逐个作为附件发布），重新压缩后替换这个文件"
        parts = name.replace("\\", "/").split("/")
        if name.startswith("/") or ".." in parts or ":" in parts[0] or any(ord(c) < 32 for c in name):
            raise DocumentError("zip-path", f"中的“{name!r}”的路径会解压到压缩包所在文件夹之外。{advice}")
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise DocumentError("zip-symlink", f"中的“{name}”是符号链接。{advice}")
        if info.flag_bits & 0x1:
            raise DocumentError("zip-encrypted", f"中的“{name}”设了密码，网站无法检查它。{advice}")
        if info.is_dir():
            members.append((zipfile.ZipInfo(name + ("" if name.endswith("/") else "/")), b""))
            continue
        suffix = Path(name).suffix.lower()
        if parts[0] == "__MACOSX" or parts[-1].startswith(".") or parts[-1].lower() in ("thumbs.db", "desktop.ini"):
            continue  # the packing machine's own records (resource forks, folder views): not content
        if any(p.startswith(".") for p in parts) or suffix not in _ZIP_MEMBERS:
            if (old := refusal(name)) is not None:
                raise DocumentError(old.reason, f"中的“{name}”{old}。{advice}")
            if suffix in (".zip", ".rar", ".7z"):
                raise DocumentError("zip-nested", f"中的“{name}”是压缩包中的压缩包，网站无法逐层检查。{advice}")
            raise DocumentError("zip-type", f"中的“{name}”的文件类型不能发布（只允许图片、PDF 和新版办公文档；"
                                f"网页、脚本、SVG、程序会在读者电脑上运行）。{advice}")
        try:
            body = _strip(suffix, source.read(info.filename))
        except DocumentError as exc:
            raise DocumentError(exc.reason, f"中的“{name}”{exc}") from None
        if suffix in assets.IMAGE_SUFFIXES and (bad := image_refusal(body)):
            raise DocumentError(bad.reason, f"中的“{name}”{bad}")
        fresh = zipfile.ZipInfo(name)
        fresh.compress_type = info.compress_type
        members.append((fresh, body))
    return _zip_bytes(members)


def _strip_ooxml(data: bytes) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return data  # not a package: meta.file reports a broken file
    review = review_parts(source)
    if review:
        raise DocumentError("office-review", f"带有批注、修订记录或隐藏文字（{'、'.join(review[:3])}），"
                            f"读者打开文件就能看到被删除的文字和批注。{REVIEW_ADVICE}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            name = info.filename
            if name.startswith("docProps/thumbnail"):
                continue
            body = source.read(name)
            if name == "docProps/core.xml":
                body = _CORE.encode()
            elif name == "docProps/custom.xml":
                body = _CUSTOM.encode()
            elif name == "docProps/app.xml":
                body = _APP_PERSONAL.sub(b"", body)
            elif name == "_rels/.rels":
                body = _THUMBNAIL_REL.sub(b"", body)
            elif name == "[Content_Types].xml":
                body = _THUMBNAIL_TYPE.sub(b"", body)
            fresh = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # no time of the last save either
            fresh.compress_type = info.compress_type
            fresh.external_attr = info.external_attr
            target.writestr(fresh, body)
    return out.getvalue()


# annotation kinds that are part of reading the page (links, form fields); every other kind is
# a remark someone added (a sticky note, a highlight with its author and text, a stamp)
_PDF_PAGE_ANNOTS = {"/Link", "/Widget", "/PrinterMark", "/TrapNet"}


def _pdf_extras(reader: Any) -> list[str]:
    """What a PDF holds beside its pages that the build must not publish silently: comments
    (annotations with their author), embedded files, scripts."""
    found = []
    kinds: set[str] = set()
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            kind = str(annot.get("/Subtype", ""))
            if kind not in _PDF_PAGE_ANNOTS:
                kinds.add(kind.lstrip("/"))
    if kinds:
        found.append(f"注释或批注（{'、'.join(sorted(kinds))}）")
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    if "/EmbeddedFiles" in names:
        found.append("嵌入的附件文件")
    action: Any = root.get("/OpenAction")
    action = action.get_object() if action is not None else {}
    script = isinstance(action, dict) and action.get("/S") == "/JavaScript"
    if "/JavaScript" in names or "/AA" in root or script:
        found.append("脚本（JavaScript）")
    return found


def _strip_pdf(data: bytes) -> bytes:
    if b"/ByteRange" in data and b"/Sig" in data:
        return data  # signed: rewriting would break the signature
    try:
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import NameObject

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return data
        found = _pdf_extras(reader)
    except Exception:  # noqa: BLE001 - a PDF pypdf cannot read is published as it is (meta.file judges it)
        return data
    if found:
        raise DocumentError("pdf-extras", f"带有{'、'.join(found)}，读者打开文件就能看到或运行它们。处理办法：在 PDF 软件中删除全部注释和"
                            "嵌入的附件（或从原文档重新导出 PDF，不要“打印为 PDF”前留着批注），替换这个文件")
    try:
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        root = writer._root_object
        if NameObject("/Metadata") in root:
            del root[NameObject("/Metadata")]
        out = io.BytesIO()
        writer.write(out)
    except Exception:  # noqa: BLE001 - a PDF pypdf cannot read is published as it is (meta.file judges it)
        return data
    return out.getvalue()
