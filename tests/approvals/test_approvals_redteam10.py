"""Red team, tenth round: who wrote a pull request when a workflow wrote it. The real `govpub approvals
verify` (in process) against the loopback GitHub and Gitea doubles.

Routes tried:
1. a reviewer (L3, who alone approves a change of govpub/, or L1 of an article) pushes a workflow to a
   throwaway branch; it writes the change under any Git name and opens the pull request with the
   workflow's token: the forge names github-actions[bot] (Gitea: gitea-actions) as the opener, the
   commit's author is an address no account owns, and GitHub records no pusher of a normal push.
   The reviewer then approves what they wrote; "Require approval of the most recent reviewable push"
   does not stop it either (the bot pushed). Was open: the bot was nobody, so nobody was excluded.
   Closed: a pull request opened by the workflow account, or with commits linked to it, is blocked
   (govpub.approvals.verify.workflow_authorship);
2. the same with only the commit written as the workflow account inside a drafter's pull request
   (the reviewer's workflow pushes into the drafter's branch after the drafter's review request);
   closed by the same rule;
3. a consultation record (records/consultations/): its question and reply are printed on the site's
   互动交流 page, yet the path was routed as pipeline data, to L3 alone (and no content check read it:
   tests/publish/test_gate_redteam10.py). Was open. Closed: the records the site shows are published
   information, reviewed by the office's three levels whatever teams.yml `published_files` says
   (policy.SHOWN_RECORDS; CODEOWNERS asks for them too);
4. controls: the Word conversion (word.yml commits as the drafter, pushed with the workflow's token)
   and a dependency update opened by dependabot (an app nobody with push rights can steer) still pass.
"""

from __future__ import annotations

import payloads as P
import pytest
from test_approvals_verify import levels, problems, setup

APPROVED = "APPROVED"
CODE = "govpub/publish/gate.py"


def _workflow_account(kind: str) -> str:
    return "gitea-actions" if kind == "gitea" else "github-actions[bot]"


def _unlinked(name: str, email: str, kind: str) -> dict:
    """A commit written under a Git name and address that no forge account owns."""
    c = P.commit(None, name=name, label=f"c-{email}", kind=kind)
    c["commit"]["author"]["email"] = c["commit"]["committer"]["email"] = email
    return c


@pytest.mark.parametrize("files", [(P.ARTICLE,), (CODE,)], ids=["article", "code"])
def test_a_pull_request_opened_by_the_workflow_account_cannot_be_approved(forge, online, files):
    """The L3 reviewer's branch workflow commits as "王晓敏 <wxm@example.com>" (linked to nobody) and
    opens the PR as the bot; all the levels approve, the reviewer among them. Nobody accountable
    drafted it: it must not pass, for an article or for the program (L3 alone)."""
    k = forge.kind
    bot = _workflow_account(k)
    setup(forge, P.happy(k) if files == (P.ARTICLE,) else [P.review(P.L3, APPROVED, 30, kind=k)],
          files=files, author=bot, commits=[_unlinked("王晓敏", "wxm@example.com", k)])
    code, v = online(forge)
    assert code == 1 and not v["approved"], v
    assert "工作流账号" in problems(v) and "处理办法" in problems(v)
    assert forge.statuses[P.HEAD][-1]["state"] == "failure"


def test_a_commit_written_as_the_workflow_account_in_a_drafters_pull_request_is_blocked(forge, online):
    """The drafter opens the PR; a reviewer's branch workflow then pushes a commit into it through the
    contents API (GitHub links it to github-actions[bot]) and the reviewer approves."""
    k = forge.kind
    bot = _workflow_account(k)
    planted = P.commit(bot, name="github-actions[bot]", label="c-bot", kind=k)
    setup(forge, P.happy(k), commits=[P.commit("wangxiaomin", kind=k), planted])
    code, v = online(forge)
    assert code == 1 and not v["approved"]
    assert bot in problems(v) and "工作流账号" in problems(v)


def test_the_word_conversion_and_a_dependency_update_still_pass(forge, online):
    """word.yml commits in the drafter's name (pushed with the workflow's token, which GitHub does not
    show as an author): not a workflow-written commit. dependabot is an app the repository's users
    cannot steer: its update, approved by L3, passes."""
    k = forge.kind
    converted = P.commit("wangxiaomin", label="c-word", kind=k, message="转换 Word 稿件（1 篇）")
    setup(forge, P.happy(k), commits=[P.commit("wangxiaomin", kind=k), converted])
    code, v = online(forge)
    assert code == 0, problems(v)
    assert levels(v)["L3"] == ("approved", P.L3)
    if k == "github":
        update = P.commit("dependabot[bot]", name="dependabot[bot]", label="c-dep", kind=k)
        setup(forge, [P.review(P.L3, APPROVED, 30, kind=k)], files=("pyproject.toml",), author="dependabot[bot]",
              commits=[update])
        code, v = online(forge)
        assert code == 0, problems(v)


RECORD = "records/consultations/2026/2026-0199.yml"


def test_a_consultation_reply_shown_on_the_site_needs_the_offices_three_levels(forge, online):
    k = forge.kind
    setup(forge, [P.review(P.L3, APPROVED, 30, kind=k)], files=(RECORD,))
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending" and v["department"] == "办公室", v
    forge.reviews[7][:] = [P.review("sunli", APPROVED, 10, kind=k), P.review("wujianhua", APPROVED, 20, kind=k),
                           P.review(P.L3, APPROVED, 30, kind=k)]
    code, v = online(forge)
    assert code == 0, problems(v)
    # other records (the audit's rectifications) stay pipeline data: L3 alone
    setup(forge, [P.review(P.L3, APPROVED, 30, kind=k)], files=("records/rectifications/2026/2026-q4-01.yml",))
    code, v = online(forge)
    assert code == 0 and v["required"] == ["L3"], problems(v)


def test_narrowing_published_files_does_not_take_the_records_off(site, forge, online):
    """teams.yml `published_files` lists what else the site shows; the 互动交流 page is govpub's own."""
    teams = site.root / "checks/registry/teams.yml"
    teams.write_text(teams.read_text("utf-8") + "published_files: [mkdocs.yml, overrides/]\n", "utf-8")
    setup(forge, [P.review(P.L3, APPROVED, 30, kind=forge.kind)], files=(RECORD,))
    code, v = online(forge)
    assert code == 1 and v["required"] == ["L1", "L2", "L3"], v
