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
    path.write_text(text + "正文。\n", encoding="utf-8")
    assert site.run("check", str(path.relative_to(site.root))).returncode == 0


def test_new_never_overwrites(site):
    args = ("new", "--column", "gzdt", "--title", "召开会议", "--author", "李明")
    site.run(*args, "--date", "2026-11-21 10:00")
    site.run(*args, "--date", "2026-11-28 10:00")
    assert sorted(p.name for p in (site.root / "content/gzdt/2026").iterdir()) == ["zkhy-2.md", "zkhy.md"]
    again = site.run(*args, "--date", "2026-11-21 16:00")  # the same news twice on one day: told, not doubled
    assert again.returncode == 2 and "content/gzdt/2026/zkhy.md: 栏目 gzdt 在 2026-11-21 已有同名文章" in again.stderr
    assert len(list((site.root / "content/gzdt/2026").iterdir())) == 2


def test_new_rejects_unknown_column_and_bad_date(site):
    proc = site.run("new", "--column", "nosuch", "--title", "标题", "--author", "李明")
    assert proc.returncode == 2 and "gzdt（工作动态）" in proc.stderr
    proc = site.run("new", "--column", "gzdt", "--title", "标题", "--author", "李明", "--date", "2026/11/21")
    assert proc.returncode == 2 and "YYYY-MM-DD HH:MM" in proc.stderr
    assert not (site.root / "content/gzdt").exists()


def on_terminal(site, args: list[str], answers: list[str]) -> str:
    """Run govpub on a pseudo-terminal, typing each answer at a prompt (then Ctrl-D); the screen."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # child: the real command on a terminal
        os.chdir(site.root)
        os.environ.update(GIT_ENV)
        os.execv(sys.executable, [sys.executable, "-m", "govpub", *args])
    pending = iter(answers)
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
            answer = next(pending, None)
            os.write(fd, b"\x04" if answer is None else (answer + "\n").encode())
            output += b"\n"
    os.waitpid(pid, 0)
    return output.decode("utf-8", "ignore")


def test_new_asks_questions_on_a_terminal(site):
    """Answers typed at the prompts (a pseudo-terminal, as a drafter would see it)."""
    text = on_terminal(site, ["new", "--date", "2026-11-22 09:00"], ["2", "关于开展宪法宣传周活动的通知", "", "陈晓"])
    assert "tzgg  通知公告" in text
    files = list((site.root / "content/tzgg/2026").glob("*.md"))
    assert len(files) == 1, text
    article = files[0].read_text(encoding="utf-8")
    assert "title: 关于开展宪法宣传周活动的通知" in article and "department: 办公室" in article
    assert "author: 陈晓" in article
    files[0].write_text(article + "正文。\n", encoding="utf-8")
    env = {**os.environ, **GIT_ENV}
    check = subprocess.run([sys.executable, "-m", "govpub", "check"], cwd=site.root, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_new_asks_again_on_an_empty_or_wrong_answer(site):
    text = on_terminal(site, ["new", "--date", "2026-11-22 09:00"],
                       ["", "99", "2", "", "关于开展宪法宣传周活动的通知", "社区矫正管理科", "", "陈晓"])
    assert text.count("选择栏目（序号或代号）：") == 3 and "栏目“99”未登记" in text
    assert "标题不能为空" in text and text.count("标题：") == 2
    assert "“社区矫正管理科”不负责栏目“通知公告”" in text
    (path,) = (site.root / "content/tzgg/2026").glob("*.md")
    assert "department: 办公室" in path.read_text(encoding="utf-8")


def test_new_ends_cleanly_when_the_terminal_closes(site):
    text = on_terminal(site, ["new", "--date", "2026-11-22 09:00"], ["2"])
    assert "没有回答“标题”" in text and "Traceback" not in text
    assert not (site.root / "content/tzgg").exists()


def test_new_refuses_a_department_that_check_would_reject(site):
    proc = site.run("new", "--column", "zcwj", "--title", "关于印发某办法的通知", "--author", "李明",
                    "--department", "社区矫正管理科", "--date", "2026-11-21 10:00")
    assert proc.returncode == 2 and "不负责栏目" in proc.stderr and "处理办法" in proc.stderr
    assert not (site.root / "content/zcwj").exists()
    proc = site.run("new", "--column", "zcwj", "--title", "关于印发某办法的通知", "--author", "李明",
                    "--department", "不存在的科", "--date", "2026-11-21 10:00")
    assert proc.returncode == 2 and "未登记" in proc.stderr


def test_new_article_must_get_a_body_before_check_passes(site):
    proc = site.run("new", "--column", "gzdt", "--title", "召开会议", "--author", "李明", "--date", "2026-11-21 10:00")
    assert proc.returncode == 0, proc.stderr
    findings = site.findings()
    assert [f["rule"] for f in findings] == ["meta.body"]
    (path,) = (site.root / "content/gzdt/2026").glob("*.md")
    path.write_text(path.read_text(encoding="utf-8") + "11月21日，召开会议。\n", encoding="utf-8")
    assert site.findings() == []
