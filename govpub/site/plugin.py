"""The govpub MkDocs plugin: content/ + checks/registry/columns.yml → a government website.

mkdocs.yml points `docs_dir` at content/ itself, so MkDocs finds the articles and their
images with its own file walk and nothing is copied. The plugin then, in one pass over
the files and in time linear in the number of articles:

- reads each article's front matter once (C YAML loader where available);
- drops withdrawn articles and puts a notice page at their old URL;
- generates the home page, one paginated listing per column (newest first) and the
  网站地图 page, as MkDocs "generated" files;
- sets the navigation to home + columns + 网站地图 only. Articles stay out of the nav:
  with them in it every page renders the whole nav and the build grows with the square
  of the site (DESIGN.md, Measured facts);
- gives every page a `govpub` template variable: the meta tags of its page type and,
  for articles, the publish time, ContentSource, 文号 and the 解读 ↔ 原文 links
  (rendered by overrides/main.html).

Site identity (footer, SiteDomain, SiteIDCode...) is validated at build start by
govpub.site.identity: a missing key stops the build with a message naming it.

What reaches a reader is safe whatever the content rules missed (README 网站):
- a symlink under content/ or overrides/, or a file type outside the allowlist of
  govpub.content.assets, stops the build naming the file;
- every page's HTML passes the allowlist sanitizer govpub.site.sanitize;
- an article's front matter reaches the theme's templates only as escaped text (title,
  author, summary); keys such as `template` or `hide` are not passed on;
- images are written to the site without their metadata (EXIF with GPS positions...).
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from govpub import yamlfile
from govpub.content import assets
from govpub.errors import GovpubError
from govpub.policy import Policy, find_root
from govpub.site import identity, sanitize
from govpub.site.config import meta_text as _text

log = logging.getLogger("mkdocs.plugins.govpub")

_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)
_NO_ALT = re.compile(r"!\[\s*\]\(")
_IMG_TAG_NO_ALT = re.compile(r"<img\b(?![^>]*\balt\s*=\s*\"[^\"]+\")[^>]*>", re.I)

HOME = "index.md"
SITEMAP = "wzdt.md"  # 网站地图


class GovpubConfig(Config):
    per_page = c.Type(int, default=20)  # listing entries per page
    home_items = c.Type(int, default=6)  # latest items per column on the home page


def _e(value: Any) -> str:
    return html.escape(_text(value), quote=True)


@dataclass
class Entry:
    """One article as the site needs it (not the full Article model: speed matters here)."""

    src_uri: str
    column: str
    meta: dict[str, Any]
    url: str = ""
    withdrawn: bool = False
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


def read_front_matter(path: str) -> dict[str, Any]:
    """The YAML front matter of a Markdown file ({} when it has none or it is broken)."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            head = fh.read(8192)
            m = _FRONT.match(head)
            if not m and head.startswith("---"):  # long front matter: read the rest
                head += fh.read()
                m = _FRONT.match(head)
    except (OSError, UnicodeDecodeError):
        return {}
    if not m:
        return {}
    try:  # the one YAML reader: no anchors or aliases (an alias bomb is refused at once)
        data = yamlfile.load_text(m.group(1))
    except yamlfile.YamlProblem:
        return {}
    return data if isinstance(data, dict) else {}


class GovpubPlugin(BasePlugin[GovpubConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.by_column: dict[str, list[Entry]] = {}
        self.page_info: dict[str, dict[str, Any]] = {}  # src_uri -> govpub template variable
        self.columns: dict[str, dict[str, Any]] = {}
        self.ident: dict[str, Any] = {}
        self.organisation = ""
        self.site_name = ""
        self.departments: set[str] = set()
        self.images: list[str] = []  # abs_dest_path of every image copied from content/

    # -- configuration -----------------------------------------------------------------
    def on_config(self, config: Any) -> Any:
        try:
            self.ident = identity.validate(config.extra, config.site_name)
        except identity.IdentityError as exc:
            raise PluginError(f"govpub：{exc}") from None
        self.site_name = _text(config.site_name)
        try:
            root = find_root(Path(config.config_file_path or ".").parent)
            policy = Policy(root)
            self.columns = policy.columns
            self.organisation = policy.organisation
        except GovpubError as exc:
            raise PluginError(f"govpub：读取栏目登记表失败：{exc}") from None
        # search.jieba_dict_user is read relative to the current folder: make it relative
        # to mkdocs.yml instead, so the build works from anywhere (tests, govpub build)
        base = Path(config.config_file_path or ".").parent
        for plugin in config.plugins.values():
            opts = getattr(plugin, "config", None)
            for key in ("jieba_dict", "jieba_dict_user"):
                value = opts.get(key) if hasattr(opts, "get") else None
                if isinstance(value, str) and value and not Path(value).is_absolute():
                    opts[key] = str(base / value)
        try:  # jieba announces its dictionary load on stderr at DEBUG level
            import jieba

            jieba.setLogLevel(logging.WARNING)
        except ImportError:
            pass
        self._refuse_symlinks(config)
        if not config.nav:
            config.nav = [{"首页": HOME}]
            config.nav += [{col["name"]: f"{slug}/index.md"} for slug, col in self.columns.items()]
            config.nav.append({"网站地图": SITEMAP})
        return config

    @staticmethod
    def _refuse_symlinks(config: Any) -> None:
        folders = [Path(config.docs_dir)]
        custom = getattr(config.theme, "custom_dir", None)
        if custom:
            folders.append(Path(custom))
        for link in assets.symlinks(*folders):
            raise PluginError(f"govpub：{link} 是符号链接，网站构建不读取符号链接（它可能指向仓库之外的文件）。"
                              "处理办法：删除这个链接，把文件本身放进仓库")

    # -- files -------------------------------------------------------------------------
    @event_priority(50)  # before other plugins look at the files
    def on_files(self, files: Files, config: Any) -> Files:
        self.images.clear()
        docs = Path(config.docs_dir).resolve()
        for f in files:
            if f.generated_by or not f.abs_src_path or not Path(f.abs_src_path).resolve().is_relative_to(docs):
                continue
            if not assets.suffix_allowed(f.src_uri):
                raise PluginError(f"govpub：content/{f.src_uri} 的文件类型不能发布到网站（只允许图片、PDF 和办公文档）。"
                                  "处理办法：删除它；网页内容请写成 Markdown 文章")
            if Path(f.src_uri).suffix.lower() in assets.IMAGE_SUFFIXES:
                self.images.append(f.abs_dest_path)
        self.entries.clear()
        self.by_column = {slug: [] for slug in self.columns}
        self.page_info.clear()
        for f in list(files.documentation_pages()):
            parts = f.src_uri.split("/")
            if len(parts) < 3 or parts[0] not in self.columns or f.generated_by:
                continue
            meta = read_front_matter(f.abs_src_path)
            entry = Entry(f.src_uri, parts[0], meta, url=f.url)
            entry.withdrawn = _text(meta.get("status")) == "withdrawn"
            self.entries[f.src_uri] = entry
            if entry.withdrawn:
                files.remove(f)
                files.append(self._notice(entry, config))
            else:
                self.by_column[parts[0]].append(entry)
        # 解读 ↔ 原文: the interpretation names its original; the original lists them back
        for entry in self.entries.values():
            target = entry.meta.get("interprets")
            if entry.withdrawn or not isinstance(target, str):
                continue
            uri = posixpath.normpath(posixpath.join(posixpath.dirname(entry.src_uri), target))
            original = self.entries.get(uri)
            if original is None or original.withdrawn:
                log.warning("govpub：%s 的 interprets 指向的原文 %s 不存在或已撤回", entry.src_uri, target)
                continue
            entry.originals.append(uri)
            original.interpretations.append(entry.src_uri)
        for items in self.by_column.values():
            items.sort(key=lambda e: (e.pub, e.src_uri), reverse=True)
        report = self.entries.get(_text(self.ident.get("annual_report")))
        if report is None or report.withdrawn:
            raise PluginError(f"govpub：extra.govpub.annual_report 指向的年度报表 "
                              f"content/{self.ident.get('annual_report')} 不存在或已撤回："
                              "《政府网站工作年度报表》必须在首页显著位置发布，请改正路径")
        for slug in self.columns:
            for page_file in self._listing(slug, config):
                files.append(page_file)
        files.append(File.generated(config, HOME, content=self._home(config)))
        files.append(File.generated(config, SITEMAP, content=self._sitemap(config)))
        return files

    def _notice(self, entry: Entry, config: Any) -> File:
        """A withdrawn article keeps its URL: a notice page, out of search and sitemap.xml."""
        when = _text(entry.meta.get("withdrawn_at"))
        text = ("---\ntitle: 该信息已撤回\ngovpub_notice: true\nsearch:\n  exclude: true\n---\n\n"
                "# 该信息已撤回\n\n"
                f"您访问的信息“{_e(entry.title)}”已于 {_e(when) or '近期'} 撤回，不再公开。\n\n"
                "如有疑问，请通过页面底部的联系方式与我们联系。\n")
        self.page_info[entry.src_uri] = {"kind": "notice", "meta": self._site_meta()}
        return File.generated(config, entry.src_uri, content=text)

    def _listing(self, slug: str, config: Any) -> list[File]:
        col = self.columns[slug]
        items = self.by_column.get(slug, [])
        per = max(1, self.config.per_page)
        pages = max(1, -(-len(items) // per))
        out = []
        for n in range(1, pages + 1):
            uri = f"{slug}/index.md" if n == 1 else f"{slug}/page/{n}/index.md"
            url = f"{slug}/" if n == 1 else f"{slug}/page/{n}/"
            if not config.use_directory_urls:
                url = uri[:-3] + ".html"
            chunk = items[(n - 1) * per:n * per]
            lines = [f"---\ntitle: {_yaml_str(col['name'])}\nsearch:\n  exclude: true\n---\n",
                     f"# {_e(col['name'])}\n",
                     f'<p class="govpub-column-desc">{_e(col.get("description"))}</p>\n',
                     '<ul class="govpub-list">']
            for e in chunk:
                lines.append(f'<li><a href="{_e(get_relative_url(e.url, url))}">{_e(e.title)}</a>'
                             f' <time class="govpub-date">{_e(e.pub)}</time></li>')
            if not chunk:
                lines.append("<li>本栏目暂无信息。</li>")
            lines.append("</ul>\n")
            if pages > 1:
                lines.append(self._pager(slug, n, pages, url, config))
            self.page_info[uri] = {"kind": "column", "meta": self._column_meta(col)}
            out.append(File.generated(config, uri, content="\n".join(lines)))
        return out

    def _pager(self, slug: str, n: int, pages: int, here: str, config: Any) -> str:
        def link(k: int) -> str:
            target = f"{slug}/" if k == 1 else f"{slug}/page/{k}/"
            if not config.use_directory_urls:
                target = (f"{slug}/index.html" if k == 1 else f"{slug}/page/{k}/index.html")
            return _e(get_relative_url(target, here))

        parts = [f'<nav class="govpub-pager" aria-label="分页">第 {n} / {pages} 页']
        if n > 1:
            parts.append(f'<a href="{link(1)}">首页</a> <a href="{link(n - 1)}" rel="prev">上一页</a>')
        if n < pages:
            parts.append(f'<a href="{link(n + 1)}" rel="next">下一页</a> <a href="{link(pages)}">末页</a>')
        return " ".join(parts) + "</nav>\n"

    def _home(self, config: Any) -> str:
        here = ""
        report = self.entries[_text(self.ident["annual_report"])]
        out = [f"---\ntitle: {_yaml_str(config.site_name)}\nsearch:\n  exclude: true\nhide:\n  - toc\n---\n",
               f"# {_e(config.site_name)}\n",
               '<div class="govpub-annual">'
               f'<a href="{_e(get_relative_url(report.url, here))}">{_e(report.title)}</a>'
               f' <time class="govpub-date">{_e(report.pub)}</time></div>\n',
               '<div class="govpub-home">']
        for slug, col in self.columns.items():
            more = get_relative_url(f"{slug}/" if config.use_directory_urls else f"{slug}/index.html", here)
            out.append(f'<section class="govpub-home-col"><h2><a href="{_e(more)}">{_e(col["name"])}</a></h2>'
                       '<ul class="govpub-list">')
            for e in self.by_column.get(slug, [])[:self.config.home_items]:
                out.append(f'<li><a href="{_e(get_relative_url(e.url, here))}">{_e(e.title)}</a>'
                           f' <time class="govpub-date">{_e(e.pub)}</time></li>')
            if not self.by_column.get(slug):
                out.append("<li>本栏目暂无信息。</li>")
            out.append(f'</ul><p class="govpub-more"><a href="{_e(more)}">更多{_e(col["name"])}</a></p></section>')
        out.append("</div>\n")
        self.page_info[HOME] = {"kind": "home", "meta": self._column_meta(
            {"name": "首页", "description": config.site_description or config.site_name,
             "keywords": [config.site_name], "column_type": "首页"})}
        return "\n".join(out)

    def _sitemap(self, config: Any) -> str:
        here = "wzdt/" if config.use_directory_urls else "wzdt.html"
        out = ["---\ntitle: 网站地图\nsearch:\n  exclude: true\n---\n", "# 网站地图\n", '<ul class="govpub-sitemap">',
               f'<li><a href="{_e(get_relative_url("" if config.use_directory_urls else "index.html", here))}">首页</a></li>']
        for slug, col in self.columns.items():
            target = f"{slug}/" if config.use_directory_urls else f"{slug}/index.html"
            count = len(self.by_column.get(slug, []))
            out.append(f'<li><a href="{_e(get_relative_url(target, here))}">{_e(col["name"])}</a>'
                       f'（{count} 条）：{_e(col.get("description"))}</li>')
        out.append("</ul>\n")
        self.page_info[SITEMAP] = {"kind": "page", "meta": self._site_meta()}
        return "\n".join(out)

    # -- meta tags ---------------------------------------------------------------------
    def _site_meta(self) -> list[tuple[str, str]]:
        return [("SiteName", self.site_name), ("SiteDomain", _text(self.ident["site_domain"])),
                ("SiteIDCode", _text(self.ident["site_id_code"]))]

    def _column_meta(self, col: dict[str, Any]) -> list[tuple[str, str]]:
        keywords = col.get("keywords") or []
        return [*self._site_meta(), ("ColumnName", _text(col["name"])),
                ("ColumnDescription", _text(col.get("description"))),
                ("ColumnKeywords", ",".join(map(_text, keywords))),
                ("ColumnType", _text(col.get("column_type")))]

    def content_source(self, entry: Entry) -> str:
        return content_source(entry.meta, self.organisation)

    def _article_info(self, entry: Entry, page_url: str, config: Any) -> dict[str, Any]:
        col = self.columns[entry.column]
        meta = [*self._site_meta(), ("ColumnName", _text(col["name"])),
                ("ColumnType", _text(col.get("column_type"))),
                ("ArticleTitle", entry.title), ("PubDate", entry.pub),
                ("ContentSource", self.content_source(entry)),
                ("Keywords", ",".join(map(_text, col.get("keywords") or []))),
                ("Author", _text(entry.meta.get("author")))]
        if entry.meta.get("summary"):
            meta.append(("Description", _text(entry.meta["summary"])))
        base = f"https://{_text(self.ident['site_domain']).strip('/')}/"
        if config.site_url:
            base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        cover = entry.meta.get("cover")
        if isinstance(cover, str) and cover.strip():
            img = posixpath.normpath(posixpath.join(posixpath.dirname(entry.src_uri), cover.strip()))
            meta.append(("Image", base + img))
        meta.append(("Url", base + page_url))

        def ref(uri: str) -> dict[str, str]:
            other = self.entries[uri]
            return {"title": other.title, "url": get_relative_url(other.url, page_url), "pub": other.pub}

        rp = entry.repost or {}
        return {
            "kind": "article",
            "meta": meta,
            "title": entry.title,
            "pub": entry.pub,
            "source": self.content_source(entry),
            "source_url": sanitize.safe_url(_text(rp.get("source_url"))),
            "source_time": _text(rp.get("published")),
            "doc_number": _text(entry.meta.get("doc_number")),
            "column": {"name": col["name"], "url": get_relative_url(
                f"{entry.column}/" if config.use_directory_urls else f"{entry.column}/index.html", page_url)},
            "originals": [ref(u) for u in entry.originals],
            "interpretations": [ref(u) for u in sorted(
                entry.interpretations, key=lambda u: self.entries[u].pub, reverse=True)],
        }

    # -- pages -------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        # 适老化 / accessibility: every image needs a text alternative (GB/T 37668, WCAG 1.1.1)
        if page.file.src_uri in self.entries and ("![" in markdown or "<img" in markdown):
            m = _NO_ALT.search(markdown) or _IMG_TAG_NO_ALT.search(markdown)
            if m:
                line = markdown.count("\n", 0, m.start()) + 1
                raise PluginError(f"govpub：content/{page.file.src_uri} 正文第 {line} 行（不含 front matter）的图片缺少替代文字："
                                  "写成 ![图片内容的简要说明](文件名.jpg)，读屏软件会读出这段说明")
        entry = self.entries.get(page.file.src_uri)
        if entry is not None and not entry.withdrawn:
            # The theme renders page.meta without escaping (<title>, <meta name="author">...)
            # and obeys keys such as `template`: pass on only escaped text.
            safe = {"title": escape(entry.title)}
            for key, name in (("author", "author"), ("summary", "description")):
                if _text(entry.meta.get(key)):
                    safe[name] = escape(_text(entry.meta.get(key)))
            page.meta = safe
        return markdown

    @event_priority(-100)  # last: what any plugin or extension produced is sanitized
    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        return sanitize.clean(html)

    def on_post_build(self, config: Any) -> None:
        for dest in self.images:
            assets.strip_file(Path(dest))

    def on_page_context(self, context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
        uri = page.file.src_uri
        entry = self.entries.get(uri)
        if entry is not None and not entry.withdrawn:
            info = self._article_info(entry, page.url, config)
        else:
            info = self.page_info.get(uri) or {"kind": "page", "meta": self._site_meta()}
        context["govpub"] = info
        context["govpub_site"] = self.ident
        return context


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL of the page built from content/<src_uri>, as MkDocs forms it
    (File.url: the value the plugin uses for listings and the Url meta tag)."""
    return File(src_uri, None, "", use_directory_urls).url


def content_source(meta: dict[str, Any], organisation: str) -> str:
    """ContentSource of an article: a repost's source, else the bureau and the department."""
    rp = meta.get("repost")
    if isinstance(rp, dict) and rp.get("source_name"):
        return _text(rp["source_name"])
    dep = _text(meta.get("department"))
    return f"{organisation}{dep}" if dep and dep != organisation else organisation


def _yaml_str(value: Any) -> str:
    return '"' + _text(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
