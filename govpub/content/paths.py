"""Turning command-line paths into article files (and the other files under content/)."""

from __future__ import annotations

import os
from pathlib import Path

from govpub.content import assets
from govpub.errors import UsageError
from govpub.policy import CONTENT_DIR


def article_files(root: Path, paths: list[str]) -> list[Path]:
    """Markdown files under content/ named by paths (files or folders); all of content/ if none."""
    if not paths:
        content = root / CONTENT_DIR
        if not content.is_dir():
            raise UsageError(f"找不到 {CONTENT_DIR}/ 目录", path=str(root),
                             hint="在网站仓库根目录运行，或用 govpub new 创建第一篇文章")
        return sorted(content.rglob("*.md"))
    out: list[Path] = []
    content = (root / CONTENT_DIR).resolve()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise UsageError("文件不存在", path=raw, hint="检查路径拼写；路径相对于当前目录")
        parent = path.absolute().parent.resolve()
        full = parent / path.name
        if not (full == content or full.is_relative_to(content)):
            raise UsageError(f"不在 {CONTENT_DIR}/ 目录下，不是文章", path=raw,
                             hint=f"govpub 只检查 {CONTENT_DIR}/<栏目>/<年份>/ 下的 .md 文件")
        if path.is_dir() and not path.is_symlink():
            out.extend(sorted(full.rglob("*.md")))
        elif path.suffix.lower() == ".md":
            out.append(full)
        elif not assets.suffix_allowed(path.name):
            raise UsageError("不是 Markdown 文章（.md）", path=raw,
                             hint="Word 文件请用 govpub import 导入；图片、PDF 等附件放在文章旁边")
        # an image or attachment: govpub check reads it, govpub fix strips its metadata
    return list(dict.fromkeys(out))


def _walk(folder: Path) -> list[Path]:
    """Every file under folder and every symlink (to a file or a folder), never following
    a symlink; hidden files (.gitkeep), which the site build skips too, are left out."""
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in (*dirnames, *filenames):
            p = Path(dirpath, name)
            if name.startswith(".") or (p.is_dir() and not p.is_symlink()):
                continue
            out.append(p)
    return sorted(out)


def content_files(root: Path, paths: list[str]) -> list[Path]:
    """What `govpub check` reads: the articles and every other file under content/ named
    by paths, symlinks included as they are (not followed). With no paths: all of content/,
    symlinks and templates in overrides/ (their shown text), mkdocs.yml and the data files of checks/
    and records/ (credentials only, but the shown ones)."""
    content = root / CONTENT_DIR
    if not paths:
        if not content.is_dir():
            raise UsageError(f"找不到 {CONTENT_DIR}/ 目录", path=str(root),
                             hint="在网站仓库根目录运行，或用 govpub new 创建第一篇文章")
        theme = root / "overrides"  # the build reads the theme too: a symlink there is reported
        links = [p for p in _walk(theme) if p.is_symlink()] if theme.is_dir() else []
        from govpub.content.template_text import is_template, template_dir

        folder = root / template_dir(root)  # theme.custom_dir: the text its templates show is checked
        templates = [p for p in (_walk(folder) if folder.is_dir() and not folder.is_symlink() else [])
                     if not p.is_symlink() and is_template(root, p.relative_to(root).as_posix())]
        data = [p for folder in assets.DATA_DIRS if (root / folder).is_dir() for p in _walk(root / folder)
                if p.suffix.lower() in assets.DATA_SUFFIXES and not p.is_symlink()]
        settings = [root / "mkdocs.yml"] if (root / "mkdocs.yml").is_file() else []  # its text is shown (policy.SHOWN_SETTINGS)
        return _walk(content) + links + templates + data + settings
    out: list[Path] = []
    real = content.resolve()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise UsageError("文件不存在", path=raw, hint="检查路径拼写；路径相对于当前目录")
        full = path.absolute().parent.resolve() / path.name
        if not (full == real or full.is_relative_to(real)):
            raise UsageError(f"不在 {CONTENT_DIR}/ 目录下，不是文章", path=raw,
                             hint=f"govpub 只检查 {CONTENT_DIR}/<栏目>/<年份>/ 下的文章和附件")
        out.extend(_walk(full) if full.is_dir() and not full.is_symlink() else [full])
    return list(dict.fromkeys(out))


def removed_referrers(root: Path) -> list[Path]:
    """The articles still in the commit being made (git's index) that write the file name of a
    file under content/ the commit deletes or renames: pre-commit passes only the files that are
    there, so a picture, attachment or article removed while another article still links to it was
    found only by CI's check of everything. An article finds another file by the name it writes
    (image, cover, attachment, interprets), so an article naming a removed file's name, as
    written or URL-encoded, is checked again (as the incremental build's recheck does). None
    outside a Git repository or before the first commit."""
    from urllib.parse import quote

    from govpub import git

    try:  # one git process per commit (before the first commit there is no HEAD: nothing removed)
        diff = git.run(root, "diff", "--cached", "--relative", "--name-status", "-z", "-M", "--diff-filter=DR",
                       "HEAD", "--", f"{CONTENT_DIR}/", check=False, timeout=60)
    except git.GitError:  # no git at all
        return []
    if diff.returncode != 0:
        return []
    fields = diff.stdout.split("\0")
    gone: set[str] = set()
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        gone.add(fields[i + 1])  # the deleted path, or the old path of a rename
        i += 3 if status.startswith("R") else 2
    names = {n for p in gone for name in (p.rsplit("/", 1)[-1],) for n in (name, quote(name))}
    if not names:
        return []
    patterns = [arg for n in sorted(names) for arg in ("-e", n)]
    found = git.run(root, "grep", "--cached", "-l", "-z", "-F", *patterns, "--",
                    f"{CONTENT_DIR}/*.md", check=False, timeout=120)
    out = [root / rel for rel in found.stdout.split("\0") if rel]
    return [p for p in out if p.is_file()]
