"""The 南方号 hand-off bundle (reference/wechat-api.md §11). 南方号 has no public API, so
the office publishes by hand from a folder built from the same Markdown as the website:

    <out_dir>/<slug>/
      body.html                 the body, inline-styled (publish.render), images as images/01.jpg…
      body-placeholders.html    the same with 【图片1】… where the images go
      images/01.jpg …           the body's images in order; wider than 1280 px, larger than
                                5 MB, carrying EXIF (camera, GPS: Art. 12) or not JPEG/PNG:
                                re-encoded as JPEG ≤ 1280 px wide without metadata
      cover.jpg                 when the article has a cover (always JPEG)
      meta.txt                  标题、摘要、作者/来源、原文链接（官网地址）、封面、发布时间
      article.docx              a Word version (operators work from .docx)
      使用说明.txt               the steps, for the operator
      manifest.json             article path, source commit, content_hash, the 三审 record
                                (git note), files with digests

The folder is written under a temporary name beside its final place and switched in only
when complete (govpub.fsutil.switch_dir), so there is never a half bundle.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from govpub import __version__, clock, fsutil, git
from govpub.content.article import Article
from govpub.errors import GovpubError
from govpub.fsutil import switch_dir
from govpub.publish.channel import Context, Row, Step
from govpub.publish.lock import lock_key
from govpub.publish.render import beside, render
from govpub.site.config import article_url, meta_text, site_layout
from govpub.site.model import content_source, site_fields

MAX_WIDTH = 1280
MAX_BYTES = 5 * 1024 * 1024
PLATFORM = "nanfang"
FORMAT = "govpub-nanfang-bundle/1"

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
# [text](target "title") not preceded by "!" (an image); the target without spaces or <>
_MD_LINK = re.compile(r'(?<!!)(\[[^\]\n]*\]\()(\s*<?)([^)\s>]+)(>?(?:\s+"[^"\n]*")?\s*\))')
_MD_REF = re.compile(r'^( {0,3}\[[^\]\n]+\]:[ \t]*<?)([^\s>]+)', re.M)


def website_url(art: Article, root: Path, site_url: str) -> str:
    """The article's page on the website: site_url + the page path the site plugin uses."""
    return article_url(root, art.path, site_url)


def _absolute_links(art: Article, root: Path, site_url: str) -> Article:
    """The article with relative links in its body (other articles, attachments) turned into
    website URLs, so that their footnotes mean something outside the website. A link to what is
    not on the website (an article held back: a draft, a publish time ahead, withdrawn; a file
    that does not exist) keeps its text and loses the link, as on the website (readers9): its
    footnote was a dead link naming the held article's file."""
    from govpub.site.plugin import page_url

    docs, use_dirs = site_layout(root)
    prefix = docs + "/"
    if not art.path.startswith(prefix):
        return art
    here = posixpath.dirname(art.path[len(prefix):])
    base = site_url.rstrip("/") + "/"
    now = clock.wall_now().strftime(clock.MINUTE)

    def absolute(target: str) -> str | None:
        if _SCHEME.match(target) or target.startswith(("#", "//")):
            return target
        path, _, frag = target.partition("#")
        rel = posixpath.normpath(unquote(path.lstrip("/") if path.startswith("/") else posixpath.join(here, path)))
        if rel.startswith("..") or rel == ".":
            return target
        if not _on_site(root / docs / rel, now):
            return None
        url = page_url(rel, use_dirs) if rel.endswith(".md") else quote(rel)
        return base + url + (f"#{frag}" if frag else "")

    def link(m: re.Match[str]) -> str:
        url = absolute(m.group(3))
        return m.group(1)[1:-2] if url is None else m.group(1) + m.group(2) + url + m.group(4)

    body = _MD_LINK.sub(link, art.body)
    gone: set[str] = set()

    def ref(m: re.Match[str]) -> str:
        url = absolute(m.group(2))
        if url is None:
            gone.add(m.group(1).strip().lstrip("[").split("]", 1)[0].lower())
            return ""
        return m.group(1) + url

    body = _MD_REF.sub(ref, body)
    if gone:  # [text][label] of a dropped definition: its text
        body = re.sub(r"\[([^\]\n]+)\]\[([^\]\n]*)\]",
                      lambda m: m.group(1) if (m.group(2) or m.group(1)).lower() in gone else m.group(0), body)
    return dataclasses.replace(art, text=art.text[:art.body_start] + body)


def _on_site(path: Path, now: str) -> bool:
    """Whether the website publishes the file a copy links to: it exists and, for an article,
    is neither withdrawn nor held back (govpub.site.model.held, the build's own test)."""
    from govpub.site.model import front_matter, held

    if not path.is_file() or path.is_symlink():
        return False
    if path.suffix.lower() != ".md":
        return True
    meta = front_matter(path.read_bytes())
    return meta_text(meta.get("status")) != "withdrawn" and held(meta, now) is None


def _source(meta: dict[str, Any], root: Path) -> str:
    from govpub.policy import Policy

    return content_source(meta, Policy(root).organisation)


# -- images -----------------------------------------------------------------------------
@dataclass
class _Image:
    file: str  # in the bundle: images/01.jpg
    source: Path
    reencoded: bool


def export_image(src: Path, dest_stem: Path, *, jpeg_only: bool = False) -> tuple[Path, bool]:
    """Copy src to dest_stem + .jpg/.png, or re-encode it as JPEG (≤ 1280 px wide, no metadata)
    when it is wider, larger than 5 MB, carries EXIF, or is another format. (path, re-encoded)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(src) as im:
            fmt = im.format
            plain = not im.getexif() and not ({"xmp", "XML:com.adobe.xmp", "comment"} & set(im.info))
            keep = (fmt == "JPEG" or (fmt == "PNG" and not jpeg_only)) and im.width <= MAX_WIDTH \
                and src.stat().st_size <= MAX_BYTES and plain
            if keep:
                dest = dest_stem.with_suffix(".jpg" if fmt == "JPEG" else ".png")
                shutil.copyfile(src, dest)
                return dest, False
            out = ImageOps.exif_transpose(im) or im
            if out.width > MAX_WIDTH:
                height = max(1, round(out.height * MAX_WIDTH / out.width))
                out = out.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
            if out.mode in ("RGBA", "LA", "PA") or (out.mode == "P" and "transparency" in out.info):
                rgba = out.convert("RGBA")
                flat = Image.new("RGB", rgba.size, (255, 255, 255))
                flat.paste(rgba, mask=rgba.getchannel("A"))
                out = flat
            elif out.mode != "RGB":
                out = out.convert("RGB")
            dest = dest_stem.with_suffix(".jpg")
            out.save(dest, "JPEG", quality=88, optimize=True, progressive=True)
            return dest, True
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as exc:
        raise GovpubError(f"图片无法读取或转换：{exc}", path=str(src),
                          hint="用看图软件另存为 JPG 后替换原图片，再重新生成") from None


class _Placeholders(HTMLParser):
    """The rendered body again, each bundle image replaced by 【图片N】; everything else as it
    was written (start tags verbatim, text and references unchanged)."""

    def __init__(self, numbers: dict[str, int]) -> None:
        super().__init__(convert_charrefs=False)
        self.numbers = numbers
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        n = self.numbers.get(dict(attrs).get("src") or "") if tag == "img" else None
        self.out.append(f"【图片{n}】" if n else self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")


def _with_placeholders(html: str, numbers: dict[str, int]) -> str:
    """body-placeholders.html's fragment: numbers maps an image's src (images/01.jpg) to N."""
    parser = _Placeholders(numbers)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


# -- Word -------------------------------------------------------------------------------
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def _join_lines(text: str) -> str:
    """Markdown soft line breaks: nothing between Chinese characters, a space otherwise."""
    def repl(m: re.Match[str]) -> str:
        s, a, b = m.string, m.start(), m.end()
        return "" if 0 < a and b < len(s) and _CJK.match(s[a - 1]) and _CJK.match(s[b]) else " "

    return re.sub(r"[ \t]*\n[ \t]*", repl, text)


class _Docx(HTMLParser):
    """The rendered body (publish.render's small tag set) as python-docx paragraphs."""

    HEADINGS = {"h2": 1, "h3": 2, "h4": 3}
    FORMATS = ("strong", "b", "em", "i", "u", "sup", "code")

    def __init__(self, doc: Any, folder: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.doc, self.folder = doc, folder
        self.par: Any = None
        self.fmt: list[str] = []
        self.lists: list[list[Any]] = []  # [tag, counter]
        self.quote = 0
        self.pre = 0
        self.table: list[list[tuple[str, bool]]] | None = None
        self.cell: list[str] | None = None
        self.cell_header = False
        self._start: dict[str, Callable[[dict[str, str | None]], None]] = {
            "table": self._open_table, "p": self._open_p, "ul": lambda _: self._open_list("ul"), "ol": lambda a: self._open_list("ol", a.get("start")),
            "li": self._open_li, "blockquote": self._open_blockquote, "pre": self._open_pre,
            "figcaption": self._open_figcaption, "br": self._open_br, "img": self._open_img}
        self._end: dict[str, Callable[[], None]] = {
            "ul": self._close_list, "ol": self._close_list, "blockquote": self._close_blockquote,
            "pre": self._close_pre}

    # paragraphs
    def _new(self, style: str | None = None) -> Any:
        if style is None:
            style = "Quote" if self.quote else None
        self.par = self.doc.add_paragraph(style=style)
        return self.par

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.table is not None:
            self._table_start(tag)
        elif tag in self.HEADINGS:
            self.par = self.doc.add_heading(level=self.HEADINGS[tag])
        elif tag in self.FORMATS:
            self.fmt.append(tag)
        elif tag in self._start:
            self._start[tag](dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.table is not None:
            self._table_end(tag)
        elif tag in self.HEADINGS or tag in ("li", "figcaption") or (tag == "p" and not self._in_list_item()):
            self.par = None
        elif tag in self.FORMATS and tag in self.fmt:
            del self.fmt[len(self.fmt) - 1 - self.fmt[::-1].index(tag)]
        elif tag in self._end:
            self._end[tag]()
            self.par = None

    def _in_list_item(self) -> bool:
        """Inside a list item's paragraph: a <p> in an <li> continues it."""
        return bool(self.lists and self.par is not None and self.par.style.name.startswith("List"))

    # start tags outside tables
    def _open_table(self, _attrs: dict[str, str | None]) -> None:
        self.table, self.par = [], None

    def _open_p(self, _attrs: dict[str, str | None]) -> None:
        if not self._in_list_item():
            self._new()

    def _open_list(self, tag: str, start: str | None = None) -> None:
        # counts from the list's first number as written (<ol start="3">: publish.render)
        self.lists.append([tag, int(start) - 1 if start and start.isdigit() and int(start) > 0 else 0])
        self.par = None

    def _open_li(self, _attrs: dict[str, str | None]) -> None:
        kind: list[Any] = self.lists[-1] if self.lists else ["ul", 0]
        depth = min(len(self.lists), 3)
        if kind[0] == "ol":
            kind[1] += 1
            self._new("List Paragraph" if depth == 1 else f"List Continue {depth}")
            self.par.add_run(f"{kind[1]}. ")
        else:
            self._new("List Bullet" if depth == 1 else f"List Bullet {depth}")

    def _open_blockquote(self, _attrs: dict[str, str | None]) -> None:
        self.quote += 1
        self.par = None

    def _open_pre(self, _attrs: dict[str, str | None]) -> None:
        self.pre += 1
        self._new()

    def _open_figcaption(self, _attrs: dict[str, str | None]) -> None:
        self._new("Caption")

    def _open_br(self, _attrs: dict[str, str | None]) -> None:
        if self.par is not None:
            self.par.add_run().add_break()

    def _open_img(self, attrs: dict[str, str | None]) -> None:
        self._image(attrs.get("src") or "")

    # end tags outside tables (the paragraph ends after each)
    def _close_list(self) -> None:
        if self.lists:
            self.lists.pop()

    def _close_blockquote(self) -> None:
        self.quote = max(0, self.quote - 1)

    def _close_pre(self) -> None:
        self.pre = max(0, self.pre - 1)

    # tables: cells collected as text, written at </table>
    def _table_start(self, tag: str) -> None:
        assert self.table is not None
        if tag == "tr":
            self.table.append([])
        elif tag in ("td", "th"):
            self.cell, self.cell_header = [], tag == "th"
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def _table_end(self, tag: str) -> None:
        assert self.table is not None
        if tag in ("td", "th") and self.cell is not None and self.table:
            self.table[-1].append(("".join(self.cell).strip(), self.cell_header))
            self.cell = None
        elif tag == "table":
            self._table(self.table)
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.table is not None:
            if self.cell is not None:
                self.cell.append(_join_lines(data))
            return
        text = data if self.pre else _join_lines(data)
        if not text or (not text.strip() and (self.par is None or not self.par.text)):
            return
        if self.par is None:
            self._new()
        run = self.par.add_run(text)
        run.bold = True if {"strong", "b"} & set(self.fmt) else None
        run.italic = True if {"em", "i"} & set(self.fmt) else None
        run.underline = True if "u" in self.fmt else None
        if "sup" in self.fmt:
            run.font.superscript = True

    def _image(self, src: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Emu
        from PIL import Image

        path = (self.folder / src).resolve()
        if not path.is_relative_to(self.folder.resolve()) or not path.is_file():
            return
        with Image.open(path) as im:
            native = Emu(im.width * 9525)  # pixels at 96 dpi
        if self.par is None or self.par.text.strip():
            self._new()
        if not self.par.text.strip():
            self.par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.par.add_run().add_picture(str(path), width=min(native, Cm(15.5)))

    def _table(self, rows: list[list[tuple[str, bool]]]) -> None:
        rows = [r for r in rows if r]
        if not rows:
            return
        cols = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=cols)
        table.style = "Table Grid"
        for i, row in enumerate(rows):
            for j, (text, header) in enumerate(row):
                cell = table.cell(i, j)
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                if header:
                    run.bold = True
        self.par = None


def _east_asian(style: Any, font: str, *, black: bool = True) -> None:
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    style.font.name = font
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        rfonts.set(qn(attr), font)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    if black:
        style.font.color.rgb = RGBColor(0x22, 0x22, 0x22)


def write_docx(path: Path, title: str, body_html: str, folder: Path, *, author: str = "") -> None:
    """article.docx: the title, then the body converted from the rendered HTML."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = docx.Document()
    styles = doc.styles
    _east_asian(styles["Normal"], "宋体")
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _east_asian(styles[name], "黑体")
    doc.core_properties.title = title
    doc.core_properties.author = author
    doc.core_properties.language = "zh-CN"
    heading = doc.add_paragraph(title, style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    builder = _Docx(doc, folder)
    builder.feed(body_html)
    builder.close()
    doc.save(str(path))


# -- the bundle -------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def content_hash(article_file: Path, images: list[Path]) -> str:
    """sha256 over the article file's bytes, then each image's bytes (body images in order,
    then the cover): changes whenever anything published changes."""
    return fsutil.content_hash([article_file, *images])


def _page(title: str, fragment: str) -> str:
    """A whole HTML file, so that a browser opening it from disk reads it as UTF-8."""
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n</head>\n<body>\n{fragment}\n</body>\n</html>\n")


def _check_article(art: Article, root: Path) -> None:
    if not art.readable or not art.meta:
        raise GovpubError("文章无法读取或缺少 front matter", path=art.path,
                          hint="先运行 govpub check 改正文章，再生成南方号交接包")
    if meta_text(art.meta.get("status")) == "withdrawn":
        raise GovpubError("文章已撤回，不能生成南方号交接包", path=art.path)
    channels = art.meta.get("channels")
    if not isinstance(channels, list) or PLATFORM not in channels:
        raise GovpubError("文章的 channels 中没有 nanfang，不发布到南方号（第三条：只向登记的平台发布）",
                          path=art.path, hint="确需发布到本单位南方号的，在 channels 中加上 nanfang 并重新审核")
    if not meta_text(art.meta.get("title")):
        raise GovpubError("文章缺少标题（title）", path=art.path)


def bundle(art: Article, root: Path, out_dir: Path, site_url: str) -> Path:
    """Write the 南方号 hand-off bundle of `art` to out_dir/<slug>/ and return that folder."""
    root = root.absolute()
    _check_article(art, root)
    slug = Path(art.path).stem
    out_dir = out_dir.absolute()
    final = out_dir / slug
    if (final / "manifest.json").is_file():
        try:
            previous = json.loads((final / "manifest.json").read_text("utf-8")).get("article")
        except (OSError, ValueError, AttributeError):
            previous = None
        if previous and previous != art.path:
            raise GovpubError(f"{final} 已是另一篇文章（{previous}）的交接包，文件名相同", path=art.path,
                              hint="换一个输出目录，或先把已有的交接包移走")
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{slug}.new-", dir=out_dir))
    try:
        _write(art, root, tmp, site_url)
        os.chmod(tmp, 0o755)
        switch_dir(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return final


def _sweep(out_dir: Path) -> None:
    """Delete what a killed run left beside the bundles: a half-written bundle (.<slug>.new-*) or
    a replaced one not yet deleted (.<slug>.old-*), possibly of an article withdrawn since. Runs
    under the publish lock, so no other run is writing one."""
    if not out_dir.is_dir():
        return
    for p in out_dir.iterdir():
        if p.name.startswith(".") and (".new-" in p.name or ".old-" in p.name) and p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)


def _remove_bundle(out_dir: Path, path: str) -> bool:
    """Delete the hand-off bundle of `path` left in out_dir by an earlier run (an article no
    longer to be published must not be handed off from a stale folder); True if one was."""
    final = out_dir.absolute() / Path(path).stem
    try:
        previous = json.loads((final / "manifest.json").read_text("utf-8")).get("article")
    except (OSError, ValueError, AttributeError):
        return False
    if previous != path:
        return False
    shutil.rmtree(final, ignore_errors=True)
    return True


def _write(art: Article, root: Path, folder: Path, site_url: str) -> None:
    # the front matter as the website shows it: without the characters that reorder or split a
    # line unseen (a U+202E in the title shows its words backwards; model.site_fields)
    meta = site_fields(art.meta)
    title = meta_text(meta.get("title"))
    url = website_url(art, root, site_url)
    source = _source(meta, root)
    images: list[_Image] = []

    def image_src(index: int, path: Path) -> str:
        (folder / "images").mkdir(exist_ok=True)
        dest, reencoded = export_image(path, folder / "images" / f"{index:02d}")
        name = f"images/{dest.name}"
        images.append(_Image(name, path, reencoded))
        return name

    rendered = render(_absolute_links(art, root, site_url), root, image_src=image_src)  # RenderError names the image
    (folder / "body.html").write_text(_page(title, rendered.html), encoding="utf-8")
    placeholders = _with_placeholders(rendered.html, {img.file: n for n, img in enumerate(images, 1)})
    (folder / "body-placeholders.html").write_text(_page(title, placeholders), encoding="utf-8")

    cover_info = None
    hashed = [p.source for p in images]
    cover = meta_text(meta.get("cover"))
    if cover:
        src = ((root / art.path).parent / cover).resolve()
        if not src.is_relative_to(root.resolve()) or not src.is_file():
            raise GovpubError(f"封面图“{cover}”不存在或不在仓库内", path=art.path,
                              hint="把封面图放在文章旁边，cover 写文件名")
        if not beside(src, (root / art.path).parent):
            raise GovpubError(f"封面图“{cover}”不在文章所在的文件夹中：以后改动它不经过本文的审核", path=art.path,
                              hint="把封面图复制到文章旁边，cover 写文件名")
        dest, reencoded = export_image(src, folder / "cover", jpeg_only=True)
        cover_info = {"file": dest.name, "source": _rel(src, root), "reencoded": reencoded}
        hashed.append(src)

    lines = [
        ("标题", title),
        ("摘要", meta_text(meta.get("summary")) or "（无）"),
        ("作者/来源", source),
        ("原文链接", url),
        ("封面", cover_info["file"] if cover_info else "（无）"),
        ("发布时间", meta_text(meta.get("date"))),
    ]
    if meta.get("doc_number"):
        lines.append(("文号", meta_text(meta["doc_number"])))
    rp = meta.get("repost")
    if isinstance(rp, dict) and rp.get("source_url"):
        lines.append(("转载原文", f"{meta_text(rp.get('source_url'))}（{meta_text(rp.get('published'))}）"))
    if rendered.images:
        lines.append(("正文图片", f"{len(rendered.images)} 张，images/ 下按顺序编号，对应 body-placeholders.html 中的【图片1】等"))
    # CRLF and a BOM: the office's Windows editors read it as UTF-8 in every version
    text = "\r\n".join(f"{k}：{v}" for k, v in lines) + "\r\n"
    (folder / "meta.txt").write_text("\ufeff" + text, encoding="utf-8", newline="")
    (folder / "使用说明.txt").write_text("\ufeff" + _HOWTO.replace("{account}", _account_name(root)).replace("\n", "\r\n"), encoding="utf-8", newline="")

    write_docx(folder / "article.docx", title, rendered.html, folder, author=source)

    commit = git.out(root, "rev-parse", "HEAD")
    rels = [art.path, *(_rel(p, root) for p in hashed)]
    dirty = None
    if commit:
        status = git.out(root, "status", "--porcelain", "--", *rels)
        dirty = bool(status) if status is not None else None
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    manifest = {
        "format": FORMAT,
        "article": art.path,
        "title": title,
        "website_url": url,
        "source_commit": commit,
        "source_modified": dirty,  # true: the files differ from source_commit
        "content_hash": content_hash(root / art.path, hashed),
        "content_hash_of": rels,
        "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "govpub_version": __version__,
        "images": [{"file": i.file, "source": _rel(i.source, root), "reencoded": i.reencoded}
                   for i in images],
        "cover": cover_info,
        "footnotes": rendered.footnotes,
        "approval": _approval(root, art.path),
        "files": [{"path": p.relative_to(folder).as_posix(), "bytes": p.stat().st_size, "sha256": _sha256(p)}
                  for p in files],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")


def _approval(root: Path, path: str) -> dict[str, Any] | None:
    """The 三审 record of the article (the git note `govpub approvals record` wrote), if any."""
    try:
        from govpub.approvals import record

        found, _ = record.find(root, path)
    except (GovpubError, ImportError, OSError):
        return None
    return found


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _account_name(root: Path) -> str:
    """The 南方号 account's name as registered in checks/registry/accounts.yml."""
    from govpub.policy import Policy

    return str(Policy(root).accounts.get(PLATFORM, {}).get("name") or "南方号")


_HOWTO = """南方号（“{account}”）交接包使用说明

本文件夹由 govpub 根据已审核通过的文章自动生成，内容与官网一致。发布时请勿改动文字；
如需修改，请改原文章并重新走审核流程。

1. 打开 meta.txt：把“标题”“摘要”分别填入南方号后台对应栏目，“作者/来源”填入来源，
   “原文链接”填入原文链接（官网地址）。
2. 封面：上传 cover.jpg（如有）。
3. 正文（两种方式任选其一）：
   a. 用浏览器打开 body.html，全选、复制，粘贴到南方号编辑器；再逐张检查图片是否已带上，
      没有带上的按顺序上传 images/ 中的图片。
   b. 用浏览器打开 body-placeholders.html，复制文字粘贴到编辑器，再把每个【图片1】【图片2】……
      替换为 images/01、02……对应的图片。
   需要用 Word 处理时，使用 article.docx（标题、正文、表格、图片都在其中）。
4. 正文末尾的“文中链接”是原文中的外部链接，保留即可。
5. 保存为草稿后，按规定完成发布前核对再发布。manifest.json 记录了文章的版本号（source_commit）
   和内容校验值（content_hash），用于核对发布的是审核通过的版本，请勿删除。
"""


# -- the ledger's seals ------------------------------------------------------------------
# the fields that decide whether a bundle is made; "version" is the commit that last changed the
# article or its pictures on the published history, so that an older genuine entry replayed after
# the article returned byte for byte to that older text no longer matches
SEALED = ("state", "content_hash", "retracted_hash", "version")
SEAL_FORMAT = "govpub-nanfang-ledger/2"


def seal_key(policy: object) -> bytes | None:
    """The key of the 南方号 ledger seals. 南方号 has no credential of its own: the key is derived
    from the publish lock's (govpub.publish.lock.lock_key: the registered accounts' credentials,
    i.e. the WeChat AppID and AppSecret that only the protected publish environment has). None
    when the run has none."""
    base = lock_key(policy)
    return None if base is None else hmac.new(base, b"govpub-nanfang-ledger-seal", hashlib.sha256).digest()


def entry_seal(key: bytes, path: str, entry: dict[str, Any]) -> str:
    """An HMAC over the article and exactly the fields that decide: a sealed entry copied to
    another article, or edited, does not verify."""
    text = json.dumps([SEAL_FORMAT, path, *(entry.get(f) for f in SEALED)], ensure_ascii=False, sort_keys=True)
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


_UNTRUSTED = ("台账（refs/govpub/ledger，有推送权限的人都能改写）中该文章的记录没有当前版本的有效签名（伪造的，或重放的旧版本记录），不予采信，"
              "交接包已重新生成；manifest.json 的 content_hash 与南方号上已发布的版本相同的，不必重复发布")
_REMOVED_HOLD = ("已用 govpub retract 撤下，撤稿还没有合并：台账中这条撤稿保留被删去或换掉了（有推送权限的人才能改台账），"
                 "按台账历史中带签名的保留不生成交接包，已恢复这条保留。处理办法：合并撤稿的合并请求；"
                 "请局办公室用 git log -p refs/govpub/ledger 查明是谁改的台账")
_NO_KEY = ("本次运行没有发布环境的凭据（accounts.yml 的 credentials_env），南方号台账无法签名、无法校验："
           "已生成过的交接包也重新生成（重复无害，缺少有害）；manifest.json 的 content_hash 与南方号上已发布的版本相同的，不必重复发布")


class Channel:
    """南方号 has no public API: converging means a hand-off bundle for every article whose
    current version has none yet, and a removal request for every withdrawn one.

    The ledger ref is writable by anyone with push rights, so an entry that stops a bundle from
    being made (bundled with the current content hash, a retract hold) counts only when it
    carries the seal of this run's key (seal_key); otherwise the bundle is made again: a
    duplicate bundle is harmless, a missing one is not. Without a key nothing can be verified:
    bundles are made again every run, and a retract hold is honoured but reported (making a
    bundle of an article the office has just retracted would hand it back to the operators)."""

    platform = "nanfang"

    def __init__(self, ctx: Context) -> None:
        self.ledger = ctx.ledger(self.platform)
        self.key = seal_key(ctx.policy)
        self.notes: list[Row] = []
        self._holds: dict[tuple[str, str], list[dict[str, Any]]] | None = None  # the history's, once read

    def _trusted(self, path: str, e: dict[str, Any], version: str | None) -> bool:
        """The entry carries this run's seal for the article's version `version` (an older
        genuine entry, replayed after the article returned to the same bytes, does not)."""
        return self.key is not None and hmac.compare_digest(
            str(e.get("seal", "")), entry_seal(self.key, path, {**e, "version": version}))

    def _record(self, path: str, **fields: Any) -> dict[str, Any]:
        """Update the entry and seal it. Deciding fields of an entry that did not verify (for the
        version being written) are not carried over into a sealed one (a forged or replayed
        hold is not laundered by the next write)."""
        current = self.ledger.entries.get(path, {})
        version = fields.get("version", current.get("version"))
        if self.key is not None and current and not self._trusted(path, current, version):
            fields = {"content_hash": None, "retracted_hash": None, **fields}
        merged = {k: v for k, v in {**current, **fields}.items() if v is not None}
        return self.ledger.update(path, **fields, seal=entry_seal(self.key, path, merged) if self.key else None)

    def _files(self, ctx: Context, path: str) -> list[Path]:
        """The local images the article shows (body and cover): a new picture is a new version."""
        art = ctx.articles[path]
        folder = (ctx.root / path).parent
        refs = [r for r in re.findall(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)", art.body) if not _SCHEME.match(r)]
        cover = art.meta.get("cover")
        files = [folder / r for r in [*refs, *([cover] if isinstance(cover, str) else [])]]
        return [f for f in files if f.is_file()]

    def _hash(self, ctx: Context, path: str) -> str:
        return content_hash(ctx.root / path, self._files(ctx, path))

    def _version(self, ctx: Context, path: str) -> str | None:
        """The commit that last changed the article or its pictures up to the published commit
        (the history of main, which only reviewed merges extend): a sealed entry of an earlier
        version, replayed after the article returned to the same bytes, names an older commit."""
        return ctx.version([ctx.root / path, *self._files(ctx, path)])

    def plan(self, ctx: Context) -> list[Step]:
        wanted = {a.path for a in ctx.wanted(self.platform)}
        _sweep(ctx.out / "nanfang")
        for path, e in list(self.ledger.entries.items()):  # the withdrawal is merged: drop the hold
            if e.get("retracted_hash") and path in ctx.articles and ctx.articles[path].meta.get("status") == "withdrawn":
                self._record(path, retracted_hash=None)
        steps = []
        site_held = self._site_holds(ctx)
        for p in sorted(wanted):
            e, digest = self.ledger.entries.get(p, {}), self._hash(ctx, p)
            if p in site_held:
                self.notes.append(Row(p, self.platform, "retract_requested", site_held[p]))
                continue
            held = e.get("retracted_hash") == digest  # taken down with govpub retract; the withdrawal is not merged yet
            done = e.get("state") == "bundled" and e.get("content_hash") == digest
            trusted = (held or done) and self._trusted(p, e, self._version(ctx, p))
            if trusted:
                continue
            if self._held_before(ctx, p, digest):
                continue
            if not (held or done):
                steps.append(Step(p, "bundle"))
            elif held and self.key is None:
                self.notes.append(Row(p, self.platform, "retract_requested",
                                      "台账中有该版本的撤稿保留，但本次运行没有发布环境的凭据，无法校验：未生成交接包。"
                                      "处理办法：如该文章并未撤稿，请局办公室用 git log -p refs/govpub/ledger 核查是谁写的，"
                                      "删除这条记录，或在配置了凭据的发布环境中重新运行"))
            else:
                steps.append(Step(p, "bundle", _NO_KEY if self.key is None else _UNTRUSTED))
        steps += [Step(p, "withdraw") for p, e in sorted(self.ledger.entries.items())
                  if p not in wanted and e.get("state") == "bundled"]
        return steps

    def _held_before(self, ctx: Context, path: str, digest: str) -> bool:
        """A retraction hold of this very version (content hash and the commit that last changed
        it), sealed with this run's key, anywhere in the ledger's history: the entry was removed
        or replaced since (anyone with push rights can, in a new ledger commit), yet `govpub
        retract` took this version down and its withdrawal is not merged (a merged withdrawal ends
        the version: a reviewed restoration is a new commit). Such a version is never bundled
        again, whatever the deploy target; the hold is written back, sealed."""
        version = self._version(ctx, path)
        if self.key is None or version is None:
            return False
        for e in self._past_holds(ctx).get((path, digest), []):
            if self._trusted(path, e, version):
                current = self.ledger.entries.get(path, {})
                self._record(path, state=current.get("state") or e.get("state"), retracted_hash=digest,
                             version=version, retracted_at=e.get("retracted_at"))
                self.notes.append(Row(path, self.platform, "retract_requested", _REMOVED_HOLD))
                return True
        return False

    def _past_holds(self, ctx: Context) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """Every hold the ledger's history holds, by (article, content hash): the entries of the
        ledger commits whose nanfang.json gained or lost a hold (`git log -G`, one pass a run;
        retractions are rare, so are these commits)."""
        if self._holds is None:
            from govpub.publish.ledger import LEDGER_REF

            self._holds = {}
            found = git.out(ctx.root, "log", "--format=%H", '-G"retracted_hash": "', LEDGER_REF,
                            "--", f"{self.platform}.json")
            for commit in (found or "").split():
                try:
                    old = json.loads(git.out(ctx.root, "cat-file", "blob", f"{commit}:{self.platform}.json") or "{}")
                except ValueError:
                    continue
                for p, e in (old.items() if isinstance(old, dict) else []):
                    if isinstance(e, dict) and isinstance(e.get("retracted_hash"), str):
                        self._holds.setdefault((p, e["retracted_hash"]), []).append(e)
        return self._holds

    def _site_holds(self, ctx: Context) -> dict[str, str]:
        """Articles `govpub retract --deploy` took down whose retracted text is still what the
        commit holds (the withdrawal not merged yet), with why no bundle is made. The hold is
        read from the deploy target, where only the deploy credentials write: 南方号 has no list
        of its own to look at, and a ledger entry removed or replayed without its hold (anyone
        with push rights can) would otherwise hand the retracted article back to the operators."""
        if not ctx.deploy:
            return {}
        from govpub.publish import deploy

        out = {}
        for path, blob in deploy.holds(ctx.deploy).items():
            now = git.out(ctx.root, "rev-parse", "--verify", "-q", f"{ctx.commit or 'HEAD'}:{path}")
            if now == blob and path in ctx.articles and ctx.articles[path].meta.get("status") != "withdrawn":
                out[path] = ("已用 govpub retract --deploy 撤下（记在部署位置），撤稿还没有合并：不生成交接包。"
                             "处理办法：合并撤稿的合并请求")
        return out

    def apply(self, ctx: Context, step: Step) -> Row:
        if step.action == "withdraw":
            return self._withdraw(ctx, step.article, None)
        try:
            folder = bundle(ctx.articles[step.article], ctx.root, ctx.out / "nanfang", ctx.base_url)
        except GovpubError as exc:
            self._record(step.article, state="failed", error=exc.message)
            return Row(step.article, self.platform, "failed", str(exc))
        shown = _rel(folder, ctx.root)
        self._record(step.article, state="bundled", bundle=shown, content_hash=self._hash(ctx, step.article),
                     version=self._version(ctx, step.article), error=None)
        return Row(step.article, self.platform, "bundled", f"交接包：{shown}" + (f"（{step.detail}）" if step.detail else ""))

    def _withdraw(self, ctx: Context, path: str, reason: str | None) -> Row:
        removed = _remove_bundle(ctx.out / "nanfang", path)
        # Gitea: every run's bundles are copied to GOVPUB_BUNDLE_DIR/<run id>/ for the operators
        # (publish.yml); an older run's copy of a withdrawn article could be handed off again
        handed = Path(os.environ.get("GOVPUB_BUNDLE_DIR") or "/nonexistent")
        if handed.is_dir():
            for run in sorted(handed.iterdir()):
                if run.is_dir() and not run.is_symlink():
                    removed = _remove_bundle(run, path) or removed
        self._record(path, state="retract_requested", retracted_at=clock.minute(),
                     **({"retracted_reason": reason} if reason else {}))
        note = "；本地的交接包已删除，以免再被交给运营人员" if removed else ""
        return Row(path, self.platform, "retract_requested",
                   f"没有接口：请运营人员在南方号后台删除该文章（已记入台账）{note}")

    def verify(self, ctx: Context) -> list[Row]:
        return self.notes

    def retract(self, ctx: Context, path: str, reason: str) -> Row:
        e = self.ledger.entries.get(path, {})
        # until the withdrawal is merged, never bundle this version again: the version main holds
        # (this checkout's commit, not the work tree the retraction has just marked), whatever
        # the ledger last bundled (an older version, a bundle that failed, none yet)
        committed = self._committed_hash(ctx, path)
        held = committed or e.get("content_hash")
        if not e.get("state"):
            if committed:  # on main for 南方号, not bundled yet: the next publish must not
                self._record(path, state="retracted", retracted_hash=committed, version=self._version(ctx, path),
                             retracted_at=clock.minute(), retracted_reason=reason)
            return Row(path, self.platform, "retracted",
                       "没有发往南方号" + ("；撤稿合并前也不会生成交接包" if committed else ""))
        if held:
            self._record(path, retracted_hash=held, version=self._version(ctx, path))
        row = self._withdraw(ctx, path, reason)
        if self.key is None:
            row.message += ("。注意：本机没有发布环境的凭据，这条撤稿保留无法签名，发布运行不会采信，会重新生成交接包："
                            "请在配置了凭据的电脑上重新运行本命令，或立即合并撤稿")
        return row

    def _committed_hash(self, ctx: Context, path: str) -> str | None:
        """The content hash of the article as this checkout's commit holds it (with its pictures),
        None when the commit has no such article, has it withdrawn already or not for 南方号."""
        blob = git.run_bytes(ctx.root, "show", f"{ctx.commit or 'HEAD'}:{path}", check=False)
        if blob.returncode != 0:
            return None
        from govpub.site.model import front_matter

        meta = front_matter(blob.stdout)
        channels = meta.get("channels")
        if meta_text(meta.get("status")) == "withdrawn" or not isinstance(channels, list) or PLATFORM not in channels:
            return None
        with tempfile.TemporaryDirectory(prefix="govpub-nanfang-") as tmp:
            copy = Path(tmp) / "article.md"
            copy.write_bytes(blob.stdout)
            return content_hash(copy, self._files(ctx, path))

    def close(self) -> None:
        pass
