"""Publishing that converges (tenth round, b): the publish lock across machines' clocks, and a
南方号 removal request made once per version.

The lock used to compare the holder's expiry with the taker's wall clock: a runner or a laptop
whose clock was ten minutes off took over a live lease, and two runs published at once. The
processes here are real (one Python process per "machine", each with its wall clock shifted
through govpub.clock's seam) and share the lock through a real bare remote."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import GIT_ENV
from test_ledger_lock import git, remote_and_clones  # noqa: F401 - a fixture
from test_nanfang_seal7 import A, B, entries, push_ledger, run, two_approved_articles

from govpub.policy import Policy
from govpub.publish import nanfang, pipeline
from govpub.publish.ledger import Store
from govpub.publish.lock import LOCK_REF, LockBusy, PublishLock

LEASE = 2.0  # seconds: the holder renews every 1 s, a taker watches 2 s (room for a loaded machine)

# One "machine": its wall clock is `offset` seconds off; it takes the lock on the clone `root`,
# appends its events to `log`, and holds until `until` names a file that exists and then LEASE * 1.25
# more seconds (longer than a lease: a taker that did not see the renewals would have taken over).
CHILD = textwrap.dedent("""
    import json, os, sys, time
    from pathlib import Path
    from govpub import clock
    from govpub.publish.lock import PublishLock
    args = json.loads(sys.argv[1])
    real = clock.epoch
    clock.epoch = lambda: real() + args["offset"]
    log = open(args["log"], "a", encoding="utf-8")
    def note(event):
        log.write(f"{args['name']} {event}\\n")
        log.flush()
    lock = PublishLock(Path(args["root"]), "origin", lease_seconds=args["lease"], wait_seconds=60, poll_seconds=0.05)
    if args.get("owner"):
        lock.owner = args["owner"] + f":{os.getpid()}"
    note("trying")
    lock.acquire()
    note("holds")
    seen = None
    while True:
        lock.renew()
        if seen is None and Path(args["until"]).exists():
            seen = time.monotonic()
        if seen is not None and time.monotonic() - seen > 1.25 * args["lease"]:
            break
        time.sleep(0.05)
    note("lets go")
    lock.release()
""")


def start(name: str, root: Path, log: Path, until: Path, *, offset: float, owner: str = "") -> subprocess.Popen[str]:
    args = {"name": name, "root": str(root), "log": str(log), "until": str(until), "offset": offset,
            "lease": LEASE, "owner": owner}
    return subprocess.Popen([sys.executable, "-c", CHILD, json.dumps(args)], env={**os.environ, **GIT_ENV},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(log: Path, line: str, proc: subprocess.Popen[str]) -> None:
    while line not in (log.read_text("utf-8").splitlines() if log.exists() else []):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)


@pytest.mark.parametrize("offset", [600.0, -600.0], ids=["taker-10-min-fast", "taker-10-min-slow"])
def test_a_run_whose_clock_is_off_waits_for_a_live_lease(remote_and_clones, tmp_path, offset):  # noqa: F811
    """A (clock right) holds and renews; B, whose clock is ten minutes fast (the lease looked
    expired) or slow (the lease looked forged far ahead), must wait until A lets go."""
    _, (a, b) = remote_and_clones
    log, until = tmp_path / "events", tmp_path / "b-is-trying"
    first = start("A", a, log, until, offset=0.0)
    wait_for(log, "A holds", first)
    second = start("B", b, log, until, offset=offset)
    wait_for(log, "B trying", second)
    until.touch()
    for proc in (first, second):
        assert proc.wait(timeout=60) == 0, proc.communicate()
    events = log.read_text("utf-8").splitlines()
    assert events.index("A lets go") < events.index("B holds"), events
    assert git(a, "ls-remote", "origin", LOCK_REF) == ""


def test_a_killed_holder_on_another_machine_whose_clock_is_off_is_taken_over(remote_and_clones, tmp_path):  # noqa: F811
    """A, on "another machine" (its owner names another host) with a clock ten minutes fast, is
    killed holding the lock: its lease names an expiry ten minutes ahead of B's clock. B does not
    take it at once (it cannot tell a dead holder from a live one without watching), and takes it
    after watching it unchanged for a lease, within its wait."""
    _, (a, b) = remote_and_clones
    log, until = tmp_path / "events", tmp_path / "never"
    holder = start("A", a, log, until, offset=600.0, owner="runner-2")
    wait_for(log, "A holds", holder)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    with pytest.raises(LockBusy, match="runner-2"):
        PublishLock(b, "origin", lease_seconds=LEASE, wait_seconds=0).acquire()
    taker = PublishLock(b, "origin", lease_seconds=LEASE, wait_seconds=30, poll_seconds=0.05)
    taker.acquire()
    assert json.loads(git(b, "log", "-1", "--format=%B", taker.held.commit))["owner"] == taker.owner
    taker.release()


# -- 南方号: a removal request is made once per version, whatever is replayed into the ledger ---------
def withdraw_and_merge(site, rel: str) -> None:
    """The withdrawal (status: withdrawn) reviewed and merged: main's commit has it."""
    from govpub.content import article as article_mod

    file = site.root / rel
    file.write_text(article_mod.mark_withdrawn(file.read_text("utf-8"), "内容有误", "2026-11-26 10:00", rel), "utf-8")
    site.git("commit", "-qam", "撤稿")


@pytest.fixture
def nanfang_site(site, monkeypatch):
    return two_approved_articles(site, monkeypatch)


def requests(rows) -> list[str]:
    return [a for a, r in rows.items() if "请运营人员在南方号后台删除" in r.message]


def test_a_replayed_bundled_entry_does_not_ask_the_operators_to_delete_again(nanfang_site):
    site = nanfang_site
    run(site)
    bundled = entries(site)[A]
    assert bundled["state"] == "bundled"
    ctx = pipeline._context(site.root, "", Store(site.root), Policy(site.root), out=site.root / "publish-out",
                            deploy=None, keep=5, clients=None, lock=None)
    row = nanfang.Channel(ctx).retract(ctx, A, "内容有误")
    assert row.state == "retract_requested" and "请运营人员在南方号后台删除" in row.message  # asked once
    replayed = entries(site)
    replayed[A] = bundled  # someone with push rights puts the genuine "bundled" entry back
    push_ledger(site, replayed)
    withdraw_and_merge(site, A)
    rows = run(site)
    assert requests(rows) == [], rows
    assert rows[A].state == "unchanged" and "不再重复请求" in rows[A].message and "git log -p" in rows[A].message
    assert entries(site)[A]["state"] == "retract_requested"  # written back, sealed
    assert run(site) == {}

    # the request not made before (B, bundled and withdrawn without govpub retract): made, once
    withdraw_and_merge(site, B)
    assert requests(run(site)) == [B]
    assert requests(run(site)) == []


def test_a_forged_request_in_the_history_does_not_suppress_a_needed_one(nanfang_site):
    """A drafter pushes a fake "already asked" entry first, then the bundled one back: the fake
    has no seal, so the withdrawal still asks the operators."""
    site = nanfang_site
    run(site)
    bundled = entries(site)[A]
    push_ledger(site, {**entries(site), A: {**bundled, "state": "retract_requested"}})
    push_ledger(site, {**entries(site), A: bundled})
    withdraw_and_merge(site, A)
    assert requests(run(site)) == [A]


def test_a_holder_that_slept_notices_the_takeover_before_its_next_step(tmp_path, monkeypatch):
    """`govpub retract` on a laptop whose lid was closed mid-run: its monotonic clock stood still
    for the hour (Linux CLOCK_MONOTONIC does not count suspend), while the CI run watched the lease
    unchanged and took it over. The wall clock of the same machine moved on: the next renewal
    (before the next step) is due, finds the lease taken, and stops the run."""
    from govpub import clock
    from govpub.errors import GovpubError

    mono, wall = [100.0], [1.8e9]
    monkeypatch.setattr(clock, "monotonic", lambda: mono[0])
    monkeypatch.setattr(clock, "epoch", lambda: wall[0])
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    root = tmp_path / "repo"
    laptop = PublishLock(root, None, lease_seconds=600)
    laptop.acquire()
    laptop.renew()  # nothing due yet
    ci = PublishLock(root, None, lease_seconds=600)
    ci.owner = "runner-2:4242"
    lease = laptop.held
    ci._write(lease.commit, 0)  # the CI run's takeover, after watching the lease for 10 minutes
    wall[0] += 3600  # the laptop slept for an hour; its monotonic clock did not move
    with pytest.raises(GovpubError, match="接管"):
        laptop.renew()


# -- a run of an older commit (a stale checkout, a re-run) after a newer run was killed ---------------
def test_the_website_is_deployed_before_any_account_is_touched(tmp_path, monkeypatch):
    """The deploy's record on the target is how a run of an older commit, started from a stale
    checkout or re-run, sees it was overtaken (pipeline._overtaken). With accounts.yml listing the
    WeChat account first, a newer run killed after publishing to WeChat but before its deploy left
    no record, and the older run put WeChat back to the older commit. The website goes first."""
    from helpers import copy_site
    from test_wechat import client_for
    from wechat_double import WeChatDouble

    from govpub.publish import deploy, wechat

    site = copy_site(tmp_path / "repo")
    registry = site.root / "checks/registry/accounts.yml"
    text = registry.read_text("utf-8")
    head, _, rest = text.partition("  - platform: website")
    website, _, tail = rest.partition("  - platform: wechat")
    registry.write_text(head + "  - platform: wechat" + tail.rstrip("\n") + "\n  - platform: website" + website, "utf-8")
    order = list(Policy(site.root).accounts)
    assert order.index("wechat") < order.index("website"), order
    site.git("init", "-q", "-b", "main")
    site.git("add", "-A")
    site.git("commit", "-qm", "M1")
    commit = site.git("rev-parse", "HEAD").stdout.strip()
    www = tmp_path / "www"
    seen: list[object] = []
    plan = wechat.Channel.plan

    def watched(self, ctx):  # noqa: ANN001, ANN202 - what the target says when WeChat is first touched
        seen.append((deploy.published(str(www)) or {}).get("commit"))
        return plan(self, ctx)

    monkeypatch.setattr(wechat.Channel, "plan", watched)
    with WeChatDouble() as double, client_for(double) as client:
        result = pipeline.converge(site.root, commit, out=site.root / "publish-out", remote=None, deploy=str(www),
                                   clients={"wechat": client}, platforms=["wechat", "website"],
                                   release_info={"commit": commit, "branch": "main"})
    assert result.ok, result.report()
    assert seen == [commit]
