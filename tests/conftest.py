"""Shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import REPO, Site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A site repository with this repo's checks/ and no articles."""
    root = tmp_path / "site"
    shutil.copytree(REPO / "checks", root / "checks")
    (root / "content").mkdir()
    return Site(root)
