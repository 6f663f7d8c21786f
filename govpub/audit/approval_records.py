"""The approval records (git notes on refs/notes/govpub-approvals) are append-only.

`govpub publish` writes the notes ref commit with each release on the deploy target. The
audit compares: the notes ref must still exist and have grown by fast-forward from the one
recorded with the last publish. A deleted or rewritten history (push --force of the notes
ref) is tampering with the evidence the 审批表 is printed from. A note that is not a record
govpub wrote is reported too.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from govpub import git
from govpub.approvals.record import NOTES_REF, SCHEMA
from govpub.publish.gate import altered_records, is_ancestor, late_records, notes_commit


@dataclass
class Finding:
    item: str
    detail: str
    action: str

    def as_json(self) -> dict[str, str]:
        return asdict(self)


def check(root: Path, published: dict[str, Any] | None) -> list[Finding]:
    findings: list[Finding] = []
    current = notes_commit(root)
    recorded = (published or {}).get("notes_commit")
    if recorded:
        if current is None:
            findings.append(Finding("审批记录被删除", f"{NOTES_REF} 不存在；上次发布时为 {recorded[:12]}",
                                    f"先 git fetch origin {NOTES_REF}:{NOTES_REF} 再巡检；远端也没有时，"
                                    "报办公室核查并从备份恢复"))
        elif not is_ancestor(root, recorded, current):
            findings.append(Finding("审批记录的历史被改写", f"{NOTES_REF} 当前为 {current[:12]}，"
                                    f"不是由上次发布时的 {recorded[:12]} 追加而来",
                                    "审批记录只能追加：报办公室核查是谁强制推送了审批记录，从备份恢复原有历史"))
        else:
            for commit, blob in altered_records(root, recorded, current):
                findings.append(Finding("已发布的审批记录被改动",
                                        f"提交 {commit[:12]} 的审批记录在上次发布（记录 {recorded[:12]}）之后被改动或删除",
                                        f"审批记录只能追加：报办公室核查；恢复原记录：git notes --ref={NOTES_REF} "
                                        f"add -f -C {blob} {commit}"))
            published_commit = str((published or {}).get("commit") or "")
            for commit in late_records(root, recorded, current, published_commit) if published_commit else []:
                findings.append(Finding("已发布的提交上后加的审批记录",
                                        f"提交 {commit[:12]} 在上次发布时已在发布的历史中，之后才有人给它加了审批记录",
                                        f"报办公室核查是谁推送的；删除：git notes --ref={NOTES_REF} remove {commit}，"
                                        f"再 git push origin {NOTES_REF}"))
    if current is not None:
        for line in git.run(root, "notes", f"--ref={NOTES_REF}", "list").stdout.splitlines():
            blob, _, commit = line.partition(" ")
            try:
                data = json.loads(git.run(root, "cat-file", "-p", blob).stdout)
            except json.JSONDecodeError:
                data = None
            if not isinstance(data, dict) or data.get("schema") != SCHEMA or data.get("merge_commit") != commit:
                findings.append(Finding("无法识别的审批记录", f"提交 {commit[:12]} 上的记录不是 govpub approvals record 写入的",
                                        "报办公室核查；由 govpub approvals record 重新写入该合并请求的记录"))
    return findings
