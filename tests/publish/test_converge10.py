"""Publishing that converges, tenth session.

1. A remote rollback (`govpub rollback user@host:/path`) and a deploy to the same target are
   exclusive: both take flock(1) on the target's .deploy.lock (the file a local deploy locks),
   and the rollback switches only if the target is still what its checks read (a deploy that
   went live meanwhile is not undone by a stale decision). Two real processes, SSH the only
   stand-in (the remote host runs on this machine)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_deploy import FAKE_SSH, need_rsync
from test_gate_redteam9 import _release

from govpub.publish import deploy

WORKTREE = Path(__file__).resolve().parents[2]
# ssh that, for the command containing $FAKE_SSH_PAUSE_IF, stops after its first line containing
# $FAKE_SSH_PAUSE_AFTER (the "remote host" is slow there) until the file $FAKE_SSH_GATE exists;
# $FAKE_SSH_GATE.waiting says it got there
GATED_SSH = FAKE_SSH.replace('exec sh -c "$*"', r'''cmd="$*"
if [ -n "$FAKE_SSH_GATE" ] && printf '%s' "$cmd" | grep -qF "$FAKE_SSH_PAUSE_IF"; then
  wait='touch "$FAKE_SSH_GATE.waiting"; while [ ! -e "$FAKE_SSH_GATE" ]; do sleep 0.02; done'
  cmd="$(printf '%s' "$cmd" | awk -v at="$FAKE_SSH_PAUSE_AFTER" -v w="$wait" '{ print } index($0, at) && !done { print w; done = 1 }')"
fi
exec sh -c "$cmd"''')


@pytest.fixture
def gated_ssh(tmp_path: Path, monkeypatch) -> Path:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "ssh").write_text(GATED_SSH, encoding="utf-8")
    (bindir / "ssh").chmod(0o755)
    log = tmp_path / "ssh.log"
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SSH_LOG", str(log))
    monkeypatch.delenv(deploy.KEY_ENV, raising=False)
    monkeypatch.delenv(deploy.KNOWN_HOSTS_ENV, raising=False)
    monkeypatch.delenv("FAKE_SSH_GATE", raising=False)
    return log


def until(what, limit: float = 60.0) -> None:
    """Wait for a condition another process brings about (a bound against hanging, not a timing)."""
    end = time.monotonic() + limit
    while not what():
        assert time.monotonic() < end, "the other process never got there"
        time.sleep(0.02)


def govpub(*args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "govpub", *args], cwd=WORKTREE, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(WORKTREE), **env})


URI = "pfyfz/2026/jiuzheng.md"


def two_releases(tmp_path: Path) -> tuple[Path, str]:
    """r1 and r2 live on a remote target, same content: a rollback to r1 is allowed."""
    need_rsync()
    remote = tmp_path / "srv" / "www"
    dest = f"deploy@web1.example.gov.cn:{remote}"
    deploy.deploy_rsync(_release(tmp_path / "a", {URI: "共发放宣传资料300份"}), dest, "r1")
    deploy.deploy_rsync(_release(tmp_path / "b", {URI: "共发放宣传资料300份"}), dest, "r2")
    os.utime(remote / "releases" / "r1", (1, 1))  # deploy order is mtime order
    return remote, dest


def test_a_rollback_decided_before_a_deploy_does_not_switch_after_it(tmp_path, gated_ssh):
    """The rollback reads r2 live and chooses r1; before its switch arrives, a publish deploys r3,
    which withdraws the article r1 shows. The stale switch would put the withdrawn article back:
    it is refused (exit 2, what to do), r3 stays live; run again, the rollback is checked anew."""
    remote, dest = two_releases(tmp_path)
    gate = tmp_path / "gate"
    proc = govpub("rollback", dest, FAKE_SSH_GATE=str(gate),  # its switch, before the lock
                  FAKE_SSH_PAUSE_IF="head -n 1", FAKE_SSH_PAUSE_AFTER="set -e")
    until(lambda: Path(f"{gate}.waiting").exists() or proc.poll() is not None)
    assert proc.poll() is None, proc.communicate()
    deploy.deploy_rsync(_release(tmp_path / "c", {}), dest, "r3")  # the article withdrawn
    gate.touch()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2, err
    assert "回退期间部署位置有了新的发布" in err and "重新运行 govpub rollback" in err
    assert os.readlink(remote / "current") == "releases/r3"
    again = govpub("rollback", dest)
    _, err = again.communicate(timeout=60)
    assert again.returncode == 2 and "不能回退到版本 r2" in err and URI in err, err  # checked against r3
    assert os.readlink(remote / "current") == "releases/r3"


def test_a_rollback_waits_for_the_deploy_holding_the_target(tmp_path, gated_ssh):
    """Two real processes: a deploy of r3 (withdrawing the article) holds the target's lock in its
    switch (the remote host is slow right after taking it); a rollback chosen from r2 arrives at
    its switch meanwhile. It waits for the lock, then finds r3 live and does not switch. Without
    the lock it would have switched to r1 under the deploy's feet (exit 0)."""
    remote, dest = two_releases(tmp_path)
    build = _release(tmp_path / "c", {})
    gate = tmp_path / "gate"
    code = (f"from pathlib import Path; from govpub.publish import deploy; "
            f"deploy.deploy_rsync(Path({str(build)!r}), {dest!r}, 'r3')")
    deployer = subprocess.Popen([sys.executable, "-c", code], cwd=WORKTREE, text=True, stderr=subprocess.PIPE,
                                env={**os.environ, "PYTHONPATH": str(WORKTREE), "FAKE_SSH_GATE": str(gate),
                                     "FAKE_SSH_PAUSE_IF": ".partial-r3", "FAKE_SSH_PAUSE_AFTER": "flock -x 9"})
    until(lambda: Path(f"{gate}.waiting").exists() or deployer.poll() is not None)
    assert deployer.poll() is None, deployer.communicate()
    switches = gated_ssh.read_text("utf-8").count("flock -x 9")  # r1's, r2's and r3's
    rollback = govpub("rollback", dest)
    until(lambda: gated_ssh.read_text("utf-8").count("flock -x 9") > switches or rollback.poll() is not None)
    assert rollback.poll() is None, rollback.communicate()  # at its switch, waiting for the lock
    assert os.readlink(remote / "current") == "releases/r2"
    gate.touch()
    assert deployer.wait(timeout=60) == 0, deployer.communicate()
    _, err = rollback.communicate(timeout=60)
    assert rollback.returncode == 2 and "回退期间部署位置有了新的发布" in err, err
    assert os.readlink(remote / "current") == "releases/r3"
