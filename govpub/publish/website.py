"""The website channel: build the site of the commit and switch the deploy target to it
atomically (govpub/publish/deploy.py). The site is built from the commit, incrementally
against the live release but byte for byte what a whole build gives, so it converges by
construction: a withdrawn article shows its withdrawal notice, a deleted one is gone.

`govpub retract` takes an article down before its withdrawal is merged. Until then the
branch still holds the retracted version, so the ledger remembers its blob and no deploy
puts it back: a publish of a commit where the article is unchanged refuses to update the
website (the public keeps the retracted site) until the withdrawal, or a re-reviewed
version, is on the branch. The hold is recorded on the deploy target, not in the ledger:
refs/govpub/ledger is writable by anyone with push rights, and a forged hold there stopped
every website update."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from govpub import clock
from govpub.publish.channel import Context, Row, Step


class Channel:
    platform = "website"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.unfinished: set[str] = set()  # held, but the retraction's release never went live

    def plan(self, ctx: Context) -> list[Step]:
        return [Step("（全站）", "deploy")] if ctx.deploy else []

    def apply(self, ctx: Context, step: Step) -> Row:
        held = self._held(ctx) if ctx.commit and ctx.deploy else []
        unfinished = [p for p in held if p in self.unfinished]
        if unfinished:
            return Row("（全站）", self.platform, "failed",
                       f"网站未更新：{'、'.join(unfinished)} 的 govpub retract --deploy 没有完成（记下了撤稿，但撤稿后的版本没有上线，"
                       "运行可能被中断），网站仍显示该文章。处理办法：在上次发布的提交上立即重新运行 "
                       f"govpub retract {unfinished[0]} --deploy 位置，再合并撤稿的合并请求")
        if held:
            return Row("（全站）", self.platform, "failed",
                       f"网站未更新：{'、'.join(held)} 已用 govpub retract 撤下，撤稿还没有合并到本次发布的提交。"
                       "网站保持撤稿后的版本；先合并撤稿的合并请求，再发布")
        release = ctx.commit[:12] + _waiting(ctx) if ctx.commit else f"retract-{clock.now().strftime('%Y%m%d%H%M%S')}"
        built = self._deploy(ctx, release, ctx.release_info)
        held = _held_back(ctx)
        note = f"；暂不发布（到时间后的第一次发布才上线，或 status 不对）：{'、'.join(held)}" if held else ""
        return Row("（全站）", self.platform, "deployed", f"版本 {release} 已上线：{ctx.base_url}（{built}）{note}")

    def verify(self, ctx: Context) -> list[Row]:
        return []

    def _held(self, ctx: Context) -> list[str]:
        """Articles taken down with `govpub retract --deploy` whose retracted version is still
        what the commit holds; a hold ends once the commit has the withdrawal, a new
        (re-reviewed) version, or no such article, and with the next publish that deploys.
        The holds are read from the deploy target (deploy.holds), never from the ledger ref."""
        from govpub.publish import deploy

        held = []
        for path, blob in sorted(deploy.holds(ctx.deploy or "").items()):
            art = ctx.articles.get(path)
            if art is not None and art.meta.get("status") != "withdrawn" and _blob(ctx.root, ctx.commit, path) == blob:
                held.append(path)
        self.unfinished = set(deploy.unfinished_holds(ctx.deploy or "")) & set(held)
        return held

    def retract(self, ctx: Context, path: str, reason: str) -> Row:
        if not ctx.deploy:
            return Row(path, self.platform, "retract_pending", "网站将在下次发布时显示撤稿说明（或加 --deploy 立即部署）")
        from govpub.publish import deploy

        record = deploy.published(ctx.deploy)
        live = str(record["commit"]) if record else ""
        other = _other_changes(ctx.root, live, path)
        if other is not None:
            return Row(path, self.platform, "failed", other)
        ctx.ledger(self.platform).update(path, retracted_reason=reason, retracted_at=clock.minute())
        release = f"retract-{clock.now().strftime('%Y%m%d%H%M%S')}"
        blob = _blob(ctx.root, live, path)  # the version the live site shows
        if blob:
            deploy.record_hold(ctx.deploy, release, {path: blob})
        self._deploy(ctx, release)
        return Row(path, self.platform, "retracted", f"已重新构建并部署（版本 {release}），原网址显示撤稿说明")

    def close(self) -> None:
        pass

    @staticmethod
    def _deploy(ctx: Context, release: str, info: dict[str, Any] | None = None) -> str:
        """info: recorded with the release only by `govpub publish` (where the next gate starts);
        a retraction's release records none. Returns what the build did (full or incremental).

        A local target's live release is the previous build: only what changed since is
        rendered (byte for byte a full build, govpub/site/incremental.py), the rest is
        hard-linked to it, and the deploy renames the build into a release. Never a site/ left in the checkout: anyone who can run
        a job on the machine could have written it. A remote target gets a full build
        (rsync --link-dest keeps unchanged files as hard links there)."""
        from govpub.publish import deploy
        from govpub.publish.build import build_site

        build_dir = ctx.root / "site"
        target = ctx.deploy or ""
        remote = ":" in target and not os.path.isabs(target)
        previous = None if remote or not target else deploy.live_site(Path(target))
        # publish checked the content before converging; a retraction changes only a withdrawal
        result = build_site(ctx.root / "mkdocs.yml", build_dir, quiet=True, previous=previous,
                            checked=info is not None)
        if remote:
            deploy.deploy_rsync(build_dir, target, release, info=info)
        else:
            deploy.deploy_local(build_dir, Path(target), release, keep=ctx.keep, info=info, move=True)
        return result.summary()


def _held_back(ctx: Context) -> list[str]:
    """The articles of the commit that reach no reader yet, with why (govpub.site.model.held)."""
    from govpub.site.model import held

    now = clock.wall_now().strftime(clock.MINUTE)
    out = []
    for path, art in sorted(ctx.articles.items()):
        why = None if art.meta.get("status") == "withdrawn" else held(art.meta, now)
        if why:
            out.append(f"{path}（{why}）")
    return out


def _waiting(ctx: Context) -> str:
    """A suffix for the release id while articles of the commit wait for their publish time
    (govpub.site.model.held): the same commit builds another site once one of them is due, and
    a release id that is already live is not deployed again. "" when none waits."""
    import hashlib

    from govpub.site.config import meta_text

    now = clock.wall_now().strftime(clock.MINUTE)
    waiting = sorted(p for p, a in ctx.articles.items()
                     if a.meta.get("status") != "withdrawn" and meta_text(a.meta.get("date")) > now)
    return "-" + hashlib.sha256("\n".join(waiting).encode()).hexdigest()[:8] if waiting else ""


def _other_changes(root: Path, live: str, path: str) -> str | None:
    """Why the work tree may not be deployed by a retraction (None: it may). The retraction's
    build has no gate: the work tree must be the last published commit with only the article
    changed (its withdrawal), or it would publish whatever else the checkout holds (a branch
    with an unreviewed article, an edit not yet merged)."""
    from govpub.publish.ledger import LEDGER_DIR, run_git

    fix = ("请在发布服务器上取出上次发布的提交（git checkout {c}）后重新运行 govpub retract 文章 --deploy；"
           "或不加 --deploy：公众号和南方号立即撤下，网站由撤稿合并后的发布更新")
    if not live or run_git(root, "cat-file", "-e", f"{live}^{{commit}}", check=False).returncode != 0:
        return ("网站没有部署：部署位置没有发布记录，或本地没有上次发布的提交 " + (live[:12] or "（无）")
                + "，无法确认撤稿部署只改动这一篇。处理办法：先 git fetch 取回，" + fix.format(c=live[:12] or "…"))
    tracked = run_git(root, "diff", "--name-only", "--no-renames", "-z", live, "--").stdout.split("\0")
    untracked = run_git(root, "ls-files", "--others", "--exclude-standard", "-z").stdout.split("\0")
    ignored = run_git(root, "ls-files", "--others", "-z", "--", "content", "overrides", "mkdocs.yml",
                      "checks").stdout.split("\0")
    other = sorted({p for p in tracked + untracked + ignored
                    if p and p != path and not p.startswith(LEDGER_DIR + "/")})
    if not other:
        return None
    shown = "、".join(repr(p)[1:-1] for p in other[:5]) + (f" 等 {len(other)} 处" if len(other) > 5 else "")
    return (f"网站没有部署：撤稿部署只能在上次发布的提交 {live[:12]} 上撤下这一篇，工作区与它还有其他不同：{shown}。"
            "处理办法：" + fix.format(c=live[:12]))


def _blob(root: Path, commit: str, path: str) -> str | None:
    from govpub.publish.ledger import run_git

    proc = run_git(root, "rev-parse", "--verify", "-q", f"{commit}:{path}", check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None
