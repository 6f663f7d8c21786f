"""govpub audit: the scheduled sweep, a report people read at a glance, non-zero on a veto."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from govpub import clock
from govpub.errors import UsageError
from govpub.policy import Policy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", metavar="'YYYY-MM-DD HH:MM'", help="按这个时间巡检（默认为现在）")
    parser.add_argument("--site", metavar="DIR", default="site", help="构建好的网站目录（默认 site/，不存在则跳过）")
    parser.add_argument("--external", action="store_true", help="同时检查外部链接（联网，有超时和缓存）")
    parser.add_argument("--output", metavar="DIR", default="audit-report", help="报告目录（默认 audit-report/）")
    parser.add_argument("--deploy", metavar="TARGET",
                        help="部署位置（与 govpub publish 的 --deploy 相同）：核对审批记录自上次发布以来只追加、未被改写")
    parser.add_argument("--print-audit-key", action="store_true",
                        help="显示巡检密钥（由环境中的公众号凭据派生，设为巡检作业的 GOVPUB_AUDIT_KEY）后退出")


def _as_of(value: str | None) -> datetime:
    if value is None:
        return clock.wall_now()
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise UsageError(f"--as-of“{value}”无效", hint="写成 YYYY-MM-DD HH:MM，如 2026-11-20 09:30")


class _Progress:
    """A rich progress bar on a terminal; silent otherwise (CI logs stay readable)."""

    def __init__(self, total: int) -> None:
        self.bar = None
        if sys.stderr.isatty() and "CI" not in os.environ:
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.task = self.bar.add_task("巡检中", total=total)
            self.bar.start()

    def tick(self) -> None:
        if self.bar:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.bar:
            self.bar.stop()


def _published(target: str | None) -> dict[str, Any] | None:
    """The last publish record on --deploy; a local folder that is not there is a usage error
    (it was skipped silently: the audit then compared the approval records with nothing)."""
    from govpub.publish import deploy

    if not target:
        return None
    host, path = deploy.split_destination(target)
    if host is None and not Path(path).is_dir():
        raise UsageError("部署位置不存在" if not Path(path).exists() else "部署位置不是目录", path=target,
                         hint="--deploy 写 govpub publish 用的同一个部署位置（本机目录，或 用户@主机:/目录）；"
                              "不核对审批记录时去掉 --deploy")
    return deploy.published(target)


def _print_audit_key(policy: Policy) -> int:
    """The audit key of the registered account whose credentials are in the environment."""
    from govpub.publish import wechat

    secret = wechat.registered_secret(policy)
    if secret is None:
        raise UsageError("环境中没有登记的公众号的凭据（accounts.yml 的 credentials_env、appid），无法派生巡检密钥",
                         hint="在发布环境中（有登记账号的 AppID 和 AppSecret）运行本命令")
    sys.stdout.write(wechat.audit_key(secret) + "\n")
    return 0


def run(args: argparse.Namespace) -> int:
    from govpub.audit import run as audit

    policy = Policy.discover()
    if args.print_audit_key:
        return _print_audit_key(policy)
    as_of = _as_of(args.as_of)
    site_dir = (policy.root / args.site) if not os.path.isabs(args.site) else Path(args.site)
    published = _published(args.deploy)
    out_dir = policy.root / args.output if not os.path.isabs(args.output) else Path(args.output)
    progress = _Progress(audit.count_work(policy, site_dir))
    try:
        result = audit.run(policy, as_of=as_of, site_dir=site_dir, site_label=args.site, external=args.external,
                           published=published, tick=progress.tick, cache=out_dir / audit.ATTACHMENT_CACHE)
    finally:
        progress.stop()
    if args.deploy and published is None:
        result.warnings.append(f"部署位置 {args.deploy} 没有 govpub publish 的发布记录：审批记录是否被改写没有核对。"
                               "处理办法：--deploy 写 govpub publish 用的同一个部署位置")
    html = audit.write(out_dir, result.data)
    s = result.data["summary"]
    sys.stdout.write(
        f"巡检完成（{result.data['as_of']}）：单项否决 {len(result.vetoes)} 项，未按期更新栏目 {s['stale_columns']} 个，"
        f"空白栏目 {s['blank_columns']} 个，个人信息暴露 {s['privacy_exposures']} 处，"
        f"逾期未答复咨询 {s['overdue_consultations']} 条，失效链接 {s['broken_links']} 个\n")
    # in the order the office works: the vetoes first, then what is about to become one, then deductions
    for v in result.vetoes:
        sys.stdout.write(f"  单项否决：{v['item']}：{v['detail']}\n" + (f"    处理：{v['action']}\n" if "action" in v else ""))
    for f in result.tamper:
        sys.stdout.write(f"  {f.item}：{f.detail}\n    处理：{f.action}\n")
    for p in result.privacy:
        sys.stdout.write(f"  {p.path}:{p.line} {p.rule} {p.message}\n    处理：{p.action}\n")
    for w in result.data["early_warnings"]:
        sys.stdout.write(f"  预警：{w['item']}：{w['detail']}（{w['action']}）\n")
    for d in result.data["deductions"]:
        points = f"（扣 {d['points']} 分）" if d["points"] else ""
        sys.stdout.write(f"  扣分项{points}：{d['item']}：{d['detail']}\n")
    for problem in result.problems:
        sys.stdout.write(f"  {problem.path}:{problem.line} 记录格式错误：{problem.message}\n")
    for w in result.warnings:
        sys.stdout.write(f"  注意：{w}\n")
    sys.stdout.write(f"报告：{html.relative_to(policy.root) if html.is_relative_to(policy.root) else html}\n")
    return 1 if result.failed else 0
