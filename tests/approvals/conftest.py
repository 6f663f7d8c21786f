"""Fixtures for the 三审 tests: a forge double per test, and the real CLI run in the site."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from forge_double import TOKEN, ForgeDouble  # noqa: E402


@pytest.fixture(params=["github", "gitea"])
def forge(request):
    double = ForgeDouble(kind=request.param).start()
    yield double
    double.stop()


@pytest.fixture
def github():
    double = ForgeDouble(kind="github").start()
    yield double
    double.stop()


@pytest.fixture
def gitea():
    double = ForgeDouble(kind="gitea").start()
    yield double
    double.stop()


@pytest.fixture
def online(site, monkeypatch, capsys):
    """Run `govpub approvals verify` online against a double, in process; return (code, verdict)."""
    from govpub import cli

    monkeypatch.chdir(site.root)
    monkeypatch.setenv("GOVPUB_FORGE_TOKEN", TOKEN)
    for name in ("GITHUB_API_URL", "GOVPUB_FORGE_URL"):
        monkeypatch.delenv(name, raising=False)

    def run(double: ForgeDouble, pr: int = 7, *extra: str) -> tuple[int, dict]:
        capsys.readouterr()
        code = cli.main(["approvals", "verify", "--forge", double.kind, "--repo", double.repo,
                         "--pr", str(pr), "--api-url", double.api_url, *extra])
        out = capsys.readouterr()
        return code, (json.loads(out.out) if out.out.strip() else {"stderr": out.err})

    return run
