"""The 三审 decision (Art. 7): a pure function over normalized forge records.

    verify(pull, reviews, commits, files, policy) -> Verdict

For a pull request that touches content/, approved means L1, then L2, then L3, each an
APPROVED review on the head commit by an active member of that level's team, three
different people, none of them the PR's opener or an author of its commits. The files outside
content/ that the site shows (mkdocs.yml, overrides/: teams.yml `published_files`) need the same
three levels, of the office (default_department), and so does the registry of who approves
(teams.yml, departments.yml, columns.yml). Every other path (the pipeline: govpub/,
checks/, workflows, pyproject.toml, Makefile, tests/ …) needs L3 at least; a mixed PR needs the
article levels, whose L3 covers both.

The steps, each a function: plan (routing by the articles' department), completeness
(fail closed on capped API lists), Authors (who may not review), then the reopen /
candidate / assignment / explanation passes inside verify().

Decisions worth knowing:
- Order is by submitted_at. An approval counts for a level only when it is later than
  the approval chosen for the level below; an earlier one is reported, not counted.
- A CHANGES_REQUESTED by a member of a level's team re-opens that level: only approvals
  submitted after it count (and, through the order rule, the levels above must approve
  again). A dismissed review (approval or objection) re-opens its level the same way: a
  drafter with write access can dismiss an objection, which must not revive what it stopped.
- The levels are assigned by a small backtracking search, not greedily: one person may
  approve twice, and a greedy choice of their first approval for L1 could hide a valid
  assignment. Among valid assignments the earliest is taken.
- Routing: L1 and L2 of the `department` the PR's articles name at its head (not any
  department sharing the column); the column must allow that department. One PR, one
  department; otherwise it must be split, since one 审批表 names one 拟稿科室.
- Identity: the forge account id, else the login in any case; authors also by e-mail and
  Co-authored-by (see Authors). Two registry entries with the same id or a shared e-mail are one
  person (Member.same_person): one person's two accounts cannot fill two levels. Draft and WIP pull requests are pending.
- Gitea reviews are timed by updated_at when later than submitted_at (model.gitea_review).
- Bots (forge-marked, `[bot]` logins or teams.yml bots) never count, and their
  "changes requested" re-opens nothing.
- An approval submitted after the PR was merged does not count (GitHub accepts reviews on a merged
  PR; Gitea since 1.22 does not): a merge that bypassed the reviews stays unapproved, whoever
  approves it afterwards, and the 审批表 never shows a review after its 签发.
- A change of the PR's target branch (the forge's timeline) voids the approvals before it:
  the reviewers saw the diff against the old target, which may have held files of its own.
- teams.yml may give a member's forge account id: then the id decides, not the login (a
  freed login registered by someone else is not the member; a renamed member still is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from govpub.approvals.model import (
    APPROVED,
    CHANGES_REQUESTED,
    DISMISSED,
    Commit,
    Inputs,
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


def _at(r: Review) -> datetime:
    """When a submitted review was given (pending reviews, without a time, are left out first)."""
    if r.submitted_at is None:
        raise ValueError(f"review {r.id} has no submission time")
    return r.submitted_at


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
    draft: bool = False  # a draft / WIP pull request: never approved, whatever the reviews say
    department: str | None = None
    membership: dict[str, list[Member]] = field(default_factory=dict)
    team_names: dict[str, str] = field(default_factory=dict)

    @property
    def approved(self) -> bool:
        return not self.blocked and not self.draft and all(lv.state == "approved" for lv in self.levels)

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
        elif self.draft:
            text = "草稿合并请求（Draft/WIP）：转为正式合并请求后再审核"
        elif not self.required:
            text = "没有改动任何文件，无需三审"
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
            "draft": self.draft,
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

ARTICLE_ROOT = "content/"  # articles and their attachments; everything else builds, gates or publishes


def plan(files: list[str], policy: ReviewPolicy, articles: dict[str, str | None] | None = None,
         ) -> tuple[list[str], dict[str, list[str]], str | None, list[str]]:
    """(required levels, level → allowed teams, department, routing problems).

    Outside content/ every file (govpub/, checks/, pyproject.toml, Makefile, .ci/, workflows,
    tests/, README …) builds, gates or publishes the site: L3. The files outside content/ that
    the site shows (policy.published: mkdocs.yml, overrides/) are published information, and the
    registry of who approves decides every 审批表: all three levels, L1 and L2 of default_department
    (the office).
    Inside content/, L1 and L2 are the drafting department's, named by the `department`
    front matter of the PR's articles at its head, or at its base for a deleted article
    (`articles`: path → department, "" when it names none, None when it cannot be read). One PR, one department: one 审批表 names one
    拟稿科室, and L1/L2 of two departments cannot both sign it. With no article naming a
    department (attachments, deletions) the department is the column's, and a column
    several departments share then needs the article contents to decide: fail closed.
    """
    content = [f for f in files if f.startswith(ARTICLE_ROOT)]
    shown = [f for f in files if not f.startswith(ARTICLE_ROOT) and policy.office_reviewed(f)]
    other = [f for f in files if not f.startswith(ARTICLE_ROOT)]
    l3 = {"L3": [policy.l3_team]}
    if not content and not shown:
        return (["L3"], l3, None, []) if other else ([], {}, None, [])
    levels = list(LEVELS)
    nobody: dict[str, list[str]] = {lv: [] for lv in LEVELS}
    columns, problems = _column_departments(content, policy)
    named = _named_departments(content, articles, problems)
    if shown and not _site_department(shown, named, policy, problems):
        return levels, nobody, None, problems
    columns.update({f: [str(policy.default_department)] for f in shown})
    department = _department(named, columns, problems)
    if department is None:
        return levels, nobody, None, problems
    if department not in policy.departments:
        problems.append(f"部门“{department}”未在 departments.yml 中登记，无法确定一、二级审核")
        return levels, nobody, department, problems
    l1, l2 = policy.departments[department]
    return levels, {"L1": [l1], "L2": [l2], **l3}, department, problems


def _site_department(shown: list[str], named: dict[str, str], policy: ReviewPolicy, problems: list[str]) -> bool:
    """Whether the files the site shows outside content/ (banners, nav, footer, templates) can go
    to the office: they are published information (Art. 7), reviewed like an article of
    default_department, the office that runs the platforms (Art. 3, 7(五)); beside another
    section's articles the PR must be split (one 审批表, one 拟稿科室)."""
    files = "、".join(shown[:3]) + ("等" if len(shown) > 3 else "")
    if not policy.default_department:
        problems.append(f"{files} 是网站上公开显示的内容或审核登记表，需要三审，但 teams.yml 没有登记 default_department"
                        "（负责网站的部门，通常是办公室）：请办公室登记后再审核")
        return False
    others = sorted({d for d in named.values() if d != policy.default_department})
    if others:
        problems.append(f"{files} 是网站上公开显示的内容（横幅、导航、页脚、模板）或审核登记表，由{policy.default_department}"
                        f"三审；本合并请求还有{'、'.join(others)}的稿件：请把稿件和这些文件分开，各自单独提交合并请求")
        return False
    return True


def _column_departments(content: list[str], policy: ReviewPolicy) -> tuple[dict[str, list[str]], list[str]]:
    """(file → the departments allowed in its column, files in no registered column)."""
    columns: dict[str, list[str]] = {}
    problems: list[str] = []
    for f in content:
        parts = f.split("/")
        column = parts[1] if len(parts) > 2 else None
        if column in policy.columns:
            columns[f] = policy.columns[column]
        elif policy.default_department:
            columns[f] = [policy.default_department]
        else:
            problems.append(f"{f} 不在任何已登记的栏目中，无法确定审核部门")
    return columns, problems


def _named_departments(content: list[str], articles: dict[str, str | None] | None,
                       problems: list[str]) -> dict[str, str]:
    """article → the department its front matter names; an article naming none is a problem."""
    named: dict[str, str] = {}
    for f in content:
        dep = articles.get(f) if articles is not None and f.endswith(".md") else None
        if dep is None:  # not an article, or gone at the head (a deletion)
            continue
        if dep.strip():
            named[f] = dep.strip()
        else:
            problems.append(f"{f} 缺少有效的 department 字段，无法确定拟稿科室：请在 front matter 中填写本科室名称")
    return named


def _department(named: dict[str, str], columns: dict[str, list[str]], problems: list[str]) -> str | None:
    """The one drafting department of the PR: the one its articles name (each column must allow
    it), else the one every touched column shares. None (with the reason in problems) when it
    cannot be decided."""
    deps = sorted(set(named.values()))
    if len(deps) > 1:
        which = "；".join(f"{d}：{'、'.join(p for p, x in named.items() if x == d)}" for d in deps)
        problems.append(f"一个合并请求只能包含一个科室的文章（一份审批表对应一个拟稿科室）。本合并请求包含"
                        f"{len(deps)}个科室的稿件（{which}），请按科室拆分为多个合并请求")
        return None
    if deps:
        for f, allowed in columns.items():
            if deps[0] not in allowed:
                problems.append(f"{f}：{deps[0]} 不能在该栏目发稿（columns.yml），请改投本科室负责的栏目")
        return deps[0]
    return _shared_department(columns, problems)


def _shared_department(columns: dict[str, list[str]], problems: list[str]) -> str | None:
    """With no article naming a department: the column's; a column several departments share
    then needs the article contents to decide (fail closed)."""
    common: list[str] | None = None
    for allowed in columns.values():
        common = list(allowed) if common is None else [d for d in common if d in allowed]
    if not common:
        if not problems:
            problems.append(f"本合并请求包含不同部门负责的栏目（{'、'.join(sorted(columns))}）的文件，"
                            "请按部门拆分为多个合并请求")
        return None
    if len(common) > 1 and any(f.endswith(".md") for f in columns):
        problems.append("稿件所在栏目由多个科室共用，须按稿件 front matter 的 department 确定一、二级审核，"
                        "但在合并请求的最新提交和目标分支中都没有读到稿件：请在线核对，"
                        "或离线时用 --checkout 指定含这些提交的仓库")
        return None
    return common[0]


def completeness(pull: PullRequest, commits: list[Commit], file_count: int | None) -> list[str]:
    """Fail closed when the forge listed fewer files or commits than the PR has.

    GitHub lists at most 3,000 files and 250 commits of a pull request. An article beyond
    the cap would be judged "no review needed", a commit by a reviewer beyond it would let
    that reviewer approve. The pull request's own counts tell.
    """
    out = []
    if pull.changed_files is not None and file_count is not None and file_count < pull.changed_files:
        out.append(f"合并请求改动了 {pull.changed_files} 个文件，平台只列出了 {file_count} 个（GitHub 最多列出 3000 个），"
                   "无法核对全部改动：请拆分为较小的合并请求")
    if pull.commit_count is not None and len(commits) < pull.commit_count:
        out.append(f"合并请求有 {pull.commit_count} 个提交，平台只列出了 {len(commits)} 个（GitHub 最多列出 250 个），"
                   "无法核对全部提交人：请压缩（squash）提交或拆分合并请求")
    return out


# The account a workflow's token acts as (GITHUB_TOKEN, Gitea/Forgejo Actions): any workflow pushed
# on any branch gets one, so whoever has push rights can open a pull request or write a commit as it.
WORKFLOW_ACCOUNTS = frozenset({"github-actions[bot]", "github-actions", "gitea-actions", "forgejo-actions"})


def workflow_authorship(pull: PullRequest, commits: list[Commit]) -> list[str]:
    """Why nobody can tell who drafted the pull request, or []: it was opened by, or has commits
    linked to, the workflow account. A reviewer could push a workflow to a branch of their own that
    writes the article (under any Git name) and opens the pull request with the workflow's token:
    the forge then names no person but the bot, and the reviewer approves what they wrote. govpub's
    own workflows never do either (the Word conversion commits as the drafter, into their PR)."""
    out = []
    if (pull.author or "").lower() in WORKFLOW_ACCOUNTS:
        out.append(f"合并请求由工作流账号 {pull.author} 发起：任何有推送权限的人都能让分支上的工作流以它的名义提交稿件、"
                   "发起合并请求，无法确定拟稿人，审核人也可能就是作者。处理办法：由拟稿人用本人账号重新提交并发起合并请求")
    bots = sorted({login for c in commits for login in c.logins if login.lower() in WORKFLOW_ACCOUNTS})
    if bots:
        out.append(f"合并请求中有以工作流账号 {bots[0]} 名义写的提交：任何有推送权限的人都能让分支上的工作流这样提交，"
                   "无法确定是谁写的，审核人也可能就是作者。处理办法：由拟稿人用本人账号重新提交这些改动")
    return out


class Authors:
    """Everyone who opened the PR or wrote or committed one of its commits; they may not review it.

    Known from the APIs: the PR opener (login, id); whoever pushed to the PR's branch, as far
    as the forge's timeline tells (Gitea: every push; GitHub: force pushes); per commit the linked author and
    committer accounts (login, id), the Git author and committer names and e-mails, and the name and
    e-mail of each Co-authored-by trailer. Known of a reviewer: login and id (both forges),
    the e-mail (Gitea, unless hidden), GitHub's noreply addresses (login@ and id+login@
    users.noreply.github.com), and the e-mails and name in teams.yml. All compared case-
    insensitively, names after fold(); a match on any of them excludes the reviewer.
    """

    def __init__(self, pull: PullRequest, commits: list[Commit], policy: ReviewPolicy,
                 pushers: list[tuple[str | None, int | None]] | None = None) -> None:
        self.policy = policy
        self.logins = {pull.author.lower()} if pull.author else set()
        self.ids = {pull.author_id} if pull.author_id else set()
        for login, uid in pushers or []:  # whoever pushed to the PR's branch (the forge's timeline)
            self.logins.update([login.lower()] if login else [])
            self.ids.update([uid] if uid else [])
        self.names: set[str] = set()
        self.emails: set[str] = set()
        for c in commits:
            self.logins.update(x.lower() for x in c.logins)
            self.ids.update(c.ids)
            self.names.update(fold(n) for n in (*c.names, c.committer) if n)
            self.emails.update(e.lower() for e in c.emails)

    def reviewer_emails(self, r: Review) -> set[str]:
        login = (r.login or "").lower()
        out = {r.email.lower()} if r.email else set()
        if login:
            out.add(f"{login}@users.noreply.github.com")
            if r.user_id:
                out.add(f"{r.user_id}+{login}@users.noreply.github.com")
        person = self.policy.person(r.login, r.user_id)
        if person:
            out.update(e.lower() for e in person.emails)
        return out

    def wrote(self, r: Review) -> bool:
        if r.user_id and r.user_id in self.ids:
            return True
        if r.login and r.login.lower() in self.logins:
            return True
        if self.reviewer_emails(r) & self.emails:
            return True
        person = self.policy.person(r.login, r.user_id)
        names = {fold(r.login or ""), *((fold(person.name), fold(person.login)) if person else ())}
        return bool((names - {""}) & self.names)


def fold(name: str) -> str:
    """A person's name as compared: NFKC (full-width letters, compatibility forms), without format
    characters (zero-width space, word joiner, bidi marks) or spaces, case folded, traditional
    characters as simplified (OpenCC t2s: 吳建華 is 吴建华). Git takes any author name: "周\u200b海燕"
    reads as 周海燕 in the history and on the 审批表 and is the same person."""
    import unicodedata

    from govpub.rules.normalize import _t2s

    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf").casefold()
    return _t2s(text) if any(ord(ch) > 0x2E7F for ch in text) else text


def same_person(a: Review, b: Review) -> bool:
    """One forge account: the same id, or the same login in any case (logins are case-insensitive)."""
    if a.user_id and b.user_id and a.user_id == b.user_id:
        return True
    return bool(a.login and b.login and a.login.lower() == b.login.lower())


# -- the decision ---------------------------------------------------------------


def _label(login: str | None, policy: ReviewPolicy) -> str:
    person = policy.person(login)
    return f"{person.name}（{login}）" if person and person.name != login else (login or "已注销的账号")


Candidate = tuple[Review, str, Member]  # an approval that may fill a level: review, team, member


@dataclass
class Scope:
    """What one verification decides within: the PR, the registry, the levels and their teams."""

    pull: PullRequest
    policy: ReviewPolicy
    required: list[str]
    teams: dict[str, list[str]]
    authors: Authors
    retargeted: datetime | None = None  # the PR's target branch last changed then (Inputs.base_changed_at)

    def membership(self, r: Review, level: str) -> tuple[str, Member] | None:
        """(team, member) of the level's teams whose account gave review r (Member.is_account)."""
        for team in self.teams[level]:
            m = self.policy.member(team, r.login, r.user_id)
            if m is not None:
                return team, m
        return None

    def impostor(self, r: Review) -> Member | None:
        """A required team's member registered with r's login but another account id."""
        for level in self.required:
            for team in self.teams[level]:
                m = self.policy.impostor(team, r.login, r.user_id)
                if m is not None:
                    return m
        return None

    def is_bot(self, r: Review) -> bool:
        login = (r.login or "").lower()
        return r.is_bot or login in self.policy.bots or login.endswith("[bot]")

    def label(self, login: str | None) -> str:
        return _label(login, self.policy)


def reopen(scope: Scope, ordered: list[Review]) -> tuple[dict[str, Review], list[str]]:
    """Each level's latest "changes requested" — or dismissed review — by an active member of
    its team: only approvals after it count. Returns (level → that review, notes on requests by
    non-members). A dismissed review re-opens too: anyone with write access may dismiss a review
    (GitHub then keeps no trace of what it was), so dismissing a level's objection must not
    bring back that level's earlier approval; the level approves again."""
    reopened: dict[str, Review] = {}
    notes = []
    for r in ordered:
        if r.state not in (CHANGES_REQUESTED, DISMISSED) or not r.login or scope.is_bot(r) or scope.authors.wrote(r):
            continue
        for level in scope.required:
            found = scope.membership(r, level)
            if found and found[1].active:
                reopened[level] = r
        if r.state == CHANGES_REQUESTED and not any(scope.membership(r, lv) for lv in scope.required):
            notes.append(f"{scope.label(r.login)} 要求修改（{local(r.submitted_at)}），"
                         "不是审核团队成员，不影响三审结论，但请回复处理")
    return reopened, notes


def classify(scope: Scope, ordered: list[Review], reopened: dict[str, Review],
             ) -> tuple[dict[str, list[Candidate]], list[str], list[str]]:
    """Sort the approvals: (level → candidates, why each other approval does not count, notes)."""
    candidates: dict[str, list[Candidate]] = {lv: [] for lv in scope.required}
    rejected: list[str] = []
    notes: list[str] = []
    for r in ordered:
        if r.state != APPROVED:
            continue
        if r.login and scope.is_bot(r):
            notes.append(f"机器人账号 {r.login} 的批准不计入三审")
            continue
        levels, why = _levels_of(scope, r)
        if why is not None:
            rejected.append(why)
        for lv, (team, member) in levels:
            cr = reopened.get(lv)
            if cr is None or _at(r) > _at(cr):  # an approval before the level's reopening does not count
                candidates[lv].append((r, team, member))
    return candidates, rejected, notes


def _levels_of(scope: Scope, r: Review) -> tuple[list[tuple[str, tuple[str, Member]]], str | None]:
    """(the levels an approval may fill, with team and member; why it fills none)."""
    who = scope.label(r.login)
    if not r.login:
        return [], f"{who}的批准不计入"
    if scope.authors.wrote(r):
        return [], f"{who} 是本合并请求的提交人，不能审核自己提交的稿件，其批准不计入"
    head = scope.pull.head_sha
    if r.commit_id != head or r.stale:
        return [], (f"{who} 的批准针对旧提交 {short(r.commit_id)}，稿件此后已更新，"
                    f"需在最新提交 {short(head)} 上重新批准")
    merged = scope.pull.merged_at
    if merged is not None and _at(r) > merged:
        return [], (f"{who} 于 {local(r.submitted_at)} 批准时，合并请求已于 {local(merged)} 合并（未经三审的合并）："
                    "合并之后的批准不计入，审核须在合并之前完成。处理办法：撤销这次合并（git revert，经合并请求），"
                    "再以新的合并请求完成三审后合并")
    if scope.retargeted is not None and _at(r) <= scope.retargeted:
        return [], (f"{who} 于 {local(r.submitted_at)} 批准后，合并请求的目标分支于 {local(scope.retargeted)} 被修改："
                    "审核人当时看到的改动不是现在要合并的改动，此前的批准不再有效，需重新批准")
    member_levels = [(lv, found) for lv in scope.required if (found := scope.membership(r, lv))]
    if not member_levels and (other := scope.impostor(r)) is not None:
        return [], (f"账号 {r.login}（平台 id {r.user_id or '未知'}）与 teams.yml 中 {other.name} 登记的账号名相同，"
                    f"但不是登记的账号（id {other.id}）：可能是改名后被他人注册的账号名，其批准不计入。"
                    "处理办法：核实后在 teams.yml 中更正该成员的 login 和 id（经合并请求审核）")
    if not member_levels:
        names = "、".join(sorted({t for lv in scope.required for t in scope.teams[lv]}))
        return [], f"{who} 不是本次审核团队（{names}）的成员，其批准不计入三审"
    active = [(lv, found) for lv, found in member_levels if found[1].active]
    if not active:
        return [], f"{who} 在 teams.yml 中已停用（active: false），其批准不计入"
    return active, None


def assign(required: list[str], candidates: dict[str, list[Candidate]]) -> list[Candidate]:
    """The longest valid assignment of approvals to levels, in order: increasing times,
    different people. Searched, not greedy; among full assignments the earliest."""
    best: list[Candidate] = []

    def search(i: int, chosen: list[Candidate]) -> bool:
        nonlocal best
        if len(chosen) > len(best):
            best = list(chosen)
        if i == len(required):
            return True
        after = _at(chosen[-1][0]) if chosen else None
        for cand in candidates[required[i]]:
            r = cand[0]
            if any(same_person(r, c[0]) or cand[2].same_person(c[2]) for c in chosen) \
                    or (after is not None and _at(r) <= after):
                continue
            chosen.append(cand)
            if search(i + 1, chosen):
                return True
            chosen.pop()
        return False

    search(0, [])
    return best


def results(scope: Scope, best: list[Candidate], reopened: dict[str, Review]) -> list[LevelResult]:
    out = []
    for i, level in enumerate(scope.required):
        res = LevelResult(level=level, teams=scope.teams[level])
        if i < len(best):
            r, team, member = best[i]
            res.state, res.reviewer, res.name, res.role, res.team = "approved", r.login, member.name, member.role, team
            res.at, res.review_id, res.commit_id = r.submitted_at, r.id, r.commit_id
        elif i == len(best):
            cr = reopened.get(level)
            if cr is not None and cr.state == CHANGES_REQUESTED:  # a dismissal leaves the level pending
                res.state, res.changes_by, res.changes_at = "changes_requested", scope.label(cr.login), cr.submitted_at
        else:
            res.state = "waiting"
        out.append(res)
    return out


def explain(scope: Scope, ordered: list[Review], reopened: dict[str, Review],
            candidates: dict[str, list[Candidate]], best: list[Candidate], levels: list[LevelResult]) -> list[str]:
    """Why each approval by a team member did not fill its level, in words for the reviewers."""
    out = []
    for index, level in enumerate(scope.required):
        if levels[index].state == "approved":
            continue
        below = levels[index - 1] if index else None
        for r, _team, member in candidates[level]:
            taken = next((i for i, c in enumerate(best) if same_person(r, c[0])), None)
            twin = next((i for i, c in enumerate(best) if member.same_person(c[2])), None)
            if taken is not None:
                out.append(f"{scope.label(r.login)} 已担任{LEVEL_NAMES[levels[taken].level]}审核，不能同时担任"
                           f"{LEVEL_NAMES[level]}审核：三级审核须由三个不同的人完成")
            elif twin is not None:
                out.append(f"{scope.label(r.login)} 与{LEVEL_NAMES[levels[twin].level]}审核人 "
                           f"{scope.label(best[twin][0].login)} 在 teams.yml 中登记为同一人（相同的账号 id 或邮箱），"
                           f"不能同时担任{LEVEL_NAMES[level]}审核：三级审核须由三个不同的人完成。"
                           "处理办法：由本级另一位成员批准；若登记有误，由办公室更正 teams.yml")
            elif below is not None and below.state != "approved":
                out.append(f"{scope.label(r.login)}（{LEVEL_NAMES[level]}）于 {local(r.submitted_at)} 批准时，"
                           f"{LEVEL_NAMES[below.level]}尚未通过：不计入，请在{LEVEL_NAMES[below.level]}通过后重新批准")
            elif below is not None and below.at is not None and _at(r) <= below.at:
                out.append(f"{scope.label(r.login)}（{LEVEL_NAMES[level]}）于 {local(r.submitted_at)} 批准，"
                           f"早于{LEVEL_NAMES[below.level]}通过（{local(below.at)}）：不计入，请重新批准")
        cr = reopened.get(level)
        if cr is not None:
            for r in ordered:
                if (r.state == APPROVED and r.login and scope.membership(r, level)
                        and _at(r) <= _at(cr)):
                    what = "要求修改" if cr.state == CHANGES_REQUESTED else "的审核被撤销（dismissed）"
                    out.append(f"{scope.label(cr.login)} 于 {local(cr.submitted_at)} {what}，"
                               f"{scope.label(r.login)} 此前（{local(r.submitted_at)}）的{LEVEL_NAMES[level]}批准不再有效，需重新批准")
    return out


def verify(pull: PullRequest, reviews: list[Review], commits: list[Commit], files: list[str],
           policy: ReviewPolicy, *, articles: dict[str, str | None] | None = None,
           file_count: int | None = None, base_changed_at: datetime | None = None,
           pushers: list[tuple[str | None, int | None]] | None = None) -> Verdict:
    """The verdict. `articles`: article path → its `department` at the PR head ("" when it
    names none, None when gone); `file_count`: entries the forge listed (default len(files));
    `base_changed_at`: the PR was retargeted then, and approvals before it do not count;
    `pushers`: accounts that pushed to the PR's branch (authors, like the commits' authors)."""
    required, teams, department, problems = plan(files, policy, articles)
    problems = (completeness(pull, commits, len(files) if file_count is None else file_count)
                + workflow_authorship(pull, commits) + problems)
    if problems and not required:
        required, teams = list(LEVELS), {lv: [] for lv in LEVELS}
    verdict = Verdict(pull=pull, required=required, levels=[], problems=list(problems),
                      blocked=bool(problems), department=department, team_names=policy.team_names,
                      draft=pull.draft)
    used_teams = sorted({t for ts in teams.values() for t in ts})
    verdict.membership = {t: policy.teams.get(t, []) for t in used_teams}
    for t in used_teams:
        if t not in policy.teams:
            verdict.problems.append(f"审核团队“{t}”没有登记成员")
            verdict.blocked = True
    if not required:
        verdict.notes.append("本合并请求没有改动任何文件，无需三审")
        return verdict
    if pull.draft:
        verdict.notes.append("这是草稿（Draft 或标题以 WIP: / [WIP] 开头）合并请求：转为正式合并请求后三审才生效")
    rules = sorted(f for f in files if f.startswith("checks/"))
    if rules and any(f.startswith(ARTICLE_ROOT) for f in files):
        verdict.notes.append(f"本合并请求同时改动了规则和登记数据（{'、'.join(rules[:3])}{'等' if len(rules) > 3 else ''}）"
                             "和稿件：放宽的规则会让同一合并请求中的稿件通过内容检查。请各级审核人一并核对这些改动，"
                             "或把规则的改动拆成单独的合并请求先行审核")

    scope = Scope(pull, policy, required, teams, Authors(pull, commits, policy, pushers), base_changed_at)
    ordered = sorted((r for r in reviews if r.submitted_at is not None), key=_at)
    reopened, notes = reopen(scope, ordered)
    candidates, rejected, more = classify(scope, ordered, reopened)
    verdict.notes += notes + more
    best = assign(required, candidates)
    verdict.levels = results(scope, best, reopened)
    verdict.problems += rejected + explain(scope, ordered, reopened, candidates, best, verdict.levels)
    # The same sentence can come from two levels; keep the first.
    verdict.problems = list(dict.fromkeys(verdict.problems))
    return verdict


def verify_inputs(inputs: Inputs, policy: ReviewPolicy) -> Verdict:
    """verify() over what Forge.inputs() (or offline JSON) gathered: the one call for callers."""
    return verify(inputs.pull, inputs.reviews, inputs.commits, inputs.files, policy,
                  articles=inputs.articles, file_count=inputs.file_count, base_changed_at=inputs.base_changed_at,
                  pushers=inputs.pushers)
