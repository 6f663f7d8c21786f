"""govpub new: a valid article in the right place, from flags or from answers to questions."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import GIT_ENV


def test_new_from_flags_writes_a_valid_article(site):
    proc = site.run("new", "--column", "xzzf", "--title", "湛江市司法局行政处罚决定信息公示",
                    "--author", "李明", "--date", "2026-11-21 10:00")
    assert proc.returncode == 0, proc.stderr
    path = site.root / "content/xzzf/2026/zjssfjxzcfjdxxgs.md"
    assert path.is_file(), proc.stdout
    text = path.read_text(encoding="utf-8")
    assert "department: 行政执法协调监督科" in text  # the column's department by default
    assert "channels: [website]" in text
    assert site.run("check", str(path.relative_to(site.root))).returncode == 0


def test_new_never_overwrites(site):
    args = ("new", "--column", "gzdt", "--title", "召开会议", "--author", "李明", "--date", "2026-11-21 10:00")
    site.run(*args)
    site.run(*args)
    assert sorted(p.name for p in (site.root / "content/gzdt/2026").iterdir()) == ["zkhy-2.md", "zkhy.md"]


def test_new_rejects_unknown_column_and_bad_date(site):
    proc = site.run("new", "--column", "nosuch", "--title", "标题", "--author", "李明")
    assert proc.returncode == 2 and "gzdt（工作动态）" in proc.stderr
    proc = site.run("new", "--column", "gzdt", "--title", "标题", "--author", "李明", "--date", "2026/11/21")
    assert proc.returncode == 2 and "YYYY-MM-DD HH:MM" in proc.stderr
    assert not (site.root / "content/gzdt").exists()


def test_new_asks_questions_on_a_terminal(site):
    """Answers typed at the prompts (a pseudo-terminal, as a drafter would see it)."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # child: the real command on a terminal
        os.chdir(site.root)
        os.environ.update(GIT_ENV)
        os.execv(sys.executable, [sys.executable, "-m", "govpub", "new", "--date", "2026-11-22 09:00"])
    answers = iter(["2", "关于开展宪法宣传周活动的通知", "", "陈晓"])
    output = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if output.decode("utf-8", "ignore").rstrip().endswith("："):
            os.write(fd, (next(answers, "") + "\n").encode())
            output += b"\n"
    os.waitpid(pid, 0)
    text = output.decode("utf-8", "ignore")
    assert "tzgg  通知公告" in text
    files = list((site.root / "content/tzgg/2026").glob("*.md"))
    assert len(files) == 1, text
    article = files[0].read_text(encoding="utf-8")
    assert "title: 关于开展宪法宣传周活动的通知" in article and "department: 办公室" in article
    assert "author: 陈晓" in article
    env = {**os.environ, **GIT_ENV}
    check = subprocess.run([sys.executable, "-m", "govpub", "check"], cwd=site.root, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
