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


def test_a_lease_left_unrenewed_is_taken_over_and_the_old_holder_stops(tmp_path, monkeypatch):
    """Once "an expired lease is taken over at once", comparing the holder's expiry with the taker's
    clock (two machines' clocks: tests/publish/test_converge10b.py). Now the taker watches the lease
    unchanged for a whole lease on its own monotonic clock, and only then takes it over."""
    from govpub import clock

    git(tmp_path, "init", "-q", "repo")
    root = tmp_path / "repo"
    now = [1000.0]
    monkeypatch.setattr(clock, "monotonic", lambda: now[0])
    killed = PublishLock(root, None, lease_seconds=60)
    killed.owner = "runner-2:4242"  # another machine: its process cannot be looked up
    killed.acquire()  # then the job is killed: no release
    now[0] += 3600  # however long ago: the successor has not watched it yet
    with pytest.raises(LockBusy):
        PublishLock(root, None, lease_seconds=60, wait_seconds=0).acquire()
    waited: list[float] = []

    def sleep(seconds: float) -> None:
        waited.append(seconds)
        now[0] += seconds

    successor = PublishLock(root, None, lease_seconds=60, wait_seconds=120, poll_seconds=5, sleep=sleep)
    successor.acquire()
    assert 60 <= sum(waited) <= 65
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


def test_a_write_keeps_the_other_platforms_and_is_one_git_process(tmp_path, monkeypatch):
    """A publish run writes the ledger after every platform call: one `git fast-import` per
    update (it was six plumbing commands), building on the ref as it stands, with the other
    platforms' files and the history kept, and no pack file per write."""
    git(tmp_path, "init", "-q", "repo")
    root = tmp_path / "repo"
    Ledger(root, "nanfang").update("content/x.md", state="bundled")
    ledger = Ledger(root, "wechat")
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(args, *a, **kw):
        calls.append(list(args))
        return real(args, *a, **kw)

    monkeypatch.setattr(subprocess, "run", counting)
    ledger.update("content/y.md", state="published", article_id="A1")
    ledger.update("content/y.md", state="published", article_id="A2")
    monkeypatch.undo()
    assert [c[:2] for c in calls] == [["git", "fast-import"]] * 2
    assert git(root, "rev-list", "--count", LEDGER_REF) == "3"
    assert git(root, "ls-tree", "--name-only", LEDGER_REF).split() == ["nanfang.json", "wechat.json"]
    assert '"A2"' in git(root, "show", f"{LEDGER_REF}:wechat.json")
    assert git(root, "log", "-1", "--format=%an %s", LEDGER_REF) == "govpub wechat content/y.md published"
    assert not list((root / ".git/objects/pack").glob("*.pack"))  # small writes stay loose objects


def test_a_writer_that_lost_the_race_moves_nothing(tmp_path, monkeypatch):
    """Another writer moves the ref after this write read it and before it lands (a shim
    around git makes that happen inside fast-import's window): the write is refused with a
    message, and the other writer's commit stays on the ref."""
    git(tmp_path, "init", "-q", "repo")
    root = tmp_path / "repo"
    Ledger(root, "wechat").update("content/x.md", state="bundled")
    shim = tmp_path / "bin"
    shim.mkdir()
    real_git = subprocess.run(["sh", "-c", "command -v git"], capture_output=True, text=True, check=True).stdout.strip()
    (shim / "git").write_text(f"""#!/bin/sh
if [ "$1" = fast-import ]; then
  stream=$(cat; echo x)
  old=$({real_git} rev-parse {LEDGER_REF})
  other=$(echo other | {real_git} commit-tree -p "$old" "$old^{{tree}}")
  {real_git} update-ref {LEDGER_REF} "$other" "$old"
  printf '%s' "${{stream%x}}" | sed "s|^from {LEDGER_REF}^0$|from $old|" | {real_git} "$@"
  exit $?
fi
exec {real_git} "$@"
""", "utf-8")
    (shim / "git").chmod(0o755)
    ledger = Ledger(root, "wechat")
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(LedgerError, match="另一个进程"):
        ledger.update("content/y.md", state="published")
    monkeypatch.undo()
    assert git(root, "log", "-1", "--format=%s", LEDGER_REF) == "other"
    assert "content/y.md" not in git(root, "show", f"{LEDGER_REF}:wechat.json")
