"""A Word/WPS draft (.docx) becomes an article (govpub import).

mammoth reads the .docx (headings, lists, tables, images; Chinese punctuation is kept as
written), markdownify turns its HTML into Markdown, images are saved beside the article
in order and reduced when oversized. Nothing is half-written: the article and its pictures
appear together or not at all, also when the import is killed (_write).
"""

from __future__ import annotations

import html
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govpub.content import assets, images
from govpub.content.scaffold import (
    article_path,
    check_department,
    front_matter,
    git_user,
    now_minute,
    parse_channels,
    refuse_twin,
    resolve_column,
    slug_from_title,
    validate_date,
)
from govpub.errors import UsageError
from govpub.policy import Policy

if TYPE_CHECKING:
    from markdownify import MarkdownConverter

MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # what the parts of a .docx may add up to once unzipped
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/bmp": ".bmp",
              "image/tiff": ".tif", "image/x-emf": ".emf", "image/x-wmf": ".wmf"}
METAFILES = (".emf", ".wmf")  # Windows metafiles: drawn (and so converted) by Pillow on Windows only


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .doc, or a .docx with a password


def _open_docx(path: Path) -> bytes:
    if path.is_dir():
        raise UsageError("这是一个文件夹，不是 Word 文件", path=str(path), hint="写出 .docx 文件本身的路径")
    if not path.is_file():
        raise UsageError("文件不存在", path=str(path), hint="检查路径；路径相对于当前目录")
    if path.suffix.lower() == ".doc":
        raise UsageError("这是旧版 .doc 文件", path=str(path), hint="在 Word 或 WPS 中“另存为”.docx 后再导入")
    if path.suffix.lower() not in (".docx", ".docm"):  # .docm: the macros are never read nor run
        raise UsageError("不是 .docx 文件", path=str(path), hint="在 Word 或 WPS 中“另存为”.docx 后再导入")
    if path.name.startswith(("~$", ".~")):  # Word's (~$) and WPS's (.~) owner file beside an open document
        real = path.name[2:]
        raise UsageError("这是 Word/WPS 打开文档时生成的临时文件，不是稿件", path=str(path),
                         hint=f"在 Word/WPS 中关闭稿件，导入同一文件夹中的稿件本身（文件名类似“…{real}”，不带 {path.name[:2]}）")
    if path.stat().st_size == 0:
        raise UsageError("文件是空的（0 字节），多是下载、复制或网页上传没有完成", path=str(path),
                         hint="从原处重新下载或复制这份稿件（在 Word 中能打开再导入）")
    if path.stat().st_size > MAX_DOCX_BYTES:
        raise UsageError("文件超过 50 MB", path=str(path), hint="压缩文中的图片（Word：图片格式→压缩图片）后再导入")
    data = path.read_bytes()
    if data.startswith(OLE_MAGIC):
        raise UsageError("这个 Word 文件设置了打开密码（或是改了扩展名的旧版 .doc）", path=str(path),
                         hint="在 Word 或 WPS 中打开，取消文档密码（文件→信息→保护文档），“另存为”.docx 后再导入")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        kind = _disguised(data)
        if kind:  # an OA system's "Word" export, or a web page saved from Word and renamed
            raise UsageError(f"这其实是{kind}，只是扩展名改成了 {path.suffix}", path=str(path),
                             hint="在 Word 或 WPS 中打开它，“另存为”“Word 文档（*.docx）”后再导入")
        raise UsageError("文件已损坏或不是 Word 文档", path=str(path), hint="在 Word 或 WPS 中打开，另存为 .docx 后再导入")
    try:  # a .docx is a zip: a small one can unpack to gigabytes (a zip bomb) that mammoth would read whole
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError):
        raise UsageError("文件已损坏或不是 Word 文档", path=str(path),
                         hint="在 Word 或 WPS 中打开，另存为 .docx 后再导入") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UsageError(f"文件解压后有 {unpacked / 1048576:.0f} MB，超过 {MAX_UNPACKED_BYTES // 1048576} MB 的上限",
                         path=str(path), hint="确认这是正常的 Word 稿件：压缩文中的图片后另存为 .docx 再导入；"
                                              "来历不明的文件不要导入")
    return data


_DISGUISES = (
    (re.compile(rb"^\s*(?:<!DOCTYPE html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE), "网页文件（HTML）"),
    (re.compile(rb"^MIME-Version:", re.IGNORECASE), "单个文件网页（.mht）"),
    (re.compile(rb"^\{\\rtf"), "RTF 文件"),
    (re.compile(rb"^\s*<\?xml[^>]*>\s*(?:<\?mso-application[^>]*Word|<w:wordDocument|<pkg:package)", re.IGNORECASE),
     "Word 2003 XML 文件"),
    (re.compile(rb"^%PDF"), "PDF 文件"),
)


def _disguised(data: bytes) -> str | None:
    """What a file named .docx that is not a zip really is, when it can be told."""
    head = data[:512].lstrip(b"\xef\xbb\xbf")
    return next((kind for pattern, kind in _DISGUISES if pattern.search(head)), None)


# what mammoth leaves out without a word: (a mark in document.xml, what it is, what to do)
_LEFT_OUT = (
    (re.compile(rb"<m:oMath\b"), "公式", "在文章中用文字写出公式，或把公式截图作为图片插入"),
    (re.compile(rb"<w:object\b"), "嵌入的对象（如 Excel 表格、Visio 图）",
     "把其中的内容写成文字或表格，或截图作为图片插入"),
    (re.compile(rb'graphicData uri="http://schemas\.openxmlformats\.org/drawingml/2006/diagram"'), " SmartArt 图形",
     "把图形中的文字写进正文，或截图作为图片插入"),
    (re.compile(rb'graphicData uri="http://schemas\.openxmlformats\.org/drawingml/2006/chart"'), "图表",
     "把图表截图作为图片插入，并在正文写明数据"),
    # “插入→图片→链接到文件”: the picture stays on the drafter's computer, the file holds only its path
    # (mammoth never reads it: a .docx must not make the import read a local file)
    (re.compile(rb"<a:blip\b(?![^>]*\br:embed=)[^>]*\br:link="), "以“链接到文件”方式插入的图片（图片不在 Word 文件里）",
     "在 Word 中删除这些图片，用“插入→图片”重新插入（不要选“链接到文件”），保存后再导入"),
)
_TEXT = re.compile(rb"<(?:w|a):t(?:\s[^>]*)?>([^<]+)</(?:w|a):t>")


def left_out(data: bytes) -> list[str]:
    """Notes for the drafter on what the Word file holds that the article does not: formulas,
    embedded objects, SmartArt, charts (their text quoted), headers and footers with text or pictures."""
    notes: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            document = zf.read("word/document.xml") if "word/document.xml" in names else b""
            for pattern, what, todo in _LEFT_OUT:
                count = len(pattern.findall(document))
                if not count:
                    continue
                notes.append(f"Word 文件中有 {count} 个{what}没有导入：{todo}")
                if "SmartArt" in what:
                    words = [t.decode("utf-8", "replace") for n in names if n.startswith("word/diagrams/data")
                             for t in _TEXT.findall(zf.read(n))]
                    notes[-1] += f"（图形中的文字：{'、'.join(words[:12])}）" if words else ""
            margins = [n for n in names if re.fullmatch(r"word/(?:header|footer)\d*\.xml", n)]
            shown = [n for n in margins if _TEXT.search(zf.read(n)) or b"<a:blip" in zf.read(n)]
            if shown:
                notes.append("Word 文件的页眉、页脚没有导入（网页不显示页眉页脚）：其中的文字或图片（如单位标志）"
                             "如果需要，请写进正文或作为图片插入"
                             + ("；其中的文字留在文章开头的注释中（网页上不显示），已和正文一起检查，核对后删除这条注释"
                                if margin_text(zf) else ""))
    except (zipfile.BadZipFile, OSError, KeyError):
        return notes
    return notes


_PARAGRAPH = re.compile(rb"<w:p[ >].*?</w:p>", re.DOTALL)
_WATERMARK = re.compile(rb'<v:textpath\b[^>]*?\sstring="([^"]+)"')  # 机密, 内部资料 written across the page
_PAGE_NUMBER = re.compile(r"[\s\d\-—－–第页共/／.·]*|(?i:page\s*\d*\s*(?:of\s*\d*)?)")


def margin_text(zf: zipfile.ZipFile) -> list[str]:
    """The text of the Word file's headers and footers (and watermarks, which Word keeps there),
    one entry per paragraph, without repeats and without page numbers: a 密级, 内部资料 or a
    contact's mobile number lives there as often as in the body, and the article leaves it out."""
    out: list[str] = []
    parts = [n for n in zf.namelist() if re.fullmatch(r"word/(?:header|footer)\d*\.xml", n)]
    for name in sorted(parts, key=lambda n: (n.startswith("word/footer"), n)):  # headers first
        xml = zf.read(name)
        found = [b"".join(_TEXT.findall(p)) for p in _PARAGRAPH.findall(xml)] + _WATERMARK.findall(xml)
        for raw in found:
            text = re.sub(r"\s+", " ", html.unescape(raw.decode("utf-8", "replace"))).strip()
            if text and not _PAGE_NUMBER.fullmatch(text) and text not in out:
                out.append(text)
    return out


def margin_comment(data: bytes) -> str:
    """The headers' and footers' text as an HTML comment for the top of the article: the content
    checks read comments (a 密级 there is found as anywhere), the site and the channels drop them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            texts = margin_text(zf)
    except (zipfile.BadZipFile, OSError, KeyError):
        return ""
    if not texts:
        return ""
    joined = "；".join(texts).replace("--", "- -")
    return f"<!-- Word 页眉页脚中的文字（网页上不显示，核对后删除这条注释）：{joined} -->\n\n"


def _core_properties(data: bytes) -> dict[str, str]:
    """title and creator from docProps/core.xml, when the author filled them in."""
    out: dict[str, str] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("docProps/core.xml").decode("utf-8")
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return out
    for tag, key in (("dc:title", "title"), ("dc:creator", "author")):
        m = re.search(rf"<{tag}>([^<]+)</{tag}>", xml)
        if m and m.group(1).strip():
            out[key] = m.group(1).strip()
    return out


def _create(path: Path, data: bytes, written: list[Path]) -> Path:
    """A new file in the import's staging folder, whole or not at all (a killed import left a
    picture cut short)."""
    from govpub.fsutil import write_atomic

    write_atomic(path, data, new=True)
    written.append(path)
    return path


def _save_image(raw: bytes, content_type: str, target: Path, lim: images.Limits, written: list[Path]) -> Path:
    """Write an image beside the article without its metadata, reduced (images.web_bytes) when
    its long side is over resize_side or it is over max_bytes; BMP and TIFF become JPG or PNG."""
    from PIL import Image, UnidentifiedImageError

    ext = EXTENSIONS.get(content_type)
    try:
        image = Image.open(io.BytesIO(raw))
        if ext is None:  # not a raster type (SVG...): nothing but a picture PIL knows is saved
            raise UnidentifiedImageError(content_type)
        image.load()  # a truncated picture fails here, not on the page
        too_big = max(image.size) > lim.resize_side or len(raw) > lim.max_bytes
    except Image.DecompressionBombError:
        raise BadPicture("尺寸过大（像素数超过安全上限）",
                         "在 Word 中选中图片，用“图片格式→压缩图片”缩小，或换一张图片，再导入") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        if ext in METAFILES:  # Pillow draws them only on Windows (ImageWin): elsewhere they stay refused
            raise BadPicture(
                "是 Windows 图元文件（EMF/WMF，从 Visio、Excel 图表或 PowerPoint 复制粘贴的图常是这种格式），"
                "网页和公众号都不能显示，本机也无法转换",
                "在 Word 中右键点击这张图片，选“另存为图片”，保存类型选“PNG 可移植网络图形”；删除原图，"
                "用“插入→图片”插入刚保存的 PNG（或剪切原图后用“选择性粘贴→图片(PNG)”粘贴回原处），保存后再导入") from None
        raise BadPicture(f"无法读取（{content_type}，不是 JPG、PNG、GIF 图片，或已损坏）",
                         "在 Word 中删除这张图片，把原图另存为 JPG 或 PNG 后重新插入，再导入") from None
    if too_big or ext in (".bmp", ".tif") or ext in METAFILES:
        # a metafile (a diagram: lines and text) where Pillow can draw it becomes a PNG, never a JPG
        opaque = image.mode not in ("RGBA", "LA", "P", "PA") and ext not in METAFILES
        path = target.with_suffix(".jpg" if opaque else ".png")
        return _create(path, images.web_bytes(image, "JPEG" if opaque else "PNG", lim), written)
    return _create(target.with_suffix(ext), assets.strip_metadata(raw), written)


class BadPicture(Exception):
    def __init__(self, what: str, hint: str) -> None:
        super().__init__(what)
        self.what = what
        self.hint = hint


# Word's paragraph alignment, kept where it carries meaning (mammoth drops it): a centred first
# paragraph is the title, a right-aligned one a signature or date line, shown right-aligned on the
# site through attr_list and the govpub-right class of overrides/assets/govpub/govpub.css.
TITLE_STYLE = "govpub-title"
RIGHT_STYLE = "govpub-right"
RIGHT_CLASS = "govpub-right"
STYLE_MAP = f"p[style-name='{TITLE_STYLE}'] => h1:fresh\np[style-name='{RIGHT_STYLE}'] => p.{RIGHT_CLASS}:fresh"
CAPTION_STYLES = {"caption", "题注"}
CAPTION_MAX = 60  # characters: a centred line this short under a picture is its caption
TITLE_MAX = 80


def _text(element: Any) -> str:  # a mammoth document element (mammoth ships no types)
    from mammoth import documents, transforms

    return "".join(t.value for t in transforms.get_descendants_of_type(element, documents.Text)).strip()


def _images(element: Any) -> list[Any]:
    from mammoth import documents, transforms

    return list(transforms.get_descendants_of_type(element, documents.Image))


def _is_caption(paragraph: Any) -> bool:
    text = _text(paragraph)
    if not text or _images(paragraph):
        return False
    styled = (paragraph.style_name or "").strip().lower() in CAPTION_STYLES
    return styled or (paragraph.alignment == "center" and len(text) <= CAPTION_MAX)


def _body_style(paragraph: Any) -> bool:
    """A paragraph in body text style, not a heading, title or caption that has its own mapping."""
    name = (paragraph.style_name or "").strip().lower()
    return not re.match(r"heading|title|subtitle|caption|标题|题注", name)


def _unbold(element: Any) -> Any:
    from mammoth import documents, transforms

    return transforms.run(lambda r: r.copy(is_bold=False, is_italic=False, is_underline=False))(element) \
        if isinstance(element, documents.HasChildren) else element


def _run_look(paragraph: Any) -> tuple[bool, Any]:
    """Bold and size of a paragraph's first run with text: two lines of one title look alike."""
    from mammoth import documents, transforms

    for run in transforms.get_descendants_of_type(paragraph, documents.Run):
        if _text(run):
            return bool(run.is_bold), run.font_size
    return (False, None)


# A centred line under the title that is not its second half: a subtitle (——记…), a date or a number.
_NOT_TITLE_TAIL = re.compile(r"^(?:[—―－-]|[（(].*[)）]$|\d{4}\s*年|.*〔\d{4}〕)")


def _title_line(par: Any) -> bool:
    return (par.alignment == "center" and _body_style(par) and not par.numbering
            and not _images(par) and bool(_text(par)))


def _prepare(document: Any) -> Any:  # mammoth's transform_document hook
    """Word's layout that mammoth would lose: a centred first paragraph becomes the title (without
    bold; a title typed over two centred lines of the same look is joined), right-aligned paragraphs
    stay right-aligned, a picture's caption (the line under it, else the line above) becomes its alt text."""
    from mammoth import documents

    children: list[Any] = [c for c in document.children if not _in_contents(c)]
    paragraphs = [i for i, c in enumerate(children) if isinstance(c, documents.Paragraph) and (_text(c) or _images(c))]
    if paragraphs:
        _mark_title(children, paragraphs)
    used: set[int] = set()
    for n, i in enumerate(paragraphs):
        par = children[i]
        if par.alignment in ("right", "end") and _body_style(par):
            children[i] = par.copy(style_name=RIGHT_STYLE, style_id=None)
        _caption_as_alt(children, paragraphs, n, used)
    return document.copy(children=[c for c in children if c is not None])


# Word's and WPS's table of contents: its lines carry the styles "toc 1".."toc 9" (目录 1 in some
# Chinese templates) and its heading "TOC Heading" (目录标题). A web page has no page numbers: the
# lines ("一、活动概况 ...... 1") are left out, and the drafter told.
_CONTENTS_STYLE = re.compile(r"(?i)\s*(?:toc|目录)\s*(?:\d|heading|标题)\s*")


def _in_contents(element: Any) -> bool:
    from mammoth import documents

    return isinstance(element, documents.Paragraph) and bool(_CONTENTS_STYLE.fullmatch(element.style_name or ""))


def contents_lines(data: bytes) -> int:
    """How many lines of a table of contents the Word file has (they are not imported)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            styles = zf.read("word/styles.xml") if "word/styles.xml" in zf.namelist() else b""
            document = zf.read("word/document.xml")
    except (zipfile.BadZipFile, OSError, KeyError):
        return 0
    ids = {m.group(1) for m in re.finditer(rb'<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>\s*<w:name w:val="([^"]+)"', styles)
           if _CONTENTS_STYLE.fullmatch(m.group(2).decode("utf-8", "replace"))}
    return sum(len(re.findall(rb'<w:pStyle w:val="' + re.escape(i) + rb'"/>', document)) for i in ids)


def _mark_title(children: list[Any], paragraphs: list[int]) -> None:
    """The first paragraph of text (a picture above it, such as a banner, stays where it is), when
    centred and short, becomes the title (a second centred line of the same look that continues
    it is joined to it and removed)."""
    k = next((n for n, i in enumerate(paragraphs) if _text(children[i])), None)
    if k is None:
        return
    i = paragraphs[k]
    first = children[i]
    if not (_title_line(first) and len(_text(first)) <= TITLE_MAX):
        return
    if len(paragraphs) > k + 1 and _continues_title(first, children[paragraphs[k + 1]]):
        j = paragraphs[k + 1]
        first = first.copy(children=[*first.children, *children[j].children])
        children[j] = None
        paragraphs.remove(j)
    children[i] = _unbold(first).copy(style_name=TITLE_STYLE, style_id=None)


def _continues_title(first: Any, second: Any) -> bool:
    return (_title_line(second) and _run_look(second) == _run_look(first)
            and not re.search(r"[。！？；：]$", _text(first)) and not _NOT_TITLE_TAIL.match(_text(second))
            and len(_text(first)) + len(_text(second)) <= TITLE_MAX)


def _caption_as_alt(children: list[Any], paragraphs: list[int], n: int, used: set[int]) -> None:
    """A picture-only paragraph takes its caption (the line under it, else above) as alt text,
    unless the author wrote one (Word's machine description does not count)."""
    pictures = _images(children[paragraphs[n]])
    if not pictures or _text(children[paragraphs[n]]):
        return
    below = [paragraphs[n + 1]] if n + 1 < len(paragraphs) else []
    above = [paragraphs[n - 1]] if n > 0 else []
    found = next((j for j in below + above if j not in used and children[j].style_name != TITLE_STYLE
                  and _is_caption(children[j])), None)
    if found is None:
        return
    used.add(found)
    for image in pictures:
        if not image.alt_text or "自动生成" in image.alt_text:  # Word's machine description
            image.alt_text = _text(children[found])


def _plain_title(text: str) -> str:
    """A title as text: no emphasis marks or escapes that the Markdown conversion added."""
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\\*])\*(\S(?:.*?\S)?)\*", r"\1", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text).strip()


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")  # where Markdown would read raw HTML (a tag, a comment)


def _converter() -> MarkdownConverter:
    from markdownify import MarkdownConverter

    class Converter(MarkdownConverter):
        def convert_p(self, el: Any, text: str, parent_tags: set[str]) -> str:
            md = str(super().convert_p(el, text, parent_tags))  # type: ignore[misc]  # the stub omits convert_*
            if RIGHT_CLASS in (el.get("class") or []) and "_inline" not in parent_tags and md.strip():
                return "\n\n" + md.strip("\n") + f"\n{{: .{RIGHT_CLASS} }}\n\n"
            return md

        def escape(self, text: str, parent_tags: set[str]) -> str:
            # What Word shows as text stays text: <script> or <img onerror=…> typed or pasted into
            # the draft became raw HTML in the article, and [点我](javascript:…) a link.
            text = str(super().escape(text, parent_tags))  # type: ignore[misc]
            return _TAG_START.sub("&lt;", text).replace("](", "\\](")

    # a picture in a table cell stays a picture (markdownify writes only its alt text there by default)
    return Converter(heading_style="ATX", bullets="-", strip=["span"], table_infer_header=True,
                     keep_inline_images_in=["td", "th", "p"])


def _to_markdown(html: str) -> str:
    md = str(_converter().convert(html))
    # footnotes and endnotes: mammoth links them by ids that the Markdown does not keep (the
    # links would lead nowhere): the mark stays as text, the note in the numbered list at the end
    md = re.sub(r"\[\[(\d+)\]\]\(#(?:footnote|endnote)-\d+\)", r"\\[\1\\]", md)
    md = re.sub(r"[ \t]*\[↑\]\(#(?:footnote|endnote)-ref-\d+\)", "", md)
    md = re.sub(r"[ \t]+\n", "\n", md)
    md = re.sub(r"\n{3,}", "\n\n", md)
    if re.search(r"^# ", md, re.MULTILINE):  # the page title is the h1: sections start at ##
        md = re.sub(r"^(#{1,5}) ", r"#\1 ", md, flags=re.MULTILINE)
    return md.strip() + "\n"


def _column_of(policy: Policy, source: Path) -> str | None:
    """The column of a .docx already inside content/<column>/ (uploaded through the forge's web page)."""
    try:
        parts = source.resolve().relative_to(policy.root.resolve() / "content").parts
    except ValueError:
        return None
    return parts[0] if len(parts) > 1 else None


# Word's "author" when nobody filled it in: the computer's or the software's default user name
# A title property Word, WPS or a converter fills in by itself: not the drafter's title.
_GENERIC_TITLE = re.compile(r"(?i)\s*(?:microsoft word\s*-.*|document\d*|文档\d*|标题|title|无标题|untitled|"
                            r"新建\s*(?:microsoft word|docx?)?\s*文档.*|wps\s*文字.*|\s*)\s*")
_GENERIC_CREATOR = re.compile(r"(?i)\s*(?:administrator|admin|user|owner|guest|dell|lenovo|hp|asus|acer|huawei|"
                              r"microsoft(?: office)?(?: user)?|windows(?: user| 用户)?|微软用户|微软中国|"
                              r"用户|wps|unknown|未知|作者)\s*")


@dataclass
class Imported:
    path: Path  # the new article
    pictures: int  # images saved beside it
    missing_alt: bool  # some picture has neither alt text nor a caption in Word
    notes: tuple[str, ...] = ()  # what the import changed that the drafter should check


def import_docx(policy: Policy, source: Path, *, column: str | None = None, title: str | None = None,
                department: str | None = None, author: str | None = None, date: str | None = None,
                channels: str = "website", slug: str | None = None) -> Imported:
    """Convert `source` into a new article under content/<column>/<year>/ (never overwriting
    one); the arguments left None come from the document, the column's registry entry, git or
    the clock. Raises UsageError with what to do."""
    data = _open_docx(source)
    column = column or _column_of(policy, source)
    col = resolve_column(policy, column)
    assert column is not None  # resolve_column refuses None
    props = _core_properties(data)
    date = validate_date(date or now_minute())
    platforms = parse_channels(policy, channels)
    body, pictures = _convert(data, source)
    notes = []
    body, doc_number, header = _red_header(body)
    if header:
        notes.append(f"去掉了红头文件的版头（{'、'.join(header)}）" + (f"，文号 {doc_number} 写入 doc_number" if doc_number else "")
                     + "：网站只发布正文，请核对标题")
    notes.extend(left_out(data))
    toc = contents_lines(data)
    if toc:
        notes.append(f"Word 文件中的目录（{toc} 行）没有导入：网页没有页码，读者按小标题阅读；需要目录时请在正文中列出小标题")
    if _has_review(data):
        notes.append("Word 文件中还有修订记录或批注：导入时按“接受所有修订”处理，删除的文字和批注都没有导入，"
                     "请对照 Word 核对正文（以后请先在 Word 中“接受所有修订”、删除批注再导入）")
    stored = props.get("title")  # docProps' title: often a template's or an earlier draft's
    if stored and _GENERIC_TITLE.fullmatch(stored):
        stored = None
    body, title, from_stored = _title_of(body, title, source, stored)
    if from_stored:
        notes.append(f"标题“{title}”取自 Word 文件属性中的“标题”（文档中没有居中的标题行）："
                     "它可能是模板或旧稿留下的，请核对，必要时用 --title 指定")
    creator = props.get("author")
    if creator and not author and _GENERIC_CREATOR.fullmatch(creator):
        notes.append(f"Word 文件的作者是“{creator}”（电脑或软件的默认用户名，不是拟稿人），没有采用："
                     "拟稿人取自 git 的 user.name 或 --author，请核对 front matter 中的 author")
        creator = None
    author = author or creator or git_user(policy.root)
    if not author:
        raise UsageError("没有拟稿人", hint="用 --author 指定拟稿人")
    department = department or str(col["department"])
    check_department(policy, department, column)
    fields: dict[str, object] = {"title": title, "column": column, "department": department,
              "author": author, "date": date, "channels": platforms}
    if doc_number:
        fields["doc_number"] = doc_number
    front_matter(fields)  # a refused value (a title of spaces) before anything is written
    body = margin_comment(data) + body
    path, removed = _write(policy.root, fields, slug or slug_from_title(title), body, pictures,
                           images.limits(policy), source)
    hidden = hidden_text(data)
    if hidden:  # where they are, not what they say (they may be a number the output must not repeat)
        written = front_matter(fields) + "\n" + body
        lines = sorted({written.count("\n", 0, at) + 1 for h in hidden for at in [written.find(h)] if at >= 0})
        where = f"（第 {'、'.join(map(str, lines[:10]))} 行）" if lines else ""
        notes.append(f"Word 文件中有 {len(hidden)} 处隐藏文字（字体设为“隐藏”，Word 中通常看不见），导入后是文章中看得见的文字"
                     f"{where}：不该发布的请在文章中删去")
    if removed:
        notes.insert(0, f"删除了上次被中断的导入留下的 {len(removed)} 个文件（{'、'.join(removed)}）：那次导入没有完成，"
                        "文章没有写入，这次已完整导入")
    return Imported(path, len(pictures), any(not alt for _, _, alt in pictures), tuple(notes))


# A red-header document (红头文件) as Word holds it: the issuer's name ending in 文件 (or a
# bulletin's name), the document number (文号) with or without the signer, above the real title.
_HEADER_LINE = re.compile(r"^[\u4e00-\u9fff（）()、\s]{2,40}(?:文件|简报|通报|快报|工作动态)$")
_NUMBER_LINE = re.compile(r"^(?:签发人[:：]\s*\S{2,4}\s*)?([\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号)"
                          r"(?:\s*签发人[:：]\s*\S{2,4})?$")


def _red_header(body: str) -> tuple[str, str | None, list[str]]:
    """(body without the red header, the 文号 written as GB/T 9704 writes it, the header lines
    removed). Only lines at the very start, before any other text, are a header."""
    blocks = body.split("\n\n")
    removed: list[str] = []
    number = None
    while blocks and len(removed) < 4:
        line = _plain_title(blocks[0].strip().lstrip("#").strip()).replace("\u3000", " ")
        m = _NUMBER_LINE.match(line)
        if m and number is None:
            number = re.sub(r"[\[［(（]", "〔", re.sub(r"[\]］)）]", "〕", re.sub(r"\s", "", m.group(1))))
        elif not _HEADER_LINE.match(line) or number is not None:
            break
        removed.append(line)
        blocks.pop(0)
    if not removed or not blocks or (number is None and len(removed) == len(body.split("\n\n"))):
        return body, None, []
    return "\n\n".join(blocks).lstrip("\n"), number, removed


_TRACKED = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo)\b")
_RUN = re.compile(rb"<w:r[ >](?:(?!</w:r>).)*?</w:r>", re.DOTALL)
_VANISH = re.compile(rb'<w:rPr>(?:(?!</w:rPr>).)*?<w:vanish(?: w:val="(?:true|1|on)")?\s*/>', re.DOTALL)


def _has_review(data: bytes) -> bool:
    """Tracked changes or comments still in the draft (mammoth accepts the one, drops the other)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = assets.review_parts(zf)
            return any(not p.endswith("document.xml") or _TRACKED.search(zf.read(p)) for p in parts)
    except (zipfile.BadZipFile, OSError):
        return False


def hidden_text(data: bytes) -> list[str]:
    """The text of the runs Word shows only with “显示隐藏文字” on (font set to hidden): mammoth
    imports it as ordinary text, so it would be on the page."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            document = zf.read("word/document.xml")
    except (zipfile.BadZipFile, OSError, KeyError):
        return []
    if b"<w:vanish" not in document:
        return []
    out: list[str] = []
    for run in _RUN.findall(document):
        if _VANISH.search(run):
            text = html.unescape(b"".join(_TEXT.findall(run)).decode("utf-8", "replace")).strip()
            if text and text not in out:
                out.append(text)
    return out


# Word's automatic numbering that a Markdown list cannot show: 一、 （一） 第1条 ① 1、 (1) ... A
# Markdown ordered list writes only "1." and joins consecutive lists, so a 一、二、 list under a 1. 2.
# list came out as 4. 5. The number Word shows becomes the paragraph's text; plain "1." lists and
# bullets stay lists.
_CN_DIGITS = "零一二三四五六七八九"
_FORMATS: dict[str, str] = {
    "ideographTraditional": "甲乙丙丁戊己庚辛壬癸", "ideographZodiac": "子丑寅卯辰巳午未申酉戌亥",
    "decimalEnclosedCircle": "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", "decimalEnclosedCircleChinese": "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳",
}


def _chinese(n: int, digits: str = _CN_DIGITS, ten: str = "十") -> str:
    if n < 10:
        return digits[n]
    if n < 100:
        return ("" if n // 10 == 1 and ten == "十" else digits[n // 10]) + ten + (digits[n % 10] if n % 10 else "")
    return str(n)


def _label(fmt: str, n: int) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "japaneseCounting"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, "零壹贰叁肆伍陆柒捌玖", "拾")
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in _FORMATS:
        return _FORMATS[fmt][(n - 1) % len(_FORMATS[fmt])]
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        out, rest = "", n
        for value, sign in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while rest >= value:
                out, rest = out + sign, rest - value
        return out if fmt == "upperRoman" else out.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


_ATTR = r'\bw:{}="([^"]*)"'


def _levels(numbering: bytes) -> dict[str, dict[int, tuple[str, str, int]]]:
    """numId -> level -> (numFmt, lvlText, start) from word/numbering.xml."""
    text = numbering.decode("utf-8", "replace")
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for m in re.finditer(r"<w:abstractNum\b[^>]*>(.*?)</w:abstractNum>", text, re.DOTALL):
        aid = re.search(_ATTR.format("abstractNumId"), m.group(0))
        levels: dict[int, tuple[str, str, int]] = {}
        for lvl in re.finditer(r"<w:lvl\b([^>]*)>(.*?)</w:lvl>", m.group(1), re.DOTALL):
            ilvl = re.search(_ATTR.format("ilvl"), lvl.group(1))
            fmt = re.search(r"<w:numFmt\b[^>]*?" + _ATTR.format("val"), lvl.group(2))
            shown = re.search(r"<w:lvlText\b[^>]*?" + _ATTR.format("val"), lvl.group(2))
            start = re.search(r"<w:start\b[^>]*?" + _ATTR.format("val"), lvl.group(2))
            suffix = re.search(r"<w:suff\b[^>]*?" + _ATTR.format("val"), lvl.group(2))
            template = html.unescape(shown.group(1)) if shown else ""
            if template and not (suffix and suffix.group(1) == "nothing") and not re.search(r"[、．.）)：:，]$", template):
                template += "\u3000"  # Word's tab (or space) after 第一条, ①: a full-width space in Chinese text
            if ilvl and ilvl.group(1).isdigit():
                levels[int(ilvl.group(1))] = (fmt.group(1) if fmt else "decimal", template,
                                              int(start.group(1)) if start and start.group(1).isdigit() else 1)
        if aid:
            abstract[aid.group(1)] = levels
    out: dict[str, dict[int, tuple[str, str, int]]] = {}
    for m in re.finditer(r"<w:num\b([^>]*)>(.*?)</w:num>", text, re.DOTALL):
        nid = re.search(_ATTR.format("numId"), m.group(1))
        aid = re.search(r"<w:abstractNumId\b[^>]*?" + _ATTR.format("val"), m.group(2))
        if nid and aid and aid.group(1) in abstract:
            out[nid.group(1)] = abstract[aid.group(1)]
    return out


def _as_list(fmt: str, shown: str, level: int) -> bool:
    """A level a Markdown list shows as Word does: bullets, and "1." numbers."""
    return fmt == "bullet" or (fmt == "decimal" and shown == f"%{level + 1}.")


def _shown(template: str, defs: dict[int, tuple[str, str, int]], count: list[int]) -> str:
    """Word's lvlText (“（%2）”, “%1.%2”) with each %N as level N-1's number in its format."""
    def one(m: re.Match[str]) -> str:
        level = int(m.group(1)) - 1
        return _label(defs.get(level, ("decimal", "", 1))[0], max(count[level], 1))

    return re.sub(r"%([1-9])", one, template)


_PPR = re.compile(rb"<w:pPr>(.*?)</w:pPr>", re.DOTALL)
_NUMPR = re.compile(rb"<w:numPr>(.*?)</w:numPr>", re.DOTALL)
_PSTYLE = re.compile(rb'<w:pStyle w:val="([^"]+)"')
_NO_NUMBERING = b'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'  # Word's “no numbering”


def _style_numbering(styles: bytes) -> dict[bytes, tuple[bytes, int]]:
    """styleId -> (numId, level) for the paragraph styles that number their paragraphs themselves
    (a 规范性文件's “第一章”, “第一条” headings are often numbered by their style)."""
    out: dict[bytes, tuple[bytes, int]] = {}
    for m in re.finditer(rb'<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>(.*?)</w:style>', styles, re.DOTALL):
        num = _NUMPR.search(m.group(2))
        nid = re.search(rb'<w:numId w:val="(\d+)"', num.group(1)) if num else None
        if num and nid:
            ilvl = re.search(rb'<w:ilvl w:val="(\d+)"', num.group(1))
            out[m.group(1)] = (nid.group(1), int(ilvl.group(1)) if ilvl else 0)
    return out


def numbering_as_text(data: bytes) -> bytes:
    """The .docx with every automatically numbered paragraph whose number a Markdown list cannot
    show (一、 （一） 第一条 ① 1、 ...) given that number as text, as Word shows it, and its
    numbering turned off; unchanged when there is none. Numbering by a paragraph's own setting or
    by its style; one count per list definition, a deeper level restarting under a new item."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "word/numbering.xml" not in zf.namelist():
                return data
            levels = _levels(zf.read("word/numbering.xml"))
            styled = _style_numbering(zf.read("word/styles.xml")) if "word/styles.xml" in zf.namelist() else {}
            document = zf.read("word/document.xml")
            items = [(i.filename, i) for i in zf.infolist()]
            parts = {name: zf.read(name) for name, _ in items}
    except (zipfile.BadZipFile, OSError, KeyError):
        return data
    counters: dict[int, list[int]] = {}
    out: list[bytes] = []
    pos = 0
    for m in _PPR.finditer(document):
        props = m.group(1)
        own = _NUMPR.search(props)
        style = _PSTYLE.search(props)
        if own:
            nid = re.search(rb'<w:numId w:val="(\d+)"', own.group(1))
            ilvl = re.search(rb'<w:ilvl w:val="(\d+)"', own.group(1))
            num, level = (nid.group(1) if nid else b""), (int(ilvl.group(1)) if ilvl else 0)
            if style and not ilvl and style.group(1) in styled:
                level = styled[style.group(1)][1]
        elif style and style.group(1) in styled:
            num, level = styled[style.group(1)]
        else:
            continue
        defs = levels.get(num.decode())
        if not defs or level not in defs or level >= 10:
            continue
        count = counters.setdefault(id(defs), [0] * 10)
        count[level] = (count[level] or defs[level][2] - 1) + 1
        for deeper in range(level + 1, len(count)):
            count[deeper] = 0
        fmt, shown, _ = defs[level]
        if _as_list(fmt, shown, level):
            continue
        label = _shown(shown, defs, count)
        props = props[:own.start()] + _NO_NUMBERING + props[own.end():] if own else _NO_NUMBERING + props
        run = f'<w:r><w:t xml:space="preserve">{html.escape(label, quote=False)}</w:t></w:r>'.encode()
        out += [document[pos:m.start()], b"<w:pPr>", props, b"</w:pPr>", run]
        pos = m.end()
    if not out:
        return data
    out.append(document[pos:])
    parts["word/document.xml"] = b"".join(out)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, info in items:
            zout.writestr(info, parts[name])
    return buffer.getvalue()


def _convert(data: bytes, source: Path) -> tuple[str, list[tuple[bytes, str, str]]]:
    """The document as Markdown (images as govpub-image-N) and its pictures (bytes, type, alt)."""
    import mammoth

    pictures: list[tuple[bytes, str, str]] = []

    def collect(image: Any) -> dict[str, str]:  # mammoth's image object
        with image.open() as fh:
            pictures.append((fh.read(), image.content_type, image.alt_text or ""))
        return {"src": f"govpub-image-{len(pictures)}", "alt": image.alt_text or ""}

    try:
        result = mammoth.convert_to_html(io.BytesIO(numbering_as_text(data)), convert_image=mammoth.images.img_element(collect),
                                         style_map=STYLE_MAP, transform_document=_prepare)
    except Exception:  # noqa: BLE001 - mammoth raises many kinds on a broken file
        raise UsageError("无法读取 Word 文件：压缩包中没有 Word 正文（word/document.xml），或内容已损坏",
                         path=str(source), hint="在 Word 或 WPS 中打开，另存为 .docx 后再导入") from None
    return _to_markdown(str(result.value)), pictures


# Lines of nothing but pictures (a banner or a photo above the title): never the title.
_PICTURE_LINES = re.compile(r"(?:(?:!\[[^\]\n]*\]\(govpub-image-\d+\)[ \t]*)+\n+)*")
_FIRST_LINE = re.compile(r"#+ (.+)\n|(.+)\n")


def _title_of(body: str, given: str | None, source: Path, stored: str | None = None) -> tuple[str, str, bool]:
    """(body, title, whether the title is the stored one): the given title, else the title line
    the drafter sees in the document (a heading), else the title stored in the file's properties,
    else the first line of text. That line, when it is the title, is shown by the page and leaves
    the body (pictures above it stay). The stored title came first and was often a template's or an
    earlier draft's (Microsoft Word - 模板.docx, last year's notice): it became the title without a word
    and the real one a subheading. A draft that opens with a picture made the picture's placeholder
    the title and lost the picture."""
    lead = _PICTURE_LINES.match(body)
    first = _FIRST_LINE.match(body, lead.end() if lead else 0)
    first_text = _plain_title(first.group(1) or first.group(2)) if first else ""
    use_stored = not given and bool(stored) and not (first and first.group(1)) and _plain_title(stored or "") != first_text
    title = _plain_title(given or (stored if use_stored else None) or first_text)
    if not title:
        raise UsageError("文档没有标题", path=str(source), hint="用 --title 指定标题")
    if first and first_text == title:
        body = body[:first.start()] + body[first.end():].lstrip("\n")
    return body, title, use_stored and bool(stored)


STAGING_SUFFIX = ".import.tmp"  # a hidden folder beside the article (.*.tmp: git ignores it, check skips it)


def _write(root: Path, fields: dict[str, Any], slug: str, body: str, pictures: list[tuple[bytes, str, str]],
           lim: images.Limits, source: Path) -> tuple[Path, list[str]]:
    """The article and its pictures, together or not at all; returns the article and the names of
    the files an earlier, killed import had left in the folder and this one removed. The twin test
    and the choice of a free name are made under the folder's lock: two imports of the same draft
    at once give one article and a clear refusal, not two articles or a clash of picture names.

    Everything is written first into a hidden staging folder beside the article; then, under the
    folder's lock, each picture and last the article are hard-linked into place (never over an
    existing file) and the staging folder is removed. A failure removes what this import put in
    place. A SIGKILL between two links (pictures there, no article) leaves the staging folder:
    the next import into the folder (the rerun) sees it and removes the pictures it holds, which
    are the same files (same inode), so nothing of anyone else is touched."""
    import shutil
    import tempfile

    from govpub.content.scaffold import folder_lock

    path = article_path(root, str(fields["column"]), str(fields["date"]), slug)
    folder = path.parent
    with folder_lock(folder):
        removed = undo_interrupted(folder)
        refuse_twin(root, fields)
        path = article_path(root, str(fields["column"]), str(fields["date"]), slug)
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=f".{path.stem[:32]}.", suffix=STAGING_SUFFIX))
        placed: list[Path] = []
        try:
            staged: list[Path] = []
            for i, (raw, content_type, _) in enumerate(pictures, 1):
                try:
                    saved = _save_image(raw, content_type, staging / f"{path.stem}-{i}", lim, staged)
                except BadPicture as exc:
                    raise UsageError(f"Word 文件中第 {i} 张图片{exc.what}", path=str(source), hint=exc.hint) from None
                body = body.replace(f"govpub-image-{i})", f"{saved.name})")
            # the article last, staged under a name no article search reads (*.md)
            _create(staging / (path.name + ".part"), (front_matter(fields) + "\n" + body).encode("utf-8"), staged)
            for file in staged:
                final = folder / file.name.removesuffix(".part")
                try:
                    os.link(file, final)
                except FileExistsError:
                    what = "文章" if final.suffix == ".md" else "图片"
                    raise UsageError(f"文章旁边已有同名{what}，导入不会覆盖它", path=str(final),
                                     hint=f"用 --slug 给文章换一个文件名，或先移走这个{what}") from None
                placed.append(final)
            _sync_folder(folder)
            return path, removed
        except BaseException:
            for p in placed:  # nothing half-written: remove what this import put in place
                p.unlink(missing_ok=True)
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def undo_interrupted(folder: Path) -> list[str]:
    """Remove what a killed import left in folder: its staging folder, and the pictures it had
    already put in place when its article never got there (same inode as the staged copy).
    Returns the names removed from the folder. Call with the folder's lock held."""
    import shutil

    removed: list[str] = []
    for staging in sorted(folder.glob(f".*{STAGING_SUFFIX}")):
        if staging.is_symlink() or not staging.is_dir():
            continue
        files = [f for f in staging.iterdir() if f.is_file() and not f.is_symlink()]
        article = next((f for f in files if f.name.endswith(".md.part")), None)
        finished = article is not None and _same_file(article, folder / article.name.removesuffix(".part"))
        if not finished:
            for file in files:
                final = folder / file.name.removesuffix(".part")
                if _same_file(file, final):
                    final.unlink()
                    removed.append(final.name)
        shutil.rmtree(staging, ignore_errors=True)
    return removed


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b) and not b.is_symlink()
    except OSError:
        return False


def _sync_folder(path: Path) -> None:
    """fsync a folder (its entries: the links just made), where the system allows it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
