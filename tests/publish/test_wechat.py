"""WeChat sync against a loopback double that enforces the documented contract."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import article_text
from PIL import Image
from wechat_double import WeChatDouble, by_title

from govpub.content import article as article_mod
from govpub.publish.ledger import Ledger
from govpub.publish.wechat import prepare, retract, sync
from govpub.publish.wechat_client import WeChatClient, WeChatError

TITLES = ["湛江市司法局开展法律援助进社区活动", "市司法局召开普法工作推进会"]


def noisy_png(path: Path, size: tuple[int, int], seed: int) -> None:
    rng = random.Random(seed)
    image = Image.frombytes("RGB", size, bytes(rng.getrandbits(8) for _ in range(size[0] * size[1] * 3)))
    image.save(path, "PNG")


def make_articles(site) -> list[str]:
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


@pytest.fixture
def double():
    with WeChatDouble() as d:
        yield d


def client_for(double: WeChatDouble) -> WeChatClient:
    return WeChatClient(double.state.appid, double.state.secret, base_url=double.url, timeout=1.0,
                        sleep=lambda s: None)


def sync_all(site, double, rels) -> list:
    ledger = Ledger(site.root, "wechat")
    with client_for(double) as client:
        return [sync(client, ledger, article_mod.load(site.root, site.root / r), site.root,
                     f"https://www.zhanjiang.gov.cn/sfj/{r}") for r in rels]


def test_clean_run_then_unchanged_rerun(site, double):
    rels = make_articles(site)
    outcomes = sync_all(site, double, rels)
    assert [o.state for o in outcomes] == ["published", "published"]
    assert by_title(double) == {t: 1 for t in TITLES}
    assert double.calls["/cgi-bin/stable_token"] == 1  # the token was cached for the run
    first = sum(double.calls.values())
    outcomes = sync_all(site, double, rels)
    assert [o.state for o in outcomes] == ["unchanged", "unchanged"]
    assert sum(double.calls.values()) == first  # an unchanged re-run makes no call
    ledger = json.loads((site.root / "records/ledger/wechat.json").read_text("utf-8"))
    entry = ledger[rels[0]]
    assert entry["state"] == "published" and entry["article_url"].startswith("https://mp.weixin.qq.com/s/")
    live = double.live_articles()[0]
    assert live["content_source_url"] == f"https://www.zhanjiang.gov.cn/sfj/{rels[0]}"
    assert "mmbiz.qpic.cn" in live["content"] and "style=" in live["content"] and "class=" not in live["content"]
    assert "[1]" in live["content"] and "https://www.12348.gov.cn/" in live["content"]  # link as a footnote
    assert "<a " not in live["content"]
    assert all(len(data) < 1024 * 1024 for data in double.state.images.values())


def test_edited_article_is_republished_once(site, double):
    rels = make_articles(site)
    sync_all(site, double, rels)
    old_url = json.loads((site.root / "records/ledger/wechat.json").read_text("utf-8"))[rels[0]]["article_url"]
    path = site.root / rels[0]
    path.write_text(path.read_text("utf-8").replace("现场解答群众咨询", "现场解答群众咨询60余人次"), "utf-8")
    outcomes = sync_all(site, double, rels)
    assert [o.state for o in outcomes] == ["published", "unchanged"]
    assert by_title(double) == {t: 1 for t in TITLES}  # the old one deleted, the new one live
    entry = json.loads((site.root / "records/ledger/wechat.json").read_text("utf-8"))[rels[0]]
    assert entry["article_url"] != old_url and entry["previous_url"] == old_url
    assert double.calls["/cgi-bin/media/uploadimg"] == 4  # images were not uploaded again
    assert double.calls["/cgi-bin/material/add_material"] == 2


def test_field_limits_are_checked_before_any_call(site, double):
    rels = make_articles(site)
    site.write(rels[0], (site.root / rels[0]).read_text("utf-8").replace(TITLES[0], "标" * 33))
    outcomes = sync_all(site, double, rels[:1])
    assert outcomes[0].state == "failed" and "32" in outcomes[0].message
    assert sum(double.calls.values()) == 0


@pytest.mark.parametrize("path, code", [("/cgi-bin/draft/add", -1), ("/cgi-bin/media/uploadimg", 45011)])
def test_busy_is_retried_with_backoff(site, double, path, code):
    rels = make_articles(site)
    double.inject(path, "errcode", code, times=2)
    outcomes = sync_all(site, double, rels[:1])
    assert outcomes[0].state == "published" and by_title(double) == {TITLES[0]: 1}


def test_invalid_token_refreshes_once(site, double):
    rels = make_articles(site)
    double.inject("/cgi-bin/draft/add", "errcode", 40001, times=1)
    outcomes = sync_all(site, double, rels[:1])
    assert outcomes[0].state == "published"
    assert double.calls["/cgi-bin/stable_token"] == 2


@pytest.mark.parametrize("code, words", [(45009, "明天"), (40164, "白名单"), (48001, "认证"), (89503, "确认")])
def test_fatal_errors_stop_with_a_clear_message(site, double, code, words):
    rels = make_articles(site)
    double.inject("/cgi-bin/draft/add", "errcode", code, times=5)
    with pytest.raises(WeChatError) as exc:
        sync_all(site, double, rels[:1])
    assert exc.value.code == code and words in str(exc.value)
    assert double.calls["/cgi-bin/draft/add"] == 1  # no retry loop


def test_rejected_by_the_publish_check_goes_to_a_person(site, double):
    rels = make_articles(site)
    double.inject("/cgi-bin/freepublish/submit", "errcode", 53503)
    outcomes = sync_all(site, double, rels[:1])
    assert outcomes[0].state == "needs_person" and "人工" in outcomes[0].message


@pytest.mark.parametrize("path", ["/cgi-bin/draft/add", "/cgi-bin/freepublish/submit",
                                  "/cgi-bin/material/add_material", "/cgi-bin/media/uploadimg"])
def test_response_dropped_after_the_server_acted(site, double, path):
    rels = make_articles(site)
    double.timeout = 1.5
    double.inject(path, "drop")
    outcomes = sync_all(site, double, rels[:1])
    assert outcomes[0].state == "published"
    assert by_title(double) == {TITLES[0]: 1}
    assert double.state.drafts == {}  # no orphan draft left behind
    assert len(double.state.materials) == 1  # the cover was not uploaded twice


def test_still_publishing_is_checked_on_the_next_run(site, double):
    rels = make_articles(site)
    double.state.publishing_polls = 1
    assert sync_all(site, double, rels[:1])[0].state == "publishing"
    assert sync_all(site, double, rels[:1])[0].state == "published"
    assert double.calls["/cgi-bin/freepublish/submit"] == 1


def test_retract_deletes_and_records_the_reason(site, double):
    rels = make_articles(site)
    sync_all(site, double, rels[:1])
    ledger = Ledger(site.root, "wechat")
    with client_for(double) as client:
        outcome = retract(client, ledger, rels[0], "内容有误")
    assert outcome.state == "retracted" and by_title(double) == {}
    entry = json.loads((site.root / "records/ledger/wechat.json").read_text("utf-8"))[rels[0]]
    assert entry["state"] == "retracted" and entry["retracted_reason"] == "内容有误"


def test_prepare_rejects_a_missing_cover(site):
    rels = make_articles(site)
    (site.root / "content/ggflfw/2026/cover0.jpg").unlink()
    from govpub.publish.wechat import ValidationError

    with pytest.raises(ValidationError, match="封面"):
        prepare(article_mod.load(site.root, site.root / rels[0]), site.root, "https://x")


def test_killed_after_every_call_publishes_each_article_exactly_once(site, tmp_path):
    """Kill the sync process right after the server acted on call k, for every k; run again."""
    rels = make_articles(site)
    from wechat_double import State

    env = {**os.environ, "GOVPUB_WECHAT_APPID": State().appid, "GOVPUB_WECHAT_SECRET": State().secret}
    script = Path(__file__).with_name("run_sync.py")

    def run(double: WeChatDouble, kill_at: int | None) -> subprocess.CompletedProcess:
        running: dict[str, subprocess.Popen] = {}
        double.kill_at = kill_at  # armed before the process can make its first call
        double.on_kill = lambda: running["proc"].kill()
        proc = running["proc"] = subprocess.Popen([sys.executable, str(script), str(site.root), *rels],
                                                  env={**env, "GOVPUB_WECHAT_API": double.url},
                                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = proc.communicate(timeout=120)
        double.kill_at = None
        return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)

    with WeChatDouble() as clean:
        assert run(clean, None).returncode == 0
        total = clean.state.counter
    assert total >= 10
    ledger = site.root / "records/ledger/wechat.json"
    for k in range(1, total + 1):
        ledger.unlink(missing_ok=True)
        with WeChatDouble() as double:
            killed = run(double, k)
            assert killed.returncode != 0, f"call {k}: the process was not killed"
            again = run(double, None)
            assert again.returncode == 0, again.stderr
            assert by_title(double) == {t: 1 for t in TITLES}, f"killed after call {k}: {double.log}"
            assert double.state.drafts == {}, f"killed after call {k}: orphan drafts"
            assert len(double.state.materials) == 2, f"killed after call {k}: covers uploaded twice"
