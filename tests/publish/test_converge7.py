"""Publishing converges under the strictest WeChat double (tests/publish/wechat_double.py):
fields the API rejects, -1 system busy, a token that dies between two calls, a publish that
stays in progress and then fails on the platform (status 2..4), an article deleted or
blocked after it was published (5/6), answers lost after the server acted, kills.

Each test ends by checking the account against the ledger: each approved article live
exactly once (or, when a person must act, not at all and the operator told what to do in
Chinese), no draft left in the box, no permanent image (cover) left that no live article
or pending version uses."""

from __future__ import annotations

import copy
import json
import os
import signal

import pytest
from PIL import Image
from run_sync import distinct_edges
from test_wechat import MORE, SyncServer, client_for, converge, ledger, make_light, withdraw
from wechat_double import State, WeChatDouble, by_title

from govpub.publish.wechat_client import WeChatError


@pytest.fixture
def double():
    with WeChatDouble() as d:
        yield d


def _clean(double: WeChatDouble, titles: dict[str, int]) -> None:
    """The account holds exactly `titles`, no draft, and one cover material per live article."""
    assert by_title(double) == titles
    assert double.state.drafts == {}
    assert len(double.state.materials) == sum(titles.values())


# -- the double is at least as strict as the documented API --------------------------------
@pytest.mark.parametrize("extra, code", [({"show_cover_pic": 1}, 47001), ({"need_open_comment": 2}, 47001),
                                         ({"content_source_url": "https://a.example/" + "x" * 1100}, 41039),
                                         ({"article_type": "newspic"}, 47001)])
def test_the_double_refuses_what_the_api_refuses(double, extra, code):
    with client_for(double) as client:
        thumb = client.add_material("c.jpg", b"\xff\xd8\xff\xd9", "image/jpeg")
        article = {"title": "标题", "content": "<p>正文</p>", "thumb_media_id": thumb, **extra}
        with pytest.raises(WeChatError) as err:
            client.draft_add(article)
        assert err.value.code == code
        client.del_material(thumb)
        with pytest.raises(WeChatError) as err:  # a deleted permanent image is gone for drafts too
            client.draft_add({"title": "标题", "content": "<p>正文</p>", "thumb_media_id": thumb})
        assert err.value.code == 40007


def test_a_forced_token_renewal_is_limited_as_on_the_platform(double):
    with client_for(double) as client:
        client.token(force=True)
        with pytest.raises(WeChatError) as err:  # at least 30 s between two forced renewals
            client.token(force=True)
        assert err.value.code == 45011


# -- transient platform faults: converge, each article exactly once -----------------------------
def test_system_busy_on_every_third_call_publishes_each_article_once(site, double, monkeypatch):
    rels = make_light(site, 3)
    double.busy_every = 3
    monkeypatch.setenv("GOVPUB_WECHAT_SETTLE_SECONDS", "0")  # a submit answered -1 may have acted: waited for
    for _ in range(3):
        if set(converge(site, double).values()) <= {"published"}:
            break
    _clean(double, {t: 1 for t in MORE[:3]})
    assert ledger(site)[rels[0]]["state"] == "published"


@pytest.mark.parametrize("after", ["/cgi-bin/media/uploadimg", "/cgi-bin/material/add_material",
                                   "/cgi-bin/draft/add", "/cgi-bin/freepublish/submit"])
def test_a_token_that_expires_between_two_steps_is_renewed_and_nothing_doubles(site, double, after):
    make_articles_with_image(site)
    double.inject(after, "expire")
    assert set(converge(site, double).values()) == {"published"}
    assert double.calls["/cgi-bin/stable_token"] == 2  # one normal renewal, no forced one
    assert double.state.forced_refreshes == []
    _clean(double, {MORE[0]: 1})
    assert len(double.state.publishes) == 1  # one publish (a call refused for its token did nothing)


def make_articles_with_image(site) -> list[str]:
    rels = make_light(site, 1)
    folder = site.root / "content/gzdt/2026"
    Image.new("RGB", (60, 40), (200, 10, 10)).save(folder / "p0.png", "PNG")
    path = site.root / rels[0]
    path.write_text(path.read_text("utf-8") + "\n![现场](p0.png)\n", "utf-8")
    return rels


# -- a publish that fails on the platform --------------------------------------------------------
@pytest.mark.parametrize("status, words", [(2, "原创"), (3, "失败原因"), (4, "审核意见")])
def test_a_publish_failed_on_the_platform_needs_a_person_and_leaves_no_draft(site, double, status, words):
    rels = make_light(site, 1)
    double.state.publish_outcomes = [status]
    row = converge(site, double)
    assert row == {rels[0]: "needs_person"}  # not "still in progress": the platform said no
    entry = ledger(site)[rels[0]]
    assert entry["state"] == "needs_person" and words in entry["error"] and "处理办法" in entry["error"]
    assert double.state.drafts == {} and by_title(double) == {}
    # the next runs do not submit it again by themselves
    assert converge(site, double) == {rels[0]: "needs_person"}
    assert double.calls["/cgi-bin/freepublish/submit"] == 1
    # the drafter changes the article and it is merged again: published once, old cover reused
    path = site.root / rels[0]
    path.write_text(path.read_text("utf-8").replace("第1条动态。", "第1条动态（已修改）。"), "utf-8")
    assert converge(site, double) == {rels[0]: "published"}
    _clean(double, {MORE[0]: 1})


def test_a_publish_in_progress_for_a_while_then_rejected(site, double, monkeypatch):
    rels = make_light(site, 1)
    double.state.publish_delay = 600
    double.state.publish_outcomes = [4]
    assert converge(site, double) == {rels[0]: "publishing"}
    assert converge(site, double) == {rels[0]: "publishing"}  # still in progress: nothing sent again
    double.advance(700)
    assert converge(site, double) == {rels[0]: "needs_person"}
    assert double.calls["/cgi-bin/freepublish/submit"] == 1
    assert double.state.drafts == {} and by_title(double) == {}


def test_a_lost_submit_answer_then_a_rejection_is_never_published_twice(site, double, monkeypatch):
    """The answer to freepublish/submit is lost and that publish is rejected (no list shows a
    rejected publish): after the settle time the draft is submitted once more, and the
    rejection of that one is reported; at no point are there two live copies."""
    rels = make_light(site, 1)
    double.state.publish_outcomes = [4, 4]
    double.inject("/cgi-bin/freepublish/submit", "drop")
    assert converge(site, double) == {rels[0]: "publishing"}
    assert converge(site, double) == {rels[0]: "publishing"}  # inside the settle time: no second submit
    assert double.calls["/cgi-bin/freepublish/submit"] == 1
    monkeypatch.setenv("GOVPUB_WECHAT_SETTLE_SECONDS", "0")
    assert converge(site, double) == {rels[0]: "needs_person"}
    assert double.calls["/cgi-bin/freepublish/submit"] == 2
    assert by_title(double) == {} and double.state.drafts == {}


def test_a_lost_submit_answer_with_a_slow_publish_is_published_once(site, double):
    rels = make_light(site, 1)
    double.state.publish_delay = 600
    double.inject("/cgi-bin/freepublish/submit", "drop")
    assert converge(site, double) == {rels[0]: "publishing"}
    double.advance(200)
    assert converge(site, double) == {rels[0]: "publishing"}  # the draft is still in the box: proves nothing
    double.advance(500)  # the publish lands and the list shows it
    assert converge(site, double) == {rels[0]: "published"}
    assert double.calls["/cgi-bin/freepublish/submit"] == 1
    _clean(double, {MORE[0]: 1})


@pytest.mark.parametrize("status, words", [(5, "已被删除"), (6, "封禁")])
def test_an_article_deleted_or_blocked_after_publishing_is_not_put_back(site, double, monkeypatch, status, words):
    rels = make_light(site, 1)
    assert converge(site, double) == {rels[0]: "published"}
    double.ban(ledger(site)[rels[0]]["article_id"], status)
    monkeypatch.setenv("GOVPUB_WECHAT_SCAN_HOURS", "0")  # the daily look at the lists
    assert converge(site, double) == {rels[0]: "needs_person"}
    entry = ledger(site)[rels[0]]
    assert words in entry["error"] and "处理办法" in entry["error"]
    assert converge(site, double) == {rels[0]: "needs_person"}
    assert double.calls["/cgi-bin/freepublish/submit"] == 1 and by_title(double) == {}


# -- covers: no permanent image left behind --------------------------------------------------------
def test_a_retraction_deletes_the_cover_and_tells_about_body_images(site, double):
    rels = make_articles_with_image(site)
    assert converge(site, double) == {rels[0]: "published"}
    assert len(double.state.materials) == 1 and len(double.state.images) == 1
    withdraw(site, rels[0])
    with client_for(double) as client:
        from govpub.publish import pipeline

        result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None,
                                   clients={"wechat": client}, platforms=["wechat"])
    row = next(r for r in result.rows if r.article == rels[0])
    assert row.state == "retracted"
    assert "封面素材 1 个" in row.message and "mmbiz" in row.message and "微信客服" in row.message
    assert double.state.materials == {} and by_title(double) == {} and double.state.drafts == {}


def test_a_new_cover_replaces_the_old_material(site, double):
    rels = make_light(site, 1)
    converge(site, double)
    old = set(double.state.materials)
    Image.new("RGB", (900, 383), (10, 200, 10)).save(site.root / "content/gzdt/2026/c0.jpg", "JPEG")
    assert converge(site, double) == {rels[0]: "published"}
    _clean(double, {MORE[0]: 1})
    assert not old & set(double.state.materials)
    assert len(ledger(site)[rels[0]]["cover"]) == 1


def test_a_cover_uploaded_by_a_stopped_run_is_deleted_when_the_cover_changed(site, double):
    """add_material acted but its answer was lost, and the look-up by name could not run (quota):
    the run stops with the upload unrecorded. The cover is changed before the next run: the
    stranded image is found by name and deleted, not left in the library for good."""
    rels = make_light(site, 1)
    double.inject("/cgi-bin/material/add_material", "drop")
    double.inject("/cgi-bin/material/batchget_material", "errcode", code=45009)
    assert converge(site, double)[rels[0]] == "failed"
    assert len(double.state.materials) == 1 and ledger(site)[rels[0]].get("cover_intent")
    Image.new("RGB", (900, 383), (10, 10, 200)).save(site.root / "content/gzdt/2026/c0.jpg", "JPEG")
    assert converge(site, double) == {rels[0]: "published"}
    _clean(double, {MORE[0]: 1})


def test_a_forged_cover_entry_deletes_no_other_articles_cover(site, double):
    rels = make_light(site, 2)
    converge(site, double)
    entries = ledger(site)
    other = next(iter(entries[rels[1]]["cover"].values()))
    # a drafter with push rights names the other article's cover under a made-up image digest
    from govpub.publish.ledger import Ledger

    Ledger(site.root, "wechat").update(rels[0], cover={**entries[rels[0]]["cover"], "0" * 64: other})
    withdraw(site, rels[0])
    converge(site, double)
    assert other in double.state.materials and by_title(double) == {MORE[1]: 1}
    assert json.loads(site.git("show", "refs/govpub/ledger:wechat.json").stdout)[rels[0]]["state"] == "retracted"


# -- killed at every edge, with a new cover and a withdrawal: no material left behind ------------------
@pytest.fixture
def sync_server(tmp_path):
    server = SyncServer(tmp_path)
    yield server
    server.close()


@pytest.mark.slow
def test_killed_at_every_edge_with_a_new_cover_leaves_no_material_behind(site, tmp_path, sync_server):
    """From a published pair: one article gets a new text and a new cover, the other is
    withdrawn. A run is SIGKILLed at every edge of run_sync.boundaries() (material/del_material
    included), then run again: one live copy of the new version, no draft, and exactly one
    permanent image left (the new cover: the old one and the withdrawn article's are deleted,
    including when the kill fell between the ledger saying 'done' and the deletion)."""
    rels = make_light(site, 2)
    site.git("add", "-A")
    site.git("commit", "-qm", "articles")
    env = {**os.environ, "GOVPUB_WECHAT_APPID": State().appid, "GOVPUB_WECHAT_SECRET": State().secret,
           "GOVPUB_REMOTE": "", "GOVPUB_WECHAT_SETTLE_SECONDS": "0"}
    original = {r: (site.root / r).read_text("utf-8") for r in rels}
    cover = (site.root / "content/gzdt/2026/c0.jpg").read_bytes()
    with WeChatDouble() as first:
        assert sync_server.run(first, None, site.root, env).returncode == 0
        snapshot = (copy.deepcopy(first.state), first.calls.copy(),
                    site.git("rev-parse", "refs/govpub/ledger").stdout.strip())

    def start(double: WeChatDouble) -> None:
        (site.root / "records/ledger/wechat.scan.json").unlink(missing_ok=True)
        double.state = copy.deepcopy(snapshot[0])
        double.calls.update(snapshot[1])
        site.git("update-ref", "refs/govpub/ledger", snapshot[2])
        (site.root / "content/gzdt/2026/c0.jpg").write_bytes(cover)
        for r, text in original.items():
            (site.root / r).write_text(text, "utf-8")
        Image.new("RGB", (900, 383), (200, 200, 10)).save(site.root / "content/gzdt/2026/c0.jpg", "JPEG")
        (site.root / rels[0]).write_text(original[rels[0]].replace("动态。详见", "动态（更新）。详见"), "utf-8")
        withdraw(site, rels[1])

    trace = tmp_path / "edges.txt"
    with WeChatDouble() as clean:
        start(clean)
        assert sync_server.run(clean, None, site.root, env, edges=str(trace)).returncode == 0
        assert by_title(clean) == {MORE[0]: 1} and len(clean.state.materials) == 1
    edges = trace.read_text("utf-8").splitlines()
    assert any("del_material" in e for e in edges) and any("add_material" in e for e in edges)
    kills = distinct_edges(edges)
    assert {label for _, label in kills} == set(edges)
    for k, label in kills:
        with WeChatDouble() as double:
            start(double)
            killed = sync_server.run(double, None, site.root, env, kill_edge=k)
            assert killed.returncode == -signal.SIGKILL, f"edge {k} ({label}): not killed: {killed.stdout}"
            again = sync_server.run(double, None, site.root, env)
            where = f"killed at edge {k} ({label}): {again.stdout} {double.log}"
            assert again.returncode == 0, where
            assert by_title(double) == {MORE[0]: 1}, where
            assert "（更新）" in double.live_articles()[0]["content"], where
            assert double.state.drafts == {}, where
            assert list(double.state.materials) == [double.live_articles()[0]["thumb_media_id"]], where
            states = {r: e.get("state") for r, e in json.loads(
                site.git("show", "refs/govpub/ledger:wechat.json").stdout).items()}
            assert states == {rels[0]: "published", rels[1]: "retracted"}, where


# -- 南方号: a run killed while it writes a bundle ------------------------------------------------------
def _nanfang(site, double) -> dict[str, str]:
    from govpub.publish import pipeline

    result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None, platforms=["nanfang"])
    return {r.article: r.state for r in result.rows}


def _killed_while_bundling(site, double, step: str) -> None:
    """Fork a run of the nanfang channel and SIGKILL it inside the bundle: in the middle of
    writing it ("write") or between the switch and the removal of the replaced one ("switch")."""
    from govpub.publish import nanfang

    pid = os.fork()
    if pid == 0:  # the child: one run, killed where asked
        try:
            if step == "write":
                real = nanfang._write

                def write(art, root, folder, site_url):  # noqa: ANN001, ANN202
                    real(art, root, folder, site_url)
                    os.kill(os.getpid(), signal.SIGKILL)
                nanfang._write = write
            else:
                def switch(new, target, discard=None):  # noqa: ANN001, ANN202
                    os.rename(target, target.with_name(f".{target.name}.old-1-abcd"))
                    os.rename(new, target)
                    os.kill(os.getpid(), signal.SIGKILL)
                nanfang.switch_dir = switch
            _nanfang(site, double)
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == -signal.SIGKILL


@pytest.mark.parametrize("step", ["write", "switch"])
def test_a_bundle_killed_midway_leaves_nothing_to_hand_off_by_mistake(site, double, step):
    rels = make_light(site, 1)
    path = site.root / rels[0]
    path.write_text(path.read_text("utf-8").replace("[website, wechat]", "[website, nanfang]"), "utf-8")
    out = site.root / "publish-out" / "nanfang"
    assert _nanfang(site, double) == {rels[0]: "bundled"}
    path.write_text(path.read_text("utf-8").replace("第1条动态。", "第1条动态（更正）。"), "utf-8")
    _killed_while_bundling(site, double, step)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")]  # the killed run's leftover
    withdraw(site, rels[0])  # and then the article is withdrawn
    assert _nanfang(site, double) == {rels[0]: "retract_requested"}
    assert list(out.iterdir()) == []  # no bundle of it, whole or half, old or new, hidden or not


def test_an_edit_rejected_by_the_platform_keeps_the_approved_older_version_once(site, double):
    rels = make_light(site, 1)
    assert converge(site, double) == {rels[0]: "published"}
    old_url = ledger(site)[rels[0]]["article_url"]
    path = site.root / rels[0]
    path.write_text(path.read_text("utf-8").replace("第1条动态。", "第1条动态（修订）。"), "utf-8")
    double.state.publish_outcomes = [4]
    assert converge(site, double) == {rels[0]: "needs_person"}
    entry = ledger(site)[rels[0]]
    assert old_url in entry["error"] and "govpub retract" in entry["error"]
    assert by_title(double) == {MORE[0]: 1} and "（修订）" not in double.live_articles()[0]["content"]
    assert double.state.drafts == {}
    path.write_text(path.read_text("utf-8").replace("（修订）", "（再修订）"), "utf-8")
    assert converge(site, double) == {rels[0]: "published"}
    assert by_title(double) == {MORE[0]: 1} and "（再修订）" in double.live_articles()[0]["content"]
    assert len(double.state.materials) == 1 and double.state.drafts == {}


@pytest.mark.parametrize("path", ["/cgi-bin/media/uploadimg", "/cgi-bin/material/add_material", "/cgi-bin/draft/add",
                                  "/cgi-bin/draft/delete", "/cgi-bin/freepublish/submit", "/cgi-bin/freepublish/delete",
                                  "/cgi-bin/material/del_material"])
def test_an_answer_lost_after_the_platform_acted_on_any_write_converges(site, double, path):
    """A new picture, a new cover and a withdrawal in one run, with the answer to one kind of
    write lost after the server acted (twice, so a retry is hit too): the next runs end with
    the new version once, the withdrawn one gone, no draft and exactly one cover material."""
    rels = make_articles_with_image(site)
    rels += make_light(site, 2)[1:]
    assert set(converge(site, double).values()) == {"published"}
    Image.new("RGB", (60, 40), (10, 10, 250)).save(site.root / "content/gzdt/2026/p0.png", "PNG")
    Image.new("RGB", (900, 383), (250, 250, 10)).save(site.root / "content/gzdt/2026/c0.jpg", "JPEG")
    withdraw(site, rels[1])
    double.inject(path, "drop", times=2)
    for _ in range(4):
        states = converge(site, double)
        if set(states.values()) <= {"published", "retracted", "unchanged"}:
            break
    assert by_title(double) == {MORE[0]: 1}, double.log
    assert double.state.drafts == {}
    assert list(double.state.materials) == [double.live_articles()[0]["thumb_media_id"]]
    assert {k: v["state"] for k, v in ledger(site).items()} == {rels[0]: "published", rels[1]: "retracted"}


def test_the_daily_quota_ends_the_run_with_advice_and_the_next_day_finishes(site, double):
    rels = make_light(site, 3)
    double.inject("/cgi-bin/draft/add", "errcode", code=45009, times=1)
    with client_for(double) as client:
        from govpub.publish import pipeline

        result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None,
                                   clients={"wechat": client}, platforms=["wechat"])
    rows = [r for r in result.rows if r.platform == "wechat"]
    assert {r.state for r in rows} == {"failed"} and not result.ok
    assert any("明天" in r.message for r in rows)  # the operator is told to run it again tomorrow
    assert double.calls["/cgi-bin/freepublish/submit"] == 0
    assert set(converge(site, double).values()) == {"published"}
    _clean(double, {t: 1 for t in MORE[:3]})
    assert len(rels) == 3


def test_a_withdrawal_while_the_publish_is_in_progress_deletes_it_once_it_lands(site, double):
    rels = make_light(site, 1)
    double.state.publish_delay = 600
    assert converge(site, double) == {rels[0]: "publishing"}
    withdraw(site, rels[0])
    assert converge(site, double) == {rels[0]: "retract_pending"}
    assert len(double.state.materials) == 1  # the cover stays while the publish may still need it
    double.advance(700)
    assert converge(site, double) == {rels[0]: "retracted"}
    assert by_title(double) == {} and double.state.drafts == {} and double.state.materials == {}
    assert double.calls["/cgi-bin/freepublish/submit"] == 1
