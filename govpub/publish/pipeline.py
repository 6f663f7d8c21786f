"""The publishing pipeline: take the commit that passed the gate, hold the publish lock, and
converge every registered account (checks/registry/accounts.yml, Art. 3) on the desired
state at that commit, channel by channel. A cancelled, killed or failed run is made good
by the next one: nothing here depends on which push triggered the run."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govpub.content import article as article_mod
from govpub.errors import GovpubError
from govpub.fsutil import write_atomic
from govpub.policy import Policy
from govpub.publish.channel import STATES, ChannelStopped, Context, Row, load
from govpub.publish.ledger import Ledger, Store, default_remote, run_git
from govpub.publish.lock import PublishLock, lock_key

NAMES = {"website": "网站", "wechat": "微信公众号", "nanfang": "南方号"}


@dataclass
class Result:
    rows: list[Row] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(r.bad for r in self.rows)

    def report(self) -> str:
        lines = ["# 发布报告", "", "| 文章 | 平台 | 结果 | 说明 |", "|---|---|---|---|"]
        lines += [f"| {r.article} | {NAMES.get(r.platform, r.platform)} | {STATES.get(r.state, r.state)} | "
                  f"{r.message.replace('|', '／')} |" for r in self.rows]
        if len(lines) == 4:
            lines.append("| （全部） | 各平台 | 未变化 | 各平台已与仓库一致，无需操作 |")
        return "\n".join(lines) + "\n"


def write_report(out: Path, text: str) -> Path:
    """The run's report (out/report.md: the publish workflow shows it), written atomically."""
    path = out / "report.md"
    write_atomic(path, text)
    return path


def load_articles(root: Path) -> dict[str, article_mod.Article]:
    """Every article under content/ (column index pages have no front matter of their own)."""
    out = {}
    for file in sorted((root / "content").rglob("*.md")):
        if file.name == "index.md":
            continue
        art = article_mod.load(root, file)
        if art.meta:
            out[art.path] = art
    return out


def _context(root: Path, commit: str, store: Store, policy: Policy, *, out: Path, deploy: str | None, keep: int,
             clients: dict[str, Any] | None, lock: PublishLock | None) -> Context:
    from govpub.site.config import site_url

    head = run_git(root, "rev-parse", "HEAD", check=False).stdout.strip()
    if commit and head and head != commit:
        raise GovpubError(f"工作区是提交 {head[:12]}，不是通过审核关口的提交 {commit[:12]}",
                          hint="在该提交的检出上运行 govpub publish")
    settle = float(os.environ.get("GOVPUB_WECHAT_SETTLE_SECONDS", "3600"))
    return Context(root=root, commit=commit, policy=policy, store=store,
                   base_url=site_url(root), out=out, articles=load_articles(root), deploy=deploy, keep=keep,
                   renew=lock.renew if lock else (lambda: None), clients=dict(clients or {}), settle_seconds=settle)


def converge(root: Path, commit: str, *, out: Path, deploy: str | None = None, keep: int = 5,
             remote: str | None | bool = True, clients: dict[str, Any] | None = None,
             lock_wait: float = 900.0, platforms: list[str] | None = None,
             release_info: dict[str, Any] | None = None) -> Result:
    """Bring every registered account in line with `commit`; the report rows. remote=True: the
    default remote (GOVPUB_REMOTE, else origin when it exists); a name; or None/False for none.
    release_info: what the website's deploy records with the release (the gate's starting point)."""
    remote_name = default_remote(root) if remote is True else (remote or None)
    lock = PublishLock(root, remote_name, wait_seconds=lock_wait, key=lock_key(Policy(root)))
    result = Result()
    with lock:
        overtaken = _overtaken(root, commit, deploy) if release_info is not None and deploy else None
        if overtaken:
            result.rows.append(Row("（全部）", "各平台", "failed", overtaken))
            return result
        ctx = _context(root, commit, Store.open(root, remote_name), Policy(root), out=out, deploy=deploy,
                       keep=keep, clients=clients, lock=lock)
        ctx.release_info = release_info
        # the website first, whatever the order of accounts.yml: its deploy records the commit on
        # the target, and that record is how a later-starting run with an older commit (a stale
        # checkout, a re-run) sees it was overtaken (_overtaken); a run killed after touching an
        # account but before the deploy would leave no record, and the older run would undo it
        for platform in sorted(platforms or list(ctx.policy.accounts), key=lambda p: p != "website"):
            result.rows += _run_channel(ctx, platform)
    return result


def _overtaken(root: Path, commit: str, deploy: str) -> str | None:
    """Why `commit` must not be published now that this run holds the lock, or None. The gate ran
    before the lock: meanwhile another run may have published a newer commit (one that took an
    article down, say). Publishing the older commit after it would bring that back everywhere."""
    from govpub.publish import deploy as deploy_mod
    from govpub.publish.gate import is_ancestor

    newest = deploy_mod.published(deploy)
    if newest is None or is_ancestor(root, str(newest["commit"]), commit):
        return None
    done = str(newest["commit"])
    return (f"另一个发布运行在本次核对三审之后已发布了提交 {done[:12]}，本次的提交 {commit[:12]} 不比它新："
            "本次不发布任何内容，以免网站和各平台退回旧版本（已撤下的文章重新出现）。"
            "处理办法：无需处理，较新的提交已经发布；如仍有改动未发布，重新运行发布")


def _run_channel(ctx: Context, platform: str) -> list[Row]:
    channel = load(platform, ctx)
    rows: list[Row] = []
    try:
        try:
            steps = channel.plan(ctx)
        except ChannelStopped as exc:
            return [Row("（全部）", platform, "failed", f"本次未同步：{exc.message}")]
        for n, step in enumerate(steps):
            ctx.renew()
            try:
                rows.append(channel.apply(ctx, step))
            except ChannelStopped as exc:
                rows.append(Row(step.article, platform, "failed", exc.message))
                rows += [Row(s.article, platform, "failed", f"本次未同步（{exc.message}）：下次运行自动补上")
                         for s in steps[n + 1:]]
                return rows
        rows += channel.verify(ctx)
    finally:
        channel.close()
    return rows


def _require_checkout(root: Path) -> None:
    if run_git(root, "rev-parse", "--git-dir", check=False).returncode != 0:
        raise GovpubError(f"{root} 不是 Git 检出：发布台账（refs/govpub/ledger）无处可记，撤稿没有做任何改动",
                          hint="在网站仓库的 Git 检出中运行 govpub retract（先 git clone）")


def retract(root: Path, path: str, reason: str, *, out: Path, deploy: str | None = None,
            remote: str | None | bool = True, clients: dict[str, Any] | None = None,
            lock_wait: float = 900.0, mark_at: str | None = None) -> Result:
    """Withdraw `path` from every registered account. mark_at: first mark the article withdrawn
    in the work tree (status, reason and this time), once the ledger of every platform has been
    read, so that a missing checkout or an unreadable ledger stops before anything changes;
    None: the article is marked already. The ledger is opened once and shared by the channels."""
    _require_checkout(root)
    remote_name = default_remote(root) if remote is True else (remote or None)
    lock = PublishLock(root, remote_name, wait_seconds=lock_wait, key=lock_key(Policy(root)))
    result = Result()
    with lock:
        store, policy = Store.open(root, remote_name), Policy(root)
        ledgers = {p: Ledger(root, p, store) for p in policy.accounts}  # a LedgerError leaves the article as it was
        ctx = _context(root, "", store, policy, out=out, deploy=deploy, keep=5, clients=clients, lock=lock)
        ctx.ledgers.update(ledgers)
        if mark_at is not None:
            file = root / path
            write_atomic(file, article_mod.mark_withdrawn(file.read_text("utf-8"), reason, mark_at, path))
            ctx.articles[path] = article_mod.load(root, file)
        for platform in ctx.policy.accounts:
            channel = load(platform, ctx)
            try:
                result.rows.append(channel.retract(ctx, path, reason))
            except ChannelStopped as exc:
                result.rows.append(Row(path, platform, "failed", exc.message))
            finally:
                channel.close()
    return result
