"""govpub fix [PATH...]: safe automatic fixes that cannot change meaning.

Encoding to UTF-8, ASCII punctuation inside Chinese text to full width (straight quotes
to paired “”), invisible characters removed, look-alike radicals replaced, trailing
whitespace removed. Images named (or used by a named article) are reduced when too large
(meta.image-size, same name and format) and lose their metadata. Each file is written
atomically and the diff is shown; running it twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govpub import fsutil
from govpub.content import images
from govpub.output import printable
from govpub.policy import CONTENT_DIR, Policy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="要修正的文章、图片或目录（默认 content/ 下全部；给出文章时也处理它用到的图片）")


def run(args: argparse.Namespace) -> int:
    from govpub.rules.engine import RuleSet
    from govpub.rules.fixes import fix_articles

    policy = Policy.discover()
    changed: list[str] = []
    for tmp in _leftovers(policy.root, args.paths):
        tmp.unlink()
        sys.stdout.write(printable(f"{tmp.relative_to(policy.root.resolve()).as_posix()}: 删除了上次被中断的 govpub fix "
                                   "留下的临时文件（文章本身是完整的旧内容或新内容）\n"))
    for folder, names in _interrupted_imports(policy.root, args.paths):
        sys.stdout.write(printable(f"{folder.relative_to(policy.root.resolve()).as_posix()}/: 删除了上次被中断的 govpub import "
                                   "留下的临时目录" + (f"和已放到位的图片 {'、'.join(names)}（那次导入没有写入文章：请重新导入）"
                                      if names else "") + "\n"))
    for rel, message, done in images.fix_images(policy, args.paths):
        sys.stdout.write(printable(f"{rel}: {message}\n"))
        if done:
            changed.append(rel)
    for fixed in fix_articles(RuleSet(policy), args.paths):
        if fixed.skipped:
            sys.stdout.write(printable(f"{fixed.path}: {fixed.skipped}\n"))
            continue
        sys.stdout.writelines(printable(f"{fixed.path}: {note}\n") for note in fixed.notes)
        sys.stdout.writelines(printable(line) for line in fixed.diff)
        changed.append(fixed.path)
    sys.stdout.write(f"修正了 {len(changed)} 个文件\n")
    if changed:
        # Staging is left to the drafter, as pre-commit's own formatters do: the diff above is
        # theirs to read first, and a file they staged only in part must not be staged whole.
        sys.stdout.write(printable(f"下一步：核对上面的改动，用 git add {' '.join(changed)} 加入提交，然后重新提交"
                                   "（提交前检查只看 git add 加入的内容）\n"))
    return 0


def _leftovers(root: Path, paths: list[str]) -> list[Path]:
    """Temporary files of a killed fix in the folders this run fixes (content/ without paths)."""
    folders = [Path(p) if Path(p).is_dir() else Path(p).parent for p in paths] or [root / CONTENT_DIR]
    found = [tmp for folder in dict.fromkeys(f.resolve() for f in folders) for tmp in fsutil.leftover_temps(folder)]
    return [tmp for tmp in dict.fromkeys(found) if tmp.is_relative_to(root.resolve())]


def _interrupted_imports(root: Path, paths: list[str]) -> list[tuple[Path, list[str]]]:
    """Undo what a killed `govpub import` left in the folders this run fixes: (folder, names removed)."""
    from govpub.content.docx import STAGING_SUFFIX, undo_interrupted
    from govpub.content.scaffold import folder_lock

    folders = [Path(p) if Path(p).is_dir() else Path(p).parent for p in paths] or [root / CONTENT_DIR]
    found = {s.parent for f in dict.fromkeys(f.resolve() for f in folders) if f.is_dir()
             for s in f.rglob(f".*{STAGING_SUFFIX}") if s.is_dir() and not s.is_symlink()}
    out = []
    for folder in sorted(found):
        if folder.is_relative_to(root.resolve()):
            with folder_lock(folder):
                out.append((folder, undo_interrupted(folder)))
    return out
