"""Publishing that converges, eighth session: sealed WeChat ledger entries, writes that look on
the platform before writing again, and faults of the strict double not tried before.

Sealed entries: refs/govpub/ledger is writable by anyone with push rights. Every WeChat entry
carries a seal (wechat.Channel._entry_seal: an HMAC under a key derived from the account's
AppSecret for this purpose only, over the article's path and every field, its version among
them). An entry that does not verify counts as absent: the run reads the platform's lists and
decides from them, never making a second copy (a draft of this version in the box is waited
for as a submit in flight, from the draft's own creation time on the platform), never putting
back a version the platform shows as deleted without a sealed record that govpub deleted it.

Writes that may have acted without a usable answer (-1 after acting, HTTP 5xx, truncated or
incomplete JSON, an answer slower than the client's timeout) are reconciled: the cover is looked
for by name and the draft by its marker before either is written again; a submit is never
repeated, the published list is read once at once and later runs wait for it."""

from __future__ import annotations

import json
import threading
import time

import pytest
from test_gate import repo_template  # noqa: F401 - the fixture
from test_wechat import MORE, client_for, converge, ledger, make_light, withdraw
from wechat_double import WeChatDouble, by_title

from govpub.errors import GovpubError
from govpub.policy import Policy
from govpub.publish import pipeline, wechat
from govpub.publish.ledger import Store
from govpub.publish.wechat_client import WeChatClient


@pytest.fixture
def double():
    with WeChatDouble() as d:
        yield d


def commit(site, message: str) -> None:
    site.git("add", "-A")
    site.git("commit", "-qm", message)


def edit(site, rel: str, words: str) -> None:
    path = site.root / rel
    path.write_text(path.read_text("utf-8").replace("动态。详见", f"动态，{words}。详见"), "utf-8")


def digest(site, rel: str) -> str:
    ctx = pipeline._context(site.root, "", Store(site.root), Policy(site.root), out=site.root / "publish-out",
                            deploy=None, keep=5, clients=None, lock=None)
    return wechat.Channel(ctx)._prepare(ctx.articles[rel])[3]


def forge(site, change) -> None:  # noqa: ANN001
    """A drafter with push rights rewrites refs/govpub/ledger:wechat.json."""
    store = Store(site.root)
    entries = store.read("wechat") or {}
    change(entries)
    store.write("wechat", entries, "forged")


def once(double: WeChatDouble, n: int = 1) -> None:
    """Exactly n articles live once each, no draft left, one cover per live article."""
    assert by_title(double) == {t: 1 for t in MORE[:n]}, double.log
    assert double.state.drafts == {}
    assert len(double.state.materials) == n


# -- 1. sealed entries -------------------------------------------------------------------------
FORGED = {
    "needs_person": lambda e, new: e.update(state="needs_person", error="平台审核未通过"),
    "in place": lambda e, new: e.update(content_hash=new, state="published"),
    "in flight for ever": lambda e, new: e.update(content_hash=new, state="publishing", submit_intent="DRAFT-x",
                                                  submit_at=time.time() + 10 ** 9),
    "retract pending": lambda e, new: e.update(state="retract_pending", retracted_hash=new, hold_seal="0" * 64),
}


@pytest.mark.parametrize("claim", list(FORGED))
def test_a_forged_entry_does_not_stop_an_approved_update(site, double, claim):
    """v1 is live; v2 is merged after review. The drafter writes the entry (any state, the new
    content hash, a seal copied from elsewhere): the run does not believe it, looks at the
    account, publishes v2 once and deletes v1, in that one run."""
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    assert converge(site, double) == {rel: "published"}
    edit(site, rel, "更正了活动时间")
    commit(site, "v2 after review")
    new = digest(site, rel)
    forge(site, lambda entries: FORGED[claim](entries[rel], new))
    assert converge(site, double) == {rel: "published"}
    once(double)
    assert new[:16] in double.live_articles()[0]["content_source_url"]
    assert len(ledger(site)[rel]["seal"]) == 64
    assert converge(site, double) == {}  # sealed again: nothing more to do


def test_a_sealed_entry_copied_to_another_article_does_not_verify(site, double):
    rels = make_light(site, 2)
    commit(site, "two articles")
    converge(site, double)
    edit(site, rels[1], "补充了地点")
    commit(site, "v2 of the second")
    forge(site, lambda entries: entries.__setitem__(rels[1], {**entries[rels[0]], "state": "needs_person"}))
    assert converge(site, double) == {rels[1]: "published"}
    once(double, 2)


def test_an_entry_removed_while_the_publish_is_in_flight_makes_no_second_copy(site, double):
    """The platform is still publishing (the draft stays in the box) when the drafter deletes the
    entry, or replaces it with one without the seal: the draft of this version was made by a run
    with the account's credentials and may be in flight, so it is waited for (from its creation
    time on the platform, which no ledger write can move), not made and submitted again."""
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    double.state.publish_delay = 600
    assert converge(site, double) == {rel: "publishing"}
    forge(site, lambda entries: entries.__setitem__(rel, {"state": "pending"}))
    assert converge(site, double) == {rel: "publishing"}
    forge(site, lambda entries: entries.pop(rel))
    assert converge(site, double) == {rel: "publishing"}
    assert double.calls["/cgi-bin/freepublish/submit"] == 1 and double.calls["/cgi-bin/draft/add"] == 1
    double.advance(700)
    assert converge(site, double) == {rel: "published"}
    once(double)
    assert double.calls["/cgi-bin/freepublish/submit"] == 1


def test_a_draft_found_without_a_record_is_submitted_once_after_the_settle_time(site, double, monkeypatch):
    """The same, when that submit never arrived: after the settle time, counted from the draft's
    creation on the platform, the draft is submitted once."""
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    double.inject("/cgi-bin/freepublish/submit", "errcode", -1)  # did not act, but -1 cannot tell
    assert converge(site, double) == {rel: "publishing"}
    forge(site, lambda entries: entries.pop(rel))
    assert converge(site, double) == {rel: "publishing"}
    monkeypatch.setenv("GOVPUB_WECHAT_SETTLE_SECONDS", "0")
    assert converge(site, double) == {rel: "published"}
    once(double)
    assert double.calls["/cgi-bin/draft/add"] == 1 and double.calls["/cgi-bin/freepublish/submit"] == 2


@pytest.mark.parametrize("how", ["removed", "unsealed"])
def test_a_forged_entry_does_not_put_back_an_article_deleted_on_the_platform(site, double, monkeypatch, how):
    """Deleted in the MP backend (or blocked): govpub never puts it back by itself. Removing or
    rewriting its entry does not make it do so: the list shows this very version deleted."""
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    converge(site, double)
    double.ban(ledger(site)[rel]["article_id"], 5)
    monkeypatch.setenv("GOVPUB_WECHAT_SCAN_HOURS", "0")
    assert converge(site, double) == {rel: "needs_person"}
    if how == "removed":
        forge(site, lambda entries: entries.pop(rel))
    else:
        forge(site, lambda entries: entries[rel].update(state="pending", seal="0" * 64))
    rows = converge(site, double)
    assert rows == {rel: "needs_person"}, rows
    assert double.calls["/cgi-bin/freepublish/submit"] == 1 and by_title(double) == {}
    assert "处理办法" in ledger(site)[rel]["error"]
    edit(site, rel, "按审核意见修改")  # a reviewed change is a new version: published
    commit(site, "v2")
    assert converge(site, double) == {rel: "published"}


def test_a_withdrawn_articles_entry_removed_does_not_keep_it_live(site, double):
    """The withdrawal is merged; the drafter removes the article's entry and keeps the daily look
    recent: a withdrawn article without a sealed entry is looked for on the account at once."""
    rels = make_light(site, 2)
    commit(site, "two")
    converge(site, double)
    withdraw(site, rels[0])
    commit(site, "withdraw")
    forge(site, lambda entries: entries.pop(rels[0]))
    assert converge(site, double) == {rels[0]: "retracted"}
    assert by_title(double) == {MORE[1]: 1} and len(double.state.materials) == 1  # its cover too, from the copy
    assert ledger(site)[rels[0]]["state"] == "retracted"
    assert converge(site, double) == {}


def test_a_replayed_older_sealed_entry_of_the_same_bytes_does_not_stop_the_article(site, double):
    """v1 was refused by the platform (needs_person, sealed); v2 was published; a reviewed revert
    brings v1 back byte for byte. The genuine v1 entry, replayed, names an older version: it
    does not stop the revert from being submitted."""
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    original = (site.root / rel).read_text("utf-8")
    double.state.publish_outcomes = [4]
    assert converge(site, double) == {rel: "needs_person"}
    old = Store(site.root).read("wechat")
    edit(site, rel, "按审核意见修改")
    commit(site, "v2")
    assert converge(site, double) == {rel: "published"}
    site.write(rel, original)
    commit(site, "revert to v1 after review")
    forge(site, lambda entries: entries.update(old))
    assert converge(site, double) == {rel: "published"}
    assert double.calls["/cgi-bin/freepublish/submit"] == 3
    once(double)


def test_entries_without_seals_from_an_older_govpub_make_no_second_copy(site, double):
    """Upgrading: every entry lacks the seal. The run adopts what the lists show (the report says
    why it looked), submits nothing and uploads no cover again; the next run is quiet."""
    rels = make_light(site, 2)
    commit(site, "two")
    converge(site, double)
    forge(site, lambda entries: [e.pop("seal") for e in entries.values()])
    result = None
    with client_for(double) as client:
        result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None,
                                   clients={"wechat": client}, platforms=["wechat"])
    assert {r.article: r.state for r in result.rows} == {r: "published" for r in rels}
    assert all("没有有效签名" in r.message for r in result.rows)
    assert double.calls["/cgi-bin/freepublish/submit"] == 2 and double.calls["/cgi-bin/material/add_material"] == 2
    once(double, 2)
    assert converge(site, double) == {}


def test_a_run_without_the_credentials_writes_nothing(site, double, monkeypatch):
    """Keyless: it can neither verify nor seal an entry, and sends nothing to the account."""
    rel = make_light(site, 1)[0]
    commit(site, "v1")
    converge(site, double)
    before = site.git("rev-parse", "refs/govpub/ledger").stdout
    edit(site, rel, "更正了活动时间")
    for name in ("GOVPUB_WECHAT_APPID", "GOVPUB_WECHAT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None, platforms=["wechat"])
    assert [r.state for r in result.rows] == ["failed"] and "凭据" in result.rows[0].message
    assert site.git("rev-parse", "refs/govpub/ledger").stdout == before


# -- 2. a write answered -1 after the platform acted -----------------------------------------------
@pytest.mark.parametrize("path", ["/cgi-bin/material/add_material", "/cgi-bin/draft/add",
                                  "/cgi-bin/freepublish/submit"])
@pytest.mark.parametrize("kind", ["busy_after", "http5xx", "truncated", "partial"])
def test_a_write_acted_on_without_a_usable_answer_is_found_not_repeated(site, double, path, kind):
    """-1 "system busy", HTTP 502 with a JSON body, JSON cut in half, a 200 answer without the
    field: each after the platform acted. One run ends with exactly one copy, one cover."""
    rel = make_light(site, 1)[0]
    double.inject(path, kind)
    assert converge(site, double) == {rel: "published"}, double.log
    once(double)
    assert double.calls["/cgi-bin/freepublish/submit"] == 1
    assert double.calls[path] == 1


@pytest.mark.parametrize("path", ["/cgi-bin/freepublish/delete", "/cgi-bin/draft/delete",
                                  "/cgi-bin/material/del_material"])
def test_a_delete_answered_minus_one_after_acting_is_asked_again(site, double, path):
    """Deletes are safe to repeat (the repeat answers "already gone"): one retraction run ends
    with nothing left, the other article untouched."""
    rels = make_light(site, 2)
    converge(site, double)
    fields = {k: v for k, v in double.live_articles()[0].items() if k not in ("article_id", "url")}
    with client_for(double) as client:  # a stale draft too (a run once killed before it could submit)
        client.draft_add(fields)
    double.inject(path, "busy_after")
    withdraw(site, rels[0])
    with client_for(double) as client:
        result = pipeline.retract(site.root, rels[0], "内容有误", out=site.root / "out", remote=None,
                                  clients={"wechat": client})
    assert [r.state for r in result.rows if r.platform == "wechat"] == ["retracted"]
    assert by_title(double) == {MORE[1]: 1} and double.state.drafts == {} and len(double.state.materials) == 1


def test_a_write_busy_every_time_stops_without_a_second_copy(site, double):
    """draft/add answers -1 after acting, every time: the run looks before each new attempt and
    finds the draft, so the box never holds two."""
    rel = make_light(site, 1)[0]
    double.inject("/cgi-bin/draft/add", "busy_after", times=99)
    assert converge(site, double) == {rel: "published"}
    once(double)
    assert double.calls["/cgi-bin/draft/add"] == 1


# -- 3. more faults of the strict double -----------------------------------------------------------
def slow_client(double: WeChatDouble) -> WeChatClient:
    return WeChatClient(double.state.appid, double.state.secret, base_url=double.url, timeout=0.3,
                        sleep=lambda s: None)


@pytest.mark.parametrize("path", ["/cgi-bin/material/add_material", "/cgi-bin/draft/add",
                                  "/cgi-bin/freepublish/submit"])
def test_an_answer_slower_than_the_client_timeout_after_acting(site, double, path):
    rel = make_light(site, 1)[0]
    double.timeout = 0.5
    double.inject(path, "drop_silent")
    with slow_client(double) as client:
        result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None,
                                   clients={"wechat": client}, platforms=["wechat"])
    assert {r.article: r.state for r in result.rows} == {rel: "published"}
    once(double)
    assert double.calls["/cgi-bin/freepublish/submit"] == 1


def test_a_token_renewed_by_a_manual_run_in_between(site, double):
    """Another process (a manual run with the same credentials) forces a new token between two
    calls: 40001. The run renews normally (no forced renewal of its own, which the platform
    limits) and nothing is written twice."""
    make_light(site, 2)
    double.inject("/cgi-bin/draft/add", "rotate")
    double.inject("/cgi-bin/freepublish/submit", "rotate")
    assert set(converge(site, double).values()) == {"published"}
    assert len(double.state.forced_refreshes) == 2  # the manual run's two, none of ours
    once(double, 2)
    assert len(double.state.publishes) == 2  # the refused calls did nothing


@pytest.mark.parametrize("path", ["/cgi-bin/freepublish/batchget", "/cgi-bin/draft/batchget"])
def test_a_list_that_keeps_answering_without_its_fields_stops_every_write(site, double, path):
    rel = make_light(site, 1)[0]
    converge(site, double)
    edit(site, rel, "更正了活动时间")
    double.inject(path, "partial", times=99)
    rows = converge(site, double)
    assert rows and set(rows.values()) == {"failed"}, rows
    assert double.calls["/cgi-bin/draft/add"] == 1 and double.calls["/cgi-bin/media/uploadimg"] == 0
    double.faults.clear()
    assert converge(site, double) == {rel: "published"}
    once(double)


def test_a_publish_that_never_leaves_publishing_is_not_submitted_again(site, double, monkeypatch):
    """freepublish/get answers 1 (publishing) run after run: never a second submit; after
    GOVPUB_WECHAT_STUCK_HOURS a person is told, and the publish is taken up when it lands."""
    rel = make_light(site, 1)[0]
    double.state.publish_delay = 10 ** 6
    assert converge(site, double) == {rel: "publishing"}
    assert converge(site, double) == {rel: "publishing"}
    monkeypatch.setenv("GOVPUB_WECHAT_STUCK_HOURS", "0")
    with client_for(double) as client:
        result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None,
                                   clients={"wechat": client}, platforms=["wechat"])
    (row,) = result.rows
    assert row.state == "needs_person" and "发布中" in row.message and "处理办法" in row.message
    assert ledger(site)[rel]["state"] == "publishing"
    assert double.calls["/cgi-bin/freepublish/submit"] == 1 and double.calls["/cgi-bin/draft/add"] == 1
    double.advance(10 ** 6)
    assert converge(site, double) == {rel: "published"}
    once(double)


def test_a_second_publisher_while_the_first_waits_on_the_platform(site, double):
    """A manual run starts while the workflow's run waits for a slow answer: the lease keeps it
    out (it waits, then stops saying who holds the lock) and the first run finishes alone."""
    rel = make_light(site, 1)[0]
    double.timeout = 0.6  # the answer never comes; the connection closes after this long
    double.inject("/cgi-bin/freepublish/submit", "drop_silent")
    first: list[dict[str, str]] = []
    runner = threading.Thread(target=lambda: first.append(converge(site, double)))
    runner.start()
    for _ in range(200):
        if double.calls["/cgi-bin/freepublish/submit"]:
            break
        time.sleep(0.02)
    with pytest.raises(GovpubError) as held:
        converge(site, double, lock_wait=0.2)
    runner.join()
    assert "另一个发布正在运行" in held.value.message
    assert first == [{rel: "published"}]
    once(double)
    assert double.calls["/cgi-bin/freepublish/submit"] == 1
    assert json.loads(site.git("show", "refs/govpub/ledger:wechat.json").stdout)[rel]["state"] == "published"


def test_two_articles_with_the_same_cover_picture_never_share_its_image(site, double):
    """Two articles use the same picture; the second cover upload acts but its answer is lost.
    The look-up by name finds the second article's own upload, not the first's: retracting one
    article later deletes only its own image, and the other keeps its cover."""
    rels = make_light(site, 2)
    folder = site.root / "content/gzdt/2026"
    (folder / "c1.jpg").write_bytes((folder / "c0.jpg").read_bytes())
    double.inject("/cgi-bin/material/add_material", "busy_after")
    assert converge(site, double) == {r: "published" for r in rels}
    covers = [next(iter(ledger(site)[r]["cover"].values())) for r in rels]
    assert covers[0] != covers[1] and len(double.state.materials) == 2
    withdraw(site, rels[0])
    with client_for(double) as client:
        pipeline.retract(site.root, rels[0], "内容有误", out=site.root / "out", remote=None, clients={"wechat": client})
    assert set(double.state.materials) == {covers[1]} and by_title(double) == {MORE[1]: 1}


# -- a website retraction SIGKILLed between its record and its switch -------------------------------
@pytest.fixture
def gate_repo(tmp_path, repo_template, monkeypatch):  # noqa: F811 - test_gate's module fixture
    """test_gate's repository; the publish runs reach a WeChat double through the environment."""
    import shutil

    from helpers import Site

    with WeChatDouble() as double:
        monkeypatch.setenv("GOVPUB_WECHAT_APPID", double.state.appid)
        monkeypatch.setenv("GOVPUB_WECHAT_SECRET", double.state.secret)
        monkeypatch.setenv("GOVPUB_WECHAT_API", double.url)
        yield Site(shutil.copytree(repo_template, tmp_path / "repo", symlinks=True))


@pytest.mark.slow
def test_a_website_retraction_killed_before_its_release_is_live(gate_repo, tmp_path, forge):
    """`govpub retract --deploy` records its hold on the deploy target first, then builds and
    switches. SIGKILLed before the build, then again in the atomic switch (the release renamed
    into place, `current` not yet moved): the server still serves the whole old site; a publish
    before the rerun does not pretend the article is down (its report says the retraction did
    not finish and what to do); the rerun takes it down, with no leftover folder."""
    import os
    import signal

    from test_gate import TITLE_A, A, article, git, live_pages, merge_pr, publish

    from govpub.publish import deploy, website

    repo = gate_repo
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    www = tmp_path / "www"
    assert publish(repo, forge, www, initial=base).returncode == 0
    live = os.readlink(www / "current")
    original = (repo.root / A).read_text("utf-8")

    def die(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        os.kill(os.getpid(), signal.SIGKILL)

    for edge in ("before the build", "in the switch"):
        (repo.root / A).write_text(original, "utf-8")
        pid = os.fork()
        if pid == 0:  # the retraction, killed at the edge
            try:
                if edge == "before the build":
                    website.Channel._deploy = staticmethod(die)
                else:
                    deploy._point_current = die
                pipeline.retract(repo.root, A, "活动时间有误", out=tmp_path / "out", deploy=str(www), remote=None,
                                 mark_at="2026-12-01 10:00")
            finally:
                os._exit(3)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, edge
        assert os.readlink(www / "current") == live and TITLE_A in live_pages(www), edge  # the whole old site
        assert deploy.unfinished_holds(str(www)) == [A], edge
    marked = (repo.root / A).read_text("utf-8")
    git(repo.root, "checkout", "--", A)  # a publish of main meanwhile (the withdrawal is not merged)
    proc = publish(repo, forge, www)
    assert proc.returncode == 1 and "没有完成" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert os.readlink(www / "current") == live
    (repo.root / A).write_text(marked, "utf-8")  # the office runs the retraction again
    result = pipeline.retract(repo.root, A, "活动时间有误", out=tmp_path / "out", deploy=str(www), remote=None)
    assert {r.platform: r.state for r in result.rows}["website"] == "retracted"
    assert "该信息已撤回" in live_pages(www) and deploy.unfinished_holds(str(www)) == []
    assert not [p for p in (www / "releases").iterdir() if p.name.startswith(".")]
