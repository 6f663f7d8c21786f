"""Publishing that converges, ninth session.

1. The audit's new-media freshness reads WeChat ledger entries with the verification publishing
   uses (wechat.sealed_entries): an entry without the account's seal counts as absent, so a
   forged "published yesterday" cannot make a stale account look fresh; without the credentials
   nothing is decided from the ledger (reported as unknown, with what to do).
2. An unfinished `govpub retract --deploy` (hold recorded, release never live) is found on every
   deploy target govpub supports: a local folder and user@host:/path (read over SSH).
3. Replays of older genuine sealed entries after an article returns byte for byte to an earlier
   text: the seal names the article's version, now the first commit changing it in topological
   order over the whole history. git log's simplified history followed a merge into the first
   parent it is identical to, so a branch forked before the change, merged onto the restored
   text and fast-forwarded into main, led back to the old commit and the old record verified.
   Replays of the same version inside a retraction window (govpub retract done, withdrawal not
   merged): the WeChat marker names the version, and a version the platform lists as published
   and deleted is never put back whatever the ledger says; a 南方号 hold made with --deploy is
   read from the deploy target, so removing the entry hands no bundle back.
4. Faults the strict double plays next, each ending exactly once: the token expiring after some
   writes, the daily quota after the draft was added, the platform's content check refusing a
   publish and the fixed article merged again, an edit of a published article, a retraction and
   a publish in one run (and a retraction started while the publish runs), ENOSPC or a read-only
   file system in the website's atomic switch, two merges landing while a publish runs, the
   delete quota running out while old versions are replaced."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from test_wechat import MORE, converge, make_light, retract, withdraw
from wechat_double import WeChatDouble, by_title

from govpub.audit import newmedia
from govpub.policy import Policy
from govpub.publish import deploy, wechat
from govpub.publish.ledger import Store


@pytest.fixture
def double():
    with WeChatDouble() as d:
        yield d


def commit(site, message: str) -> str:
    """What a reviewed merge brings: the articles, never the ledger mirror or a run's output."""
    site.git("add", "-A", "--", ".", ":(exclude)records", ":(exclude)publish-out", ":(exclude)out")
    site.git("commit", "-qm", message)
    return site.git("rev-parse", "HEAD").stdout.strip()


def edit(site, rel: str, words: str) -> None:
    path = site.root / rel
    path.write_text(path.read_text("utf-8").replace("动态。详见", f"动态，{words}。详见"), "utf-8")


def once(double: WeChatDouble, titles: list[str]) -> None:
    """Exactly these articles live, once each; no draft left; one cover each."""
    assert by_title(double) == {t: 1 for t in titles}, double.log
    assert double.state.drafts == {}, double.state.drafts
    assert len(double.state.materials) == len(titles)


# -- 1. the audit verifies the seals ----------------------------------------------------------------
AS_OF = datetime(2026, 11, 21, 9, 0)


def media(site) -> dict:
    return next(m for m in newmedia.last_publications(Policy(site.root), AS_OF, 7) if m["platform"] == "wechat")


def test_the_audit_believes_only_sealed_entries(site, monkeypatch):
    """A stale account (last sealed publication 20 days ago); a drafter adds an unsealed entry
    "published yesterday", then one sealed with another key, then a genuine entry's seal on an
    edited date: the account stays stale. The genuine fresh entry makes it fresh."""
    secret = secrets.token_hex(16)
    monkeypatch.setenv("GOVPUB_WECHAT_APPID", "wx" + secrets.token_hex(8))
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", secret)

    def sealed(path: str, when: str, key: str = secret) -> dict:
        entry = {"state": "published", "published_at": when, "article_id": "ART-1"}
        return {**entry, "seal": wechat.entry_seal(key, path, entry)}

    old = sealed("content/gzdt/2026/a.md", "2026-11-01 10:00")
    entries = {"content/gzdt/2026/a.md": old}
    forged = {
        "unsealed": {"state": "published", "published_at": "2026-11-20 10:00", "article_id": "ART-2"},
        "another key": sealed("content/gzdt/2026/b.md", "2026-11-20 10:00", key=secrets.token_hex(16)),
        "date edited": {**sealed("content/gzdt/2026/b.md", "2026-11-02 10:00"), "published_at": "2026-11-20 10:00"},
        "copied": sealed("content/gzdt/2026/a.md", "2026-11-20 10:00"),  # sealed for another article
    }
    for how, entry in forged.items():
        site.write("records/ledger/wechat.json", json.dumps({**entries, "content/gzdt/2026/b.md": entry}))
        m = media(site)
        assert m["stale"] is True and m["last"] == "2026-11-01 10:00", how
        assert "1 条记录没有有效签名" in m["state"], how
    site.write("records/ledger/wechat.json", json.dumps(
        {**entries, "content/gzdt/2026/b.md": sealed("content/gzdt/2026/b.md", "2026-11-20 10:00")}))
    assert media(site)["stale"] is False
    site.write("records/ledger/nanfang.json", json.dumps({"content/gzdt/2026/a.md": {"state": "bundled"}}))
    south = [m for m in newmedia.last_publications(Policy(site.root), AS_OF, 7) if m["platform"] == "nanfang"]
    assert south and south[0]["stale"] is None and "处理办法" in south[0]["state"]  # hand-offs are no publications


def test_without_the_credentials_the_audit_decides_nothing_from_the_ledger(site, monkeypatch):
    """The scheduled audit job has no credentials: a forged fresh entry is not believed, and the
    account is not called stale from a ledger nobody can verify either: unknown, with what to do.
    Credentials of another account than the registered AppID verify nothing."""
    site.write("records/ledger/wechat.json", json.dumps(
        {"content/gzdt/2026/a.md": {"state": "published", "published_at": "2026-11-20 10:00", "seal": "0" * 64}}))
    for name in ("GOVPUB_WECHAT_APPID", "GOVPUB_WECHAT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    m = media(site)
    assert m["stale"] is None and m["last"] is None and "处理办法" in m["state"]
    accounts = (site.root / "checks/registry/accounts.yml").read_text("utf-8")
    site.write("checks/registry/accounts.yml", accounts.replace("credentials_env:", "appid: wx0000000000000000\n    credentials_env:"))
    monkeypatch.setenv("GOVPUB_WECHAT_APPID", "wx" + "1" * 16)
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", secrets.token_hex(16))
    assert media(site)["stale"] is None


def test_the_audit_verifies_what_a_publish_run_sealed(site, double, monkeypatch):
    """The same verification as publishing: a real run's entries count, from refs/govpub/ledger."""
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    assert converge(site, double) == {rel: "published"}
    monkeypatch.setenv("GOVPUB_WECHAT_APPID", double.state.appid)
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", double.state.secret)
    (site.root / "records/ledger/wechat.json").unlink()  # the mirror aside: the ref is read
    when = ledger_entry(site, rel)["published_at"]
    later = datetime.strptime(when, "%Y-%m-%d %H:%M").replace(day=1) + timedelta(days=40)
    m = next(m for m in newmedia.last_publications(Policy(site.root), later, 60) if m["platform"] == "wechat")
    assert m["stale"] is False and m["last"] == when
    entries = Store(site.root).read("wechat") or {}
    fresh = (later - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")  # a drafter "freshens" the genuine entry
    Store(site.root).write("wechat", {**entries, rel: {**entries[rel], "published_at": fresh}}, "forged")
    m = next(m for m in newmedia.last_publications(Policy(site.root), later, 7) if m["platform"] == "wechat")
    assert m["stale"] is True and m["last"] is None


def ledger_entry(site, rel: str) -> dict:
    return (Store(site.root).read("wechat") or {})[rel]


# -- 2. unfinished retractions on a remote target ---------------------------------------------------
def test_an_unfinished_retraction_is_found_on_a_remote_target(tmp_path, fake_ssh):
    """user@host:/path: the retraction's hold is recorded, then its upload breaks off (only the
    hidden .partial- folder), then it is renamed into place but `current` never moves: both are
    unfinished; once its release is live, or a later publish deployed, nothing is."""
    A = "content/gzdt/2026/a.md"
    build = tmp_path / "build"
    build.mkdir()
    (build / "index.html").write_text("<p>首页</p>", "utf-8")
    remote = tmp_path / "srv" / "www"
    dest = f"deploy@web1.example.gov.cn:{remote}"
    deploy.deploy_rsync(build, dest, "r1", info={"commit": "a" * 40})
    assert deploy.unfinished_holds(dest) == []
    deploy.record_hold(dest, "retract-1", {A: "b" * 40})
    (remote / "releases/.partial-retract-1").mkdir()  # the upload broke off
    assert deploy.unfinished_holds(dest) == [A]
    (remote / "releases/.partial-retract-1").rename(remote / "releases/retract-1")  # renamed, never switched
    os.utime(remote / "releases/r1", (1, 1))
    assert deploy.unfinished_holds(dest) == [A]
    assert "readlink current" in fake_ssh.read_text("utf-8")  # asked over SSH, not on this machine's path
    deploy.deploy_rsync(build, dest, "retract-1")  # the rerun: its release goes live
    assert os.readlink(remote / "current") == "releases/retract-1"
    assert deploy.unfinished_holds(dest) == []
    deploy.record_hold(dest, "retract-2", {A: "c" * 40})
    assert deploy.unfinished_holds(dest) == [A]
    deploy.deploy_rsync(build, dest, "r2", info={"commit": "d" * 40})  # a publish deployed since: no hold
    assert deploy.unfinished_holds(dest) == []


def test_a_remote_target_that_cannot_be_read_stops_the_check(tmp_path, fake_ssh, monkeypatch):
    """SSH failing while the live release is read: an error that says what to do, never "none"."""
    from govpub.errors import GovpubError

    remote = tmp_path / "www"
    dest = f"deploy@web1.example.gov.cn:{remote}"
    deploy.record_hold(dest, "retract-1", {"content/a.md": "b" * 40})
    calls = []

    def runner(argv):  # noqa: ANN001, ANN202
        calls.append(argv)
        if "readlink" in argv[-1]:
            return subprocess.CompletedProcess(argv, 255, "", "ssh: connect to host web1 port 22: Connection refused")
        return deploy._run(argv)

    with pytest.raises(GovpubError) as err:
        deploy.unfinished_holds(dest, runner=runner)
    assert "Connection refused" in str(err.value) and err.value.hint


# -- 3. replays after a byte-for-byte return, through a merge of an old branch ----------------------
def fast_forward_through_an_old_branch(site, old: str) -> None:
    """A branch forked at `old` (before the other version), with an unrelated change, merges main
    (the restored text) and main is fast-forwarded to it: its first parent is the old branch."""
    site.git("checkout", "-q", "-b", "old-branch", old)
    site.write("content/gzdt/2026/unrelated.txt", "无关改动\n")
    commit(site, "an unrelated change on a branch forked long ago")
    site.git("merge", "-q", "--no-edit", "main")
    site.git("checkout", "-q", "main")
    site.git("merge", "-q", "--ff-only", "old-branch")


def test_a_replayed_sealed_hold_after_a_fast_forward_through_an_old_branch(site, double):
    """v1 live, retracted with govpub retract (a hold sealed for v1's version), the withdrawal
    merged, a reviewed restore of v1 published again; then a branch forked before the withdrawal
    is fast-forwarded into main. The genuine hold, replayed, must not take the approved article
    down (before: git log's simplified history named v1's old commit again)."""
    rel = make_light(site, 1)[0]
    first = commit(site, "v1")
    original = (site.root / rel).read_text("utf-8")
    assert converge(site, double) == {rel: "published"}
    retract(site, double, rel)
    held = Store(site.root).read("wechat")
    assert held[rel].get("hold_seal")
    withdraw(site, rel)
    commit(site, "withdraw")
    converge(site, double)
    site.write(rel, original)
    commit(site, "restore after review")
    assert converge(site, double) == {rel: "published"}
    fast_forward_through_an_old_branch(site, first)
    Store(site.root).write("wechat", held, "replayed: the sealed hold of the earlier retraction")
    converge(site, double)
    assert by_title(double) == {MORE[0]: 1}
    assert not ledger_entry(site, rel).get("retracted_hash")


def test_a_replayed_sealed_bundle_entry_after_a_fast_forward_through_an_old_branch(site, monkeypatch):
    """南方号: v1 bundled, v2 bundled, then the reviewed revert to v1 lands through a fast-forward
    onto a branch forked at v1. The ledger of the v1 run, replayed, must not stop the bundle
    (南方号 would keep showing v2, which main no longer has)."""
    from test_nanfang_seal7 import (
        TITLES,
        A,
        digest,
        entries,
        push_ledger,
        run,
        two_approved_articles,
        write,
    )

    site = two_approved_articles(site, monkeypatch)
    first = site.git("rev-parse", "HEAD").stdout.strip()
    original = (site.root / A).read_text("utf-8")
    run(site)
    old = entries(site)
    write(site, A, TITLES[0], "c0.jpg", "第1条动态，补充了活动照片说明。")
    commit(site, "v2")
    assert {k: r.state for k, r in run(site).items()} == {A: "bundled"}
    site.write(A, original)
    commit(site, "revert to v1 after review")
    fast_forward_through_an_old_branch(site, first)
    assert digest(site, A) == old[A]["content_hash"]
    push_ledger(site, old)
    rows = run(site)
    assert {k: r.state for k, r in rows.items()} == {A: "bundled"}, rows
    assert json.loads((site.root / "publish-out/nanfang/n0/manifest.json").read_text("utf-8"))[
        "content_hash"] == digest(site, A)
    assert run(site) == {}  # sealed for the new version: bundled exactly once


# -- 4. faults the strict double plays next -------------------------------------------------------
@pytest.mark.parametrize("after", ["/cgi-bin/draft/add", "/cgi-bin/freepublish/submit"])
def test_the_token_expires_after_some_writes_of_a_run(site, double, after):
    """Three articles; the token dies right after the second article's call (42001 to the next
    one, whatever it is): renewed without a forced refresh, every article live once."""
    make_light(site, 3)
    commit(site, "three")
    calls = {"n": 0}
    original = double._dispatch

    def dispatch(method, path, query, raw, headers):  # noqa: ANN001, ANN202
        body = original(method, path, query, raw, headers)
        if path == after and not body.get("errcode"):
            calls["n"] += 1
            if calls["n"] == 2:
                double.expire_token()
        return body

    double._dispatch = dispatch
    assert set(converge(site, double).values()) == {"published"}
    assert double.state.forced_refreshes == [] and double.calls["/cgi-bin/stable_token"] == 2
    once(double, MORE[:3])
    assert len(double.state.publishes) == 3
    assert converge(site, double) == {}


@pytest.mark.parametrize("where", ["/cgi-bin/freepublish/submit", "/cgi-bin/freepublish/get"])
def test_the_daily_quota_after_the_draft_was_added(site, double, where):
    """45009 on the submit (the draft is in the box) or on the status look after it (submitted):
    the run stops with advice; the next day's run submits that very draft once, or finds the
    publish, and leaves no draft behind."""
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    double.inject(where, "errcode", code=45009)
    rows = converge(site, double)
    assert rows[rel] in ("failed", "publishing"), rows
    assert double.calls["/cgi-bin/draft/add"] == 1
    assert converge(site, double) == {rel: "published"}
    assert double.calls["/cgi-bin/draft/add"] == 1 and len(double.state.publishes) == 1
    once(double, MORE[:1])
    assert converge(site, double) == {}


def test_refused_by_the_content_check_then_fixed_and_merged_again(site, double):
    """The platform's check refuses the publish (status 4: 审核未通过): a person is
    told, the draft is deleted, nothing is submitted again on the same text however often the
    run repeats. The fixed article, merged again, is published once; its cover image is reused
    (the same picture), no draft is left."""
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    double.state.publish_outcomes = [4]
    assert converge(site, double) == {rel: "needs_person"}
    assert double.state.drafts == {}
    for _ in range(2):
        assert converge(site, double) in ({}, {rel: "needs_person"})
    assert len(double.state.publishes) == 1
    edit(site, rel, "按审核意见修改")
    commit(site, "v2 after review")
    assert converge(site, double) == {rel: "published"}
    once(double, MORE[:1])
    assert len(double.state.publishes) == 2 and double.calls["/cgi-bin/material/add_material"] == 1
    assert ledger_entry(site, rel)["state"] == "published" and not ledger_entry(site, rel).get("error")
    assert converge(site, double) == {}


def test_an_edit_of_a_published_article_replaces_it_once(site, double):
    """Published items cannot be edited on the platform: the new version is published, and only
    once it is live is the old one deleted (the reader never finds neither). A delete whose
    answer is lost is made good by the next run: one copy, of the new version."""
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    assert converge(site, double) == {rel: "published"}
    old_url = ledger_entry(site, rel)["article_url"]
    edit(site, rel, "更正了活动时间")
    commit(site, "v2 after review")
    double.inject("/cgi-bin/freepublish/delete", "drop")  # the old copy deleted, the answer lost
    rows = converge(site, double)
    assert rows[rel] in ("published", "publishing"), rows
    for _ in range(2):
        if not converge(site, double):
            break
    once(double, MORE[:1])
    live = double.live_articles()[0]
    assert "更正了活动时间" in live["content"] and live["url"] != old_url
    entry = ledger_entry(site, rel)
    assert entry["article_url"] == live["url"] and entry["previous_url"] == old_url
    assert len(double.state.publishes) == 2
    assert converge(site, double) == {}


def test_a_retraction_and_a_publication_of_the_same_article_in_one_run(site, double):
    """One run sees the article moved to another path (the old address retracted, the new one
    published), and another taken down with govpub retract then replaced by a reviewed new
    version (the hold was for the old text only): each ends live exactly once, at the right
    address and version, the old copies gone."""
    rels = make_light(site, 2)
    commit(site, "two")
    assert converge(site, double) == {r: "published" for r in rels}
    assert retract(site, double, rels[1])["wechat"] == "retracted"
    site.git("checkout", "--", rels[1])  # the retraction marked it in the office's work tree only
    moved = rels[0].replace("n0.md", "n0-moved.md")
    site.git("mv", rels[0], moved)
    edit(site, rels[1], "按审核意见重写")
    commit(site, "move one, a new version of the other")
    rows = converge(site, double)
    assert rows == {moved: "published", rels[1]: "published", rels[0]: "retracted"}, rows
    once(double, MORE[:2])
    urls = {a["title"]: a["content_source_url"] for a in double.live_articles()}
    assert "n0-moved" in urls[MORE[0]] and "按审核意见重写" in next(
        a["content"] for a in double.live_articles() if a["title"] == MORE[1])
    assert converge(site, double) == {}


# -- the website's atomic switch on a full or read-only disk ---------------------------------------
def small_build(folder: Path, words: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"<p>{words}</p>", "utf-8")
    (folder / "gzdt").mkdir()
    (folder / "gzdt/index.html").write_text(f"<p>{words}：栏目</p>", "utf-8")
    return folder


@pytest.mark.parametrize("fault", ["ENOSPC", "EROFS"])
def test_a_full_or_read_only_disk_in_the_switch_leaves_the_old_site_whole(tmp_path, monkeypatch, fault):
    """ENOSPC making the new `current` link, or EROFS replacing it (the disk remounted read-only:
    nothing can be cleaned up either). The old release stays live and whole, no record of the new
    one is written; the error says what to do; once the disk is fixed the same deploy goes live
    once, with the leftovers of the failed one gone."""
    import errno

    from govpub.errors import GovpubError

    target = tmp_path / "www"
    deploy.deploy_local(small_build(tmp_path / "b1", "旧版"), target, "r1", info={"commit": "a" * 40})
    new = small_build(tmp_path / "b2", "新版")
    real_symlink, real_replace, real_rmtree = os.symlink, os.replace, deploy.shutil.rmtree

    def symlink(src, dst, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        if fault == "ENOSPC" and Path(dst).name.startswith("current.tmp"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real_symlink(src, dst, *a, **kw)

    def replace(src, dst, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        if fault == "EROFS" and Path(dst) == target / "current":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dst))
        return real_replace(src, dst, *a, **kw)

    def rmtree(path, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        if fault == "EROFS" and kw.get("ignore_errors"):
            return None  # read-only: nothing can be removed, and the errors are ignored
        return real_rmtree(path, *a, **kw)

    monkeypatch.setattr(os, "symlink", symlink)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(deploy.shutil, "rmtree", rmtree)
    with pytest.raises(GovpubError) as err:
        deploy.deploy_local(new, target, "r2", info={"commit": "b" * 40})
    assert "切换线上版本失败" in err.value.message and "线上网站没有改动" in err.value.hint
    assert os.readlink(target / "current") == "releases/r1"
    assert (target / "current/index.html").read_text("utf-8") == "<p>旧版</p>"
    assert (target / "current/gzdt/index.html").is_file()
    assert deploy.published(str(target))["commit"] == "a" * 40  # no record of a release that is not live
    monkeypatch.undo()  # the disk is fixed: the publish runs again
    deploy.deploy_local(new, target, "r2", info={"commit": "b" * 40})
    assert os.readlink(target / "current") == "releases/r2"
    assert (target / "current/index.html").read_text("utf-8") == "<p>新版</p>"
    assert deploy.releases(target) == ["r2", "r1"]
    assert not [p.name for p in (target / "releases").iterdir() if p.name.startswith(".")]
    assert not list(target.glob("current.tmp*"))
    assert [r["commit"] for r in [deploy.published(str(target))]] == ["b" * 40]


# -- two merges landing while a publish runs --------------------------------------------------------
def test_two_merges_landing_while_a_publish_runs(site, double, tmp_path, monkeypatch):
    """The workflow's run for M1 is publishing (it holds the lock, the ledger and lock live on the
    shared remote) when M2 (a new article) and M3 (a new version of the first) land; the run for
    M3 starts in its own checkout and waits for the lock. When the first run ends, the second
    publishes both merges, each exactly once, and deletes the older version; nothing is left."""
    import threading
    import time
    from functools import partial

    from helpers import Site
    from test_wechat import client_for

    from govpub.publish import pipeline
    from govpub.publish.lock import PublishLock

    monkeypatch.setattr(pipeline, "PublishLock", partial(PublishLock, poll_seconds=0.05))
    rel = make_light(site, 1)[0]
    commit(site, "M1")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    site.git("remote", "add", "origin", str(origin))
    site.git("push", "-q", "origin", "main")
    later = Site(tmp_path / "later")
    subprocess.run(["git", "clone", "-q", str(origin), str(later.root)], check=True, capture_output=True)
    second: list[dict[str, str]] = []
    threads: list[threading.Thread] = []
    waiting = threading.Event()

    def run(checkout, into: list) -> None:  # noqa: ANN001
        with client_for(double) as client:
            result = pipeline.converge(checkout.root, "", out=checkout.root / "publish-out", remote="origin",
                                       clients={"wechat": client}, platforms=["wechat"], lock_wait=60)
        into.append({r.article: r.state for r in result.rows})

    def merges_land() -> None:
        make_light(later, 2)  # M2: a second article
        commit(later, "M2")
        edit(later, rel, "更正了活动时间")  # M3: a new version of the first
        commit(later, "M3")
        threads.append(threading.Thread(target=run, args=(later, second)))
        threads[0].start()
        time.sleep(0.3)  # the second run is waiting for the lock now
        waiting.set()

    with client_for(double) as client:
        add = client.draft_add

        def draft_add(fields):  # noqa: ANN001, ANN202
            if not waiting.is_set():
                merges_land()
                assert not second  # held off by the lock
            return add(fields)

        client.draft_add = draft_add
        first = pipeline.converge(site.root, "", out=site.root / "publish-out", remote="origin",
                                  clients={"wechat": client}, platforms=["wechat"])
    assert {r.article: r.state for r in first.rows} == {rel: "published"}
    threads[0].join(120)
    assert second == [{rel: "published", rel.replace("n0", "n1"): "published"}], second
    once(double, MORE[:2])
    assert "更正了活动时间" in next(a["content"] for a in double.live_articles() if a["title"] == MORE[0])
    assert len(double.state.publishes) == 3
    third: list = []
    run(later, third)
    assert third == [{}]


# -- 3b. a replay of the same version's older genuine entry inside the retraction window --------------
def older_sealed_entry(site, rel: str, has: str) -> dict:
    """What a drafter finds in `git log refs/govpub/ledger`: the newest genuine (sealed) entry of
    the article that has the field `has`."""
    for sha in site.git("rev-list", "refs/govpub/ledger").stdout.split():
        shown = subprocess.run(["git", "show", f"{sha}:wechat.json"], cwd=site.root, capture_output=True, text=True)
        entry = json.loads(shown.stdout or "{}").get(rel, {}) if shown.returncode == 0 else {}
        if entry.get(has):
            return entry
    raise AssertionError(f"no ledger commit has {has}")


@pytest.mark.parametrize("has", ["submit_intent", "publish_id"])
def test_a_replayed_older_entry_of_the_same_version_does_not_hand_back_a_retracted_article(site, double,
                                                                                         monkeypatch, has):
    """govpub retract took v1 down (a sealed hold); until the withdrawal is merged, main still
    holds v1. A drafter force-pushes the ledger with v1's genuine entry from the run that first
    published it ("submitted, answer pending": same version, sealed, no hold). The platform's
    list shows this very version deleted: the next publish does not put it back."""
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    double.state.publish_delay = 600
    assert converge(site, double) == {rel: "publishing"}
    double.advance(700)
    assert converge(site, double) == {rel: "published"}
    assert retract(site, double, rel)["wechat"] == "retracted"
    assert by_title(double) == {}
    old = older_sealed_entry(site, rel, has)
    Store(site.root).write("wechat", {rel: old}, "replayed: the genuine entry of the first run")
    monkeypatch.setenv("GOVPUB_WECHAT_SETTLE_SECONDS", "0")  # hours later
    monkeypatch.setenv("GOVPUB_WECHAT_SCAN_HOURS", "0")
    for _ in range(2):
        rows = converge(site, double)
        assert rows.get(rel) in (None, "needs_person", "retracted"), rows
    assert by_title(double) == {} and len(double.state.publishes) == 1


def test_a_nanfang_entry_removed_in_the_retraction_window_hands_nothing_back(site, monkeypatch, tmp_path):
    """南方号 has no platform list to look at. `govpub retract --deploy` took the article down and
    recorded its hold on the deploy target (only the deploy credentials write there); before the
    withdrawal is merged, a drafter removes the article's 南方号 entry (or replays one without
    the hold). The next publish must not make the bundle again: that would hand the retracted
    article back to the operators. Once the withdrawal is merged, nothing is bundled either."""
    from test_nanfang_seal7 import A, bundles, entries, push_ledger, run, two_approved_articles

    from govpub.publish import pipeline

    site = two_approved_articles(site, monkeypatch)
    run(site)
    assert "n0" in bundles(site)
    www = tmp_path / "www"
    ctx = pipeline._context(site.root, "", Store(site.root), Policy(site.root), out=site.root / "publish-out",
                            deploy=str(www), keep=5, clients=None, lock=None)
    from govpub.publish import nanfang

    nanfang.Channel(ctx).retract(ctx, A, "内容有误")
    blob = site.git("rev-parse", f"HEAD:{A}").stdout.strip()
    deploy.record_hold(str(www), "retract-1", {A: blob})  # what govpub retract --deploy records first
    assert "n0" not in bundles(site)
    for replay in ({k: v for k, v in entries(site).items() if k != A},
                   {**entries(site), A: {k: v for k, v in entries(site)[A].items() if k != "retracted_hash"}}):
        push_ledger(site, replay)
        result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None, deploy=str(www),
                                   platforms=["nanfang"])
        assert "n0" not in bundles(site), [(r.article, r.state, r.message) for r in result.rows]


def test_the_delete_quota_runs_out_while_old_versions_are_replaced(site, double, monkeypatch):
    """freepublish/delete allows 10 calls a day. Two published articles get new versions and the
    quota is down to one delete a day: each run stops at 45009 with at most the older version of one
    article live beside its new one (never a third copy, no draft left); the following days' runs
    finish; every article ends with one copy, of its new version."""
    import wechat_double

    rels = make_light(site, 2)
    commit(site, "two")
    assert set(converge(site, double).values()) == {"published"}
    for rel in rels:
        edit(site, rel, "更正了活动时间")
    commit(site, "new versions of both")
    monkeypatch.setitem(wechat_double.QUOTAS, "/cgi-bin/freepublish/delete", 1)
    rows = converge(site, double)
    assert "failed" in rows.values(), rows
    assert max(by_title(double).values()) <= 2 and double.state.drafts == {}
    for _ in range(3):  # one run a day, one delete a day
        double.calls.clear()
        if not converge(site, double):
            break
        assert max(by_title(double).values()) <= 2
    once(double, MORE[:2])
    assert all("更正了活动时间" in a["content"] for a in double.live_articles())
    assert len(double.state.publishes) == 4


def test_a_retraction_started_while_the_publish_of_the_same_article_runs(site, double, monkeypatch):
    """The office runs `govpub retract` while the workflow's run is publishing that very article:
    the retraction waits for the publish lock, then deletes the copy the publish made (found in the
    lists, whatever the ledger said when it started); the next publish, the withdrawal not merged
    yet, keeps it down. Never a copy left, never a second one."""
    import threading
    import time
    from functools import partial

    from test_wechat import client_for

    from govpub.publish import pipeline
    from govpub.publish.lock import PublishLock

    monkeypatch.setattr(pipeline, "PublishLock", partial(PublishLock, poll_seconds=0.05))
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    retracted: list[dict[str, str]] = []

    def office() -> None:
        with client_for(double) as client:
            result = pipeline.retract(site.root, rel, "内容有误", out=site.root / "out", remote=None,
                                      clients={"wechat": client}, lock_wait=60)
        retracted.append({r.platform: r.state for r in result.rows})

    thread = threading.Thread(target=office)
    with client_for(double) as client:
        add = client.draft_add

        def draft_add(fields):  # noqa: ANN001, ANN202
            if not thread.is_alive() and not retracted:
                thread.start()
                time.sleep(0.3)  # the retraction waits for the lock now
                assert not retracted
            return add(fields)

        client.draft_add = draft_add
        first = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None,
                                  clients={"wechat": client}, platforms=["wechat"])
    assert {r.article: r.state for r in first.rows} == {rel: "published"}
    thread.join(30)
    assert retracted and retracted[0]["wechat"] == "retracted", retracted
    assert by_title(double) == {} and double.state.drafts == {} and double.state.materials == {}
    assert converge(site, double) in ({}, {rel: "retracted"})  # main still holds v1: kept down
    assert by_title(double) == {} and len(double.state.publishes) == 1
