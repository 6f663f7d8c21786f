"""The 南方号 ledger is sealed (govpub/publish/nanfang.py, seal_key and entry_seal). The ledger
ref refs/govpub/ledger can be force-pushed by anyone with push rights; a 南方号 entry that says
"bundled with the current content hash" or "retract hold on this version" stops the bundle
from being made. Each test is an attempt by a drafter with push rights to make an approved
article silently never reach 南方号: every forgery ends with the bundle made exactly once, and
the honest path makes each bundle exactly once (no rebuild on an honest sealed entry).
A replay of an older sealed entry after the article returns byte for byte to an earlier version:
tests/publish/test_redteam7b.py (the seal covers the version, the commit that last changed it)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import signal
from pathlib import Path

import pytest
from helpers import article_text
from PIL import Image

from govpub.policy import Policy
from govpub.publish import nanfang, pipeline
from govpub.publish.ledger import Ledger, Store

FOLDER = "content/gzdt/2026"
A, B = f"{FOLDER}/n0.md", f"{FOLDER}/n1.md"
TITLES = ["市司法局开展法治宣传进社区活动", "市律师协会举办青年律师业务培训"]


def two_approved_articles(site, monkeypatch):
    """Two approved articles for 南方号, committed; the publish environment's credentials set."""
    monkeypatch.setenv("GOVPUB_WECHAT_APPID", "wx" + secrets.token_hex(8))
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", secrets.token_hex(16))
    monkeypatch.delenv("GOVPUB_BUNDLE_DIR", raising=False)
    site.write("mkdocs.yml", "site_name: 测试\nsite_url: https://www.zhanjiang.gov.cn/sfj/\n")
    (site.root / FOLDER).mkdir(parents=True, exist_ok=True)
    for i, rel in enumerate((A, B)):
        Image.new("RGB", (900, 383), (30, 30 + i, 90)).save(site.root / FOLDER / f"c{i}.jpg", "JPEG")
        write(site, rel, TITLES[i], f"c{i}.jpg", f"第{i + 1}条动态。")
    site.git("init", "-q", "-b", "main")
    site.git("add", "-A")
    site.git("commit", "-qm", "两篇文章")
    return site


@pytest.fixture
def site(site, monkeypatch):
    return two_approved_articles(site, monkeypatch)


def write(site, rel: str, title: str, cover: str, body: str) -> None:
    site.write(rel, article_text(body=body + "\n", title=title, column="gzdt", department="办公室",
                                 channels="[website, nanfang]", cover=cover, summary="动态。"))


def digest(site, rel: str) -> str:
    """The content hash the channel gives the article now (file, then its cover)."""
    text = (site.root / rel).read_text("utf-8")
    name = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("cover:"))
    return nanfang.content_hash(site.root / rel, [site.root / FOLDER / name])


def run(site) -> dict[str, pipeline.Row]:
    """One publish run for 南方号: {article: row}."""
    result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote=None, platforms=["nanfang"])
    return {r.article: r for r in result.rows}


def entries(site) -> dict[str, dict]:
    return json.loads(site.git("show", "refs/govpub/ledger:nanfang.json").stdout)


def push_ledger(site, data: dict[str, dict]) -> None:
    """What a drafter with push rights does: a new ledger commit written by hand (force-pushed)."""
    Store(site.root).write("nanfang", data, "nanfang: forged")


def bundles(site) -> list[str]:
    out = site.root / "publish-out/nanfang"
    return sorted(p.name for p in out.iterdir()) if out.is_dir() else []


def edit(site, rel: str = A) -> str:
    """A new approved version of the article; its content hash."""
    write(site, rel, TITLES[0], "c0.jpg", "第1条动态，补充了活动照片说明。")
    return digest(site, rel)


def exactly_once(site, rel: str = A) -> None:
    """The next run bundles `rel` (only it) and the run after does nothing."""
    rows = run(site)
    assert {k: r.state for k, r in rows.items()} == {rel: "bundled"}, rows
    assert "不予采信" in rows[rel].message
    assert json.loads((site.root / f"publish-out/nanfang/{Path(rel).stem}/manifest.json").read_text("utf-8"))[
        "content_hash"] == digest(site, rel)
    assert run(site) == {}, "the bundle was made again on a sealed entry"


def test_honest_runs_bundle_each_version_exactly_once(site):
    rows = run(site)
    assert {k: r.state for k, r in rows.items()} == {A: "bundled", B: "bundled"}
    assert not any("不予采信" in r.message for r in rows.values())
    e = entries(site)
    assert e[A]["content_hash"] == digest(site, A) and len(e[A]["seal"]) == 64
    assert run(site) == {}  # sealed and unchanged: nothing made again
    edit(site)
    rows = run(site)
    assert {k: r.state for k, r in rows.items()} == {A: "bundled"} and "不予采信" not in rows[A].message
    assert run(site) == {}


def test_forged_bundled_entry_with_the_current_hash(site):
    run(site)
    new = edit(site)  # approved, not yet bundled; the drafter pushes "already bundled"
    forged = entries(site)
    forged[A] = {"state": "bundled", "content_hash": new, "bundle": "publish-out/nanfang/n0"}
    push_ledger(site, forged)
    exactly_once(site)


def test_forged_retract_hold_on_the_current_version(site):
    run(site)
    new = edit(site)
    forged = entries(site)
    forged[A] = {**forged[A], "retracted_hash": new}  # the honest sealed entry plus a hold
    push_ledger(site, forged)
    exactly_once(site)
    assert "retracted_hash" not in entries(site)[A]  # not laundered into a sealed entry


def test_forged_hold_in_an_entry_of_its_own(site):
    new = edit(site)
    push_ledger(site, {A: {"retracted_hash": new, "state": "retract_requested"}})
    rows = run(site)
    assert rows[A].state == "bundled" and "不予采信" in rows[A].message and rows[B].state == "bundled"
    assert run(site) == {}


def test_a_sealed_entry_copied_from_another_article(site):
    """A's new version is byte for byte B (same text, same cover): B's sealed entry, copied to A,
    carries A's current hash, but the seal covers the article path."""
    run(site)
    site.write(A, (site.root / B).read_text("utf-8"))
    assert digest(site, A) == digest(site, B)
    forged = entries(site)
    forged[A] = dict(forged[B])
    push_ledger(site, forged)
    exactly_once(site)


def test_an_edited_sealed_entry(site):
    run(site)
    new = edit(site)
    forged = entries(site)
    forged[A] = {**forged[A], "content_hash": new}  # the seal was made over the old hash
    push_ledger(site, forged)
    exactly_once(site)


def test_an_entry_sealed_with_another_key(site):
    run(site)
    new = edit(site)
    mine = hashlib.sha256(secrets.token_bytes(32)).digest()  # the drafter's own "credentials"
    entry = {"state": "bundled", "content_hash": new, "bundle": "publish-out/nanfang/n0"}
    forged = entries(site)
    forged[A] = {**entry, "seal": nanfang.entry_seal(mine, A, entry)}
    push_ledger(site, forged)
    exactly_once(site)


def test_the_seal_key_is_not_the_lock_key_and_needs_the_credentials(site, monkeypatch):
    from govpub.publish.lock import lock_key

    policy = Policy(site.root)
    key = nanfang.seal_key(policy)
    assert key is not None and key != lock_key(policy)
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", secrets.token_hex(16))
    assert nanfang.seal_key(Policy(site.root)) not in (None, key)
    monkeypatch.delenv("GOVPUB_WECHAT_SECRET")
    assert nanfang.seal_key(Policy(site.root)) is None
    entry = {"state": "bundled", "content_hash": "a" * 64, "bundle": "x", "error": None}
    same = {"state": "bundled", "content_hash": "a" * 64, "bundle": "elsewhere"}  # bundle is not decisive
    assert nanfang.entry_seal(key, A, entry) == nanfang.entry_seal(key, A, same)
    for other in ({**same, "state": "failed"}, {**same, "retracted_hash": "a" * 64}, {**same, "content_hash": "b" * 64}):
        assert not hmac.compare_digest(nanfang.entry_seal(key, A, other), nanfang.entry_seal(key, A, same))
    assert nanfang.entry_seal(key, B, same) != nanfang.entry_seal(key, A, same)


def test_an_old_unsealed_ledger_converges(site):
    """Entries written by a govpub before the seals: each bundle is made once more, then sealed."""
    push_ledger(site, {rel: {"state": "bundled", "content_hash": digest(site, rel),
                             "bundle": f"publish-out/nanfang/{Path(rel).stem}"} for rel in (A, B)})
    rows = run(site)
    assert {k: r.state for k, r in rows.items()} == {A: "bundled", B: "bundled"}
    assert all("不予采信" in r.message for r in rows.values())
    assert all(len(e["seal"]) == 64 for e in entries(site).values())
    assert run(site) == {}


def test_an_honest_retract_hold_is_sealed_and_keeps_the_version_down(site):
    run(site)
    ctx = pipeline._context(site.root, "", Store(site.root), Policy(site.root), out=site.root / "publish-out",
                            deploy=None, keep=5, clients=None, lock=None)
    row = nanfang.Channel(ctx).retract(ctx, A, "内容有误")
    assert row.state == "retract_requested" and "n0" not in bundles(site)
    assert entries(site)[A]["retracted_hash"] == digest(site, A)
    # the withdrawal is not merged yet: main still has the version; it is not bundled again
    assert run(site) == {}
    assert "n0" not in bundles(site)


def test_without_credentials_nothing_is_trusted_and_the_report_says_so(site, monkeypatch):
    """No key: entries cannot be sealed. A bundled entry is not taken as done (every run makes the
    bundle again: a duplicate is harmless, a missing one is not); a hold is honoured and reported."""
    monkeypatch.delenv("GOVPUB_WECHAT_SECRET")
    first = run(site)
    assert {k: r.state for k, r in first.items()} == {A: "bundled", B: "bundled"}
    assert "seal" not in entries(site)[A]
    again = run(site)
    assert {k: r.state for k, r in again.items()} == {A: "bundled", B: "bundled"}
    assert "无法签名" in again[A].message
    data = entries(site)
    data[A]["retracted_hash"] = digest(site, A)
    push_ledger(site, data)
    rows = run(site)
    assert rows[A].state == "retract_requested" and "无法校验" in rows[A].message and "处理办法" in rows[A].message
    assert rows[B].state == "bundled"


def test_killed_between_the_bundle_and_the_ledger_write_converges(site):
    """SIGKILL after the bundle folder is switched in and before its ledger entry is written: the
    next run makes the bundle again (one folder), seals it, and the run after does nothing."""
    pid = os.fork()
    if pid == 0:  # the child: a publish run that dies at the ledger write of A's bundle
        try:
            real = Ledger.update

            def update(self, article, **fields):  # noqa: ANN001, ANN003, ANN202
                if article == A and fields.get("state") == "bundled":
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(self, article, **fields)

            Ledger.update = update  # type: ignore[method-assign]
            run(site)
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert "n0" in bundles(site) and entries_or_empty(site).get(A, {}).get("state") != "bundled"
    rows = run(site)
    assert rows[A].state == "bundled" and rows[B].state == "bundled"
    assert bundles(site) == ["n0", "n1"]
    assert run(site) == {}


def entries_or_empty(site) -> dict[str, dict]:
    data = Store(site.root).read("nanfang")
    return data or {}


def test_a_forged_entry_force_pushed_to_the_remote(site, tmp_path):
    """The route as the drafter takes it: a clone, a ledger commit of their own, a force-push of
    refs/govpub/ledger; the publish run fetches it and still makes the bundle exactly once."""
    bare = tmp_path / "origin.git"
    site.git("init", "-q", "--bare", str(bare))
    site.git("remote", "add", "origin", str(bare))

    def publish() -> dict[str, str]:
        result = pipeline.converge(site.root, "", out=site.root / "publish-out", remote="origin", platforms=["nanfang"])
        return {r.article: r.state for r in result.rows}

    assert publish() == {A: "bundled", B: "bundled"}
    new = edit(site)
    drafter = tmp_path / "drafter"
    site.git("clone", "-q", str(bare), str(drafter))
    site.git("-C", str(drafter), "fetch", "-q", "origin", "refs/govpub/ledger:refs/govpub/ledger")
    forged = json.loads(site.git("-C", str(drafter), "show", "refs/govpub/ledger:nanfang.json").stdout)
    forged[A] = {**forged[A], "content_hash": new}
    Store(drafter).write("nanfang", forged, "nanfang: forged")
    site.git("-C", str(drafter), "push", "-q", "--force", "origin", "refs/govpub/ledger:refs/govpub/ledger")
    assert publish() == {A: "bundled"}
    assert publish() == {}
    assert json.loads(site.git("show", "refs/govpub/ledger:nanfang.json").stdout)[A]["content_hash"] == new
