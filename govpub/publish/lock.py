"""One publisher at a time: a lease on the Git ref refs/govpub/lock.

The lock is a commit whose message is JSON {owner, expires_at}. It is taken atomically:
locally with `git update-ref <ref> <new> <old>` (old = none, or the expired lease being
taken over); on a remote with `git push --force-with-lease=<ref>:<old>`, so of two runs
only one wins. The holder renews it while it works; a run that was killed leaves a lease
that expires, and the next run takes it over (at once when the holder ran on the same
machine and its process is gone). A second run waits (bounded) and then stops
with a message that names the holder.

Anyone with push rights can write refs/govpub/*. When the run holds the credentials of a
registered account (the WeChat AppID and AppSecret, which only the protected publish
environment has), each lease carries a seal: an HMAC of its owner and expiry under a key
derived from them. Such a run respects only leases sealed with the same key; a well-formed
lease pushed by someone without the credentials is taken over at once (it would otherwise
hold every publish off for as long as it is pushed again). A run without credentials
cannot tell and respects every lease, as before."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from govpub.errors import GovpubError
from govpub.publish.ledger import ZERO, ref_commit, run_git

LOCK_REF = "refs/govpub/lock"


class LockBusy(GovpubError):
    """Another publish holds the lock and did not let go within the wait."""

    exit_code = 1


@dataclass
class Lease:
    commit: str
    owner: str
    expires_at: float
    seal: str = ""


def lock_key(policy: object, environ: Mapping[str, str] | None = None) -> bytes | None:
    """The seal key of this run: derived from the credentials of the registered accounts that are
    all present in the environment (accounts.yml credentials_env), or None without any."""
    env = os.environ if environ is None else environ
    values = []
    for account in getattr(policy, "accounts", {}).values():
        names = account.get("credentials_env") or [] if isinstance(account, dict) else []
        found = [env.get(str(n), "") for n in names]
        if found and all(found):
            values += found
    if not values:
        return None
    return hashlib.sha256(b"govpub-lock-seal\0" + "\0".join(values).encode("utf-8")).digest()


def _seal(key: bytes, owner: str, expires_at: float) -> str:
    return hmac.new(key, f"{owner}\0{expires_at!r}".encode(), hashlib.sha256).hexdigest()


def _owner() -> str:
    run = os.environ.get("GITHUB_RUN_ID") or os.environ.get("GITEA_RUN_ID")
    return f"{socket.gethostname()}:{os.getpid()}" + (f":run-{run}" if run else "")


def _gone(owner: str) -> bool:
    """The holder ran on this machine and its process no longer exists (killed)."""
    host, _, rest = owner.partition(":")
    pid = rest.split(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class PublishLock:
    def __init__(self, root: Path, remote: str | None, *, lease_seconds: float = 600.0, wait_seconds: float = 900.0,
                 poll_seconds: float = 5.0, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.time, key: bytes | None = None) -> None:
        self.root, self.remote, self.key = root, remote, key
        self.lease_seconds, self.wait_seconds, self.poll_seconds = lease_seconds, wait_seconds, poll_seconds
        self.sleep, self.clock = sleep, clock
        self.owner = _owner()
        self.held: Lease | None = None

    # -- the ref, locally or on the remote ----------------------------------------------------
    def _current(self) -> Lease | None:
        if self.remote:
            tmp = "refs/govpub/fetched-lock"
            proc = run_git(self.root, "fetch", "-q", self.remote, f"+{LOCK_REF}:{tmp}", check=False)
            if proc.returncode != 0:
                if "find remote ref" in proc.stderr.lower():
                    return None
                raise GovpubError(f"无法读取远端 {self.remote} 的发布锁：{proc.stderr.strip()[:300]}",
                                  hint="检查网络和仓库权限后重新运行")
            commit = ref_commit(self.root, tmp)
            run_git(self.root, "update-ref", "-d", tmp)
        else:
            commit = ref_commit(self.root, LOCK_REF)
        if commit is None:
            return None
        message = run_git(self.root, "log", "-1", "--format=%B", commit).stdout
        try:
            data = json.loads(message)
            return Lease(commit, str(data["owner"]), float(data["expires_at"]), str(data.get("seal") or ""))
        except (ValueError, KeyError, TypeError):
            return Lease(commit, "（无法识别）", 0.0)  # unreadable: treated as expired

    def _swap(self, old: str | None, new: str | None) -> bool:
        """Point the lock at `new` (None: delete) if it is still `old` (None: absent)."""
        if self.remote:
            dest = f"{new}:{LOCK_REF}" if new else f":{LOCK_REF}"
            proc = run_git(self.root, "push", "-q", f"--force-with-lease={LOCK_REF}:{old or ''}", self.remote, dest,
                           check=False)
            return proc.returncode == 0
        if new is None:
            return run_git(self.root, "update-ref", "-d", LOCK_REF, old or ZERO, check=False).returncode == 0
        return run_git(self.root, "update-ref", LOCK_REF, new, old or ZERO, check=False).returncode == 0

    def _lease_commit(self) -> tuple[str, float]:
        expires = self.clock() + self.lease_seconds
        lease: dict[str, object] = {"owner": self.owner, "expires_at": expires}
        if self.key is not None:
            lease["seal"] = _seal(self.key, self.owner, expires)
        body = json.dumps(lease, ensure_ascii=False)
        tree = run_git(self.root, "mktree", input="").stdout.strip()
        return run_git(self.root, "commit-tree", tree, "-m", body).stdout.strip(), expires

    def _forged(self, lease: Lease) -> bool:
        """A lease this run can tell no credentialed run wrote: without the seal of our key."""
        return self.key is not None and not hmac.compare_digest(
            lease.seal, _seal(self.key, lease.owner, lease.expires_at))

    # -- the public operations -------------------------------------------------------------
    def acquire(self) -> Lease:
        deadline = self.clock() + self.wait_seconds
        while True:
            current = self._current()
            if current is None or current.expires_at <= self.clock() or _gone(current.owner) \
                    or current.expires_at > self.clock() + 2 * self.lease_seconds \
                    or self._forged(current):  # a lease no run gives itself
                commit, expires = self._lease_commit()
                if self._swap(current.commit if current else None, commit):
                    self.held = Lease(commit, self.owner, expires)
                    return self.held
                continue  # someone else was faster: look again
            if self.clock() >= deadline:
                left = max(0, int(current.expires_at - self.clock()))
                raise LockBusy(f"另一个发布正在运行（{current.owner}），等待 {int(self.wait_seconds)} 秒后仍未结束，本次没有发布",
                               hint=f"等它结束后重新运行 govpub publish；若确认那次运行已中断，锁将在 {left} 秒后过期，"
                                    f"届时可自动接管；也可由局办公室执行 git push {self.remote or ''} :{LOCK_REF}"
                                    f"（本地为 git update-ref -d {LOCK_REF}）手动解除")
            self.sleep(min(self.poll_seconds, max(0.0, deadline - self.clock())))

    def renew(self, *, force: bool = False) -> None:
        """Extend the lease when half of it is gone; stop if it was taken over."""
        if self.held is None:
            return
        if not force and self.held.expires_at - self.clock() > self.lease_seconds / 2:
            return
        commit, expires = self._lease_commit()
        if not self._swap(self.held.commit, commit):
            self.held = None
            raise GovpubError("发布锁已过期并被另一个发布接管，本次运行停止，以免重复发布",
                              hint="查看另一个发布的结果；需要时重新运行 govpub publish")
        self.held = Lease(commit, self.owner, expires)

    def release(self) -> None:
        if self.held is not None:
            self._swap(self.held.commit, None)
            self.held = None

    def __enter__(self) -> PublishLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
