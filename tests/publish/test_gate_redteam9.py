"""Red team, ninth round: the publish gate (govpub/publish/gate.py) and the approval record against
changes that are not new articles and against the roster a PR brings with it. Real Git repositories
in temporary folders, the loopback forge double, the real `govpub approvals record`; the gate in
process (helpers of the fifth round, test_gate_redteam5.py).

Routes tried here:
1. a PR that adds its own approver to a team (the office's article and teams.yml in one PR, the
   office's L2 and L3 approving, the newcomer as L1), merged past the required check (a status
   forged by a branch workflow, or an admin): the gate refused it (the registry before the PR
   judges), but the record job judged it by checks/ at the merge commit, the PR's own roster, and
   wrote "三审通过": the 信息发布审批表 printed an approval no valid review gave. Closed: the record
   is judged by the registry the PR was reviewed against (the merge's first parent), as
   `govpub approvals verify` did before the merge;
2. a record planted before the record job with a `recorded_at` in the future (everything else as
   the record job would write it): kept by the record job (same_record ignores the time) and passed
   by the gate (the time is not compared), so the 审批表 showed a record written in 2099. Closed: a
   record written before the PR was merged or later than now is refused by the gate and replaced
   by the record job;
3. edits that are not new articles, by direct push after the approval: `status: withdrawn` removed,
   the date moved, the article renamed back from a withdrawn copy, the article deleted and re-added
   byte for byte by two pushes. Stopped already (the state of every path must be what the last
   approved PR of the range left); one test keeps the front-matter-only edit and the rename.
"""

from __future__ import annotations

import json

import payloads
import pytest
from forge_setup import record_pull
from test_gate_redteam5 import A, article, direct_push, git, merge_pr, refused, run_gate

from govpub.approvals import form, record
from govpub.policy import Policy

NOTES = record.NOTES_REF
TEAMS = "checks/registry/teams.yml"
OFFICE_ARTICLE = "content/tzgg/2026/redteam9-notice.md"
OFFICE_FRONT = dict(column="tzgg", department="办公室", title="关于开展法治宣传月活动的通知")


def note(root, commit: str) -> dict:
    return json.loads(git(root, "notes", f"--ref={NOTES}", "show", commit))


@pytest.fixture
def forge():
    from forge_double import ForgeDouble

    double = ForgeDouble(kind="github").start()
    yield double
    double.stop()


def test_a_pr_adding_its_own_l1_approver_is_recorded_as_not_approved(repo, forge):
    """The office's drafter puts a friend into the office's L1 team in the same PR as an office
    notice; the office's real L2 and L3 approve after the friend. Before the merge the registry of
    main judged it pending; the record must say the same, not what the PR's own roster says."""
    from helpers import article_text

    base = git(repo.root, "rev-parse", "HEAD")
    teams = (repo.root / TEAMS).read_text("utf-8")
    anchor = "  sfj-bgs-l1:\n    name: 办公室科室负责人\n    members:\n"
    assert anchor in teams
    packed = teams.replace(anchor, anchor + "      - {login: pengyou, name: 彭友, role: 办公室副主任, active: true}\n")
    merge, head = merge_pr(repo, forge, 7, {TEAMS: packed, OFFICE_ARTICLE: article_text(**OFFICE_FRONT)},
                           approved=False)
    forge.reviews[7] = [payloads.review("pengyou", "APPROVED", 5, commit=head),
                        payloads.review("wujianhua", "APPROVED", 8, commit=head),
                        payloads.review("zhouhaiyan", "APPROVED", 10, commit=head)]
    proc = record_pull(forge, repo.root, 7)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # merged without 三审
    data = note(repo.root, merge)
    assert data["approved"] is False and data["levels"][0]["state"] != "approved", data["levels"]
    assert "pengyou" not in json.dumps(data["membership"]), "the roster is the one the PR was reviewed against"
    # the gate: refused as before, and the record is the one it expects (no record problem)
    result = run_gate(repo, forge, base)
    assert not result.ok and not result.records, result.report()
    assert OFFICE_ARTICLE in refused(result) and TEAMS in refused(result)


def test_an_approved_roster_change_is_still_recorded_as_approved(repo, forge):
    """The control's other side: the office moves its L1 head away (active: false) in an approved
    PR that the same head approved as L1 while still in office: recorded and published as approved."""
    base = git(repo.root, "rev-parse", "HEAD")
    teams = (repo.root / TEAMS).read_text("utf-8")
    line = "{login: sunli, name: 孙丽, role: 办公室副主任, active: true}"
    assert line in teams
    merge, head = merge_pr(repo, forge, 7, {TEAMS: teams.replace(line, line.replace("true", "false"))},
                           approved=False)
    forge.reviews[7] = [payloads.review("sunli", "APPROVED", 5, commit=head),
                        payloads.review("wujianhua", "APPROVED", 8, commit=head),
                        payloads.review("zhouhaiyan", "APPROVED", 10, commit=head)]
    assert record_pull(forge, repo.root, 7).returncode == 0
    data = note(repo.root, merge)
    assert data["approved"] is True and data["levels"][0]["reviewer"] == "sunli"
    result = run_gate(repo, forge, base)
    assert result.ok, result.report()


@pytest.mark.parametrize("when", ["future", "before the merge"])
def test_a_record_with_an_impossible_time_is_refused_and_replaced(repo, forge, when):
    """Someone with push rights writes the record before the record job does, exactly as it would
    write it, but dated 2099 (or before the PR was merged). The record job must not keep it, and a
    record so dated must not pass a publish."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge, _head = merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    data = note(repo.root, merge)
    data["recorded_at"] = "2099-01-01T00:00:00Z" if when == "future" else payloads.at(-60)
    git(repo.root, "notes", f"--ref={NOTES}", "add", "-f", "-F", "-", merge,
        input=json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    result = run_gate(repo, forge, base)
    assert not result.ok and result.records, result.report()
    assert "记录时间" in result.report()
    # the 审批表 printed from it says that no record job wrote it
    found, path = record.find(repo.root, A)
    html = form.render(found, Policy(repo.root), path)
    assert "不是“三审”工作流写入的" in html
    proc = record_pull(forge, repo.root, 7)
    assert proc.returncode == 0 and "已写入审批记录" in proc.stdout, proc.stdout
    assert note(repo.root, merge)["recorded_at"] != data["recorded_at"]
    assert run_gate(repo, forge, base).ok


def test_front_matter_edits_and_a_rename_back_after_the_approval_publish_nothing(repo, forge):
    """#7 publishes an article; #8 (approved) withdraws it. Two direct pushes then put it back: one
    removes `status: withdrawn` and moves the date, one renames a copy back to the article's path.
    Neither is what #8's reviewers left."""
    base = git(repo.root, "rev-parse", "HEAD")
    live = article("普法宣传进校园活动顺利开展")
    merge_pr(repo, forge, 7, {A: live})
    withdrawn = live.replace("---\n", "---\nstatus: withdrawn\nwithdrawn_reason: 内容有误\n", 1)
    merge_pr(repo, forge, 8, {A: withdrawn})
    direct_push(repo, {A: live.replace("2026-11-20 09:30", "2026-12-01 09:30")}, "恢复发布")
    result = run_gate(repo, forge, base)
    assert A in refused(result) and "#8" in refused(result)[A], result.report()
    copy = A.replace(".md", "-copy.md")
    direct_push(repo, {A: None, copy: live}, "另存")
    git(repo.root, "mv", copy, A)
    direct_push(repo, {}, "改回原名")
    result = run_gate(repo, forge, base)
    assert A in refused(result), result.report()


def test_the_form_does_not_print_the_drafter_who_merged_as_the_signer(repo, forge):
    """Anyone with write access may press "merge" once the reviews are in, the drafter too. The
    审批表's 签发 row printed the merger as if they had signed the publication off; a merger who
    reviewed nothing is named as the one who merged, and the L3 review as the sign-off."""
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    forge.pulls[7]["merged_by"] = payloads.user("wangxiaomin")
    assert record_pull(forge, repo.root, 7).returncode == 0
    found, path = record.find(repo.root, A)
    assert found["signed_off"]["login"] == "wangxiaomin"
    html = form.render(found, Policy(repo.root), path)
    assert "不是本合并请求的审核人" in html
    # an L3 reviewer who merged is the signer, without the remark
    forge.pulls[7]["merged_by"] = payloads.user("zhouhaiyan")
    assert record_pull(forge, repo.root, 7).returncode == 0
    found, path = record.find(repo.root, A)
    assert "不是本合并请求的审核人" not in form.render(found, Policy(repo.root), path)


def _release(folder, articles: dict[str, str]):
    """A built site as `govpub build` leaves it, without MkDocs: one page per article and the
    build manifest that records each content file's sha256 and front matter."""
    import hashlib

    from govpub.site import incremental

    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<h1>湛江市司法局</h1>", "utf-8")
    sources = {}
    for uri, body in articles.items():
        out = uri.removesuffix(".md") + "/index.html"
        (folder / out).parent.mkdir(parents=True, exist_ok=True)
        (folder / out).write_text(body, "utf-8")
        sources[uri] = incremental.Source(key=uri, output=out, size=len(body.encode()),
                                          sha=hashlib.sha256(body.encode()).hexdigest(), meta={"title": "x"})
    manifest = incremental.Manifest(fingerprint="f", sources=sources, checked=True)
    (folder / incremental.MANIFEST).write_text(manifest.to_text(), "utf-8")
    return folder


def test_rollback_does_not_bring_back_a_version_corrected_since(tmp_path):
    """r1 shows an article with a wrong figure (a leader's name misspelt, an ID number left in);
    r2, after an approved correction, shows it right. A careless `govpub rollback` (r2's footer looked
    wrong) put the uncorrected version back in front of readers: a version a later approved PR replaced is not approved any more. Refused, naming the
    article; a rollback over releases whose content files are the same still works."""
    from govpub.errors import GovpubError
    from govpub.publish import deploy

    target = tmp_path / "www"
    uri = "pfyfz/2026/jiuzheng.md"
    deploy.deploy_local(_release(tmp_path / "a", {uri: "共发放宣传资料3000份"}), target, "r1", move=True)
    deploy.deploy_local(_release(tmp_path / "b", {uri: "共发放宣传资料300份"}), target, "r2", move=True)
    with pytest.raises(GovpubError) as caught:
        deploy.rollback(target)
    assert uri in caught.value.message and caught.value.hint
    assert deploy.current_release(target) == "r2"
    deploy.deploy_local(_release(tmp_path / "c", {uri: "共发放宣传资料300份"}), target, "r3", move=True)
    assert deploy.rollback(target) == "r2"  # the same article: only the site around it differs


# -- a direct push laundered by a later approved PR ------------------------------------------------
def test_an_approved_pr_built_on_a_direct_push_does_not_launder_it(repo, forge):
    """A direct push (an admin, a gap in the branch protection) adds a sentence to a published
    article. The gate refuses it, and the report says an approved PR covering the file would do.
    The next ordinary PR touching the article (a date fixed, branched from main after the push)
    is approved: its reviewers saw a one-line diff, the pushed sentence was context. The file at
    HEAD was the PR's head, so the gate published the sentence nobody reviewed as a change.
    Refused now: an approved PR counts for a file only when its diff starts from approved content
    (or when it restores the approved version)."""
    base = git(repo.root, "rev-parse", "HEAD")
    v1 = article("普法宣传进校园活动顺利开展", "11月28日，共发放宣传资料300份。\n")
    merge_pr(repo, forge, 7, {A: v1})
    pushed = v1.replace("300份。", "300份。另请关注某公司新品发布。")
    direct_push(repo, {A: pushed}, "补充一句")
    merge_pr(repo, forge, 8, {A: pushed.replace("11月28日", "11月29日")})
    result = run_gate(repo, forge, base)
    assert A in refused(result), result.report()
    assert "#8" in refused(result)[A] and "未经审核" in refused(result)[A]
    # the way out the report names: a PR that restores the approved version, then (optionally) one
    # that makes the wanted change on top of it, each reviewed as a diff from approved content
    merge_pr(repo, forge, 9, {A: v1})
    assert run_gate(repo, forge, base).ok, run_gate(repo, forge, base).report()
    merge_pr(repo, forge, 10, {A: v1.replace("11月28日", "11月29日")})
    assert run_gate(repo, forge, base).ok


def test_an_approved_pr_built_on_an_unapproved_merge_does_not_launder_it(repo, forge):
    """The same with an admin merge that skipped the reviews (#8) and an approved PR (#9) branched
    from main after it: #9's reviewers saw only their own change."""
    base = git(repo.root, "rev-parse", "HEAD")
    v1 = article("普法宣传进校园活动顺利开展", "11月28日，共发放宣传资料300份。\n")
    merge_pr(repo, forge, 7, {A: v1})
    unreviewed = v1.replace("300份。", "300份。另请关注某公司新品发布。")
    merge_pr(repo, forge, 8, {A: unreviewed}, approved=False)
    merge_pr(repo, forge, 9, {A: unreviewed.replace("11月28日", "11月29日")})
    result = run_gate(repo, forge, base)
    assert A in refused(result) and "#9" in refused(result)[A], result.report()


def test_a_fast_forward_merge_built_on_a_direct_push_does_not_launder_it(repo, forge):
    """Gitea's "fast-forward only" merge style: the PR's head becomes main's tip, its own commits
    are first-parent commits of main. Its diff started after the direct push, which stays unreviewed;
    a fast-forward PR starting from approved content publishes."""
    from forge_setup import land_pull

    base = git(repo.root, "rev-parse", "HEAD")
    v1 = article("普法宣传进校园活动顺利开展", "11月28日，共发放宣传资料300份。\n")
    merge_pr(repo, forge, 7, {A: v1})

    def fast_forward(number: int, text: str) -> None:
        git(repo.root, "switch", "-q", "-c", f"ff-{number}")
        first = direct_push(repo, {A: text.replace("11月", "十一月")}, "第 1 步")
        head = direct_push(repo, {A: text}, "第 2 步")
        git(repo.root, "switch", "-q", "main")
        git(repo.root, "merge", "-q", "--ff-only", f"ff-{number}")
        land_pull(forge, repo.root, head, head, [A], number=number, commit_shas=[first, head])

    fast_forward(8, v1.replace("300份", "350份"))
    assert run_gate(repo, forge, base).ok, run_gate(repo, forge, base).report()
    pushed = v1.replace("300份。", "300份。另请关注某公司新品发布。")
    direct_push(repo, {A: pushed}, "补充一句")
    fast_forward(9, pushed.replace("11月28日", "11月29日"))
    result = run_gate(repo, forge, base)
    assert A in refused(result) and "#9" in refused(result)[A], result.report()


def test_a_wip_title_given_after_the_merge_holds_no_publish_off(repo, forge):
    """The drafter edits the title of their merged PR to "WIP: …" (a PR's author may, after the
    merge too): the gate read it as a draft, so not approved, and refused every publish until the
    office noticed. After the merge a WIP title means nothing (a draft cannot be merged)."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    forge.pulls[7]["title"] = "WIP: 普法推进会稿件"
    result = run_gate(repo, forge, base)
    assert result.ok, result.report()


def test_a_registry_direct_push_laundered_by_an_approved_registry_pr_judges_nothing(repo, forge):
    """The same laundering through who approves: a direct push puts a sock puppet into a section's
    L1 team; the office's next approved change of teams.yml (another line, branched after the push)
    made the gate take the merged teams.yml, puppet included, as the registry for the PRs after it.
    The puppet approves an article as L1; the office then restores teams.yml. The article must not
    publish: a registry PR moves the judging registry only when its diff started from it."""
    base = git(repo.root, "rev-parse", "HEAD")
    teams0 = (repo.root / TEAMS).read_text("utf-8")
    anchor = "  sfj-pfzl-l1:\n    name: 普法与依法治理科科室负责人\n    members:\n"
    assert anchor in teams0
    with_puppet = teams0.replace(anchor, anchor + "      - {login: majia, name: 马甲, role: 科长, active: true}\n")
    direct_push(repo, {TEAMS: with_puppet}, "调整名单")
    office = [("sunli", 5), ("wujianhua", 8), ("zhouhaiyan", 10)]

    def reviewed(number: int, changes: dict, who: list[tuple[str, int]]) -> None:
        _merge, head = merge_pr(repo, forge, number, changes, approved=False)
        forge.reviews[number] = [payloads.review(login, "APPROVED", t, commit=head) for login, t in who]
        record_pull(forge, repo.root, number)

    reviewed(9, {TEAMS: with_puppet.replace("role: 原科长（已调离）", "role: 原科长（2026年已调离）")}, office)
    reviewed(10, {A: article("普法宣传进校园活动顺利开展")},
             [("majia", 5), ("huangxiaomin", 8), ("liangzhenyu", 10)])
    reviewed(11, {TEAMS: teams0}, office)
    result = run_gate(repo, forge, base)
    assert A in refused(result) and "#10" in refused(result)[A], result.report()
    assert TEAMS not in refused(result)  # restored to the approved version by #11
