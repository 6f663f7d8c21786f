"""Fixtures for the website tests: a copy of this repository's site in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import REPO, Site, copy_site


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site (this repository's content/ and records/), built once with `govpub build`."""
    site = copy_site(tmp_path_factory.mktemp("sample"))
    shutil.copytree(REPO / "records", site.root / "records")  # the 互动交流 page
    proc = site.run("build", "--quiet")
    assert proc.returncode == 0, proc.stderr
    return site.root / "site"


@pytest.fixture
def repo_copy(tmp_path: Path) -> Site:
    """A fresh copy of the site repository, for builds that change something."""
    return copy_site(tmp_path / "repo")
