"""Attachments (Office documents, PDF) as readers get them: without who wrote them.

A Word, Excel or PowerPoint file (OOXML: .docx, .xlsx, .pptx) carries its author, who last
saved it, remarks, the company and custom properties in docProps/, and often a thumbnail
of its first page as last saved. Comments, tracked changes (deleted text stays in the file)
and hidden text are part of the document itself: removing them would change what the
reviewers approved, so such a file stops the build with a message to the drafter. A PDF
keeps its document information (Author, Creator...) and XMP metadata; both are removed and
the file is written again whole (earlier revisions appended to it are dropped with it). A
signed PDF is left as it is: rewriting it would break the signature.

The build (govpub/site/plugin.py) applies `strip` to its own copy of every attachment it
writes; the file under content/ is not changed."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from govpub.content.assets import REVIEW_ADVICE, review_parts
from govpub.fsutil import write_atomic

OOXML_SUFFIXES = frozenset({".docx", ".xlsx", ".pptx"})
SUFFIXES = OOXML_SUFFIXES | {".pdf"}

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


class DocumentError(Exception):
    """The attachment cannot be published as it is; the message says what to change."""


def strip(path: Path) -> bool:
    """Rewrite the attachment at `path` without its metadata (atomically); True if it changed.
    Raises DocumentError for an Office file with comments, tracked changes or hidden text."""
    suffix = path.suffix.lower()
    if path.is_symlink() or not path.is_file():
        return False
    data = path.read_bytes()
    if suffix in OOXML_SUFFIXES:
        out = _strip_ooxml(data)
    elif suffix == ".pdf":
        out = _strip_pdf(data)
    else:
        return False
    if out == data:
        return False
    write_atomic(path, out)
    return True


def _strip_ooxml(data: bytes) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return data  # not a package: meta.file reports a broken file
    review = review_parts(source)
    if review:
        raise DocumentError(f"带有批注、修订记录或隐藏文字（{'、'.join(review[:3])}），"
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


def _strip_pdf(data: bytes) -> bytes:
    if b"/ByteRange" in data and b"/Sig" in data:
        return data  # signed: rewriting would break the signature
    try:
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import NameObject

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return data
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
