"""The top-level error handler: no traceback reaches the user, whatever goes wrong."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from helpers import GIT_ENV


def run(site, *args: str, state: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "NO_COLOR": "1", "XDG_STATE_HOME": str(state)}
    env.pop("GOVPUB_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "govpub", *args], cwd=site.root, env=env,
                          capture_output=True, text=True, encoding="utf-8")


def log_of(stderr: str) -> Path:
    m = re.search(r"详细信息已写入 (\S+\.log)", stderr)
    assert m, stderr
    return Path(m.group(1))


def test_broken_pipe_ends_quietly(site, tmp_path):
    """`govpub rules | head`: the reader goes away before govpub writes anything."""
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    proc = subprocess.Popen([sys.executable, "-m", "govpub", "rules"], cwd=site.root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert stderr == ""


def test_unwritable_pages_folder_is_a_chinese_message_and_a_log(site, tmp_path):
    blocker = site.write("not-a-folder", "x")
    proc = run(site, "rules", "--pages", f"{blocker}/pages", state=tmp_path / "state")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "无法读写" in proc.stderr and "处理办法" in proc.stderr and "--pages" in proc.stderr
    log = log_of(proc.stderr)
    assert log.is_relative_to(tmp_path / "state") and "Traceback" in log.read_text(encoding="utf-8")
    assert "rules --pages" in log.read_text(encoding="utf-8")


def test_unwritable_audit_output(site, tmp_path):
    blocker = site.write("not-a-folder", "x")
    proc = run(site, "audit", "--output", f"{blocker}/report", state=tmp_path / "state")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "处理办法" in proc.stderr
    assert "Traceback" in log_of(proc.stderr).read_text(encoding="utf-8")


def test_retract_with_a_corrupt_ledger_changes_nothing_and_says_what_to_do(site, tmp_path):
    """The ledger is read before the article is rewritten: a corrupt one (or no Git checkout)
    is a clear error, and the article is left as it was."""
    article = site.article()
    original = article.read_text("utf-8")
    proc = run(site, "retract", "content/pfyfz/2026/tuijinhui.md", "--reason", "测试撤稿", state=tmp_path / "state")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "处理办法" in proc.stderr
    assert article.read_text("utf-8") == original  # not a Git checkout: nothing changed
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "初始"]):
        subprocess.run(["git", *args], cwd=site.root, env=env, check=True, capture_output=True)
    blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=site.root, env=env, input='{"a": ',
                          capture_output=True, text=True, check=True).stdout.strip()
    tree = subprocess.run(["git", "mktree"], cwd=site.root, env=env, input=f"100644 blob {blob}\twechat.json\n",
                          capture_output=True, text=True, check=True).stdout.strip()
    commit = subprocess.run(["git", "commit-tree", tree, "-m", "台账"], cwd=site.root, env=env,
                            capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run(["git", "update-ref", "refs/govpub/ledger", commit], cwd=site.root, env=env, check=True)
    proc = run(site, "retract", "content/pfyfz/2026/tuijinhui.md", "--reason", "测试撤稿", state=tmp_path / "state")
    assert proc.returncode == 2 and "发布台账 refs/govpub/ledger:wechat.json 无法解析" in proc.stderr, proc.stderr
    assert article.read_text("utf-8") == original


def test_log_folder_unwritable_still_shows_the_traceback(site, tmp_path):
    blocker = site.write("not-a-folder", "x")
    proc = run(site, "rules", "--pages", f"{blocker}/pages", state=blocker)
    assert proc.returncode == 2
    assert "无法写入日志文件" in proc.stderr and "Traceback" in proc.stderr


def test_unwritable_site_dir(tmp_path):
    from helpers import copy_site

    site = copy_site(tmp_path / "repo")
    blocker = site.write("not-a-folder", "x")
    proc = run(site, "build", "--site-dir", f"{blocker}/site", state=tmp_path / "state")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "无法读写" in proc.stderr and "--site-dir" in proc.stderr
    log_of(proc.stderr)
