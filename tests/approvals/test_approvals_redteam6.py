"""Red team, sixth round: who a reviewer is. teams.yml names reviewers by login, and a login is
not a person: a reviewer who renames their account frees the old login, and anyone may register
it and press "Approve" (on a public repository no write access is needed to submit a review).
An optional account `id` per member (the number both forges return with every review) closes
that; the real `govpub approvals verify` (in process) against the loopback GitHub and Gitea doubles.
"""

from __future__ import annotations

import payloads as P
import pytest
from test_approvals_verify import levels, problems, setup

APPROVED = "APPROVED"
CAI = "{login: caiwenbin, name: 蔡文斌, role: 科长, active: true}"


def register_id(site, login_entry: str = CAI, uid: int | None = None) -> None:
    """Give the member written as `login_entry` in teams.yml their forge account id."""
    teams = site.root / "checks/registry/teams.yml"
    text = teams.read_text("utf-8")
    assert login_entry in text
    uid = uid if uid is not None else P.uid("caiwenbin")
    teams.write_text(text.replace(login_entry, login_entry[:-1] + f", id: {uid}}}"), "utf-8")


def impostor(kind: str, minutes: int = 10) -> dict:
    """An approval by whoever registered the login `caiwenbin` after its owner renamed theirs:
    same login, another account (another id)."""
    review = P.review(P.L1, APPROVED, minutes, kind=kind)
    review["user"]["id"] = 4242424
    return review


def test_a_freed_login_registered_by_someone_else_counts_without_an_id(forge, online):
    """The route as it stands for a member registered by login alone: the stranger fills L1."""
    k = forge.kind
    setup(forge, [impostor(k), P.review(P.L2, APPROVED, 20, kind=k), P.review(P.L3, APPROVED, 30, kind=k)])
    code, v = online(forge)
    assert code == 0 and levels(v)["L1"] == ("approved", P.L1)


def test_a_freed_login_registered_by_someone_else_does_not_count_with_an_id(site, forge, online):
    k = forge.kind
    register_id(site)
    setup(forge, [impostor(k), P.review(P.L2, APPROVED, 20, kind=k), P.review(P.L3, APPROVED, 30, kind=k)])
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending"
    assert "可能是改名后被他人注册的账号名" in problems(v) and "处理办法" in problems(v)


def test_the_registered_member_still_counts_after_renaming(site, forge, online):
    """The same id under a new login is the registered member: a rename does not stop their reviews."""
    k = forge.kind
    register_id(site)
    renamed = P.review(P.L1, APPROVED, 10, kind=k)
    renamed["user"]["login"] = "cai-wenbin-2027"
    setup(forge, [renamed, P.review(P.L2, APPROVED, 20, kind=k), P.review(P.L3, APPROVED, 30, kind=k)])
    code, v = online(forge)
    assert code == 0, problems(v)
    assert v["levels"][0]["name"] == "蔡文斌"


def test_an_impostors_objection_reopens_nothing_but_the_members_does(site, github, online):
    """Only the registered account speaks for the level: a stranger's "changes requested" under
    the freed login does not stop the article, the member's own (under a new login) does."""
    register_id(site)
    setup(github, [*P.happy(), {**P.review(P.L1, "CHANGES_REQUESTED", 40), "user": {**P.user(P.L1), "id": 4242424}}])
    assert online(github)[0] == 0
    member = P.review(P.L1, "CHANGES_REQUESTED", 40)
    member["user"]["login"] = "cai-wenbin-2027"
    setup(github, [*P.happy(), member])
    code, v = online(github)
    assert code == 1 and levels(v)["L1"][0] == "changes_requested"


@pytest.mark.parametrize("bad", ["abc", "0", "true"])
def test_a_member_id_that_is_not_an_account_number_is_a_config_error(site, github, online, bad):
    register_id(site, uid=0)
    teams = site.root / "checks/registry/teams.yml"
    teams.write_text(teams.read_text("utf-8").replace("id: 0}", f"id: {bad}}}"), "utf-8")
    setup(github, P.happy())
    code, out = online(github)
    assert code == 2 and "teams.yml" in out.get("stderr", "")


# -- the change the reviewers saw ------------------------------------------------------------------
def test_approvals_before_the_target_branch_was_changed_do_not_count(forge, online):
    """A drafter opens the PR against a branch of their own that already holds a second article
    (pushed there directly), gets the three approvals on the one-article diff, then changes the
    target to main: the reviews stay on the same head commit, the diff now carries both."""
    k = forge.kind
    setup(forge, P.happy(k))
    forge.timeline[7] = [P.retargeted(35, k)]
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending"
    assert not any(state == "approved" for state, _ in levels(v).values())
    assert "目标分支" in problems(v) and "需重新批准" in problems(v)
    # approving again after the change counts
    forge.reviews[7] += [P.review(P.L1, APPROVED, 40, kind=k), P.review(P.L2, APPROVED, 50, kind=k),
                         P.review(P.L3, APPROVED, 60, kind=k)]
    assert online(forge)[0] == 0


def test_a_target_branch_chosen_before_the_reviews_changes_nothing(forge, online):
    k = forge.kind
    setup(forge, P.happy(k))
    forge.timeline[7] = [P.retargeted(5, k), {"id": 1, "event": "labeled", "type": "label",
                                              "created_at": P.at(45, k)}]
    assert online(forge)[0] == 0


# -- the record job runs the code of the branch it checks out ---------------------------------------
def test_the_record_job_runs_only_for_merges_into_the_default_branch():
    """pull_request_target runs main's workflow file, but the record job installs and runs the
    govpub of the branch it checks out, with a token that may write. A drafter who merges a PR
    into a branch of their own (unprotected) must not get their code run there: only merges into
    the default branch are recorded, from the default branch."""
    from helpers import REPO

    from govpub import yamlfile

    wf, _ = yamlfile.parse((REPO / ".github/workflows/approvals.yml").read_text("utf-8"))
    job = wf["jobs"]["record"]
    assert "github.event.pull_request.base.ref == github.event.repository.default_branch" in job["if"]
    checkout = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    text = (REPO / ".github/workflows/approvals.yml").read_text("utf-8")
    assert "pull_request.base.ref }}" not in text  # no job checks out the PR's target branch


# -- a commit pushed by a reviewer in the drafter's name ---------------------------------------------
def test_a_reviewer_who_pushed_to_the_pr_cannot_approve_it(forge, online):
    """L1 rewrites the article on the drafter's branch, commits it as the drafter
    (git commit --author "王晓敏 <…>"), pushes, then approves "the drafter's" article: nothing in
    the commits names L1. The forge's timeline names the pusher (Gitea: every push; GitHub: a
    force push), and a pusher is an author."""
    k = forge.kind
    setup(forge, P.happy(k))
    forge.timeline[7] = [P.pushed("wangxiaomin", 1, k), P.pushed(P.L1, 5, k)]
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending"
    assert "蔡文斌" in problems(v) and "提交人" in problems(v)
    forge.timeline[7] = [P.pushed("wangxiaomin", 1, k)]  # the drafter's own pushes exclude nobody else
    assert online(forge)[0] == 0


@pytest.mark.parametrize("kind", ["github", "gitea"])
def test_offline_verification_reads_the_saved_timeline(site, kind):
    """Offline (saved API JSON, the real command): --timeline brings the same two facts."""
    import json

    from test_approvals_offline import save

    argv = save(site, P.happy(kind), pull=P.pull(kind=kind), commits=[P.commit(kind=kind)])
    assert site.run(*argv, "--forge", kind).returncode == 0
    timeline = site.root / "timeline.json"
    for events in ([P.retargeted(35, kind)], [P.pushed(P.L2, 5, kind)]):
        timeline.write_text(json.dumps(events, ensure_ascii=False), "utf-8")
        proc = site.run(*argv, "--forge", kind, "--timeline", str(timeline))
        assert proc.returncode == 1, proc.stdout + proc.stderr
    timeline.write_text('{"not": "a list"}', "utf-8")
    proc = site.run(*argv, "--forge", kind, "--timeline", str(timeline))
    assert proc.returncode == 2 and "时间线文件" in proc.stderr


# -- the approval table comment ---------------------------------------------------------------------
def test_a_comment_planted_with_the_marker_is_not_the_one_updated(forge, online):
    """The drafter posts a comment carrying govpub's marker before the first verification: the
    table must not be written into it (its author could then rewrite "the approval table" at
    will); the CI's own comment is posted and, later, edited in place."""
    from govpub.approvals.comment import MARKER

    k = forge.kind
    setup(forge, P.happy(k)[:1])
    planted = {"id": 5, "body": f"{MARKER}\n### 三审：✅ 三审通过", "user": P.user("wangxiaomin", k)}
    forge.comments[7] = [planted]
    assert online(forge)[0] == 1
    ours = [c for c in forge.comments[7] if c["id"] != 5]
    assert planted["body"].endswith("✅ 三审通过") and len(ours) == 1 and "一级" in ours[0]["body"]
    forge.reviews[7] = P.happy(k)
    assert online(forge)[0] == 0
    assert len(forge.comments[7]) == 2 and "三审通过" in forge.comments[7][1]["body"]
    assert not forge.calls("PATCH", r"/issues/comments/5$")


def test_a_timeline_the_forge_fails_to_give_is_an_error_not_a_verdict(forge, online):
    """A lost or failing timeline answer could hide the retargeting or the push that voids the
    approvals: the verification stops with an error (exit 2) and posts no status."""
    setup(forge, P.happy(forge.kind))
    forge.failures.append((r"/issues/7/timeline$", 502, {}, {"message": "Bad Gateway"}))
    code, out = online(forge)
    assert code == 2 and "502" in out["stderr"] and not forge.statuses


# -- a rule weakened in the same PR as the article it lets through ----------------------------------
def test_a_pr_changing_rules_and_articles_together_is_flagged_to_every_level(forge, online):
    """checks/ needs only L3, an article all three levels; together they need all three, but L1
    and L2 look at the article. The approval table says that the PR also changes the rules its
    article is checked with."""
    k = forge.kind
    setup(forge, P.happy(k), files=(P.ARTICLE, "checks/wordlists/prohibited/gambling.yml"))
    code, v = online(forge)
    assert code == 0 and any("同时改动了规则" in n and "gambling.yml" in n for n in v["notes"])
    setup(forge, P.happy(k))
    assert not any("同时改动了规则" in n for n in online(forge)[1]["notes"])
