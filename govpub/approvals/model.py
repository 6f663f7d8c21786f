"""Normalized forge records: what the verifier decides over, whichever forge they came from.

GitHub and Gitea return reviews, pulls and commits with different field names and
state spellings (reference/forge-approvals.md §4). The functions here turn the JSON of
either REST API into the same small dataclasses, so verify.py never sees a forge.
They are pure and need no HTTP library: offline mode (saved API JSON) uses them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from govpub.clock import BEIJING
from govpub.errors import GovpubError

APPROVED = "APPROVED"
CHANGES_REQUESTED = "CHANGES_REQUESTED"
COMMENTED = "COMMENTED"
PENDING = "PENDING"
DISMISSED = "DISMISSED"
REQUESTED = "REQUESTED"  # Gitea's REQUEST_REVIEW: a review was asked for, nothing was said

# Gitea/Forgejo spellings → the normalized (GitHub) ones. GitHub's own pass through.
_STATES = {
    "APPROVED": APPROVED,
    "CHANGES_REQUESTED": CHANGES_REQUESTED,
    "REQUEST_CHANGES": CHANGES_REQUESTED,
    "COMMENTED": COMMENTED,
    "COMMENT": COMMENTED,
    "PENDING": PENDING,
    "DISMISSED": DISMISSED,
    "REQUEST_REVIEW": REQUESTED,
}



class BadInput(GovpubError):
    """Forge JSON that does not have the documented shape (exit 2)."""


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time from either API (GitHub ends in Z, Gitea has an offset), as UTC."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadInput(f"时间“{value}”不是文本")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadInput(f"时间“{value}”不是 ISO 8601 格式") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    # Gitea reports the zero time for "never"; treat it as absent.
    if parsed.year <= 1:
        return None
    return parsed.astimezone(UTC)


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def local(value: datetime | None) -> str:
    """Beijing time as staff read it: 2026-11-20 09:30."""
    return value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") if value else ""


@dataclass(frozen=True)
class Review:
    id: int | str
    login: str | None  # None: the account was deleted (GitHub's "ghost")
    state: str  # one of the normalized states above
    commit_id: str | None  # None when the reviewed commit was garbage-collected
    submitted_at: datetime | None  # None for drafts (PENDING)
    is_bot: bool = False
    stale: bool = False  # Gitea: the diff changed after this review
    html_url: str = ""
    user_id: int | None = None  # the forge account's id: stable across renames and case
    email: str = ""  # Gitea reports the reviewer's e-mail (may be hidden); GitHub never does


@dataclass(frozen=True)
class Commit:
    sha: str
    logins: tuple[str, ...]  # forge accounts linked to the commit's author and committer
    names: tuple[str, ...]  # author names as written in Git (incl. Co-authored-by)
    authored_at: datetime | None = None
    ids: tuple[int, ...] = ()  # forge account ids of the author and committer
    emails: tuple[str, ...] = ()  # author, committer and Co-authored-by e-mails, lower case
    committer: str = ""  # the Git committer's name (compared like names; not in the record)


@dataclass(frozen=True)
class PullRequest:
    number: int
    title: str
    author: str | None
    head_sha: str
    base_ref: str
    html_url: str = ""
    created_at: datetime | None = None
    merged: bool = False
    merge_commit_sha: str | None = None
    merged_by: str | None = None
    merged_at: datetime | None = None
    author_id: int | None = None
    draft: bool = False  # GitHub draft: true, newer Gitea draft: true, or a WIP title prefix
    changed_files: int | None = None  # what the forge counts; the file list may be capped
    commit_count: int | None = None  # GitHub `commits`; the commit list is capped at 250
    base_sha: str | None = None  # the base branch commit the PR was compared with


@dataclass
class Inputs:
    """Everything one verification reads from a forge (or from saved JSON), normalized.

    files: changed paths (with renames' old names); file_count: entries the forge listed
    (compared with pull.changed_files); articles: each changed article's `department` at
    the PR head (at its base when deleted; "" when it names none; None when unreadable);
    None when the articles could not be read at all (a shared column then fails closed).
    base_changed_at: when the PR's target branch was last changed (the forge's timeline; None
    when never, or not known offline): what the reviewers saw as the change was another diff.
    pushers: (login, account id) of each push to the PR's branch the timeline shows: authors too.
    """

    pull: PullRequest
    reviews: list[Review]
    commits: list[Commit]
    files: list[str]
    file_count: int | None = None
    articles: dict[str, str | None] | None = None
    base_changed_at: datetime | None = None
    pushers: list[tuple[str | None, int | None]] = field(default_factory=list)


@dataclass(frozen=True)
class Member:
    login: str
    name: str
    role: str = ""
    active: bool = True
    emails: tuple[str, ...] = ()  # the commit e-mails this person uses (teams.yml, optional)
    id: int | None = None  # the forge account's id (teams.yml, optional): survives a rename, unlike the login

    def is_account(self, login: str | None, user_id: int | None) -> bool:
        """Whether a forge account is this member. With an id registered, the id decides: the
        member keeps counting after a rename, and whoever registers the freed old login does not
        (an account without an id then counts as nobody). Without one, the login in any case."""
        if self.id is not None:
            return user_id == self.id
        return bool(login) and self.login.lower() == (login or "").lower()

    def same_person(self, other: Member) -> bool:
        """Whether two registry entries are one person: the same account id, or an e-mail both
        list (one person registered with two forge accounts, e.g. in two levels' teams)."""
        return (self is other or (self.id is not None and self.id == other.id)
                or bool(set(self.emails) & set(other.emails)))


# Files outside content/ that readers see (teams.yml `published_files` when it says otherwise): the
# site's settings and templates, and the columns' names, descriptions and keywords.
PUBLISHED_FILES = ("mkdocs.yml", "overrides/", "checks/registry/columns.yml")
# The registry that decides who approves (teams, the department → team map, column → department):
# a change to who approves needs the office's three levels, not one L3 approval. Not data: a
# registry that could drop itself from the list would need only what it said.
ROUTING_FILES = ("checks/registry/teams.yml", "checks/registry/departments.yml", "checks/registry/columns.yml")


@dataclass
class ReviewPolicy:
    """Routing and membership: everything the verifier needs from checks/registry/.

    columns: column slug → departments whose staff may post there (owner first).
    departments: department name → (L1 team, L2 team).
    teams: team slug → members; team_names: team slug → Chinese name.
    """

    columns: dict[str, list[str]]
    departments: dict[str, tuple[str, str]]
    l3_team: str
    teams: dict[str, list[Member]]
    team_names: dict[str, str] = field(default_factory=dict)
    bots: frozenset[str] = frozenset()
    default_department: str | None = None
    published: tuple[str, ...] = PUBLISHED_FILES

    def shown_on_site(self, path: str) -> bool:
        """Whether a file outside content/ is published information: the site shows what it says
        (mkdocs.yml: nav titles, footer, banners; overrides/: templates, announcement blocks,
        pictures). An entry ending in "/" is a folder and everything in it. A path that would put
        one of them elsewhere (the folder itself or a parent replaced by a file or a symlink) too."""
        from govpub.policy import SHOWN_RECORDS

        shown = (*self.published, *SHOWN_RECORDS)  # the 互动交流 page's records, whatever the registry says
        return any(path.startswith(p) if p.endswith("/") else path == p for p in shown) or any(
            p.rstrip("/") == path or p.startswith(path + "/") for p in shown)

    def office_reviewed(self, path: str) -> bool:
        """Whether a file outside content/ needs the three levels of the office (default_department):
        what the site shows, and the registry of who approves (ROUTING_FILES, a parent folder too)."""
        return self.shown_on_site(path) or any(r == path or r.startswith(path + "/") for r in ROUTING_FILES)

    def member(self, team: str, login: str | None, user_id: int | None = None) -> Member | None:
        """The team's member who is this forge account (Member.is_account), or None."""
        for m in self.teams.get(team, []):
            if m.is_account(login, user_id):
                return m
        return None

    def impostor(self, team: str, login: str | None, user_id: int | None) -> Member | None:
        """The member registered with this login and another account id: the login was freed
        by a rename and registered again by someone else (or teams.yml has a wrong id)."""
        for m in self.teams.get(team, []):
            if m.id is not None and login and m.login.lower() == login.lower() and user_id != m.id:
                return m
        return None

    def person(self, login: str | None, user_id: int | None = None) -> Member | None:
        """Any registered member who is this account (for names in the form, and the e-mails of a
        reviewer): with the account id known, a member registered with an id is found by it (after
        a rename too, and never for someone else under the freed login); otherwise by login."""
        for members in self.teams.values():
            for m in members:
                if user_id is not None and m.id is not None:
                    if m.id == user_id:
                        return m
                elif login and m.login.lower() == login.lower():
                    return m
        return None


# -- JSON → dataclasses ---------------------------------------------------------


def _need(obj: Any, key: str, what: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise BadInput(f"{what}缺少字段“{key}”", hint="输入应为代码托管平台 REST API 原样返回的 JSON")
    return obj[key]


def _login(user: Any) -> str | None:
    return user.get("login") if isinstance(user, dict) else None


def _user_id(user: Any) -> int | None:
    value = user.get("id") if isinstance(user, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


# Gitea's default [repository.pull-request] WORK_IN_PROGRESS_PREFIXES; Gitea before 1.22
# has no `draft` field, a WIP title is how it marks a draft. Applied on both forges.
WIP_PREFIXES = ("WIP:", "[WIP]")


def is_wip(title: str) -> bool:
    head = title.lstrip().upper()
    return any(head.startswith(p) for p in WIP_PREFIXES)


def _is_bot(user: Any) -> bool:
    if not isinstance(user, dict):
        return False
    login = user.get("login") or ""
    return user.get("type") == "Bot" or login.endswith("[bot]")


def github_review(obj: dict[str, Any]) -> Review:
    """One element of GET /repos/{o}/{r}/pulls/{n}/reviews (GitHub)."""
    state = _need(obj, "state", "审核记录")
    if state not in _STATES:
        raise BadInput(f"审核记录 {obj.get('id')} 的状态“{state}”无法识别")
    return Review(
        id=_need(obj, "id", "审核记录"),
        login=_login(obj.get("user")),
        state=_STATES[state],
        commit_id=obj.get("commit_id"),
        submitted_at=parse_time(obj.get("submitted_at")),
        is_bot=_is_bot(obj.get("user")),
        html_url=obj.get("html_url") or "",
        user_id=_user_id(obj.get("user")),
    )


def gitea_review(obj: dict[str, Any]) -> Review:
    """One element of GET /repos/{o}/{r}/pulls/{index}/reviews (Gitea/Forgejo).

    Dismissal is a flag there (the state stays APPROVED), and staleness is reported.
    Gitea's submitted_at is when the review was *started* (a pending review with line
    comments gets it then); submitting it later moves only updated_at. So a submitted
    review is timed by the later of the two: a review begun before L2 approved and
    submitted after it is ordered after L2, as it happened. Known limit: Gitea also moves
    updated_at when it restores an older review as "official" after the latest one was
    dismissed; such a review is then timed at the restoration.
    """
    state = _need(obj, "state", "审核记录")
    if state not in _STATES:
        raise BadInput(f"审核记录 {obj.get('id')} 的状态“{state}”无法识别")
    normalized = DISMISSED if obj.get("dismissed") else _STATES[state]
    submitted = parse_time(obj.get("submitted_at"))
    updated = parse_time(obj.get("updated_at"))
    if normalized != PENDING and updated is not None and (submitted is None or updated > submitted):
        submitted = updated
    user = obj.get("user")
    return Review(
        id=_need(obj, "id", "审核记录"),
        login=_login(user),
        state=normalized,
        commit_id=obj.get("commit_id") or None,
        submitted_at=submitted if normalized != PENDING else None,
        is_bot=_is_bot(user),
        stale=bool(obj.get("stale")),
        html_url=obj.get("html_url") or "",
        user_id=_user_id(user),
        email=(user.get("email") or "").strip().lower() if isinstance(user, dict) else "",
    )


# Fields only one forge's JSON has: how saved API answers tell where they came from.
_GITEA_REVIEW = ("dismissed", "stale", "official", "team", "updated_at")
_GITHUB_REVIEW = ("node_id", "author_association", "_links")
_GITEA_PULL = ("merge_base", "allow_maintainer_edit", "is_locked")
_GITHUB_PULL = ("node_id", "_links", "author_association", "auto_merge")


def detect_forge(pull: Any, reviews: list[Any]) -> str | None:
    """'github' or 'gitea' from the shape of saved JSON; None when it cannot be told.

    The reviews decide (that is where the shapes differ in meaning: Gitea's dismissal is a
    flag on an APPROVED review); the pull request is looked at when there are none. Mixed
    signals raise: the files do not come from one forge.
    """
    def vote(objs: list[Any], gitea_keys: tuple[str, ...], github_keys: tuple[str, ...]) -> set[str]:
        found = set()
        for o in objs:
            if not isinstance(o, dict):
                continue
            if any(k in o for k in gitea_keys):
                found.add("gitea")
            if any(k in o for k in github_keys):
                found.add("github")
        return found

    kinds = vote(reviews, _GITEA_REVIEW, _GITHUB_REVIEW)
    if not kinds:
        kinds = vote([pull], _GITEA_PULL, _GITHUB_PULL)
    if len(kinds) > 1:
        raise BadInput("审核记录中同时有 GitHub 和 Gitea 格式的条目，无法判断来源",
                       hint="各文件应来自同一平台的 REST API 原样返回，不要拼接")
    return kinds.pop() if kinds else None


def pull_request(obj: dict[str, Any]) -> PullRequest:
    """GET /repos/{o}/{r}/pulls/{n}: the same shape on GitHub and Gitea for these fields."""
    head = _need(obj, "head", "合并请求")
    base = _need(obj, "base", "合并请求")
    return PullRequest(
        number=int(_need(obj, "number", "合并请求")),
        title=obj.get("title") or "",
        author=_login(obj.get("user")),
        head_sha=_need(head, "sha", "合并请求 head "),
        base_ref=_need(base, "ref", "合并请求 base "),
        html_url=obj.get("html_url") or "",
        created_at=parse_time(obj.get("created_at")),
        merged=bool(obj.get("merged") or obj.get("merged_at")),
        merge_commit_sha=obj.get("merge_commit_sha") or None,
        merged_by=_login(obj.get("merged_by")),
        merged_at=parse_time(obj.get("merged_at")),
        author_id=_user_id(obj.get("user")),
        # after the merge a draft or WIP title means nothing (a draft cannot be merged; approvals given
        # while WIP count once it is ready): a title edited to "WIP:" later holds no publish off
        draft=(obj.get("draft") is True or is_wip(obj.get("title") or "")) and not bool(obj.get("merged") or obj.get("merged_at")),
        changed_files=_count(obj.get("changed_files")),
        commit_count=_count(obj.get("commits")),
        base_sha=base.get("sha") if isinstance(base, dict) else None,
    )


def _coauthors(message: str) -> list[tuple[str, str]]:
    """(name, e-mail) of each `Co-authored-by: Name <mail>` trailer; the key in any case."""
    out = []
    for line in message.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "co-authored-by" and value.strip():
            name, _, rest = value.partition("<")
            out.append((name.strip(), rest.partition(">")[0].strip().lower()))
    return out


def commit(obj: dict[str, Any]) -> Commit:
    """One element of GET …/pulls/{n}/commits (GitHub and Gitea share this shape).

    Everyone who wrote or committed it counts as an author: the linked forge accounts of
    the author and committer (login and id), the Git author and committer names and e-mails,
    and each Co-authored-by trailer's name and e-mail. The committer's name too: a reviewer who
    amends or rebases the drafter's commit under an address no account or registry entry knows
    is named nowhere else (GitHub records no pusher of a normal push).
    """
    sha = _need(obj, "sha", "提交记录")
    inner = obj.get("commit") or {}
    git_people = [inner.get("author") or {}, inner.get("committer") or {}]
    coauthors = _coauthors(inner.get("message") or "")
    accounts = [obj.get("author"), obj.get("committer")]
    logins = [x for x in dict.fromkeys(_login(u) for u in accounts) if x]
    ids = [x for x in dict.fromkeys(_user_id(u) for u in accounts) if x]
    names = [n for n in dict.fromkeys([git_people[0].get("name"), *(c[0] for c in coauthors)]) if n]
    emails = [e for e in dict.fromkeys([*((p.get("email") or "").strip().lower() for p in git_people),
                                        *(c[1] for c in coauthors)]) if e]
    return Commit(sha=sha, logins=tuple(logins), names=tuple(names),
                  authored_at=parse_time(git_people[0].get("date")), ids=tuple(ids), emails=tuple(emails),
                  committer=str(git_people[1].get("name") or ""))


def timeline_facts(events: list[Any], kind: str) -> tuple[datetime | None, list[tuple[str | None, int | None]]]:
    """(when the PR's target branch was last changed or None, the accounts that pushed to its
    branch) from GET …/issues/{n}/timeline of `kind` (github or gitea).

    Retargeting keeps the reviews, but the change the reviewers saw was the diff against the old
    target: a file the old target already had (pushed there by anyone) arrives with the PR,
    approved by nobody who saw it (GitHub event base_ref_changed, Gitea type change_target_branch).
    A pusher wrote the PR whatever the commits say of their authors (a reviewer can push a commit
    authored in the drafter's name): Gitea lists every push with its pusher (type pull_push),
    GitHub only force pushes with their actor (event head_ref_force_pushed).
    """
    base_key, base_value = ("type", "change_target_branch") if kind == "gitea" else ("event", "base_ref_changed")
    push_key, push_value, who = (("type", "pull_push", "user") if kind == "gitea"
                                 else ("event", "head_ref_force_pushed", "actor"))
    changed: list[datetime] = []
    pushers: list[tuple[str | None, int | None]] = []
    for event in events:
        if not isinstance(event, dict):
            continue
        if event.get(base_key) == base_value:
            at = parse_time(event.get("created_at"))
            if at is None:
                raise BadInput("时间线中有一条“修改目标分支”没有时间", hint="输入应为代码托管平台 REST API 原样返回的 JSON")
            changed.append(at)
        if event.get(push_key) == push_value and isinstance(event.get(who), dict):
            pushers.append((_login(event[who]), _user_id(event[who])))
    return max(changed, default=None), pushers


def unlisted_reviews(events: list[Any], reviews: list[Review], kind: str) -> list[str]:
    """The ids of reviews the timeline shows (GitHub: event "reviewed", with the review's id) that
    the review list lacks. GitHub's review list has no total: a proxy or cache that answers one
    middle page with an empty list would hide a "changes requested" there; the timeline, read
    anyway, names every submitted review. Gitea's list carries X-Total-Count (checked when paging),
    which a proxy rewriting the answer rewrites too; its timeline has a comment of type "review"
    (22 before Gitea 1.16) naming each submitted review's `review_id` and reviewer."""
    listed = {str(r.id) for r in reviews}
    return [rid for rid, _user in _timeline_reviews(events, kind) if rid not in listed]


def _timeline_reviews(events: list[Any], kind: str) -> list[tuple[str, Any]]:
    """(review id, the reviewer as the timeline names them) of each submitted review the timeline
    shows: GitHub's "reviewed" events, Gitea's comments of type "review" (22)."""
    if kind == "github":
        return [(str(e["id"]), e.get("user")) for e in events
                if isinstance(e, dict) and e.get("event") == "reviewed" and e.get("id") is not None]
    return [(str(e["review_id"]), e.get("user")) for e in events
            if isinstance(e, dict) and e.get("type") in ("review", 22) and e.get("review_id")]


def rewritten_reviews(events: list[Any], reviews: list[Review], kind: str) -> list[str]:
    """The ids of listed reviews that the timeline (GitHub event "reviewed", read anyway) tells
    otherwise: another account or commit, another time, an approval the timeline does not show as
    one, or an objection the list does not show. A proxy or cache that rewrites one page of the
    review list (a "changes requested" made an approval, an early L3 approval moved after L2)
    would otherwise decide the verdict. Fields the event lacks are not compared. Gitea's timeline
    comment of a review names its reviewer only (no state, commit or submission time: its
    `created_at` is not the review's `updated_at` the order is judged by): the account is compared."""
    by_id = {str(r.id): r for r in reviews}
    if kind != "github":
        return [rid for rid, who in _timeline_reviews(events, kind) if rid in by_id
                and (uid := _user_id(who)) is not None and by_id[rid].user_id is not None and uid != by_id[rid].user_id]
    out: list[str] = []
    for e in events:
        if not isinstance(e, dict) or e.get("event") != "reviewed" or str(e.get("id")) not in by_id:
            continue
        r = by_id[str(e["id"])]
        state = _STATES.get(str(e.get("state") or "").upper())
        uid, commit = _user_id(e.get("user")), e.get("commit_id")
        try:
            at = parse_time(e.get("submitted_at"))
        except BadInput:
            at = None
        if ((r.state == APPROVED and state not in (None, APPROVED))
                or (state == CHANGES_REQUESTED and r.state not in (CHANGES_REQUESTED, DISMISSED))
                or (uid is not None and r.user_id is not None and uid != r.user_id)
                or (commit and r.commit_id and commit != r.commit_id)
                or (at is not None and r.submitted_at is not None and at != r.submitted_at)):
            out.append(str(e["id"]))
    return out


def department_of(text: str | None) -> str | None:
    """The `department` front matter of an article's text; "" when it names none, None when absent."""
    if text is None:
        return None
    from govpub.content.article import parse

    value = parse("article.md", text).meta.get("department")
    return value.strip() if isinstance(value, str) else ""


def owning_department(head: str | None, base: str | None) -> str | None:
    """The department whose L1 and L2 review a change to an article: the one the article
    names at the PR's base when it exists there (a PR that also rewrites `department` cannot
    hand another section's article, or its withdrawal, to its own section's reviewers;
    handing an article over is the owner's decision), else the one it names at the head."""
    owner = department_of(base)
    return owner if owner else department_of(head) if head is not None else owner


def changed_files(items: list[dict[str, Any]]) -> list[str]:
    """GET …/pulls/{n}/files: every path touched, including the old name of a rename."""
    out: list[str] = []
    for obj in items:
        out.append(_need(obj, "filename", "改动文件"))
        if obj.get("previous_filename"):
            out.append(obj["previous_filename"])
    return sorted(set(out))


def review_policy(policy: Any, teams_override: dict[str, list[Member]] | None = None) -> ReviewPolicy:
    """The routing and rosters from a Policy (checks/), optionally with other membership."""
    data = policy.review_teams
    departments = {name: (dep["l1_team"], dep["l2_team"]) for name, dep in policy.departments.items()}
    columns: dict[str, list[str]] = {}
    for slug, col in policy.columns.items():
        also = col.get("also_departments") or []
        columns[slug] = [col["department"], *[d for d in also if d != col["department"]]]
    teams = {slug: [Member(m["login"], m["name"], m["role"], m["active"],
                           tuple(e.lower() for e in m.get("emails") or ()), m.get("id")) for m in team["members"]]
             for slug, team in data["teams"].items()}
    names = {slug: team["name"] for slug, team in data["teams"].items()}
    if teams_override is not None:
        teams = teams_override
    return ReviewPolicy(
        columns=columns,
        departments=departments,
        l3_team=data["l3_team"],
        teams=teams,
        team_names=names,
        bots=frozenset(b.lower() for b in data.get("bots") or []),
        default_department=data.get("default_department"),
        published=tuple(data.get("published_files", PUBLISHED_FILES)),
    )


def teams_file(data: Any, known: dict[str, list[Member]] | None = None) -> dict[str, list[Member]]:
    """A teams file for offline mode: team slug → members.

    Members are logins, or mappings with login (name, role, active optional). The
    registry's own format (a `teams:` key, as in checks/registry/teams.yml) is read too.
    """
    if isinstance(data, dict) and isinstance(data.get("teams"), dict):
        data = {slug: team.get("members", []) for slug, team in data["teams"].items()}
    if not isinstance(data, dict):
        raise BadInput("团队文件应为“团队名: 成员列表”的键值表")
    lookup = {m.login.lower(): m for ms in (known or {}).values() for m in ms}
    out: dict[str, list[Member]] = {}
    for slug, members in data.items():
        if isinstance(members, dict):
            members = members.get("members", [])
        if not isinstance(members, list):
            raise BadInput(f"团队“{slug}”的成员应为列表")
        out[str(slug)] = []
        for m in members:
            if isinstance(m, str):
                known_m = lookup.get(m.lower())
                out[str(slug)].append(Member(m, known_m.name if known_m else m, known_m.role if known_m else "",
                                             emails=known_m.emails if known_m else (),
                                             id=known_m.id if known_m else None))
            elif isinstance(m, dict) and m.get("login"):
                uid = m.get("id")
                if uid is not None and (not isinstance(uid, int) or isinstance(uid, bool) or uid < 1):
                    raise BadInput(f"团队“{slug}”的成员“{m['login']}”的 id 应为平台账号的数字 id")
                # the registry's e-mails of this person stay theirs (author checks, one person's two accounts)
                known_m = lookup.get(str(m["login"]).lower())
                emails = tuple(str(e).lower() for e in m.get("emails") or ()) + (known_m.emails if known_m else ())
                out[str(slug)].append(Member(str(m["login"]), str(m.get("name") or m["login"]),
                                             str(m.get("role") or ""), m.get("active", True) is not False,
                                             emails=tuple(dict.fromkeys(emails)),
                                             id=uid if uid is not None else known_m.id if known_m else None))
            else:
                raise BadInput(f"团队“{slug}”的成员“{m}”格式不对：应为账号，或含 login 的键值表")
    return out
