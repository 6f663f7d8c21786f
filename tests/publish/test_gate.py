"""The publish gate (govpub/publish/gate.py) attacked the way a drafter with push rights would:
forged, overwritten and deleted records, a rewritten notes history, direct pushes of any kind
of file, a manual run on another branch, a merge that differs from what reviewers approved.

Real Git repositories in temporary folders, the real `govpub publish` and `govpub approvals
record` commands, the loopback forge double (tests/approvals/forge_double.py) as GitHub or
Gitea, a real MkDocs build when the gate lets a run through.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from forge_double import ForgeDouble
from forge_setup import forge_env, land_pull, publish_args, record_pull
from helpers import GIT_ENV, Site, article_text, copy_site, govpub_forked
from wechat_double import WeChatDouble

from govpub.approvals.record import NOTES_REF

A = "content/pfyfz/2026/gate-a.md"
B = "content/pfyfz/2026/gate-b.md"
TITLE_A = "普法宣传进校园活动顺利开展"
TITLE_B = "法治文化广场正式对外开放"

pytestmark = pytest.mark.slow  # real publishes (checks, a MkDocs build, the WeChat sync) in most tests


def git(root: Path, *args: str, input: str | None = None) -> str:
    return subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=True, input=input).stdout.strip()


def write(root: Path, changes: dict[str, str | bytes | None]) -> None:
    for rel, text in changes.items():
        path = root / rel
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, "utf-8")


def article(title: str, body: str = "11月28日，市司法局组织普法志愿者开展法治宣传活动。\n") -> str:
    return article_text(body=body, title=title)


@pytest.fixture(autouse=True)
def wechat(monkeypatch):
    """A run that passes the gate converges every registered account: it reaches the loopback
    WeChat double (credentials through the environment, as in the workflow)."""
    with WeChatDouble() as double:
        monkeypatch.setenv("GOVPUB_WECHAT_APPID", double.state.appid)
        monkeypatch.setenv("GOVPUB_WECHAT_SECRET", double.state.secret)
        monkeypatch.setenv("GOVPUB_WECHAT_API", double.url)
        yield double


@pytest.fixture(params=["github", "gitea"])
def any_forge(request):
    """The forge double as GitHub and as Gitea (their lookups of a merge commit's PR differ)."""
    double = ForgeDouble(kind=request.param).start()
    yield double
    double.stop()


# The sample site with the articles of one column and the annual report (mkdocs.yml points the
# home page at it): the gate does not depend on how many articles there are, every publish that
# passes it checks and builds them all. The whole sample site is published in test_publish.py.
KEEP = ("content/ggflfw/", "content/ghjh/2026/ndbb-2025.md")


@pytest.fixture(scope="session")
def repo_template(tmp_path_factory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("gate") / "repo")
    for path in sorted((site.root / "content").rglob("*")):
        if path.is_file() and not path.relative_to(site.root).as_posix().startswith(KEEP):
            path.unlink()
    git(site.root, "init", "-q", "-b", "main")
    (site.root / ".git/info/exclude").write_text("/site/\n/publish-out/\n", "utf-8")  # build output
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "启用 govpub 时的内容")
    return site.root


@pytest.fixture
def repo(tmp_path, repo_template) -> Site:
    """A fresh copy of the template repository (git history included) for each test."""
    return Site(shutil.copytree(repo_template, tmp_path / "repo", symlinks=True))


def merge_pr(site: Site, double: ForgeDouble, number: int, changes: dict[str, str | bytes | None], *,
             approved: bool = True, record: bool = True,
             on_merge: dict[str, str | bytes | None] | None = None) -> tuple[str, str]:
    """A PR branch with `changes`, merged with --no-ff (plus `on_merge` slipped into the merge
    commit), registered on the forge; returns (merge commit, reviewed head commit)."""
    root = site.root
    git(root, "switch", "-q", "-c", f"pr-{number}")
    write(root, changes)
    git(root, "add", "-A")
    git(root, "commit", "-qm", f"稿件 #{number}")
    head = git(root, "rev-parse", "HEAD")
    files = git(root, "diff", "--name-only", "--no-renames", f"main...{head}").splitlines()  # as the forge lists them
    git(root, "switch", "-q", "main")
    git(root, "merge", "-q", "--no-ff", f"pr-{number}", "-m", f"合并 #{number}")
    if on_merge:
        write(root, on_merge)
        git(root, "add", "-A")
        git(root, "commit", "-q", "--amend", "--no-edit")
    merge = git(root, "rev-parse", "HEAD")
    land_pull(double, root, merge, head, files, number=number, approved=approved, record=record)
    return merge, head


def direct_push(site: Site, changes: dict[str, str | bytes | None], message: str = "直接修改") -> str:
    write(site.root, changes)
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", message)
    return git(site.root, "rev-parse", "HEAD")


def publish(site: Site, double: ForgeDouble, www: Path, *extra: str, initial: str | None = None,
            tip: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    argv = ["publish", *publish_args(double, site.root, tip=tip), "--deploy", str(www), *extra]
    if initial:
        argv += ["--initial", initial]
    # the real command in a process of its own, forked with govpub imported (helpers.GovpubForks)
    return govpub_forked(argv, site.root, {**forge_env(double), **(env or {})})


def live_pages(www: Path) -> str:
    """Every HTML page of the live release, concatenated (what the public can read)."""
    live = (www / "current").resolve()
    return "".join(p.read_text("utf-8") for p in live.rglob("*.html"))


def nothing_published(proc: subprocess.CompletedProcess, www: Path, before: str | None = None) -> None:
    assert proc.returncode != 0, proc.stdout + proc.stderr
    if before is None:
        assert not (www / "current").exists()
    else:
        assert os.readlink(www / "current") == before


# -- the happy path, both forges ------------------------------------------------------------
def test_an_approved_pr_publishes_and_the_next_run_starts_from_it(repo, tmp_path, any_forge):
    double = any_forge
    base = git(repo.root, "rev-parse", "HEAD")
    merge, _ = merge_pr(repo, double, 7, {A: article(TITLE_A)})
    www = tmp_path / "www"
    proc = publish(repo, double, www, initial=base)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "三审门禁通过" in proc.stdout and TITLE_A in live_pages(www)
    info = json.loads(next((www / "release-info").glob("*.json")).read_text("utf-8"))
    assert info["commit"] == merge and info["notes_commit"] == git(repo.root, "rev-parse", NOTES_REF)
    # the forge was asked which PR merged the commit, on the endpoint of that forge
    path = f"/commits/{merge}/pulls" if double.kind == "github" else f"/commits/{merge}/pull"
    assert double.calls("GET", path + "$")
    # a second run starts from the published commit: --initial is ignored, --since too
    again = publish(repo, double, www, "--since", "HEAD~5", initial="HEAD~1")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "--initial 不起作用" in again.stderr and "--since 已不再使用" in again.stderr


def test_first_publish_without_initial_is_refused(repo, tmp_path, forge):
    merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    proc = publish(repo, forge, tmp_path / "www")
    assert proc.returncode == 2 and "--initial" in proc.stderr and "还没有发布记录" in proc.stderr
    assert not (tmp_path / "www").exists()


def test_no_forge_access_publishes_nothing(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    env = {k: v for k, v in forge_env(forge).items() if k != "GOVPUB_FORGE_TOKEN"}
    proc = govpub_forked(["publish", *publish_args(forge, repo.root), "--initial", base, "--deploy",
                          str(tmp_path / "www")], repo.root, env, timeout=120)
    assert proc.returncode == 2 and "令牌" in proc.stderr
    assert not (tmp_path / "www").exists()


def test_a_forge_that_fails_to_answer_publishes_nothing(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    forge.failures.append((r"/commits/[0-9a-f]+/pulls$", 502, {}, {"message": "Bad Gateway"}))
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    assert proc.returncode == 2 and "HTTP 502" in proc.stderr
    assert not (tmp_path / "www").exists()


# -- forged, overwritten, deleted and rewritten records ----------------------------------------
def test_a_forged_approved_note_on_an_unapproved_pr_publishes_nothing(repo, tmp_path, any_forge):
    forge = any_forge
    base = git(repo.root, "rev-parse", "HEAD")
    merge, head = merge_pr(repo, forge, 7, {A: article(TITLE_A)}, approved=False)
    record = json.loads(git(repo.root, "notes", f"--ref={NOTES_REF}", "show", merge))
    assert record["approved"] is False  # what the record job wrote
    # the drafter rewrites the note: approved, every level filled in by the team's members
    record.update(approved=True, state="success")
    for lv, login in zip(record["levels"], ("caiwenbin", "huangxiaomin", "zhouhaiyan"), strict=True):
        lv.update(state="approved", reviewer=login, commit_id=head, review_id=1)
    git(repo.root, "notes", f"--ref={NOTES_REF}", "add", "-f", "-m", json.dumps(record, ensure_ascii=False), merge)
    www = tmp_path / "www"
    proc = publish(repo, forge, www, initial=base)
    nothing_published(proc, www)
    assert "审批记录缺失或被改动" in proc.stdout and "平台上的三审结论是“未通过”" in proc.stdout
    assert f"{A}（提交 {merge[:10]}）：合并请求 #7 没有通过三审" in proc.stdout
    assert f"govpub approvals record --forge {forge.kind} --repo {forge.repo}" in proc.stdout
    assert "审批记录缺失或被改动" in (repo.root / "publish-out/report.md").read_text("utf-8")  # the run's summary


def test_an_overwritten_note_of_an_approved_pr_publishes_nothing(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge, _ = merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    record = json.loads(git(repo.root, "notes", f"--ref={NOTES_REF}", "show", merge))
    record["levels"][2]["reviewer"] = "wujianhua"  # a different L3 on the 审批表
    git(repo.root, "notes", f"--ref={NOTES_REF}", "add", "-f", "-m", json.dumps(record, ensure_ascii=False), merge)
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert "审批记录缺失或被改动" in proc.stdout and "各级审核人和时间" in proc.stdout


def test_an_unparsable_note_publishes_nothing(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge, _ = merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    git(repo.root, "notes", f"--ref={NOTES_REF}", "add", "-f", "-m", "approved: yes", merge)
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert "审批记录无法解析" in proc.stdout


def test_deleted_notes_publish_nothing(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge, _ = merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    git(repo.root, "update-ref", "-d", NOTES_REF)  # every note gone, and the 审批表 evidence with it
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert f"合并请求 #7（合并提交 {merge[:12]}）：审批记录缺失或被改动：没有审批记录" in proc.stdout
    # re-recording (the hint's command) restores the record, and the run goes through
    land_pull(forge, repo.root, merge, forge.pulls[7]["head"]["sha"], [A], number=7)
    ok = publish(repo, forge, tmp_path / "www", initial=base)
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_a_note_on_a_direct_push_is_reported_as_forged(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge, _ = merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    pushed = direct_push(repo, {B: article(TITLE_B)})
    note = git(repo.root, "notes", f"--ref={NOTES_REF}", "show", merge).replace(merge, pushed)
    git(repo.root, "notes", f"--ref={NOTES_REF}", "add", "-m", note, pushed)
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert f"提交 {pushed[:12]} 不是合并请求的合并提交（直接推送），却带有审批记录" in proc.stdout
    assert f"{B}（提交 {pushed[:10]}）：直接推送" in proc.stdout


def test_a_rewritten_notes_history_is_refused_and_reported_by_the_audit(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    first, _ = merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    www = tmp_path / "www"
    assert publish(repo, forge, www, initial=base).returncode == 0
    live = os.readlink(www / "current")
    merge_pr(repo, forge, 8, {B: article(TITLE_B)})
    # the drafter replaces the notes history (push --force): a fresh ref with records that all
    # still match the forge, but not grown from the one recorded with the last publish
    old = json.loads(next((www / "release-info").glob("*.json")).read_text("utf-8"))["notes_commit"]
    git(repo.root, "update-ref", "-d", NOTES_REF)
    land_pull(forge, repo.root, first, forge.pulls[7]["head"]["sha"], [A], number=7)
    land_pull(forge, repo.root, forge.pulls[8]["merge_commit_sha"], forge.pulls[8]["head"]["sha"], [B], number=8)
    rewritten = subprocess.run(["git", "merge-base", "--is-ancestor", old, NOTES_REF], cwd=repo.root)
    assert rewritten.returncode == 1  # the attack as the gate must see it
    proc = publish(repo, forge, www)
    nothing_published(proc, www, before=live)
    assert "审批记录（refs/notes/govpub-approvals）的历史被改写" in proc.stdout and old[:12] in proc.stdout
    assert TITLE_B not in live_pages(www)
    audit = repo.run("audit", "--deploy", str(www), "--output", str(tmp_path / "audit"))
    assert audit.returncode == 1 and "审批记录的历史被改写" in audit.stdout
    report = json.loads((tmp_path / "audit/report.json").read_text("utf-8"))
    assert [f["item"] for f in report["approval_records"]] == ["审批记录的历史被改写"]
    assert "审批记录被删除或改写" in (tmp_path / "audit/report.html").read_text("utf-8")


def test_changing_a_published_record_is_refused_even_as_an_append(repo, tmp_path, forge):
    """Editing an old PR's note adds a notes commit (a fast-forward): the history check alone
    would pass, and the PR is outside the next range, so its note is not compared again."""
    base = git(repo.root, "rev-parse", "HEAD")
    first, _ = merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    www = tmp_path / "www"
    assert publish(repo, forge, www, initial=base).returncode == 0
    live = os.readlink(www / "current")
    original = git(repo.root, "notes", f"--ref={NOTES_REF}", "list", first)
    record = json.loads(git(repo.root, "notes", f"--ref={NOTES_REF}", "show", first))
    record["levels"][0]["name"] = "另一个人"  # the 审批表 would now print someone else
    git(repo.root, "notes", f"--ref={NOTES_REF}", "add", "-f", "-m", json.dumps(record, ensure_ascii=False), first)
    merge_pr(repo, forge, 8, {B: article(TITLE_B)})
    proc = publish(repo, forge, www)
    nothing_published(proc, www, before=live)
    assert f"提交 {first[:12]} 的审批记录在上次发布之后被改动或删除" in proc.stdout
    assert f"add -f -C {original} {first}" in proc.stdout
    audit = repo.run("audit", "--deploy", str(www), "--output", str(tmp_path / "audit"))
    assert audit.returncode == 1 and "已发布的审批记录被改动" in audit.stdout
    # the hint's command restores the record: the records only grew since the publish (#8's was
    # added), so the audit finds nothing, and the run goes through
    git(repo.root, "notes", f"--ref={NOTES_REF}", "add", "-f", "-C", original, first)
    repo.run_here("audit", "--deploy", str(www), "--output", str(tmp_path / "audit2"))
    report = json.loads((tmp_path / "audit2/report.json").read_text("utf-8"))
    assert report["approval_records"] == [], report["approval_records"]
    ok = publish(repo, forge, www)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert TITLE_B in live_pages(www)


# -- state-based: every path, every later run -------------------------------------------------
def test_a_refused_article_stays_unpublished_through_a_later_approved_push(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    www = tmp_path / "www"
    assert publish(repo, forge, www, initial=base).returncode == 0
    live = os.readlink(www / "current")
    smuggled = "未经审核直接推送的一句话。"
    pushed = direct_push(repo, {A: article(TITLE_A, body=f"{smuggled}\n")})
    first = publish(repo, forge, www)
    nothing_published(first, www, before=live)
    assert f"{A}（提交 {pushed[:10]}）：直接推送" in first.stdout
    # the next approved push (another article) does not carry the direct push out
    merge_pr(repo, forge, 8, {B: article(TITLE_B)})
    second = publish(repo, forge, www)
    nothing_published(second, www, before=live)
    assert f"{A}（提交 {pushed[:10]}）" in second.stdout and B not in second.stdout
    assert smuggled not in live_pages(www) and TITLE_B not in live_pages(www)
    # an approved PR that covers the article (here: reverting the direct push) lets it through
    merge_pr(repo, forge, 9, {A: article(TITLE_A)})
    third = publish(repo, forge, www)
    assert third.returncode == 0, third.stdout + third.stderr
    assert TITLE_B in live_pages(www) and smuggled not in live_pages(www)


@pytest.mark.parametrize("what", ["image", "svg", "html", "template", "mkdocs", "checks", "code", "pyproject",
                                  "workflow", "symlink", "deletion"])
def test_a_direct_push_of_any_file_publishes_nothing(repo, tmp_path, forge, what):
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    target = {
        "image": "content/pfyfz/2026/gate-a-photo.png",
        "svg": "content/pfyfz/2026/chart.svg",
        "html": "content/pfyfz/2026/notice.html",
        "template": "overrides/main.html",
        "pyproject": "pyproject.toml",
        "workflow": ".github/workflows/publish.yml",
        "mkdocs": "mkdocs.yml",
        "checks": "checks/wordlists/gate-extra.yml",
        "code": "govpub/site/gate_extra.py",
        "symlink": "content/pfyfz/2026/passwd.md",
        "deletion": next(p for p in git(repo.root, "ls-files", "content").splitlines() if p.endswith(".md")),
    }[what]
    if what == "symlink":
        (repo.root / target).symlink_to("/etc/passwd")
        git(repo.root, "add", "-A")
        git(repo.root, "commit", "-qm", "链接")
        pushed = git(repo.root, "rev-parse", "HEAD")
    elif what == "deletion":  # an article that was live before: taken down without review
        pushed = direct_push(repo, {target: None})
    else:
        old = (repo.root / target).read_text("utf-8") if (repo.root / target).is_file() else ""
        content: str | bytes = b"\x89PNG\r\n\x1a\n" + os.urandom(64) if what == "image" else old + "\n# 直接推送\n"
        pushed = direct_push(repo, {target: content})
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert f"{target}（提交 {pushed[:10]}）：" in proc.stdout, proc.stdout
    assert "三审门禁通过" not in proc.stdout


def test_a_deletion_through_an_approved_pr_publishes(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    gone = next(p for p in git(repo.root, "ls-files", "content").splitlines() if p.endswith(".md") and "/20" in p)
    title = next(line for line in (repo.root / gone).read_text("utf-8").splitlines() if line.startswith("title:"))
    merge_pr(repo, forge, 7, {gone: None})
    www = tmp_path / "www"
    proc = publish(repo, forge, www, initial=base)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert title.split(":", 1)[1].strip() not in live_pages(www)
    assert not any(Path(gone).stem in str(p) for p in (www / "current").resolve().rglob("*"))


def test_an_approved_open_pr_whose_head_is_the_pushed_commit_does_not_cover_it(repo, tmp_path, forge):
    """GitHub lists open PRs that contain a commit too: only the PR merged by it counts."""
    base = git(repo.root, "rev-parse", "HEAD")
    pushed = direct_push(repo, {A: article(TITLE_A)})
    land_pull(forge, repo.root, pushed, pushed, [A], number=9, record=False)
    forge.pulls[9].update(merged=False, merge_commit_sha=None, merged_at=None, state="open")
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert f"{A}（提交 {pushed[:10]}）：直接推送" in proc.stdout


def test_a_pr_merged_into_another_branch_does_not_cover_main(repo, tmp_path, any_forge):
    forge = any_forge
    base = git(repo.root, "rev-parse", "HEAD")
    merge, _ = merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    forge.pulls[7]["base"]["ref"] = "release"
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert f"{A}（提交 {merge[:10]}）：直接推送" in proc.stdout


def test_a_file_slipped_into_the_merge_commit_publishes_nothing(repo, tmp_path, any_forge):
    forge = any_forge
    base = git(repo.root, "rev-parse", "HEAD")
    mkdocs = (repo.root / "mkdocs.yml").read_text("utf-8")
    merge, _ = merge_pr(repo, forge, 7, {A: article(TITLE_A)},
                        on_merge={"mkdocs.yml": mkdocs + "\nextra_javascript: [assets/govpub/ads.js]\n"})
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert f"mkdocs.yml（提交 {merge[:10]}）：不在合并请求 #7 的改动文件中" in proc.stdout
    assert A not in proc.stdout  # the approved article itself is fine


def test_a_merge_whose_article_differs_from_the_approved_head_publishes_nothing(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    merge, head = merge_pr(repo, forge, 7, {A: article(TITLE_A)},
                           on_merge={A: article(TITLE_A, body="合并时改成了审核人没有看过的内容。\n")})
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert f"{A}（提交 {merge[:10]}）：现在的内容与合并请求 #7（审核的提交 {head[:10]}）审核通过的版本不一致" in proc.stdout


# -- the registry a PR is judged by ----------------------------------------------------------------
def test_a_pr_that_adds_its_own_approver_to_the_registry_publishes_nothing(repo, tmp_path, forge):
    """The PR puts a friend into the L3 team and the friend approves; an admin merges it past the
    failing status. The gate judges each PR by the registry as it was before its merge."""
    import payloads

    base = git(repo.root, "rev-parse", "HEAD")
    teams = (repo.root / "checks/registry/teams.yml").read_text("utf-8")
    friend = "      - {login: pengyou, name: 彭友, role: 办公室主任, active: true}\n"
    anchor = "    members:\n"
    assert teams.count(anchor) > 1 and "sfj-l3:" in teams.split(anchor)[0]
    packed = teams.replace(anchor, anchor + friend, 1)  # the first team is sfj-l3
    merge, head = merge_pr(repo, forge, 7, {"checks/registry/teams.yml": packed, A: article(TITLE_A)},
                           approved=False, record=False)
    # real L1 and L2 approve the article; the friend approves as L3
    forge.reviews[7] = [payloads.review("caiwenbin", "APPROVED", 5, commit=head),
                        payloads.review("huangxiaomin", "APPROVED", 8, commit=head),
                        payloads.review("pengyou", "APPROVED", 10, commit=head)]
    # the record job is not fooled either since the eighth round: a change to who approves is the
    # office's, and must be split from articles (test_approvals_redteam8.py)
    assert record_pull(forge, repo.root, 7).returncode == 1
    www = tmp_path / "www"
    proc = publish(repo, forge, www, initial=base)
    nothing_published(proc, www)
    assert "审批记录缺失或被改动" not in proc.stdout  # the note is what the record job wrote
    assert f"{A}（提交 {merge[:10]}）：合并请求 #7 没有通过三审" in proc.stdout
    assert f"checks/registry/teams.yml（提交 {merge[:10]}）：合并请求 #7 没有通过三审" in proc.stdout


def test_a_later_registry_change_does_not_undo_an_earlier_approval(repo, tmp_path, forge):
    """PR #7 is approved by the head of section; PR #8 (approved by L3) then marks them as
    moved away. Publishing both in one run judges #7 by the registry of its own time."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    l1 = forge.reviews[7][0]["user"]["login"]
    teams = (repo.root / "checks/registry/teams.yml").read_text("utf-8")
    line = next(x for x in teams.splitlines() if f"login: {l1}," in x)
    merge_pr(repo, forge, 8, {"checks/registry/teams.yml": teams.replace(line, line.replace("active: true",
                                                                                               "active: false"))})
    www = tmp_path / "www"
    proc = publish(repo, forge, www, initial=base)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert TITLE_A in live_pages(www)


# -- only the protected branch ----------------------------------------------------------------
def test_a_manual_run_on_another_branch_publishes_nothing(repo, tmp_path, any_forge):
    forge = any_forge
    base = git(repo.root, "rev-parse", "HEAD")
    main_tip, _ = merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    git(repo.root, "switch", "-q", "-c", "drafter-branch")
    direct_push(repo, {B: article(TITLE_B)})
    # workflow_dispatch on the drafter's branch: the run's ref names it
    proc = publish(repo, forge, tmp_path / "www", initial=base, tip=main_tip,
                   env={"GITHUB_REF": "refs/heads/drafter-branch"})
    nothing_published(proc, tmp_path / "www")
    assert "不是受保护的分支 main" in proc.stdout
    # the same without the ref (or a forged one): HEAD is not main's tip on the forge
    proc = publish(repo, forge, tmp_path / "www", initial=base, tip=main_tip,
                   env={"GITHUB_REF": "refs/heads/main"})
    nothing_published(proc, tmp_path / "www")
    assert f"不是 main 分支在平台上的最新提交 {main_tip[:12]}" in proc.stdout


def test_a_direct_push_of_a_ledger_file_publishes_nothing(repo, tmp_path, forge):
    """The ledger lives on refs/govpub/ledger; an old-style records/ledger/ file pushed to the
    branch (which a first run would take over) is a change like any other."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    write(repo.root, {"records/ledger/wechat.json": '{"content/pfyfz/2026/gate-a.md": {}}\n'})
    git(repo.root, "add", "-f", "records/ledger/wechat.json")  # ignored by .gitignore, pushed all the same
    pushed = direct_push(repo, {})
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert f"records/ledger/wechat.json（提交 {pushed[:10]}）：" in proc.stdout, proc.stdout



# -- the deploy target's record of what was published ------------------------------------------
def _build(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, "utf-8")
    return folder


def test_the_record_is_the_newest_publish_not_what_a_rollback_serves(tmp_path):
    from govpub.publish import deploy

    www = tmp_path / "www"
    deploy.deploy_local(_build(tmp_path / "b1", "1"), www, "r1", info={"commit": "1" * 40, "notes_commit": None})
    deploy.deploy_local(_build(tmp_path / "b2", "2"), www, "r2", info={"commit": "2" * 40, "notes_commit": "n" * 40})
    deploy.deploy_local(_build(tmp_path / "b3", "3"), www, "retract-1")  # retract: no record
    assert deploy.published(str(www))["commit"] == "2" * 40
    deploy.rollback(www, "r1")
    assert deploy.published(str(www))["commit"] == "2" * 40  # already checked and published
    assert not any(p.name.startswith("release-info") for p in (www / "current").resolve().iterdir())
    assert deploy.published(str(tmp_path / "empty")) is None


def test_the_record_travels_with_an_rsync_release(tmp_path):
    import shutil

    from govpub.publish import deploy

    if shutil.which("rsync") is None:
        pytest.skip("没有 rsync（apt-get install rsync）")
    target = tmp_path / "remote"
    deploy.deploy_rsync(_build(tmp_path / "b1", "1"), str(target), "r1", info={"commit": "1" * 40})
    deploy.deploy_rsync(_build(tmp_path / "b2", "2"), str(target), "r2", info={"commit": "2" * 40})
    assert deploy.published(str(target))["commit"] == "2" * 40
    assert sorted(p.name for p in (target / "release-info").iterdir()) == ["r1.json", "r2.json"]


def test_a_damaged_record_on_the_target_stops_the_publish(tmp_path):
    from govpub.errors import GovpubError
    from govpub.publish import deploy

    (tmp_path / "www/release-info").mkdir(parents=True)
    (tmp_path / "www/release-info/r1.json").write_text("{not json", "utf-8")
    with pytest.raises(GovpubError, match="发布记录不是有效的 JSON"):
        deploy.published(str(tmp_path / "www"))


def test_a_squash_merge_is_checked_against_the_pr_head_fetched_from_the_forge(repo, tmp_path, forge):
    """A squash merge leaves the reviewed head off main: CI's checkout does not have it, and
    the gate fetches refs/pull/N/head (GitHub and Gitea both serve it) to compare states."""
    root = repo.root
    base = git(root, "rev-parse", "HEAD")
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    git(root, "remote", "add", "origin", str(origin))
    git(root, "switch", "-q", "-c", "pr-7")
    write(root, {A: article(TITLE_A)})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "稿件 #7")
    head = git(root, "rev-parse", "HEAD")
    git(root, "push", "-q", "origin", "HEAD:refs/pull/7/head")
    git(root, "switch", "-q", "main")
    git(root, "merge", "-q", "--squash", "pr-7")
    git(root, "commit", "-qm", "稿件 #7 (#7)")
    squash = git(root, "rev-parse", "HEAD")
    land_pull(forge, root, squash, head, [A], number=7)
    git(root, "push", "-q", "origin", "main", NOTES_REF)
    ci = tmp_path / "ci"
    git(tmp_path, "clone", "-q", "--no-local", str(origin), str(ci))  # objects over the wire, as CI
    git(ci, "fetch", "-q", "origin", f"{NOTES_REF}:{NOTES_REF}")
    (ci / ".git/info/exclude").write_text("/site/\n/publish-out/\n", "utf-8")
    missing = subprocess.run(["git", "cat-file", "-e", f"{head}^{{commit}}"], cwd=ci)
    assert missing.returncode != 0  # the reviewed head is not in CI's checkout
    www = tmp_path / "www"
    proc = publish(Site(ci), forge, www, initial=base)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert TITLE_A in live_pages(www)


def test_the_record_is_read_back_from_a_remote_target_over_ssh(tmp_path, monkeypatch):
    """user@host:/path: the records are read with one ssh command (run here by a stand-in for
    ssh that executes the remote command locally); no record there means no starting point."""
    from govpub.publish import deploy

    monkeypatch.delenv(deploy.KEY_ENV, raising=False)
    www = tmp_path / "www"
    deploy.deploy_local(_build(tmp_path / "b1", "1"), www, "r1", info={"commit": "1" * 40})
    deploy.deploy_local(_build(tmp_path / "b2", "2"), www, "r2", info={"commit": "2" * 40})
    seen: list[list[str]] = []

    def ssh(argv: list[str]) -> subprocess.CompletedProcess:
        seen.append(argv)
        assert argv[0] == "ssh" and argv[-2] == "deploy@web1"
        return subprocess.run(["sh", "-c", argv[-1]], capture_output=True, text=True)

    assert deploy.published(f"deploy@web1:{www}", runner=ssh)["commit"] == "2" * 40
    assert deploy.published(f"deploy@web1:{tmp_path / 'nothing'}", runner=ssh) is None
    assert len(seen) == 2


# -- a column several departments share: L1 and L2 follow the article's department ---------
def test_a_shared_column_article_is_judged_by_its_own_departments_reviewers(repo, tmp_path, forge):
    """工作动态 is open to every section: the gate asks the forge for the article at the PR's
    head, and its `department` (not the column's owner) names who must approve at L1 and L2."""
    base = git(repo.root, "rev-parse", "HEAD")
    path = "content/gzdt/2026/pufa-jinxiaoyuan.md"
    text = article_text(body="11月28日，普法志愿者走进湛江市第一中学开展法治宣传。\n", title=TITLE_A,
                        column="gzdt", department="普法与依法治理科")
    merge_pr(repo, forge, 7, {path: text})
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert TITLE_A in live_pages(tmp_path / "www")
    reviewers = [r["user"]["login"] for r in forge.reviews[7]]
    assert reviewers[0] in l1_members(repo, path, "普法与依法治理科")
    assert reviewers[0] not in l1_members(repo, path, "办公室")


def test_a_shared_column_article_approved_by_another_sections_head_publishes_nothing(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    path = "content/gzdt/2026/pufa-jinxiaoyuan.md"
    text = article_text(body="11月28日，普法志愿者走进湛江市第一中学开展法治宣传。\n", title=TITLE_A,
                        column="gzdt", department="普法与依法治理科")
    merge_pr(repo, forge, 7, {path: text})
    # the forge's review data says otherwise: L1 came from the office (the column's owner)
    forge.reviews[7][0]["user"]["login"] = sorted(l1_members(repo, path, "办公室"))[0]
    forge.reviews[7][0]["user"]["id"] = 424242
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert "合并请求 #7 没有通过三审：待一级自查自校" in proc.stdout, proc.stdout


def l1_members(site: Site, path: str, department: str) -> set[str]:
    """Active logins of the L1 team the registry routes `department`'s article at `path` to."""
    from govpub.approvals.model import review_policy
    from govpub.approvals.verify import plan
    from govpub.policy import Policy

    policy = Policy(site.root)
    _levels, teams, _dep, _problems = plan([path], review_policy(policy), {path: department})
    registry = policy.review_teams["teams"]
    return {m["login"] for team in teams["L1"] for m in registry[team]["members"] if m["active"]}


# -- a retraction ahead of its merge: no publish puts the article back ------------------------
def test_a_publish_before_the_withdrawal_is_merged_keeps_the_retracted_site(repo, tmp_path, forge):
    """`govpub retract --deploy` takes the article down at once; the withdrawal then goes through
    a PR. A publish in between (CI checks out the branch, which still holds the article) must not
    show the article again: the website is not updated until the withdrawal is merged."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    www = tmp_path / "www"
    assert publish(repo, forge, www, initial=base).returncode == 0
    retract = repo.run("retract", A, "--reason", "活动时间有误", "--deploy", str(www))
    assert retract.returncode == 0, retract.stdout + retract.stderr
    retracted_release = os.readlink(www / "current")
    assert "该信息已撤回" in live_pages(www) and "普法宣传进校园活动顺利开展" not in live_pages(www)
    withdrawn = (repo.root / A).read_text("utf-8")
    git(repo.root, "checkout", "--", A)  # what CI checks out: the branch, without the withdrawal
    merge_pr(repo, forge, 8, {B: article(TITLE_B)})
    held = publish(repo, forge, www)
    assert held.returncode == 1, held.stdout + held.stderr
    assert f"网站未更新：{A} 已用 govpub retract 撤下" in held.stdout
    assert os.readlink(www / "current") == retracted_release and "该信息已撤回" in live_pages(www)
    # the withdrawal merged through a reviewed PR: the site is updated, the notice stays
    merge_pr(repo, forge, 9, {A: withdrawn})
    done = publish(repo, forge, www)
    assert done.returncode == 0, done.stdout + done.stderr
    assert TITLE_B in live_pages(www) and "该信息已撤回" in live_pages(www)


@pytest.mark.parametrize("how", ["untracked", "modified"])
def test_a_checkout_that_differs_from_the_commit_publishes_nothing(repo, tmp_path, forge, how):
    """The gate checks commits; the site is built from the working tree. A file written into
    the checkout (untracked, or a tracked one edited) after the gate's commit must not go out."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    smuggled = "未经审核写入工作区的一句话。"
    if how == "untracked":
        write(repo.root, {B: article(TITLE_B, body=f"{smuggled}\n")})
    else:
        write(repo.root, {A: article(TITLE_A, body=f"{smuggled}\n")})
    proc = publish(repo, forge, tmp_path / "www", initial=base)
    nothing_published(proc, tmp_path / "www")
    assert "检出的工作区与提交不一致" in proc.stdout and "处理办法" in proc.stdout, proc.stdout


def test_starting_point_is_the_deploy_record_else_the_initial_commit(tmp_path: Path) -> None:
    """A record on the deploy target wins over --initial (which is then reported as ignored);
    a first publish needs an --initial commit that exists; without either nothing is checked."""
    from govpub.errors import UsageError
    from govpub.publish.gate import starting_point

    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "commit", "-q", "--allow-empty", "-m", "起点")
    first = git(root, "rev-parse", "HEAD")
    base, notes, warnings = starting_point(root, {"commit": "a" * 40, "notes_commit": "b" * 40}, first, "/srv/www")
    assert (base, notes) == ("a" * 40, "b" * 40) and "--initial 不起作用" in warnings[0]
    assert starting_point(root, None, first[:12], "/srv/www") == (first, None, [])
    with pytest.raises(UsageError, match="找不到 --initial"):
        starting_point(root, None, "no-such-commit", "/srv/www")
    with pytest.raises(UsageError, match="/srv/www 还没有发布记录"):
        starting_point(root, None, None, "/srv/www")
