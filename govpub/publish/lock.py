"""One publisher at a time: a lease on the Git ref refs/govpub/lock.

The lock is a commit whose message is JSON {owner, machine, renewal, expires_at[, seal]}. It is
taken atomically: locally with `git update-ref <ref> <new> <old>` (old = none, or the lease
being taken over); on a remote with `git push --force-with-lease=<ref>:<old>`, so of two runs
only one wins. The holder renews it (renewal + 1) every half lease while it works.

No decision compares clocks of two machines (a runner or a laptop whose clock is ten minutes
off would otherwise take over a live lease and publish alongside it). A lease is taken over
when the taker has itself watched it unchanged (same holder, same renewal) for a whole lease
on its own monotonic clock: a live holder renews twice in that time, a killed one never. At
once only: a holder on this very machine (hostname and boot) whose process is gone; an
unreadable lease; a lease whose expiry is more than CLOCK_SLACK away from this machine's
clock (no run with a working clock wrote it recently: a lease forged far into the future, or
an old one replayed); and, for a run with credentials, a lease without its seal. A second run
waits (bounded) and then stops with a message that names the holder.

Anyone with push rights can write refs/govpub/*. When the run holds the credentials of a
registered account (the WeChat AppID and AppSecret, which only the protected publish
environment has), each lease carries a seal: an HMAC of its fields under a key derived from
them. Such a run respects only leases sealed with the same key; a well-formed lease pushed by
someone without the credentials is taken over at once (it would otherwise hold every publish
off for as long as it is pushed again); a genuine lease copied back holds for one lease at
most (it does not change while watched), a replayed series of them only within CLOCK_SLACK.
A run without credentials cannot tell and respects every lease, as before."""

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

from govpub import clock
from govpub.errors import GovpubError
from govpub.publish.ledger import ZERO, ref_commit, run_git

LOCK_REF = "refs/govpub/lock"
CLOCK_SLACK = 86400.0  # how far apart two machines' clocks may be before a lease is taken for void


class LockBusy(GovpubError):
    """Another publish holds the lock and did not let go within the wait."""

    exit_code = 1


@dataclass
class Lease:
    commit: str
    owner: str
    expires_at: float
    seal: str = ""
    renewal: int | None = None  # None: a lease of an older govpub (sealed over owner and expiry only)
    machine: str = ""

    def state(self) -> tuple[object, ...]:
        """What a renewal changes; not the commit (the same lease pushed again is a new commit)."""
        return self.owner, self.expires_at, self.renewal, self.machine, self.seal


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


def _seal(key: bytes, lease: Lease) -> str:
    text = f"{lease.owner}\0{lease.expires_at!r}"
    if lease.renewal is not None:
        text += f"\0{lease.renewal}\0{lease.machine}"
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def _machine() -> str:
    """This boot of this machine (Linux), so that a holder on another machine that happens to
    share the hostname ("localhost") is not taken for one of ours: empty where unknown."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text("ascii").strip()
    except OSError:
        return ""


def _owner() -> str:
    run = os.environ.get("GITHUB_RUN_ID") or os.environ.get("GITEA_RUN_ID")
    return f"{socket.gethostname()}:{os.getpid()}" + (f":run-{run}" if run else "")


def _gone(lease: Lease) -> bool:
    """The holder ran on this machine, in this boot, and its process no longer exists (killed)."""
    host, _, rest = lease.owner.partition(":")
    pid = rest.split(":")[0]
    if host != socket.gethostname() or lease.machine != _machine() or not pid.isdigit():
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
                 key: bytes | None = None) -> None:
        self.root, self.remote, self.key = root, remote, key
        self.lease_seconds, self.wait_seconds, self.poll_seconds = lease_seconds, wait_seconds, poll_seconds
        self.sleep = sleep
        self.owner = _owner()
        self.held: Lease | None = None
        self._written = (0.0, 0.0)  # (monotonic, wall) time of the last write of our lease, by this machine

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
            renewal = data.get("renewal")
            return Lease(commit, str(data["owner"]), float(data["expires_at"]), str(data.get("seal") or ""),
                         None if renewal is None else int(renewal), str(data.get("machine") or ""))
        except (ValueError, KeyError, TypeError, AttributeError):
            return Lease(commit, "（无法识别）", float("nan"))  # unreadable: void

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

    def _write(self, old: str | None, renewal: int) -> Lease | None:
        """Our lease with this renewal number in place of `old`; None when `old` is no longer there."""
        lease = Lease("", self.owner, clock.epoch() + self.lease_seconds, renewal=renewal, machine=_machine())
        body: dict[str, object] = {"owner": lease.owner, "machine": lease.machine, "renewal": renewal,
                                   "expires_at": lease.expires_at}
        if self.key is not None:
            body["seal"] = lease.seal = _seal(self.key, lease)
        tree = run_git(self.root, "mktree", input="").stdout.strip()
        lease.commit = run_git(self.root, "commit-tree", tree, "-m", json.dumps(body, ensure_ascii=False)).stdout.strip()
        written = clock.monotonic(), clock.epoch()
        if not self._swap(old, lease.commit):
            return None
        self.held, self._written = lease, written
        return lease

    def _void(self, lease: Lease) -> bool:
        """A lease no live run holds, known without watching it: unreadable, its holder's process
        gone from this machine, its expiry further from our clock than any clock error (forged far
        ahead, or replayed long after), or, with credentials, without our seal."""
        now = clock.epoch()
        if not now - CLOCK_SLACK < lease.expires_at < now + self.lease_seconds + CLOCK_SLACK:  # NaN: unreadable
            return True
        return _gone(lease) or (self.key is not None and not hmac.compare_digest(lease.seal, _seal(self.key, lease)))

    # -- the public operations -------------------------------------------------------------
    def acquire(self) -> Lease:
        start = clock.monotonic()
        deadline = start + self.wait_seconds
        watched: tuple[object, ...] | None = None
        since = start
        while True:
            current = self._current()
            now = clock.monotonic()
            if current is not None and not self._void(current):
                if current.state() != watched:  # renewed (or another holder): watch it afresh
                    watched, since = current.state(), now
                if now - since < self.lease_seconds:
                    if now >= deadline:
                        raise LockBusy(
                            f"另一个发布正在运行（{current.owner}），等待 {int(self.wait_seconds)} 秒后仍未结束，本次没有发布",
                            hint=f"等它结束后重新运行 govpub publish；若确认那次运行已中断：它的租约连续 {int(self.lease_seconds)} 秒"
                                 f"没有续期后（本次看到它 {int(now - since)} 秒没有变化）下一次运行会自动接管，"
                                 f"不看各机器的时钟；也可由局办公室执行 git push {self.remote or ''} :{LOCK_REF}"
                                 f"（本地为 git update-ref -d {LOCK_REF}）手动解除")
                    self.sleep(max(0.0, min(self.poll_seconds, deadline - now, since + self.lease_seconds - now)))
                    continue
            taken = self._write(current.commit if current else None, 0)
            if taken is not None:
                return taken
            watched = None  # someone else was faster: look again

    def _since_written(self) -> float:
        """How long ago our lease was written, by this machine's clocks: the monotonic one, or the
        wall clock when it says longer (the monotonic clock stands still while a laptop sleeps;
        the wall clock moves on, and meanwhile another run may have taken the lease over)."""
        return max(clock.monotonic() - self._written[0], clock.epoch() - self._written[1])

    def renew(self, *, force: bool = False) -> None:
        """Renew the lease when half of it is gone (by this machine's clocks); stop if it was taken over."""
        if self.held is None:
            return
        if not force and self._since_written() < self.lease_seconds / 2:
            return
        held, self.held = self.held, None
        if self._write(held.commit, (held.renewal or 0) + 1) is None:
            raise GovpubError("发布锁已被另一个发布接管（本次运行有一个租约期没有续期），本次运行停止，以免重复发布",
                              hint="查看另一个发布的结果；需要时重新运行 govpub publish")

    def release(self) -> None:
        if self.held is not None:
            self._swap(self.held.commit, None)
            self.held = None

    def __enter__(self) -> PublishLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
