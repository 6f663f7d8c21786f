"""Red team, seventh round: who a reviewer is, beyond one account. teams.yml may register one
person twice — two forge accounts, say a personal one in the section's L1 team and an office one
in L3 — and its `emails` say which addresses are that person's. Art. 7 asks for three different
people, not three different accounts; and a member known by account id stays that person (with
their registered e-mails) after a rename. The real `govpub approvals verify` (in process) against
the loopback GitHub and Gitea doubles.

Routes tried:
1. one person registered under two accounts (the same e-mail in teams.yml) fills two levels;
2. a reviewer registered with id and e-mail renames the account, then approves a pull request
   with a commit written under that registered e-mail (not linked to the forge account);
3. a GitHub App (a Bot account) whose login the registry lists as a member approves a level.
"""

from __future__ import annotations

import payloads as P
from test_approvals_verify import levels, problems, setup

APPROVED = "APPROVED"


def edit_teams(site, old: str, new: str) -> None:
    teams = site.root / "checks/registry/teams.yml"
    text = teams.read_text("utf-8")
    assert old in text
    teams.write_text(text.replace(old, new), "utf-8")


def test_one_person_with_two_registered_accounts_cannot_fill_two_levels(site, forge, online):
    """The registry lists the e-mail zhou.haiyan@ under both caiwenbin (L1) and zhouhaiyan (L3):
    one person with two accounts. The accounts differ, the person does not: L3 must be someone else."""
    k = forge.kind
    mail = "zhou.haiyan@example.gov.cn"
    edit_teams(site, "{login: caiwenbin, name: 蔡文斌, role: 科长, active: true}",
               f"{{login: caiwenbin, name: 蔡文斌, role: 科长, active: true, emails: [{mail}]}}")
    edit_teams(site, "{login: zhouhaiyan, name: 周海燕, role: 办公室主任, active: true}",
               f"{{login: zhouhaiyan, name: 周海燕, role: 办公室主任, active: true, emails: [{mail}]}}")
    setup(forge, P.happy(k))
    code, v = online(forge)
    assert code == 1 and levels(v)["L3"][0] == "pending", problems(v)
    assert "同一人" in problems(v) and "三级审核须由三个不同的人完成" in problems(v)
    # another member of L3 completes it
    forge.reviews[7].append(P.review(P.L3B, APPROVED, 40, kind=k))
    code, v = online(forge)
    assert code == 0 and levels(v)["L3"] == ("approved", P.L3B)


def test_a_renamed_reviewer_is_still_the_author_of_a_commit_under_their_registered_email(site, forge, online):
    """teams.yml knows 蔡文斌 by id and by the e-mail he commits with. He writes a commit of the PR
    under that e-mail (an address the forge does not link to his account), renames his account and
    approves L1 under the new login: the id says it is him, so his registered e-mails count."""
    k = forge.kind
    mail = "cai.home@example.com"
    edit_teams(site, "{login: caiwenbin, name: 蔡文斌, role: 科长, active: true}",
               f"{{login: caiwenbin, name: 蔡文斌, role: 科长, active: true, id: {P.uid('caiwenbin')}, emails: [{mail}]}}")
    his = P.commit(None, name="C. W.", label="c2", kind=k)
    his["commit"]["author"]["email"] = his["commit"]["committer"]["email"] = mail
    renamed = P.review(P.L1, APPROVED, 10, kind=k)
    renamed["user"]["login"] = "cai-wenbin-2027"
    setup(forge, [renamed, P.review(P.L2, APPROVED, 20, kind=k), P.review(P.L3, APPROVED, 30, kind=k)],
          commits=[P.commit("wangxiaomin", kind=k), his])
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending", problems(v)
    assert "是本合并请求的提交人" in problems(v)


def test_a_bot_listed_as_a_member_fills_no_level(site, github, online):
    """A GitHub App approves through the API; someone put its login into the L1 team. Apps are
    not people: the forge marks them (type Bot) and the approval counts for nothing."""
    edit_teams(site, "{login: caiwenbin, name: 蔡文斌, role: 科长, active: true}",
               "{login: caiwenbin, name: 蔡文斌, role: 科长, active: true}\n"
               "      - {login: shenpi-helper, name: 审批助手, role: 科长, active: true}")
    bot = P.review("shenpi-helper", APPROVED, 10)
    bot["user"]["type"] = "Bot"
    setup(github, [bot, P.review(P.L2, APPROVED, 20), P.review(P.L3, APPROVED, 30)])
    code, v = online(github)
    assert code == 1 and levels(v)["L1"][0] == "pending"
    assert "机器人账号 shenpi-helper 的批准不计入三审" in "\n".join(v["notes"])


def test_approvals_given_after_the_merge_do_not_count(forge, online):
    """An administrator merges a PR past the branch protection; the reviewers then approve it, in
    order, on its head commit (GitHub accepts reviews on a merged PR). The merge was not reviewed:
    the publish gate, which runs this verifier on every merge, must keep refusing it, and the 审批表
    must not show reviews dated after the 签发."""
    k = forge.kind
    pull = P.pull(kind=k, merged=True, merge_sha=P.sha("merge"), merged_by=P.L3, merged_minutes=5)
    forge.add_pull(pull, P.happy(k), [P.commit(kind=k)], P.files(P.ARTICLE), P.articles((P.ARTICLE,)))
    code, v = online(forge)
    assert code == 1 and not any(state == "approved" for state, _ in levels(v).values())
    assert "合并之后的批准不计入" in problems(v) and "处理办法" in problems(v)
    # approvals given before the merge still count
    forge.pulls[7]["merged_at"] = P.at(35, k)
    assert online(forge)[0] == 0
