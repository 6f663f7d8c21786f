"""Red team, fifth round: routes past the publish gate (govpub/publish/gate.py) that the earlier
tests in test_gate.py do not try. Real Git repositories in temporary folders and the loopback
forge double (tests/approvals/forge_double.py); the gate is called in process (its decision is
library behaviour; the command around it is exercised in test_gate.py).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from forge_double import TOKEN, ForgeDouble
from forge_setup import land_pull, record_pull
from helpers import GIT_ENV, Site, article_text

from govpub.approvals.github import GitHub
from govpub.policy import Policy
from govpub.publish import gate

A = "content/pfyfz/2026/redteam-a.md"
TEAMS = "checks/registry/teams.yml"


def git(root: Path, *args: str, input: str | None = None) -> str:
    return subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=True, input=input).stdout.strip()


def write(root: Path, changes: dict[str, str | None]) -> None:
    for rel, text in changes.items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")


def merge_pr(site: Site, double: ForgeDouble, number: int, changes: dict[str, str | None], *,
             approved: bool = True) -> tuple[str, str]:
    """A PR branch with `changes`, merged with --no-ff, registered on the forge as approved in
    order by the registry's first active members, its record written by the record job."""
    root = site.root
    git(root, "switch", "-q", "-c", f"pr-{number}")
    write(root, changes)
    git(root, "add", "-A")
    git(root, "commit", "-qm", f"稿件 #{number}")
    head = git(root, "rev-parse", "HEAD")
    files = git(root, "diff", "--name-only", "--no-renames", f"main...{head}").splitlines()
    git(root, "switch", "-q", "main")
    git(root, "merge", "-q", "--no-ff", f"pr-{number}", "-m", f"合并 #{number}")
    merge = git(root, "rev-parse", "HEAD")
    land_pull(double, root, merge, head, files, number=number, approved=approved)
    return merge, head


def direct_push(site: Site, changes: dict[str, str | None], message: str = "直接修改") -> str:
    write(site.root, changes)
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", message)
    return git(site.root, "rev-parse", "HEAD")


def run_gate(site: Site, double: ForgeDouble, base: str) -> gate.GateResult:
    forge = GitHub(double.repo, TOKEN, double.api_url)
    try:
        return gate.check(site.root, base=base, head=git(site.root, "rev-parse", "HEAD"), branch="main",
                          forge=forge, policy=Policy(site.root), published_notes=None,
                          record_command="govpub approvals record")
    finally:
        forge.close()


@pytest.fixture
def forge():
    double = ForgeDouble(kind="github").start()
    yield double
    double.stop()


def refused(result: gate.GateResult) -> dict[str, str]:
    return {r.path: r.why for r in result.refused}


def article(title: str, body: str = "11月28日，市司法局组织普法志愿者开展法治宣传活动。\n") -> str:
    return article_text(body=body, title=title)


# -- a superseded approved version brought back ------------------------------------------------
def test_a_direct_push_restoring_a_superseded_approved_version_publishes_nothing(repo, forge):
    """#7 publishes version 1; #8 (approved) corrects it to version 2 — say, a wrong figure fixed.
    Before the next publish a direct push puts version 1 back. Version 1 was approved once, but the
    reviewers of #8 replaced it: what is live must be what the LAST approved PR of the file left."""
    base = git(repo.root, "rev-parse", "HEAD")
    v1 = article("普法宣传进校园活动顺利开展", "11月28日，共发放宣传资料3000份。\n")
    merge_pr(repo, forge, 7, {A: v1})
    merge_pr(repo, forge, 8, {A: article("普法宣传进校园活动顺利开展", "11月28日，共发放宣传资料300份。\n")})
    push = direct_push(repo, {A: v1}, "恢复原文")
    result = run_gate(repo, forge, base)
    assert not result.ok
    assert A in refused(result), result.report()
    assert "#8" in refused(result)[A]
    assert result.refused[0].commit == push


def test_a_direct_push_of_revert_of_an_approved_takedown_publishes_nothing(repo, forge):
    """Revert of a revert: #7 adds the article, #8 (approved) takes it down again; a direct push
    reverts #8 and the article is back. Every version ever approved must not count as approved now."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    take_down, _ = merge_pr(repo, forge, 8, {A: None})
    git(repo.root, "revert", "--no-edit", "-m", "1", take_down)
    result = run_gate(repo, forge, base)
    assert A in refused(result), result.report()


def test_two_approved_prs_of_one_file_publish_the_later_one(repo, forge):
    """The control above does not refuse the ordinary case: two approved versions in one run."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    merge_pr(repo, forge, 8, {A: article("普法宣传进校园活动圆满结束")})
    result = run_gate(repo, forge, base)
    assert result.ok, result.report()
    assert result.approved == [A]


# -- a registry pushed around a merge ------------------------------------------------------------
def sock_puppets(teams: str) -> str:
    """Every team of the registry gains a first active member the drafter controls."""
    anchor = "    members:\n"
    parts = teams.split(anchor)
    return parts[0] + "".join(
        anchor + f"      - {{login: majia{i}, name: 马甲{i}, role: 科长, active: true}}\n" + part
        for i, part in enumerate(parts[1:], 1))


def test_a_registry_pushed_before_a_merge_and_reverted_after_it_publishes_nothing(repo, forge):
    """Someone who can push to main adds sock puppets to every team, has them approve an article
    PR in order, merges it, and pushes the registry back: at HEAD checks/ is unchanged, so no
    changed file points at the tampering, and the PR was "approved" under the registry of the
    commit before its merge. A registry that did not come through an approved PR judges nothing."""
    base = git(repo.root, "rev-parse", "HEAD")
    teams = (repo.root / TEAMS).read_text("utf-8")
    direct_push(repo, {TEAMS: sock_puppets(teams)}, "调整审核团队")
    merge, _ = merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    assert {r["user"]["login"] for r in forge.reviews[7]} <= {f"majia{i}" for i in range(1, 60)}
    direct_push(repo, {TEAMS: teams}, "恢复审核团队")
    result = run_gate(repo, forge, base)
    assert TEAMS not in result.changed
    assert A in refused(result), result.report()
    assert "#7 没有通过三审" in refused(result)[A]


def test_an_approved_registry_change_judges_the_next_pr_in_the_same_run(repo, forge):
    """The control above still lets an approved roster change count for a later PR of the run."""
    import payloads

    base = git(repo.root, "rev-parse", "HEAD")
    teams = (repo.root / TEAMS).read_text("utf-8")
    _, head = merge_pr(repo, forge, 7, {TEAMS: sock_puppets(teams)}, approved=False)
    forge.reviews[7] = [payloads.review(login, "APPROVED", i, commit=head)  # the office's three levels (redteam8)
                        for i, login in ((6, "sunli"), (8, "wujianhua"), (10, payloads.L3))]
    assert record_pull(forge, repo.root, 7).returncode == 0
    merge_pr(repo, forge, 8, {A: article("普法宣传进校园活动顺利开展")})  # approved by the new members
    assert {r["user"]["login"] for r in forge.reviews[8]} <= {f"majia{i}" for i in range(1, 60)}
    result = run_gate(repo, forge, base)
    assert result.ok, result.report()


# -- the branch moved backwards, or another run got there first ---------------------------------
def test_main_reset_to_an_older_commit_publishes_nothing(repo, forge):
    """After #7 and #8 are published, main is force-pushed back to before #8 (to bring back what
    #8 took down, say): the last published commit is no longer in the branch's history."""
    base = git(repo.root, "rev-parse", "HEAD")
    first, _ = merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    published, _ = merge_pr(repo, forge, 8, {A: None})
    git(repo.root, "reset", "-q", "--hard", first)
    result = run_gate(repo, forge, published)
    assert not result.ok and not result.merges
    assert "不在 main 分支当前的历史中" in result.report()
    assert run_gate(repo, forge, base).ok  # the same commit from the start is fine


def test_a_run_overtaken_by_a_newer_publish_while_waiting_for_the_lock_publishes_nothing(repo, forge, tmp_path):
    """Run 1 passes the gate for #7, then waits for the publish lock while run 2 publishes #8,
    which takes the article down again. When run 1 gets the lock it must not deploy and send its
    older commit: the withdrawn article would be back on the site and on WeChat."""
    import json

    from govpub.publish import deploy, pipeline

    older, _ = merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    newer, _ = merge_pr(repo, forge, 8, {A: None})
    www = tmp_path / "www"
    (www / deploy.RELEASE_INFO).mkdir(parents=True)  # what run 2 left on the target
    (www / deploy.RELEASE_INFO / f"{newer[:12]}.json").write_text(
        json.dumps({"commit": newer, "release": newer[:12], "deployed_ns": 1}) + "\n", "utf-8")
    git(repo.root, "checkout", "-q", older)
    result = pipeline.converge(repo.root, older, out=tmp_path / "out", deploy=str(www), remote=False,
                               release_info={"commit": older, "branch": "main"})
    assert not result.ok
    assert [r.state for r in result.rows] == ["failed"]
    assert newer[:12] in result.rows[0].message and "处理办法" in result.rows[0].message
    assert deploy.published(str(www))["commit"] == newer  # nothing deployed over it
    assert not (www / "current").exists()


# -- pages from outside content/ ------------------------------------------------------------------
def test_articles_moved_out_of_content_by_docs_dir_publish_nothing(repo, forge):
    """A PR that points docs_dir at another folder and adds a page there gets an "article" onto the
    site past the content checks, which read content/ only (and, before the eighth round, with the
    office's L3 alone: mkdocs.yml now needs the office's three levels, test_approvals_redteam8)."""
    from govpub.content.paths import content_files

    base = git(repo.root, "rev-parse", "HEAD")
    page = "news/2026/tongzhi.md"
    merge_pr(repo, forge, 7, {"mkdocs.yml": "site_name: 湛江市司法局\nsite_url: https://sfj.example.test/\n"
                                            "docs_dir: news\n", page: article("关于调整办事时间的通知")})
    assert [r["user"]["login"] for r in forge.reviews[7]] == ["sunli", "wujianhua", "zhouhaiyan"]  # the office
    assert run_gate(repo, forge, base).ok  # every change came through an approved PR
    assert all(not p.as_posix().endswith(page) for p in content_files(repo.root, []))  # nobody checks it

    def no_forge() -> gate.GateForge:
        raise AssertionError("the layout is refused before the forge is asked")

    outcome = gate.publish_gate(repo.root, Policy(repo.root), git(repo.root, "rev-parse", "HEAD"), connect=no_forge,
                                branch="main", target=str(repo.root / "www"), initial=base,
                                record_command="govpub approvals record", ref=None)
    assert outcome.passed is None
    assert "docs_dir" in outcome.refusal and "content" in outcome.refusal and "处理办法" in outcome.refusal


@pytest.mark.parametrize("setting", ["docs_dir: !ENV [GOVPUB_DOCS, news]\n", "INHERIT: base.yml\n",
                                     "docs_dir: ./news/../content2\n"])
def test_a_docs_dir_govpub_cannot_read_is_refused(repo, setting):
    """The same route through what govpub's reader of mkdocs.yml does not resolve: a tag MkDocs
    fills in at build time, a parent file it merges, a path that only looks like content."""
    write(repo.root, {"mkdocs.yml": "site_name: 湛江市司法局\nsite_url: https://sfj.example.test/\n" + setting})
    assert gate.layout_problem(repo.root) is not None
    write(repo.root, {"mkdocs.yml": "site_name: 湛江市司法局\nsite_url: https://sfj.example.test/\ndocs_dir: content/\n"})
    assert gate.layout_problem(repo.root) is None


# -- a rebase merge -------------------------------------------------------------------------------
def rebase_merge(site: Site, double: ForgeDouble, number: int, commits: list[dict[str, str | None]]) -> str:
    """The forge's "rebase and merge": the PR's commits replayed onto main, the last one recorded
    as the PR's merge commit; the commits before it belong to no PR as far as the forge says."""
    root = site.root
    base = git(root, "rev-parse", "HEAD")
    git(root, "switch", "-q", "-c", f"pr-{number}")
    for i, changes in enumerate(commits):
        direct_push(site, changes, f"稿件 #{number} 第 {i + 1} 步")
    head = git(root, "rev-parse", "HEAD")
    files = git(root, "diff", "--name-only", "--no-renames", f"{base}...{head}").splitlines()
    git(root, "switch", "-q", "main")
    for sha in git(root, "rev-list", "--reverse", f"{base}..{head}").split():  # replayed: new commit ids
        git(root, "cherry-pick", "--allow-empty", sha)
    last = git(root, "rev-parse", "HEAD")
    land_pull(double, root, last, head, files, number=number,
              commit_shas=git(root, "rev-list", "--reverse", f"{base}..{head}").split())
    return last


def test_a_rebase_merge_publishes_and_a_commit_slipped_between_its_steps_does_not(repo, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    other = "content/pfyfz/2026/redteam-b.md"
    rebase_merge(repo, forge, 7, [{A: article("普法宣传进校园活动顺利开展")}, {other: article("法治文化广场开放")}])
    assert run_gate(repo, forge, base).ok
    # the same, but someone pushes a commit of their own before the replayed ones
    sneak = "content/pfyfz/2026/redteam-c.md"
    published = git(repo.root, "rev-parse", "HEAD")
    direct_push(repo, {sneak: article("未经审核的稿件")})
    rebase_merge(repo, forge, 8, [{A: article("普法宣传进校园活动圆满结束")}])
    result = run_gate(repo, forge, published)
    assert set(refused(result)) == {sneak}, result.report()


# -- a WeChat draft edited in the MP backend between runs ------------------------------------------
def test_a_draft_edited_in_the_mp_backend_is_not_the_one_published(repo, tmp_path):
    """The run that made the draft stopped at submit (daily quota). Before the next run someone
    edits that draft in the MP backend. The ledger still names it, but the text is no longer what
    was approved: the next run publishes a fresh draft from the approved file."""
    from PIL import Image
    from wechat_double import WeChatDouble

    from govpub.publish import pipeline
    from govpub.publish.wechat_client import WeChatClient

    folder = repo.root / "content/gzdt/2026"
    folder.mkdir(parents=True)
    Image.new("RGB", (900, 383), (30, 30, 90)).save(folder / "c0.jpg", "JPEG")
    write(repo.root, {"mkdocs.yml": "site_name: 测试\nsite_url: https://www.zhanjiang.gov.cn/sfj/\n",
                      "content/gzdt/2026/n0.md": article_text(
                          body="第1条动态。\n", title="法律援助工作站揭牌", column="gzdt", department="办公室",
                          channels="[website, wechat]", cover="c0.jpg", summary="动态。")})

    def run(double: WeChatDouble) -> None:
        with WeChatClient(double.state.appid, double.state.secret, base_url=double.url, timeout=1.0,
                          sleep=lambda s: None) as client:
            pipeline.converge(repo.root, "", out=tmp_path / "out", remote=None, clients={"wechat": client},
                              platforms=["wechat"])

    with WeChatDouble() as double:
        double.inject("/cgi-bin/freepublish/submit", "errcode", 45009, times=1)
        run(double)
        assert not double.state.articles and len(double.state.drafts) == 1
        draft = next(iter(double.state.drafts.values()))
        draft["articles"][0]["content"] = "<p>未经审核改写的正文。</p>"
        draft["update_time"] += 600
        run(double)
        published = [item["content"] for art in double.state.articles.values() for item in art["items"]]
        assert len(published) == 1 and "第1条动态" in published[0] and "未经审核" not in published[0]
        assert not double.state.drafts
