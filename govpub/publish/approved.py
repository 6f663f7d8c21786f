"""Which content changes of a pushed range were approved (Art. 7): publish nothing else.

Every first-parent commit of the range that changes content/ must carry an approval record
(the git note `govpub approvals record` writes on the merge commit) whose verdict is
approved, and each changed article must be, byte for byte, what the reviewers approved at
the PR's head commit. A direct push or an admin merge has no record and publishes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from govpub.approvals.record import NOTES_REF, git


@dataclass
class RangeCheck:
    approved: list[str] = field(default_factory=list)  # changed article paths, approved
    refused: list[tuple[str, str, str]] = field(default_factory=list)  # (commit, path, why)
    deleted: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


def _record(root: Path, commit: str) -> dict | None:
    proc = git(root, "notes", f"--ref={NOTES_REF}", "show", commit, check=False)
    if proc.returncode != 0:
        return None
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


def _blob(root: Path, commit: str, path: str) -> str | None:
    proc = git(root, "rev-parse", "--verify", "-q", f"{commit}:{path}", check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def check_range(root: Path, since: str, head: str) -> RangeCheck:
    result = RangeCheck()
    commits = git(root, "rev-list", "--first-parent", "--reverse", f"{since}..{head}").stdout.split()
    for commit in commits:
        changed = git(root, "diff", "--name-status", "--no-renames", f"{commit}^1", commit, "--",
                      "content/").stdout.splitlines()
        paths = [(line.split("\t", 1)[0], line.split("\t", 1)[1]) for line in changed if "\t" in line]
        paths = [(status, p) for status, p in paths if p.endswith(".md")]
        if not paths:
            continue
        record = _record(root, commit)
        short = commit[:10]
        for status, path in paths:
            if record is None:
                result.refused.append((short, path, "没有三审记录（直接推送或未经审核的合并）"))
            elif not record.get("approved"):
                result.refused.append((short, path, "三审记录显示审核未通过"))
            elif path not in (record.get("files") or []):
                result.refused.append((short, path, "不在该合并请求审核过的文件之中"))
            elif status == "D":
                result.deleted.append(path)
            elif _blob(root, commit, path) != _blob(root, record.get("head_commit", ""), path):
                result.refused.append((short, path, "合并后的内容与审核通过的版本不一致"))
            else:
                result.approved.append(path)
    result.approved = list(dict.fromkeys(p for p in result.approved if p not in {r[1] for r in result.refused}))
    return result
