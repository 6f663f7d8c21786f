"""The WeChat channel, driven through the pipeline's library function, against a loopback
double that enforces the documented contract and injects faults: every run must end with
each wanted article live exactly once and each withdrawn one gone."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import FORKED_CPU, article_text
from PIL import Image
from run_sync import distinct_edges
from wechat_double import WeChatDouble, by_title

from govpub.content import article as article_mod
from govpub.publish import pipeline
from govpub.publish.wechat import prepare
from govpub.publish.wechat_client import WeChatClient

TITLES = ["湛江市司法局开展法律援助进社区活动", "市司法局召开普法工作推进会"]


def noisy_png(path: Path, size: tuple[int, int], seed: int) -> None:
    rng = random.Random(seed)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    image.save(path, "PNG")


def make_articles(site) -> list[str]:
    if not (site.root / ".git").exists():
        site.write("mkdocs.yml", "site_name: 测试\nsite_url: https://www.zhanjiang.gov.cn/sfj/\n")
        site.git("init", "-q", "-b", "main")
    rels = []
    for i, title in enumerate(TITLES):
        folder = site.root / "content/ggflfw/2026"
        folder.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (900, 383), (180, 30, 30 + i)).save(folder / f"cover{i}.jpg", "JPEG")
        noisy_png(folder / f"big{i}.png", (700, 600), i)  # about 1.2 MB: must be re-encoded
        Image.new("RGB", (400, 300), (20, 90, 160 + i)).save(folder / f"small{i}.jpg", "JPEG")
        body = ("11月20日，市司法局开展活动，现场解答群众咨询。\n\n![活动现场](big{i}.png)\n\n"
                "详见[中国法律服务网](https://www.12348.gov.cn/)。\n\n![宣传资料](small{i}.jpg)\n\n"
                "| 项目 | 数量 |\n|---|---|\n| 咨询 | 45人次 |\n").replace("{i}", str(i))
        rel = f"content/ggflfw/2026/a{i}.md"
        site.write(rel, article_text(body=body, title=title, column="ggflfw", department="公共法律服务管理科",
                                     channels="[website, wechat]", cover=f"cover{i}.jpg", summary="活动简讯。"))
        rels.append(rel)
    return rels


MORE = ["司法局开展法治宣传进校园", "人民调解员业务培训班开班", "公共法律服务中心延时服务", "律师行业党建工作会议召开",
        "法律援助案件质量评查结果"]
WRITES = ("/cgi-bin/media/uploadimg", "/cgi-bin/material/add_material", "/cgi-bin/draft/add",
          "/cgi-bin/draft/delete", "/cgi-bin/freepublish/submit", "/cgi-bin/freepublish/delete")


def make_light(site, n: int = 5) -> list[str]:
    """n small articles (cover only), for the fault matrix."""
    make_articles_folder = site.root / "content/gzdt/2026"
    if not (site.root / ".git").exists():
        site.write("mkdocs.yml", "site_name: 测试\nsite_url: https://www.zhanjiang.gov.cn/sfj/\n")
        site.git("init", "-q", "-b", "main")
    make_articles_folder.mkdir(parents=True, exist_ok=True)
    rels = []
    for i, title in enumerate(MORE[:n]):
        Image.new("RGB", (900, 383), (30, 30 + i, 90)).save(make_articles_folder / f"c{i}.jpg", "JPEG")
        rel = f"content/gzdt/2026/n{i}.md"
        site.write(rel, article_text(body=f"第{i + 1}条动态。详见[说明](https://www.12348.gov.cn/)。\n", title=title,
                                     column="gzdt", department="办公室", channels="[website, wechat]",
                                     cover=f"c{i}.jpg", summary="动态。"))
        rels.append(rel)
    return rels


@pytest.fixture
def double():
    with WeChatDouble() as d:
        yield d


def client_for(double: WeChatDouble) -> WeChatClient:
    return WeChatClient(double.state.appid, double.state.secret, base_url=double.url, timeout=1.0,
                        sleep=lambda s: None)


def converge(site, double, **kw) -> dict[str, str]:
    """One run of the pipeline for the wechat channel: {article: state}."""
    with client_for(double) as client:
        result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None,
                                   clients={"wechat": client}, platforms=["wechat"], **kw)
    return {r.article: r.state for r in result.rows}


def until_settled(site, double, runs: int = 4) -> None:
    for _ in range(runs):
        if not {"publishing", "failed", "retract_pending"} & set(converge(site, double).values()):
            return


def ledger(site) -> dict:
    return json.loads((site.root / "records/ledger/wechat.json").read_text("utf-8"))


def writes(double) -> int:
    return sum(double.calls[p] for p in WRITES)


def test_clean_run_then_unchanged_rerun(site, double):
    rels = make_articles(site)
    assert converge(site, double) == {r: "published" for r in rels}
    assert by_title(double) == {t: 1 for t in TITLES}
    assert double.calls["/cgi-bin/stable_token"] == 1  # the token was cached for the run
    before = sum(double.calls.values())
    assert converge(site, double) == {}  # already converged: no step
    assert sum(double.calls.values()) == before  # the ledger says all is in place: no call at all
    entry = ledger(site)[rels[0]]
    assert entry["state"] == "published" and entry["article_url"].startswith("https://mp.weixin.qq.com/s/")
    assert site.git("show", "refs/govpub/ledger:wechat.json").stdout.count('"published"') == 2  # the durable copy
    live = next(a for a in double.live_articles() if a["title"] == TITLES[0])
    url = f"https://www.zhanjiang.gov.cn/sfj/ggflfw/2026/a0/#govpub-{entry['content_hash'][:16]}"
    assert live["content_source_url"] == url  # the website URL with govpub's ownership marker
    assert "mmbiz.qpic.cn" in live["content"] and "style=" in live["content"] and "class=" not in live["content"]
    assert "[1]" in live["content"] and "https://www.12348.gov.cn/" in live["content"]  # link as a footnote
    assert "<a " not in live["content"]
    assert all(len(data) < 1024 * 1024 for data in double.state.images.values())


def test_edited_article_is_republished_once_and_the_old_version_deleted(site, double):
    rels = make_articles(site)
    converge(site, double)
    old_url = ledger(site)[rels[0]]["article_url"]
    path = site.root / rels[0]
    path.write_text(path.read_text("utf-8").replace("现场解答群众咨询", "现场解答群众咨询60余人次"), "utf-8")
    assert converge(site, double) == {rels[0]: "published"}
    assert by_title(double) == {t: 1 for t in TITLES}  # the old one deleted, the new one live
    entry = ledger(site)[rels[0]]
    assert entry["article_url"] != old_url and entry["previous_url"] == old_url
    assert double.calls["/cgi-bin/media/uploadimg"] == 6  # the new version's images, afresh (no library slot)
    assert double.calls["/cgi-bin/material/add_material"] == 2  # the cover (a library slot) was not uploaded again


def test_field_limits_are_checked_before_any_write(site, double):
    rels = make_articles(site)
    site.write(rels[0], (site.root / rels[0]).read_text("utf-8").replace(TITLES[0], "标" * 33))
    states = converge(site, double)
    assert states[rels[0]] == "failed" and by_title(double) == {TITLES[1]: 1}
    assert "32" in ledger(site)[rels[0]]["error"]


@pytest.mark.parametrize("path, code", [("/cgi-bin/draft/add", -1), ("/cgi-bin/media/uploadimg", 45011)])
def test_busy_is_retried_with_backoff(site, double, path, code):
    make_articles(site)
    double.inject(path, "errcode", code, times=2)
    converge(site, double)
    assert by_title(double) == {t: 1 for t in TITLES}


@pytest.mark.parametrize("code", [40001, 42001])
def test_invalid_or_expired_token_is_renewed(site, double, code):
    make_light(site, 2)
    double.inject("/cgi-bin/draft/add", "errcode", code, times=1)
    assert set(converge(site, double).values()) == {"published"}
    assert double.calls["/cgi-bin/stable_token"] == 2 and by_title(double) == {t: 1 for t in MORE[:2]}


@pytest.mark.parametrize("code, words", [(45009, "明天"), (40164, "白名单"), (48001, "认证"), (89503, "确认")])
def test_fatal_error_stops_the_channel_and_a_later_run_makes_it_good(site, double, code, words):
    rels = make_light(site, 3)
    double.inject("/cgi-bin/freepublish/submit", "errcode", code, times=1)
    states = converge(site, double)
    assert set(states.values()) == {"failed"} and double.calls["/cgi-bin/freepublish/submit"] == 1  # no retry loop
    assert words in ledger(site).get(rels[0], {}).get("error", "") or by_title(double) == {}
    with client_for(double) as client:
        result = pipeline.converge(site.root, "", out=site.root / "out", remote=None, clients={"wechat": client},
                                   platforms=["wechat"])
    assert result.ok and by_title(double) == {t: 1 for t in MORE[:3]}  # quota back: retried, once each
    assert double.state.drafts == {}


def test_fatal_error_message_names_what_to_do(site, double):
    make_light(site, 2)
    double.inject("/cgi-bin/draft/add", "errcode", 45009, times=1)
    with client_for(double) as client:
        result = pipeline.converge(site.root, "", out=site.root / "out", remote=None, clients={"wechat": client},
                                   platforms=["wechat"])
    assert not result.ok and "明天" in result.report() and "下次运行自动补上" in result.report()


def test_rejected_by_the_publish_check_goes_to_a_person(site, double):
    rels = make_light(site, 1)
    double.inject("/cgi-bin/freepublish/submit", "errcode", 53503)
    assert converge(site, double) == {rels[0]: "needs_person"}
    assert ledger(site)[rels[0]]["state"] == "needs_person"


ANSWERS = ["/cgi-bin/stable_token", "/cgi-bin/media/uploadimg", "/cgi-bin/material/add_material",
           "/cgi-bin/material/batchget_material", "/cgi-bin/draft/add", "/cgi-bin/draft/batchget",
           "/cgi-bin/freepublish/submit", "/cgi-bin/freepublish/get", "/cgi-bin/freepublish/batchget"]


@pytest.mark.parametrize("path", ANSWERS)
def test_every_answer_type_lost_after_the_server_acted(site, double, path):
    rels = make_light(site, 2)
    double.inject(path, "drop", times=2)
    until_settled(site, double)
    assert by_title(double) == {t: 1 for t in MORE[:2]}, double.log
    assert double.state.drafts == {}  # no orphan draft left behind
    assert len(double.state.materials) == 2  # no cover uploaded twice
    assert {ledger(site)[r]["state"] for r in rels} == {"published"}


def test_every_submit_answer_lost_five_articles_stay_five(site, double):
    make_light(site, 5)
    double.inject("/cgi-bin/freepublish/submit", "drop", times=99)
    first = converge(site, double)
    assert set(first.values()) == {"published"}  # the published list is read once after a lost submit
    double.faults.clear()
    until_settled(site, double)
    assert by_title(double) == {t: 1 for t in MORE}  # not ten
    assert double.calls["/cgi-bin/freepublish/submit"] == 5


def test_no_resubmit_while_the_publish_is_in_flight(site, double):
    """The draft stays in the box until the asynchronous publish finishes: that proves nothing."""
    make_light(site, 2)
    double.state.publish_delay = 5.0
    double.timeout = 1.0
    double.inject("/cgi-bin/freepublish/submit", "drop_silent", times=99)  # the client's read timeout
    converge(site, double)
    assert len(double.state.drafts) == 2 and by_title(double) == {}
    assert set(converge(site, double).values()) == {"publishing"}  # still in flight: wait, do not submit
    assert double.calls["/cgi-bin/freepublish/submit"] == 2
    double.advance(5.1)
    until_settled(site, double)
    assert by_title(double) == {t: 1 for t in MORE[:2]} and double.calls["/cgi-bin/freepublish/submit"] == 2


def test_a_submit_that_never_arrived_is_sent_again_after_the_settle_time(site, double, monkeypatch):
    make_light(site, 1)
    double.timeout = 1.0
    double.inject("/cgi-bin/freepublish/submit", "timeout", times=1)  # lost before the server acted
    assert set(converge(site, double).values()) == {"publishing"}
    assert set(converge(site, double).values()) == {"publishing"}  # inside the settle time: wait
    monkeypatch.setenv("GOVPUB_WECHAT_SETTLE_SECONDS", "0")
    until_settled(site, double)
    assert by_title(double) == {MORE[0]: 1}


def test_still_publishing_is_checked_on_the_next_run(site, double):
    rels = make_light(site, 1)
    double.state.publishing_polls = 1
    assert converge(site, double) == {rels[0]: "publishing"}
    assert converge(site, double) == {rels[0]: "published"}
    assert double.calls["/cgi-bin/freepublish/submit"] == 1


def withdraw(site, rel: str) -> None:
    from govpub.content.article import mark_withdrawn

    path = site.root / rel
    path.write_text(mark_withdrawn(path.read_text("utf-8"), "内容有误", "2026-11-26 10:00"), "utf-8")


def retract(site, double, rel: str) -> dict[str, str]:
    with client_for(double) as client:
        result = pipeline.retract(site.root, rel, "内容有误", out=site.root / "out", remote=None,
                                  clients={"wechat": client})
    return {r.platform: r.state for r in result.rows}


def test_retract_deletes_and_records_the_reason(site, double):
    rels = make_light(site, 2)
    converge(site, double)
    withdraw(site, rels[0])
    assert retract(site, double, rels[0])["wechat"] == "retracted"
    assert by_title(double) == {MORE[1]: 1}
    entry = ledger(site)[rels[0]]
    assert entry["state"] == "retracted" and entry["retracted_reason"] == "内容有误"
    assert converge(site, double) == {}  # converged: the withdrawn one stays away


def test_a_forged_ledger_cannot_change_what_is_published(site, double):
    """A drafter with push rights rewrites refs/govpub/ledger: no unreviewed picture, no skipped article."""
    rels = make_articles(site)
    from govpub.publish.ledger import Ledger
    from govpub.publish.wechat import _image_for_upload

    other = "http://mmbiz.qpic.cn/mmbiz_png/not-the-approved-picture/0"  # a real mmbiz image from elsewhere
    double.state.images[other] = b"\x89PNG"
    shas = {hashlib.sha256(_image_for_upload(p)[0]).hexdigest(): other
            for p in (site.root / "content/ggflfw/2026").iterdir()
            if p.suffix in (".png", ".jpg") and not p.name.startswith("cover")}
    with client_for(double) as client:  # another picture already in the account's library
        buf = io.BytesIO()
        Image.new("RGB", (900, 383), (0, 0, 0)).save(buf, "JPEG")
        swapped = client.add_material("other.jpg", buf.getvalue(), "image/jpeg")
    cover_sha = hashlib.sha256((site.root / "content/ggflfw/2026/cover0.jpg").read_bytes()).hexdigest()
    forged = Ledger(site.root, "wechat")
    for rel in rels:
        forged.update(rel, images=shas)
    forged.update(rels[0], cover={cover_sha: swapped})
    forged.update(rels[1], state="published", article_id="ART-999", content_hash="f" * 64)
    converge(site, double)
    assert by_title(double) == {t: 1 for t in TITLES}
    assert all("not-the-approved-picture" not in a["content"] for a in double.live_articles())
    assert all(a["thumb_media_id"] != swapped for a in double.live_articles())  # the approved cover, checked


def test_retract_mid_flight_deletes_it_once_the_publish_is_seen(site, double):
    rels = make_light(site, 1)
    double.state.publish_delay = 1.5
    assert converge(site, double) == {rels[0]: "publishing"}
    withdraw(site, rels[0])
    assert retract(site, double, rels[0])["wechat"] == "retract_pending"
    double.advance(1.6)
    assert converge(site, double) == {rels[0]: "retracted"}  # the next publish run finishes the job
    assert by_title(double) == {} and double.state.drafts == {}


def test_retract_deletes_every_copy_it_can_prove_is_its_own(site, double):
    rels = make_light(site, 1)
    converge(site, double)
    # an earlier bug published it twice; a person also published something unrelated
    fields = dict(double.live_articles()[0])
    with client_for(double) as client:
        client.publish_submit(client.draft_add({k: v for k, v in fields.items() if k not in ("article_id", "url")}))
        foreign = {**fields, "title": "人工发布的通知", "content_source_url": "https://www.zhanjiang.gov.cn/sfj/"}
        client.publish_submit(client.draft_add({k: v for k, v in foreign.items() if k not in ("article_id", "url")}))
    assert by_title(double) == {MORE[0]: 2, "人工发布的通知": 1}
    withdraw(site, rels[0])
    retract(site, double, rels[0])
    assert by_title(double) == {"人工发布的通知": 1}  # both own copies gone; the foreign one untouched


def test_a_duplicate_on_the_platform_is_deleted_and_reported(site, double, monkeypatch):
    rels = make_light(site, 1)
    converge(site, double)
    fields = dict(double.live_articles()[0])
    with client_for(double) as client:
        client.publish_submit(client.draft_add({k: v for k, v in fields.items() if k not in ("article_id", "url")}))
    assert by_title(double) == {MORE[0]: 2}
    assert converge(site, double) == {}  # the ledger is settled: the daily look is not due yet
    monkeypatch.setenv("GOVPUB_WECHAT_SCAN_HOURS", "0")
    assert converge(site, double) == {rels[0]: "duplicate"}
    assert by_title(double) == {MORE[0]: 1}


def test_a_deleted_article_is_taken_down(site, double):
    rels = make_light(site, 2)
    converge(site, double)
    (site.root / rels[1]).unlink()
    assert converge(site, double) == {rels[1]: "retracted"}
    assert by_title(double) == {MORE[0]: 1}


def test_two_runs_at_once_publish_each_article_once(site, double):
    make_light(site, 3)
    outcomes: list[dict] = []

    def run() -> None:
        outcomes.append(converge(site, double, lock_wait=120))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 2
    assert by_title(double) == {t: 1 for t in MORE[:3]}
    assert double.calls["/cgi-bin/freepublish/submit"] == 3
    assert sorted(len(o) for o in outcomes) == [0, 3]  # the second found nothing left to do


def test_prepare_rejects_a_missing_cover(site):
    rels = make_articles(site)
    (site.root / "content/ggflfw/2026/cover0.jpg").unlink()
    from govpub.publish.wechat import ValidationError

    with pytest.raises(ValidationError, match="封面"):
        prepare(article_mod.load(site.root, site.root / rels[0]), site.root, "https://x")


class SyncServer:
    """The fork server of run_sync.py: each run converges the WeChat account in a process of its
    own, started by a fork of an interpreter that has govpub imported already. A server closed
    by one test is taken by the next (it never runs a converge itself: a fork is a new run);
    two SyncServers open at once are two server processes."""

    idle: list[subprocess.Popen] = []

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.runs = 0
        self.busy = False
        while self.idle and self.idle[-1].poll() is not None:
            self.idle.pop()
        self.proc = self.idle.pop() if self.idle else subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("run_sync.py"))], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True)

    def _line(self) -> str:
        """The server's next line, read byte-wise: select sees only the pipe, never a line that a
        buffered readline already took (the pid and the return code of a short run come together)."""
        line = b""
        while not line.endswith(b"\n"):
            ready, _, _ = select.select([self.proc.stdout], [], [], 120)
            assert ready, "run_sync.py gave no answer within 120 s"
            byte = os.read(self.proc.stdout.fileno(), 1)
            assert byte, f"run_sync.py ended (return code {self.proc.poll()})"
            line += byte
        return line.decode().strip()

    def run(self, double: WeChatDouble, kill_at: int | None, root: Path, env: dict[str, str],
            **extra: object) -> subprocess.CompletedProcess:
        """One run against `double`, killed (SIGKILL) right after the server acted on call `kill_at`.
        extra: more fields of the request (run_sync.py: kill_edge, edges)."""
        self.runs += 1
        out = self.folder / f"run{self.runs}.txt"
        pid: list[int] = []
        known = threading.Event()

        def kill() -> None:  # on the double's thread: the child may call before its pid is read here
            assert known.wait(60)
            os.kill(pid[0], signal.SIGKILL)

        double.kill_at = kill_at  # armed before the process can make its first call
        double.on_kill = kill
        request = {"root": str(root), "env": {**env, "GOVPUB_WECHAT_API": double.url}, "out": str(out), **extra}
        self.busy = True
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        pid.append(int(self._line()))
        known.set()
        code, cpu = self._line().split()
        self.busy = False
        FORKED_CPU[0] += float(cpu)  # the server is not waited for by this test (GOVPUB_TEST_CPU)
        double.kill_at = None
        return subprocess.CompletedProcess([str(root)], int(code), out.read_text("utf-8"), "")

    def close(self) -> None:
        if self.busy:  # a run whose answer was not read (the test failed): the server goes with it
            self.proc.kill()
            self.proc.wait(timeout=30)
        else:
            self.idle.append(self.proc)


@pytest.fixture
def sync_server(tmp_path):
    server = SyncServer(tmp_path)
    yield server
    server.close()


@pytest.mark.slow
@pytest.mark.parametrize("fresh", [False, True], ids=["same-checkout", "fresh-checkout"])
def test_killed_after_every_call_publishes_each_article_exactly_once(site, tmp_path, fresh, sync_server):
    """Kill the publishing process right after the server acted on call k, for every k (but
    where the second article's calls repeat the first one's: run_sync.distinct_edges); run
    again, in the same checkout or in a fresh clone that only has what was pushed."""
    rels = make_articles(site)
    from wechat_double import State

    site.git("add", "-A")
    site.git("commit", "-qm", "articles")
    bare = tmp_path / "remote.git"
    site.git("init", "-q", "--bare", "-b", "main", str(bare))
    site.git("remote", "add", "origin", str(bare))
    site.git("push", "-q", "origin", "main")
    env = {**os.environ, "GOVPUB_WECHAT_APPID": State().appid, "GOVPUB_WECHAT_SECRET": State().secret,
           "GOVPUB_REMOTE": "origin"}

    def run(double: WeChatDouble, kill_at: int | None, root: Path) -> subprocess.CompletedProcess:
        return sync_server.run(double, kill_at, root, env)

    def reset() -> None:
        for ref in ("refs/govpub/ledger", "refs/govpub/lock"):
            site.git("update-ref", "-d", ref)
            subprocess.run(["git", "update-ref", "-d", ref], cwd=bare, check=False)
        (site.root / "records/ledger/wechat.json").unlink(missing_ok=True)

    with WeChatDouble() as clean:
        assert run(clean, None, site.root).returncode == 0
        calls = clean.log.copy()
    assert len(calls) >= 10
    kills = distinct_edges(calls, start="/cgi-bin/media/uploadimg")  # the second article repeats the first
    assert {path for _, path in kills} == set(calls)
    for k, _ in kills:
        reset()
        with WeChatDouble() as double:
            killed = run(double, k, site.root)
            assert killed.returncode != 0, f"call {k}: the process was not killed"
            root = site.root
            if fresh:
                root = tmp_path / f"fresh{k}"
                subprocess.run(["git", "clone", "-q", str(bare), str(root)], check=True)
            again = run(double, None, root)
            assert again.returncode == 0, again.stdout + again.stderr
            assert by_title(double) == {t: 1 for t in TITLES}, f"killed after call {k}: {double.log}"
            assert double.state.drafts == {}, f"killed after call {k}: orphan drafts"
            assert len(double.state.materials) == 2, f"killed after call {k}: covers uploaded twice"
    assert rels


def test_an_article_deleted_in_the_mp_backend_is_not_put_back_without_a_person(site, double, monkeypatch):
    rels = make_light(site, 2)
    converge(site, double)
    victim = next(a for a in double.live_articles() if a["title"] == MORE[0])
    double.state.articles[victim["article_id"]]["deleted"][0] = True  # removed by hand in the MP backend
    monkeypatch.setenv("GOVPUB_WECHAT_SCAN_HOURS", "0")
    assert converge(site, double) == {rels[0]: "needs_person"}
    assert by_title(double) == {MORE[1]: 1} and "已被删除" in ledger(site)[rels[0]]["error"]


@pytest.mark.parametrize("path", ["/cgi-bin/freepublish/delete", "/cgi-bin/draft/delete"])
def test_lost_delete_answers_end_with_every_withdrawn_copy_gone(site, double, path):
    rels = make_light(site, 2)
    double.state.publish_delay = 0.0
    converge(site, double)
    # leave a stale draft of the first article behind (a run killed before it could submit)
    fields = {k: v for k, v in double.live_articles()[0].items() if k not in ("article_id", "url")}
    with client_for(double) as client:
        client.draft_add(fields)
    double.inject(path, "drop", times=1)
    withdraw(site, rels[0])
    first = retract(site, double, rels[0])
    until_settled(site, double)
    assert by_title(double) == {MORE[1]: 1} and double.state.drafts == {}, first
    assert ledger(site)[rels[0]]["state"] == "retracted"


def test_an_orphan_of_this_site_is_deleted_and_another_sites_copy_left_alone(site, double, monkeypatch):
    rels = make_light(site, 1)
    converge(site, double)
    fields = {k: v for k, v in double.live_articles()[0].items() if k not in ("article_id", "url")}
    with client_for(double) as client:
        for source in ("https://www.zhanjiang.gov.cn/sfj/gzdt/2026/renamed/#govpub-0123456789abcdef",
                       "https://www.example.gov.cn/other/gzdt/2026/n0/#govpub-0123456789abcdef"):
            client.publish_submit(client.draft_add({**fields, "title": source.split("/")[3],
                                                    "content_source_url": source}))
    monkeypatch.setenv("GOVPUB_WECHAT_SCAN_HOURS", "0")
    states = converge(site, double)
    assert list(states.values()) == ["orphan"]
    assert by_title(double) == {MORE[0]: 1, "other": 1} and rels


@pytest.mark.slow
def test_killed_after_every_call_while_updating_and_withdrawing(site, tmp_path, sync_server):
    """An edited article (publish the new version, then delete the old) and a withdrawn one
    (delete every copy), killed after each call the server acted on, then run again."""
    from wechat_double import State

    rels = make_light(site, 3)
    env = {**os.environ, "GOVPUB_WECHAT_APPID": State().appid, "GOVPUB_WECHAT_SECRET": State().secret,
           "GOVPUB_REMOTE": ""}
    original = {r: (site.root / r).read_text("utf-8") for r in rels}

    def run(double: WeChatDouble, kill_at: int | None) -> subprocess.CompletedProcess:
        return sync_server.run(double, kill_at, site.root, env)

    def start(double: WeChatDouble) -> int:
        for ref in ("refs/govpub/ledger", "refs/govpub/lock"):
            subprocess.run(["git", "update-ref", "-d", ref], cwd=site.root, check=False)
        (site.root / "records/ledger/wechat.json").unlink(missing_ok=True)
        for r, text in original.items():
            (site.root / r).write_text(text, "utf-8")
        assert run(double, None).returncode == 0
        (site.root / rels[0]).write_text(original[rels[0]].replace("动态。详见", "动态（更新）。详见"), "utf-8")
        withdraw(site, rels[1])
        return double.state.counter

    with WeChatDouble() as clean:
        base = start(clean)
        assert run(clean, None).returncode == 0
        total = clean.state.counter - base
    assert total >= 5
    for k in range(1, total + 1):
        with WeChatDouble() as double:
            base = start(double)
            assert run(double, base + k).returncode != 0, f"call {k}: not killed"
            again = run(double, None)
            assert again.returncode == 0, again.stdout + again.stderr
            live = double.live_articles()
            assert by_title(double) == {MORE[0]: 1, MORE[2]: 1}, f"killed after call {k}: {double.log[base:]}"
            assert "（更新）" in next(a for a in live if a["title"] == MORE[0])["content"], f"call {k}"
            assert double.state.drafts == {}, f"killed after call {k}: orphan drafts"


def test_a_retracted_article_stays_down_until_its_withdrawal_is_merged(site, double):
    """govpub retract works on the drafter's tree; main still has the article until the
    withdrawal is merged, and a publish run in between must not put it back."""
    rels = make_light(site, 2)
    converge(site, double)
    before = (site.root / rels[0]).read_text("utf-8")
    withdraw(site, rels[0])
    retract(site, double, rels[0])
    (site.root / rels[0]).write_text(before, "utf-8")  # a publish run on main, before the merge
    assert converge(site, double)[rels[0]] == "retracted"
    assert by_title(double) == {MORE[1]: 1}
    withdraw(site, rels[0])  # the withdrawal is merged
    converge(site, double)
    assert by_title(double) == {MORE[1]: 1}
    (site.root / rels[0]).write_text(before, "utf-8")  # later restored through review
    until_settled(site, double)
    assert by_title(double) == {t: 1 for t in MORE[:2]}
