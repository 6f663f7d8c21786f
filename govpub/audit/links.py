"""Broken links: internal ones always, external ones on request (timeouts, a cache)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from govpub.content.article import Article
from govpub.fsutil import write_atomic
from govpub.policy import Policy
from govpub.rules.document import Document

if TYPE_CHECKING:
    import httpx


@dataclass
class BrokenLink:
    path: str
    line: int
    url: str
    reason: str
    external: bool = False
    transient: bool = False  # a timeout or a server error twice: may work tomorrow, checked again next run

    def as_json(self) -> dict[str, object]:
        return self.__dict__.copy()


def _links(policy: Policy, art: Article) -> Iterator[tuple[int, Any]]:
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


OFFLINE = "无法连接互联网，外部链接未检查"
ONLINE_PROBE = "https://www.gov.cn/"  # asked once, only when every link so far failed to connect
OFFLINE_AFTER = 3  # links failing to connect, with no server answering, before the probe is asked
TRANSIENT = "暂时无法访问"  # the reason's start for a timeout or server error that a retry did not cure


@dataclass
class External:
    broken: list[BrokenLink]
    offline: bool  # no network: nothing was checked, and nothing is reported as broken


def external(policy: Policy, articles: list[Article], config: dict[str, Any],
             tick: Callable[[], None] = lambda: None) -> External:
    """HEAD (then GET) every external http(s) link, remembering answers for cache_hours.

    Without a network every link fails to connect; that is one fact about this machine, not
    thousands of dead links. When the first links all fail to connect and no server has
    answered, one well-known address (online_probe_url) is asked; if it cannot be reached
    either, the check stops, reports nothing and leaves the cache as it was."""
    import httpx

    cache_file = _cache_path()
    try:
        cache: dict[str, list[Any]] = json.loads(cache_file.read_text("utf-8"))
    except (OSError, ValueError):
        cache = {}
    out: dict[tuple[str, int, str], BrokenLink] = {}  # one entry per link per line, however often written
    with httpx.Client(timeout=httpx.Timeout(float(config.get("timeout_seconds", 10))), follow_redirects=True,
                      headers={"User-Agent": "govpub-audit/1 (link check)"}) as client:
        checker = _Checker(client, cache, config)
        try:
            for art in articles:
                for line, link in _links(policy, art):
                    if link.scheme not in ("http", "https"):
                        continue
                    tick()
                    found = checker.reason(link.url)
                    if found:
                        out.setdefault((art.path, line, link.url), BrokenLink(
                            art.path, line, link.url, found, external=True, transient=found.startswith(TRANSIENT)))
            if checker.offline():
                return External([], True)
        except _Offline:
            return External([], True)
    _save_cache(cache_file, {**cache, **checker.fresh})
    return External(list(out.values()), False)


class _Offline(Exception):
    """No server can be reached from this machine: the check stops and reports nothing."""


class _Checker:
    """Answers per URL, from the cache or by asking, with the offline detection."""

    def __init__(self, client: httpx.Client, cache: dict[str, list[Any]], config: dict[str, Any]) -> None:
        self.client, self.cache = client, cache
        self.max_age = 3600 * float(config.get("cache_hours", 24))
        self.limit = int(config.get("max_links", 2000))
        self.retry_delay = float(config.get("retry_delay_seconds", 2))
        self.probe_url = str(config.get("online_probe_url", ONLINE_PROBE))
        self.now = time.time()
        self.seen: dict[str, str | None] = {}
        self.fresh: dict[str, list[Any]] = {}
        self.answered = False  # some server answered: the network works
        self.unreachable = 0

    def offline(self) -> bool:
        if self.answered or not self.unreachable:
            return False
        self.answered = not _probe(self.client, self.probe_url)[1]
        return not self.answered

    def reason(self, url: str) -> str | None:
        """Why the link is broken ("" or None when it works or was not checked)."""
        if url not in self.seen:
            cached = self.cache.get(url)
            if cached and self.now - cached[1] < self.max_age:
                self.seen[url] = cached[0]
            elif len(self.seen) >= self.limit:
                self.seen[url] = None  # over the limit: not checked this time
            else:
                reason, no_connection = _probe(self.client, url)
                if _flaky(reason):  # a timeout, 429 or 5xx: servers have bad moments; ask once more
                    time.sleep(self.retry_delay)
                    again, no_connection = _probe(self.client, url)
                    reason = again and (f"{TRANSIENT}（{again}，重试后仍失败）" if _flaky(again) else again)
                self.answered = self.answered or not no_connection
                self.unreachable += no_connection
                self.seen[url] = reason
                if not reason.startswith(TRANSIENT):  # a passing failure is asked again next run
                    self.fresh[url] = [reason, self.now]
                if self.unreachable == OFFLINE_AFTER and self.offline():
                    raise _Offline
        return self.seen[url]


def _save_cache(cache_file: Path, cache: dict[str, list[Any]]) -> None:
    try:
        write_atomic(cache_file, json.dumps(cache, ensure_ascii=False), fsync=False)
    except OSError:
        pass


def _flaky(reason: str) -> bool:
    return reason == "超时无响应" or reason in ("HTTP 429", "HTTP 408") or reason.startswith("HTTP 5")


def _probe(client: httpx.Client, url: str) -> tuple[str, bool]:
    """('' when the link works, else why not (in Chinese); whether no server could be reached at
    all: a name that does not resolve, a refused or timed-out connection)."""
    import httpx

    try:
        response = client.head(url)
        if response.status_code in (405, 501):  # servers that refuse HEAD
            response = client.get(url)
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        return f"无法连接（{type(exc).__name__}）", True
    except httpx.TimeoutException:
        return "超时无响应", False
    except httpx.HTTPError as exc:
        return f"无法连接（{type(exc).__name__}）", False
    if response.status_code >= 400:
        return f"HTTP {response.status_code}", False
    return "", False
