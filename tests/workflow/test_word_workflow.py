"""The web-only path's CI step (.github/workflows/word.yml), run for real with bash in a git
repository: a .docx uploaded into content/ becomes an article, committed for the drafter."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml
from docx_builder import build_draft
from helpers import GIT_ENV, REPO

WORKFLOW = REPO / ".github/workflows/word.yml"


def step(name: str) -> dict:
    steps = yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]["convert"]["steps"]
    return next(s for s in steps if s.get("name") == name)


def run_convert(site, tmp_path) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "govpub").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m govpub "$@"\n')
    (bin_dir / "govpub").chmod(0o755)
    output, report = tmp_path / "github-output", tmp_path / "report.md"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"PATH": f"{bin_dir}{os.pathsep}{env['PATH']}", "GITHUB_OUTPUT": str(output),
                "DRAFTER": "wangxm", "REPORT": str(report), "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1"})
    proc = subprocess.run(["bash", "-e", "-c", step("转换 Word 稿件")["run"]], cwd=site.root, env=env,
                          capture_output=True, text=True)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines()) if output.exists() else {}
    return proc, outputs, report.read_text("utf-8") if report.exists() else ""


def git(site, *args: str) -> str:
    return subprocess.run(["git", "-c", "core.quotepath=false", *args], cwd=site.root, env={**os.environ, **GIT_ENV}, check=True,
                          capture_output=True, text=True).stdout


def test_uploaded_docx_is_converted_and_committed_for_the_drafter(site, tmp_path):
    git(site, "init", "-q", "-b", "gzdt-xcz")
    (site.root / "content/gzdt/2026").mkdir(parents=True)
    build_draft(site.root / "content/gzdt/2026/宪法宣传周.docx")
    site.write("content/gzdt/2026/坏稿.docx", b"not a word file")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "网页上传")
    proc, outputs, report = run_convert(site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert outputs == {"converted": "1"}
    files = git(site, "ls-files", "content/gzdt/2026").split()
    assert "content/gzdt/2026/宪法宣传周.docx" not in files and "content/gzdt/2026/坏稿.docx" in files
    assert any(f.endswith(".md") for f in files) and sum(f.endswith(".png") for f in files) == 2
    assert git(site, "log", "-1", "--format=%an|%cn|%s") == "wangxm|govpub 稿件转换|转换 Word 稿件（1 篇）\n"
    assert "宪法宣传周.docx：已转换，检查通过" in report and "坏稿.docx：未能转换" in report
    assert git(site, "status", "--porcelain") == ""


def test_nothing_to_convert_commits_nothing(site, tmp_path):
    git(site, "init", "-q", "-b", "gzdt-xcz")
    site.article()
    git(site, "add", "-A")
    git(site, "commit", "-qm", "文章")
    proc, outputs, report = run_convert(site, tmp_path)
    assert proc.returncode == 0 and outputs == {"converted": "0"} and report == ""
    assert git(site, "rev-list", "--count", "HEAD") == "1\n"
