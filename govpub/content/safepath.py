"""Paths formed from user input: one check before anything is written.

A slug from the command line or a file name derived from a Word document must be a
plain name; every file govpub writes into the repository must resolve, symlinks
followed, to a place inside it (`govpub new --slug ../../../x` once wrote outside
content/, and `govpub retract` through a symlinked folder edited a file elsewhere).
"""

from __future__ import annotations

import re
from pathlib import Path

from govpub.errors import UsageError

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def validate_slug(slug: str) -> str:
    """A file name stem: lower-case ASCII letters, digits and hyphens, at most 64."""
    if not SLUG_RE.match(slug):
        raise UsageError(f"文件名“{slug}”无效",
                         hint="--slug 只能用小写字母、数字和连字符（-），以字母或数字开头，最长 64 个字符，"
                              "如 pufa-tuijinhui；不能含 /、.. 或空格")
    return slug


def inside(root: Path, path: Path) -> Path:
    """path, after checking that it resolves (symlinks followed) to a place inside root."""
    real_root = root.resolve()
    real = path.resolve()
    if not real.is_relative_to(real_root):
        raise UsageError("路径指向仓库之外，govpub 不会在那里写入任何文件", path=str(path),
                         hint="检查路径中是否有 ..，或某一级目录是否是指向仓库外的符号链接；"
                              "符号链接请换成真实的目录和文件")
    return path


def article_file(root: Path, arg: str) -> str:
    """The repository-relative path of the article named on the command line: a .md file under
    content/ that resolves (symlinks followed) inside the repository."""
    path = Path(arg).absolute()
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        raise UsageError("不在网站仓库中", path=arg) from None
    if not path.exists() and not path.is_symlink():
        folder = path.parent
        near = sorted(p.name for p in folder.glob("*.md"))[:5] if folder.is_dir() else []
        raise UsageError("文件不存在", path=arg, hint="检查路径拼写（区分大小写，相对于当前目录）"
                         + (f"；这个目录下有：{'、'.join(near)}" if near else ""))
    if not rel.startswith("content/") or not path.is_file() or path.suffix != ".md":
        raise UsageError("不是 content/ 下的文章", path=arg, hint="写文章 .md 文件的路径")
    inside(root, path)  # a symlinked folder must not lead an edit outside the repository
    return rel
