"""Red team of the publishing side, seventh session, second round. Each test is an attempt by a
drafter with push rights (any branch, refs/govpub/*) to get an article out without review, or to
keep an approved one down for good; it ends with the honest outcome.

Replays of genuine sealed 南方号 entries: a ledger entry is sealed (nanfang.entry_seal) over the
article, its content hash and the commit that last changed the article or its pictures on the
published history (its version). An older sealed entry, force-pushed back into refs/govpub/ledger
after the article returned byte for byte to that older text, names an older version: it no
longer stops the bundle."""

from __future__ import annotations

import json

import pytest
from test_converge6 import builds  # noqa: F401 - the fixture: three builds, the last withdraws an article
from test_nanfang_seal7 import (
    TITLES,
    A,
    bundles,
    digest,
    entries,
    push_ledger,
    run,
    two_approved_articles,
    write,
)

from govpub.errors import GovpubError
from govpub.policy import Policy
from govpub.publish import deploy, nanfang, pipeline, wechat
from govpub.publish.ledger import Store


@pytest.fixture
def south(site, monkeypatch):
    """Two approved articles for 南方号, committed; the publish environment's credentials set."""
    return two_approved_articles(site, monkeypatch)


def commit(site, message: str) -> None:
    site.git("add", "-A")
    site.git("commit", "-qm", message)


def test_replayed_bundled_entry_after_the_article_returns_to_an_earlier_version(south):
    """v1 bundled, v2 bundled (南方号 shows v2), a reviewed revert brings v1 back byte for byte;
    the drafter force-pushes the ledger of the v1 run: the revert must still be bundled."""
    site = south
    original = (site.root / A).read_text("utf-8")
    run(site)
    old = entries(site)  # the genuine, sealed ledger after v1
    write(site, A, TITLES[0], "c0.jpg", "第1条动态，补充了活动照片说明。")
    commit(site, "v2")
    assert {k: r.state for k, r in run(site).items()} == {A: "bundled"}
    site.write(A, original)
    commit(site, "revert to v1")
    assert digest(site, A) == old[A]["content_hash"]
    push_ledger(site, old)
    rows = run(site)
    assert {k: r.state for k, r in rows.items()} == {A: "bundled"}, rows
    assert "不予采信" in rows[A].message
    manifest = json.loads((site.root / "publish-out/nanfang/n0/manifest.json").read_text("utf-8"))
    assert manifest["content_hash"] == digest(site, A)
    assert run(site) == {}  # sealed now: made exactly once


def test_replayed_retract_hold_after_a_reviewed_restore(south):
    """v1 retracted (sealed hold), the withdrawal merged (hold cleared), then a reviewed restore
    gives v1 back byte for byte; the drafter replays the sealed hold: the restore is bundled."""
    site = south
    original = (site.root / A).read_text("utf-8")
    run(site)
    ctx = pipeline._context(site.root, "", Store(site.root), Policy(site.root), out=site.root / "publish-out",
                            deploy=None, keep=5, clients=None, lock=None)
    nanfang.Channel(ctx).retract(ctx, A, "内容有误")
    held = entries(site)
    assert held[A]["retracted_hash"] == digest(site, A)
    assert run(site) == {}  # the honest hold keeps this version down until the withdrawal is merged
    site.write(A, original.replace("---\n", "---\nstatus: withdrawn\n", 1))
    commit(site, "withdraw")
    run(site)
    assert "retracted_hash" not in entries(site)[A]
    site.write(A, original)
    commit(site, "restore after review")
    push_ledger(site, held)
    rows = run(site)
    assert rows.get(A) is not None and rows[A].state == "bundled", rows
    assert "不予采信" in rows[A].message
    assert "retracted_hash" not in entries(site)[A]  # the replayed hold is not laundered into the new seal
    assert "n0" in bundles(site) and run(site) == {}


def test_replayed_wechat_retraction_hold_after_a_reviewed_restore(site):
    """WeChat: v1 retracted with govpub retract (a hold sealed with the AppSecret), the withdrawal
    merged, a reviewed restore gives v1 back byte for byte and it is published again. The drafter
    force-pushes the ledger as it was right after the retraction (the genuine sealed hold): the
    next run must not delete the approved article from the account, nor keep it down."""
    from test_wechat import MORE, converge, make_light, retract, withdraw
    from wechat_double import WeChatDouble, by_title

    with WeChatDouble() as double:
        rel = make_light(site, 1)[0]
        commit(site, "v1")
        original = (site.root / rel).read_text("utf-8")
        assert converge(site, double) == {rel: "published"}
        retract(site, double, rel)
        assert by_title(double) == {}
        held = Store(site.root).read("wechat")
        assert held[rel].get("retracted_hash") and held[rel].get("hold_seal")
        withdraw(site, rel)
        commit(site, "withdraw")
        converge(site, double)
        site.write(rel, original)
        commit(site, "restore after review")
        assert converge(site, double) == {rel: "published"}
        Store(site.root).write("wechat", held, "replayed: the sealed hold of the earlier retraction")
        converge(site, double)
        assert by_title(double) == {MORE[0]: 1}
        assert not Store(site.root).read("wechat")[rel].get("retracted_hash")


def test_rollback_to_a_release_without_its_build_manifest_is_refused(builds, tmp_path):  # noqa: F811
    """A careless operator: `govpub rollback` to a release whose build manifest is gone (a release
    from before manifests, or build-manifests/ cleaned by hand). Without it nobody can tell
    whether that release shows an article withdrawn since: refused, not assumed harmless."""
    from test_converge6 import _copy

    _, _, second, third = builds
    target = tmp_path / "www"
    deploy.deploy_local(_copy(second, tmp_path / "b"), target, "r2", move=True)
    deploy.deploy_local(_copy(third, tmp_path / "c"), target, "r3", move=True)  # withdrew new6.md
    (target / "build-manifests/r2.json").unlink()
    with pytest.raises(GovpubError) as caught:
        deploy.rollback(target)
    assert "构建清单" in caught.value.message and caught.value.hint
    assert deploy.current_release(target) == "r3"
    assert deploy.rollback(target, to="r3") == "r3"  # the newest release itself: nothing to check


def test_a_forged_recent_scan_does_not_keep_an_approved_update_off_the_account(site):
    """The ledger says the new version is already published (an entry anyone with push rights can
    write) and the platform was looked at a minute ago (the same): without a seal on the scan
    record, a drafter who pushes both once a day would keep the old version live for good, silently.
    Sealed, the forged scan counts as none, and the forged entry (no entry seal) as absent: the run
    looks at the platform and publishes the new version."""
    import time

    from test_wechat import converge, make_light
    from wechat_double import WeChatDouble

    with WeChatDouble() as double:
        rel = make_light(site, 1)[0]
        commit(site, "v1")
        assert converge(site, double) == {rel: "published"}
        text = (site.root / rel).read_text("utf-8")
        site.write(rel, text.replace("第1条动态。", "第1条动态，更正了活动时间。"))
        commit(site, "v2 after review")
        ctx = pipeline._context(site.root, "", Store(site.root), Policy(site.root), out=site.root / "publish-out",
                                deploy=None, keep=5, clients=None, lock=None)
        new = wechat.Channel(ctx)._prepare(ctx.articles[rel])[3]
        store = Store(site.root)
        forged = store.read("wechat")
        forged[rel]["content_hash"] = new  # "this version is live already"
        store.write("wechat", forged, "forged: v2 in place")
        store.write("wechat.scan", {"last_scan": {"at": time.time() - 60}}, "forged: scanned a minute ago")
        rows = converge(site, double)  # the platform is looked at: the claim is found out, not trusted
        assert rows == {rel: "published"}, rows  # the forged entry has no seal (test_converge8.py): absent
        assert len(store.read("wechat.scan")["last_scan"]["seal"]) == 64
        assert any(new[:16] in str(a) for a in double.live_articles())


def test_a_retraction_of_an_entry_without_a_version_still_holds(site):
    """An entry written by a govpub before versions: `govpub retract` seals the hold with the
    version of its checkout, and the next publish (withdrawal not merged) keeps it down."""
    from test_wechat import converge, make_light, retract
    from wechat_double import WeChatDouble, by_title

    with WeChatDouble() as double:
        rel = make_light(site, 1)[0]
        commit(site, "v1")
        assert converge(site, double) == {rel: "published"}
        store = Store(site.root)
        old = store.read("wechat")
        assert old[rel].pop("version")
        store.write("wechat", old, "as an older govpub wrote it")
        retract(site, double, rel)
        assert by_title(double) == {}
        converge(site, double)
        assert by_title(double) == {}, "the retracted version was published again before the withdrawal merged"
