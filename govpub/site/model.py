"""The website as plain data: articles, column listings, neighbours, page URLs.

No MkDocs import here: the MkDocs plugin (govpub/site/plugin.py) turns this data into
pages and the incremental build (govpub/site/incremental.py) keys its dependency logic
on it, so moving to another site generator replaces the plugin and keeps this module.
Front matter is read by the article model's one reader (govpub.content.article.parse):
`no` stays a string and dates stay the text the author wrote, as in the content checks.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from govpub.content.article import parse
from govpub.site.config import meta_text as _text


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


def front_matter(raw: bytes) -> dict[str, Any]:
    """The front matter of an article's bytes ({} when it has none, or it is broken: the
    content checks report that and stop `govpub build` before the site is built)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}
    return parse("", text).meta


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
