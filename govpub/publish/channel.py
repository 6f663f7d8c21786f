"""The one small interface every publishing channel implements (DESIGN: plan, apply, verify,
retract), and what the pipeline hands it.

A channel is the module govpub/publish/<platform>.py with a class `Channel`; the platform is
an entry of checks/registry/accounts.yml. Adding an account type is that module plus the
registry entry. A channel never replays a history of pushes: plan() compares the desired
state (ctx.wanted: every approved, non-withdrawn article at the commit whose `channels`
names the platform) with the actual one (its ledger and the platform's own lists) and
returns the steps that close the gap; apply() does one step and records each platform
answer in the ledger at once; verify() looks again and reports what is still wrong."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from govpub.content.article import Article
from govpub.errors import GovpubError
from govpub.policy import Policy
from govpub.publish.ledger import Ledger, Store

STATES = {"published": "已发布", "unchanged": "未变化", "publishing": "发布中", "needs_person": "需人工处理",
          "failed": "失败", "bundled": "已生成交接包", "retracted": "已撤稿", "retract_pending": "待删除",
          "retract_requested": "已通知删除", "deployed": "已上线", "duplicate": "重复已删除", "orphan": "残留已删除"}


@dataclass
class Step:
    article: str  # the article path (or, for a copy nobody wants, what identifies it)
    action: str  # publish | delete | deploy | bundle | invalid
    detail: str = ""


@dataclass
class Row:
    """One line of the publish report."""

    article: str
    platform: str
    state: str  # a key of STATES
    message: str = ""

    @property
    def bad(self) -> bool:
        return self.state in ("failed", "needs_person")


class ChannelStopped(GovpubError):
    """The platform refused in a way that makes further calls pointless this run (quota,
    IP whitelist, credentials): the remaining steps wait for the next run."""

    exit_code = 1


@dataclass
class Context:
    root: Path
    commit: str
    policy: Policy
    store: Store
    base_url: str
    out: Path
    articles: dict[str, Article]  # every article under content/ at the commit, withdrawn ones too
    deploy: str | None = None
    keep: int = 5
    release_info: dict[str, Any] | None = None  # recorded with a published release (govpub publish)
    renew: Callable[[], None] = lambda: None  # keeps the publish lock alive
    clients: dict[str, Any] = field(default_factory=dict)  # injected platform clients (tests)
    settle_seconds: float = 3600.0  # how long a submitted publish may stay in flight unseen
    clock: Callable[[], float] = time.time
    ledgers: dict[str, Ledger] = field(default_factory=dict)  # read once per run, shared by every user
    last_change: dict[str, int] | None = None  # content/ path -> index in `changes` (version)
    changes: list[str] = field(default_factory=list)  # commits that changed content/, newest first

    def version(self, files: list[Path]) -> str | None:
        """The commit that last changed any of the files (repository paths) up to the published
        commit: the history of main, which only reviewed merges extend. Sealed ledger records
        name it, so that an older genuine record, replayed after an article returned byte for
        byte to an earlier text, names an older commit. One `git log` pass per run.

        The whole history in topological order (--full-history --topo-order), not git log's
        simplified one: that follows a merge into the first parent it is identical to, so a
        branch forked before the change and merged (or fast-forwarded) onto the restored text
        led back to the old commit, and the old genuine record verified again. In topological
        order a commit comes before every commit it descends from: the change back to the
        earlier text, made after the other version was published, always comes first."""
        from govpub import git

        if self.last_change is None:
            self.last_change = {}
            text = git.out(self.root, "-c", "core.quotepath=off", "log", "--full-history", "--topo-order",
                           "--format=%x01%H", "--name-only", self.commit or "HEAD", "--", "content/") or ""
            for block in text.split("\x01")[1:]:
                sha, *names = block.strip().splitlines()
                self.changes.append(sha)
                for name in names:
                    self.last_change.setdefault(name, len(self.changes) - 1)
        found = [self.last_change[rel] for f in files
                 if (rel := Path(f).relative_to(self.root).as_posix() if Path(f).is_absolute() else str(f))
                 in self.last_change]
        return self.changes[min(found)] if found else None

    def wanted(self, platform: str) -> list[Article]:
        """The articles the platform should show: not withdrawn, not held back (a status such
        as draft, a publish time still ahead: govpub.site.model.held, as on the website) and
        naming the platform in a `channels` list (a string such as "不发wechat" names none)."""
        from govpub import clock
        from govpub.site.model import held

        now = clock.wall_now().strftime(clock.MINUTE)
        return [a for a in self.articles.values()
                if a.meta.get("status") != "withdrawn" and held(a.meta, now) is None
                and isinstance(a.meta.get("channels"), list) and platform in a.meta["channels"]]

    def ledger(self, platform: str) -> Ledger:
        """The platform's ledger, read from the store the first time and the same object after."""
        if platform not in self.ledgers:
            self.ledgers[platform] = Ledger(self.root, platform, self.store)
        return self.ledgers[platform]

    def url(self, path: str) -> str:
        from govpub.site.config import article_url

        return article_url(self.root, path, self.base_url)


class Channel(Protocol):
    platform: str

    def plan(self, ctx: Context) -> list[Step]: ...

    def apply(self, ctx: Context, step: Step) -> Row: ...

    def verify(self, ctx: Context) -> list[Row]: ...

    def retract(self, ctx: Context, path: str, reason: str) -> Row: ...

    def close(self) -> None: ...


def load(platform: str, ctx: Context) -> Channel:
    try:
        module = importlib.import_module(f"govpub.publish.{platform}")
        factory = module.Channel
    except (ImportError, AttributeError):
        raise GovpubError(f"平台 {platform} 已在 checks/registry/accounts.yml 登记，但 govpub 没有它的发布模块",
                          path="checks/registry/accounts.yml",
                          hint=f"新增 govpub/publish/{platform}.py（实现 Channel：plan、apply、verify、retract），"
                               "或从登记表中删去该平台") from None
    channel: Channel = factory(ctx)
    return channel
