"""Forge JSON in the documented shapes (GitHub REST and Gitea /api/v1), for the doubles.

Only the values change between scenarios; the field names, nesting and state spellings
are those the APIs return (reference/forge-approvals.md §4).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

REPO = "zjsfj/website"
T0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


def sha(label: str) -> str:
    return hashlib.sha1(label.encode()).hexdigest()


HEAD = sha("head")
OLD = sha("old")


def at(minutes: int, kind: str = "github") -> str:
    t = T0 + timedelta(minutes=minutes)
    if kind == "gitea":  # Gitea writes times with the server's offset
        return t.astimezone(timezone(timedelta(hours=8))).isoformat()
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def uid(login: str) -> int:
    """One account, one id: logins are case-insensitive on both forges."""
    return int(sha(login.lower())[:6], 16) + 1


def user(login: str, kind: str = "github", bot: bool = False) -> dict:
    if kind == "gitea":
        return {"id": uid(login), "login": login, "login_name": "", "full_name": "",
                "email": f"{login}@noreply.example", "avatar_url": "", "is_admin": False}
    return {"login": login, "id": uid(login), "node_id": "MDQ6VXNlcjE=",
            "avatar_url": "", "html_url": f"https://github.com/{login}",
            "type": "Bot" if bot else "User", "site_admin": False}


def pull(number: int = 7, author: str = "wangxiaomin", head: str = HEAD, kind: str = "github",
         title: str = "普法推进会稿件", merged: bool = False, merge_sha: str | None = None,
         merged_by: str | None = None, merged_minutes: int = 200) -> dict:
    obj = {
        "id": 1000 + number, "number": number, "state": "closed" if merged else "open",
        "title": title, "body": "", "user": user(author, kind),
        "html_url": f"https://example.test/{REPO}/pull/{number}",
        "created_at": at(0, kind), "updated_at": at(1, kind),
        "head": {"label": "wangxiaomin:gao", "ref": "gao", "sha": head, "user": user(author, kind)},
        "base": {"label": "zjsfj:main", "ref": "main", "sha": sha("base"), "user": user("zjsfj", kind)},
        "merged": merged,
        "merge_commit_sha": merge_sha,
        "merged_at": at(merged_minutes, kind) if merged else None,
        "merged_by": user(merged_by, kind) if merged_by else None,
    }
    if kind == "gitea":
        obj["merge_base"] = sha("base")
        obj["mergeable"] = True
        obj["is_locked"] = False
    else:
        obj["node_id"] = "PR_kwDO"
        obj["_links"] = {}
        obj["draft"] = False
    return obj


_ids = iter(range(100, 100000))


def review(login: str | None, state: str, minutes: int | None, commit: str = HEAD, kind: str = "github",
           bot: bool = False, dismissed: bool = False, stale: bool = False, updated: int | None = None) -> dict:
    """One review. GitHub spells states APPROVED/CHANGES_REQUESTED/COMMENTED/DISMISSED/PENDING;
    Gitea APPROVED/REQUEST_CHANGES/COMMENT/PENDING/REQUEST_REVIEW with a dismissed flag."""
    rid = next(_ids)
    if kind == "gitea":
        return {"id": rid, "user": user(login, kind) if login else None, "team": None, "state": state,
                "body": "", "commit_id": commit, "stale": stale, "official": True, "dismissed": dismissed,
                "comments_count": 0, "submitted_at": at(minutes, kind) if minutes is not None else None,
                "updated_at": at(updated if updated is not None else (minutes or 0), kind),
                "html_url": f"https://git.example.test/{REPO}/pulls/7#issuecomment-{rid}",
                "pull_request_url": f"https://git.example.test/{REPO}/pulls/7"}
    obj = {"id": rid, "node_id": "PRR_kwDO", "user": user(login, kind, bot) if login else None,
           "body": "", "state": state, "html_url": f"https://github.com/{REPO}/pull/7#pullrequestreview-{rid}",
           "pull_request_url": f"https://api.github.com/repos/{REPO}/pulls/7",
           "author_association": "MEMBER", "_links": {}, "commit_id": commit}
    if minutes is not None:
        obj["submitted_at"] = at(minutes, kind)
    return obj


def commit(login: str | None = "wangxiaomin", name: str = "王晓敏", label: str = "c1", kind: str = "github",
           message: str = "稿件：普法工作推进会") -> dict:
    return {
        "sha": sha(label), "url": "", "html_url": "",
        "commit": {"author": {"name": name, "email": f"{login or 'x'}@example.gov.cn", "date": at(-30, kind)},
                   "committer": {"name": name, "email": f"{login or 'x'}@example.gov.cn", "date": at(-30, kind)},
                   "message": message, "tree": {"sha": sha("tree"), "url": ""}},
        "author": user(login, kind) if login else None,
        "committer": user(login, kind) if login else None,
        "parents": [{"sha": sha("base"), "url": ""}],
    }


def retargeted(minutes: int, kind: str = "github") -> dict:
    """A timeline entry: the PR's target branch was changed (GitHub event base_ref_changed,
    Gitea comment type change_target_branch)."""
    rid = next(_ids)
    if kind == "gitea":
        return {"id": rid, "type": "change_target_branch", "body": "", "user": user("wangxiaomin", kind),
                "old_ref": "dev", "new_ref": "main", "created_at": at(minutes, kind), "updated_at": at(minutes, kind)}
    return {"id": rid, "node_id": "BRCE_kwDO", "event": "base_ref_changed", "actor": user("wangxiaomin", kind),
            "commit_id": None, "commit_url": None, "created_at": at(minutes, kind), "performed_via_github_app": None}


def pushed(login: str, minutes: int, kind: str = "github") -> dict:
    """A timeline entry: `login` pushed to the PR's branch (Gitea comment type pull_push, every
    push; GitHub event head_ref_force_pushed, force pushes only)."""
    rid = next(_ids)
    if kind == "gitea":
        return {"id": rid, "type": "pull_push", "user": user(login, kind), "created_at": at(minutes, kind),
                "updated_at": at(minutes, kind),
                "body": '{"is_force_push":false,"commit_ids":["' + sha("c9") + '"]}'}
    return {"id": rid, "node_id": "HRFPE_kwDO", "event": "head_ref_force_pushed", "actor": user(login, kind),
            "commit_id": None, "commit_url": None, "created_at": at(minutes, kind), "performed_via_github_app": None}


# The department each column's sample articles name (the column's owner).
COLUMN_DEPARTMENT = {"pfyfz": "普法与依法治理科", "xzzf": "行政执法协调监督科", "tzgg": "办公室",
                     "gzdt": "办公室", "zcwj": "法治调研科", "rsxx": "政治部"}


def article(department: str, title: str = "普法工作推进会") -> str:
    return f"---\ntitle: {title}\ncolumn: x\ndepartment: {department}\nauthor: 王晓敏\n---\n\n正文。\n"


def articles(names: tuple[str, ...] | list[str], department: str | None = None) -> dict[str, str]:
    """The text at the PR head of each article among names: front matter naming its department."""
    out = {}
    for n in names:
        parts = n.split("/")
        if n.startswith("content/") and n.endswith(".md") and len(parts) > 2:
            out[n] = article(department or COLUMN_DEPARTMENT.get(parts[1], "办公室"))
    return out


def files(*names: str) -> list[dict]:
    return [{"sha": sha(n), "filename": n, "status": "added", "additions": 10, "deletions": 0,
             "changes": 10, "blob_url": "", "raw_url": "", "contents_url": "", "patch": "@@ -0,0 +1 @@"}
            for n in names]


ARTICLE = "content/pfyfz/2026/tuijinhui.md"
# The sample registry (checks/registry/teams.yml): pfyfz belongs to 普法与依法治理科.
L1, L1B, L1_INACTIVE = "caiwenbin", "denghuilan", "yexiaodong"
L2 = "huangxiaomin"
L3, L3B, L3C = "zhouhaiyan", "liangzhenyu", "wujianhua"


def happy(kind: str = "github") -> list[dict]:
    approved = "APPROVED"
    return [review(L1, approved, 10, kind=kind), review(L2, approved, 20, kind=kind),
            review(L3, approved, 30, kind=kind)]
