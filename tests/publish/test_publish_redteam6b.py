"""Second red team, round six (b): the publish side of the gate. Each test is an attempt by
someone with push rights (refs/govpub/* included) or a careless setting to get content to the
public, or to keep a withdrawn one there, without the three reviews."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time

import pytest
from helpers import Site
from test_gate import (  # noqa: F401 - repo_template and wechat (autouse) are fixtures
    TITLE_A,
    TITLE_B,
    A,
    B,
    article,
    git,
    live_pages,
    merge_pr,
    publish,
    repo_template,
    wechat,
)
from test_wechat import MORE, client_for, converge, ledger, make_light, withdraw
from wechat_double import WeChatDouble, by_title

from govpub.publish import pipeline
from govpub.publish.ledger import Store


@pytest.fixture
def repo(tmp_path, repo_template) -> Site:  # noqa: F811 - test_gate's fixture of the same name
    return Site(shutil.copytree(repo_template, tmp_path / "repo", symlinks=True))


@pytest.fixture
def double():
    with WeChatDouble() as d:
        yield d


def test_a_scan_time_from_the_future_in_the_ledger_does_not_keep_a_withdrawn_article_live(site, double):
    """A drafter pushes refs/govpub/ledger with the withdrawn article's entry gone and the last
    platform scan dated in 2100: the run would trust the ledger ("all in place") and never look
    at the platform again, so the withdrawn article would stay on the account for good."""
    rels = make_light(site, 2)
    converge(site, double)
    assert by_title(double) == {MORE[0]: 1, MORE[1]: 1}
    store = Store(site.root)
    entries = store.read("wechat") or {}
    entries.pop(rels[0])
    store.write("wechat", entries, "forged: entry gone")
    store.write("wechat.scan", {"last_scan": {"at": time.time() + 80 * 365 * 86400}}, "forged: scanned in 2100")
    withdraw(site, rels[0])  # the withdrawal is merged
    converge(site, double)
    assert by_title(double) == {MORE[1]: 1}  # taken down at once, not never
    scan = json.loads(site.git("show", "refs/govpub/ledger:wechat.scan.json").stdout)
    assert scan["last_scan"]["at"] <= time.time()  # the forged date is replaced by a real one


def test_a_forged_retraction_hold_in_the_ledger_takes_nothing_down(site, double):
    """`govpub retract` leaves a hold (retracted_hash) so that main's unchanged copy is not put
    back before the withdrawal is merged. A drafter who writes such a hold into
    refs/govpub/ledger for someone else's approved article must not get it deleted from the
    account: a withdrawal needs the review, not a ref anyone with push rights can write."""
    rels = make_light(site, 2)
    converge(site, double)
    store = Store(site.root)
    entries = store.read("wechat") or {}
    entries[rels[0]]["retracted_hash"] = ledger(site)[rels[0]]["content_hash"]
    entries[rels[0]]["state"] = "failed"  # so that the run converges it again
    store.write("wechat", entries, "forged: a retraction hold")
    store.write("wechat.scan", {"last_scan": {"at": 0}}, "forged: scan now")
    rows = converge(site, double)
    assert by_title(double) == {MORE[0]: 1, MORE[1]: 1}
    assert rows.get(rels[0]) != "retracted"


def register_appid(site, appid: str) -> None:
    path = site.root / "checks/registry/accounts.yml"
    text = path.read_text("utf-8")
    assert "  - platform: wechat\n" in text
    path.write_text(text.replace("  - platform: wechat\n", f"  - platform: wechat\n    appid: {appid}\n"), "utf-8")


def test_credentials_of_another_account_publish_nothing_there(site, double):
    """Art. 3: the secrets in the environment are set outside the repository. Credentials of
    another account (a test or personal account, a swapped secret) must not receive the
    bureau's articles when accounts.yml names the registered account's AppID."""
    registered = "wx" + secrets.token_hex(8)  # an AppID's shape, made at run time
    rels = make_light(site, 1)
    register_appid(site, registered)
    rows = converge(site, double)  # the double's account is "wx-test-app"
    assert not double.live_articles() and double.calls["/cgi-bin/stable_token"] == 0
    assert rels[0] not in rows or rows[rels[0]] != "published"
    double.state.appid = registered  # the registered account's own credentials
    assert converge(site, double) == {rels[0]: "published"}


def test_a_forged_website_hold_in_the_ledger_does_not_stop_a_reviewed_withdrawal(repo, tmp_path, forge):
    """`govpub retract --deploy` holds the website back while main still has the retracted
    version. A drafter who writes such a hold for some article into refs/govpub/ledger would
    stop every website update: a reviewed withdrawal of another article would never reach it."""
    from govpub.content.article import mark_withdrawn

    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article(TITLE_A), B: article(TITLE_B)})
    www = tmp_path / "www"
    assert publish(repo, forge, www, initial=base).returncode == 0
    store = Store(repo.root)
    store.write("website", {A: {"retracted_blob": git(repo.root, "rev-parse", f"HEAD:{A}"),
                                "retracted_reason": "伪造"}}, "forged: a website hold")
    merge_pr(repo, forge, 8, {B: mark_withdrawn(article(TITLE_B), "信息有误", "2026-11-29 10:00")})
    done = publish(repo, forge, www)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "网站未更新" not in done.stdout
    assert "该信息已撤回" in live_pages(www) and TITLE_A in live_pages(www)


@pytest.mark.parametrize("where", ["cover", "body"])
def test_a_picture_outside_the_articles_folder_is_not_sent(site, double, where):
    """An approved article that shows a picture kept elsewhere (another column's folder, the
    theme's assets) changes on the account whenever that file changes, under that file's
    review, not this article's: the channels send only pictures beside the article."""
    from PIL import Image

    rels = make_light(site, 1)
    other = site.root / "content/gzdt/2025"
    other.mkdir(parents=True)
    Image.new("RGB", (900, 383), (200, 0, 0)).save(other / "elsewhere.jpg", "JPEG")
    text = (site.root / rels[0]).read_text("utf-8")
    if where == "cover":
        text = text.replace("cover: c0.jpg", "cover: ../2025/elsewhere.jpg")
    else:
        text += "\n![现场](../2025/elsewhere.jpg)\n"
    (site.root / rels[0]).write_text(text, "utf-8")
    rows = converge(site, double)
    assert rows[rels[0]] == "failed" and not double.live_articles()
    assert "不在文章所在的文件夹中" in json.dumps(ledger(site)[rels[0]], ensure_ascii=False)


def test_a_withdrawn_articles_bundle_is_deleted_from_earlier_runs_hand_off_folders(site, double, tmp_path,
                                                                                   monkeypatch):
    """On Gitea the publish workflow copies each run's 南方号 bundles to GOVPUB_BUNDLE_DIR/<run
    id>/ for the operators. A withdrawn article's bundle left in an earlier run's folder could be
    handed off again: the withdrawal deletes those copies too (and no other article's)."""
    handed = tmp_path / "handed"
    monkeypatch.setenv("GOVPUB_BUNDLE_DIR", str(handed))
    rels = make_light(site, 2)
    for rel in rels:
        path = site.root / rel
        path.write_text(path.read_text("utf-8").replace("[website, wechat]", "[website, nanfang]"), "utf-8")
    with client_for(double) as client:
        pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None, clients={"wechat": client},
                          platforms=["nanfang"])
    shutil.copytree(site.root / "publish-out/nanfang", handed / "1001")  # what publish.yml does on Gitea
    withdraw(site, rels[0])
    with client_for(double) as client:
        pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None, clients={"wechat": client},
                          platforms=["nanfang"])
    assert not (handed / "1001/n0").exists() and (handed / "1001/n1/body.html").is_file()


def test_a_retraction_deploys_nothing_but_the_withdrawal(repo, tmp_path, forge):
    """`govpub retract --deploy` builds the website from the work tree it runs in, with no
    gate: run in a checkout that holds anything else (a drafter's branch with a new article,
    an edit not yet reviewed) it would publish that too. It must take down the one article
    and nothing else: the work tree must be the last published commit plus the withdrawal."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article(TITLE_A)})
    www = tmp_path / "www"
    assert publish(repo, forge, www, initial=base).returncode == 0
    live = os.readlink(www / "current")
    unreviewed = "未经审核的新稿件标题"
    git(repo.root, "switch", "-q", "-c", "drafter")
    (repo.root / B).write_text(article(unreviewed), "utf-8")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "新稿件（未审核）")
    proc = repo.run("retract", A, "--reason", "活动时间有误", "--deploy", str(www))
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "上次发布的提交" in proc.stdout + proc.stderr and B in proc.stdout + proc.stderr
    assert os.readlink(www / "current") == live and unreviewed not in live_pages(www)
    # on the published commit, the withdrawal alone is deployed
    git(repo.root, "checkout", "-q", "-f", "main")
    proc = repo.run("retract", A, "--reason", "活动时间有误", "--deploy", str(www))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "该信息已撤回" in live_pages(www)


def test_a_forged_publish_id_in_the_ledger_deletes_no_other_article(site, double):
    """The ledger's history (git log -p refs/govpub/ledger) shows every publish_id govpub ever
    received. A drafter adds an entry for an article that is not wanted (say, a deleted one)
    with another, approved article's publish_id: the run looks the publish up to delete what
    it produced, and must not delete the other article."""
    import re

    rels = make_light(site, 2)
    converge(site, double)
    history = site.git("log", "-p", "refs/govpub/ledger").stdout
    ids = re.findall(r'^\+\s*"publish_id": "([^"]+)"', history, re.M)
    assert ids
    store = Store(site.root)
    entries = store.read("wechat") or {}
    for n, publish_id in enumerate(dict.fromkeys(ids)):
        entries[f"content/gzdt/2026/gone{n}.md"] = {"publish_id": publish_id, "state": "publishing"}
    store.write("wechat", entries, "forged: publishes of articles that are not wanted")
    converge(site, double)
    assert by_title(double) == {MORE[0]: 1, MORE[1]: 1}
    assert all(ledger(site)[r]["state"] == "published" for r in rels)
