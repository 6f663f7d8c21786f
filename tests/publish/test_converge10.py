"""Publishing that converges, tenth session.

1. A remote rollback (`govpub rollback user@host:/path`) and a deploy to the same target are
   exclusive: both take flock(1) on the target's .deploy.lock (the file a local deploy locks),
   and the rollback switches only if the target is still what its checks read (a deploy that
   went live meanwhile is not undone by a stale decision). Two real processes, SSH the only
   stand-in (the remote host runs on this machine).
2. A 南方号 retraction without --deploy: the hold is sealed for the version main holds (not only
   what the ledger last bundled: an older version, a bundle that failed, none yet), and a sealed
   hold of the current version anywhere in the ledger's history counts: removing the entry or
   replaying the sealed entry from before the retraction in a new ledger commit hands no bundle
   back, whatever the deploy target (none, a folder that never saw the retraction).
3. The audit workflow fetches refs/govpub/ledger and refs/notes/govpub-approvals (checkout brings
   neither): read-only, the token given to those fetches only, never left in .git/config. The
   job verifies WeChat publication times with an audit key (GOVPUB_AUDIT_KEY, derived from the
   AppSecret for that purpose only): it can forge no entry publishing believes."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_converge9 import fake_ssh  # noqa: F401 (a fixture)
from test_deploy import FAKE_SSH, need_rsync
from test_gate_redteam9 import _release

from govpub.policy import Policy
from govpub.publish import deploy, pipeline
from govpub.publish.ledger import Store

WORKTREE = Path(__file__).resolve().parents[2]
# ssh that, for the command containing $FAKE_SSH_PAUSE_IF, stops after its first line containing
# $FAKE_SSH_PAUSE_AFTER (the "remote host" is slow there) until the file $FAKE_SSH_GATE exists;
# $FAKE_SSH_GATE.waiting says it got there
GATED_SSH = FAKE_SSH.replace('exec sh -c "$*"', r'''cmd="$*"
if [ -n "$FAKE_SSH_GATE" ] && printf '%s' "$cmd" | grep -qF "$FAKE_SSH_PAUSE_IF"; then
  wait='touch "$FAKE_SSH_GATE.waiting"; while [ ! -e "$FAKE_SSH_GATE" ]; do sleep 0.02; done'
  cmd="$(printf '%s' "$cmd" | awk -v at="$FAKE_SSH_PAUSE_AFTER" -v w="$wait" '{ print } index($0, at) && !done { print w; done = 1 }')"
fi
exec sh -c "$cmd"''')


@pytest.fixture
def gated_ssh(fake_ssh: Path, tmp_path: Path, monkeypatch) -> Path:  # noqa: F811
    """test_converge9's ssh stand-in, with the gate."""
    (tmp_path / "bin" / "ssh").write_text(GATED_SSH, encoding="utf-8")
    monkeypatch.delenv("FAKE_SSH_GATE", raising=False)
    return fake_ssh


def until(what, limit: float = 60.0) -> None:
    """Wait for a condition another process brings about (a bound against hanging, not a timing)."""
    end = time.monotonic() + limit
    while not what():
        assert time.monotonic() < end, "the other process never got there"
        time.sleep(0.02)


def govpub(*args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "govpub", *args], cwd=WORKTREE, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(WORKTREE), **env})


URI = "pfyfz/2026/jiuzheng.md"


def two_releases(tmp_path: Path) -> tuple[Path, str]:
    """r1 and r2 live on a remote target, same content: a rollback to r1 is allowed."""
    need_rsync()
    remote = tmp_path / "srv" / "www"
    dest = f"deploy@web1.example.gov.cn:{remote}"
    deploy.deploy_rsync(_release(tmp_path / "a", {URI: "共发放宣传资料300份"}), dest, "r1")
    deploy.deploy_rsync(_release(tmp_path / "b", {URI: "共发放宣传资料300份"}), dest, "r2")
    os.utime(remote / "releases" / "r1", (1, 1))  # deploy order is mtime order
    return remote, dest


def test_a_rollback_decided_before_a_deploy_does_not_switch_after_it(tmp_path, gated_ssh):
    """The rollback reads r2 live and chooses r1; before its switch arrives, a publish deploys r3,
    which withdraws the article r1 shows. The stale switch would put the withdrawn article back:
    it is refused (exit 2, what to do), r3 stays live; run again, the rollback is checked anew."""
    remote, dest = two_releases(tmp_path)
    gate = tmp_path / "gate"
    proc = govpub("rollback", dest, FAKE_SSH_GATE=str(gate),  # its switch, before the lock
                  FAKE_SSH_PAUSE_IF="head -n 1", FAKE_SSH_PAUSE_AFTER="set -e")
    until(lambda: Path(f"{gate}.waiting").exists() or proc.poll() is not None)
    assert proc.poll() is None, proc.communicate()
    deploy.deploy_rsync(_release(tmp_path / "c", {}), dest, "r3")  # the article withdrawn
    gate.touch()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2, err
    assert "回退期间部署位置有了新的发布" in err and "重新运行 govpub rollback" in err
    assert os.readlink(remote / "current") == "releases/r3"
    again = govpub("rollback", dest)
    _, err = again.communicate(timeout=60)
    assert again.returncode == 2 and "不能回退到版本 r2" in err and URI in err, err  # checked against r3
    assert os.readlink(remote / "current") == "releases/r3"


def test_a_rollback_waits_for_the_deploy_holding_the_target(tmp_path, gated_ssh):
    """Two real processes: a deploy of r3 (withdrawing the article) holds the target's lock in its
    switch (the remote host is slow right after taking it); a rollback chosen from r2 arrives at
    its switch meanwhile. It waits for the lock, then finds r3 live and does not switch. Without
    the lock it would have switched to r1 under the deploy's feet (exit 0)."""
    remote, dest = two_releases(tmp_path)
    build = _release(tmp_path / "c", {})
    gate = tmp_path / "gate"
    code = (f"from pathlib import Path; from govpub.publish import deploy; "
            f"deploy.deploy_rsync(Path({str(build)!r}), {dest!r}, 'r3')")
    deployer = subprocess.Popen([sys.executable, "-c", code], cwd=WORKTREE, text=True, stderr=subprocess.PIPE,
                                env={**os.environ, "PYTHONPATH": str(WORKTREE), "FAKE_SSH_GATE": str(gate),
                                     "FAKE_SSH_PAUSE_IF": ".partial-r3", "FAKE_SSH_PAUSE_AFTER": "flock -x 9"})
    until(lambda: Path(f"{gate}.waiting").exists() or deployer.poll() is not None)
    assert deployer.poll() is None, deployer.communicate()
    switches = gated_ssh.read_text("utf-8").count("flock -x 9")  # r1's, r2's and r3's
    rollback = govpub("rollback", dest)
    until(lambda: gated_ssh.read_text("utf-8").count("flock -x 9") > switches or rollback.poll() is not None)
    assert rollback.poll() is None, rollback.communicate()  # at its switch, waiting for the lock
    assert os.readlink(remote / "current") == "releases/r2"
    gate.touch()
    assert deployer.wait(timeout=60) == 0, deployer.communicate()
    _, err = rollback.communicate(timeout=60)
    assert rollback.returncode == 2 and "回退期间部署位置有了新的发布" in err, err
    assert os.readlink(remote / "current") == "releases/r3"


# -- 2. a 南方号 retraction without --deploy ------------------------------------------------------------
def retract_here(site, rel: str) -> None:
    """`govpub retract` on a drafter's checkout of main (no --deploy); the publish runs that follow
    check out main again (the withdrawal is not merged)."""
    result = pipeline.retract(site.root, rel, "内容有误", out=site.root / "publish-out", remote=None,
                              mark_at="2026-12-05 10:00")
    south = [r for r in result.rows if r.platform == "nanfang"]
    assert [r.state for r in south] in (["retract_requested"], ["retracted"]), result.report()
    site.git("checkout", "--", rel)


def south_run(site, deploy_to: str | None = None) -> dict[str, pipeline.Row]:
    result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None, platforms=["nanfang"],
                               deploy=deploy_to)
    return {r.article: r for r in result.rows}


def test_a_retraction_without_deploy_survives_the_entry_removed_or_replayed(site, monkeypatch, tmp_path):
    """v1 bundled; `govpub retract` without --deploy; then a drafter with push rights removes the
    entry, or puts back the genuine sealed "bundled" entry of before the retraction, in a new ledger
    commit. No run makes the bundle again, with no deploy target or one that never saw the
    retraction: the report says what happened and what to do, the hold is written back sealed,
    and the next run says nothing. Once the withdrawal is merged nothing is bundled."""
    from test_nanfang_seal7 import A, B, bundles, entries, push_ledger, two_approved_articles

    site = two_approved_articles(site, monkeypatch)
    assert set(south_run(site)) == {A, B}
    before = entries(site)
    retract_here(site, A)
    assert "n0" not in bundles(site) and entries(site)[A]["state"] == "retract_requested"
    assert south_run(site) == {}  # the honest hold
    replays = {"removed": {k: v for k, v in entries(site).items() if k != A}, "replayed": before}
    for n, (how, ledger) in enumerate(replays.items()):
        push_ledger(site, ledger)
        rows = south_run(site, None if n == 0 else str(tmp_path / f"www{n}"))
        assert "n0" not in bundles(site), how
        if how == "removed":
            assert set(rows) == {A} and rows[A].state == "retract_requested", (how, rows)
            assert "处理办法" in rows[A].message and "合并撤稿" in rows[A].message
            assert entries(site)[A]["retracted_hash"]  # written back
        else:  # the genuine "bundled, this version": nothing to make (the removal request stands)
            assert rows == {}, rows
        assert south_run(site) == {}, how  # quiet
    site.write(A, (site.root / A).read_text("utf-8").replace("---\n", "---\nstatus: withdrawn\n", 1))
    site.git("commit", "-qam", "撤稿")
    rows = south_run(site)  # the replayed "bundled" entry asks the operators once more to delete it
    assert "n0" not in bundles(site) and all(r.state == "retract_requested" for r in rows.values()), rows
    assert south_run(site) == {}


def test_a_retraction_holds_the_version_on_main_not_the_last_bundled(site, monkeypatch):
    """The ledger's last bundle is v1; v2 is merged but its publish has not run yet (or failed),
    then the office retracts. The hold is v2's (what main holds), so the next run makes no v2
    bundle; an article merged and retracted before any publish ran is held the same way."""
    from test_nanfang_seal7 import A, B, bundles, edit, two_approved_articles

    site = two_approved_articles(site, monkeypatch)
    site.write(B, (site.root / B).read_text("utf-8").replace("channels: [website, nanfang]", "channels: [website]"))
    site.git("commit", "-qam", "B only on the website")
    assert set(south_run(site)) == {A}
    edit(site, A)
    site.git("commit", "-qam", "v2")
    site.write(B, (site.root / B).read_text("utf-8").replace("channels: [website]", "channels: [website, nanfang]"))
    site.git("commit", "-qam", "B for 南方号 too")
    for rel in (A, B):  # A: v1 bundled, v2 not; B: never bundled
        shutil.rmtree(site.root / "publish-out", ignore_errors=True)
        retract_here(site, rel)
    rows = south_run(site)
    assert bundles(site) == [] and all(r.state != "bundled" for r in rows.values()), rows


# -- 3. the audit workflow fetches what the audit reads ------------------------------------------------
def test_the_audit_workflow_fetches_the_ledger_and_the_records_read_only(tmp_path):
    """The audit job's fetch step, run as written against a real origin: both refs arrive, a ref
    the origin lacks is said and skipped, the token is in no file of the clone; the job may still
    only read."""
    import yaml
    from helpers import GIT_ENV

    workflow = yaml.safe_load((WORKTREE / ".github/workflows/audit.yml").read_text("utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["audit"]
    assert "permissions" not in job and job["steps"][0]["with"]["persist-credentials"] is False
    step = next(s for s in job["steps"] if "refs/govpub/ledger" in s.get("run", ""))
    env = {**os.environ, **GIT_ENV}

    def git(cwd: Path, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout

    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    git(origin, "commit", "-q", "--allow-empty", "-m", "站点")
    Store(origin).write("wechat", {"content/a.md": {"state": "published"}}, "ledger")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    token = "ghs_" + "x" * 36

    def fetch() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=clone, capture_output=True, text=True,
                              env={**env, "TOKEN": token})

    proc = fetch()  # no approval record on the origin yet
    assert proc.returncode == 0 and "没有取回 refs/notes/govpub-approvals" in proc.stdout, proc
    assert Store(clone).read("wechat") == {"content/a.md": {"state": "published"}}
    git(origin, "notes", "--ref=refs/notes/govpub-approvals", "add", "-m", "{}", "HEAD")
    assert fetch().returncode == 0
    assert git(clone, "rev-parse", "refs/notes/govpub-approvals") == git(origin, "rev-parse", "refs/notes/govpub-approvals")
    header = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    for secret in (token, header):
        leaked = subprocess.run(["grep", "-rlF", secret, str(clone / ".git")], capture_output=True, text=True)
        assert leaked.returncode == 1 and leaked.stdout == "", leaked


def test_the_audit_key_verifies_publication_times_and_nothing_else(site, monkeypatch, capsys):
    """A real publish run seals its entries for the audit too. The audit job, with only the audit
    key, finds the account fresh; an entry "freshened" by hand, or sealed with another key, is
    not believed; a ledger from before audit seals is unknown, not stale. Whoever holds the audit
    key and forges a full entry with it does not make the publish run trust it."""
    from datetime import datetime, timedelta

    from test_converge9 import commit, ledger_entry
    from test_wechat import converge, make_light
    from wechat_double import WeChatDouble, by_title

    from govpub import cli
    from govpub.audit import newmedia
    from govpub.publish import wechat

    with WeChatDouble() as double:
        rel = make_light(site, 1)[0]
        commit(site, "v1")
        assert converge(site, double) == {rel: "published"}
        monkeypatch.setenv("GOVPUB_WECHAT_APPID", double.state.appid)
        monkeypatch.setenv("GOVPUB_WECHAT_SECRET", double.state.secret)
        monkeypatch.chdir(site.root)
        assert cli.main(["audit", "--print-audit-key"]) == 0
        key = capsys.readouterr().out.strip()
        assert key == wechat.audit_key(double.state.secret) and double.state.secret not in key
        monkeypatch.delenv("GOVPUB_WECHAT_APPID")
        monkeypatch.delenv("GOVPUB_WECHAT_SECRET")
        assert cli.main(["audit", "--print-audit-key"]) == 2  # no credentials here: no key
        monkeypatch.setenv(wechat.AUDIT_KEY_ENV, key)
        when = ledger_entry(site, rel)["published_at"]
        later = datetime.strptime(when, "%Y-%m-%d %H:%M") + timedelta(days=20)

        def media(days: int) -> dict:
            return next(m for m in newmedia.last_publications(Policy(site.root), later, days)
                        if m["platform"] == "wechat")

        assert media(30)["stale"] is False and media(30)["last"] == when
        genuine = Store(site.root).read("wechat") or {}
        fresh = {**genuine[rel], "published_at": (later - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")}
        for how, entry in {"freshened": fresh,
                           "other key": {**fresh, "audit_seal": wechat.audit_seal("0" * 64, rel, fresh)}}.items():
            Store(site.root).write("wechat", {rel: entry}, how)
            assert media(7)["stale"] is True and media(7)["last"] is None, how
        forged = {**fresh, "audit_seal": wechat.audit_seal(key, rel, fresh)}  # the audit key's holder
        Store(site.root).write("wechat", {rel: forged}, "forged with the audit key")
        assert media(7)["stale"] is False  # the audit key's power: the audit's own report
        old = {k: v for k, v in genuine[rel].items() if k != "audit_seal"}
        Store(site.root).write("wechat", {rel: old}, "before audit seals")
        m = media(7)
        assert m["stale"] is None and "处理办法" in m["state"]
        Store(site.root).write("wechat", {rel: forged}, "forged with the audit key")
        converge(site, double)  # publishing does not believe it: it reads the platform's lists
        assert list(by_title(double).values()) == [1] and len(double.state.publishes) == 1
        assert ledger_entry(site, rel)["published_at"] == when  # the platform's time, sealed again


# -- 4. clocks: a runner whose clock is hours off ------------------------------------------------------
def skewed_runner(monkeypatch, seconds: float) -> None:
    """This machine's clock `seconds` off (the platform's stays right): the publish run's clock and
    the WeChat client's, not the double's."""
    import types

    from govpub.publish import wechat_client

    fake = types.SimpleNamespace(**{k: getattr(time, k) for k in dir(time) if not k.startswith("_")})
    fake.time = lambda: time.time() + seconds
    monkeypatch.setattr(wechat_client, "time", fake)
    made = pipeline._context

    def context(*args, **kw):  # noqa: ANN002, ANN003, ANN202
        ctx = made(*args, **kw)
        ctx.clock = fake.time
        return ctx

    monkeypatch.setattr(pipeline, "_context", context)


@pytest.mark.parametrize("skew", [3 * 3600, -3 * 3600])
def test_a_lost_submit_is_waited_for_on_the_platforms_clock(site, monkeypatch, skew):
    """A submit whose answer was lost, the publish slow on the platform (its draft stays in the
    box); the next run is on a runner whose clock is three hours ahead (or behind). Measured on
    that clock, the submit "settled" long ago and the draft found in the box was submitted again:
    two copies once both landed. On the platform's clock (its answers' Date header) the submit is
    a minute old: nothing is submitted again, the one copy is found once it lands."""
    from test_wechat import converge, make_light
    from wechat_double import WeChatDouble, by_title

    with WeChatDouble() as double:
        rel = make_light(site, 1)[0]
        double.state.publish_delay = 600
        double.inject("/cgi-bin/freepublish/submit", "drop")
        assert converge(site, double) == {rel: "publishing"}
        skewed_runner(monkeypatch, skew)
        double.advance(60)
        assert converge(site, double) == {rel: "publishing"}
        double.advance(600)
        assert converge(site, double) == {rel: "published"}
        assert list(by_title(double).values()) == [1] and double.calls["/cgi-bin/freepublish/submit"] == 1


# -- 5. rate limits ------------------------------------------------------------------------------------
def test_the_minute_quota_waits_a_minute_then_stops_with_advice(site):
    """45011 (minute quota) on every draft/add: the client waits for the next minute (not 1, 2,
    4 seconds, all inside the same minute) before each retry, then the run stops with what to do
    in Chinese; nothing is doubled, and the next run publishes each article once."""
    from test_converge9 import commit, once
    from test_wechat import MORE, make_light
    from wechat_double import WeChatDouble

    from govpub.publish.wechat_client import WeChatClient

    with WeChatDouble() as double:
        rels = make_light(site, 2)
        commit(site, "two")
        double.inject("/cgi-bin/draft/add", "errcode", code=45011, times=20)
        waits: list[float] = []

        def run() -> pipeline.Result:
            with WeChatClient(double.state.appid, double.state.secret, base_url=double.url, timeout=1.0,
                              sleep=waits.append) as client:
                return pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None,
                                         clients={"wechat": client}, platforms=["wechat"])

        result = run()
        assert {r.article: r.state for r in result.rows} == {r: "failed" for r in rels}
        assert waits and all(w >= 60 for w in waits), waits
        report = result.report()
        assert "每分钟的调用次数已用完" in report and "重新运行 govpub publish" in report and "错误码说明" not in report
        assert double.state.drafts == {} and double.state.publishes == {}
        double.faults.clear()
        assert {r.state for r in run().rows} == {"published"}
        once(double, MORE[:2])
