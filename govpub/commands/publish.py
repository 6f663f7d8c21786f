"""govpub publish: after merge, the publish gate (govpub/publish/gate.py: every change since
the last publish re-verified online against the forge), the content checks, then converge
every registered account on the commit that passed (govpub/publish/pipeline.py). Run by
.github/workflows/publish.yml on push to main; one publisher at a time (refs/govpub/lock)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from govpub.errors import UsageError
from govpub.policy import Policy

if TYPE_CHECKING:
    from govpub.publish.gate import GateResult


def add_arguments(parser: argparse.ArgumentParser) -> None:
    gate = parser.add_argument_group("三审门禁（向代码托管平台在线核对；令牌取自环境变量 GOVPUB_FORGE_TOKEN，"
                                     "或 GITHUB_TOKEN / GITEA_TOKEN）")
    gate.add_argument("--forge", choices=("github", "gitea"), default="github", help="平台类型（默认 github）")
    gate.add_argument("--repo", metavar="OWNER/NAME", default=os.environ.get("GITHUB_REPOSITORY"),
                      help="仓库（默认取环境变量 GITHUB_REPOSITORY）")
    gate.add_argument("--api-url", metavar="URL",
                      help="API 地址（默认取环境变量 GOVPUB_FORGE_URL、GITHUB_API_URL；GitHub 为 https://api.github.com）")
    gate.add_argument("--branch", default="main", metavar="NAME",
                      help="受保护的分支（默认 main）：只发布它在平台上的最新提交")
    gate.add_argument("--initial", metavar="REV",
                      help="首次发布（部署位置还没有发布记录）时必须给出：本局启用 govpub 时的提交，"
                           "此后的每项改动都必须经过三审的合并请求；已有发布记录时不起作用")
    gate.add_argument("--since", metavar="REV", help=argparse.SUPPRESS)  # accepted, ignored (see run)
    parser.add_argument("--deploy", metavar="TARGET", required=True,
                        help="部署位置：本机目录（按版本原子切换），或 user@host:/path（rsync over SSH）")
    parser.add_argument("--keep", type=int, default=5, help="保留的历史版本数（默认 5）")
    parser.add_argument("--out", default="publish-out", metavar="DIR",
                        help="南方号交接包和发布报告的目录（默认 publish-out/）")
    parser.add_argument("--lock-wait", type=float, default=900.0, metavar="SECONDS",
                        help="另一个发布正在运行时最多等待的秒数（默认 900）")


def run(args: argparse.Namespace) -> int:
    from govpub import git
    from govpub.publish.build import run_checks

    policy = Policy.discover()
    root = policy.root
    head = git.run(root, "rev-parse", "HEAD").stdout.strip()
    check = _gate(args, policy, head)
    if check is None:
        return 1
    if run_checks(policy, previous=_live_site(args.deploy)):
        sys.stdout.write("发布中止：内容检查有错误，网站没有构建。\n")
        return 1
    from govpub.publish import pipeline

    # written with the release on the deploy target: where the next run's gate starts from
    info = {"commit": head, "notes_commit": check.notes_commit, "branch": args.branch}
    result = pipeline.converge(root, head, out=root / args.out, deploy=args.deploy, keep=args.keep,
                               lock_wait=args.lock_wait, release_info=info)
    report = result.report()
    pipeline.write_report(root / args.out, report)
    sys.stdout.write(report)
    return 0 if result.ok else 1


def _live_site(destination: str) -> Path | None:
    """The live release of a local deploy target: content unchanged since it need not be checked
    again (govpub.publish.build.run_checks decides; a remote target: everything is checked)."""
    from govpub.publish import deploy

    host, path = deploy.split_destination(destination)
    return None if host else deploy.live_site(Path(path))


def _gate(args: argparse.Namespace, policy: Policy, head: str) -> GateResult | None:
    """The publish gate (govpub/publish/gate.py): None, with the reasons printed, when refused."""
    from govpub.approvals.forge import Forge, connect
    from govpub.publish import gate

    if args.since:
        sys.stderr.write("govpub: --since 已不再使用，忽略：门禁从部署位置记录的上次发布起核对全部改动\n")

    def open_forge() -> Forge:
        if not args.repo:
            raise UsageError("请用 --repo OWNER/NAME 指定仓库（或设置环境变量 GITHUB_REPOSITORY）",
                             hint="发布前要向代码托管平台在线核对三审；没有平台访问就不发布")
        return connect(args.forge, args.repo, api_url=args.api_url)

    record = f"govpub approvals record --forge {args.forge} --repo {args.repo}" + (
        f" --api-url {args.api_url}" if args.api_url else "")
    outcome = gate.publish_gate(policy.root, policy, head, connect=open_forge, branch=args.branch,
                                target=args.deploy, initial=args.initial, record_command=record,
                                ref=os.environ.get("GITHUB_REF"))
    for warning in outcome.warnings:
        sys.stderr.write(f"govpub: {warning}\n")
    if outcome.passed is None:
        _refused(args, policy.root, outcome.refusal)
        return None
    check = outcome.passed
    sys.stdout.write(f"三审门禁通过：{check.base[:12]}..{head[:12]}，{len(check.merges)} 个合并请求，"
                     f"{len(check.changed)} 个文件有改动，均经三审\n")
    return check


def _refused(args: argparse.Namespace, root: Path, text: str) -> None:
    """The gate's refusal, on stdout and as the run's report (the workflow shows publish-out/report.md)."""
    from govpub.publish import pipeline

    sys.stdout.write(text)
    pipeline.write_report(root / args.out, "# 发布报告\n\n```\n" + text + "```\n")
