"""govpub rollback TARGET [--to RELEASE] [--list]: put an earlier release of the site back online.
TARGET is the deploy target of `govpub publish --deploy`: a local folder or user@host:/path (SSH)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", metavar="TARGET", help="部署位置（govpub publish 的 --deploy：本机目录或 用户@主机:/目录）")
    parser.add_argument("--to", metavar="版本号", help="回退到指定版本（默认上一个版本）")
    parser.add_argument("--list", action="store_true", help="只列出版本（新的在前，* 为线上版本）")


def run(args: argparse.Namespace) -> int:
    from govpub.publish import deploy

    host, _path = deploy.split_destination(args.target)
    if host is not None:  # over SSH, with the same checks as a local rollback
        if args.list:
            live, ids = deploy.remote_releases(args.target)
            for rid in ids:
                sys.stdout.write(("* " if rid == live else "  ") + rid + "\n")
            return 0
        chosen = deploy.rollback_remote(args.target, args.to)
        sys.stdout.write(f"线上版本已切换为 {chosen}。\n")
        return 0
    target = Path(args.target)
    if not target.is_dir():  # a mistyped target read as “never deployed” (and --list as nothing at all)
        from govpub.errors import UsageError

        raise UsageError("部署目录不存在" if not target.exists() else "部署位置不是目录", path=args.target,
                         hint="写 govpub publish 的 --deploy 用的同一个本机目录")
    if args.list:
        live = deploy.current_release(target)
        for rid in deploy.releases(target):
            sys.stdout.write(("* " if rid == live else "  ") + rid + "\n")
        return 0
    chosen = deploy.rollback(target, args.to)
    sys.stdout.write(f"线上版本已切换为 {chosen}。\n")
    return 0
