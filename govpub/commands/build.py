"""govpub build [--site-dir DIR] [--config FILE]

The content checks over all of content/ (any error stops here, exit 1, nothing built),
then the site with MkDocs and the atomic switch into site/ (govpub/publish/build.py).
site/ stays a real folder (not a symlink), so `python -m http.server -d site`, rsync
and the .gitignore entry work as before.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from govpub.errors import GovpubError, UsageError
from govpub.policy import CONTENT_DIR, Policy
from govpub.publish.build import Checks, build_site, trusted_previous

__all__ = ["add_arguments", "build_site", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site-dir", default=None, metavar="DIR",
                        help="输出目录（默认 mkdocs.yml 的 site_dir，即 site/）")
    parser.add_argument("--config", default="mkdocs.yml", metavar="FILE",
                        help="MkDocs 配置文件（默认网站仓库根目录的 mkdocs.yml）")
    parser.add_argument("--quiet", action="store_true", help="只输出错误")
    parser.add_argument("--full", action="store_true",
                        help="全量构建：不沿用上次构建的结果（默认只重新生成有改动的页面，结果与全量构建逐字节相同）")


class _ChecksFailed(Exception):
    """The content checks found errors: the built site is not switched into place."""


def _refused(errors: int) -> int:
    sys.stderr.write(f"govpub build：内容检查发现 {errors} 个错误，网站没有构建。改正后重新运行。\n")
    return 1


def run(args: argparse.Namespace) -> int:
    policy = Policy.discover()
    root = policy.root
    config_file = Path(args.config) if Path(args.config).is_absolute() else root / args.config
    if not config_file.is_file():
        raise UsageError("找不到网站配置文件", path=str(config_file),
                         hint="在网站仓库根目录放置 mkdocs.yml（可从 govpub 模板仓库复制）")
    if not (root / CONTENT_DIR).is_dir():
        raise UsageError(f"找不到 {CONTENT_DIR}/ 目录", path=str(root))
    start = time.perf_counter()
    if args.site_dir:
        site_dir = Path(args.site_dir)
    else:
        from govpub.site.config import read_mkdocs

        site_dir = root / str(read_mkdocs(config_file).get("site_dir") or "site")
    previous = None if args.full else trusted_previous(root, site_dir)
    checks = Checks(policy, previous)  # in a second process while the site builds (POSIX)

    def passed() -> None:
        if checks.wait():
            raise _ChecksFailed

    try:
        result = build_site(config_file, site_dir, quiet=args.quiet, previous=previous, checked=True, gate=passed)
    except _ChecksFailed:
        return _refused(checks.wait())
    except GovpubError:
        errors = checks.wait()  # the checks' findings come first, as when they ran before the build
        if errors:
            return _refused(errors)
        raise
    if not args.quiet:
        print(f"网站已构建到 {site_dir}（{result.summary()}，{time.perf_counter() - start:.1f} 秒）。")
        print(f"本机预览：python3 -m http.server -d {site_dir} 8000，然后打开 http://127.0.0.1:8000/")
    return 0
