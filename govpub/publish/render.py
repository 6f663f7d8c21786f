"""An article's body as safe, inline-styled HTML for platforms that take no stylesheet
(WeChat, 南方号): first the one allowlist sanitizer of the site (govpub.site.sanitize, nh3:
scripts, frames and the like removed with their content, the HTML balanced), then the
channel's narrower tag list (ALLOWED; other tags unwrapped, their text kept), every attribute
but src, alt and href removed, every style inline (css-inline), external links turned into
numbered footnotes (anchors dropped, mailto: shown as text), code blocks keeping their lines, images resolved through a callback (uploaded URL for
WeChat, images/01.jpg for a hand-off bundle); a missing or external image is an error."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from govpub.content.article import Article
from govpub.errors import GovpubError
from govpub.site.sanitize import clean, outline

# Kept tags (a subset of sanitize.TAGS) and the attributes each keeps; every other tag is unwrapped (text kept).
ALLOWED = {"p": (), "h2": (), "h3": (), "h4": (), "strong": (), "em": (), "b": (), "i": (), "u": (),
           "ul": (), "ol": ("start",), "li": (), "blockquote": (), "table": (), "thead": (), "tbody": (), "tr": (),
           "th": (), "td": (), "br": (), "hr": (), "img": ("src", "alt"), "a": ("href",), "sup": (),
           "section": (), "figure": (), "figcaption": (), "code": (), "pre": ()}
VOID = {"br", "hr", "img"}
HEADING_SHIFT = {"h5": "h4", "h6": "h4"}  # after sanitize.outline (the first heading h2, no level skipped)
# The website's Markdown (mkdocs.yml markdown_extensions, less toc, which only adds heading ids):
# a list numbered from 3 starts at 3 and a footnote is a footnote on every channel
# (tests/site/test_readers10.py compares the two). A footnote's way back (↩) is a link within the
# page, which a copy has not: no text.
EXTENSIONS = ("tables", "attr_list", "fenced_code", "sane_lists", "footnotes")
EXTENSION_CONFIGS = {"footnotes": {"BACKLINK_TEXT": ""}}

STYLE = """
p{margin:0 0 1em;text-align:justify;color:#222}
h2{font-size:18px;font-weight:bold;margin:1.5em 0 0.8em;color:#b71c1c;border-left:4px solid #b71c1c;padding-left:8px}
h3{font-size:17px;font-weight:bold;margin:1.2em 0 0.6em;color:#222}
h4{font-size:16px;font-weight:bold;margin:1em 0 0.5em;color:#222}
strong,b{color:#222}
blockquote{margin:1em 0;padding:8px 12px;background:#f6f6f6;border-left:3px solid #ccc;color:#555}
ul,ol{margin:0 0 1em;padding-left:1.5em;color:#222}
li{margin:0.3em 0}
table{border-collapse:collapse;width:100%;margin:1em 0;font-size:14px}
th,td{border:1px solid #ccc;padding:6px 8px;color:#222}
th{background:#f2f2f2}
img{max-width:100%;height:auto;display:block;margin:0.8em auto}
sup{color:#1565c0;font-size:12px}
pre{background:#f6f6f6;padding:8px 12px;font-size:13px;line-height:1.6;white-space:pre-wrap;word-break:break-all}
"""
# The wrapper and the footnotes are govpub's own elements: styled here, inline from the start,
# so that no class attribute has to be taken out of the finished HTML again.
SECTION_STYLE = "color:#222;font-size:16px;line-height:1.8;letter-spacing:0.5px"
NOTES_TITLE_STYLE = "color:#666;font-size:14px;margin-top:2em;border-top:1px solid #ddd;padding-top:8px"
NOTE_STYLE = "margin:0 0 0.4em;color:#666;font-size:13px;word-break:break-all"



class RenderError(GovpubError):
    """The body cannot be rendered faithfully (an image that is missing or not in the repository)."""


@dataclass
class Rendered:
    html: str
    images: list[Path] = field(default_factory=list)  # local files, in order of appearance
    footnotes: list[str] = field(default_factory=list)


_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")  # a link that means something outside the website


class _Sanitizer(HTMLParser):
    def __init__(self, folder: Path, root: Path, image_src: Callable[[int, Path], str],
                 link_ok: Callable[[str], bool], source: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.folder, self.root = folder, root
        self.image_src, self.link_ok = image_src, link_ok
        self.out: list[str] = []
        self.links: list[tuple[str | None, int]] = []  # (footnote url or None when kept inline, start in out)
        self.pre = 0  # depth inside <pre>: line breaks kept as <br>
        self.source = source  # the article's path, for errors
        self.result = Rendered("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = HEADING_SHIFT.get(tag, tag)
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "img":
            self._image(values)
            return
        if tag == "a":
            href = values.get("href", "").strip()
            if href.startswith("#") or not _ADDRESS.match(href):
                # an anchor, or a relative link _absolute_links left (not on the website: a held or
                # missing article, a file; an HTML link): nothing outside the website page, the text stays
                href = ""
            if self.link_ok(href):
                self.out.append(f'<a href="{escape(href)}">')
                self.links.append((None, len(self.out)))
            else:
                self.links.append((href, len(self.out)))
            return
        if tag == "pre":
            self.pre += 1
        if tag not in ALLOWED:
            return  # unwrap: keep the text, drop the tag
        start = values.get("start", "")
        if tag == "ol" and start.isdigit() and int(start) > 1:
            self.out.append(f'<ol start="{int(start)}">')  # numbered as written: 3. 4. …
            return
        self.out.append(f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        tag = HEADING_SHIFT.get(tag, tag)
        if tag == "a":
            href, start = self.links.pop() if self.links else (None, 0)
            if href is None:
                self.out.append("</a>")
            elif href.lower().startswith("mailto:"):
                address = href[7:].split("?")[0]
                if address and address not in "".join(self.out[start:]):
                    self.out.append(f"（{escape(address)}）")  # an e-mail address is shown, never a footnote
            elif href:
                self.result.footnotes.append(href)
                self.out.append(f"<sup>[{len(self.result.footnotes)}]</sup>")
            return
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in ALLOWED and tag not in VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.pre:
            lines = [escape(line, quote=False).replace(" ", "&nbsp;") for line in data.rstrip("\n").split("\n")]
            self.out.append("<br>".join(lines))
        else:
            self.out.append(escape(data, quote=False))

    def _image(self, values: dict[str, str]) -> None:
        src = values.get("src", "")
        alt = values.get("alt", "")
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or src.startswith("//"):
            raise RenderError(f"外部图片 {src}：公众号和南方号不显示外链图片", path=self.source,
                              hint="把图片下载后放在文章旁边，用相对路径引用，如 ![说明](photo1.jpg)")
        path = (self.folder / posixpath.normpath(src.split("#")[0])).resolve()
        if not path.is_relative_to(self.root.resolve()) or not path.is_file():
            raise RenderError(f"找不到的图片 {src}", path=self.source,
                              hint="把图片放在文章旁边并用相对路径引用，如 ![说明](photo1.jpg)；或删去这张图片")
        if not beside(path, self.folder):
            raise RenderError(f"图片 {src} 不在文章所在的文件夹中：以后改动那个文件只经过它所在位置的审核，"
                              "公众号和南方号上这篇文章显示的图片就会变", path=self.source,
                              hint="把图片复制到文章旁边，用相对路径引用，如 ![说明](photo1.jpg)")
        self.result.images.append(path)
        url = self.image_src(len(self.result.images), path)
        self.out.append(f'<img src="{escape(url)}" alt="{escape(alt)}">')


def beside(path: Path, folder: Path) -> bool:
    """path (resolved: no symlink leads out) lies in the article's folder or below it."""
    return path.resolve().is_relative_to(folder.resolve())


def render(art: Article, root: Path, *, image_src: Callable[[int, Path], str],
           link_ok: Callable[[str], bool] = lambda href: False) -> Rendered:
    """The body as inline-styled HTML. Links for which link_ok is false become footnotes."""
    import css_inline
    import markdown

    body = re.sub(r"<!--.*?-->", "", art.body, flags=re.DOTALL)
    # attr_list as on the website: `{: … }` is consumed (its attributes dropped below), not printed
    html = markdown.markdown(body, extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS,
                             output_format="html")
    sanitizer = _Sanitizer((root / art.path).parent, root, image_src, link_ok, art.path)
    sanitizer.feed(outline(clean(html, site_images_only=False)))
    sanitizer.close()
    result = sanitizer.result
    parts = ["".join(sanitizer.out)]
    if result.footnotes:
        parts.append(f'<p style="{NOTES_TITLE_STYLE}">文中链接</p>')
        parts.extend(f'<p style="{NOTE_STYLE}">[{i}] {escape(url)}</p>' for i, url in enumerate(result.footnotes, 1))
    fragment = f'<section style="{SECTION_STYLE}">{"".join(parts)}</section>'
    result.html = css_inline.inline_fragment(fragment, STYLE)
    return result
