"""The privacy sweep over what the deployed site serves besides its pages (Art. 12): the
attachments readers download, and the files a crawler fetches (search index, sitemap, feeds).

A CSV of mediation parties uploaded before the content checks existed, or copied to the server
by hand, stays public until someone reads it. Each attachment the site serves (the suffixes of
govpub.content.attachment_text) is read with the content checks' own extraction, capped at
attachment_text.MAX_CHARS characters, and the personal-data and secret-marking rules run over its
text. A finding names the file, where in it (row, page, sheet), the pages that link it and what
to do. Reading costs seconds a file for a large PDF: the results are kept in a cache keyed by the
file's SHA-256 and the rules' stamp, so a daily run reads only new or changed files.

Early warnings for the inspection: legacy binary Office/WPS files (.doc .xls .ppt .wps .et .dps:
the national rules ask for open formats; their text cannot be read here either) and attachments
no page links (orphans: still downloadable by their address, out of any editor's sight)."""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from govpub.audit.sweep import Exposure, html_text
from govpub.rules.engine import RuleSet

RULE_PREFIXES = ("privacy.", "secret.")
CACHE_VERSION = 1
# what a crawler fetches besides the pages: MkDocs' search index, the sitemap, the RSS/JSON feeds
SEARCH_INDEX = "search/search_index.json"
_FEED_NAMES = ("sitemap.xml", "feed_rss_created.xml", "feed_rss_updated.xml", "feed_json_created.json",
               "feed_json_updated.json")
ATTACHMENT_ACTION = ("撤下附件：从网站删除该文件并重新部署（govpub retract 链接它的文章，或删除附件后 govpub build）；"
                     "需要继续公开的，遮盖个人信息或密级标注后替换原文件，经三审后重新发布")
SITE_DEFECT_ACTION = ("网站缺陷：页面以外的文件（搜索索引、网站地图、订阅源）公开了页面上没有的个人信息。"
                      "处理办法：运行 govpub build 重新构建并部署，仍然出现的报告给维护人员")


@dataclass
class AttachmentReport:
    files: int = 0  # attachments served
    read: int = 0  # read this run (not from the cache)
    cached: int = 0
    exposures: list[Exposure] = field(default_factory=list)
    discouraged: list[dict[str, Any]] = field(default_factory=list)
    orphans: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"files": self.files, "read": self.read, "cached": self.cached,
                "discouraged": self.discouraged, "orphans": self.orphans}


class _Links(HTMLParser):
    """The href and src addresses of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


def _page_url(site_dir: Path, page: Path) -> str:
    rel = page.relative_to(site_dir).as_posix()
    return rel.removesuffix("index.html") if rel.endswith("index.html") else rel


def link_map(site_dir: Path, home: str = "", tick: Callable[[], None] = lambda: None) -> dict[str, list[str]]:
    """Each file of the site (its path under site_dir) -> the URLs of the pages that link it.
    home: the site's address (site_url): a link written in full to the site itself counts."""
    home_parts = urlsplit(home)
    out: dict[str, set[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        tick()
        parser = _Links()
        try:
            parser.feed(page.read_text("utf-8", errors="replace"))
            parser.close()
        except AssertionError:  # HTMLParser on a hopeless page
            continue
        base = posixpath.dirname(page.relative_to(site_dir).as_posix())
        url = _page_url(site_dir, page)
        for target in parser.targets:
            parts = urlsplit(target.strip())
            path = unquote(parts.path)
            if parts.netloc and home_parts.netloc and parts.netloc.lower() == home_parts.netloc.lower():
                prefix = home_parts.path.rstrip("/") + "/"
                if not parts.path.startswith(prefix):
                    continue
                path = "/" + unquote(parts.path[len(prefix):])
            elif parts.scheme or parts.netloc or not parts.path:
                continue
            joined = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
            if not joined.startswith("../"):
                out.setdefault(joined, set()).add(url)
    return {k: sorted(v) for k, v in out.items()}


def _home(rules: RuleSet) -> str:
    from govpub.errors import GovpubError
    from govpub.site.config import site_url

    try:
        return site_url(rules.policy.root)
    except (GovpubError, OSError):  # no mkdocs.yml: only relative and root links count
        return ""


def _rules_stamp(rules: RuleSet, ids: list[str]) -> str:
    """What a cached result depends on besides the file: the rules that ran and checks/."""
    h = hashlib.sha256(json.dumps(ids).encode())
    checks = rules.policy.root / "checks"
    for path in sorted(checks.rglob("*")) if checks.is_dir() else []:
        if path.is_file():
            h.update(path.relative_to(checks).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _load_cache(path: Path | None, stamp: str) -> dict[str, list[list[Any]]]:
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("rules") != stamp:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _scan(rules: RuleSet, ids: list[str], text: Any) -> list[list[Any]]:
    """[line, where, rule, message] of the findings in an attachment's text (AttachmentText): as
    the checks list them, at most PER_RULE a rule, the last one naming how many more (a register
    of ten thousand parties is one finding to act on, not ten thousand report lines)."""
    import itertools

    from govpub.rules.document import Document
    from govpub.rules.engine import HIT_LIMIT, PER_RULE

    doc = Document(text, rules.policy)
    found = []
    for rid in ids:
        hits = list(itertools.islice(rules.instance(rid).check(doc), HIT_LIMIT + 1))
        cut = len(hits) > HIT_LIMIT  # the rule stopped: the count is "more than"
        del hits[HIT_LIMIT:]
        for n, hit in enumerate(hits[:PER_RULE], 1):
            message = hit.message
            if n == PER_RULE and len(hits) > PER_RULE:
                more = f"{len(hits) - PER_RULE} 处" + ("以上" if cut else "")
                message += f"（另有 {more}同类问题未列出：整个文件都要撤下核对）"
            found.append([text.line_col(hit.start)[0], text.where(hit.start), rid, message])
    return found


def sweep_attachments(rules: RuleSet, site_dir: Path, cache: Path | None = None,
                      tick: Callable[[], None] = lambda: None) -> AttachmentReport:
    """The served attachments of site_dir: their findings, the legacy formats and the orphans.
    cache: the JSON file of earlier results (read and rewritten), None for none."""
    from govpub.content import attachment_text
    from govpub.content.assets import BINARY_OFFICE_SUFFIXES
    from govpub.fsutil import write_atomic

    ids = [rid for rid in rules.classes if rid.startswith(RULE_PREFIXES)]
    stamp = _rules_stamp(rules, ids)
    known = _load_cache(cache, stamp)
    kept: dict[str, list[list[Any]]] = {}
    links = link_map(site_dir, _home(rules), tick)
    report = AttachmentReport()
    label = site_dir.name
    served = attachment_text.SUFFIXES | BINARY_OFFICE_SUFFIXES
    # a link is not followed (a deploy folder's link to /etc or to a huge file); the publish gate refuses them
    for path in sorted(p for p in site_dir.rglob("*") if p.suffix.lower() in served and p.is_file() and not p.is_symlink()):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith("search/") or rel in _FEED_NAMES:
            continue
        shown = f"{label}/{rel}"
        pages = links.get(rel, [])
        suffix = path.suffix.lower()
        if not pages:
            report.orphans.append({"path": shown, "message": "附件没有任何页面链接，但仍可通过地址下载",
                                   "action": "确认是否仍需公开：不需要的从网站删除；需要的在对应文章中加上链接"})
        if suffix in BINARY_OFFICE_SUFFIXES:
            report.discouraged.append({"path": shown, "pages": pages, "message": (
                f"附件是旧版二进制格式（{suffix}），检查指标要求使用通用、开放的格式，其中的文字也无法排查个人信息"),
                "action": "另存为 PDF 或 .docx/.xlsx，逐页核对没有个人信息后替换原文件"})
            continue
        report.files += 1
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        found = known.get(digest)
        if found is None:
            report.read += 1
            text = attachment_text.load(path, shown)
            found = _scan(rules, ids, text) if text is not None else []
        else:
            report.cached += 1
        kept[digest] = found
        for line, where, rid, message in found:
            linked_from = "、".join(pages) if pages else "没有页面链接（孤立附件）"
            report.exposures.append(Exposure(shown, line, rid, f"附件{where}：{message}（链接它的页面：{linked_from}）",
                                             ATTACHMENT_ACTION, pages=pages, where=where, source="attachment"))
    if cache is not None:
        try:  # only a saving: an unwritable report folder is reported when the report is written
            cache.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(cache, json.dumps({"version": CACHE_VERSION, "rules": stamp, "files": kept},
                                           ensure_ascii=False) + "\n", fsync=False)
        except OSError:
            pass
    return report


def _surfaces(site_dir: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """(file, [(where, text)]) of the files a crawler reads besides the pages."""
    out: list[tuple[str, list[tuple[str, str]]]] = []
    index = site_dir / SEARCH_INDEX
    if index.is_file():
        try:
            docs = json.loads(index.read_text("utf-8", errors="replace")).get("docs", [])
        except (ValueError, AttributeError):
            docs = []
        out.append((SEARCH_INDEX, [(f"条目 {d.get('location', '')}", html_text(f"{d.get('title', '')}\n{d.get('text', '')}"))
                                   for d in docs if isinstance(d, dict)]))
    for name in _FEED_NAMES:
        path = site_dir / name
        if path.is_file():
            raw = path.read_text("utf-8", errors="replace")
            out.append((name, [("", html_text(html_text(raw)) if name.endswith(".xml") else raw)]))
    return out


def sweep_surfaces(rules: RuleSet, site_dir: Path) -> list[Exposure]:
    """Personal data in the search index, sitemap and feeds that no page shows: a site defect
    (an index built from the unmasked source, a feed of a withdrawn article)."""
    from govpub.content.article import Article
    from govpub.rules.document import Document

    shown = "\n".join(html_text(p.read_text("utf-8", errors="replace")) for p in sorted(site_dir.rglob("*.html")))
    ids = [rid for rid in rules.classes if rid.startswith(RULE_PREFIXES)]
    out = []
    for name, pieces in _surfaces(site_dir):
        for n, (where, text) in enumerate(pieces, 1):
            art = Article(path=f"{site_dir.name}/{name}", text=text, body_start=0, markdown=False)
            doc = Document(art, rules.policy)
            for rid in ids:
                for hit in rules.instance(rid).check(doc):
                    if text[hit.start:hit.end] in shown:
                        continue  # the page shows it too: reported with the page
                    out.append(Exposure(art.path, n if where else art.line_col(hit.start)[0], rid,
                                        f"网站缺陷：{where or '文件'}中 {hit.message}", SITE_DEFECT_ACTION,
                                        where=where, source="site"))
    return out
