from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # wechat_double, run_sync, forge_setup
sys.path.insert(0, str(Path(__file__).parent.parent / "approvals"))  # forge_double, payloads

from forge_double import ForgeDouble  # noqa: E402
from helpers import GIT_ENV, Site, checks_site  # noqa: E402


@pytest.fixture
def forge():
    """A GitHub double on 127.0.0.1 for the publish gate; see forge_setup.land_pull."""
    double = ForgeDouble(kind="github").start()
    yield double
    double.stop()


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A repository with checks/ and a home page, committed on main: the start of the red-team
    gate tests (test_gate_redteam5.py, test_gate_redteam6.py; test_gate.py builds a fuller one)."""
    root = checks_site(tmp_path_factory.mktemp("gate") / "repo").root
    (root / "content").mkdir(exist_ok=True)
    (root / "content/index.md").write_text("# 首页\n", "utf-8")
    for args in (("init", "-q", "-b", "main"), ("add", "-A"), ("commit", "-qm", "启用 govpub 时的内容")):
        subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, check=True,
                       capture_output=True)
    return root


@pytest.fixture
def repo(tmp_path, template) -> Site:
    """A fresh copy of the template (history included) for each test; modules with their own
    repository define their own `repo`."""
    return Site(shutil.copytree(template, tmp_path / "repo", symlinks=True))


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
def fake_ssh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`ssh` on PATH is FAKE_SSH: user@host:/path deploys run their remote side on this machine;
    the file returned logs every connection's arguments. No deploy key or known-hosts file from
    the caller's environment (a test sets its own)."""
    from govpub.publish import deploy

    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "ssh").write_text(FAKE_SSH, encoding="utf-8")
    (bindir / "ssh").chmod(0o755)
    log = tmp_path / "ssh.log"
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SSH_LOG", str(log))
    monkeypatch.delenv(deploy.KEY_ENV, raising=False)
    monkeypatch.delenv(deploy.KNOWN_HOSTS_ENV, raising=False)
    return log
