"""The built site: meta tags and footer items every page must carry (gov-site-rules.md §1, §2)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

EVERY_PAGE = ("SiteName", "SiteDomain", "SiteIDCode")
ARTICLE = ("ArticleTitle", "PubDate", "ContentSource")
COLUMN = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
FOOTER = {"网站标识码": r"网站标识码", "ICP备案编号": r"ICP备", "公安机关备案": r"公网安备|公安机关备案",
          "网站地图": r"网站地图", "我为政府网站找错": r"我为政府网站找错", "主办单位": r"主办单位"}
_META = re.compile(r"<meta\s+[^>]*name=[\"'](?P<name>[A-Za-z]+)[\"'][^>]*content=[\"'](?P<content>[^\"']*)[\"']",
                   re.IGNORECASE)
_FOOTER = re.compile(r"<footer\b.*?</footer>", re.DOTALL | re.IGNORECASE)
PUBDATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


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
        html = path.read_text("utf-8", errors="replace")
        if "<html" not in html[:2000].lower() or "http-equiv=\"refresh\"" in html[:2000]:
            continue  # redirects and fragments are not pages
        pages += 1
        rel = path.relative_to(site_dir).as_posix()
        meta = {m.group("name"): m.group("content") for m in _META.finditer(html)}
        missing = [n for n in EVERY_PAGE if not meta.get(n)]
        if "ArticleTitle" in meta:
            missing += [n for n in ARTICLE if not meta.get(n)]
            if meta.get("PubDate") and not PUBDATE.match(meta["PubDate"]):
                out.append(PageProblem(rel, f"PubDate“{meta['PubDate']}”应为 YYYY-MM-DD HH:MM"))
        elif "ColumnName" in meta:  # a column page (article pages name their column too)
            missing += [n for n in COLUMN if not meta.get(n)]
        if missing:
            out.append(PageProblem(rel, f"缺少网页元数据：{'、'.join(missing)}"))
        footer = _FOOTER.search(html)
        text = footer.group() if footer else ""
        absent = [name for name, pattern in FOOTER.items() if not re.search(pattern, text)]
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
        html = path.read_text("utf-8", errors="replace")
        want = target.rstrip("/").rsplit("/", 1)[-1]
        hrefs = re.findall(r'href="([^"]+)"', html)
        return any(h.rstrip("/").endswith(want) for h in hrefs)

    for interp, original in pairs:
        if not page(interp).is_file() or not page(original).is_file():
            continue  # withdrawn or not built: reported elsewhere
        if not links_to(interp, original):
            out.append(PageProblem(interp, f"政策解读没有链接到原文（{original}）"))
        if not links_to(original, interp):
            out.append(PageProblem(original, f"政策原文没有链接到解读（{interp}）"))
    return out
