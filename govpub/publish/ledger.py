"""The publish ledger: per platform, per article, what was done and the ids the platform
gave back. Its home is the Git ref refs/govpub/ledger, not a branch: a chain of commits
whose tree holds <platform>.json ({article path: entry}). Every change is a new commit,
written by one `git fast-import` the moment a platform call returns (it moves the ref only
if the ref's value is still an ancestor, so two writers cannot silently overwrite each
other), and pushed to the remote (--force-with-lease) when one is configured. A fresh CI
checkout fetches it at start; branch protection on main never sees it.
records/ledger/<platform>.json in the work tree is a read-only mirror for the audit and
for people; it is not the record.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from govpub import git
from govpub.errors import GovpubError
from govpub.fsutil import write_atomic

LEDGER_DIR = "records/ledger"
LEDGER_REF = "refs/govpub/ledger"
ZERO = "0" * 40


class LedgerError(GovpubError):
    """The ledger could not be read or made durable: stop before the platform is touched again."""


def run_git(root: Path, *args: str, input: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """govpub.git.run for the ledger and the lock: commits as govpub, a LedgerError on failure."""
    return git.run(root, *args, input=input, check=check, robot=True, error=LedgerError,
                   hint="确认发布在网站仓库的 Git 检出中运行，且对远端有推送 refs/govpub/* 的权限")


def default_remote(root: Path) -> str | None:
    """GOVPUB_REMOTE if set ('' for none), else origin when it exists."""
    if "GOVPUB_REMOTE" in os.environ:
        return os.environ["GOVPUB_REMOTE"] or None
    proc = run_git(root, "remote", "get-url", "origin", check=False)
    return "origin" if proc.returncode == 0 else None


def ref_commit(root: Path, ref: str) -> str | None:
    proc = run_git(root, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}", check=False)
    return proc.stdout.strip() or None


def _data(text: str) -> str:
    """A fast-import data block: its length counts UTF-8 bytes."""
    return f"data {len(text.encode('utf-8'))}\n{text}\n"


class Store:
    """The ledger ref of one repository: read at start, one commit per change, pushed each time."""

    def __init__(self, root: Path, remote: str | None = None) -> None:
        self.root = root
        self.remote = remote
        self.pushed: str | None = None  # what the remote holds, as far as we know
        self._exists: bool | None = None  # whether the ref exists, once known (it is never deleted)

    @classmethod
    def open(cls, root: Path, remote: str | None = None) -> Store:
        store = cls(root, remote)
        store.fetch()
        return store

    def fetch(self) -> None:
        """Bring the remote's ledger in; the remote wins unless ours is strictly ahead of it."""
        if not self.remote:
            return
        tmp = "refs/govpub/fetched-ledger"
        proc = run_git(self.root, "fetch", "-q", self.remote, f"+{LEDGER_REF}:{tmp}", check=False)
        if proc.returncode != 0:
            if "couldn't find remote ref" in proc.stderr or "could not find remote ref" in proc.stderr.lower():
                self.pushed = ZERO
                return
            raise LedgerError(f"无法从远端 {self.remote} 取回发布台账 {LEDGER_REF}：{proc.stderr.strip()[:300]}",
                              hint="检查网络和仓库权限后重新运行；台账取不回时不会发布任何内容")
        remote = ref_commit(self.root, tmp)
        if remote is None:
            raise LedgerError(f"从远端 {self.remote} 取回的发布台账 {LEDGER_REF} 不是提交",
                              hint="检查远端的 refs/govpub/ledger 是否被改动；台账取不回时不会发布任何内容")
        run_git(self.root, "update-ref", "-d", tmp)
        local = ref_commit(self.root, LEDGER_REF)
        self.pushed = remote
        if local is None or local == remote:
            run_git(self.root, "update-ref", LEDGER_REF, remote)
        elif run_git(self.root, "merge-base", "--is-ancestor", local, remote, check=False).returncode == 0:
            run_git(self.root, "update-ref", LEDGER_REF, remote, local)
        elif run_git(self.root, "merge-base", "--is-ancestor", remote, local, check=False).returncode == 0:
            self.push(local)  # an earlier push of ours did not arrive
        else:
            raise LedgerError(f"本地发布台账与远端 {self.remote} 的台账分叉，无法自动合并",
                              hint=f"由局办公室核对：git log {LEDGER_REF} 与远端的 {LEDGER_REF}，"
                                   "保留正确的一份后用 git update-ref 修正，再重新运行")

    def read(self, platform: str) -> dict[str, dict[str, Any]] | None:
        head = ref_commit(self.root, LEDGER_REF)
        self._exists = head is not None
        if head is None:
            return None
        proc = run_git(self.root, "cat-file", "blob", f"{head}:{platform}.json", check=False)
        if proc.returncode != 0:
            return None  # this platform has no entry on the ref yet
        try:
            data = json.loads(proc.stdout)
        except ValueError:
            raise LedgerError(f"发布台账 {LEDGER_REF}:{platform}.json 无法解析",
                              hint=f"用 git log -p {LEDGER_REF} 查看历史，恢复上一份正确的台账") from None
        return data if isinstance(data, dict) else {}

    def write(self, platform: str, entries: dict[str, dict[str, Any]], message: str) -> str:
        """One commit on the ref that replaces <platform>.json, made by one `git fast-import`
        (blob, tree and commit, then the ref) instead of six plumbing commands: a publish run
        writes the ledger after every platform call. fast-import builds on the ref's value when
        it starts and moves the ref only if that value is still an ancestor of the new commit
        (the compare-and-swap of update-ref with the old value), under the ref's lock; killed
        before the end it moves nothing (feature done)."""
        text = json.dumps(entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if self._exists is None:
            self._exists = ref_commit(self.root, LEDGER_REF) is not None
        message += "\n"
        who = (f"{os.environ.get('GIT_COMMITTER_NAME', git.ROBOT_NAME)} "
               f"<{os.environ.get('GIT_COMMITTER_EMAIL', git.ROBOT_EMAIL)}> now")
        stream = (f"feature done\ncommit {LEDGER_REF}\nmark :1\ncommitter {who}\n{_data(message)}"
                  + (f"from {LEDGER_REF}^0\n" if self._exists else "")
                  + f"M 100644 inline {platform}.json\n{_data(text)}get-mark :1\ndone\n")
        proc = run_git(self.root, "fast-import", "--quiet", "--date-format=now", input=stream, check=False)
        commit = proc.stdout.strip()
        if proc.returncode != 0 or len(commit) != 40:
            if ref_commit(self.root, LEDGER_REF) is None and self._exists:
                raise LedgerError(f"发布台账 {LEDGER_REF} 在发布过程中被删除",
                                  hint=f"由局办公室核对：从远端或 git reflog 恢复 {LEDGER_REF} 后重新运行")
            raise LedgerError(f"发布台账在写入时被另一个进程改动（同时有两个发布在运行？）：{proc.stderr.strip()[:300]}",
                              hint="等另一个发布结束后重新运行；发布锁见 README“发布”一节")
        self._exists = True
        if self.remote:
            self.push(commit)
        return commit

    def push(self, commit: str) -> None:
        if not self.remote:
            return
        lease = f"--force-with-lease={LEDGER_REF}:{'' if self.pushed in (None, ZERO) else self.pushed}"
        proc = run_git(self.root, "push", "-q", lease, self.remote, f"{commit}:{LEDGER_REF}", check=False)
        if proc.returncode != 0:
            raise LedgerError(f"发布台账推送到远端 {self.remote} 失败：{proc.stderr.strip()[:300]}",
                              hint="台账未能保存到远端时停止发布，以免重复发布；检查网络和权限后重新运行")
        self.pushed = commit


class Ledger:
    """One platform's entries; every update is a durable ledger commit."""

    def __init__(self, root: Path, platform: str, store: Store | None = None) -> None:
        self.root, self.platform = root, platform
        self.store = store or Store(root)
        self.path = root / LEDGER_DIR / f"{platform}.json"
        entries = self.store.read(platform)
        if entries is None:  # not on the ref yet: take over a ledger once committed under records/
            try:
                entries = json.loads(self.path.read_text("utf-8"))
            except (FileNotFoundError, ValueError):
                entries = {}
        self.entries: dict[str, dict[str, Any]] = entries

    def entry(self, article: str) -> dict[str, Any]:
        return self.entries.setdefault(article, {})

    def update(self, article: str, **fields: Any) -> dict[str, Any]:
        entry = self.entry(article)
        before = dict(entry)
        for key, value in fields.items():
            if value is None:
                entry.pop(key, None)
            else:
                entry[key] = value
        if entry != before:  # no commit (and no push) for a change that changes nothing
            self.save(f"{self.platform} {article} {entry.get('state', '')}".strip())
        return entry

    def drop(self, article: str) -> None:
        if self.entries.pop(article, None) is not None:
            self.save(f"{self.platform} {article} removed")

    def save(self, message: str = "ledger") -> None:
        self.store.write(self.platform, self.entries, message)
        write_atomic(self.path, json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
