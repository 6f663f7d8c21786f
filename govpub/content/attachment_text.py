"""The text readers get from an attachment, for the content rules (Art. 5, 6, 7: an attachment is
published information, its text must pass the rules the article passes).

`load(path, rel)` gives an `AttachmentText`: an Article whose text is what a reader's program
shows, and whose findings say where (line, row, page, slide, header or footer). What is read:
- .txt, .csv: the bytes as articles are decoded (UTF-8, BOM, GBK/GB18030, Big5, UTF-16);
  the finding's line is the file's line.
- .docx: body, headers, footers, footnotes, endnotes, comments, text boxes, field codes (a
  HYPERLINK's address), SmartArt and chart text, link addresses, an embedded workbook or document.
- .xlsx: every sheet, hidden ones too, shared strings, inline strings and numbers (an ID or
  mobile number typed as a number is still one), hidden rows and columns, sheet headers/footers,
  sheet names, chart text, embedded documents, link addresses;
  the finding's line is the row.
- .pptx: slides and speaker notes (and as for .docx: charts, embedded files, links); the line is the slide.
- .pdf: the text layer of every page (pypdfium2); the line is the page. A scan has no text
  layer: nothing is read (no OCR).
- .ofd: the TextCode of every page; the line is the page.
- .zip: each member of those types, named in the finding.
Pictures are not read (no OCR). The XML is read with regular expressions, never parsed with
entity expansion (no XML bomb). At most MAX_CHARS characters of one file are checked: a huge
spreadsheet must not stall the commit; the rest is named by a meta.attachment-text warning.
Nothing heavy is imported until a file of such a type is read."""

from __future__ import annotations

import bisect
import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govpub.content.article import Article
from govpub.findings import Hit

TEXT_SUFFIXES = frozenset({".txt", ".csv"})
SUFFIXES = TEXT_SUFFIXES | frozenset({".docx", ".xlsx", ".pptx", ".pdf", ".ofd", ".zip"})
MAX_CHARS = 200_000  # characters of one attachment checked (1 MB of CSV is about 600 000)
_MAX_READ = 4 * MAX_CHARS  # bytes of a text file read: enough for MAX_CHARS characters in any encoding
_MAX_PART = 64 * 1024 * 1024  # an XML part larger than this unpacked is not read (a zip bomb)

# the text runs and paragraph ends of Word (w:) and DrawingML (a:, PowerPoint and text boxes), read
# as a stream: a paragraph inside a paragraph (a text box) loses nothing
_W_TOKEN = re.compile(rb"<w:(?:t|instrText)(?:\s[^>]*)?>([^<]*)</w:(?:t|instrText)>|<w:(tab|br|cr)\b[^>]*/>|</w:p>")
_A_TOKEN = re.compile(rb"<a:t(?:\s[^>]*)?>([^<]*)</a:t>|<a:(br)\b[^>]*/>|</a:p>")
_EXTERNAL = re.compile(rb'<Relationship\b[^>]*\bTargetMode="External"[^>]*>')
_ROW = re.compile(rb"<row\b([^>]*)>(.*?)</row>", re.S)
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_CELL_TYPE = re.compile(rb'\bt="(\w+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_SI = re.compile(rb"<si>(.*?)</si>|<si/>", re.S)
_T = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")
_SHEET = re.compile(rb"<sheet\b[^>]*>")
_ATTR = re.compile(rb'\b(name|r:id|Id|Target)="([^"]*)"')
_HEADER_FOOTER = re.compile(rb"<(?:odd|even|first)(?:Header|Footer)>([^<]*)</", re.S)
_OFD_TEXT = re.compile(rb"<(?:\w+:)?TextCode\b[^>]*>([^<]*)</(?:\w+:)?TextCode>")
_NUMBER = re.compile(r"(\d+)")


def _unescape(raw: bytes) -> str:
    return html.unescape(raw.decode("utf-8", "replace"))


@dataclass
class Segment:
    label: str  # where, as a reader names it: 第 3 页, 工作表“名单”第 5 行, 页脚
    number: int  # the finding's line: the row, page or slide (1 when there is none)
    text: str


@dataclass
class AttachmentText(Article):
    """An attachment's text as an Article (no front matter, no Markdown: nothing is code)."""

    starts: list[int] = field(default_factory=list)  # offset of each segment in text
    segments: list[Segment] = field(default_factory=list)
    lines_are_file_lines: bool = False  # .txt/.csv: positions are the file's own lines

    def line_col(self, offset: int) -> tuple[int, int]:
        if self.lines_are_file_lines or not self.segments:
            return super().line_col(offset)
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.segments[i].number, offset - self.starts[i] + 1

    def where(self, offset: int) -> str:
        """Where in the attachment the text at offset is, for the finding's message."""
        if self.lines_are_file_lines or not self.segments:
            return f"第 {super().line_col(offset)[0]} 行"
        return self.segments[max(bisect.bisect_right(self.starts, offset) - 1, 0)].label


def readable(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and path.is_file() and not path.is_symlink()


_NAMED = re.compile(r"\.(?:txt|csv|docx|xlsx|pptx|pdf|ofd|zip)\b", re.I)  # SUFFIXES


def linked(root: Path, articles: list[Path]) -> list[Path]:
    """The attachments under content/ with text that these articles link to: the commit hook
    passes only the staged files, so an article committed with an attachment committed before is
    checked with it. Only the articles that name such a file are parsed (by the
    site's own reading of links, govpub.site.model.references)."""
    from govpub.policy import CONTENT_DIR

    content = (root / CONTENT_DIR).resolve()
    out: list[Path] = []
    for article in articles:
        try:
            raw = article.read_bytes() if article.suffix.lower() == ".md" and not article.is_symlink() else b""
        except OSError:
            continue
        if not _NAMED.search(raw.decode("utf-8", "replace")):
            continue
        from govpub.site.model import front_matter, references

        full = article.absolute().parent.resolve() / article.name
        if not full.is_relative_to(content):
            continue
        for target in sorted(references(full.relative_to(content).as_posix(), raw, front_matter(raw))):
            path = content / target
            if not target.startswith("../") and readable(path):
                out.append(path.absolute().parent.resolve() / path.name)
    return out


def load(path: Path, rel: str) -> AttachmentText | None:
    """The attachment's text to check, or None when there is none (a scan, a broken file: the
    judge, meta.file, reports what readers cannot open)."""
    from govpub.content.encoding import Unreadable, decode

    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            with open(path, "rb") as fh:
                data = fh.read(_MAX_READ + 1)
            cut = len(data) > _MAX_READ
            if cut:  # at a line end, so the last character is whole in any encoding
                data = data[:max(data.rfind(b"\n", 0, _MAX_READ), 0)]
            try:
                text = decode(data).text
            except Unreadable:  # NUL bytes, controls: a browser shows the rest all the same
                text = data.decode("utf-8", "replace").replace("\x00", "")
            art = AttachmentText(path=rel, text=text[:MAX_CHARS], markdown=False, lines_are_file_lines=True)
            return _truncated(art, cut or len(text) > MAX_CHARS)
        segments = _segments(suffix, path.read_bytes(), "")
    except _ERRORS:
        return None
    if segments is None:
        return None
    art = AttachmentText(path=rel, markdown=False)
    parts: list[str] = []
    offset = 0
    try:  # segments are made as they are read: a huge sheet is read only up to the cap
        for seg in segments:
            if not seg.text.strip():
                continue
            if offset >= MAX_CHARS:
                return _truncated(_joined(art, parts), True)
            text = seg.text[:MAX_CHARS - offset]
            art.starts.append(offset)
            art.segments.append(Segment(seg.label, seg.number, text))
            parts.append(text)
            if len(text) < len(seg.text):
                return _truncated(_joined(art, parts), True)
            offset += len(text) + 1
    except _ERRORS:  # a part broken halfway: what was read is checked (meta.file judges the file)
        pass
    finally:
        close = getattr(segments, "close", None)
        if close is not None:
            close()
    return _truncated(_joined(art, parts), False)


_ERRORS = (UnicodeError, OSError, ValueError, RuntimeError, EOFError, NotImplementedError, LookupError, KeyError)


def _joined(art: AttachmentText, parts: list[str]) -> AttachmentText:
    art.text = "\n".join(parts)
    return art


def _truncated(art: AttachmentText, cut: bool) -> AttachmentText:
    if cut:
        art.load_hits.append(Hit("meta.attachment-text", 0, 0, (
            f"附件文字超过 {MAX_CHARS} 个字符，只检查了前 {MAX_CHARS} 个字符（{art.where(len(art.text))}之前），"
            "其余部分没有检查。处理办法：审核人逐页核对其余部分没有个人信息、密级和内部标注；能拆分的拆成几个文件分别链接")))
    return art


def _segments(suffix: str, data: bytes, inside: str) -> Iterator[Segment] | None:
    """The text of an Office, PDF, OFD or zip attachment in reading order, made as it is read."""
    if suffix == ".pdf":
        return _pdf(data, inside)
    import zipfile

    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return None
    if sum(i.file_size for i in source.infolist()) > 4 * _MAX_PART:
        return None  # the judge refuses it (unpacked-size)

    def read(name: str) -> bytes:
        info = source.getinfo(name)
        return b"" if info.file_size > _MAX_PART else source.read(info)

    names = source.namelist()
    if suffix == ".docx":
        return _docx(names, read, inside)
    if suffix == ".xlsx":
        return _xlsx(names, read, inside)
    if suffix == ".pptx":
        return _pptx(names, read, inside)
    if suffix == ".ofd":
        return _ofd(names, read, inside)
    if suffix == ".zip" and not inside:
        return _zip(source)
    return None


def _zip(source: Any) -> Iterator[Segment]:
    """The members of a .zip with text, each named (a nested archive is refused by the judge)."""
    from govpub.content.encoding import Unreadable, decode

    for info in source.infolist():
        member = Path(info.filename).suffix.lower()
        if info.is_dir() or member not in SUFFIXES - {".zip"} or info.flag_bits & 0x1 or info.file_size > _MAX_PART:
            continue
        body = source.read(info)
        where = f"压缩包中的“{info.filename}”"
        if member in TEXT_SUFFIXES:
            try:
                text = decode(body[:_MAX_READ]).text
            except Unreadable:
                text = body[:_MAX_READ].decode("utf-8", "replace").replace("\x00", "")
            yield from (Segment(f"{where}第 {n} 行", n, line) for n, line in enumerate(text.split("\n"), 1))
        else:
            yield from _segments(member, body, where) or ()


def _by_number(names: list[str], pattern: str) -> list[str]:
    found = [n for n in names if re.fullmatch(pattern, n)]
    return sorted(found, key=lambda n: [int(d) if d.isdigit() else d for d in _NUMBER.split(n)])


def _docx(names: list[str], read: Any, inside: str) -> Iterator[Segment]:
    parts = [("word/document.xml", "正文")]
    parts += [(n, "页眉") for n in _by_number(names, r"word/header\d*\.xml")]
    parts += [(n, "页脚") for n in _by_number(names, r"word/footer\d*\.xml")]
    parts += [(n, label) for n, label in (("word/footnotes.xml", "脚注"), ("word/endnotes.xml", "尾注"),
                                          ("word/comments.xml", "批注"))]
    for name, label in parts:
        if name not in names:
            continue
        for n, text in enumerate(_paragraphs(_W_TOKEN, read(name)), 1):
            where = f"{label}第 {n} 段" if label == "正文" else label
            yield Segment(inside + where, n if label == "正文" else 1, text)
    yield from _inner(names, read, inside)


def _paragraphs(token: re.Pattern[bytes], xml: bytes) -> Iterator[str]:
    """The paragraphs of a Word or DrawingML part, in order."""
    line: list[str] = []
    for m in token.finditer(xml):
        if m.group(1) is not None:
            line.append(_unescape(m.group(1)))
        elif m.group(2) is not None:
            line.append("\t" if m.group(2) == b"tab" else "\n")
        else:
            yield "".join(line)
            line = []
    yield "".join(line)


_DRAWING = r"(?:word|xl|ppt)/(?:diagrams|charts)/[^/]+\.xml"
_EMBEDDED = r"(?i)(?:word|xl|ppt)/embeddings/[^/]+\.(?:docx|xlsx|pptx)"


def _inner(names: list[str], read: Any, inside: str) -> Iterator[Segment]:
    """What an Office file holds beside its own text: SmartArt and chart text, documents embedded in
    it (a workbook inside a Word file opens with a double click), the addresses its links open."""
    for name in _by_number(names, _DRAWING):
        yield from (Segment(f"{inside}图表或图示", 1, text) for text in _paragraphs(_A_TOKEN, read(name)))
    if "嵌入的" not in inside:  # one level: what is embedded in an embedded file is not read
        for name in _by_number(names, _EMBEDDED):
            yield from _segments(Path(name).suffix.lower(), read(name), f"嵌入的“{Path(name).name}”中的") or ()
    yield from _links(names, read, inside)


def _links(names: list[str], read: Any, inside: str) -> Iterator[Segment]:
    """The addresses an Office file's links open (kept in its relationship parts, not in the text)."""
    for name in names:
        if name.endswith(".rels") and name != "_rels/.rels":
            for rel in _EXTERNAL.finditer(read(name)):
                target = dict(_ATTR.findall(rel.group(0))).get(b"Target")
                if target:
                    yield Segment(f"{inside}文件中的链接地址", 1, _unescape(target))


def _xlsx(names: list[str], read: Any, inside: str) -> Iterator[Segment]:
    shared = [("".join(_unescape(t) for t in _T.findall(m.group(1) or b"")))
              for m in _SI.finditer(read("xl/sharedStrings.xml"))] if "xl/sharedStrings.xml" in names else []
    sheets: list[tuple[str, str]] = []
    if "xl/workbook.xml" in names and "xl/_rels/workbook.xml.rels" in names:
        rels = {}
        for rel in re.finditer(rb"<Relationship\b[^>]*>", read("xl/_rels/workbook.xml.rels")):
            attrs = dict(_ATTR.findall(rel.group(0)))
            target = attrs.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
            rels[attrs.get(b"Id")] = target if target.startswith("xl/") else "xl/" + target
        for sheet in _SHEET.finditer(read("xl/workbook.xml")):
            attrs = dict(_ATTR.findall(sheet.group(0)))
            if (part := rels.get(attrs.get(b"r:id"))) in names:
                sheets.append((_unescape(attrs.get(b"name", b"")), part))
    listed = {part for _, part in sheets}
    sheets += [(Path(n).stem, n) for n in _by_number(names, r"xl/worksheets/[^/]+\.xml") if n not in listed]
    for name, part in sheets:
        where = f"{inside}工作表“{name}”"
        yield Segment(f"{where}的名称", 1, name)
        xml = read(part)
        for row in _ROW.finditer(xml):
            number = _ROW_NUMBER.search(row.group(1))
            n = int(number.group(1)) if number else 1
            cells = []
            for cell in _CELL.finditer(row.group(2)):
                kind = _CELL_TYPE.search(cell.group(1))
                body = cell.group(2) or b""
                if kind and kind.group(1) == b"s":
                    value = _VALUE.search(body)
                    index = int(value.group(1)) if value and value.group(1).strip().isdigit() else -1
                    cells.append(shared[index] if 0 <= index < len(shared) else "")
                elif kind and kind.group(1) == b"inlineStr":
                    cells.append("".join(_unescape(t) for t in _T.findall(body)))
                else:
                    value = _VALUE.search(body)
                    cells.append(_number(_unescape(value.group(1))) if value else "")
            yield Segment(f"{where}第 {n} 行", n, "\t".join(cells))
        yield from (Segment(f"{where}的页眉页脚", 1, _unescape(m.group(1))) for m in _HEADER_FOOTER.finditer(xml))
    yield from _inner(names, read, inside)


def _number(value: str) -> str:
    """A number cell as the sheet shows it: 13800138000 stored as 1.3800138E10 reads 13800138000."""
    try:
        number = float(value)
    except ValueError:
        return value
    return str(int(number)) if number.is_integer() and abs(number) < 1e20 else value


def _pptx(names: list[str], read: Any, inside: str) -> Iterator[Segment]:
    for kind, pattern in (("", r"ppt/slides/slide\d+\.xml"), ("的备注", r"ppt/notesSlides/notesSlide\d+\.xml")):
        for name in _by_number(names, pattern):
            n = int(_NUMBER.findall(name)[-1])
            yield from (Segment(f"{inside}第 {n} 张幻灯片{kind}", n, text) for text in _paragraphs(_A_TOKEN, read(name)))
    yield from _inner(names, read, inside)


def _ofd(names: list[str], read: Any, inside: str) -> Iterator[Segment]:
    pages = _by_number(names, r"(?:.*/)?Pages/Page_\d+/Content\.xml")
    for n, name in enumerate(pages, 1):
        yield Segment(f"{inside}第 {n} 页", n, "".join(_unescape(t) for t in _OFD_TEXT.findall(read(name))))


def _pdf(data: bytes, inside: str) -> Iterator[Segment] | None:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None  # a password or a broken file: the judge (meta.file) says so
    return _pages(pdf, inside)


def _pages(pdf: Any, inside: str) -> Iterator[Segment]:
    """The text layer of each page, read as it is asked for (a scan has none: no OCR)."""
    try:
        for n in range(len(pdf)):
            page = pdf[n]
            textpage = page.get_textpage()
            text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            textpage.close()
            page.close()
            yield Segment(f"{inside}第 {n + 1} 页", n + 1, text)
    finally:
        pdf.close()
