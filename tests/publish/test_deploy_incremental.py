"""govpub publish builds incrementally against the live release and deploys by hard links:
after one merged article only what changed is rendered, the new release shares every
unchanged file with the previous one (link count > 1), and what is live is byte for byte a
full build of the commit. A site/ folder left in the checkout is never reused."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from forge_setup import forge_env, land_pull, publish_args
from helpers import GIT_ENV, article_text, copy_site, govpub_forked
from wechat_double import WeChatDouble

from govpub.publish import deploy
from govpub.publish.build import build_site
from govpub.site import incremental

UNCHANGED = "zcwj/2026/zbls-banfa/index.html"  # a page no merge below touches


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=True).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # the same sitemap date in every build
    site = copy_site(tmp_path / "repo")
    (site.root / ".git/info").mkdir(parents=True)
    git(site.root, "init", "-q", "-b", "main")
    (site.root / ".git/info/exclude").write_text("/site/\n/publish-out/\n", "utf-8")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "初始内容")
    return site


def merge(site, forge, rel: str, title: str, number: int) -> None:
    root = site.root
    git(root, "switch", "-q", "-c", f"feature-{number}")
    site.write(rel, article_text(body=f"{title}。湛江市司法局开展相关工作。\n", title=title, column="gzdt",
                                 department="办公室", date=f"2026-11-{20 + number} 10:00"))
    git(root, "add", "-A")
    git(root, "commit", "-qm", f"新增：{title}")
    head = git(root, "rev-parse", "HEAD")
    git(root, "switch", "-q", "main")
    git(root, "merge", "-q", "--no-ff", f"feature-{number}", "-m", f"合并 #{number}")
    land_pull(forge, root, git(root, "rev-parse", "HEAD"), head, [rel], number=number)


def publish(site, double, initial: str, www: Path, forge) -> subprocess.CompletedProcess:
    env = {**forge_env(forge), "GOVPUB_WECHAT_APPID": double.state.appid,
           "GOVPUB_WECHAT_SECRET": double.state.secret, "GOVPUB_WECHAT_API": double.url}
    # the real command in a process of its own, forked with govpub imported (helpers.GovpubForks)
    return govpub_forked(["publish", *publish_args(forge, site.root), "--initial", initial, "--deploy", str(www)],
                         site.root, env)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != incremental.MANIFEST}


def test_a_publish_after_one_merge_is_incremental_hard_linked_and_equal_to_a_full_build(repo, tmp_path, forge):
    base = git(repo.root, "rev-parse", "HEAD")
    www = tmp_path / "www"
    with WeChatDouble() as double:
        merge(repo, forge, "content/gzdt/2026/zengliang-1.md", "增量发布测试一", 7)
        first = publish(repo, double, base, www, forge)
        assert first.returncode == 0, first.stdout + first.stderr
        assert "全量构建" in (repo.root / "publish-out/report.md").read_text("utf-8")
        old = deploy.live_site(www)
        assert old is not None

        # publish moved its build into the release: nothing is left in the checkout
        assert not (repo.root / "site").exists()
        # a site/ in the checkout (a copy of the live release with its manifest) with a page
        # changed in place (same size): never reused
        shutil.copytree(old, repo.root / "site")
        planted = repo.root / "site" / UNCHANGED
        text = planted.read_text("utf-8")
        planted.write_text(text.replace("湛江", "恶意", 1), "utf-8")
        assert planted.stat().st_size == (old / UNCHANGED).stat().st_size

        merge(repo, forge, "content/gzdt/2026/zengliang-2.md", "增量发布测试二", 8)
        second = publish(repo, double, base, www, forge)
        assert second.returncode == 0, second.stdout + second.stderr
    report = (repo.root / "publish-out/report.md").read_text("utf-8")
    assert "增量构建" in report, report
    new = deploy.live_site(www)
    assert new is not None and new != old
    page = new / UNCHANGED
    assert page.stat().st_ino == (old / UNCHANGED).stat().st_ino and page.stat().st_nlink > 1
    assert "恶意" not in page.read_text("utf-8")
    assert "增量发布测试二" in (new / "gzdt/2026/zengliang-2/index.html").read_text("utf-8")
    # the previous release is untouched and still whole: rollback serves it
    assert "增量发布测试二" not in (old / "gzdt/index.html").read_text("utf-8")
    build_site(repo.root / "mkdocs.yml", tmp_path / "full", quiet=True)
    want, got = tree(tmp_path / "full"), tree(new)
    assert sorted(got) == sorted(want)
    assert [k for k in want if got[k] != want[k]] == []


def test_deploy_links_only_the_live_releases_own_files(tmp_path: Path) -> None:
    """A build file that is the live release's own file (hard-linked by the incremental build)
    becomes one more link to it; one that merely has the same bytes is copied."""
    site = copy_site(tmp_path / "repo")
    target = tmp_path / "www"
    build_site(site.root / "mkdocs.yml", tmp_path / "b1", quiet=True)
    deploy.deploy_local(tmp_path / "b1", target, "r1")
    r1 = deploy.live_site(target)
    assert r1 is not None
    assert build_site(site.root / "mkdocs.yml", tmp_path / "b2", quiet=True, previous=r1).mode == "incremental"
    deploy.deploy_local(tmp_path / "b2", target, "r2")
    assert (target / "releases/r2" / UNCHANGED).stat().st_ino == (r1 / UNCHANGED).stat().st_ino
    assert build_site(site.root / "mkdocs.yml", tmp_path / "b3", quiet=True).mode == "full"
    deploy.deploy_local(tmp_path / "b3", target, "r3")
    r3 = target / "releases/r3" / UNCHANGED
    assert r3.read_bytes() == (r1 / UNCHANGED).read_bytes() and r3.stat().st_nlink == 1


def test_a_moved_build_becomes_the_release_and_a_copy_is_made_across_file_systems(tmp_path: Path, monkeypatch):
    """publish hands its own build to the deploy (move=True): one rename on the same file
    system; where the rename fails (another file system) the build is copied as before."""
    site = copy_site(tmp_path / "repo")
    target = tmp_path / "www"
    build_site(site.root / "mkdocs.yml", tmp_path / "b1", quiet=True)
    want = tree(tmp_path / "b1")
    deploy.deploy_local(tmp_path / "b1", target, "r1", move=True)
    assert not (tmp_path / "b1").exists()
    r1 = deploy.live_site(target)
    assert r1 is not None and tree(r1) == want
    assert build_site(site.root / "mkdocs.yml", tmp_path / "b2", quiet=True, previous=r1).mode == "incremental"
    real = os.rename

    def other_fs(src, dst, *a, **kw):
        if str(src) == str(tmp_path / "b2"):
            raise OSError(18, "Invalid cross-device link")
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(os, "rename", other_fs)
    deploy.deploy_local(tmp_path / "b2", target, "r2", move=True)
    monkeypatch.setattr(os, "rename", real)
    r2 = deploy.live_site(target)
    assert r2 is not None and r2.name == "r2" and (tmp_path / "b2").is_dir()
    assert tree(r2) == tree(tmp_path / "b2")
    assert (r2 / UNCHANGED).stat().st_ino == (r1 / UNCHANGED).stat().st_ino  # still a link to the live file
    assert not [p for p in (target / "releases").iterdir() if p.name.startswith(".")]
