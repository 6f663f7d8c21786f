"""Broken links: internal ones always, external ones on request (timeouts, a cache)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from govpub.content.article import Article
from govpub.policy import Policy
from govpub.rules.document import Document


@dataclass
class BrokenLink:
    path: str
    line: int
    url: str
    reason: str

    def as_json(self) -> dict[str, object]:
        return self.__dict__.copy()


def _links(policy: Policy, art: Article):  # noqa: ANN202
    doc = Document(art, policy)
    for link in doc.links:
        start, _ = doc.markup.span(link.start, link.end)
        yield art.line_col(start)[0], link


def internal(policy: Policy, articles: list[Article]) -> list[BrokenLink]:
    root = policy.root.resolve()
    out = []
    for art in articles:
        folder = (root / art.path).parent
        for line, link in _links(policy, art):
            if link.scheme or link.host or link.url.startswith(("#", "/")):
                continue
            target = unquote(link.url.split("#")[0].split("?")[0])
            if not target:
                continue
            path = (folder / target).resolve()
            if not path.is_relative_to(root):
                out.append(BrokenLink(art.path, line, link.url, "指向仓库之外"))
            elif not path.exists():
                out.append(BrokenLink(art.path, line, link.url, "文件不存在"))
    return out


def _cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govpub" / "external-links.json"


def external(policy: Policy, articles: list[Article], config: dict,
             tick: Callable[[], None] = lambda: None) -> list[BrokenLink]:
    """HEAD (then GET) every external http(s) link, remembering answers for cache_hours."""
    import httpx

    timeout = float(config.get("timeout_seconds", 10))
    max_age = 3600 * float(config.get("cache_hours", 24))
    limit = int(config.get("max_links", 2000))
    cache_file = _cache_path()
    try:
        cache: dict[str, list] = json.loads(cache_file.read_text("utf-8"))
    except (OSError, ValueError):
        cache = {}
    now = time.time()
    seen: dict[str, str | None] = {}
    out = []
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True,
                      headers={"User-Agent": "govpub-audit/1 (link check)"}) as client:
        for art in articles:
            for line, link in _links(policy, art):
                if link.scheme not in ("http", "https"):
                    continue
                tick()
                url = link.url
                if url not in seen:
                    cached = cache.get(url)
                    if cached and now - cached[1] < max_age:
                        seen[url] = cached[0]
                    elif len(seen) >= limit:
                        seen[url] = None  # over the limit: not checked this time
                    else:
                        seen[url] = _probe(client, url)
                        cache[url] = [seen[url], now]
                reason = seen[url]
                if reason:
                    out.append(BrokenLink(art.path, line, url, reason))
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(cache, ensure_ascii=False), "utf-8")
        os.replace(tmp, cache_file)
    except OSError:
        pass
    return out


def _probe(client, url: str) -> str:  # noqa: ANN001 - httpx.Client
    """'' when the link works, else why not (in Chinese)."""
    import httpx

    try:
        response = client.head(url)
        if response.status_code in (405, 501):  # servers that refuse HEAD
            response = client.get(url)
    except httpx.TimeoutException:
        return "超时无响应"
    except httpx.HTTPError as exc:
        return f"无法连接（{type(exc).__name__}）"
    if response.status_code >= 400:
        return f"HTTP {response.status_code}"
    return ""
