"""govpub publish: after merge, re-verify approvals, build, deploy, sync the registered
accounts, record. Run by .github/workflows/publish.yml on push to main (one at a time)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from govpub.errors import GovpubError, UsageError
from govpub.policy import Policy

STATES = {"published": "已发布", "unchanged": "未变化", "publishing": "发布中", "needs_person": "需人工处理",
          "failed": "失败", "bundled": "已生成交接包", "retracted": "已撤稿", "deployed": "已上线"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", default="HEAD^1", metavar="REV",
                        help="本次推送之前的提交（工作流传入 github.event.before；默认 HEAD^1）")
    parser.add_argument("--deploy", metavar="TARGET", required=True,
                        help="部署位置：本机目录（按版本原子切换），或 user@host:/path（rsync over SSH）")
    parser.add_argument("--keep", type=int, default=5, help="保留的历史版本数（默认 5）")
    parser.add_argument("--out", default="publish-out", metavar="DIR",
                        help="南方号交接包和发布报告的目录（默认 publish-out/）")
    parser.add_argument("--commit", action="store_true", help="把发布台账提交到 Git（工作流中使用）")


def credentials(policy: Policy, platform: str) -> list[str]:
    names = policy.accounts[platform].get("credentials_env") or []
    missing = [n for n in names if not os.environ.get(n)]
    if missing:
        raise GovpubError(f"缺少{policy.accounts[platform]['name']}的凭据环境变量：{'、'.join(missing)}",
                          hint="在 CI 的加密变量（Secrets）中设置；凭据不得写入仓库（第十四条）")
    return [os.environ[n] for n in names]


def run(args: argparse.Namespace) -> int:
    from govpub.approvals.record import git
    from govpub.commands.build import build_site, run_checks
    from govpub.content import article as article_mod
    from govpub.publish import approved as approved_mod
    from govpub.publish import deploy
    from govpub.publish.ledger import Ledger

    policy = Policy.discover()
    root = policy.root
    head = git(root, "rev-parse", "HEAD").stdout.strip()
    since = git(root, "rev-parse", "--verify", f"{args.since}^{{commit}}", check=False)
    if since.returncode != 0:
        raise UsageError(f"找不到提交 {args.since}", hint="确认 --since 是本次推送之前的提交，且已 git fetch")
    check = approved_mod.check_range(root, since.stdout.strip(), head)
    if not check.ok:
        sys.stdout.write("发布中止：以下改动没有通过三审，本次不发布任何内容（第七条“未经审核不得发布”）：\n")
        for commit, path, why in check.refused:
            sys.stdout.write(f"  {commit} {path}：{why}\n")
        sys.stdout.write("处理办法：撤销这些直接推送，或通过合并请求完成三审后重新合并。\n")
        return 1
    if run_checks(policy):
        sys.stdout.write("发布中止：内容检查有错误，网站没有构建。\n")
        return 1
    from govpub.site.config import article_url, site_url

    base = site_url(root)
    build_dir = root / "site"
    build_site(root / "mkdocs.yml", build_dir, quiet=True)
    rows: list[tuple[str, str, str, str]] = []
    release = head[:12]
    if ":" in args.deploy and not os.path.isabs(args.deploy):
        deploy.deploy_rsync(build_dir, args.deploy, release)
    else:
        deploy.deploy_local(build_dir, Path(args.deploy), release, keep=args.keep)
    rows.append(("（全站）", "website", "deployed", f"版本 {release} 已上线：{base}"))

    # the articles of this push, and any whose earlier sync did not finish
    todo = list(check.approved)
    for platform in ("wechat", "nanfang"):
        for path, entry in Ledger(root, platform).entries.items():
            if entry.get("state") in ("pending", "drafted", "publishing", "replacing") and path not in todo:
                todo.append(path)
    out = root / args.out
    clients: dict = {}
    try:
        for path in todo:
            if not (root / path).is_file():
                continue
            art = article_mod.load(root, root / path)
            channels = art.meta.get("channels") or []
            url = article_url(root, path, base)
            rows.append((path, "website", "published" if art.meta.get("status") != "withdrawn" else "retracted", url))
            if art.meta.get("status") == "withdrawn":
                continue
            for platform in channels:
                if platform == "website":
                    continue
                if platform not in policy.accounts:  # Art. 3: registered accounts only
                    rows.append((path, platform, "failed", "平台未登记，不予发布"))
                    continue
                try:
                    rows.append(_sync_one(policy, platform, art, root, url, out, base, clients))
                except (GovpubError, *_sync_errors()) as exc:
                    rows.append((path, platform, "failed", str(exc)))
                    if platform == "wechat" and getattr(exc, "code", None) not in (None, 53503):
                        clients["wechat_stopped"] = str(exc)  # quota, whitelist, credentials: stop calling
    finally:
        if clients.get("wechat") is not None:
            clients["wechat"].close()
    report = _report(rows)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(report, "utf-8")
    sys.stdout.write(report)
    if args.commit:
        git(root, "add", "records/ledger")
        if git(root, "diff", "--cached", "--quiet", check=False).returncode:
            git(root, "commit", "-m", "发布台账 [skip ci]", "--", "records/ledger")
    return 1 if any(r[2] in ("failed", "needs_person") for r in rows) else 0


def _sync_errors() -> tuple[type[Exception], ...]:
    from govpub.publish.wechat import ValidationError
    from govpub.publish.wechat_client import WeChatError, WeChatLost

    return WeChatError, WeChatLost, ValidationError


def _sync_one(policy: Policy, platform: str, art, root: Path, url: str, out: Path, base: str,  # noqa: ANN001
              clients: dict) -> tuple[str, str, str, str]:
    """Publish one article to one registered account; a row of the report."""
    from govpub.publish.ledger import Ledger

    if platform == "wechat":
        from govpub.publish import wechat
        from govpub.publish.wechat_client import API, WeChatClient

        if clients.get("wechat_stopped"):
            return art.path, platform, "failed", f"本次未同步（{clients['wechat_stopped']}）"
        if clients.get("wechat") is None:
            appid, secret = credentials(policy, "wechat")
            clients["wechat"] = WeChatClient(appid, secret, base_url=os.environ.get("GOVPUB_WECHAT_API", API))
        outcome = wechat.sync(clients["wechat"], Ledger(root, "wechat"), art, root, url)
        return art.path, platform, outcome.state, outcome.url or outcome.message
    from govpub.publish import nanfang

    folder = nanfang.bundle(art, root, out / "nanfang", base)
    Ledger(root, "nanfang").update(art.path, state="bundled", bundle=folder.relative_to(root).as_posix())
    return art.path, platform, "bundled", f"交接包：{folder.relative_to(root).as_posix()}"


def _report(rows: list[tuple[str, str, str, str]]) -> str:
    lines = ["# 发布报告", "", "| 文章 | 平台 | 结果 | 说明 |", "|---|---|---|---|"]
    names = {"website": "网站", "wechat": "微信公众号", "nanfang": "南方号"}
    lines += [f"| {a} | {names.get(p, p)} | {STATES.get(s, s)} | {m} |" for a, p, s, m in rows]
    return "\n".join(lines) + "\n"
