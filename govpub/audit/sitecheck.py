"""The built site: meta tags and footer items every page must carry (gov-site-rules.md §1, §2)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EVERY_PAGE = ("SiteName", "SiteDomain", "SiteIDCode")
ARTICLE = ("ArticleTitle", "PubDate", "ContentSource")
COLUMN = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
FOOTER = {"网站标识码": r"网站标识码", "ICP备案编号": r"ICP备", "公安机关备案": r"公网安备|公安机关备案",
          "网站地图": r"网站地图", "我为政府网站找错": r"我为政府网站找错", "主办单位": r"主办单位"}
PUBDATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


@dataclass
class Page:
    """What the audit reads from a built page: parsed, so attribute order, quoting and case
    do not matter."""

    meta: dict[str, str] = field(default_factory=dict)
    hrefs: list[str] = field(default_factory=list)
    footer: str = ""
    is_page: bool = False  # has an <html> element and is not a refresh redirect


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._footer_depth = 0
        self._footer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if tag == "html":
            self.page.is_page = True
        elif tag == "meta":
            if a.get("http-equiv", "").lower() == "refresh":
                self.page.is_page = False
            elif a.get("name"):
                self.page.meta.setdefault(a["name"], a.get("content", ""))
        elif tag == "a" and a.get("href"):
            self.page.hrefs.append(a["href"])
        if tag == "footer" or self._footer_depth:
            self._footer_depth += tag == "footer"

    def handle_endtag(self, tag: str) -> None:
        if tag == "footer" and self._footer_depth:
            self._footer_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._footer_depth:
            self._footer.append(data)

    def close(self) -> None:
        super().close()
        self.page.footer = "".join(self._footer)


def read_page(path: Path) -> Page:
    parser = _PageParser()
    parser.feed(path.read_text("utf-8", errors="replace"))
    parser.close()
    return parser.page


@dataclass
class PageProblem:
    page: str
    message: str

    def as_json(self) -> dict[str, object]:
        return self.__dict__.copy()


def check_site(site_dir: Path, tick: Callable[[], None] = lambda: None) -> tuple[int, list[PageProblem]]:
    pages = 0
    out: list[PageProblem] = []
    for path in sorted(site_dir.rglob("*.html")):
        tick()
        page = read_page(path)
        if not page.is_page:
            continue  # redirects and fragments are not pages
        pages += 1
        rel = path.relative_to(site_dir).as_posix()
        meta = page.meta
        missing = [n for n in EVERY_PAGE if not meta.get(n)]
        if "ArticleTitle" in meta:
            missing += [n for n in ARTICLE if not meta.get(n)]
            if meta.get("PubDate") and not PUBDATE.match(meta["PubDate"]):
                out.append(PageProblem(rel, f"PubDate“{meta['PubDate']}”应为 YYYY-MM-DD HH:MM"))
        elif "ColumnName" in meta:  # a column page (article pages name their column too)
            missing += [n for n in COLUMN if not meta.get(n)]
        if missing:
            out.append(PageProblem(rel, f"缺少网页元数据：{'、'.join(missing)}"))
        absent = [name for name, pattern in FOOTER.items() if not re.search(pattern, page.footer)]
        if absent:
            out.append(PageProblem(rel, f"页脚缺少：{'、'.join(absent)}"))
    return pages, out


def interpretation_links(site_dir: Path, pairs: list[tuple[str, str]]) -> list[PageProblem]:
    """Each 解读 page links to its 原文 and the 原文 page links back (site-relative URLs)."""
    out: list[PageProblem] = []

    def page(url: str) -> Path:
        return site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url

    def links_to(source: str, target: str) -> bool:
        path = page(source)
        if not path.is_file():
            return False
        want = _site_path("", target)
        return any(_site_path(source, href) == want for href in read_page(path).hrefs)

    for interp, original in pairs:
        if not page(interp).is_file() or not page(original).is_file():
            continue  # withdrawn or not built: reported elsewhere
        if not links_to(interp, original):
            out.append(PageProblem(interp, f"政策解读没有链接到原文（{original}）"))
        if not links_to(original, interp):
            out.append(PageProblem(original, f"政策原文没有链接到解读（{interp}）"))
    return out


def _site_path(page_url: str, href: str) -> str | None:
    """A link of the page at site-relative `page_url`, as a site-relative page path
    ("a/b/" and "a/b/index.html" are the same page); None for links off the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    path = unquote(parts.path)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join(base, path) or ".")
    joined = joined.removesuffix("index.html").rstrip("/")
    return "" if joined == "." else joined
