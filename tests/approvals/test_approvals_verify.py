"""三审 scenarios: the verifier through both adapters, against loopback GitHub and Gitea doubles."""

from __future__ import annotations

import payloads as P
import pytest

APPROVED = "APPROVED"


def _cr(kind: str) -> str:
    return "REQUEST_CHANGES" if kind == "gitea" else "CHANGES_REQUESTED"


def _comment(kind: str) -> str:
    return "COMMENT" if kind == "gitea" else "COMMENTED"


def setup(double, reviews, *, files=(P.ARTICLE,), author="wangxiaomin", commits=None, department=None,
          title="普法推进会稿件", draft=None):
    k = double.kind
    pull = P.pull(author=author, kind=k, title=title)
    if draft is not None:
        pull["draft"] = draft
    double.add_pull(pull, reviews, commits if commits is not None else [P.commit(author, kind=k)],
                    P.files(*files), P.articles(files, department))


def levels(verdict):
    return {lv["level"]: (lv["state"], lv["reviewer"]) for lv in verdict["levels"]}


def problems(verdict):
    return "\n".join(verdict["problems"])


# -- 1 happy path -------------------------------------------------------------------------


def test_happy_path_posts_success_and_one_comment(forge, online):
    setup(forge, P.happy(forge.kind))
    code, v = online(forge)
    assert code == 0 and v["approved"] and v["state"] == "success"
    assert levels(v) == {"L1": ("approved", P.L1), "L2": ("approved", P.L2), "L3": ("approved", P.L3)}
    assert v["levels"][0]["name"] == "蔡文斌" and v["levels"][1]["name"] == "黄晓敏"
    assert v["department"] == "普法与依法治理科" and v["problems"] == []
    status = forge.statuses[P.HEAD]
    assert len(status) == 1 and status[0]["state"] == "success" and status[0]["context"] == "govpub/三审"
    assert "三审通过" in status[0]["description"] and "周海燕" in status[0]["description"]
    [comment] = forge.comments[7]
    assert "<!-- govpub:approvals -->" in comment["body"] and "蔡文斌" in comment["body"]
    assert "三审通过" in comment["body"]


# -- 2-4 each level missing ---------------------------------------------------------------


@pytest.mark.parametrize("missing", ["L1", "L2", "L3"])
def test_each_level_missing(forge, online, missing):
    k = forge.kind
    who = {"L1": (P.L1, 10), "L2": (P.L2, 20), "L3": (P.L3, 30)}
    setup(forge, [P.review(login, APPROVED, t, kind=k) for lv, (login, t) in who.items() if lv != missing])
    code, v = online(forge)
    assert code == 1 and not v["approved"] and v["state"] == "pending"
    assert v["next_level"] == missing
    states = levels(v)
    assert states[missing][0] == "pending"
    order = ["L1", "L2", "L3"]
    for lv in order[order.index(missing) + 1:]:
        assert states[lv][0] == "waiting"
    status = forge.statuses[P.HEAD][-1]
    assert status["state"] == "pending"
    assert {"L1": "一级", "L2": "二级", "L3": "三级"}[missing] in status["description"]
    if missing != "L3":  # the higher approvals are reported, not silently dropped
        assert "尚未通过" in problems(v)


# -- 5 out of order ---------------------------------------------------------------------------


def test_out_of_order_l3_before_l2(forge, online):
    k = forge.kind
    setup(forge, [P.review(P.L1, APPROVED, 10, kind=k), P.review(P.L3, APPROVED, 15, kind=k),
                  P.review(P.L2, APPROVED, 20, kind=k)])
    code, v = online(forge)
    assert code == 1 and levels(v)["L3"] == ("pending", None) and levels(v)["L2"][0] == "approved"
    assert "早于二级通过" in problems(v) and "周海燕" in problems(v)


def test_out_of_order_then_reapproved(forge, online):
    k = forge.kind
    setup(forge, [P.review(P.L1, APPROVED, 10, kind=k), P.review(P.L3, APPROVED, 15, kind=k),
                  P.review(P.L2, APPROVED, 20, kind=k), P.review(P.L3, APPROVED, 25, kind=k)])
    code, v = online(forge)
    assert code == 0 and v["levels"][2]["submitted_at"].endswith("01:25:00Z")


# -- 6 the author approving -------------------------------------------------------------------


def test_commit_author_cannot_approve(forge, online):
    k = forge.kind
    # The section head wrote a commit on the PR, then approved it as L1.
    commits = [P.commit("wangxiaomin", kind=k), P.commit(P.L1, "蔡文斌", "c2", kind=k)]
    setup(forge, P.happy(k), commits=commits)
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending"
    assert "提交人" in problems(v) and "蔡文斌" in problems(v)


def test_pr_opener_cannot_approve(forge, online):
    k = forge.kind
    setup(forge, [P.review(P.L1, APPROVED, 10, kind=k), P.review(P.L2, APPROVED, 20, kind=k),
                  P.review(P.L3B, APPROVED, 30, kind=k)], author=P.L3B)
    code, v = online(forge)
    assert code == 1 and levels(v)["L3"][0] == "pending" and "提交人" in problems(v)


def test_author_matched_by_name_without_linked_account(github, online):
    # A commit whose e-mail is not linked to an account (author: null) still names its author.
    commits = [P.commit(None, "蔡文斌", "c9")]
    setup(github, P.happy(), commits=commits)
    code, v = online(github)
    assert code == 1 and "提交人" in problems(v)


# -- 7 one person at two levels ---------------------------------------------------------------


def test_one_person_at_two_levels(forge, online):
    k = forge.kind
    # tzgg belongs to 办公室: L2 is wujianhua, who is also in the L3 team.
    setup(forge, [P.review("sunli", APPROVED, 10, kind=k), P.review(P.L3C, APPROVED, 20, kind=k),
                  P.review(P.L3C, APPROVED, 30, kind=k)], files=("content/tzgg/2026/tongzhi.md",))
    code, v = online(forge)
    assert code == 1 and levels(v)["L2"] == ("approved", P.L3C) and levels(v)["L3"][0] == "pending"
    assert "三个不同的人" in problems(v)


def test_same_person_one_review_counts_once(forge, online):
    k = forge.kind
    setup(forge, [P.review("sunli", APPROVED, 10, kind=k), P.review(P.L3C, APPROVED, 20, kind=k),
                  P.review(P.L3, APPROVED, 30, kind=k)], files=("content/tzgg/2026/tongzhi.md",))
    code, v = online(forge)
    assert code == 0 and levels(v)["L3"] == ("approved", P.L3)


# -- 8 a non-member, an inactive member ---------------------------------------------------------


def test_non_member_approval_does_not_count(forge, online):
    k = forge.kind
    setup(forge, [P.review("zhangsan", APPROVED, 5, kind=k), P.review(P.L2, APPROVED, 20, kind=k),
                  P.review(P.L3, APPROVED, 30, kind=k)])
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending"
    assert "zhangsan 不是本次审核团队" in problems(v)


def test_member_of_another_department_does_not_count(forge, online):
    k = forge.kind
    # luoqing heads 行政执法协调监督科, not the section that owns pfyfz.
    setup(forge, [P.review("luoqing", APPROVED, 5, kind=k), P.review(P.L2, APPROVED, 20, kind=k),
                  P.review(P.L3, APPROVED, 30, kind=k)])
    code, v = online(forge)
    assert code == 1 and "罗青（luoqing） 不是本次审核团队" in problems(v)


def test_inactive_member_does_not_count(forge, online):
    k = forge.kind
    setup(forge, [P.review(P.L1_INACTIVE, APPROVED, 10, kind=k), P.review(P.L2, APPROVED, 20, kind=k),
                  P.review(P.L3, APPROVED, 30, kind=k)])
    code, v = online(forge)
    assert code == 1 and "已停用" in problems(v) and "叶晓东" in problems(v)


# -- 9 an approval on an older commit ----------------------------------------------------------


def test_approval_on_older_commit(forge, online):
    k = forge.kind
    setup(forge, [P.review(P.L1, APPROVED, 10, commit=P.OLD, kind=k), P.review(P.L2, APPROVED, 20, kind=k),
                  P.review(P.L3, APPROVED, 30, kind=k)])
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending"
    assert f"旧提交 {P.OLD[:7]}" in problems(v) and P.HEAD[:7] in problems(v)


def test_approval_of_garbage_collected_commit(github, online):
    setup(github, [P.review(P.L1, APPROVED, 10, commit=None), *P.happy()[1:]])
    code, v = online(github)
    assert code == 1 and "旧提交" in problems(v)


# -- 10 changes requested after approval ---------------------------------------------------------


def test_changes_requested_after_approval_reopens_level(forge, online):
    k = forge.kind
    setup(forge, [*P.happy(k), P.review(P.L2, _cr(k), 40, kind=k)])
    code, v = online(forge)
    assert code == 1 and v["state"] == "failure"
    assert levels(v)["L2"][0] == "changes_requested" and levels(v)["L3"][0] == "waiting"
    assert "要求修改" in forge.statuses[P.HEAD][-1]["description"]
    assert "不再有效" in problems(v)


def test_reapproval_after_changes_needs_higher_levels_again(forge, online):
    k = forge.kind
    setup(forge, [*P.happy(k), P.review(P.L2, _cr(k), 40, kind=k), P.review(P.L2, APPROVED, 50, kind=k)])
    code, v = online(forge)
    assert code == 1 and levels(v)["L2"][0] == "approved" and levels(v)["L3"][0] == "pending"
    assert "早于二级通过" in problems(v)
    forge.reviews[7].append(P.review(P.L3B, APPROVED, 60, kind=k))
    code, v = online(forge)
    assert code == 0 and levels(v)["L3"] == ("approved", P.L3B)


def test_changes_requested_by_other_member_of_level(forge, online):
    k = forge.kind
    setup(forge, [*P.happy(k), P.review(P.L1B, _cr(k), 40, kind=k)])
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "changes_requested"


def test_comment_reviews_change_nothing(forge, online):
    k = forge.kind
    setup(forge, [*P.happy(k), P.review(P.L2, _comment(k), 40, kind=k), P.review(P.L3B, "PENDING", None, kind=k)])
    code, v = online(forge)
    assert code == 0


# -- 11 a dismissed approval ---------------------------------------------------------------------


def test_dismissed_approval_github(github, online):
    setup(github, [P.review(P.L1, "DISMISSED", 10), *P.happy()[1:]])
    code, v = online(github)
    assert code == 1 and levels(v)["L1"][0] == "pending"


def test_dismissed_approval_gitea_flag(gitea, online):
    # Gitea keeps state APPROVED and sets dismissed: true.
    setup(gitea, [P.review(P.L1, APPROVED, 10, kind="gitea", dismissed=True), *P.happy("gitea")[1:]])
    code, v = online(gitea)
    assert code == 1 and levels(v)["L1"][0] == "pending"


def test_gitea_stale_approval(gitea, online):
    setup(gitea, [P.review(P.L1, APPROVED, 10, kind="gitea", stale=True), *P.happy("gitea")[1:]])
    code, v = online(gitea)
    assert code == 1 and "旧提交" in problems(v)


def test_gitea_state_spellings(gitea, online):
    k = "gitea"
    setup(gitea, [P.review(P.L1B, "REQUEST_REVIEW", 1, kind=k), P.review(P.L1, "COMMENT", 5, kind=k),
                  P.review(P.L1, APPROVED, 10, kind=k), P.review(P.L2, "REQUEST_CHANGES", 15, kind=k),
                  P.review(P.L2, APPROVED, 20, kind=k), P.review(P.L3, APPROVED, 30, kind=k)])
    code, v = online(gitea)
    assert code == 0, v


# -- 12 a bot ---------------------------------------------------------------------------------------


def test_bot_approval_does_not_count(github, online):
    setup(github, [P.review("github-actions[bot]", APPROVED, 5, bot=True), *P.happy()[1:]])
    code, v = online(github)
    assert code == 1 and levels(v)["L1"][0] == "pending"
    assert any("机器人" in n for n in v["notes"])


def test_registry_listed_bot_on_gitea(gitea, online):
    setup(gitea, [P.review("gitea-actions", APPROVED, 5, kind="gitea"), *P.happy("gitea")[1:]])
    code, v = online(gitea)
    assert code == 1 and any("机器人" in n for n in v["notes"])


# -- 13 reviews over several pages -----------------------------------------------------------------


def test_reviews_over_several_pages(forge, online):
    k = forge.kind
    forge.max_page = 2
    noise = [P.review("zhangsan", _comment(k), i, kind=k) for i in range(1, 8)]
    setup(forge, [*noise, *P.happy(k)])
    code, v = online(forge)
    assert code == 0, v
    pages = forge.calls("GET", r"/pulls/7/reviews$")
    assert len(pages) >= 5
    if k == "github":
        assert pages[1].query["page"] == "2"  # followed the Link header
    else:
        assert [p.query["page"] for p in pages[:3]] == ["1", "2", "3"]


# -- 14 policy-only pull requests ------------------------------------------------------------------


def test_pr_touching_only_checks_needs_l3(forge, online):
    k = forge.kind
    setup(forge, [P.review(P.L3, APPROVED, 30, kind=k)], files=("checks/registry/leaders.yml",))
    code, v = online(forge)
    assert code == 0 and v["required"] == ["L3"] and levels(v) == {"L3": ("approved", P.L3)}


def test_workflow_change_without_l3_is_pending(forge, online):
    k = forge.kind
    setup(forge, [P.review(P.L1, APPROVED, 10, kind=k)], files=(".github/workflows/approvals.yml",))
    code, v = online(forge)
    assert code == 1 and v["required"] == ["L3"] and "三级" in forge.statuses[P.HEAD][-1]["description"]


@pytest.mark.parametrize("path", ["govpub/approvals/verify.py", "pyproject.toml", "Makefile", ".ci/system-deps",
                                  ".pre-commit-config.yaml", "README.md", "tests/approvals/payloads.py"])
def test_pipeline_change_needs_l3(forge, online, path):
    """Bypass #3: a PR changing only the verifier (or anything outside content/) was "无需三审"."""
    k = forge.kind
    setup(forge, [P.review(P.L1, APPROVED, 10, kind=k)], files=(path,))
    code, v = online(forge)
    assert code == 1 and v["required"] == ["L3"] and v["state"] == "pending" and "三级" in v["description"]
    forge.reviews[7].append(P.review(P.L3, APPROVED, 20, kind=k))
    code, v = online(forge)
    assert code == 0 and levels(v) == {"L3": ("approved", P.L3)}


def test_mixed_pr_needs_article_levels_and_l3(forge, online):
    k = forge.kind
    setup(forge, [P.review(P.L3, APPROVED, 30, kind=k)], files=(P.ARTICLE, "govpub/approvals/verify.py"))
    code, v = online(forge)
    assert code == 1 and v["required"] == ["L1", "L2", "L3"] and v["next_level"] == "L1"
    forge.reviews[7][:0] = [P.review(P.L1, APPROVED, 10, kind=k), P.review(P.L2, APPROVED, 20, kind=k)]
    assert online(forge)[0] == 0


def test_empty_pr_needs_nothing(forge, online):
    setup(forge, [], files=())
    code, v = online(forge)
    assert code == 0 and v["required"] == [] and "无需三审" in v["description"]


def test_content_of_two_departments_must_be_split(forge, online):
    setup(forge, P.happy(forge.kind), files=(P.ARTICLE, "content/xzzf/2026/gongshi.md"))
    code, v = online(forge)
    assert code == 1 and v["state"] == "failure" and "拆分" in v["description"]


def test_shared_column_routes_to_the_articles_department(forge, online):
    # gzdt allows 普法与依法治理科 among others; both articles name it, so the PR is that section's.
    setup(forge, P.happy(forge.kind), files=(P.ARTICLE, "content/gzdt/2026/dongtai.md"),
          department="普法与依法治理科")
    code, v = online(forge)
    assert code == 0 and v["department"] == "普法与依法治理科"
    assert {lv["level"]: lv["teams"] for lv in v["levels"]} == {
        "L1": ["sfj-pfzl-l1"], "L2": ["sfj-pfzl-l2"], "L3": ["sfj-l3"]}


# -- status and comment upkeep -----------------------------------------------------------------------


def test_comment_is_updated_not_duplicated(forge, online):
    k = forge.kind
    setup(forge, P.happy(k)[:1])
    online(forge)
    forge.reviews[7].extend(P.happy(k)[1:])
    online(forge)
    online(forge)  # nothing changed: no edit at all
    assert len(forge.comments[7]) == 1 and "三审通过" in forge.comments[7][0]["body"]
    assert len(forge.calls("POST", r"/issues/7/comments$")) == 1
    assert len(forge.calls("PATCH", r"/issues/comments/\d+$")) == 1
    assert [s["state"] for s in forge.statuses[P.HEAD]] == ["pending", "success", "success"]


def test_status_and_comment_requests_carry_the_token(forge, online):
    setup(forge, P.happy(forge.kind))
    online(forge)
    want = "Bearer " if forge.kind == "github" else "token "
    assert all(r.headers["Authorization"].startswith(want) for r in forge.requests)


def test_no_post_leaves_the_forge_alone(forge, online):
    setup(forge, P.happy(forge.kind))
    code, _ = online(forge, 7, "--no-post")
    assert code == 0 and not forge.statuses and not forge.comments[7]


def test_exit_zero_once_status_posted(forge, online):
    setup(forge, [])
    code, v = online(forge, 7, "--exit-zero")
    assert code == 0 and not v["approved"] and forge.statuses[P.HEAD][-1]["state"] == "pending"


# -- the pure function, without any forge -----------------------------------------------------------


def _policy():
    from govpub.approvals.model import Member, ReviewPolicy

    return ReviewPolicy(
        columns={"pfyfz": ["普法与依法治理科"]},
        departments={"普法与依法治理科": ("t-l1", "t-l2")},
        l3_team="t-l3",
        teams={"t-l1": [Member("p", "甲"), Member("q", "乙")], "t-l2": [Member("p", "甲")],
               "t-l3": [Member("r", "丙")]},
    )


def _review(login, minutes, state="APPROVED"):
    from govpub.approvals.model import github_review

    return github_review(P.review(login, state, minutes))


def test_pure_assignment_is_searched_not_greedy():
    """p sits on L1 and L2 and approves twice; taking p's first approval for L1 would leave
    L2 empty, but q (L1) then p again (L2) then r (L3) is a valid order."""
    from govpub.approvals.model import pull_request
    from govpub.approvals.verify import verify

    v = verify(pull_request(P.pull()), [_review("p", 1), _review("q", 2), _review("p", 3), _review("r", 4)],
               [], [P.ARTICLE], _policy())
    assert v.approved and [lv.reviewer for lv in v.levels] == ["q", "p", "r"]


def test_pure_one_approval_cannot_fill_two_levels():
    from govpub.approvals.model import pull_request
    from govpub.approvals.verify import verify

    v = verify(pull_request(P.pull()), [_review("p", 1), _review("r", 4)], [], [P.ARTICLE], _policy())
    assert not v.approved and v.state == "pending" and v.next_level == "L2"
    assert v.to_json()["levels"][1]["summary"] == "二级初审（分管领导）：待审核"


def test_gitea_list_that_ignores_paging_is_read_once(gitea, online):
    """An endpoint that returns everything on every page, without X-Total-Count, ends the loop."""
    setup(gitea, P.happy("gitea"))
    gitea.comments[7].append({"id": 1, "body": "先前的讨论", "user": {"login": "wangxiaomin"}})
    original = gitea._page

    def unpaged(h, path, query, items):
        if path.endswith("/comments"):
            return gitea._send(h, 200, items)
        return original(h, path, query, items)

    gitea._page = unpaged
    code, _ = online(gitea)
    assert code == 0 and len(gitea.calls("GET", r"/issues/7/comments$")) == 2
    assert len(gitea.comments[7]) == 2


def test_forge_team_membership_cross_check(forge, online):
    """--check-forge-teams: an approver the forge does not list in the team does not count."""
    setup(forge, P.happy(forge.kind))
    forge.org_teams = {"sfj-pfzl-l1": {P.L1}, "sfj-pfzl-l2": set(), "sfj-l3": {P.L3}}
    code, v = online(forge, 7, "--check-forge-teams")
    assert code == 1 and v["levels"][1]["state"] == "pending"
    assert any("平台上的团队 zjsfj/sfj-pfzl-l2" in n for n in v["notes"])
    forge.org_teams["sfj-pfzl-l2"] = {P.L2}
    code, v = online(forge, 7, "--check-forge-teams")
    assert code == 0
    asked = forge.calls("GET", r"/memberships/|/members/")
    assert asked and all(r.path.split("/")[-1] in (P.L1, P.L2, P.L3) for r in asked)
