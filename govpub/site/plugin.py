"""The govpub MkDocs plugin: content/ + checks/registry/columns.yml → a government website.

mkdocs.yml points `docs_dir` at content/ itself, so MkDocs finds the articles and their
images with its own file walk and nothing is copied. The plugin then, in one pass over
the files and in time linear in the number of articles:

- reads each article's front matter once (C YAML loader where available);
- drops withdrawn articles and puts a notice page at their old URL;
- generates the home page, the 政务公开 / 政务服务 section pages, one paginated listing
  per column (newest first), the 互动交流 page (answered consultations from
  records/consultations, govpub.site.consult) and the 网站地图 page, as MkDocs
  "generated" files that only name their template: the HTML is in Jinja templates under
  overrides/govpub/ (autoescape on), which a bureau can override one by one;
- sets the navigation to 首页, 政务公开 (its columns), 政务服务, 互动交流, 网站地图.
  Articles stay out of the nav: with them in it every page renders the whole nav and the
  build grows with the square of the site (DESIGN.md, Measured facts);
- gives every page a `govpub` template variable: the meta tags of its page type, the
  当前位置 breadcrumb and, for articles, the publish time, ContentSource, 文号, the
  解读 ↔ 原文 links and 上一篇 / 下一篇 within the column (rendered by overrides/main.html).

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

import hashlib
import importlib
import json
import logging
import os
import posixpath
import re
from collections.abc import Callable, Mapping, MutableMapping
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from govpub import clock
from govpub.content import assets, documents
from govpub.errors import GovpubError
from govpub.policy import Policy, find_root
from govpub.rules.html.alt_text import blank as blank_alt
from govpub.rules.html.alt_text import missing_alt
from govpub.site import consult, identity, incremental, model, sanitize, segment
from govpub.site.config import meta_text as _text
from govpub.site.model import (
    HOME,
    INTERACT,
    OPEN,
    SERVICE,
    SITEMAP,
    XXGK,
    Entry,
    content_source,
    page_url,
)

# content_source and page_url live in govpub.site.model (no MkDocs import); named here too
# for the callers that import them from the plugin
__all__ = ["Entry", "GovpubPlugin", "content_source", "page_url", "read_front_matter"]

log = logging.getLogger("mkdocs.plugins.govpub")


# templates the site cannot be built without: a custom_dir lacking one would build a site
# without the footer and meta tags the national rules require
TEMPLATES = ("main.html", "partials/footer.html", "govpub/home.html", "govpub/section.html",
             "govpub/column.html", "govpub/sitemap.html", "govpub/notice.html", "govpub/interact.html",
             "partials/govpub-article.html", "govpub/xxgk.html")
# what the theme folder may hold besides templates (copied into the site as they are)
# what makes an SVG served as a page run or fetch something: scripts, event attributes, embedded
# HTML, links or images from elsewhere, entity declarations
_SVG_ACTIVE = re.compile(rb"<script|\bon[a-z]+\s*=|<foreignObject|<!ENTITY|(?:xlink:)?href\s*=\s*[\"']\s*(?!#)[a-z]+:",
                         re.I)
_SVG_META = re.compile(rb"<metadata\b|\b(?:sodipodi|inkscape):[a-z-]+\s*=", re.I)
# Markdown extensions and MkDocs plugins that include other files or environment values in a page
INCLUDERS = frozenset({"pymdownx.snippets", "markdown_include.include", "mdx_include", "macros",
                       "include-markdown", "mkdocs-include-markdown-plugin"})
THEME_SUFFIXES = frozenset({".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico",
                            ".woff", ".woff2"})


class GovpubConfig(Config):  # type: ignore[no-untyped-call]
    per_page = c.Type(int, default=20)  # listing entries per page
    home_items = c.Type(int, default=6)  # latest items per column on the home page
    description_chars = c.Type(int, default=120)  # Description from the body when no summary


class GovpubPlugin(BasePlugin[GovpubConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.by_column: dict[str, list[Entry]] = {}
        self.page_info: dict[str, dict[str, Any]] = {}  # src_uri -> govpub template variable
        self.columns: dict[str, dict[str, Any]] = {}
        self.ident: Mapping[str, Any] = {}
        self.organisation = ""
        self.named_sites: dict[str, str] = {}  # a site's name -> its domain (sanitize.honest_links)
        self.site_name = ""
        self.departments: set[str] = set()
        self.images: dict[str, str] = {}  # src_uri -> abs_dest_path of every image from content/
        self.theme_images: list[str] = []  # abs_dest_path of every picture from the theme folder
        self.documents: dict[str, str] = {}  # the same for Office documents and PDF (govpub.content.documents)
        self.root = Path(".")
        self.use_dirs = True
        self.service_columns: list[str] = []  # columns under 政务服务; the rest are 政务公开
        self.consultations: list[dict[str, Any]] = []  # answered, de-identified (互动交流)
        self.site = model.Site({}, {}, "", "", "", "", [])  # the site as data, built in on_files
        self._fragments: dict[tuple[str, str], str] = {}
        self.own_nav = False  # the nav is the plugin's (not one written in mkdocs.yml)
        # incremental build (govpub/site/incremental.py); `previous` is set by
        # govpub.publish.build before the build: the built site to reuse, if any
        self.previous: Path | None = None
        self.checked = False  # set by govpub.publish.build: the content checks passed before this build
        self.progress: Callable[[int, int], None] | None = None  # (pages done, pages to render)
        self._done = 0
        self._to_render = 0
        self.mode = "full"  # or "incremental": what this build did
        self.fingerprint = ""
        self.src_hash: dict[str, str] = {}  # src_uri -> sha256 of an article's bytes
        self.metas: dict[str, dict[str, Any] | None] = {}  # src_uri -> front matter for the manifest
        self.prev_manifest: incremental.Manifest | None = None
        self.prev: incremental.Manifest | None = None
        self.prev_search = ""  # the previous build's search_index.json
        self.keys: dict[str, str] = {}
        self.stats: dict[str, tuple[int, ...]] = {}
        self.dirty: set[str] = set()
        self.links: dict[str, dict[str, bool]] = {}  # rendered page -> link targets looked up
        self.page_search: dict[str, list[Any]] = {}  # rendered page -> its search entries
        self.files: Files | None = None
        self._current: str | None = None
        self._search: Any = None  # the search plugin (Material's)
        self._search_seen = 0
        self.carried = 0
        self.search_slices: dict[str, tuple[int, int]] = {}
        self.search_total = 0
        self._lookup: Any = None
        # search segmentation (govpub/site/segment.py): jieba is made ready at the first page
        # the search indexes, with the user dictionary taken from the search plugin's config
        self.jieba_user: str | None = None
        self.segment_sha: str | None = None  # the sharded dictionary copy this build records
        self._segment_ready = False
        self._to_index = 0
        self._worker: segment.Worker | None = None  # segments the search texts beside the build
        self._deferred: list[dict[str, Any]] = []  # search entries whose texts the worker cuts

    # -- configuration -----------------------------------------------------------------
    @event_priority(50)  # before the search plugin's on_config (which would load jieba's dictionary)
    def on_config(self, config: Any) -> Any:
        try:
            self.ident = identity.validate(config.extra, config.site_name)
        except identity.IdentityError as exc:
            raise PluginError(f"govpub：{exc}") from None
        self.site_name = _text(config.site_name)
        self._require_templates(config)
        self._refuse_includes(config)
        try:
            root = find_root(Path(config.config_file_path or ".").parent)
            self.root = root
            policy = Policy(root)
            self.columns = policy.columns
            self.organisation = policy.organisation
            self.named_sites = {**{_text(name): _text(domain).lower() for domain, name in policy.trusted_domains.items()},
                                **{_text(link["name"]): _host_of(_text(link["url"])) for link in self.ident["gov_links"]}}
        except GovpubError as exc:
            raise PluginError(f"govpub：读取栏目登记表失败：{exc}") from None
        # search.jieba_dict_user is read relative to the current folder: make it relative
        # to mkdocs.yml instead, so the build works from anywhere (tests, govpub build)
        base = Path(config.config_file_path or ".").parent
        for plugin in config.plugins.values():
            opts = getattr(plugin, "config", None)
            if not isinstance(opts, MutableMapping):
                continue
            for key in ("jieba_dict", "jieba_dict_user"):
                value = opts.get(key)
                if isinstance(value, str) and value and not Path(value).is_absolute():
                    opts[key] = str(base / value)
            user = opts.get("jieba_dict_user")
            if isinstance(user, str) and user and os.path.isfile(user):
                # loaded by govpub.site.segment when the first page is indexed, not at startup
                self.jieba_user, opts["jieba_dict_user"] = user, None
        try:  # jieba announces its dictionary load on stderr at DEBUG level
            importlib.import_module("jieba").setLogLevel(logging.WARNING)
        except ImportError:
            pass
        self._refuse_symlinks(config)
        self.use_dirs = bool(config.use_directory_urls)
        custom = getattr(config.theme, "custom_dir", None)
        self.fingerprint = incremental.fingerprint(self.root, Path(config.config_file_path or "mkdocs.yml"),
                                                   Path(custom) if custom else None)
        wanted = self.ident.get("service_columns")
        if wanted is None:
            wanted = [slug for slug, col in self.columns.items() if col.get("kind") == "service"]
        unknown = [s for s in wanted if s not in self.columns] if isinstance(wanted, list) else [wanted]
        if unknown:
            raise PluginError(f"govpub：mkdocs.yml 的 extra.govpub.service_columns 含有栏目登记表中没有的栏目 {unknown}。"
                              "处理办法：只列 checks/registry/columns.yml 中的栏目 slug")
        self.service_columns = list(wanted)
        self.own_nav = not config.nav
        if not config.nav:
            xxgk = [{"政府信息公开": XXGK}] if self.ident.get("xxgk") is not None else []
            config.nav = [{"首页": HOME}, *xxgk,
                          {"政务公开": [OPEN, *[f"{s}/index.md" for s in self._open_columns()]]},
                          {"政务服务": [SERVICE, *[f"{s}/index.md" for s in self.service_columns]]},
                          {"互动交流": INTERACT},
                          {"网站地图": SITEMAP}]
        return config

    def _open_columns(self) -> list[str]:
        return [slug for slug in self.columns if slug not in self.service_columns]

    @staticmethod
    def _require_templates(config: Any) -> None:
        custom = getattr(config.theme, "custom_dir", None)
        if not custom:
            raise PluginError("govpub：mkdocs.yml 没有设置 theme.custom_dir（网站模板目录 overrides/）。"
                              "没有它，网页缺少页脚的备案编号、网站标识码和网页元数据。"
                              "处理办法：在 theme 下写 custom_dir: overrides，并从 govpub 仓库复制 overrides/ 目录")
        missing = [t for t in TEMPLATES if not (Path(custom) / t).is_file()]
        if missing:
            raise PluginError(f"govpub：网站模板目录 {custom} 缺少 {'、'.join(missing)}。"
                              "没有这些模板，网页缺少页脚的备案编号、网站标识码或栏目页面。"
                              "处理办法：从 govpub 仓库的 overrides/ 复制缺少的文件（可以修改，不要删除）")

    @staticmethod
    def _refuse_includes(config: Any) -> None:
        """Markdown extensions and plugins that put another file's text (or the environment's
        values) into a page: the content checks and the reviewers read the article, not what
        `--8<-- ".git/config"` would pull in at build time (the publish run holds credentials)."""
        found = [name for name in config.markdown_extensions if isinstance(name, str) and name in INCLUDERS]
        found += [name for name in config.plugins if name.split("/")[-1] in INCLUDERS]
        if found:
            raise PluginError(f"govpub：mkdocs.yml 启用了 {'、'.join(found)}，它会在构建时把其他文件的内容"
                              "（或环境变量）放进网页，这些内容没有经过内容检查和三审。"
                              "处理办法：从 mkdocs.yml 的 markdown_extensions 或 plugins 中删去它，把要复用的文字直接写进文章")

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
        self.documents.clear()
        self._refuse_theme_strays(files, config)
        # MkDocs forms abs_src_path from docs_dir; no symlink inside it (_refuse_symlinks)
        docs = os.path.join(os.path.abspath(config.docs_dir), "")
        for f in files:
            if f.generated_by or not f.abs_src_path or not f.abs_src_path.startswith(docs):
                continue
            if not assets.suffix_allowed(f.src_uri):
                raise PluginError(f"govpub：content/{f.src_uri} 的文件类型不能发布到网站（只允许图片、PDF 和办公文档）。"
                                  "处理办法：删除它；网页内容请写成 Markdown 文章")
            if (refused := documents.refusal(f.src_uri)) is not None:
                raise PluginError(f"govpub：content/{f.src_uri} {refused}")
            if Path(f.src_uri).suffix.lower() in assets.IMAGE_SUFFIXES:
                self.images[f.src_uri] = f.abs_dest_path
            elif Path(f.src_uri).suffix.lower() in documents.SUFFIXES:
                self.documents[f.src_uri] = f.abs_dest_path
        self.entries.clear()
        self.by_column = {slug: [] for slug in self.columns}
        self.page_info.clear()
        self.src_hash.clear()
        self.metas.clear()
        self.prev_manifest = self._trusted_manifest()
        known = self.prev_manifest.sources if self.prev_manifest is not None else {}
        notices: list[Entry] = []
        raws: dict[str, bytes] = {}
        unpublished: list[tuple[str, bytes, dict[str, Any]]] = []  # withdrawn or held back: (src_uri, bytes, meta)
        now = clock.wall_now().strftime(clock.MINUTE)
        generated = {HOME, SITEMAP, OPEN, SERVICE, INTERACT, XXGK, *(f"{slug}/index.md" for slug in self.columns)}
        for f in list(files.documentation_pages()):
            if f.generated_by or not f.abs_src_path:
                continue
            raw = Path(f.abs_src_path).read_bytes()
            sha = self.src_hash[f.src_uri] = hashlib.sha256(raw).hexdigest()
            parts = f.src_uri.split("/")
            if len(parts) < 3 or parts[0] not in self.columns:
                if f.src_uri in generated:  # the plugin's own page replaces it
                    continue
                # no article: the theme would render it with its own front matter (template, title
                # unescaped) and no draft or publish-time hold; the checks call it meta.path
                raise PluginError(f"govpub：content/{f.src_uri} 不在栏目文件夹中，网站不发布它"
                                  "（只发布 content/<栏目代号>/<年份>/<文件名>.md 的文章，栏目见 checks/registry/columns.yml）。"
                                  "处理办法：把它移到所属栏目的年份文件夹中并补全 front matter，或删除它")
            # the same bytes as in the previous build (same govpub): the same front matter
            old = known.get(f.src_uri)
            meta = model.site_fields(old.meta) if old is not None and old.sha == sha and old.meta is not None else None
            if meta is None:
                meta = model.front_matter(raw)
                self.metas[f.src_uri] = incremental.cacheable(meta)
            else:
                self.metas[f.src_uri] = meta
            entry = Entry(f.src_uri, parts[0], meta, url=f.url)
            entry.withdrawn = _text(meta.get("status")) == "withdrawn"
            why = None if entry.withdrawn else model.held(meta, now)
            if why is not None:  # a draft or a later publish time: no page, no listing, no search entry
                log.info("govpub：content/%s 暂不发布：%s", f.src_uri, why)
                files.remove(f)
                unpublished.append((f.src_uri, raw, meta))
                continue
            raws[f.src_uri] = raw
            self.entries[f.src_uri] = entry
            if entry.withdrawn:
                files.remove(f)
                notices.append(entry)
                unpublished.append((f.src_uri, raw, meta))
            else:
                self.by_column[parts[0]].append(entry)
        self._drop_unpublished_files(files, unpublished, raws)
        for uri, target in model.link_interpretations(self.entries):
            log.warning("govpub：%s 的 interprets 指向的原文 %s 不存在或已撤回", uri, target)
        for uri, target in model.link_validity(self.entries):
            log.warning("govpub：%s 的 validity.by 或 replaces 指向的文章 %s 不存在或已撤回（见 meta.validity）", uri, target)
        model.order_columns(self.by_column)
        if (blank := model.blank_columns(self.columns, self.by_column)) is not None:
            log.warning(blank)
        report = self.entries.get(_text(self.ident.get("annual_report")))
        if report is None or report.withdrawn:
            raise PluginError(f"govpub：extra.govpub.annual_report 指向的年度报表 "
                              f"content/{self.ident.get('annual_report')} 不存在或已撤回："
                              "《政府网站工作年度报表》必须在首页显著位置发布，请改正路径")
        self._check_xxgk()
        try:
            self.consultations = consult.answered(self.root)
        except GovpubError as exc:
            raise PluginError(f"govpub：读取咨询记录 records/consultations 失败：{exc}") from None
        self.site = model.Site(
            columns=self.columns, ident=self.ident, organisation=self.organisation, site_name=self.site_name,
            site_description=_text(config.site_description), site_url=_text(config.site_url),
            service_columns=self.service_columns, use_dirs=self.use_dirs, per_page=self.config.per_page,
            home_items=self.config.home_items, entries=self.entries, by_column=self.by_column,
            consultations=self.consultations)
        for entry in notices:
            files.append(self._generated(config, self.site.notice(entry)))
        for page in self.site.pages():
            files.append(self._generated(config, page))
        return files

    def _check_xxgk(self) -> None:
        """extra.govpub.xxgk, the 政府信息公开 entries: wrong ones stop the build; a site without
        them, or without one of the four every such column has, builds with a warning to staff."""
        value = self.ident.get("xxgk")
        if value is None:
            log.warning("govpub：mkdocs.yml 没有 extra.govpub.xxgk，网站没有“政府信息公开”入口（政府信息公开指南、制度、"
                        "法定主动公开内容、年报）。处理办法：按 govpub 仓库的 mkdocs.yml 填写 extra.govpub.xxgk")
            return
        problems = model.xxgk_problems(value, self.columns)
        if problems:
            raise PluginError("govpub：mkdocs.yml 的 extra.govpub.xxgk（政府信息公开）有误：" + "；".join(problems)
                              + "。处理办法：article 写 content/ 下文章的路径（如 tzgg/2026/xxgk-zhinan.md），"
                              "columns 写 checks/registry/columns.yml 中的栏目 slug，url 写完整网址")
        if gone := model.xxgk_unpublished(value, self.entries):
            log.warning("govpub：extra.govpub.xxgk（政府信息公开）中的 %s 不在网站上（不存在、未到发布时间或已撤回），"
                        "网站上这一项显示“暂无信息”，检查时算空白栏目。处理办法：发布这篇文章，或在 mkdocs.yml 中改正路径",
                        "、".join(gone))
        if missing := model.xxgk_missing(value):
            log.warning("govpub：extra.govpub.xxgk（政府信息公开）缺少 %s。处理办法：在 mkdocs.yml 中补上这些项",
                        "、".join(missing))

    def _drop_unpublished_files(self, files: Files, unpublished: list[tuple[str, bytes, dict[str, Any]]],
                                raws: dict[str, bytes]) -> None:
        """The images and attachments a withdrawn article shows or links to leave the site with
        it (an article is often withdrawn for what its attachment disclosed), and those of a draft
        or an article whose publish time is ahead stay out until it is published (at a guessable
        address beside the held page they would be public before their time), unless a published
        article shows or links to the same file, or one in the same folder names it in its text.
        A published article elsewhere that names its own file of the same name (1.jpg, 附件1.pdf)
        keeps nothing: that is another file."""
        gone = set().union(*(model.references(uri, raw, meta) for uri, raw, meta in unpublished))
        if not gone:
            return
        live = {uri: raw for uri, raw in raws.items() if not self.entries[uri].withdrawn}
        shown = set().union(*(model.references(uri, raw, self.entries[uri].meta) for uri, raw in live.items()))
        for uri in sorted(gone):
            f = files.get_file_from_path(uri)
            if f is None or f.is_documentation_page() or f.generated_by or uri in shown:
                continue
            name = posixpath.basename(uri)
            spelled = {name.encode(), quote(name).encode()}
            if any(uri.startswith(posixpath.dirname(src) + "/") and n in raw
                   for src, raw in live.items() for n in spelled):
                continue
            files.remove(f)
            self.images.pop(uri, None)
            self.documents.pop(uri, None)

    def _refuse_theme_strays(self, files: Files, config: Any) -> None:
        """MkDocs copies every file of the theme folder (overrides/) that is not a template into
        the site: a note, an editor's backup (`~`, `.bak`) or a YAML file there would be served
        to readers. Only the file types a theme needs are accepted."""
        self.theme_images.clear()
        custom = getattr(config.theme, "custom_dir", None)
        if not custom:
            return
        base = os.path.join(os.path.abspath(custom), "")
        for f in files:
            src = f.abs_src_path or ""
            if src.startswith(base) and Path(src).suffix.lower() not in THEME_SUFFIXES:
                raise PluginError(f"govpub：网站模板目录中的 {os.path.relpath(src)} 会原样发布到网站上"
                                  "（模板目录中除模板外的文件都会复制到网站）。处理办法：删除它；"
                                  f"模板目录只放模板（.html）和网页资源（{'、'.join(sorted(THEME_SUFFIXES))}）")
            if src.startswith(base) and Path(src).suffix.lower() in assets.IMAGE_SUFFIXES:
                self.theme_images.append(f.abs_dest_path)  # written without metadata after the build
            if src.startswith(base) and src.lower().endswith(".svg"):
                svg = _head(Path(src), 1 << 20)
                if _SVG_ACTIVE.search(svg):
                    raise PluginError(f"govpub：网站模板目录中的 {os.path.relpath(src)} 含有脚本、事件属性、外部引用或嵌入的网页"
                                      "（读者直接打开这个 SVG 时会运行或加载它们）。处理办法：用绘图软件导出为“纯 SVG”，"
                                      "或删去其中的 <script>、on… 属性、<foreignObject> 和指向外部的 href，替换这个文件")
                if _SVG_META.search(svg):
                    raise PluginError(f"govpub：网站模板目录中的 {os.path.relpath(src)} 带有绘图软件的元数据（作者、"
                                      "原文件路径、导出路径等，读者打开 SVG 就能看到）。处理办法：在 Inkscape 中“另存为 → 纯 SVG”"
                                      "（或用 SVGO 等工具去掉 <metadata> 和 inkscape:/sodipodi: 属性），替换这个文件")

    # -- generated pages: front matter naming a template; the HTML is in overrides/govpub/ --
    def _generated(self, config: Any, page: model.Page) -> File:
        info = page.info
        info.setdefault("meta", self.site.site_meta())
        self.page_info[page.uri] = info
        notice = "govpub_notice: true\n" if page.template == "notice" else ""  # kept out of sitemap.xml
        text = (f"---\ntitle: {_yaml_str(page.title)}\ntemplate: govpub/{page.template}.html\n{notice}"
                "search:\n  exclude: true\n---\n")
        return File.generated(config, page.uri, content=text)

    def content_source(self, entry: Entry) -> str:
        return content_source(entry.meta, self.organisation)

    # -- pages -------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        # 适老化 / accessibility: every image needs a text alternative (GB/T 37668, WCAG 1.1.1)
        if page.file.src_uri in self.entries and ("![" in markdown or "<img" in markdown):
            first = next(missing_alt(markdown), None)  # the html.alt-text rule's own judgement
            if first:
                line = markdown.count("\n", 0, first[0]) + 1
                raise PluginError(f"govpub：content/{page.file.src_uri} 正文第 {line} 行（不含 front matter）的图片缺少替代文字："
                                  "写成 ![图片内容的简要说明](文件名.jpg)，读屏软件会读出这段说明")
        entry = self.entries.get(page.file.src_uri)
        if entry is not None and not entry.withdrawn:
            # The theme renders page.meta without escaping (<title>, <meta name="author">...)
            # and obeys keys such as `template`: pass on only escaped text. The Description is
            # set once the page is rendered (on_page_content).
            safe: dict[str, Any] = {"title": escape(entry.title)}
            if _text(entry.meta.get("author")):
                safe["author"] = escape(_text(entry.meta.get("author")))
            page.meta = safe
        return markdown

    def _lead(self, html: str) -> str:
        """The first sentences of the page's sanitized body as a reader sees them, up to
        description_chars characters: the text of its paragraphs and lists, not of headings,
        tables or code (read from the HTML, not the Markdown: a reference definition, a link's
        address or an attr_list never shows on the page and so never reaches the Description)."""
        reader = _LeadText()
        reader.feed(html)
        reader.close()
        text = " ".join("".join(reader.out).split())
        limit = max(20, self.config.description_chars)
        if len(text) <= limit:
            return text
        cut = text.rfind("。", 0, limit)
        return text[:cut + 1] if cut >= limit // 3 else text[:limit] + "……"

    @event_priority(-100)  # last: what any plugin or extension produced is sanitized
    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        cleaned = sanitize.honest_links(sanitize.clean(html), self.named_sites)
        cleaned = self._unlink_missing_pages(cleaned, page.file.src_uri)
        entry = self.entries.get(page.file.src_uri)
        if entry is not None and not entry.withdrawn:
            # the page's one h1 is the article's title (overrides/partials/govpub-article.html): the
            # body's headings an outline below it, as on WeChat and 南方号 (publish/render.py)
            cleaned = sanitize.outline(cleaned)
            for m in _IMG_ALT.finditer(cleaned):
                if m.group(1) is None or blank_alt(m.group(1)):
                    src = posixpath.basename(html_unescape(m.group(2) or ""))  # ../scene.jpg: the page's own address
                    raise PluginError(f"govpub：content/{page.file.src_uri} 正文中的图片 {src} 在网页上没有替代文字"
                                      "（alt 是空的，或只有看不见的字符，或被 {: alt=\"\" } 改成了空的）。"
                                      "处理办法：写成 ![图片内容的简要说明](文件名.jpg)，读屏软件会读出这段说明")
            entry.description = _text(entry.meta.get("summary")) or self._lead(cleaned)
            if entry.description:
                page.meta["description"] = escape(entry.description)
        return cleaned

    def _unlink_missing_pages(self, html: str, src_uri: str) -> str:
        """A link to a file that is not on the site is left by MkDocs as written: an article whose
        publish time is still ahead, a draft, a wrong name (`later-renmian.md`, naming the held
        article's file), or an attachment that is not there (`[附件][f]` with `[f]: mingdan.pdf`, a
        reference the content check meta.local-link does not follow when skipped): a broken link for
        readers (inspections count them). The text stays, the link goes, and staff are told. The
        targets MkDocs looked up and did not find are recorded (on_nav) for the incremental build,
        which builds the page again when the file appears."""
        missing = {path for path, found in self.links.get(src_uri, {}).items() if not found}
        if not missing:
            return html
        folder = posixpath.dirname(src_uri)

        def unlink(m: re.Match[str]) -> str:
            href = html_unescape(m.group(1))
            name = unquote(href.split("#", 1)[0].split("?", 1)[0])
            if sanitize.url_scheme(href) or href.startswith(("#", "/")) or not posixpath.splitext(name)[1]:
                return m.group(0)  # an address, an anchor, a folder: not a file MkDocs looked up
            if posixpath.normpath(posixpath.join(folder, name)).lstrip("/") not in missing:
                return m.group(0)
            log.warning("govpub：content/%s 链接的 %s 不在网站上（未到发布时间、草稿、已删除或路径写错），"
                        "网页上只显示链接文字。处理办法：改正链接，或等那个文件发布后再发布本文",
                        src_uri, href)
            return m.group(3)

        return sanitize.LINK_RE.sub(unlink, html)

    def _post_build(self, config: Any) -> None:
        for dest in self.theme_images:  # a logo exported with its author or GPS position (few, small files)
            assets.strip_file(Path(dest))
        for uri, dest in self.images.items():
            if uri in self.dirty:  # a carried image was stripped when it was first built
                refused = documents.image_refusal(_head(Path(dest)))
                if refused is not None:
                    raise PluginError(f"govpub：content/{uri} {refused}")
                assets.strip_file(Path(dest))
        for uri, dest in self.documents.items():
            if uri in self.dirty:  # the same for attachments: authors, remarks, thumbnails
                try:
                    documents.strip(Path(dest))
                except documents.DocumentError as exc:
                    raise PluginError(f"govpub：content/{uri} {exc}") from None
        # date and column of every article, for the search results (assets/govpub/a11y.js)
        index = {e.url: [e.pub, _text(self.columns[e.column]["name"]), e.item()["validity"]]
                 for items in self.by_column.values() for e in items}
        out = Path(config.site_dir) / "assets/govpub/pages.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")

    # -- incremental build (govpub/site/incremental.py) ----------------------------------
    @event_priority(-100)  # after every plugin changed the files: the set MkDocs builds
    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        self.files = files
        lookup = self._lookup = files.get_file_from_path

        def recorded(path: str) -> File | None:  # the link targets a page's HTML depends on
            found = lookup(path)
            if self._current is not None:
                self.links.setdefault(self._current, {})[path] = found is not None
            return found

        files.get_file_from_path = recorded  # type: ignore[method-assign]
        self.links.clear()
        self.page_search.clear()
        self._search_seen = 0
        self.carried = 0
        # the search plugin's index exists once its on_config ran
        self._search = next((p for p in config.plugins.values() if hasattr(p, "search_index")), None)
        self.prev = self._previous_manifest()
        docs = os.path.join(os.path.abspath(config.docs_dir), "")
        self.keys = {f.src_uri: self._key(f, docs, config) for f in files}
        self.dirty = {f.src_uri for f in files if self.prev is None or self._changed(f, files)}
        self.mode = "full" if self.prev is None else "incremental"
        for f in files:
            f.is_modified = _answer(f.src_uri in self.dirty)  # type: ignore[method-assign]
        self._done = 0
        self._to_render = sum(1 for f in files.documentation_pages() if f.src_uri in self.dirty)
        self._to_index = sum(1 for f in files.documentation_pages()
                             if f.src_uri in self.dirty and f.src_uri not in self.page_info)
        self._segment_ready = False
        self.segment_sha = None
        self._worker = None
        self._deferred = []
        return nav

    def _trusted_manifest(self) -> incremental.Manifest | None:
        """The previous build's manifest when it was made from the same global inputs."""
        if self.previous is None:
            return None
        prev = incremental.load(self.previous)
        return prev if prev is not None and prev.fingerprint == self.fingerprint else None

    def _previous_manifest(self) -> incremental.Manifest | None:
        prev = self.prev_manifest
        if prev is None or self.previous is None:
            return None
        text = incremental.search_text(self.previous, prev)
        if text is None:
            return None
        self.prev_search = text
        return prev

    def _key(self, f: File, docs: str, config: Any) -> str:
        """What the file's output depends on besides the global fingerprint; "" = always rebuilt."""
        uri = f.src_uri
        if f.generated_by:
            if f.generated_by != "govpub" or "/page/" not in uri:  # nav pages, notices, others' files
                return ""
            return incremental.data_key(f.content_string, self.page_info.get(uri))
        src = f.abs_src_path
        if not src or not src.startswith(docs):
            return "theme"  # Material's and overrides/ files: in the fingerprint
        if uri in self.src_hash:
            entry = self.entries.get(uri)
            if entry is None or entry.withdrawn:
                return incremental.data_key(self.src_hash[uri], None)
            return incremental.data_key(self.src_hash[uri], model.relations(
                entry, self.by_column.get(entry.column, []), self.entries))
        stat = incremental.stat_of(src)
        self.stats[uri] = stat
        old = self.prev.sources.get(uri) if self.prev else None
        if old is not None and old.stat == stat:
            return old.key
        return "file:" + incremental.digest(Path(src).read_bytes())

    def _changed(self, f: File, files: Files) -> bool:
        assert self.prev is not None and self.previous is not None
        old = self.prev.sources.get(f.src_uri)
        key = self.keys[f.src_uri]
        if old is None or not key or old.key != key:
            return True
        if any((self._lookup(t) is not None) != existed for t, existed in old.links.items()):
            return True
        return not incremental.output_present(self.previous, old)

    def _clean(self, uri: str) -> bool:
        """Carried over from the previous build (a file added after on_nav is built)."""
        return uri in self.keys and uri not in self.dirty

    def on_pre_page(self, page: Any, config: Any, files: Files) -> Any:
        self._current = page.file.src_uri
        self.links[page.file.src_uri] = {}
        return page

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        self._current = None
        if self._search is not None:  # the entries the search plugin took from this page
            entries = self._search.search_index.entries
            new = self.page_search[page.file.src_uri] = entries[self._search_seen:]
            self._search_seen = len(entries)
            if self._worker is not None and new:  # their title and text not yet cut: the worker cuts them
                self._deferred.extend(new)
                self._worker.submit([t for e in new for t in (e["title"], e["text"])])
        self._done += 1
        if self.progress is not None:
            self.progress(self._done, self._to_render)
        return output

    @event_priority(60)  # before the search plugin writes its index
    def _merge_search(self, config: Any) -> None:
        """The search index in page order: the new entries of rendered pages, the previous
        build's entries of the others as the very text it wrote (no JSON parse of the whole
        index: 100 MB at 10,000 articles). The text is what Material's json.dumps gives for
        the merged entries, one entry's JSON being the same alone or in the list."""
        assert self.files is not None
        self.search_slices = {}
        self.search_total = 0
        if self._search is None:
            return
        index = self._search.search_index
        self._collect_segments(index)
        entries, index.entries = index.entries, []
        head = index.generate_search_index(None)  # {"config":{...},"docs":[]}
        index.entries = entries
        if not head.endswith('"docs":[]}'):
            raise PluginError("govpub：无法识别搜索插件的索引格式（search_index.json）。处理办法：使用 govpub 支持的 "
                              "mkdocs-material 版本，或运行 govpub build --full")
        head = head[:-2]
        parts: list[str] = [head]
        pos = len(head)
        for f in self.files.documentation_pages():
            uri = f.src_uri
            if not self._clean(uri):
                text = ",".join(json.dumps(e, separators=(",", ":"), default=str)
                                for e in self.page_search.get(uri, []))
            else:
                assert self.prev is not None
                start, length = self.prev.sources[uri].search
                text = self.prev_search[start:start + length]
            if not text:
                continue
            if len(parts) > 1:
                parts.append(",")
                pos += 1
            self.search_slices[uri] = (pos, len(text))
            parts.append(text)
            pos += len(text)
        parts.append("]}")
        data = "".join(parts)
        self.search_total = len(data)  # ASCII: characters are bytes
        index.generate_search_index = lambda prev: data  # what the search plugin writes next

    def _collect_segments(self, index: Any) -> None:
        """The worker's cuts into the deferred search entries (in the order they were sent)."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        index.__dict__.pop("_segment_chinese", None)  # Material's own segmentation again
        recorded = self.prev_manifest.segment if self.prev_manifest is not None else ""
        self.segment_sha, cuts = worker.results(self._to_index, recorded or None)
        for k, e in enumerate(self._deferred):
            e["title"], e["text"] = cuts[2 * k], cuts[2 * k + 1]
        self._deferred = []

    @event_priority(-100)  # last: every output is written
    def _finish(self, config: Any) -> None:
        """Carry the clean outputs over from the previous build, then write the manifest."""
        assert self.files is not None
        site = Path(config.site_dir)
        sources: dict[str, incremental.Source] = {}
        for f in self.files:
            uri = f.src_uri
            search = self.search_slices.get(uri, (0, 0))
            if self._clean(uri):
                assert self.prev is not None and self.previous is not None
                old = self.prev.sources[uri]
                if old.output:
                    incremental.carry(self.previous, site, old.output)
                    self.carried += 1
                sources[uri] = incremental.Source(old.key, old.output, old.size, old.links, search, old.stat,
                                                  old.sha, self.metas.get(uri))
                continue
            out = site / f.dest_uri
            size = out.stat().st_size if out.is_file() else -1
            key = self.keys.get(uri, "")
            sha = self.src_hash.get(uri) or (key[5:] if key.startswith("file:") else "")
            sources[uri] = incremental.Source(key, f.dest_uri if size >= 0 else "", size, self.links.get(uri, {}),
                                              search, self.stats.get(uri, ()), sha, self.metas.get(uri))
        recorded = self.segment_sha if self._segment_ready else (
            self.prev_manifest.segment if self.prev_manifest is not None else "")
        custom = getattr(config.theme, "custom_dir", None)
        manifest = incremental.Manifest(self.fingerprint, sources, self.search_total, self.checked, recorded or "",
                                        incremental.shown_hashes(self.root, Path(custom) if custom else None,
                                                                 self.consultations))
        (site / incremental.MANIFEST).write_text(manifest.to_text(), "utf-8")

    on_post_build = CombinedEvent(_merge_search, _post_build, _finish)

    def on_build_error(self, error: Exception) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None
            self._deferred = []

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        self._fragments.clear()
        env.bytecode_cache = _TEMPLATE_CODE  # a later build in this process compiles no template again
        env.globals["govpub_fragment"] = self._fragment
        env.globals["govpub_lastmod"] = self.site.lastmod() if self.site is not None else {}
        return env

    def _fragment(self, name: str, key: str | None, caller: Callable[[], str]) -> str:
        """A template fragment rendered once per key (None: every time), for the parts of a
        page that many pages share byte for byte."""
        if key is None:
            return caller()
        found = self._fragments.get((name, key))
        if found is None:
            found = self._fragments[(name, key)] = caller()
        return found

    @event_priority(50)  # before the search plugin indexes the page
    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        uri = page.file.src_uri
        if not self._segment_ready and self._search is not None and not (page.meta.get("search") or {}).get("exclude"):
            index = self._search.search_index
            jieba_used = getattr(importlib.import_module(type(index).__module__), "jieba", None)
            if jieba_used and self._to_index > segment.WORKER_MIN_PAGES and hasattr(os, "fork"):
                # many pages: cut in a process beside the build, from Material's own function;
                # the search plugin keeps each text as it is until the worker's cut replaces it
                self._worker = segment.Worker(index._segment_chinese, self.jieba_user)
                index._segment_chinese = _uncut
            else:
                recorded = self.prev_manifest.segment if self.prev_manifest is not None else ""
                self.segment_sha = segment.prepare(self.jieba_user, self._to_index, recorded or None)
            self._segment_ready = True
        entry = self.entries.get(uri)
        context["govpub_nav_key"] = None
        if entry is not None and not entry.withdrawn:
            info = self.site.article_info(entry, page.url, entry.description)
            # 来源：广东省司法厅 linking to another host reads 广东省司法厅（other.example）, as in the body
            info["source_host"] = info["source_url"] and sanitize.elsewhere(info["source"], info["source_url"],
                                                                             self.named_sites)
            # an article is never in the nav the plugin made (whose pages are all one folder
            # deep): its nav is the same as any other article's in the same folder
            if self.own_nav:
                context["govpub_nav_key"] = posixpath.dirname(page.url.rstrip("/"))
        else:
            info = self.page_info.get(uri) or {"kind": "page", "meta": self.site.site_meta(),
                                               "crumbs": self.site.crumbs((_text(page.title), None))}
        context["govpub"] = info
        context["govpub_site"] = self.ident
        return context



# A picture of a sanitized page (nh3 writes every attribute quoted): its alt (None when it has
# none) and its src, in either order
_IMG_ALT = re.compile(r'<img\b(?=(?:[^>]*?\salt="([^"]*)")?)(?=(?:[^>]*?\ssrc="([^"]*)")?)[^>]*>', re.I)


class _LeadText(HTMLParser):
    """The text of a sanitized page body outside headings, tables, code blocks and footnotes (the
    marker 1 after a sentence, the note and its way back ↩)."""

    SKIP = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "table", "pre"})
    VOID = frozenset({"br", "img", "hr", "col", "wbr"})  # no end tag

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0  # elements open inside a skipped one, itself included

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            self.skip += tag not in self.VOID
            return
        ident = dict(attrs).get("id") or ""
        if tag in self.SKIP or (tag, ident.split(":")[0]) in (("sup", "fnref"), ("li", "fn")):
            self.skip = 1
        elif tag in ("br", "p", "li", "div", "blockquote", "dd", "dt"):
            self.out.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
        elif tag in ("p", "li", "div", "blockquote", "dd", "dt"):
            self.out.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory for the next build of the same process (tests,
    `mkdocs serve`): Jinja checks each against its template's source checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CODE = _MemoryBytecodeCache()


def _host_of(url: str) -> str:
    """The host of a validated http(s) address (gov_links), without www."""
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").removeprefix("www.")


def _uncut(text: str) -> str:
    """The search plugin's segmentation while a segment.Worker cuts the texts instead."""
    return text


def _head(path: Path, size: int = 65536) -> bytes:
    """The first bytes of a file (empty when it is not there)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def _answer(value: bool) -> Callable[[], bool]:
    """File.is_modified for MkDocs' dirty mode: whether govpub's incremental build renders it."""
    return lambda: value


def read_front_matter(path: str) -> dict[str, Any]:
    """The front matter of a Markdown file, as the site reads it ({} when it has none, or
    it is broken or unreadable)."""
    try:
        return model.front_matter(Path(path).read_bytes())
    except OSError:
        return {}


def _yaml_str(value: Any) -> str:
    return '"' + _text(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
