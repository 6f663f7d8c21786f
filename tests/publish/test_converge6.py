"""Publishing converges whatever fails: a run SIGKILLed at every edge of every step (each
platform call, ledger commit and push, lock step; each file operation of the deploy switch),
then run again, leaves each approved article exactly once on each registered account and
the website whole; and nothing a reader should not get leaves through a channel."""

from __future__ import annotations

import copy
import inspect
import io
import json
import os
import shutil
import signal
import subprocess
import threading
from pathlib import Path

import pytest
from helpers import copy_site
from PIL import Image
from run_sync import distinct_edges
from test_wechat import MORE, SyncServer, client_for, ledger, make_light, withdraw
from wechat_double import State, WeChatDouble, by_title

from govpub.errors import GovpubError
from govpub.publish import deploy, pipeline
from govpub.publish.build import build_site
from govpub.site import incremental


@pytest.fixture
def double():
    with WeChatDouble() as d:
        yield d


@pytest.fixture
def sync_server(tmp_path):
    server = SyncServer(tmp_path)
    yield server
    server.close()


def converge(root: Path, double: WeChatDouble, platforms=("wechat",), **kw) -> dict[str, str]:
    with client_for(double) as client:
        result = pipeline.converge(root, "", out=root / "publish-out", remote=None, clients={"wechat": client},
                                   platforms=list(platforms), **kw)
    return {r.article: r.state for r in result.rows}


# -- a run killed at every edge of every step ---------------------------------------------
def _remote(site, tmp_path: Path) -> Path:
    site.git("add", "-A")
    site.git("commit", "-qm", "articles")
    bare = tmp_path / "remote.git"
    site.git("init", "-q", "--bare", "-b", "main", str(bare))
    site.git("remote", "add", "origin", str(bare))
    site.git("push", "-q", "origin", "main")
    return bare


def _reset(site, bare: Path) -> None:
    for ref in ("refs/govpub/ledger", "refs/govpub/lock"):
        subprocess.run(["git", "update-ref", "-d", ref], cwd=site.root, check=False)
        subprocess.run(["git", "update-ref", "-d", ref], cwd=bare, check=False)
    (site.root / "records/ledger/wechat.json").unlink(missing_ok=True)
    (site.root / "records/ledger/wechat.scan.json").unlink(missing_ok=True)


@pytest.mark.slow
@pytest.mark.parametrize("phase", ["first-publish", "update-and-withdraw"])
def test_killed_at_every_edge_of_every_step_converges_exactly_once(site, tmp_path, sync_server, phase):
    """The edges come from run_sync.boundaries() (every public WeChat client method, the
    ledger's write/push/fetch, the lock): a clean run lists them, then for each k a run is
    SIGKILLed at edge k (before a call is sent, or after its answer came back and before
    anything was recorded; every edge but where the second article's step repeats the first
    one's: run_sync.distinct_edges) and a second run must finish the job: each wanted article live
    exactly once in its current version, the withdrawn one gone, no draft left, no cover
    uploaded twice. The settle time is 0 for the second run: the double publishes at once,
    so a submit that arrived is always in the lists by then."""
    rels = make_light(site, 2)
    original = {r: (site.root / r).read_text("utf-8") for r in rels}
    bare = _remote(site, tmp_path)
    # the first publish pushes the ledger to a remote after every write (its push and fetch are
    # steps too); the update runs on the local ledger only, from a snapshot of the published state
    env = {**os.environ, "GOVPUB_WECHAT_APPID": State().appid, "GOVPUB_WECHAT_SECRET": State().secret,
           "GOVPUB_REMOTE": "origin" if phase == "first-publish" else "", "GOVPUB_WECHAT_SETTLE_SECONDS": "3600"}
    again_env = {**env, "GOVPUB_WECHAT_SETTLE_SECONDS": "0"}
    snapshot: dict[str, object] = {}
    if phase == "update-and-withdraw":
        with WeChatDouble() as first:
            _reset(site, bare)
            assert sync_server.run(first, None, site.root, env).returncode == 0
            snapshot["state"] = copy.deepcopy(first.state)
            snapshot["calls"] = first.calls.copy()
            snapshot["ledger"] = site.git("rev-parse", "refs/govpub/ledger").stdout.strip()

    def start(double: WeChatDouble) -> None:
        _reset(site, bare)
        for r, text in original.items():
            (site.root / r).write_text(text, "utf-8")
        if phase == "update-and-withdraw":
            double.state = copy.deepcopy(snapshot["state"])
            double.calls.update(snapshot["calls"])
            site.git("update-ref", "refs/govpub/ledger", str(snapshot["ledger"]))
            (site.root / rels[0]).write_text(original[rels[0]].replace("动态。详见", "动态（更新）。详见"), "utf-8")
            withdraw(site, rels[1])

    want = {MORE[0]: 1, MORE[1]: 1} if phase == "first-publish" else {MORE[0]: 1}
    trace = tmp_path / "edges.txt"
    with WeChatDouble() as clean:
        start(clean)
        trace.unlink(missing_ok=True)
        assert sync_server.run(clean, None, site.root, env, edges=str(trace)).returncode == 0
        assert by_title(clean) == want
    edges = trace.read_text("utf-8").splitlines()
    assert len(edges) >= 15 and any("publish_submit" in e for e in edges) and any("Store.write" in e for e in edges)
    assert phase != "first-publish" or any("Store.push" in e for e in edges)
    kills = distinct_edges(edges)
    assert {label for _, label in kills} == set(edges)
    for k, label in kills:
        with WeChatDouble() as double:
            start(double)
            killed = sync_server.run(double, None, site.root, env, kill_edge=k)
            assert killed.returncode == -signal.SIGKILL, f"edge {k} ({label}): not killed: {killed.stdout}"
            again = sync_server.run(double, None, site.root, again_env)
            assert again.returncode == 0, f"edge {k} ({label}): {again.stdout}"
            where = f"killed at edge {k} ({label}): {double.log}"
            assert by_title(double) == want, where
            assert double.state.drafts == {}, where
            # no cover uploaded twice for one article (the two covers may encode alike: then one is reused)
            assert len(double.state.materials) <= 2, where
            assert all(a["thumb_media_id"] in double.state.materials for a in double.live_articles()), where
            if phase == "update-and-withdraw":
                live = next(a for a in double.live_articles() if a["title"] == MORE[0])
                assert "（更新）" in live["content"], where
            assert double.calls["/cgi-bin/freepublish/submit"] <= (2 if phase == "first-publish" else 3), where
            states = {r: e.get("state") for r, e in json.loads(
                site.git("show", "refs/govpub/ledger:wechat.json").stdout).items()}
            assert states[rels[0]] == "published", where
            assert states[rels[1]] == ("published" if phase == "first-publish" else "retracted"), where


# -- the deploy switch killed at every edge -------------------------------------------------
def _deploy_steps() -> tuple[list[str], list[str]]:
    """The functions deploy_local runs, found from its code: the deploy module's own functions
    it names (and theirs, transitively), and the os functions any of them names."""
    own = {n: f for n, f in vars(deploy).items() if inspect.isfunction(f) and f.__module__ == deploy.__name__}
    seen, todo = set(), ["deploy_local"]
    names: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        code = own[name].__code__
        used = set(code.co_names) | {n for c in code.co_consts if inspect.iscode(c) for n in c.co_names}
        names |= used
        todo += [n for n in used if n in own]
    system = sorted(n for n in names if callable(getattr(os, n, None)) and n[0].islower()
                    and n in ("rename", "replace", "chmod", "symlink", "unlink", "utime", "link", "rmdir", "mkdir"))
    return sorted(seen - {"deploy_local"}), system


WITHDRAWN = "content/gzdt/2026/new6.md"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path]:
    """The sample site; the same with one more article; the same with that article withdrawn."""
    base = tmp_path_factory.mktemp("deploy6")
    site = copy_site(base / "repo")
    first = base / "first"
    build_site(site.root / "mkdocs.yml", first, quiet=True)
    site.article(WITHDRAWN, title="第二个版本才有的文章", column="gzdt", department="办公室")
    second = base / "second"
    build_site(site.root / "mkdocs.yml", second, quiet=True)
    site.article(WITHDRAWN, title="第二个版本才有的文章", column="gzdt", department="办公室", status="withdrawn",
                 withdrawn_reason="内容有误", withdrawn_at="2026-11-30 10:00")
    third = base / "third"
    shutil.copytree(second, base / "prev", symlinks=True)
    build_site(site.root / "mkdocs.yml", third, quiet=True, previous=base / "prev")
    return base, first, second, third


@pytest.fixture
def two_builds(builds):
    return builds[:3]


def test_rollback_never_brings_back_an_article_withdrawn_since(builds, tmp_path):
    _, first, second, third = builds
    target = tmp_path / "www"
    for rid, build in (("r1", first), ("r2", second), ("r3", third)):
        deploy.deploy_local(_copy(build, tmp_path / rid), target, rid, move=True)
    with pytest.raises(GovpubError) as info:
        deploy.rollback(target)  # r2 still shows the article r3 withdrew
    assert "gzdt/2026/new6.md" in info.value.message and info.value.hint
    assert deploy.current_release(target) == "r3"
    with pytest.raises(GovpubError):
        deploy.rollback(target, to="r2")
    assert deploy.rollback(target, to="r1") == "r1"  # before the article existed: nothing comes back
    assert "第二个版本才有的文章" not in (target / "current/gzdt/index.html").read_text("utf-8")
    with pytest.raises(GovpubError):
        deploy.rollback(target, to="r2")  # forward to r2 is no better: r3 is still the newest decision
    assert deploy.rollback(target, to="r3") == "r3"


def test_rollback_to_a_release_with_nothing_withdrawn_since_is_allowed(builds, tmp_path):
    _, first, second, _ = builds
    target = tmp_path / "www"
    deploy.deploy_local(_copy(first, tmp_path / "a"), target, "r1", move=True)
    deploy.deploy_local(_copy(second, tmp_path / "b"), target, "r2", move=True)
    assert deploy.rollback(target) == "r1" and deploy.current_release(target) == "r1"


def _whole(release: Path, build: Path) -> bool:
    want = sorted(p.relative_to(build).as_posix() for p in build.rglob("*") if p.name != incremental.MANIFEST)
    return sorted(p.relative_to(release).as_posix() for p in release.rglob("*")) == want


@pytest.mark.slow
def test_a_deploy_killed_at_every_edge_leaves_a_whole_site_live_and_the_rerun_converges(two_builds, tmp_path):
    base, first, second = two_builds
    funcs, system = _deploy_steps()
    assert {"_point_current", "_keep_manifest_out", "_rename_into", "prune"} <= set(funcs)
    assert {"rename", "replace", "symlink"} <= set(system)
    pristine = tmp_path / "pristine"
    deploy.deploy_local(_copy(first, tmp_path / "b0"), pristine, "r1", move=True)

    def run_killed(target: Path, build: Path, kill_at: int | None, trace: Path | None) -> int:
        pid = os.fork()
        if pid == 0:  # the child: deploy, killing itself at edge kill_at
            code = 0
            try:
                count = [0]
                log = open(trace, "a", encoding="utf-8") if trace else None  # noqa: SIM115

                def edge(label: str) -> None:
                    count[0] += 1
                    if log is not None:
                        log.write(label + "\n")
                        log.flush()
                    if count[0] == kill_at:
                        os.kill(os.getpid(), signal.SIGKILL)

                def wrap(owner: object, name: str) -> None:
                    fn = getattr(owner, name)

                    def wrapped(*a, **kw):  # noqa: ANN002, ANN003, ANN202
                        edge(f"before {name}")  # the state after a step is the next one's start
                        return fn(*a, **kw)

                    setattr(owner, name, wrapped)

                for name in funcs:
                    wrap(deploy, name)
                for name in system:
                    wrap(os, name)
                deploy.deploy_local(build, target, "r2", keep=5, info={"commit": "c2"}, move=True)
            except BaseException:  # noqa: BLE001
                code = 1
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)

    trace = tmp_path / "edges.txt"
    target = tmp_path / "t0"
    shutil.copytree(pristine, target, symlinks=True)
    assert run_killed(target, _copy(second, tmp_path / "b1"), None, trace) == 0
    edges = trace.read_text("utf-8").splitlines()
    assert any("_point_current" in e for e in edges) and any("rename" in e for e in edges) and len(edges) >= 8
    for k, label in enumerate(edges, 1):
        target = tmp_path / f"t{k}"
        shutil.copytree(pristine, target, symlinks=True)
        code = run_killed(target, _copy(second, tmp_path / f"b{k}x"), k, None)
        assert code == -signal.SIGKILL, f"edge {k} ({label}) not reached"
        live = deploy.current_release(target)
        served = target / "current"
        where = f"killed at edge {k} ({label})"
        assert live in ("r1", "r2"), where
        assert _whole(served.resolve(), first if live == "r1" else second), where  # never a mix or a half
        assert not (served / incremental.MANIFEST).exists(), where
        deploy.deploy_local(_copy(second, tmp_path / f"b{k}y"), target, "r2", keep=5, info={"commit": "c2"}, move=True)
        assert deploy.current_release(target) == "r2" and _whole(served.resolve(), second), where
        assert deploy.published(str(target))["commit"] == "c2", where
        assert [p.name for p in (target / "releases").iterdir() if p.name.startswith(".")] == [], where
        assert [p.name for p in target.iterdir() if p.name.startswith("current.")] == [], where
        assert {p.stem for p in (target / incremental.DEPLOYED_MANIFESTS).iterdir()} <= {"r1", "r2"}, where
        shutil.rmtree(target)


def _copy(build: Path, dest: Path) -> Path:
    shutil.copytree(build, dest, symlinks=True)
    return dest


# -- what leaves through a channel --------------------------------------------------------
def _gps_photo(path: Path, colour: tuple[int, int, int]) -> None:
    image = Image.new("RGB", (900, 383), colour)
    exif = image.getexif()
    exif[0x013B] = "PHOTOGRAPHER-NAME"
    exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 16.0, 0.0), 3: "E", 4: (110.0, 21.0, 0.0)})
    image.save(path, "JPEG", exif=exif.tobytes())


def test_uploaded_images_and_the_draft_carry_nothing_internal(site, double):
    rels = make_light(site, 1)
    folder = site.root / "content/gzdt/2026"
    _gps_photo(folder / "c0.jpg", (30, 30, 90))
    _gps_photo(folder / "scene.jpg", (90, 30, 30))
    text = (site.root / rels[0]).read_text("utf-8")
    text = text.replace("title:", "reviewer_note: 审核意见内部掌握\ntitle:", 1)
    text += "\n<!-- 内部：领导批示勿外传 -->\n\n![现场](scene.jpg)\n"
    (site.root / rels[0]).write_text(text, "utf-8")
    assert converge(site.root, double) == {rels[0]: "published"}
    uploads = [*double.state.images.values(), *double.state.materials.values()]
    assert len(uploads) == 2
    for data in uploads:
        assert b"Exif" not in data and b"PHOTOGRAPHER-NAME" not in data
        assert not Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    live = double.live_articles()[0]
    payload = json.dumps(live, ensure_ascii=False)
    assert "领导批示" not in payload and "审核意见" not in payload and "<!--" not in live["content"]


@pytest.mark.parametrize("field, value", [("status", "draft"), ("status", "Withdrawn"), ("date", "2099-01-01 09:00"),
                                          ("channels", '"website 不发 wechat nanfang"')])
def test_an_article_held_back_reaches_no_channel(site, double, field, value):
    rels = make_light(site, 2)
    path = site.root / rels[0]
    lines = [ln for ln in path.read_text("utf-8").splitlines() if not ln.startswith(f"{field}:")]
    lines.insert(1, f"{field}: {value}")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    states = converge(site.root, double, platforms=("wechat", "nanfang"))
    assert by_title(double) == {MORE[1]: 1}
    assert rels[0] not in states and all("n0" not in str(p) for p in (site.root / "publish-out").rglob("*"))


def test_an_article_that_becomes_a_draft_is_taken_down(site, double):
    rels = make_light(site, 2)
    converge(site.root, double)
    path = site.root / rels[0]
    path.write_text(path.read_text("utf-8").replace("title:", "status: draft\ntitle:", 1), "utf-8")
    assert converge(site.root, double)[rels[0]] == "retracted"
    assert by_title(double) == {MORE[1]: 1} and ledger(site)[rels[0]]["state"] == "retracted"


def test_an_unregistered_platform_in_channels_receives_nothing(site, double):
    rels = make_light(site, 1)
    path = site.root / rels[0]
    path.write_text(path.read_text("utf-8").replace("[website, wechat]", "[website, wechat, weibo, toutiao]"), "utf-8")
    with client_for(double) as client:
        result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None,
                                   clients={"wechat": client}, platforms=None)
    assert {r.platform for r in result.rows} <= {"website", "wechat", "nanfang"}
    assert by_title(double) == {MORE[0]: 1}


# -- two runners at once ----------------------------------------------------------------------
@pytest.mark.slow
def test_two_runners_with_their_own_clones_publish_each_article_once(site, tmp_path):
    """Two CI runners: two clones of one remote, started together against one account. The
    publish lock (refs/govpub/lock, pushed with a lease) lets one run at a time; the second
    fetches the first one's ledger and finds nothing left to do."""
    make_light(site, 3)
    bare = _remote(site, tmp_path)
    clones = []
    for name in ("runner-a", "runner-b"):
        clone = tmp_path / name
        subprocess.run(["git", "clone", "-q", str(bare), str(clone)], check=True)
        clones.append(clone)
    env = {**os.environ, "GOVPUB_WECHAT_APPID": State().appid, "GOVPUB_WECHAT_SECRET": State().secret,
           "GOVPUB_REMOTE": "origin"}
    servers = [SyncServer(tmp_path / f"out-{k}") for k in range(2)]
    for k in range(2):
        (tmp_path / f"out-{k}").mkdir()
    results: list[subprocess.CompletedProcess] = []
    try:
        with WeChatDouble() as double:
            threads = [threading.Thread(target=lambda s=s, c=c: results.append(s.run(double, None, c, env)))
                       for s, c in zip(servers, clones, strict=True)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert [r.returncode for r in results] == [0, 0], [r.stdout for r in results]
            assert by_title(double) == {t: 1 for t in MORE[:3]}
            assert double.calls["/cgi-bin/freepublish/submit"] == 3 and double.state.drafts == {}
            published = sorted(r.stdout.count(" published ") for r in results)
            assert published == [0, 3], [r.stdout for r in results]  # one did the work, the other found it done
    finally:
        for s in servers:
            s.close()


def test_an_article_waiting_for_its_time_appears_with_the_first_publish_after_it(tmp_path, monkeypatch):
    """The same commit published again once the time has come: a new release with the article
    (the release id that is live would not be deployed again), on the website and on WeChat."""
    from datetime import datetime

    from govpub import clock

    site = copy_site(tmp_path / "repo")
    rel = "content/gzdt/2026/scheduled.md"
    site.article(rel, title="定时发布的通知", column="gzdt", department="办公室", date="2026-12-10 10:00")
    for args in (("init", "-q", "-b", "main"), ("add", "-A"), ("commit", "-qm", "内容")):
        site.git(*args)
    commit = site.git("rev-parse", "HEAD").stdout.strip()
    target = tmp_path / "www"

    reports = []

    def publish(now: datetime) -> str:
        monkeypatch.setattr(clock, "wall_now", lambda: now)
        result = pipeline.converge(site.root, commit, out=tmp_path / "out", deploy=str(target), remote=None,
                                   platforms=["website"])
        assert result.ok, result.report()
        reports.append(result.report())
        return str(deploy.current_release(target))

    before = publish(datetime(2026, 12, 10, 9, 59))
    page = target / "current/gzdt/2026/scheduled/index.html"
    assert not page.exists() and "定时发布的通知" not in (target / "current/gzdt/index.html").read_text("utf-8")
    assert publish(datetime(2026, 12, 10, 9, 59)) == before  # nothing due yet: the same release
    assert f"{rel}（发布时间 2026-12-10 10:00 还没有到）" in reports[-1]  # the report says why it is not there
    after = publish(datetime(2026, 12, 10, 10, 0))
    assert after == commit[:12] != before and page.is_file()
    assert "定时发布的通知" in (target / "current/gzdt/index.html").read_text("utf-8")


def test_a_withdrawn_articles_hand_off_bundle_does_not_stay_behind(site, double, monkeypatch):
    """A 南方号 bundle left in publish-out/ by an earlier run could be handed off again."""
    monkeypatch.setenv("GOVPUB_WECHAT_APPID", double.state.appid)  # the publish environment: the 南方号
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", double.state.secret)  # ledger is sealed with its key
    rels = make_light(site, 2)
    for rel in rels:
        path = site.root / rel
        path.write_text(path.read_text("utf-8").replace("[website, wechat]", "[website, nanfang]"), "utf-8")
    out = site.root / "publish-out" / "nanfang"
    assert set(converge(site.root, double, platforms=("nanfang",)).values()) == {"bundled"}
    assert (out / "n0" / "manifest.json").is_file() and (out / "n1" / "body.html").is_file()
    withdraw(site, rels[0])
    states = converge(site.root, double, platforms=("nanfang",))
    assert states == {rels[0]: "retract_requested"}
    assert not (out / "n0").exists() and (out / "n1" / "body.html").is_file()


@pytest.mark.slow
def test_a_retraction_killed_at_every_edge_ends_with_every_copy_gone(site, tmp_path, sync_server):
    """govpub retract SIGKILLed at the start of each of its steps, then run again by the drafter:
    no copy and no draft of the article is left on the account, the other one stays, and the
    ledger says retracted with the reason; a publish run after that puts nothing back."""
    rels = make_light(site, 2)
    env = {**os.environ, "GOVPUB_WECHAT_APPID": State().appid, "GOVPUB_WECHAT_SECRET": State().secret,
           "GOVPUB_REMOTE": ""}
    retract_env = {**env, "GOVPUB_TEST_RETRACT": rels[0]}
    original = (site.root / rels[0]).read_text("utf-8")
    with WeChatDouble() as first:
        assert sync_server.run(first, None, site.root, env).returncode == 0
        # a stale draft of the article too (a run once killed before it could submit)
        fields = {k: v for k, v in first.live_articles()[0].items() if k not in ("article_id", "url")}
        with client_for(first) as client:
            client.draft_add(fields)
        snapshot = (copy.deepcopy(first.state), first.calls.copy(),
                    site.git("rev-parse", "refs/govpub/ledger").stdout.strip())

    def start(double: WeChatDouble) -> None:
        double.state = copy.deepcopy(snapshot[0])
        double.calls.update(snapshot[1])
        site.git("update-ref", "refs/govpub/ledger", snapshot[2])
        subprocess.run(["git", "update-ref", "-d", "refs/govpub/lock"], cwd=site.root, check=False)
        (site.root / rels[0]).write_text(original, "utf-8")

    trace = tmp_path / "edges.txt"
    with WeChatDouble() as clean:
        start(clean)
        assert sync_server.run(clean, None, site.root, retract_env, edges=str(trace)).returncode == 0
        assert by_title(clean) == {MORE[1]: 1} and clean.state.drafts == {}
    edges = trace.read_text("utf-8").splitlines()
    assert any("publish_delete" in e for e in edges) and any("draft_delete" in e for e in edges) and len(edges) >= 8
    kills = distinct_edges(edges)
    assert {label for _, label in kills} == set(edges)
    for k, label in kills:
        with WeChatDouble() as double:
            start(double)
            assert sync_server.run(double, None, site.root, retract_env, kill_edge=k).returncode == -signal.SIGKILL
            again = sync_server.run(double, None, site.root, retract_env)
            where = f"killed at edge {k} ({label}): {again.stdout} {double.log}"
            assert again.returncode == 0, where
            assert by_title(double) == {MORE[1]: 1} and double.state.drafts == {}, where
            entry = json.loads(site.git("show", "refs/govpub/ledger:wechat.json").stdout)[rels[0]]
            assert entry["state"] == "retracted" and entry["retracted_reason"] == "内容有误", where
            assert "status: withdrawn" in (site.root / rels[0]).read_text("utf-8"), where
            assert sync_server.run(double, None, site.root, env).returncode == 0, where
            assert by_title(double) == {MORE[1]: 1}, where
