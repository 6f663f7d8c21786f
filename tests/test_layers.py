"""The shared layers: one Git wrapper (govpub/git.py), one atomic write and one content hash
(govpub/fsutil.py), and commands that stay thin (nothing below them imports them)."""

from __future__ import annotations

import ast
import os
import subprocess
from pathlib import Path

import pytest

from govpub import fsutil, git
from govpub.errors import GovpubError

GOVPUB = Path(__file__).resolve().parent.parent / "govpub"


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    return root


def test_a_failing_git_command_is_a_typed_error_with_a_chinese_hint(tmp_path):
    root = _repo(tmp_path)
    with pytest.raises(git.GitError) as info:
        git.run(root, "rev-parse", "--verify", "no-such-branch")
    assert isinstance(info.value, GovpubError)
    assert "git rev-parse" in str(info.value) and "处理办法" in str(info.value)
    assert git.run(root, "rev-parse", "--verify", "no-such-branch", check=False).returncode != 0
    assert git.out(root, "rev-parse", "--verify", "no-such-branch") is None


def test_a_missing_folder_is_a_git_error_not_a_traceback(tmp_path):
    with pytest.raises(git.GitError, match="目录不存在"):
        git.run(tmp_path / "nowhere", "status")
    assert git.out(tmp_path / "nowhere", "status") is None


def test_a_note_in_a_checkout_without_identity_is_written_as_govpub(tmp_path, monkeypatch):
    root = _repo(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    tree = git.run(root, "mktree", input="").stdout.strip()
    commit = git.run(root, "commit-tree", tree, "-m", "x").stdout.strip()
    assert git.out(root, "log", "-1", "--format=%an <%ae>", commit) == "govpub <govpub@localhost>"
    git.run(root, "config", "user.name", "张三")
    git.run(root, "config", "user.email", "zhangsan@example.org")
    commit = git.run(root, "commit-tree", tree, "-m", "y").stdout.strip()
    assert git.out(root, "log", "-1", "--format=%an", commit) == "张三"  # a configured identity is kept
    robot = git.run(root, "commit-tree", tree, "-m", "z", robot=True).stdout.strip()
    assert git.out(root, "log", "-1", "--format=%an", robot) == "govpub"


def test_write_atomic_keeps_the_mode_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("旧", "utf-8")
    os.chmod(path, 0o640)
    fsutil.write_atomic(path, "新内容")
    assert path.read_text("utf-8") == "新内容" and path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_write_atomic_that_fails_leaves_the_old_content(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_text("旧", "utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        fsutil.write_atomic(path, "新")
    assert path.read_text("utf-8") == "旧"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_content_hash_tells_where_one_file_ends(tmp_path):
    """Moving bytes from the article to an image changes what was published: a new hash."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"xy")
    b.write_bytes(b"z")
    first = fsutil.content_hash([a, b])
    a.write_bytes(b"x")
    b.write_bytes(b"yz")
    assert fsutil.content_hash([a, b]) != first


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_no_library_module_imports_the_command_layer():
    offenders = []
    for path in GOVPUB.rglob("*.py"):
        rel = path.relative_to(GOVPUB).as_posix()
        if rel.startswith("commands/") or rel in ("cli.py", "warm.py"):  # warm.py runs cli.main in a helper
            continue
        if any(n == "govpub.commands" or n.startswith("govpub.commands.") for n in _imports(path)):
            offenders.append(rel)
    assert offenders == []


def test_git_is_run_only_through_the_git_layer():
    """subprocess with a git command line appears in govpub/git.py only (rules/ and site/ aside)."""
    offenders = []
    for path in GOVPUB.rglob("*.py"):
        rel = path.relative_to(GOVPUB).as_posix()
        if rel == "git.py":
            continue
        text = path.read_text("utf-8")
        if '["git"' in text or "['git'" in text:
            offenders.append(rel)
    assert offenders == []


def test_files_are_replaced_only_through_write_atomic():
    """A temporary file renamed over the original is written in govpub/fsutil.py only; deploy.py
    swaps a symlink and warm.py moves a bound Unix socket into place (not a file's content) with
    os.replace, the two other renames."""
    allowed = {"fsutil.py", "publish/deploy.py", "warm.py"}
    offenders = []
    for path in GOVPUB.rglob("*.py"):
        rel = path.relative_to(GOVPUB).as_posix()
        text = path.read_text("utf-8")
        if rel not in allowed and any(s in text for s in ("os.replace(", "mkstemp(", "NamedTemporaryFile(", ".rename(")):
            offenders.append(rel)
    assert offenders == []


def test_a_command_module_defines_only_add_arguments_and_run():
    """Commands parse, call one library function and print: any other public function or class
    in govpub/commands/ is library code in the wrong layer (tests and other modules would start
    to import it from there)."""
    extra = {}
    for path in sorted((GOVPUB / "commands").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        public = {node.name for node in tree.body
                  if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_")}
        if path.name != "__init__.py" and public != {"add_arguments", "run"}:
            extra[path.name] = sorted(public)
    assert extra == {}
