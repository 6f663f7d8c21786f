"""Deploying a built site (govpub/publish/deploy.py): two real `govpub build` outputs deployed
into the releases/current layout while an HTTP server serves <target>/current; a deploy that
fails midway (copy, switch, rsync) never changes what is served; rollback, pruning, rsync to a
local path and to user@host:/path through an ssh stand-in that runs the remote side here."""

from __future__ import annotations

import functools
import os
import shutil
import stat
import subprocess
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import REPO, Site, made_once

from govpub.errors import GovpubError
from govpub.publish import deploy

NEW_ARTICLE = "content/gzdt/2026/bushu-ceshi.md"
NEW_TITLE = "湛江市司法局开展网站发布流程演练"
NEW_PAGE = "gzdt/2026/bushu-ceshi/"


@dataclass
class Builds:
    first: Path  # the sample site
    second: Path  # the same with NEW_ARTICLE added


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """Two real `govpub build` outputs: the sample site, then with one more article (made once
    per run: the tests only read them)."""
    base = made_once(tmp_path_factory.getbasetemp(), "deploy-builds", _build_twice)
    return Builds(base / "build1", base / "build2")


def _build_twice(base: Path) -> None:
    root = base / "repo"
    for name in ("checks", "content", "overrides", "mkdocs.yml"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, root / name)
    site = Site(root)
    first, second = base / "build1", base / "build2"
    proc = site.run("build", "--quiet", "--site-dir", str(first))
    assert proc.returncode == 0, proc.stderr
    site.article(NEW_ARTICLE, "11月25日，湛江市司法局组织开展网站信息发布流程演练。\n",
                 title=NEW_TITLE, column="gzdt", department="办公室", date="2026-11-25 10:00")
    proc = site.run("build", "--quiet", "--site-dir", str(second))
    assert proc.returncode == 0, proc.stderr
    assert not (first / NEW_PAGE).exists() and (second / NEW_PAGE / "index.html").is_file()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture
def served(tmp_path: Path):
    """An HTTP server whose document root is <target>/current (the symlink, as nginx would use it)."""
    target = tmp_path / "www"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(target / "current")))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"

    def get(path: str = "") -> tuple[int, str]:
        try:
            with urllib.request.urlopen(base + path, timeout=10) as resp:
                return resp.status, resp.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""

    try:
        yield target, get
    finally:
        server.shutdown()
        server.server_close()


def leftovers(target: Path) -> list[str]:
    """Anything a deploy may leave behind by mistake: temporary folders and links."""
    names = [p.name for p in (target / "releases").iterdir() if p.name.startswith(".")]
    names += [p.name for p in target.iterdir() if p.name not in ("releases", "current", deploy.LOCK, "build-manifests")]
    kept = {p.name for p in (target / "releases").iterdir()}
    if (target / "build-manifests").is_dir():  # a manifest of a release that is not there
        names += [p.name for p in (target / "build-manifests").iterdir() if p.stem not in kept]
    return names


def test_deploy_twice_switches_current_to_the_newest(builds: Builds, served) -> None:
    target, get = served
    first = deploy.deploy_local(builds.first, target, "r1")
    assert first == target.absolute() / "releases" / "r1"
    assert os.readlink(target / "current") == "releases/r1"  # relative: the folder can move
    status, home = get()
    assert status == 200 and "湛江市司法局" in home and NEW_TITLE not in home
    assert get(NEW_PAGE)[0] == 404

    deploy.deploy_local(builds.second, target, "r2")
    assert os.readlink(target / "current") == "releases/r2"
    assert deploy.current_release(target) == "r2"
    assert deploy.releases(target) == ["r2", "r1"]
    status, page = get(NEW_PAGE)
    assert status == 200 and NEW_TITLE in page
    assert NEW_TITLE in get()[1]  # the home page lists it
    # the release is a complete copy of the build, readable by a web server running as another user
    built = sorted(p.relative_to(builds.second).as_posix() for p in builds.second.rglob("*")
                   if p.name != ".govpub-build.json")  # the manifest stays out of the document root
    deployed = sorted(p.relative_to(target / "releases/r2").as_posix() for p in (target / "releases/r2").rglob("*"))
    assert built == deployed
    assert stat.S_IMODE((target / "releases/r2").stat().st_mode) == 0o755
    assert leftovers(target) == []


def test_release_order_does_not_depend_on_the_names(builds: Builds, tmp_path: Path) -> None:
    target = tmp_path / "www"
    for rid in ("f3a9c01", "0b12e77", "9e0d4c2"):  # commit hashes: no order among the names
        deploy.deploy_local(builds.first, target, rid)
    assert deploy.releases(target) == ["9e0d4c2", "0b12e77", "f3a9c01"]


def test_a_copy_failing_midway_keeps_the_old_site_served(builds: Builds, served, monkeypatch) -> None:
    target, get = served
    deploy.deploy_local(builds.first, target, "r1")
    old_home = get()[1]
    copied: list[str] = []
    seen_midway: list[tuple[int, str]] = []
    real_copy = shutil.copy2

    def failing_copy(src, dst, **kw):
        copied.append(str(src))
        if len(copied) == 20:
            seen_midway.append(get(NEW_PAGE))
            seen_midway.append(get())
            raise OSError(28, "No space left on device", str(dst))
        return real_copy(src, dst, **kw)

    monkeypatch.setattr(deploy, "_copy_file", failing_copy)
    with pytest.raises(GovpubError) as err:
        deploy.deploy_local(builds.second, target, "r2")
    assert "复制网站文件失败" in str(err.value) and "线上网站没有改动" in str(err.value)
    assert len(copied) == 20  # it did fail midway
    assert seen_midway == [(404, ""), (200, old_home)]  # during the copy: the old site
    # after the failure: still the old site, and nothing of the failed release
    assert os.readlink(target / "current") == "releases/r1"
    assert get() == (200, old_home) and get(NEW_PAGE)[0] == 404
    assert deploy.releases(target) == ["r1"]
    assert leftovers(target) == []

    # the same deploy succeeds once the cause is gone; while it copies the old site is served
    during: list[int] = []

    def watching_copy(src, dst, **kw):
        if not during:
            during.append(get(NEW_PAGE)[0])
        return real_copy(src, dst, **kw)

    monkeypatch.setattr(deploy, "_copy_file", watching_copy)
    deploy.deploy_local(builds.second, target, "r2")
    assert during == [404]
    assert get(NEW_PAGE)[0] == 200
    assert leftovers(target) == []


def test_a_failing_switch_keeps_the_old_site_and_removes_the_new_release(builds: Builds, served, monkeypatch) -> None:
    target, get = served
    deploy.deploy_local(builds.first, target, "r1")
    real_replace = os.replace

    def failing_replace(src, dst, *a, **kw):
        if Path(dst).name == "current":
            raise OSError(30, "Read-only file system", str(dst))
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(GovpubError, match="切换线上版本失败"):
        deploy.deploy_local(builds.second, target, "r2")
    monkeypatch.undo()
    assert os.readlink(target / "current") == "releases/r1"
    assert get(NEW_PAGE)[0] == 404
    assert deploy.releases(target) == ["r1"]
    assert leftovers(target) == []


def test_leftovers_of_a_killed_deploy_are_cleared(builds: Builds, tmp_path: Path) -> None:
    target = tmp_path / "www"
    deploy.deploy_local(builds.first, target, "r1")
    (target / "releases/.tmp-r2-x1y2").mkdir()  # a deploy killed while copying
    (target / "releases/.tmp-r2-x1y2/index.html").write_text("half", encoding="utf-8")
    os.symlink("releases/r1", target / "current.tmp-99999")  # ... or while switching
    deploy.deploy_local(builds.second, target, "r2")
    assert leftovers(target) == []
    assert deploy.releases(target) == ["r2", "r1"]


def test_rollback(builds: Builds, served) -> None:
    target, get = served
    with pytest.raises(GovpubError, match="还没有部署过网站"):
        deploy.rollback(target)
    deploy.deploy_local(builds.first, target, "r1")
    with pytest.raises(GovpubError, match="没有可以回退到的旧版本"):
        deploy.rollback(target)
    deploy.deploy_local(builds.second, target, "r2")
    assert get(NEW_PAGE)[0] == 200

    assert deploy.rollback(target) == "r1"
    assert os.readlink(target / "current") == "releases/r1"
    assert get(NEW_PAGE)[0] == 404  # the served site went back
    with pytest.raises(GovpubError) as err:
        deploy.rollback(target)  # r1 is the oldest kept
    assert "r1 已是保留的最早版本" in str(err.value)

    assert deploy.rollback(target, to="r2") == "r2"  # forward again, by name
    assert get(NEW_PAGE)[0] == 200
    with pytest.raises(GovpubError) as err:
        deploy.rollback(target, to="r9")
    assert "没有版本“r9”" in str(err.value) and "r2、r1" in str(err.value)
    assert deploy.releases(target) == ["r2", "r1"]  # rollback keeps the release order
    assert leftovers(target) == []


def test_pruning_keeps_n_and_never_the_live_release(builds: Builds, tmp_path: Path) -> None:
    target = tmp_path / "www"
    for i in range(1, 8):
        deploy.deploy_local(builds.first if i % 2 else builds.second, target, f"r{i}", keep=3)
    assert deploy.releases(target) == ["r7", "r6", "r5"]
    assert sorted(p.name for p in (target / "releases").iterdir()) == ["r5", "r6", "r7"]
    deploy.rollback(target, to="r5")
    assert deploy.prune(target, keep=1) == ["r6"]  # r5 is live: kept although older
    assert deploy.releases(target) == ["r7", "r5"]
    assert deploy.current_release(target) == "r5"


def test_deploying_the_live_id_again_is_a_no_op(builds: Builds, tmp_path: Path) -> None:
    target = tmp_path / "www"
    path = deploy.deploy_local(builds.first, target, "abc123")
    marker = path / "index.html"
    before = marker.stat().st_mtime_ns
    assert deploy.deploy_local(builds.first, target, "abc123") == path  # a re-run of publish
    assert marker.stat().st_mtime_ns == before
    assert deploy.releases(target) == ["abc123"]


def test_refusals(builds: Builds, tmp_path: Path) -> None:
    target = tmp_path / "www"
    for bad in ("", ".hidden", "current", "a/b", "../x", "r1.partial", "空格 id"):
        with pytest.raises(GovpubError, match="版本号"):
            deploy.deploy_local(builds.first, target, bad)
    with pytest.raises(GovpubError, match="没有 index.html"):
        deploy.deploy_local(REPO / "content", target, "r1")
    with pytest.raises(GovpubError, match="不存在"):
        deploy.deploy_local(tmp_path / "nothing", target, "r1")
    with pytest.raises(GovpubError, match="keep"):
        deploy.deploy_local(builds.first, target, "r1", keep=0)
    plain = tmp_path / "plain"
    (plain / "current").mkdir(parents=True)
    (plain / "current/index.html").write_text("old", encoding="utf-8")
    with pytest.raises(GovpubError, match="不是符号链接"):
        deploy.deploy_local(builds.first, plain, "r1")
    assert (plain / "current/index.html").read_text(encoding="utf-8") == "old"


# -- rsync --------------------------------------------------------------------------------
def need_rsync() -> None:
    if shutil.which("rsync") is None:
        if os.environ.get("CI"):
            pytest.fail("没有 rsync（apt-get install rsync）")
        pytest.skip("没有 rsync（apt-get install rsync）")


def test_split_destination() -> None:
    assert deploy.split_destination("deploy@web1:/var/www/sfj/") == ("deploy@web1", "/var/www/sfj")
    assert deploy.split_destination("web1:www") == ("web1", "www")
    assert deploy.split_destination("/var/www/sfj") == (None, "/var/www/sfj")
    assert deploy.split_destination("./a:b") == (None, "./a:b")  # a slash first: a local path
    for bad in ("web1::module", "rsync://web1/m", "web1:"):
        with pytest.raises(GovpubError):
            deploy.split_destination(bad)


def test_rsync_to_a_local_path(builds: Builds, tmp_path: Path) -> None:
    need_rsync()
    target = tmp_path / "www"
    out = deploy.deploy_rsync(builds.first, str(target), "r1")
    assert out == f"{target}/releases/r1"
    deploy.deploy_rsync(builds.second, str(target), "r2")
    assert os.readlink(target / "current") == "releases/r2"
    assert (target / "current" / NEW_PAGE / "index.html").is_file()
    assert deploy.releases(target) == ["r2", "r1"]
    assert not [p for p in (target / "releases").iterdir() if p.name.startswith(".")]
    # unchanged files are hard links to the previous release (--link-dest), changed ones are not
    css = next((target / "releases/r2/assets").rglob("*.css")).relative_to(target / "releases/r2")
    assert (target / "releases/r1" / css).stat().st_ino == (target / "releases/r2" / css).stat().st_ino
    assert (target / "releases/r1/index.html").stat().st_ino != (target / "releases/r2/index.html").stat().st_ino
    # the local functions work on what rsync deployed: the layout is the same
    assert deploy.rollback(target) == "r1"


def test_rsync_prunes_and_reruns(builds: Builds, tmp_path: Path) -> None:
    need_rsync()
    target = tmp_path / "www"
    for i in range(1, 5):
        deploy.deploy_rsync(builds.first, str(target), f"r{i}", keep=2)
    assert deploy.releases(target) == ["r4", "r3"]
    deploy.deploy_rsync(builds.second, str(target), "r4", keep=2)  # re-run of the live id
    assert deploy.current_release(target) == "r4"
    assert not [p for p in (target / "releases").iterdir() if p.name.startswith(".")]


def test_rsync_failure_leaves_the_live_site(builds: Builds, tmp_path: Path) -> None:
    need_rsync()
    target = tmp_path / "www"
    deploy.deploy_rsync(builds.first, str(target), "r1")

    def runner(argv: list[str]) -> subprocess.CompletedProcess:
        if argv[0] == "rsync":  # the upload breaks off (network, disk)
            return subprocess.CompletedProcess(argv, 12, "", "rsync error: error in rsync protocol data stream (code 12)")
        return subprocess.run(argv, capture_output=True, text=True)

    with pytest.raises(GovpubError) as err:
        deploy.deploy_rsync(builds.second, str(target), "r2", runner=runner)
    assert "上传网站文件（rsync）失败" in str(err.value) and "线上网站没有改动" in str(err.value)
    assert deploy.current_release(target) == "r1"
    assert deploy.releases(target) == ["r1"]


FAKE_SSH = r"""#!/bin/sh
# Stands in for ssh: records its arguments, then runs the remote command on this machine.
printf '%s\n=====\n' "$*" >> "$FAKE_SSH_LOG"
while [ $# -gt 0 ]; do
  case "$1" in
    -o|-i|-p|-l|-F) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
shift  # the host
exec sh -c "$*"
"""


@pytest.fixture
def fake_ssh(tmp_path: Path, monkeypatch) -> Path:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "ssh").write_text(FAKE_SSH, encoding="utf-8")
    (bindir / "ssh").chmod(0o755)
    log = tmp_path / "ssh.log"
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SSH_LOG", str(log))
    return log


def test_rsync_over_ssh_with_the_key_from_the_environment(builds: Builds, tmp_path: Path, fake_ssh: Path,
                                                         monkeypatch) -> None:
    need_rsync()
    key = tmp_path / "keys" / "deploy_ed25519"
    key.parent.mkdir()
    marker = "OPENSSH " + "PRIVATE KEY"  # split so that this file is not itself taken for a key
    key.write_text(f"-----BEGIN {marker}-----\n(test)\n-----END {marker}-----\n")
    key.chmod(0o600)
    monkeypatch.setenv(deploy.KEY_ENV, str(key))
    monkeypatch.setenv(deploy.KNOWN_HOSTS_ENV, str(tmp_path / "known_hosts"))
    remote = tmp_path / "srv" / "www"
    dest = f"deploy@web1.example.gov.cn:{remote}"
    assert deploy.deploy_rsync(builds.first, dest, "r1") == f"{dest}/releases/r1"
    deploy.deploy_rsync(builds.second, dest, "r2")
    assert os.readlink(remote / "current") == "releases/r2"
    assert (remote / "current" / NEW_PAGE / "index.html").is_file()
    calls = [c for c in fake_ssh.read_text(encoding="utf-8").split("\n=====\n") if c]
    # every connection: batch mode, the key file named by the environment, the pinned host keys
    assert calls and all(f"-i {key}" in c and "BatchMode=yes" in c and "IdentitiesOnly=yes" in c
                         and "StrictHostKeyChecking=yes" in c for c in calls)
    # rsync went through it, with an absolute basis: a relative one (../../current) fails every file with
    # "failed verification" since rsync's CVE fixes (Debian 3.2.7-1+deb12u6) when the delta algorithm runs
    assert any("rsync --server" in c and f"--link-dest {remote.resolve()}/current" in c for c in calls)
    css = next((remote / "releases/r2/assets").rglob("*.css")).relative_to(remote / "releases/r2")
    assert (remote / "releases/r1" / css).stat().st_ino == (remote / "releases/r2" / css).stat().st_ino
    assert any("web1.example.gov.cn" in c and "mv -T current.tmp current" in c for c in calls)


def test_ssh_key_checks(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(deploy.KEY_ENV, str(tmp_path / "missing"))
    with pytest.raises(GovpubError, match="不存在"):
        deploy.ssh_command()
    key = tmp_path / "k"
    key.write_text("x")
    key.chmod(0o644)
    monkeypatch.setenv(deploy.KEY_ENV, str(key))
    with pytest.raises(GovpubError, match="chmod 600"):
        deploy.ssh_command()
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    inside = repo / "deploy_key"
    inside.write_text("x")
    inside.chmod(0o600)
    monkeypatch.setenv(deploy.KEY_ENV, str(inside))
    with pytest.raises(GovpubError, match="第十四条"):
        deploy.ssh_command()
    monkeypatch.delenv(deploy.KEY_ENV)
    monkeypatch.delenv(deploy.KNOWN_HOSTS_ENV, raising=False)
    assert deploy.ssh_command() == ["ssh", "-o", "BatchMode=yes"]  # ssh's own configuration, agent
