"""govpub publish: after merge, re-verify approvals, then converge every registered account
on the commit that passed (govpub/publish/pipeline.py). Run by .github/workflows/publish.yml
on push to main; one publisher at a time (refs/govpub/lock)."""

from __future__ import annotations

import argparse
import sys

from govpub.errors import UsageError
from govpub.policy import Policy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", default="HEAD^1", metavar="REV",
                        help="本次推送之前的提交（工作流传入 github.event.before；默认 HEAD^1）")
    parser.add_argument("--deploy", metavar="TARGET", required=True,
                        help="部署位置：本机目录（按版本原子切换），或 user@host:/path（rsync over SSH）")
    parser.add_argument("--keep", type=int, default=5, help="保留的历史版本数（默认 5）")
    parser.add_argument("--out", default="publish-out", metavar="DIR",
                        help="南方号交接包和发布报告的目录（默认 publish-out/）")
    parser.add_argument("--lock-wait", type=float, default=900.0, metavar="SECONDS",
                        help="另一个发布正在运行时最多等待的秒数（默认 900）")


def run(args: argparse.Namespace) -> int:
    from govpub.approvals.record import git
    from govpub.commands.build import run_checks
    from govpub.publish import approved as approved_mod

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
    from govpub.publish import pipeline

    result = pipeline.converge(root, head, out=root / args.out, deploy=args.deploy, keep=args.keep,
                               lock_wait=args.lock_wait)
    report = result.report()
    (root / args.out).mkdir(parents=True, exist_ok=True)
    (root / args.out / "report.md").write_text(report, "utf-8")
    sys.stdout.write(report)
    return 0 if result.ok else 1
