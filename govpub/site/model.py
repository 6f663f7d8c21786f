"""The website as plain data: articles, column listings, home, sections, 网站地图, neighbours,
page meta tags and URLs.

No MkDocs import here: the MkDocs plugin (govpub/site/plugin.py) turns this data into
pages and the incremental build (govpub/site/incremental.py) keys its dependency logic
on it, so moving to another site generator replaces the plugin and keeps this module.
Front matter is read by the article model's one reader (govpub.content.article.parse):
`no` stays a string and dates stay the text the author wrote, as in the content checks.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

from govpub.content.article import parse
from govpub.content.dates import parse_datetime, parse_day
from govpub.site.config import meta_text as _text
from govpub.site.sanitize import safe_url, visible


@dataclass
class Entry:
    """One article as the site needs it."""

    src_uri: str
    column: str
    meta: dict[str, Any]
    url: str = ""
    withdrawn: bool = False
    pos: int = 0  # place in its column's listing, newest first
    description: str = ""  # summary, else the body's first sentences (set when the page renders)
    originals: list[str] = field(default_factory=list)  # src_uris this one interprets
    interpretations: list[str] = field(default_factory=list)  # src_uris interpreting this one

    @property
    def title(self) -> str:
        return _text(self.meta.get("title")) or posixpath.basename(self.src_uri)[:-3]

    @property
    def pub(self) -> str:
        """Publish time, YYYY-MM-DD HH:MM (PubDate)."""
        return _text(self.meta.get("date"))

    @property
    def repost(self) -> dict[str, Any] | None:
        rp = self.meta.get("repost")
        return rp if isinstance(rp, dict) else None

    def item(self) -> dict[str, str]:
        """What a listing or a neighbour link shows of it."""
        return {"title": self.title, "url": self.url, "pub": self.pub}


# The front-matter keys the site shows or needs. Every other key (a reviewer's note, an
# internal remark, the withdrawal reason, which the notice page does not show) never leaves
# the build: not into a template, not into the manifest written beside the pages.
SITE_KEYS = frozenset({"title", "column", "department", "author", "date", "channels", "summary", "cover",
                       "doc_number", "interprets", "repost", "status", "withdrawn_at"})


def site_fields(meta: dict[str, Any]) -> dict[str, Any]:
    """The SITE_KEYS of the front matter, their text without the characters that reorder or
    split it unseen (sanitize.visible: a U+202E in a title shows its words backwards)."""
    return {k: _visible(v) for k, v in meta.items() if k in SITE_KEYS}


def _visible(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {k: _visible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_visible(v) for v in value]
    return value


def front_matter(raw: bytes) -> dict[str, Any]:
    """The site's keys of the front matter of an article's bytes ({} when it has none, or it
    is broken: the content checks report that and stop `govpub build` before the site is built)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}
    return site_fields(parse("", text).meta)


def held(meta: dict[str, Any], now: str) -> str | None:
    """Why an article that is not withdrawn must not reach readers (website and every channel)
    yet, or None. Fail closed: a status other than withdrawn (status: draft, a typo) is not
    published, and neither is an article whose publish time (Beijing, YYYY-MM-DD HH:MM) is
    later than `now`: it appears with the first publish run after that time. A publish time in
    another form (01/01/2099, 2099年1月1日) cannot be compared with `now` as text: held too
    (meta.date tells the drafter the form at check time)."""
    status = _text(meta.get("status"))
    if status and status != "withdrawn":
        return f"status 是“{status}”（只有不写 status 的文章才发布）"
    if meta.get("status") is not None and meta.get("status") != status:
        # "withdrawn " : the site reads it as withdrawn, a channel comparing it as written did not
        return f"status 写成了“{meta.get('status')}”（前后有空白）"
    when = _text(meta.get("date"))
    if when and parse_datetime(when) is None:
        return f"发布时间“{when}”不是 YYYY-MM-DD HH:MM，不知道什么时候发布"
    if when and when > now:
        return f"发布时间 {when} 还没有到"
    return None


def references(src_uri: str, raw: bytes, meta: dict[str, Any]) -> set[str]:
    """The files under content/ (as src_uris) an article links to or shows: Markdown links and
    images, HTML src/href, reference definitions and the cover."""
    text = raw.decode("utf-8", "replace")
    folder = posixpath.dirname(src_uri)
    found = set()
    targets = [next(g for g in m.groups() if g) for m in _REF.finditer(text)]
    if isinstance(meta.get("cover"), str):
        targets.append(meta["cover"])
    for target in targets:
        target = unquote(target.split("#", 1)[0].split("?", 1)[0].strip())
        if not target or "://" in target or target.startswith(("/", "mailto:", "tel:")):
            continue
        found.add(posixpath.normpath(posixpath.join(folder, target)))
    return found


# Markdown links and images ([a](x.pdf), [a](<附件 1.pdf>): a name with spaces is written in <>),
# HTML src/href (quoted values may hold spaces), reference definitions (not a footnote's [^1]: text)
_REF = re.compile(r"\]\(\s*(?:<([^>\n]+)>|([^)\s>]+))"
                  r"|\b(?:src|href)\s*=\s*(?:\"([^\"\n]+)\"|'([^'\n]+)'|([^\"'\s>]+))"
                  r"|^\s{0,3}\[(?!\^)[^\]]+\]:\s*(?:<([^>\n]+)>|([^\s>]+))", re.M)


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL of the page built from content/<src_uri>, as MkDocs forms it
    (File.url; tests/site compare the two)."""
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    name = "index" if stem == "README" else stem
    if not use_directory_urls or name == "index":
        dest = posixpath.join(parent, name + ".html")
    else:
        dest = posixpath.join(parent, name, "index.html")
    dirname, base = posixpath.split(dest)
    url = (dirname or ".") + "/" if use_directory_urls and base == "index.html" else dest
    return quote(url)


def content_source(meta: dict[str, Any], organisation: str) -> str:
    """ContentSource of an article: a repost's source, else the bureau and the department."""
    rp = meta.get("repost")
    if isinstance(rp, dict) and rp.get("source_name"):
        return _text(rp["source_name"])
    dep = _text(meta.get("department"))
    return f"{organisation}{dep}" if dep and dep != organisation else organisation


def link_interpretations(entries: dict[str, Entry]) -> list[tuple[str, str]]:
    """解读 ↔ 原文: the interpretation names its original, the original lists it back.
    Returns (src_uri, target) for each `interprets` that names no live article."""
    broken = []
    for entry in entries.values():
        target = entry.meta.get("interprets")
        if entry.withdrawn or not isinstance(target, str):
            continue
        uri = posixpath.normpath(posixpath.join(posixpath.dirname(entry.src_uri), target))
        original = entries.get(uri)
        if original is None or original.withdrawn:
            broken.append((entry.src_uri, target))
            continue
        entry.originals.append(uri)
        original.interpretations.append(entry.src_uri)
    return broken


def order_columns(by_column: dict[str, list[Entry]]) -> None:
    """Each column's listing newest first; every entry learns its place."""
    for items in by_column.values():
        items.sort(key=lambda e: (e.pub, e.src_uri), reverse=True)
        for pos, e in enumerate(items):
            e.pos = pos


def blank_columns(columns: dict[str, dict[str, Any]], by_column: dict[str, list[Entry]]) -> str | None:
    """The build's warning when columns have nothing published (withdrawn and held articles do
    not count): the site shows 本栏目暂无信息 there and an inspector counts each as a 空白栏目,
    five of which fail the whole site (gov-site-rules §3). None when every column has items."""
    blank = [f"{_text(columns[slug].get('name')) or slug}（{slug}）" for slug in columns if not by_column.get(slug)]
    if not blank:
        return None
    return (f"govpub：栏目 {'、'.join(blank)} 没有已发布的信息，网站上是空白栏目（国家检查指标：空白栏目达到 5 个即单项否决）。"
            "处理办法：发布该栏目的信息，或把栏目从 checks/registry/columns.yml 中去掉（归并到其他栏目）")


def relations(entry: Entry, siblings: list[Entry], entries: dict[str, Entry]) -> dict[str, Any]:
    """What an article's page shows of other articles: 上一篇 (the newer neighbour) and 下一篇
    within its column (newest first), the originals it interprets and the interpretations
    of it (newest first). Together with the article's own bytes and the global inputs this
    is everything its page depends on: the incremental build keys the page on it."""
    i = entry.pos
    return {
        "previous": siblings[i - 1].item() if i > 0 else None,
        "next": siblings[i + 1].item() if i + 1 < len(siblings) else None,
        "originals": [entries[u].item() for u in entry.originals],
        "interpretations": [entries[u].item() for u in sorted(
            entry.interpretations, key=lambda u: entries[u].pub, reverse=True)],
    }


HOME = "index.md"
SITEMAP = "wzdt.md"  # 网站地图
OPEN = "zwgk/index.md"  # 政务公开
SERVICE = "zwfw/index.md"  # 政务服务
INTERACT = "hdjl/index.md"  # 互动交流
XXGK = "xxgk/index.md"  # 政府信息公开

# The entries every 政府信息公开 column has (国办公开办函〔2019〕61号: 政府信息公开指南, 制度,
# 法定主动公开内容, 年报), each known by words of the name the bureau gives it in mkdocs.yml
XXGK_REQUIRED: dict[str, tuple[str, ...]] = {
    "政府信息公开指南": ("指南",), "政府信息公开制度": ("制度",), "法定主动公开内容": ("法定主动公开",),
    "政府信息公开年报": ("年报", "年度报告")}
XXGK_TARGETS = ("article", "columns", "url")


def xxgk_problems(value: Any, columns: Mapping[str, Any]) -> list[str]:
    """What is wrong with extra.govpub.xxgk (the 政府信息公开 entries): each a {name, and one of
    article (the path of an article under content/), columns (slugs of checks/registry/columns.yml)
    or url (http/https)}. [] when it is right."""
    if not isinstance(value, list) or not value:
        return ["应是一个列表，每项写 name 和 article、columns、url 之一"]
    out = []
    for n, item in enumerate(value, 1):
        where = f"第 {n} 项"
        if not isinstance(item, Mapping) or not _text(item.get("name")):
            out.append(f"{where}缺少 name（栏目名称，如 政府信息公开指南）")
            continue
        where += f"（{_text(item.get('name'))}）"
        targets = [k for k in XXGK_TARGETS if item.get(k) is not None]
        if len(targets) != 1:
            out.append(f"{where}要写且只写 article、columns、url 中的一个")
            continue
        target = item[targets[0]]
        if targets[0] == "article":
            if not _text(target).endswith(".md"):
                out.append(f"{where}的 article 应是 content/ 下文章的路径，如 tzgg/2026/xxgk-zhinan.md")
        elif targets[0] == "columns":
            slugs = target if isinstance(target, list) else [target]
            unknown = [_text(s) for s in slugs if _text(s) not in columns]
            if unknown or not slugs:
                out.append(f"{where}的 columns 含有栏目登记表中没有的栏目 {unknown}")
        elif not safe_url(_text(target)):
            out.append(f"{where}的 url 不是 http:// 或 https:// 开头的网址")
    return out


def xxgk_unpublished(value: list[Mapping[str, Any]], entries: Mapping[str, Entry]) -> list[str]:
    """The articles extra.govpub.xxgk names that are not on the site (missing, held, withdrawn):
    the page shows 暂无信息 there, and staff are told (an inspector counts it a 空白栏目)."""
    return [f"{_text(item['name'])}（content/{_text(item['article'])}）" for item in value
            if item.get("article") is not None and (
                (e := entries.get(_text(item["article"]))) is None or e.withdrawn)]


def xxgk_missing(value: Any) -> list[str]:
    """The required 政府信息公开 entries that extra.govpub.xxgk does not name."""
    names = [_text(item.get("name")) for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []
    return [need for need, words in XXGK_REQUIRED.items() if not any(w in name for name in names for w in words)]


@dataclass
class Page:
    """A page the site generator makes: where, its title, which template and its data."""

    uri: str
    title: str
    template: str  # govpub/<template>.html under overrides/
    info: dict[str, Any]


@dataclass
class Site:
    """The whole site as plain data: the generator renders it, it computes nothing itself."""

    columns: dict[str, dict[str, Any]]
    ident: Mapping[str, Any]  # extra.govpub of mkdocs.yml, validated (govpub.site.identity)
    organisation: str
    site_name: str
    site_description: str
    site_url: str
    service_columns: list[str]
    use_dirs: bool = True
    per_page: int = 20
    home_items: int = 6
    entries: dict[str, Entry] = field(default_factory=dict)
    by_column: dict[str, list[Entry]] = field(default_factory=dict)
    consultations: list[dict[str, Any]] = field(default_factory=list)

    # -- navigation ----------------------------------------------------------------------
    def url(self, src_uri: str) -> str:
        """Site-relative URL of a page (templates make it relative with the `url` filter)."""
        return page_url(src_uri, self.use_dirs)

    def open_columns(self) -> list[str]:
        return [slug for slug in self.columns if slug not in self.service_columns]

    def crumbs(self, *trail: tuple[str, str | None]) -> list[dict[str, str | None]]:
        """当前位置: 首页 > … ; the last step is the page itself (no link)."""
        first: dict[str, str | None] = {"name": "首页", "url": self.url(HOME)}
        return [first] + [{"name": n, "url": u} for n, u in trail]

    def group(self, slug: str) -> tuple[str, str]:
        return ("政务服务", self.url(SERVICE)) if slug in self.service_columns else ("政务公开", self.url(OPEN))

    def column_ref(self, slug: str, latest: int = 0) -> dict[str, Any]:
        col = self.columns[slug]
        items = self.by_column.get(slug, [])
        return {"slug": slug, "name": _text(col["name"]), "description": _text(col.get("description")),
                "url": self.url(f"{slug}/index.md"), "count": len(items),
                "items": [e.item() for e in items[:latest]]}

    # -- meta tags -----------------------------------------------------------------------
    def site_meta(self) -> list[tuple[str, str]]:
        return [("SiteName", self.site_name), ("SiteDomain", _text(self.ident["site_domain"])),
                ("SiteIDCode", _text(self.ident["site_id_code"]))]

    def column_meta(self, col: Mapping[str, Any]) -> list[tuple[str, str]]:
        keywords = col.get("keywords") or []
        return [*self.site_meta(), ("ColumnName", _text(col["name"])),
                ("ColumnDescription", _text(col.get("description"))),
                ("ColumnKeywords", ",".join(map(_text, keywords))),
                ("ColumnType", _text(col.get("column_type")))]

    # -- generated pages -----------------------------------------------------------------
    def pages(self) -> list[Page]:
        """Every generated page but the withdrawal notices, in the order the site lists them."""
        out = [page for slug in self.columns for page in self.listing(slug)]
        xxgk = self.xxgk()
        return [*out, self.home(), *([xxgk] if xxgk is not None else []),
                self.section(OPEN, "政务公开", self.open_columns()),
                self.section(SERVICE, "政务服务", self.service_columns), self.interact(), self.sitemap()]

    def notice(self, entry: Entry) -> Page:
        """A withdrawn article keeps its URL: a notice page, out of search and sitemap.xml. It does
        not repeat the title: an article is often withdrawn for what its title says (a name, a
        misstated phrase), and the notice would keep that on the site."""
        col = self.columns[entry.column]
        when = _text(entry.meta.get("withdrawn_at"))
        if parse_datetime(when) is None and parse_day(when) is None:
            when = ""  # not a time ("2026-11-26 因……撤回"): the reason stays private, the page says 近期
        return Page(entry.src_uri, "该信息已撤回", "notice", {
            "kind": "notice", "withdrawn_at": when,
            "crumbs": self.crumbs(self.group(entry.column),
                                  (_text(col["name"]), self.url(f"{entry.column}/index.md")), ("该信息已撤回", None))})

    def listing(self, slug: str) -> list[Page]:
        """A column's listing, newest first, per_page entries a page."""
        col = self.columns[slug]
        items = self.by_column.get(slug, [])
        per = max(1, self.per_page)
        pages = max(1, -(-len(items) // per))

        def at(k: int) -> str:
            return self.url(f"{slug}/index.md" if k == 1 else f"{slug}/page/{k}/index.md")

        out = []
        for n in range(1, pages + 1):
            uri = f"{slug}/index.md" if n == 1 else f"{slug}/page/{n}/index.md"
            chunk = items[(n - 1) * per:n * per]
            pager = None
            if pages > 1:
                pager = {"page": n, "pages": pages, "first": at(1), "last": at(pages),
                         "prev": at(n - 1) if n > 1 else None, "next": at(n + 1) if n < pages else None}
            # every page its own title (<title>, 当前位置): "工作动态（第 2 页）" after the first
            title = _text(col["name"]) if n == 1 else f"{_text(col['name'])}（第 {n} 页）"
            trail = [(_text(col["name"]), None)] if n == 1 else [(_text(col["name"]), at(1)), (f"第 {n} 页", None)]
            out.append(Page(uri, title, "column", {
                "kind": "column", "meta": self.column_meta(col), "column": self.column_ref(slug),
                "items": [e.item() for e in chunk], "pager": pager,
                "crumbs": self.crumbs(self.group(slug), *trail)}))
        return out

    def home(self) -> Page:
        report = self.entries[_text(self.ident["annual_report"])]
        meta = self.column_meta({"name": "首页", "description": self.site_description or self.site_name,
                                 "keywords": [self.site_name], "column_type": "首页"})
        n = self.home_items
        return Page(HOME, self.site_name, "home", {
            "kind": "home", "meta": meta, "annual_report": report.item(),
            "open": [self.column_ref(s, n) for s in self.open_columns()],
            "service": [self.column_ref(s, n) for s in self.service_columns],
            "consultations": self.consultations[:3], "interact_url": self.url(INTERACT),
            "xxgk": self.xxgk_entries(), "xxgk_url": self.url(XXGK), "crumbs": self.crumbs()})

    def section(self, uri: str, name: str, slugs: list[str]) -> Page:
        return Page(uri, name, "section", {
            "kind": "section", "name": name, "columns": [self.column_ref(s, self.home_items) for s in slugs],
            "crumbs": self.crumbs((name, None))})

    def xxgk(self) -> Page | None:
        """政府信息公开: the entries of extra.govpub.xxgk in their order (None when not set)."""
        value = self.ident.get("xxgk")
        if not isinstance(value, list):
            return None
        return Page(XXGK, "政府信息公开", "xxgk", {
            "kind": "xxgk", "entries": self.xxgk_entries(),
            "meta": self.column_meta({"name": "政府信息公开", "description": "政府信息公开指南、制度、法定主动公开内容和年报",
                                      "keywords": ["政府信息公开"], "column_type": "信息公开目录"}),
            "crumbs": self.crumbs(("政府信息公开", None))})

    def xxgk_entries(self) -> list[dict[str, Any]]:
        """Each entry of extra.govpub.xxgk (validated: xxgk_problems) as a page shows it: its name,
        where it leads (an article's page, the column, the address) and what it holds."""
        out: list[dict[str, Any]] = []
        for n, item in enumerate(self.ident.get("xxgk") or [], 1):
            entry: dict[str, Any] = {"name": _text(item["name"]), "anchor": f"xxgk-{n}", "article": None,
                                     "columns": [], "url": None, "external": False}
            if item.get("article") is not None:
                found = self.entries.get(_text(item["article"]))
                if found is not None and not found.withdrawn:  # else 暂无信息 (xxgk_unpublished)
                    entry["article"] = found.item()
                    entry["url"] = entry["article"]["url"]
            elif item.get("columns") is not None:
                slugs = item["columns"] if isinstance(item["columns"], list) else [item["columns"]]
                entry["columns"] = [self.column_ref(_text(s), self.home_items) for s in slugs]
                entry["url"] = self.url(XXGK) + f"#xxgk-{n}"
            else:
                entry["url"], entry["external"] = safe_url(_text(item["url"])), True
            out.append(entry)
        return out

    def interact(self) -> Page:
        return Page(INTERACT, "互动交流", "interact", {
            "kind": "interact", "consultations": self.consultations,
            "meta": self.column_meta({"name": "互动交流", "description": "网民咨询及答复、咨询渠道",
                                      "keywords": ["咨询", "答复", "12348"], "column_type": "咨询投诉"}),
            "crumbs": self.crumbs(("互动交流", None))})

    def sitemap(self) -> Page:
        groups = [{"name": "政务公开", "url": self.url(OPEN),
                   "columns": [self.column_ref(s) for s in self.open_columns()]},
                  {"name": "政务服务", "url": self.url(SERVICE),
                   "columns": [self.column_ref(s) for s in self.service_columns]}]
        return Page(SITEMAP, "网站地图", "sitemap", {
            "kind": "page", "groups": groups, "interact_url": self.url(INTERACT),
            "xxgk": self.xxgk_entries(), "xxgk_url": self.url(XXGK),
            "crumbs": self.crumbs(("网站地图", None))})

    # -- articles ------------------------------------------------------------------------
    def article_info(self, entry: Entry, page_url: str, description: str) -> dict[str, Any]:
        """An article page's data: meta tags, source, 文号, 当前位置 and model.relations."""
        col = self.columns[entry.column]
        source = content_source(entry.meta, self.organisation)
        meta = [*self.site_meta(), ("ColumnName", _text(col["name"])),
                ("ColumnType", _text(col.get("column_type"))),
                ("ArticleTitle", entry.title), ("PubDate", entry.pub),
                ("ContentSource", source),
                ("Keywords", ",".join(map(_text, col.get("keywords") or []))),
                ("Author", _text(entry.meta.get("author")))]
        if description:
            meta.append(("Description", description))
        base = f"https://{_text(self.ident['site_domain']).strip('/')}/"
        if self.site_url:
            base = self.site_url if self.site_url.endswith("/") else self.site_url + "/"
        cover = entry.meta.get("cover")
        if isinstance(cover, str) and cover.strip():
            img = posixpath.normpath(posixpath.join(posixpath.dirname(entry.src_uri), cover.strip()))
            meta.append(("Image", base + img))
        meta.append(("Url", base + page_url))
        rp = entry.repost or {}
        column_url = self.url(f"{entry.column}/index.md")
        return {
            "kind": "article",
            "meta": meta,
            "title": entry.title,
            "pub": entry.pub,
            "source": source,
            "source_url": safe_url(_text(rp.get("source_url"))),
            "source_time": _text(rp.get("published")),
            "doc_number": _text(entry.meta.get("doc_number")),
            "column": {"name": _text(col["name"]), "url": column_url},
            "crumbs": self.crumbs(self.group(entry.column), (_text(col["name"]), column_url), ("正文", None)),
            **relations(entry, self.by_column.get(entry.column, []), self.entries),
        }
