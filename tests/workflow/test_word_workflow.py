"""The web-only path (.github/workflows/word.yml), its steps' scripts run for real with bash: a
.docx uploaded into content/ becomes an article, committed for the drafter, pushed to the pull
request's branch of a bare repository, and reported in one comment on the loopback forge double."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from docx_builder import build, build_draft
from helpers import GIT_ENV, REPO

sys.path.insert(0, str(REPO / "tests/approvals"))
from forge_double import TOKEN, ForgeDouble  # noqa: E402

WORKFLOW = REPO / ".github/workflows/word.yml"


def step(name: str) -> dict:
    steps = yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]["convert"]["steps"]
    return next(s for s in steps if s.get("name") == name)


def runner_env(tmp_path, **extra: str) -> dict[str, str]:
    """A runner's environment: `govpub` on PATH (this tree), no Git identity of the test run."""
    bin_dir = tmp_path / "bin"
    if not bin_dir.exists():
        bin_dir.mkdir()
        (bin_dir / "govpub").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m govpub "$@"\n')
        (bin_dir / "govpub").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_", "GITEA_", "GOVPUB_FORGE"))}
    env.update({"PATH": f"{bin_dir}{os.pathsep}{env['PATH']}", "DRAFTER": "wangxm", "REPORT": str(tmp_path / "report.md"),
                "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1", **extra})
    return env


def run_step(name: str, cwd, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-e", "-c", step(name)["run"]], cwd=cwd, env=env, capture_output=True, text=True)


def run_convert(site, tmp_path, cwd=None, base: str | None = None
                ) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    """The convert step in cwd (default: the site), the pull request's base at base (default: the
    first commit, the site repository itself as origin)."""
    output = tmp_path / "github-output"
    output.unlink(missing_ok=True)
    if base is None:
        base = git(site, "rev-list", "--max-parents=0", "HEAD").split()[0]
        if "origin" not in git(site, "remote").split():
            git(site, "remote", "add", "origin", str(site.root))
    env = runner_env(tmp_path, GITHUB_OUTPUT=str(output), BASE_SHA=base)
    Path(env["REPORT"]).unlink(missing_ok=True)
    proc = run_step("转换 Word 稿件", cwd or site.root, env)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines()) if output.exists() else {}
    report = Path(env["REPORT"])
    return proc, outputs, report.read_text("utf-8") if report.exists() else ""


def git(site, *args: str) -> str:
    return subprocess.run(["git", "-c", "core.quotepath=false", *args], cwd=site.root, env={**os.environ, **GIT_ENV}, check=True,
                          capture_output=True, text=True).stdout


def init_branch(site) -> None:
    """A site repository with its policy committed (the pull request's base), on branch gzdt-xcz."""
    git(site, "init", "-q", "-b", "gzdt-xcz")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "网站仓库")


def test_uploaded_docx_is_converted_and_committed_for_the_drafter(site, tmp_path):
    init_branch(site)
    (site.root / "content/gzdt/2026").mkdir(parents=True)
    build_draft(site.root / "content/gzdt/2026/宪法宣传周.docx")
    site.write("content/gzdt/2026/坏稿.docx", b"not a word file")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "网页上传")
    proc, outputs, report = run_convert(site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert outputs == {"converted": "1", "changed": "1"}
    files = git(site, "ls-files", "content/gzdt/2026").split()
    assert "content/gzdt/2026/宪法宣传周.docx" not in files and "content/gzdt/2026/坏稿.docx" in files
    assert any(f.endswith(".md") for f in files) and sum(f.endswith(".png") for f in files) == 2
    assert git(site, "log", "-1", "--format=%an|%cn|%s") == "wangxm|govpub 稿件转换|转换 Word 稿件（1 篇）\n"
    assert "宪法宣传周.docx：已转换，检查通过" in report and "坏稿.docx：未能转换" in report
    assert git(site, "status", "--porcelain") == ""


def test_nothing_to_convert_commits_nothing(site, tmp_path):
    init_branch(site)
    site.article()
    site.write("content/pfyfz/2026/small.png", _photo((640, 480), "PNG"))
    git(site, "add", "-A")
    git(site, "commit", "-qm", "文章")
    proc, outputs, report = run_convert(site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert outputs == {"converted": "0", "changed": "0"} and report == ""
    assert git(site, "rev-list", "--count", "HEAD") == "2\n"


def _photo(size: tuple[int, int], fmt: str = "JPEG") -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buf, fmt, **({"quality": 95} if fmt == "JPEG" else {}))
    return buf.getvalue()


def test_a_large_photo_uploaded_on_the_web_is_reduced_on_the_branch(site, tmp_path):
    """Only the photos the pull request adds: one already in the base is left as it is."""
    old = site.write("content/gzdt/2025/old.JPG", _photo((3000, 2000)))
    init_branch(site)
    site.write("content/gzdt/2026/IMG_2041.JPG", _photo((4032, 3024)))
    site.write("content/gzdt/2026/ok.jpg", _photo((800, 600)))
    git(site, "add", "-A")
    git(site, "commit", "-qm", "上传照片")
    before = old.read_bytes()
    proc, outputs, report = run_convert(site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert outputs == {"converted": "0", "changed": "1"}
    assert git(site, "log", "-1", "--format=%an|%s") == "wangxm|缩小图片（1 张）\n"
    assert "content/gzdt/2026/IMG_2041.JPG：已处理" in report and "已缩小为 1920×1440 像素" in report
    assert "ok.jpg" not in report and old.read_bytes() == before
    assert git(site, "status", "--porcelain") == ""
    assert "meta.image-size" not in site.run("check", "content/gzdt/2026").stdout


def _git(cwd, *args: str) -> str:
    return subprocess.run(["git", "-c", "core.quotepath=false", *args], cwd=cwd, env={**os.environ, **GIT_ENV},
                          check=True, capture_output=True, text=True).stdout


@pytest.mark.slow
def test_web_path_end_to_end_with_a_bare_repository_and_the_forge(site, tmp_path):
    """Issue #15 "Done when": a .docx pushed on a branch becomes a checked article on that branch,
    with one pull-request comment, updated (not repeated) when the drafter uploads again. The
    comment step runs against a GitHub and a Gitea double alike (their comment APIs differ); the
    conversion before it is the same for both, so it runs once."""
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    _git(site.root, "init", "-q", "-b", "main")
    _git(site.root, "add", "-A")
    _git(site.root, "commit", "-qm", "网站仓库")
    _git(site.root, "remote", "add", "origin", str(origin))
    _git(site.root, "push", "-q", "origin", "main")
    base = _git(site.root, "rev-parse", "HEAD").strip()
    # the drafter's upload on the forge's web page: a branch with the .docx
    _git(site.root, "switch", "-q", "-c", "gzdt-xcz")
    (site.root / "content/gzdt/2026").mkdir(parents=True)
    build_draft(site.root / "content/gzdt/2026/宪法宣传周.docx")
    _git(site.root, "add", "-A")
    _git(site.root, "commit", "-qm", "上传文件")
    _git(site.root, "push", "-q", "origin", "gzdt-xcz")

    forges = {kind: ForgeDouble(kind=kind).start() for kind in ("github", "gitea")}
    try:
        head = _git(site.root, "rev-parse", "HEAD").strip()
        for forge in forges.values():
            forge.add_pull({"number": 7, "title": "宪法宣传周", "head": {"sha": head, "ref": "gzdt-xcz"},
                            "base": {"sha": head, "ref": "main"}, "user": {"login": "wangxm", "id": 7}}, [], [], [])

        def ci_run(n: int) -> dict[str, str]:
            """One run of the job on a fresh runner: checkout, convert, push, comment (on each forge)."""
            work = tmp_path / f"work{n}"
            _git(tmp_path, "clone", "-q", "-b", "gzdt-xcz", str(origin), str(work))
            proc, outputs, report = run_convert(site, tmp_path, cwd=work, base=base)
            assert proc.returncode == 0, proc.stderr
            assert outputs["converted"] == "1"
            env = runner_env(tmp_path, HEAD_REF="gzdt-xcz")
            pushed = run_step("推送到合并请求的分支", work, env)
            assert pushed.returncode == 0, pushed.stderr
            said = {}
            for kind, forge in forges.items():
                own = tmp_path / f"report-{kind}.md"  # the step appends to its report: one copy each
                own.write_bytes((tmp_path / "report.md").read_bytes())
                env = runner_env(tmp_path, REPORT=str(own), GOVPUB_FORGE_TOKEN=TOKEN, GITHUB_API_URL=forge.api_url,
                                 GITHUB_REPOSITORY=forge.repo, PR_NUMBER="7",
                                 **({"GITEA_ACTIONS": "true"} if kind == "gitea" else {}))
                commented = run_step("在合并请求中评论结果", tmp_path, env)
                assert commented.returncode == 0, commented.stdout + commented.stderr
                said[kind] = commented.stdout
            return said

        assert all("已发表评论" in out for out in ci_run(1).values())
        tree = _git(origin, "ls-tree", "-r", "--name-only", "gzdt-xcz", "content/gzdt/2026").split()
        articles = [f for f in tree if f.endswith(".md")]
        assert len(articles) == 1 and not any(f.endswith(".docx") for f in tree)
        assert sum(f.endswith(".png") for f in tree) == 2
        assert _git(origin, "log", "-1", "--format=%an|%s", "gzdt-xcz") == "wangxm|转换 Word 稿件（1 篇）\n"
        text = _git(origin, "show", f"gzdt-xcz:{articles[0]}")
        assert "title: 湛江市司法局开展宪法宣传周活动" in text and "column: gzdt" in text
        for forge in forges.values():
            (comment,) = forge.comments[7]
            assert comment["body"].startswith("<!-- govpub:word -->")
            assert "宪法宣传周.docx：已转换，检查通过" in comment["body"] and "内容检查" in comment["body"]

        # the drafter uploads a second draft to the same branch: the one comment is updated
        _git(site.root, "pull", "-q", "--ff-only", "origin", "gzdt-xcz")
        build(site.root / "content/gzdt/2026/法律援助.docx", big_image=False)
        site.write("content/gzdt/2026/IMG_2041.JPG", _photo((4032, 3024)))  # and a phone photo
        _git(site.root, "add", "-A")
        _git(site.root, "commit", "-qm", "上传文件")
        _git(site.root, "push", "-q", "origin", "gzdt-xcz")
        assert all("已更新评论" in out for out in ci_run(2).values())
        for kind, forge in forges.items():
            (comment,) = forge.comments[7]  # still one comment
            assert "法律援助.docx：" in comment["body"] and "宪法宣传周.docx" not in comment["body"], kind
            assert "IMG_2041.JPG：已处理" in comment["body"], kind
            assert "git add" not in comment["body"], kind  # the job commits: no terminal advice for a web drafter
            assert len(forge.calls("POST", r"/issues/7/comments$")) == 1, kind
            assert len(forge.calls("PATCH", r"/issues/comments/\d+$")) == 1, kind
        assert _git(origin, "log", "-1", "--format=%s", "gzdt-xcz") == "转换 Word 稿件（1 篇），缩小图片（1 张）\n"
        photo = _git(origin, "cat-file", "-s", "gzdt-xcz:content/gzdt/2026/IMG_2041.JPG")
        assert int(photo) <= 2 * 1024 * 1024
        tree = _git(origin, "ls-tree", "-r", "--name-only", "gzdt-xcz", "content/gzdt/2026").split()
        assert sum(f.endswith(".md") for f in tree) == 2 and not any(f.endswith(".docx") for f in tree)
    finally:
        for forge in forges.values():
            forge.stop()


def test_comment_needs_a_token_and_says_so(tmp_path):
    report = tmp_path / "r.md"
    report.write_text("结果\n", encoding="utf-8")
    env = runner_env(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "govpub", "comment", "--repo", "zjsfj/website", "--pr", "7",
                           "--key", "word", "--body-file", str(report)], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "令牌" in proc.stderr and "GOVPUB_FORGE_TOKEN" in proc.stderr


def test_a_keyed_comment_has_one_marker_a_checked_key_and_a_bounded_length():
    """govpub comment's body (govpub/approvals/comment.py keyed): the marker the forge finds
    it by, a key that cannot break out of the HTML comment, a text cut below GitHub's limit."""
    import pytest

    from govpub.approvals.comment import MAX_BODY, keyed
    from govpub.errors import UsageError

    marker, body = keyed("word", "结果\n")
    assert marker == "<!-- govpub:word -->" and body == marker + "\n```text\n结果\n```\n"
    for bad in ("Word", "word -->", "", "a" * 40, "1word"):
        with pytest.raises(UsageError):
            keyed(bad, "x")
    _, long = keyed("word", "字" * (MAX_BODY + 10))
    assert len(long) < 65536 and long.endswith("（内容过长，已截断）\n```\n") and long.count("字") == MAX_BODY
