"""The approval record in Git: the verdict as a note on the merge commit.

Forges keep reviews in their database only; the record that the 审批表 is printed from
has to outlive the forge (a migration from GitHub to Gitea, a deleted account). So on
merge the verdict is written as a JSON git note on the merge commit, under its own ref
(refs/notes/govpub-approvals, not the default refs/notes/commits that people use by
hand), through the real git CLI. Notes travel with `git push origin refs/notes/…`.

The record holds what the form needs and what an inspection asks for: the PR, head and
merge commits, per level the reviewer, name, role, team, review id, time and reviewed
commit, who merged (签发) and when, the articles' front matter at the merge commit, and
the team membership the decision relied on (the forges only answer with current
membership, so it is snapshotted here).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from govpub import __version__, git
from govpub.approvals.model import Commit, iso
from govpub.approvals.verify import Verdict
from govpub.errors import GovpubError

NOTES_REF = "refs/notes/govpub-approvals"
SCHEMA = "govpub-approval-record/1"
FETCH_HINT = f"先取回审批记录：git fetch origin {NOTES_REF}:{NOTES_REF}"


def _front_matter(root: Path, commit: str, path: str) -> dict[str, Any] | None:
    """An article's front matter as it was at the merge commit (None when deleted)."""
    from govpub.content.article import parse

    proc = git.run(root, "show", f"{commit}:{path}", check=False)
    if proc.returncode != 0:
        return None
    return parse(path, proc.stdout.removeprefix("\ufeff")).meta


def build(verdict: Verdict, policy: Any, merge_commit: str, *, commits: list[Commit],
          files: list[str]) -> dict[str, Any]:
    root = policy.root
    merge = git.run(root, "rev-parse", "--verify", f"{merge_commit}^{{commit}}", check=False)
    if merge.returncode != 0:
        raise GovpubError(f"本地仓库中没有合并提交 {merge_commit[:12]}",
                          hint="先 git fetch 取回合并后的目标分支，再运行 govpub approvals record")
    merge_sha = merge.stdout.strip()
    articles = []
    for path in files:
        if path.startswith("content/") and path.endswith(".md"):
            meta = _front_matter(root, merge_sha, path)
            if meta is None:
                continue
            articles.append({"path": path, **{k: meta.get(k) for k in
                             ("title", "author", "department", "column", "channels", "date", "status")}})
    pull = verdict.pull
    signer = None
    if pull.merged_by:
        person = next((m for ms in verdict.membership.values() for m in ms
                       if m.login.lower() == pull.merged_by.lower()), None)
        signer = {"login": pull.merged_by, "name": person.name if person else "",
                  "role": person.role if person else "", "at": iso(pull.merged_at)}
    data = verdict.to_json()
    data.pop("context", None)
    return {
        "schema": SCHEMA,
        "recorded_at": iso(datetime.now(UTC)),
        "govpub_version": __version__,
        "organisation": policy.organisation,
        "merge_commit": merge_sha,
        "head_commit": pull.head_sha,
        "pull": {**data.pop("pull"), "created_at": iso(pull.created_at), "merged_at": iso(pull.merged_at),
                 "merged_by": pull.merged_by},
        "signed_off": signer,
        **data,
        "articles": articles,
        "files": files,
        "commits": [{"sha": c.sha, "logins": list(c.logins), "names": list(c.names),
                     "authored_at": iso(c.authored_at)} for c in commits],
    }


def write(root: Path, data: dict[str, Any]) -> str:
    """Add (or replace) the note on the merge commit; return the note's blob id."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    git.run(root, "notes", f"--ref={NOTES_REF}", "add", "-f", "-F", "-", data["merge_commit"], input=text)
    return git.run(root, "notes", f"--ref={NOTES_REF}", "list", data["merge_commit"]).stdout.strip()


def read_all(root: Path) -> list[dict[str, Any]]:
    proc = git.run(root, "notes", f"--ref={NOTES_REF}", "list", check=False)
    out = []
    for line in proc.stdout.splitlines():
        blob, _, commit = line.partition(" ")
        text = git.run(root, "cat-file", "-p", blob).stdout
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            continue  # someone wrote a note by hand: not ours
        if isinstance(data, dict) and data.get("schema") == SCHEMA:
            if data.setdefault("merge_commit", commit) != commit:
                continue  # a record copied onto another commit: not the record of this one
            out.append(data)
    return out


def find(root: Path, target: str) -> tuple[dict[str, Any], str | None]:
    """The record for a PR number (12, #12, PR-12) or an article path; (record, article or None).

    Several records for one article (it was revised and merged again): the latest merge.
    """
    # Only records on the merges of the checked-out branch (main): anyone with push rights can
    # add a note to a commit of their own branch, dated in the future so that it would win.
    mainline = set(git.run(root, "rev-list", "--first-parent", "HEAD", check=False).stdout.split())
    records = [r for r in read_all(root) if r.get("merge_commit") in mainline]
    m = re.fullmatch(r"(?:#|pr-?|PR-?)?(\d+)", target.strip())
    if m:
        number = int(m.group(1))
        hits = [r for r in records if r.get("pull", {}).get("number") == number]
        what, article = f"合并请求 #{number}", None
    else:
        path = Path(target)
        if path.is_absolute() or Path.cwd().resolve() != root.resolve():
            try:
                path = path.resolve().relative_to(root.resolve())
            except ValueError:
                pass
        article = path.as_posix()
        hits = [r for r in records if article in (r.get("files") or [])]
        what = f"文章 {article}"
    if not hits:
        raise GovpubError(f"没有找到{what}的审批记录（{NOTES_REF}）",
                          hint=f"{FETCH_HINT}；记录在合并后由 govpub approvals record 写入")
    hits.sort(key=lambda r: (r.get("pull", {}).get("merged_at") or "", r.get("recorded_at") or ""))
    found = hits[-1]
    found["versions"] = versions(root, found["merge_commit"])
    return found, article


def versions(root: Path, merge_commit: str) -> int:
    """How many different notes the merge commit has had in the history of NOTES_REF (the ref
    only grows, but anyone with push rights can append a commit that rewrites an old record:
    the form says so). Fan-out paths (ab/cdef…) are compared without their slashes."""
    proc = git.run(root, "log", "--raw", "--no-abbrev", "--no-renames", "--format=", NOTES_REF, check=False)
    blobs = set()
    for line in proc.stdout.splitlines():
        meta, _, path = line.partition("\t")
        fields = meta.split()
        if len(fields) >= 4 and path.replace("/", "") == merge_commit and set(fields[3]) != {"0"}:
            blobs.add(fields[3])
    return len(blobs)
