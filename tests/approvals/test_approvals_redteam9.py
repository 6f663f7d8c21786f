"""Red team, ninth round: who wrote a pull request, and changes that are not new articles. The real
`govpub approvals verify` (in process) against the loopback GitHub and Gitea doubles.

Routes tried:
1. a reviewer rewrites the drafter's commit (amend, rebase, cherry-pick: Git keeps the drafter as
   author and makes the reviewer the committer) under an e-mail the forge links to no account and
   teams.yml does not list, pushes it normally (GitHub keeps no pusher), then approves: the
   committer's name "周海燕" was compared with nothing (only the author's name was). Closed: the
   committer's name counts as an author's, like the author's and the Co-authored-by names;
2. an article moved to another section's column in one PR (a rename that rewrites `department`):
   the old path is the old section's article at the base, the new one names the new section; the
   new section's L1 and L2 alone must not hand it over. Stopped already: two departments, split;
3. a front-matter-only edit of a published article of another section in a shared column
   (`status: withdrawn` removed, `date` moved, `department` rewritten to the drafter's own):
   stopped already, routed by the department at the base (test_approvals_bypass.py,
   test_approvals_redteam6b.py); not repeated here.
"""

from __future__ import annotations

import payloads as P
from test_approvals_verify import levels, problems, setup

APPROVED = "APPROVED"


def test_a_reviewer_who_recommitted_the_draft_under_an_unlinked_address_cannot_approve(forge, online):
    """The L3 reviewer amends the drafter's commit (a figure "corrected" on the way) with
    `git commit --amend`: the author stays 王晓敏, the committer is 周海燕 with a home address that
    neither the forge nor teams.yml knows, so the commit is linked to no account as committer. She
    pushes normally and approves L3. Her name as committer is the only trace: it must exclude her."""
    k = forge.kind
    amended = P.commit("wangxiaomin", kind=k)
    amended["commit"]["committer"] = {"name": "周海燕", "email": "zhy.home@example.com", "date": P.at(-5, k)}
    amended["committer"] = None  # the address belongs to no forge account
    setup(forge, P.happy(k), commits=[amended])
    code, v = online(forge)
    assert code == 1 and levels(v)["L3"][0] == "pending", problems(v)
    assert "周海燕" in problems(v) and "提交人" in problems(v)
    # the control's other side: a commit merely committed by the forge's web flow ("GitHub") or by
    # the drafter excludes no reviewer
    amended["commit"]["committer"] = {"name": "GitHub", "email": "noreply@github.com", "date": P.at(-5, k)}
    code, v = online(forge)
    assert code == 0, problems(v)


def test_a_reviewer_cannot_author_the_article_under_her_name_in_traditional_characters(forge, online):
    """The eighth round folded zero-width characters, full-width letters and spaces out of names.
    The same name in traditional characters (吳建華 for 吴建华) reads as one person on the 审批表
    (拟稿人 吳建華, 三级 吴建华) and was two to the comparison."""
    k = forge.kind
    hers = P.commit(None, name="吳建華", label="c2", kind=k)
    setup(forge, [P.review(P.L1, APPROVED, 10, kind=k), P.review(P.L2, APPROVED, 20, kind=k),
                  P.review(P.L3C, APPROVED, 30, kind=k)], commits=[P.commit("wangxiaomin", kind=k), hers])
    code, v = online(forge)
    assert code == 1 and levels(v)["L3"][0] == "pending", problems(v)
    assert "吴建华" in problems(v) and "提交人" in problems(v)


def test_moving_an_article_to_another_sections_column_in_one_pr_is_refused(forge, online):
    """普法与依法治理科's article in 工作动态 is renamed into 通知公告 (办公室's column) and its
    `department` rewritten to 办公室 in the same PR; 办公室's L1 and L2 and L3 approve. The old path
    is 普法与依法治理科's at the base: handing it over is that section's decision, so the PR names
    two departments and must be split (the old section approves the removal)."""
    k = forge.kind
    old, new = "content/gzdt/2026/dongtai.md", "content/tzgg/2026/dongtai.md"
    setup(forge, [P.review("sunli", APPROVED, 10, kind=k), P.review("wujianhua", APPROVED, 20, kind=k),
                  P.review(P.L3, APPROVED, 30, kind=k)], files=(new,), department="办公室")
    forge.files[7][0].update(status="renamed", previous_filename=old)
    forge.contents[P.sha("base")] = {old: P.article("普法与依法治理科")}
    code, v = online(forge)
    assert code == 1 and v["state"] == "failure" and not v["approved"], problems(v)
    assert v["description"].startswith("一个合并请求只能包含一个科室的文章")
    assert "普法与依法治理科" in v["description"] and old in v["description"]


def test_an_offline_teams_file_keeps_the_registered_e_mails(site, online):
    """Offline with --teams (membership for this verification, e.g. the roster at the merge): the
    registry knows that 周海燕 commits as zhy.home@…, and she wrote a commit of the PR under it. A
    teams file naming her by login dropped her registered e-mails, and her L3 approval counted."""
    import json

    from test_approvals_offline import save
    from test_approvals_redteam7 import edit_teams

    mail = "zhy.home@example.com"
    edit_teams(site, "{login: zhouhaiyan, name: 周海燕, role: 办公室主任, active: true}",
               f"{{login: zhouhaiyan, name: 周海燕, role: 办公室主任, active: true, emails: [{mail}]}}")
    hers = P.commit(None, name="Z. H.", label="c2")
    hers["commit"]["author"]["email"] = hers["commit"]["committer"]["email"] = mail
    args = save(site, P.happy(), commits=[P.commit(), hers])
    assert site.run(*args).returncode == 1  # the registry alone: excluded
    teams = site.root / "teams-at-merge.yml"
    for listing in ("sfj-l3: [zhouhaiyan]", "sfj-l3:\n  - {login: zhouhaiyan, name: 周海燕}"):
        teams.write_text(f"sfj-pfzl-l1: [caiwenbin]\nsfj-pfzl-l2: [huangxiaomin]\n{listing}\n", "utf-8")
        proc = site.run(*args, "--teams", str(teams))
        v = json.loads(proc.stdout)
        assert proc.returncode == 1 and v["levels"][2]["state"] != "approved", listing
        assert "提交人" in "".join(v["problems"])


def test_a_proxy_rewriting_the_review_list_is_caught_by_the_timeline(site, github, online):
    """Left open by the eighth round: a proxy or cache in front of GitHub that rewrites (not
    empties) a page of the review list. The timeline, read anyway, names every review with its
    account, commit, time and state: a list that says otherwise decides nothing (exit 2)."""
    objection = P.review(P.L2, "CHANGES_REQUESTED", 25)
    early_l3 = P.review(P.L3, APPROVED, 5)
    setup(github, [P.review(P.L1, APPROVED, 10), P.review(P.L2, APPROVED, 20), objection, early_l3])
    code, v = online(github)
    assert code == 1 and not v["approved"]  # the truth: L2 objected, L3 approved before L1 and L2
    for rewrite in ({objection["id"]: {"state": APPROVED}},  # the objection made an approval
                    {early_l3["id"]: {"submitted_at": P.at(40)}},  # the early L3 approval moved after L2
                    {objection["id"]: {"state": APPROVED, "user": P.user(P.L3B)}}):  # another account's
        github.rewritten = rewrite
        code, v = online(github)
        assert code == 2 and "与时间线不一致" in v["stderr"], (rewrite, v)
    github.rewritten = {}
    assert online(github)[0] == 1
