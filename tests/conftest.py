"""Shared fixtures."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from helpers import REPO, Site

# govpub remembers validated checks/ files in the user's cache folder; tests use their own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="govpub-test-cache-")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A site repository with this repo's checks/ and no articles."""
    root = tmp_path / "site"
    shutil.copytree(REPO / "checks", root / "checks")
    (root / "content").mkdir()
    return Site(root)
