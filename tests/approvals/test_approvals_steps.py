"""The verifier's named steps, each on its own: plan, completeness, Authors, reopen, classify,
assign, explain (pure functions over normalized records; no forge, no files)."""

from __future__ import annotations

import payloads as P
import pytest

from govpub.approvals.model import Commit, Member, ReviewPolicy, commit, github_review, pull_request
from govpub.approvals.verify import (
    Authors,
    Scope,
    assign,
    classify,
    completeness,
    explain,
    plan,
    reopen,
    results,
)


def policy() -> ReviewPolicy:
    return ReviewPolicy(
        columns={"pfyfz": ["普法科"], "gzdt": ["办公室", "普法科"]},
        departments={"普法科": ("pf-l1", "pf-l2"), "办公室": ("bgs-l1", "bgs-l2")},
        l3_team="l3",
        teams={"pf-l1": [Member("p", "甲", emails=("jia@zjsfj.gov.cn",)), Member("q", "乙")],
               "pf-l2": [Member("p", "甲")], "bgs-l1": [Member("s", "丁")], "bgs-l2": [Member("t", "戊")],
               "l3": [Member("r", "丙")]},
        default_department="办公室",
    )


def review(login, minutes, state="APPROVED", **kw):
    return github_review(P.review(login, state, minutes, **kw))


def scope(commits=(), author="wangxiaomin", files=(P.ARTICLE,), articles=None):
    pol = policy()
    pull = pull_request(P.pull(author=author))
    required, teams, _dep, _ = plan(list(files), pol, articles)
    return Scope(pull, pol, required, teams, Authors(pull, [commit(c) for c in commits], pol))


# -- plan ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("files, levels", [
    ([], []),
    (["govpub/cli.py"], ["L3"]),
    (["Makefile", "new-file"], ["L3"]),
    (["content/pfyfz/2026/a.md"], ["L1", "L2", "L3"]),
    (["content/pfyfz/2026/a.md", "pyproject.toml"], ["L1", "L2", "L3"]),
])
def test_plan_levels(files, levels):
    assert plan(files, policy())[0] == levels


def test_plan_routes_by_the_articles_department():
    req, teams, dep, probs = plan(["content/gzdt/2026/a.md"], policy(), {"content/gzdt/2026/a.md": "普法科"})
    assert (dep, teams["L1"], teams["L2"], probs) == ("普法科", ["pf-l1"], ["pf-l2"], [])


def test_plan_refuses_two_departments():
    arts = {"content/gzdt/2026/a.md": "普法科", "content/gzdt/2026/b.md": "办公室"}
    _req, teams, dep, probs = plan(list(arts), policy(), arts)
    assert dep is None and teams["L1"] == [] and probs[0].startswith("一个合并请求只能包含一个科室的文章")


def test_plan_deleted_article_uses_the_column_and_shared_column_fails_closed():
    assert plan(["content/pfyfz/2026/a.md"], policy(), {"content/pfyfz/2026/a.md": None})[2] == "普法科"
    probs = plan(["content/gzdt/2026/a.md"], policy(), {"content/gzdt/2026/a.md": None})[3]
    assert probs and "department" in probs[0]
    # attachments only in a shared column: the column's owner
    assert plan(["content/gzdt/2026/a.jpg"], policy(), {})[2] == "办公室"


def test_plan_department_must_be_allowed_in_the_column():
    probs = plan(["content/pfyfz/2026/a.md"], policy(), {"content/pfyfz/2026/a.md": "办公室"})[3]
    assert probs and "不能在该栏目发稿" in probs[0]


def test_plan_steps_the_one_department():
    """plan's named steps: files outside every column, the departments articles name, and the
    department a set of columns shares (or cannot share)."""
    from govpub.approvals.verify import (
        _column_departments,
        _department,
        _named_departments,
        _shared_department,
    )

    pol = ReviewPolicy(columns={"pfyfz": ["普法科"], "gzdt": ["办公室", "普法科"]}, departments={},
                       l3_team="l3", teams={}, default_department=None)
    columns, probs = _column_departments(["content/pfyfz/a.md", "content/nowhere/b.md", "content/x.md"], pol)
    assert columns == {"content/pfyfz/a.md": ["普法科"]} and len(probs) == 2 and "不在任何已登记的栏目" in probs[0]
    probs = []
    named = _named_departments(["content/gzdt/a.md", "content/gzdt/b.md", "content/gzdt/p.jpg"],
                               {"content/gzdt/a.md": " 普法科 ", "content/gzdt/b.md": ""}, probs)
    assert named == {"content/gzdt/a.md": "普法科"} and "缺少有效的 department" in probs[0]
    probs = []
    assert _department({"a.md": "普法科"}, {"a.md": ["办公室", "普法科"], "b.jpg": ["办公室"]}, probs) == "普法科"
    assert probs == ["b.jpg：普法科 不能在该栏目发稿（columns.yml），请改投本科室负责的栏目"]
    probs = []
    assert _shared_department({"a.jpg": ["办公室", "普法科"], "b.jpg": ["普法科"]}, probs) == "普法科" and not probs
    assert _shared_department({"a.jpg": ["办公室"], "b.jpg": ["普法科"]}, probs) is None and "拆分" in probs[0]
    probs = []
    assert _shared_department({"a.md": ["办公室", "普法科"]}, probs) is None and "共用" in probs[0]


def test_classify_step_the_levels_one_approval_may_fill():
    from govpub.approvals.verify import _levels_of

    s = scope(commits=[P.commit(login="q", name="乙")])
    assert _levels_of(s, review("q", 1))[1].endswith("不能审核自己提交的稿件，其批准不计入")
    assert "旧提交" in (_levels_of(s, review("p", 1, commit=P.OLD))[1] or "")
    levels, why = _levels_of(s, review("p", 2))
    assert why is None and [lv for lv, _ in levels] == ["L1", "L2"]


# -- completeness --------------------------------------------------------------------------------------


def test_completeness_compares_with_the_pulls_counts():
    pull = pull_request({**P.pull(), "changed_files": 5, "commits": 3})
    commits = [Commit("a", (), ())] * 3
    assert completeness(pull, commits, 5) == []
    assert "5 个文件" in completeness(pull, commits, 4)[0]
    assert "3 个提交" in completeness(pull, commits[:2], 5)[0]
    # a forge that does not report the counts (older Gitea): nothing to compare
    assert completeness(pull_request(P.pull()), [], 0) == []


# -- Authors -----------------------------------------------------------------------------------------------


def test_authors_by_id_login_email_and_coauthor():
    s = scope(commits=[P.commit("wangxiaomin", message="x\n\nCo-Authored-By: 乙 <b@x.org>"),
                       {**P.commit(None, "某人", "c2"),
                        "commit": {**P.commit(None)["commit"], "author": {"name": "某人", "email": "JIA@zjsfj.gov.cn"}}}])
    assert s.authors.wrote(review("WangXiaoMin", 1))  # the opener, any case
    assert s.authors.wrote(review("q", 1))  # co-author by registry name
    assert s.authors.wrote(review("p", 1))  # e-mail registered in teams.yml
    assert not s.authors.wrote(review("r", 1))


def test_authors_by_account_id_when_the_login_changed():
    renamed = P.commit("wangxiaomin", label="c3")
    renamed["author"] = {**P.user("r"), "login": "r-old"}
    s = scope(commits=[renamed])
    assert s.authors.wrote(review("r", 1))


# -- reopen, classify, assign, explain --------------------------------------------------------------


def test_reopen_by_an_active_member_only():
    s = scope()
    reopened, notes = reopen(s, [review("q", 5, "CHANGES_REQUESTED"), review("x", 6, "CHANGES_REQUESTED")])
    assert set(reopened) == {"L1"} and reopened["L1"].login == "q"
    assert len(notes) == 1 and "x" in notes[0]


def test_classify_sorts_approvals_and_says_why():
    s = scope()
    ordered = [review("q", 1), review("p", 2), review("r", 3, commit=P.OLD), review("x", 4),
               review("github-actions[bot]", 5, bot=True)]
    candidates, rejected, notes = classify(s, ordered, {})
    assert [c[0].login for c in candidates["L1"]] == ["q", "p"] and [c[0].login for c in candidates["L2"]] == ["p"]
    assert candidates["L3"] == []
    assert any("旧提交" in w for w in rejected) and any("不是本次审核团队" in w for w in rejected)
    assert notes == ["机器人账号 github-actions[bot] 的批准不计入三审"]


def test_assign_searches_for_distinct_people_in_order():
    s = scope()
    ordered = [review("p", 1), review("q", 2), review("p", 3), review("r", 4)]
    candidates, _, _ = classify(s, ordered, {})
    assert [c[0].login for c in assign(s.required, candidates)] == ["q", "p", "r"]
    # the same account in another case is one person: P cannot be L2 after p was L1
    ordered = [review("p", 1), review("P", 2), review("r", 3)]
    candidates, _, _ = classify(s, ordered, {})
    assert [c[0].login for c in assign(s.required, candidates)] == ["p"]


def test_explain_names_the_reason():
    s = scope()
    ordered = [review("p", 1), review("r", 2), review("P", 3)]
    reopened: dict = {}
    candidates, _, _ = classify(s, ordered, reopened)
    best = assign(s.required, candidates)
    levels = results(s, best, reopened)
    text = "\n".join(explain(s, ordered, reopened, candidates, best, levels))
    assert "三个不同的人" in text and "尚未通过" in text
