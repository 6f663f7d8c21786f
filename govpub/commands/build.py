"""govpub build [--site-dir DIR] [--config FILE]

1. Run the content checks over all of content/ (as `govpub check`): any error finding
   stops here, exit 1, nothing is built.
2. Build the site with MkDocs (mkdocs.yml, the govpub plugin) into a fresh temporary
   folder beside the target (same file system, so the switch is a rename).
3. Switch: the new folder takes the place of site/ in one step. On Linux this is
   renameat2(RENAME_EXCHANGE), which swaps the two folders atomically, so a web server
   pointed at site/ sees either the whole old site or the whole new one, never a mix and
   never nothing. Elsewhere it falls back to two renames (a moment without site/, never a
   half-written one). A failed build leaves site/ as it was.

site/ stays a real folder (not a symlink), so `python -m http.server -d site`, rsync
and the .gitignore entry work as before.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import io
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from govpub.errors import GovpubError, UsageError
from govpub.policy import CONTENT_DIR, Policy

RENAME_EXCHANGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site-dir", default=None, metavar="DIR",
                        help="输出目录（默认 mkdocs.yml 的 site_dir，即 site/）")
    parser.add_argument("--config", default="mkdocs.yml", metavar="FILE",
                        help="MkDocs 配置文件（默认网站仓库根目录的 mkdocs.yml）")
    parser.add_argument("--quiet", action="store_true", help="只输出错误")


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD = -100
    rc = fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return rc == 0


def switch(new: Path, target: Path) -> None:
    """Put the finished build `new` at `target`; the old site (if any) is deleted."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise UsageError("输出位置不是目录", path=str(target),
                         hint="删除它或用 --site-dir 换一个目录；govpub build 的输出是一个普通目录")
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):  # new now holds the old site
        shutil.rmtree(new, ignore_errors=True)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def run_checks(policy: Policy) -> int:
    """The content checks over all of content/: the number of error findings."""
    from govpub.commands._paths import content_files
    from govpub.output import text
    from govpub.rules.engine import RuleSet, check_files

    rules = RuleSet(policy)
    report = check_files(rules, content_files(policy.root, []))
    if report.errors:
        sys.stderr.write(text.render(report, rules.classes, colour=text.use_colour()))
    return int(report.errors)


def build_site(config_file: Path, site_dir: Path, quiet: bool = False) -> None:
    """MkDocs build into a fresh folder, then the atomic switch. Raises GovpubError."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes it private; a web server must read it
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    try:
        try:
            with contextlib.redirect_stderr(io.StringIO()) if quiet else contextlib.nullcontext():
                cfg = load_config(config_file=str(config_file), site_dir=str(tmp))
                build(cfg)
        except MkDocsException as exc:
            raise GovpubError(f"网站构建失败：{exc}", path=str(config_file),
                              hint="按上面的说明修改后重新运行 govpub build；现有的 site/ 没有改动") from None
        except SystemExit as exc:
            raise GovpubError(f"网站构建失败（{exc}）", path=str(config_file)) from None
        switch(tmp, site_dir)
    finally:
        logger.removeHandler(handler)
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


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
    errors = run_checks(policy)
    if errors:
        sys.stderr.write(f"govpub build：内容检查发现 {errors} 个错误，网站没有构建。改正后重新运行。\n")
        return 1
    if args.site_dir:
        site_dir = Path(args.site_dir)
    else:
        from govpub.site.config import read_mkdocs

        site_dir = root / str(read_mkdocs(config_file).get("site_dir") or "site")
    build_site(config_file, site_dir, quiet=args.quiet)
    if not args.quiet:
        print(f"网站已构建到 {site_dir}（{time.perf_counter() - start:.1f} 秒）。")
        print(f"本机预览：python3 -m http.server -d {site_dir} 8000，然后打开 http://127.0.0.1:8000/")
    return 0
