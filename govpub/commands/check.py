"""govpub check [PATH...] [--format text|json|sarif|github]"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from govpub.content.paths import content_files
from govpub.output import FORMATS
from govpub.policy import Policy
from govpub.rules.engine import RuleSet, check_files


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="要检查的文章或目录（默认检查 content/ 下全部文章）")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="输出格式：text（默认）、json、sarif（代码扫描）、github（PR 行内提示）")
    parser.add_argument("--removed", action="store_true",
                        help="另外检查仍链接着本次提交（git 暂存区）删除或改名的文件的文章；"
                             "只给这个选项、不给路径时只检查这些文章（提交前检查用）")


PROGRESS_MIN = 50  # files; a shorter check (a commit's few articles) shows no progress bar


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A rich progress bar on a terminal for a long check; nothing in a pipe, a log or CI,
    where it would only clutter the output (and the JSON, SARIF or GitHub formats)."""
    if total < PROGRESS_MIN or not (sys.stdout.isatty() and sys.stderr.isatty()) or "CI" in os.environ:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("检查中", total=total)
        yield lambda n: bar.advance(task, n)


# A check of this many files or fewer (a commit's articles) runs without the cyclic garbage
# collector: loading the rules makes some 0.5 M objects that live until the process ends, and the
# collector's passes over them took ~45 ms of a one-file check while freeing nothing. A longer
# check collects as usual (its articles' garbage would add up). cli.run() already turns the
# collector off while a check starts up (imports, checks/): this decides for the check itself.
NO_GC_MAX = 50


@contextmanager
def _collector(files: int) -> Iterator[None]:
    was = gc.isenabled()
    if files > NO_GC_MAX:
        gc.enable()
    else:
        gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def _fresh() -> tuple[Policy, RuleSet]:
    policy = Policy.discover()
    return policy, RuleSet(policy)


def run(args: argparse.Namespace) -> int:
    from govpub import warm

    referrers: list[Path] = []
    if args.removed:  # found before the rules load: most commits remove nothing
        from govpub.content.paths import removed_referrers
        from govpub.policy import find_root

        referrers = removed_referrers(find_root(Path.cwd()))
        if not args.paths and not referrers:
            return 0  # nothing this commit removes is still linked: nothing to check
    ready = warm.prepared(os.getcwd())  # in a warm helper's fork: the rule set it prepared
    policy, rules = ready if ready is not None else _fresh()
    files = content_files(policy.root, args.paths) if args.paths or not args.removed else []
    files = [*files, *referrers]
    if args.paths or args.removed:  # the attachments these articles link to (all of content/: already in)
        from govpub.content.attachment_text import linked

        files += linked(policy.root, files)
    files = list(dict.fromkeys(files))
    with _collector(len(files)), _progress(len(files)) as tick:
        report = check_files(rules, files, tick)
    guide_url = (policy.rules_config.data or {}).get("guide_url") if policy.rules_config else None
    from govpub.output import github, printable, sarif, text
    from govpub.output import json as json_out

    if args.format == "text":
        out = text.render(report, rules.classes, colour=text.use_colour(), guide_url=guide_url)
    elif args.format == "json":
        out = json_out.render(report, rules.classes)
    elif args.format == "sarif":
        out = sarif.render(report, rules.classes, guide_url=guide_url, regulation=policy.regulation["title"])
    else:
        out = github.render(report, rules.classes)
    sys.stdout.write(printable(out))
    return 1 if report.errors else 0
