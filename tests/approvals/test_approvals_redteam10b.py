"""Red team, tenth round, second group: the workflow account spelled as the first group's rule was not
shown it. The real `govpub approvals verify` (in process) against the loopback GitHub and Gitea doubles.

Routes tried:
1. the workflow account's login in another case (`GitHub-Actions[bot]`, `Gitea-Actions`: the forges
   compare logins without case) opening the pull request: blocked (held);
2. a commit the workflow wrote through the contents API with the drafter given as author: the forge
   links the author to the drafter and the committer to the workflow account: blocked (held: the
   rule reads every account linked to a commit);
3. control: a person's account whose name looks like a bot's (`github-actions-bot`) is a person, an
   author like any other, not refused by this rule;
4. left open (README 第十轮第二组): the workflow pushing commits written entirely in the drafter's
   name and address into the drafter's branch (nothing on the commit names the workflow; GitHub does
   not record who pushed; Gitea does, but the Word conversion pushes the same way).
"""

from __future__ import annotations

import payloads as P
from test_approvals_verify import levels, problems, setup


def _bot(kind: str) -> str:
    return "Gitea-Actions" if kind == "gitea" else "GitHub-Actions[bot]"


def test_the_workflow_account_in_another_case_is_still_the_workflow_account(forge, online):
    k = forge.kind
    setup(forge, P.happy(k), author=_bot(k))
    code, v = online(forge)
    assert code == 1 and not v["approved"] and "工作流账号" in problems(v), v


def test_a_commit_committed_by_the_workflow_in_the_drafters_name_is_blocked(forge, online):
    k = forge.kind
    written = P.commit("wangxiaomin", label="c-api", kind=k)
    written["committer"] = P.user(_bot(k).lower(), k)
    setup(forge, P.happy(k), commits=[P.commit("wangxiaomin", kind=k), written])
    code, v = online(forge)
    assert code == 1 and not v["approved"] and "工作流账号" in problems(v), v


def test_a_persons_account_named_like_a_bot_is_a_person(forge, online):
    k = forge.kind
    setup(forge, P.happy(k), author="github-actions-bot", commits=[P.commit("github-actions-bot", kind=k)])
    code, v = online(forge)
    assert code == 0 and "工作流账号" not in problems(v), problems(v)
    assert levels(v)["L1"] == ("approved", P.L1)
