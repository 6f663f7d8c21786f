"""The website channel: build the site of the commit and switch the deploy target to it
atomically (govpub/publish/deploy.py). The site is always built whole from the commit,
so it converges by construction: a withdrawn article shows its withdrawal notice, a
deleted one is gone."""

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

    def plan(self, ctx: Context) -> list[Step]:
        return [Step("（全站）", "deploy")] if ctx.deploy else []

    def apply(self, ctx: Context, step: Step) -> Row:
        release = ctx.commit[:12] if ctx.commit else f"retract-{clock.now().strftime('%Y%m%d%H%M%S')}"
        self._deploy(ctx, release, ctx.release_info)
        return Row("（全站）", self.platform, "deployed", f"版本 {release} 已上线：{ctx.base_url}")

    def verify(self, ctx: Context) -> list[Row]:
        return []

    def retract(self, ctx: Context, path: str, reason: str) -> Row:
        if not ctx.deploy:
            return Row(path, self.platform, "retract_pending", "网站将在下次发布时显示撤稿说明（或加 --deploy 立即部署）")
        release = f"retract-{clock.now().strftime('%Y%m%d%H%M%S')}"
        self._deploy(ctx, release)
        return Row(path, self.platform, "retracted", f"已重新构建并部署（版本 {release}），原网址显示撤稿说明")

    def close(self) -> None:
        pass

    @staticmethod
    def _deploy(ctx: Context, release: str, info: dict[str, Any] | None = None) -> None:
        """info: recorded with the release only by `govpub publish` (where the next gate starts);
        a retraction's release records none."""
        from govpub.publish import deploy
        from govpub.publish.build import build_site

        build_dir = ctx.root / "site"
        build_site(ctx.root / "mkdocs.yml", build_dir, quiet=True)
        target = ctx.deploy or ""
        if ":" in target and not os.path.isabs(target):
            deploy.deploy_rsync(build_dir, target, release, info=info)
        else:
            deploy.deploy_local(build_dir, Path(target), release, keep=ctx.keep, info=info)
