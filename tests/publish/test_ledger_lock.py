"""The ledger's home (refs/govpub/ledger, pushed after every step) and the publish lock."""

from __future__ import annotations

import os
import subprocess
import threading

import pytest
from helpers import GIT_ENV

from govpub.publish.ledger import LEDGER_REF, Ledger, LedgerError, Store
from govpub.publish.lock import LOCK_REF, LockBusy, PublishLock


def git(root, *args) -> str:
    return subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.fixture
def remote_and_clones(tmp_path):
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    clones = []
    for name in ("a", "b"):
        git(tmp_path, "clone", "-q", str(bare), name)
        clones.append(tmp_path / name)
    return bare, clones


def test_every_update_is_a_commit_on_the_ref_and_reaches_a_fresh_clone(remote_and_clones, tmp_path):
    bare, (a, _) = remote_and_clones
    ledger = Ledger(a, "wechat", Store.open(a, "origin"))
    ledger.update("content/x.md", state="drafted", draft_media_id="D1")
    ledger.update("content/x.md", state="publishing", publish_id="9")
    assert git(bare, "rev-list", "--count", LEDGER_REF) == "2"
    assert git(a, "branch", "--list") == ""  # no branch was touched: nothing for branch protection
    fresh = tmp_path / "fresh"
    git(tmp_path, "clone", "-q", str(bare), "fresh")
    again = Ledger(fresh, "wechat", Store.open(fresh, "origin"))
    assert again.entries["content/x.md"]["publish_id"] == "9"


def test_a_stale_writer_cannot_overwrite_the_remote_ledger(remote_and_clones):
    _, (a, b) = remote_and_clones
    la = Ledger(a, "wechat", Store.open(a, "origin"))
    lb = Ledger(b, "wechat", Store.open(b, "origin"))
    la.update("content/x.md", state="published")
    with pytest.raises(LedgerError, match="推送"):
        lb.update("content/y.md", state="published")  # b did not see a's write: the lease refuses


def test_without_a_remote_the_ref_is_local(tmp_path):
    git(tmp_path, "init", "-q", "repo")
    root = tmp_path / "repo"
    Ledger(root, "nanfang").update("content/x.md", state="bundled")
    assert '"bundled"' in git(root, "show", f"{LEDGER_REF}:nanfang.json")
    assert Ledger(root, "nanfang").entries == {"content/x.md": {"state": "bundled"}}


def test_second_run_waits_then_stops_with_a_clear_message(remote_and_clones):
    _, (a, b) = remote_and_clones
    first = PublishLock(a, "origin")
    first.acquire()
    second = PublishLock(b, "origin", wait_seconds=0.3, poll_seconds=0.1)
    with pytest.raises(LockBusy) as exc:
        second.acquire()
    assert "另一个发布正在运行" in str(exc.value) and first.owner in str(exc.value)
    first.release()
    second.acquire()  # free again
    second.release()
    assert git(a, "ls-remote", "origin", LOCK_REF) == ""


def test_two_runs_at_once_only_one_wins(remote_and_clones):
    _, (a, b) = remote_and_clones
    locks = [PublishLock(a, "origin", wait_seconds=0), PublishLock(b, "origin", wait_seconds=0)]
    results: list[str] = []

    def take(lock: PublishLock) -> None:
        try:
            lock.acquire()
            results.append("won")
        except LockBusy:
            results.append("busy")

    threads = [threading.Thread(target=take, args=(lock,)) for lock in locks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["busy", "won"]


def test_an_expired_lease_is_taken_over_and_the_old_holder_stops(tmp_path):
    git(tmp_path, "init", "-q", "repo")
    root = tmp_path / "repo"
    now = [1000.0]
    killed = PublishLock(root, None, lease_seconds=60, clock=lambda: now[0])
    killed.acquire()  # then the job is killed: no release
    now[0] += 61
    successor = PublishLock(root, None, lease_seconds=60, wait_seconds=0, clock=lambda: now[0])
    successor.acquire()
    from govpub.errors import GovpubError

    with pytest.raises(GovpubError, match="接管"):
        killed.renew(force=True)
    successor.release()
    assert git(root, "for-each-ref", LOCK_REF) == ""


def test_a_forged_lease_far_in_the_future_does_not_block_publishing(tmp_path):
    """Anyone with push rights can write refs/govpub/lock; a lease no run gives itself is void."""
    git(tmp_path, "init", "-q", "repo")
    root = tmp_path / "repo"
    squatter = PublishLock(root, None, lease_seconds=10 * 365 * 86400)
    squatter.owner = "elsewhere:1"
    squatter.acquire()
    PublishLock(root, None, wait_seconds=0).acquire()


def test_a_ledger_once_committed_under_records_is_taken_over(tmp_path):
    git(tmp_path, "init", "-q", "repo")
    root = tmp_path / "repo"
    (root / "records/ledger").mkdir(parents=True)
    (root / "records/ledger/nanfang.json").write_text('{"content/x.md": {"state": "bundled"}}', "utf-8")
    Ledger(root, "wechat").update("content/y.md", state="published")  # the ref now exists, without nanfang
    assert Ledger(root, "nanfang").entries == {"content/x.md": {"state": "bundled"}}
