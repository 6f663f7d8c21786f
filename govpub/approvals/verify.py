"""The 三审 decision (Art. 7): a pure function over normalized forge records.

    verify(pull, reviews, commits, files, policy) -> Verdict

For a pull request that touches content/, approved means L1, then L2, then L3, each an
APPROVED review on the head commit by an active member of that level's team, three
different people, none of them the PR's opener or an author of its commits. Policy and
workflow files (teams.yml l3_paths) need L3 only. Anything else needs no review.

Decisions worth knowing:
- Order is by submitted_at. An approval counts for a level only when it is later than
  the approval chosen for the level below; an earlier one is reported, not counted.
- A CHANGES_REQUESTED by a member of a level's team re-opens that level: only approvals
  submitted after it count (and, through the order rule, the levels above must approve
  again). A dismissed approval is simply no longer an approval.
- The levels are assigned by a small backtracking search, not greedily: one person may
  approve twice, and a greedy choice of their first approval for L1 could hide a valid
  assignment. Among valid assignments the earliest is taken.
- Routing: content/<column>/ → the departments that may post in the column (owner and
  also_departments). All content files of one PR must share a department; otherwise the
  PR must be split, since one 审批表 names one 拟稿科室.
- Bots (forge-marked, `[bot]` logins or teams.yml bots) never count, and their
  "changes requested" re-opens nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from govpub.approvals.model import (
    APPROVED,
    CHANGES_REQUESTED,
    Commit,
    Member,
    PullRequest,
    Review,
    ReviewPolicy,
    iso,
    local,
)

LEVELS = ("L1", "L2", "L3")
LEVEL_NAMES = {"L1": "一级", "L2": "二级", "L3": "三级"}
LEVEL_TITLES = {
    "L1": "一级自查自校（科室负责人）",
    "L2": "二级初审（分管领导）",
    "L3": "三级审核（保密工作领导小组、办公室主任、分管办公室领导）",
}
STATE_NAMES = {
    "approved": "已通过",
    "pending": "待审核",
    "waiting": "等待上一级",
    "changes_requested": "要求修改",
}
CONTEXT = "govpub/三审"


def short(sha: str | None) -> str:
    return (sha or "")[:7] or "（无）"


@dataclass
class LevelResult:
    level: str
    teams: list[str]
    state: str = "pending"  # approved | pending | waiting | changes_requested
    reviewer: str | None = None
    name: str = ""
    role: str = ""
    team: str = ""
    at: datetime | None = None
    review_id: int | str | None = None
    commit_id: str | None = None
    changes_by: str | None = None  # who re-opened the level, when state is changes_requested
    changes_at: datetime | None = None

    @property
    def summary(self) -> str:
        """One line in Chinese: the level, its state, who and when (Beijing time)."""
        text = f"{LEVEL_TITLES[self.level]}：{STATE_NAMES[self.state]}"
        if self.state == "approved":
            text += f"，{self.name or self.reviewer}（{self.reviewer}），{local(self.at)}，提交 {short(self.commit_id)}"
        elif self.state == "changes_requested":
            text += f"，{self.changes_by}，{local(self.changes_at)}"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level, "title": LEVEL_TITLES[self.level], "summary": self.summary, "teams": self.teams,
            "state": self.state, "state_name": STATE_NAMES[self.state],
            "reviewer": self.reviewer, "name": self.name, "role": self.role, "team": self.team,
            "submitted_at": iso(self.at), "review_id": self.review_id, "commit_id": self.commit_id,
            "changes_requested_by": self.changes_by, "changes_requested_at": iso(self.changes_at),
        }


@dataclass
class Verdict:
    pull: PullRequest
    required: list[str]
    levels: list[LevelResult]
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    blocked: bool = False  # something people must fix (changes requested, bad routing)
    department: str | None = None
    membership: dict[str, list[Member]] = field(default_factory=dict)
    team_names: dict[str, str] = field(default_factory=dict)

    @property
    def approved(self) -> bool:
        return not self.blocked and all(lv.state == "approved" for lv in self.levels)

    @property
    def state(self) -> str:
        """Commit status state: success, pending or failure."""
        if self.approved:
            return "success"
        blocked = self.blocked or any(lv.state == "changes_requested" for lv in self.levels)
        return "failure" if blocked else "pending"

    @property
    def next_level(self) -> str | None:
        for lv in self.levels:
            if lv.state != "approved":
                return lv.level
        return None

    def who(self, lv: LevelResult) -> str:
        return lv.name or lv.reviewer or ""

    @property
    def description(self) -> str:
        """The one line of the commit status (GitHub allows 140 characters)."""
        if self.blocked and self.problems:
            text = self.problems[0]
        elif not self.required:
            text = "未改动稿件和发布规则，无需三审"
        elif self.approved:
            text = "三审通过：" + "，".join(f"{LEVEL_NAMES[lv.level]} {self.who(lv)}" for lv in self.levels)
        else:
            done = [lv for lv in self.levels if lv.state == "approved"]
            nxt = next(lv for lv in self.levels if lv.state != "approved")
            if nxt.state == "changes_requested":
                text = f"{LEVEL_NAMES[nxt.level]}要求修改（{nxt.changes_by}），修改后需重新审核"
            else:
                text = f"待{LEVEL_TITLES[nxt.level]}"
            if done:
                text += "；已通过：" + "，".join(f"{LEVEL_NAMES[lv.level]} {self.who(lv)}" for lv in done)
        return text if len(text) <= 140 else text[:139] + "…"

    def to_json(self) -> dict[str, Any]:
        return {
            "context": CONTEXT,
            "approved": self.approved,
            "state": self.state,
            "description": self.description,
            "next_level": self.next_level,
            "pull": {
                "number": self.pull.number, "title": self.pull.title, "author": self.pull.author,
                "head_sha": self.pull.head_sha, "base_ref": self.pull.base_ref,
                "html_url": self.pull.html_url,
            },
            "department": self.department,
            "required": self.required,
            "levels": [lv.to_json() for lv in self.levels],
            "problems": self.problems,
            "notes": self.notes,
            "membership": {
                slug: {"name": self.team_names.get(slug, slug),
                       "members": [{"login": m.login, "name": m.name, "role": m.role, "active": m.active}
                                   for m in members]}
                for slug, members in self.membership.items()
            },
        }


# -- routing --------------------------------------------------------------------


def _is_l3_path(path: str, l3_paths: list[str]) -> bool:
    for p in l3_paths:
        if p.endswith("/") and path.startswith(p):
            return True
        if path == p.rstrip("/"):
            return True
    return False


def plan(files: list[str], policy: ReviewPolicy) -> tuple[list[str], dict[str, list[str]], str | None, list[str]]:
    """(required levels, level → allowed teams, department, routing problems)."""
    content = [f for f in files if f.startswith("content/")]
    l3 = [f for f in files if _is_l3_path(f, policy.l3_paths)]
    if not content:
        return (["L3"], {"L3": [policy.l3_team]}, None, []) if l3 else ([], {}, None, [])
    allowed: list[str] | None = None
    problems: list[str] = []
    by_column: dict[str, list[str]] = {}
    for f in content:
        parts = f.split("/")
        column = parts[1] if len(parts) > 2 else None
        if column in policy.columns:
            deps = policy.columns[column]
        elif policy.default_department:
            deps = [policy.default_department]
        else:
            problems.append(f"{f} 不在任何已登记的栏目中，无法确定审核部门")
            continue
        by_column[column or "（根目录）"] = deps
        allowed = deps if allowed is None else [d for d in allowed if d in deps]
    if not allowed:
        if not problems:
            cols = "、".join(by_column)
            problems.append(f"本合并请求包含不同部门负责的栏目（{cols}）的稿件，请按部门拆分为多个合并请求")
        return list(LEVELS), {lv: [] for lv in LEVELS}, None, problems
    l1 = [policy.departments[d][0] for d in allowed if d in policy.departments]
    l2 = [policy.departments[d][1] for d in allowed if d in policy.departments]
    return list(LEVELS), {"L1": l1, "L2": l2, "L3": [policy.l3_team]}, allowed[0], problems


# -- the decision ---------------------------------------------------------------


def _label(login: str | None, policy: ReviewPolicy) -> str:
    person = policy.person(login)
    return f"{person.name}（{login}）" if person and person.name != login else (login or "已注销的账号")


def verify(pull: PullRequest, reviews: list[Review], commits: list[Commit], files: list[str],
           policy: ReviewPolicy) -> Verdict:
    required, teams, department, problems = plan(files, policy)
    verdict = Verdict(pull=pull, required=required, levels=[], problems=list(problems),
                      blocked=bool(problems), department=department, team_names=policy.team_names)
    used_teams = sorted({t for ts in teams.values() for t in ts})
    verdict.membership = {t: policy.teams.get(t, []) for t in used_teams}
    for t in used_teams:
        if t not in policy.teams:
            verdict.problems.append(f"审核团队“{t}”没有登记成员")
            verdict.blocked = True
    if not required:
        verdict.notes.append("本合并请求未改动 content/ 下的稿件，也未改动发布规则和流程文件，无需三审")
        return verdict

    # Who may not review: the opener and every author of the PR's commits.
    author_logins = {pull.author.lower()} if pull.author else set()
    author_names: set[str] = set()
    for c in commits:
        author_logins.update(x.lower() for x in c.logins)
        author_names.update(c.names)

    def is_author(login: str) -> bool:
        if login.lower() in author_logins:
            return True
        person = policy.person(login)
        return bool(person and (person.name in author_names or person.login in author_names))

    def is_bot(r: Review) -> bool:
        return r.is_bot or (r.login or "").lower() in policy.bots or (r.login or "").endswith("[bot]")

    ordered = sorted((r for r in reviews if r.submitted_at is not None),
                     key=lambda r: r.submitted_at)  # type: ignore[arg-type,return-value]

    def membership(login: str, level: str) -> tuple[str, Member] | None:
        for team in teams[level]:
            m = policy.member(team, login)
            if m is not None:
                return team, m
        return None

    # A level re-opens at its latest "changes requested" by one of its team members.
    reopened: dict[str, Review] = {}
    for r in ordered:
        if r.state != CHANGES_REQUESTED or not r.login or is_bot(r) or is_author(r.login):
            continue
        for level in required:
            found = membership(r.login, level)
            if found and found[1].active:
                reopened[level] = r
        if not any(membership(r.login, lv) for lv in required):
            verdict.notes.append(f"{_label(r.login, policy)} 要求修改（{local(r.submitted_at)}），"
                                 "不是审核团队成员，不影响三审结论，但请回复处理")

    # Candidate approvals per level, and why each other approval does not count.
    candidates: dict[str, list[tuple[Review, str, Member]]] = {lv: [] for lv in required}
    rejected: list[tuple[Review, str]] = []
    for r in ordered:
        if r.state != APPROVED:
            continue
        who = _label(r.login, policy)
        if not r.login:
            rejected.append((r, f"{who}的批准不计入"))
            continue
        if is_bot(r):
            verdict.notes.append(f"机器人账号 {r.login} 的批准不计入三审")
            continue
        if is_author(r.login):
            rejected.append((r, f"{who} 是本合并请求的提交人，不能审核自己提交的稿件，其批准不计入"))
            continue
        if r.commit_id != pull.head_sha or r.stale:
            rejected.append((r, f"{who} 的批准针对旧提交 {short(r.commit_id)}，稿件此后已更新，"
                                f"需在最新提交 {short(pull.head_sha)} 上重新批准"))
            continue
        levels_of = [(lv, membership(r.login, lv)) for lv in required]
        member_levels = [(lv, found) for lv, found in levels_of if found]
        if not member_levels:
            names = "、".join(sorted({t for lv in required for t in teams[lv]}))
            rejected.append((r, f"{who} 不是本次审核团队（{names}）的成员，其批准不计入三审"))
            continue
        active = [(lv, found) for lv, found in member_levels if found[1].active]
        if not active:
            rejected.append((r, f"{who} 在 teams.yml 中已停用（active: false），其批准不计入"))
            continue
        for lv, (team, member) in active:
            cr = reopened.get(lv)
            if cr is not None and r.submitted_at <= cr.submitted_at:  # type: ignore[operator]
                continue
            candidates[lv].append((r, team, member))

    # Longest valid assignment: increasing times, distinct people.
    best: list[tuple[Review, str, Member]] = []

    def search(i: int, chosen: list[tuple[Review, str, Member]]) -> bool:
        nonlocal best
        if len(chosen) > len(best):
            best = list(chosen)
        if i == len(required):
            return True
        after = chosen[-1][0].submitted_at if chosen else None
        people = {c[0].login for c in chosen}
        for cand in candidates[required[i]]:
            r = cand[0]
            if r.login in people or (after is not None and r.submitted_at <= after):  # type: ignore[operator]
                continue
            chosen.append(cand)
            if search(i + 1, chosen):
                return True
            chosen.pop()
        return False

    search(0, [])
    for i, level in enumerate(required):
        res = LevelResult(level=level, teams=teams[level])
        if i < len(best):
            r, team, member = best[i]
            res.state, res.reviewer, res.name, res.role, res.team = "approved", r.login, member.name, member.role, team
            res.at, res.review_id, res.commit_id = r.submitted_at, r.id, r.commit_id
        elif i == len(best):
            cr = reopened.get(level)
            if cr is not None:
                res.state, res.changes_by, res.changes_at = "changes_requested", _label(cr.login, policy), cr.submitted_at
        else:
            res.state = "waiting"
        verdict.levels.append(res)

    # Explain approvals by team members that were not counted.
    used = {c[0].id for c in best}
    for _r, why in rejected:
        verdict.problems.append(why)
    for level_index, level in enumerate(required):
        lv = verdict.levels[level_index]
        if lv.state == "approved":
            continue
        for r, _team, _member in candidates[level]:
            if r.id in used:
                other = next(x for x in verdict.levels if x.review_id == r.id)
                verdict.problems.append(
                    f"{_label(r.login, policy)} 已担任{LEVEL_NAMES[other.level]}审核，不能同时担任"
                    f"{LEVEL_NAMES[level]}审核：三级审核须由三个不同的人完成")
                continue
            if r.login in {x.reviewer for x in verdict.levels}:
                other = next(x for x in verdict.levels if x.reviewer == r.login)
                verdict.problems.append(
                    f"{_label(r.login, policy)} 已担任{LEVEL_NAMES[other.level]}审核，不能同时担任"
                    f"{LEVEL_NAMES[level]}审核：三级审核须由三个不同的人完成")
                continue
            below = verdict.levels[level_index - 1] if level_index else None
            if below is not None and below.state != "approved":
                verdict.problems.append(
                    f"{_label(r.login, policy)}（{LEVEL_NAMES[level]}）于 {local(r.submitted_at)} 批准时，"
                    f"{LEVEL_NAMES[below.level]}尚未通过：不计入，请在{LEVEL_NAMES[below.level]}通过后重新批准")
            elif below is not None and below.at is not None and r.submitted_at <= below.at:  # type: ignore[operator]
                verdict.problems.append(
                    f"{_label(r.login, policy)}（{LEVEL_NAMES[level]}）于 {local(r.submitted_at)} 批准，"
                    f"早于{LEVEL_NAMES[below.level]}通过（{local(below.at)}）：不计入，请重新批准")
        cr = reopened.get(level)
        if cr is not None:
            earlier = [r for r in ordered if r.state == APPROVED and r.login and membership(r.login, level)
                       and r.submitted_at <= cr.submitted_at]  # type: ignore[operator]
            for r in earlier:
                verdict.problems.append(
                    f"{_label(cr.login, policy)} 于 {local(cr.submitted_at)} 要求修改，"
                    f"{_label(r.login, policy)} 此前（{local(r.submitted_at)}）的{LEVEL_NAMES[level]}批准不再有效，需重新批准")
    # The same sentence can come from two levels; keep the first.
    verdict.problems = list(dict.fromkeys(verdict.problems))
    return verdict
