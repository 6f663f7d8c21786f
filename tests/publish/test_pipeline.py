"""The pipeline over channels that need no network: 南方号 bundles converge, a registered
platform without a module is refused, the report is honest about what happened."""

from __future__ import annotations

import secrets

import pytest
from helpers import article_text
from PIL import Image

from govpub.errors import GovpubError
from govpub.publish import pipeline


def nanfang_site(site) -> str:
    site.write("mkdocs.yml", "site_name: 测试\nsite_url: https://www.zhanjiang.gov.cn/sfj/\n")
    site.git("init", "-q", "-b", "main")
    folder = site.root / "content/gzdt/2026"
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (400, 300), (20, 90, 160)).save(folder / "p.jpg", "JPEG")
    rel = "content/gzdt/2026/a.md"
    site.write(rel, article_text(body="11月20日，活动举行。\n\n![现场](p.jpg)\n", column="gzdt",
                                 channels="[website, nanfang]"))
    return rel


def run(site, **kw) -> dict[str, str]:
    result = pipeline.converge(site.root, "", out=site.root / "out", remote=None, platforms=["nanfang"], **kw)
    return {r.article: r.state for r in result.rows}


def test_bundles_converge_once_per_version(site, monkeypatch):
    monkeypatch.setenv("GOVPUB_WECHAT_APPID", "wx" + secrets.token_hex(8))  # the publish environment: the
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", secrets.token_hex(16))  # 南方号 ledger is sealed with its key
    rel = nanfang_site(site)
    assert run(site) == {rel: "bundled"}
    assert (site.root / "out/nanfang/a/manifest.json").is_file()
    assert run(site) == {}  # nothing changed: no new bundle
    Image.new("RGB", (400, 300), (200, 90, 16)).save(site.root / "content/gzdt/2026/p.jpg", "JPEG")
    assert run(site) == {rel: "bundled"}  # a new picture is a new version
    from govpub.content.article import mark_withdrawn

    path = site.root / rel
    path.write_text(mark_withdrawn(path.read_text("utf-8"), "有误", "2026-11-26 10:00"), "utf-8")
    assert run(site) == {rel: "retract_requested"}
    assert run(site) == {}


def test_a_bundle_is_not_made_again_for_an_article_retracted_before_its_withdrawal_is_merged(site):
    rel = nanfang_site(site)
    assert run(site) == {rel: "bundled"}
    path = site.root / rel
    before = path.read_text("utf-8")
    from govpub.content.article import mark_withdrawn

    path.write_text(mark_withdrawn(before, "有误", "2026-11-26 10:00"), "utf-8")
    pipeline.retract(site.root, rel, "有误", out=site.root / "out", remote=None)
    path.write_text(before, "utf-8")  # main, before the withdrawal is merged
    assert "bundled" not in run(site).values()  # without credentials the report notes the unverified hold


def test_a_registered_platform_without_a_module_is_refused(site):
    """accounts.yml's schema names the platforms govpub has a module for: another is refused
    before the lock is taken, naming the file, the line and the platforms it knows."""
    nanfang_site(site)
    accounts = site.root / "checks/registry/accounts.yml"
    accounts.write_text(accounts.read_text("utf-8") + "  - platform: douyin\n    name: 抖音号\n", "utf-8")
    with pytest.raises(GovpubError) as exc:
        pipeline.converge(site.root, "", out=site.root / "out", remote=None, platforms=["douyin"])
    message = str(exc.value)
    assert "accounts.yml" in message and "douyin" in message and "website、wechat、nanfang" in message
    assert not (site.root / "out").exists() or not any((site.root / "out").iterdir())


def test_the_work_tree_must_be_the_commit_that_passed_the_gate(site):
    nanfang_site(site)
    site.git("add", "-A")
    site.git("-c", "user.name=t", "-c", "user.email=t@example.gov.cn", "commit", "-qm", "x")
    with pytest.raises(GovpubError, match="不是通过审核关口的提交"):
        pipeline.converge(site.root, "0" * 40, out=site.root / "out", remote=None, platforms=["nanfang"])


def test_the_publish_workflow_pushes_nothing_to_main():
    """Branch protection rejects pushes to main; the ledger lives on refs/govpub/ledger."""
    from helpers import REPO

    text = (REPO / ".github/workflows/publish.yml").read_text("utf-8")
    assert ":main" not in text and "--commit" not in text and "git push" not in text


def test_retract_marks_the_article_and_shares_one_ledger_with_every_channel(site, monkeypatch):
    """The ledger ref is opened (fetched) once per retraction: the preflight read and the
    channels use the same Ledger objects."""
    from govpub.publish import channel as channel_mod

    rel = nanfang_site(site)
    site.git("add", "-A")
    site.git("commit", "-qm", "a")
    assert run(site) == {rel: "bundled"}
    opened: list[str] = []
    real = pipeline.Ledger

    def counting(root, platform, store=None):  # noqa: ANN001, ANN202
        opened.append(platform)
        return real(root, platform, store)

    monkeypatch.setattr(pipeline, "Ledger", counting)
    monkeypatch.setattr(channel_mod, "Ledger", counting)
    result = pipeline.retract(site.root, rel, "有误", out=site.root / "out", remote=None, mark_at="2026-11-26 10:00")
    assert {r.platform: r.state for r in result.rows}["nanfang"] == "retract_requested"
    assert sorted(opened) == sorted(set(opened))  # each platform's ledger read once
    text = (site.root / rel).read_text("utf-8")
    assert "status: withdrawn" in text and "withdrawn_reason: 有误" in text


def test_retract_while_another_publish_runs_changes_nothing(site):
    from govpub.publish.lock import LockBusy, PublishLock

    rel = nanfang_site(site)
    before = (site.root / rel).read_text("utf-8")
    holder = PublishLock(site.root, None)
    holder.acquire()
    try:
        with pytest.raises(LockBusy):
            pipeline.retract(site.root, rel, "有误", out=site.root / "out", remote=None, lock_wait=0,
                             mark_at="2026-11-26 10:00")
    finally:
        holder.release()
    assert (site.root / rel).read_text("utf-8") == before
