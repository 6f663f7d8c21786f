"""The one Git layer: every git call of govpub goes through run() (text) or run_bytes().

A small wrapper around the git command rather than GitPython: govpub uses plumbing that
GitPython only passes through to the same command anyway (notes, update-ref with an old
value, commit-tree, mktree, archive, push --force-with-lease), and one function gives
one place for the environment (UTF-8, a fallback identity for commits in CI) and one
typed error (GitError, with 处理办法) instead of GitPython's English exceptions.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from govpub.errors import GovpubError

ROBOT_NAME = "govpub"
ROBOT_EMAIL = "govpub@localhost"
DEFAULT_HINT = "确认在网站仓库（git 仓库）中运行，且相关提交已取回（git fetch）"
# Commands that write a commit and need an identity.
_COMMITTING = frozenset({"notes", "commit", "commit-tree", "merge", "tag"})


class GitError(GovpubError):
    """A git command failed (or git is missing)."""


def _robot_env(env: dict[str, str]) -> dict[str, str]:
    for key, value in (("GIT_AUTHOR_NAME", ROBOT_NAME), ("GIT_AUTHOR_EMAIL", ROBOT_EMAIL),
                       ("GIT_COMMITTER_NAME", ROBOT_NAME), ("GIT_COMMITTER_EMAIL", ROBOT_EMAIL)):
        env.setdefault(key, value)
    return env


def _env(root: Path, args: tuple[str, ...], robot: bool) -> dict[str, str]:
    env = dict(os.environ)
    if robot:
        return _robot_env(env)
    # A CI checkout often has no identity; a note or commit still needs one.
    if args and args[0] in _COMMITTING and config(root, "user.email") is None:
        return _robot_env(env)
    return env


def run(root: Path, *args: str, input: str | None = None, check: bool = True, robot: bool = False,
        hint: str | None = None, error: type[GovpubError] = GitError,
        timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """`git ARGS` in `root`, UTF-8 text. check: raise `error` (GitError) on a non-zero exit.

    robot: commits are made as govpub (unless GIT_AUTHOR_* etc. are set), e.g. ledger commits.
    """
    if not Path(root).is_dir():
        raise error(f"git {' '.join(args[:3])}：目录不存在", path=str(root), hint=hint or DEFAULT_HINT)
    try:
        proc = subprocess.run(["git", *args], cwd=root, env=_env(root, args, robot), input=input,
                              capture_output=True, text=True, encoding="utf-8", errors="replace",
                              timeout=timeout)
    except FileNotFoundError:
        raise error("找不到 git 命令", hint="安装 git 后重试") from None
    except subprocess.TimeoutExpired:
        raise error(f"git {' '.join(args[:3])} 超时", hint=hint or DEFAULT_HINT) from None
    if check and proc.returncode != 0:
        raise error(f"git {' '.join(args[:3])} 失败：{proc.stderr.strip()[:300]}", hint=hint or DEFAULT_HINT)
    return proc


def run_bytes(root: Path, *args: str, check: bool = True, hint: str | None = None,
              input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """`git ARGS` with binary output (git archive, blobs of images)."""
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, input=input)
    except FileNotFoundError:
        raise GitError("找不到 git 命令", hint="安装 git 后重试") from None
    if check and proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace").strip()[:300]
        raise GitError(f"git {' '.join(args[:3])} 失败：{stderr}", hint=hint or DEFAULT_HINT)
    return proc


def ok(root: Path, *args: str) -> bool:
    """True when `git ARGS` exits 0 (also False when git is missing)."""
    try:
        return run(root, *args, check=False).returncode == 0
    except GitError:
        return False


def out(root: Path, *args: str) -> str | None:
    """The stripped output of `git ARGS`, None on a non-zero exit or without git."""
    try:
        proc = run(root, *args, check=False, timeout=30)
    except GitError:
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def config(root: Path, key: str) -> str | None:
    """A git config value, None when unset."""
    try:
        proc = subprocess.run(["git", "config", key], cwd=root, capture_output=True, text=True,
                              encoding="utf-8", timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.strip() or None if proc.returncode == 0 else None
