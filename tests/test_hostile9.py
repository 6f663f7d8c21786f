"""The drafters' path as a careless or hurried drafter walks it (ninth session): a commit that
deletes or renames a picture an article still shows, an article moved to another column with
`git mv`, a commit of 200 articles, a 1 MB one-line paste, `govpub new` with `/`, `:` or quotes in
the title, `govpub fix` on front matter with duplicate keys or tabs. Each test runs the real
command (pre-commit itself where the hook is what is tried) in a temporary Git repository and
asserts what the drafter is told and what is (not) written."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import GIT_ENV, REPO, Site, article_text

ART = "content/pfyfz/2026/tuijinhui.md"
PICTURE = "content/pfyfz/2026/huichang.png"
PIXEL = (REPO / "tests/workflow/pixel.png").read_bytes()


def _published_hooks() -> dict[str, dict]:
    return {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))}


def _our_hooks() -> dict[str, dict]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    return {h["id"]: h for r in config["repos"] for h in r["hooks"]}


class Repo:
    """A site repository with pre-commit installed: the published hooks exactly as
    .pre-commit-hooks.yaml defines them (files, always_run, pass_filenames, types), run with this
    interpreter instead of an environment pre-commit would build (language: system)."""

    def __init__(self, root: Path, hooks: tuple[str, ...] = ("govpub-check",)) -> None:
        self.root = root
        self.env = {**os.environ, **GIT_ENV, "NO_COLOR": "1", "GOVPUB_NO_WARM": "1",
                    "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home")}
        shutil.copytree(REPO / "checks", root / "checks")
        self.git("init", "-q", "-b", "main")
        local = []
        for hook_id in hooks:
            hook = dict(_published_hooks()[hook_id])
            words = shlex.split(hook["entry"])
            assert words[0] == "govpub"
            hook.update(language="system", entry=shlex.join([sys.executable, "-m", "govpub", *words[1:]]))
            local.append(hook)
        (root / ".pre-commit-config.yaml").write_text(
            yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}, allow_unicode=True), "utf-8")
        self.run(sys.executable, "-m", "pre_commit", "install")

    def run(self, *argv: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(argv, cwd=self.root, env=self.env, capture_output=True, text=True)
        if ok:
            assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc

    def git(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("git", *args, ok=ok)

    def write(self, rel: str, data: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    def commit(self, message: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        self.git("add", "-A")
        return self.git("commit", "-m", message, ok=ok)

    def log(self) -> list[str]:
        return self.git("log", "--format=%s").stdout.splitlines()


@pytest.fixture
def repo(tmp_path) -> Repo:
    repo = Repo(tmp_path / "site")
    repo.write(ART, article_text(body="会议现场。\n\n![会议现场](huichang.png)\n"))
    repo.write(PICTURE, PIXEL)
    repo.write("README.md", "站点\n")
    repo.git("add", "-A")
    repo.git("commit", "-qm", "新增：普法工作推进会", "--no-verify")
    return repo


# -- pre-commit sees what a commit removes ---------------------------------------------------------
@pytest.mark.slow
def test_deleting_a_picture_an_article_shows_is_refused_by_pre_commit(repo):
    """`git rm` of a picture the article still shows: pre-commit passes no deleted file (and no
    file at all to a commit that only deletes), so the hook was skipped and the broken picture was
    found only by CI. Now the hook runs on every commit and checks the articles naming a removed
    file; once the article no longer shows it, the commit goes through."""
    repo.git("rm", "-q", PICTURE)
    refused = repo.git("commit", "-m", "删除图片", ok=False)
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert f"{ART}:12:9 meta.local-link 错误" in out and "huichang.png”不存在" in out, out
    assert repo.log() == ["新增：普法工作推进会"]
    repo.write(ART, article_text(body="会议现场。\n"))
    done = repo.commit("删除图片")
    assert re.search(r"govpub 内容检查\.+Passed", done.stdout + done.stderr)
    assert repo.log()[0] == "删除图片"


def _check(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    """`govpub check --removed ARGS` as the hook runs it (in this process: the same command)."""
    return Site(repo.root).run_here("check", "--removed", *args)


def test_renaming_a_picture_an_article_shows_is_refused(repo):
    repo.git("mv", PICTURE, "content/pfyfz/2026/现场.png")
    proc = _check(repo, "content/pfyfz/2026/现场.png")
    assert proc.returncode == 1 and f"{ART}:12:9 meta.local-link" in proc.stdout, proc.stdout + proc.stderr
    repo.write(ART, article_text(body="会议现场。\n\n![会议现场](现场.png)\n"))  # the link follows
    repo.git("add", "-A")
    assert _check(repo, ART, "content/pfyfz/2026/现场.png").returncode == 0


def test_a_commit_that_removes_nothing_linked_checks_nothing_else(repo):
    """A commit outside content/, or removing a file no article names: nothing to check (an older
    article with an error elsewhere is not dragged in); the rules are not even loaded."""
    repo.write("content/gzdt/2026/old.md", article_text(column="gzdt", department="办公室",
                                                       body="联系电话13800138000。\n"))
    repo.write("content/gzdt/2026/spare.png", PIXEL)
    repo.git("add", "-A")
    repo.git("commit", "-qm", "旧稿件（跳过了检查）", "--no-verify")
    repo.git("rm", "-q", "content/gzdt/2026/spare.png")
    proc = _check(repo)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    assert _check(repo, "content/gzdt/2026/old.md").returncode == 1  # given, it is checked


def test_an_article_moved_to_another_column_with_git_mv(repo):
    """`git mv` of an article into another column's folder: its picture stays behind and the column
    it declares is not its folder's (both named on the moved article), and the article that
    interprets it by the old path is named too (found through --removed)."""
    repo.write("content/zcwj/2026/jiedu.md", article_text(
        column="zcwj", department="办公室", title="《推进会工作方案》解读", interprets="../../pfyfz/2026/tuijinhui.md"))
    repo.git("add", "-A")
    repo.git("commit", "-qm", "新增：解读", "--no-verify")
    (repo.root / "content/gzdt/2026").mkdir(parents=True)
    repo.git("mv", ART, "content/gzdt/2026/tuijinhui.md")
    proc = _check(repo, "content/gzdt/2026/tuijinhui.md")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    moved = [ln for ln in lines if ln.startswith("content/gzdt/2026/tuijinhui.md:")]
    assert any("meta.local-link" in ln and "huichang.png" in ln for ln in moved), proc.stdout
    assert any(":3:9 meta.column" in ln and "content/pfyfz/" in ln for ln in moved), proc.stdout
    assert any(ln.startswith("content/zcwj/2026/jiedu.md:") and "meta.interprets" in ln for ln in lines), proc.stdout


# -- the hook definitions -------------------------------------------------------------------------
def test_the_hooks_of_this_repository_and_the_published_ones_agree():
    """The policy hook watched ^(checks/|govpub/) here and ^(checks/|overrides/) in the published
    file. Now: both rerun everything for checks/ (here also for govpub/, the mechanism that lives
    here), both leave a symlink in overrides/ to a theme hook of the same definition, and the
    content hook of both runs on every commit with --removed."""
    ours, published = _our_hooks(), _published_hooks()
    for hooks in (ours, published):
        check = hooks["govpub-check"]
        assert check["always_run"] is True and shlex.split(check["entry"])[-2:] == ["check", "--removed"]
        assert check["files"] == "^content/"
        for key in ("files", "types", "pass_filenames"):
            assert hooks["govpub-check-theme"][key] == published["govpub-check-theme"][key]
        assert hooks["govpub-check-policy"]["pass_filenames"] is False
    assert published["govpub-check-policy"]["files"] == "^checks/"
    policy = re.compile(ours["govpub-check-policy"]["files"])
    for path, watched in (("checks/registry/columns.yml", True), ("govpub/rules/engine.py", True),
                          ("overrides/main.html", False), ("records/consultations/2026/a.yml", False),
                          ("content/gzdt/2026/a.md", False)):
        assert bool(policy.search(path)) is watched, path
        assert bool(re.search(published["govpub-check-policy"]["files"], path)) is (
            watched and not path.startswith("govpub/")), path


# -- a 1 MB paste ---------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_finding_on_a_huge_one_line_paste_carries_a_bounded_excerpt(site, fmt):
    """A link pasted 700 KB long: its finding's `match` was the whole 700 KB (in JSON, SARIF and the
    PR annotations). Now at most 120 characters: the beginning, "…", the end; the keys and types
    are the same and the position still spans the whole link."""
    url = "https://example.com/" + "a" * 700_000 + "/end"
    site.article(body=f"[原文链接]({url})\n")
    proc = site.run_here("check", "--format", fmt, ART)
    assert proc.returncode == 1, proc.stderr
    assert "a" * 1000 not in proc.stdout and "/end" in proc.stdout
    if fmt == "sarif":
        return
    [found] = [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "links.untrusted"]
    assert set(found) == {"rule", "severity", "path", "line", "column", "end_line", "end_column", "message", "match"}
    assert found["match"].startswith("https://example.com/aaa") and found["match"].endswith("aaa/end")
    assert len(found["match"]) == 120 and "…" in found["match"]
    assert found["end_column"] - found["column"] == len(url)


# -- govpub fix on front matter a drafter typed by hand ---------------------------------------------
HEAD = "---\ntitle: 湛江市司法局召开普法工作会议\ncolumn: pfyfz\ndepartment: 普法与依法治理科\nauthor: 王晓敏\n"


def test_a_duplicate_key_names_both_lines_of_the_file(site):
    """The message said “第 1 行已有” for a title on line 2 of the file (the line within the front
    matter); fix leaves the front matter alone (which title is meant is the drafter's choice)."""
    text = HEAD + "date: 2026-11-20 09:30\nchannels: [website]\ntitle: 湛江市司法局召开普法工作推进会\n---\n\n会议指出,要加强普法.\n"
    site.write(ART, text)
    [dup] = [f for f in site.findings(ART) if f["rule"] == "meta.front-matter"]
    assert (dup["line"], dup["message"]) == (8, "键“title”重复出现（第 2 行已有）：删除其中一个")
    fixed = site.run_here("fix", ART)
    assert fixed.returncode == 0, fixed.stderr
    assert (site.root / ART).read_text("utf-8") == text.replace("指出,", "指出，").replace("普法.", "普法。")


def test_tabs_in_front_matter_are_named_and_fixed(site):
    """A tab after `column:` or indenting a list item: the message was “值不能以这个符号开头（如 @ ` %）：
    给整个值加英文引号” (libyaml does not name the tab) and fix left the article unreadable. Now
    the tab is named, and fix turns it into spaces (a second fix changes nothing)."""
    site.write(ART, HEAD.replace("column: ", "column:\t") + "date: 2026-11-20 09:30\nchannels:\n\t- website\n\t- wechat\n"
               "cover: c.png\n---\n\n会议指出，要加强普法。\n")
    [tab] = [f for f in site.findings(ART) if f["rule"] == "meta.front-matter"]
    assert tab["line"] == 8 and "用 Tab 键缩进或分隔：把 Tab 改成空格（文章的 front matter 可运行 govpub fix 修正）" in tab["message"]
    assert site.run_here("fix", ART).returncode == 0
    text = (site.root / ART).read_text("utf-8")
    assert "\t" not in text and "column: pfyfz\n" in text and "channels:\n  - website\n  - wechat\n" in text
    assert not [f for f in site.findings(ART) if f["rule"] == "meta.front-matter"]
    again = site.run_here("fix", ART)
    assert again.returncode == 0 and (site.root / ART).read_text("utf-8") == text


def test_a_commit_of_200_articles_lists_each_error_once_and_a_summary(site):
    """200 articles at once (a year's archive moved in): one line per problem, in path order, and a
    one-line summary; clean articles print nothing. (Time: bench figure in the report, not here.)"""
    paths = []
    for i in range(200):
        rel = f"content/gzdt/2026/a{i:03d}.md"
        body = "市司法局召开普法工作推进会，部署下一阶段任务。\n" * 5 + ("联系电话13800138000。\n" if i % 20 == 0 else "")
        site.write(rel, article_text(body=body, column="gzdt", department="办公室", title=f"湛江市司法局召开第{i}次普法工作推进会"))
        paths.append(rel)
    proc = site.run_here("check", *paths)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    found = [ln for ln in lines if ln.startswith("content/")]
    assert found == sorted(found) and len(found) == 10
    assert all(" privacy.mobile 错误 " in ln for ln in found)
    assert lines[len(found)].startswith("检查了 200 篇文章：10 个错误，0 个警告。")


NEW = ("new", "--column", "gzdt", "--date", "2026-11-20 09:30", "--author", "王晓敏", "--channels", "website")


@pytest.mark.parametrize("title", ['关于印发《湛江市法律援助/公证服务指南》的通知', '湛江市司法局 & 普法: 活动 {x}',
                                   '市司法局开展"宪法宣传周"活动', "#1 湛江市司法局开展普法活动"])
def test_new_with_a_slash_colon_quotes_or_markup_in_the_title(site, title):
    """Already handled: the title reads back exactly (YAML quoting where needed), the file name has
    no / or quote; the ASCII punctuation is named by check and made Chinese by fix, which the
    front matter survives."""
    proc = site.run_here(*NEW, "--title", title)
    assert proc.returncode == 0, proc.stderr
    [article] = (site.root / "content/gzdt/2026").glob("*.md")
    assert re.fullmatch(r"[a-z0-9-]+\.md", article.name)
    rel = article.relative_to(site.root).as_posix()
    head = article.read_text("utf-8").split("---\n")[1]
    assert yaml.safe_load(head)["title"] == title
    site.run_here("fix", rel)
    found = [f for f in site.findings(rel) if f["rule"] not in ("meta.body",)]
    assert not [f for f in found if f["severity"] == "error"], found
    assert yaml.safe_load((site.root / rel).read_text("utf-8").split("---\n")[1])["column"] == "gzdt"
