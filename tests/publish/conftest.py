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
