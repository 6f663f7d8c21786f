"""The CI workflows are valid GitHub Actions files (Gitea/Forgejo Actions read the same syntax)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from helpers import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_schema(path):
    proc = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_publish_never_runs_twice_at_once():
    data = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text("utf-8"))
    assert data["concurrency"]["group"] and data["concurrency"]["cancel-in-progress"] is False


def test_credentials_come_only_from_secrets():
    """Art. 14: an environment variable named like a credential takes its value from secrets."""
    import re

    pattern = re.compile(r"^\s*(\w*(?:SECRET|TOKEN|KEY|PASSWORD)\w*)\s*:\s*(.+)$")
    found = 0
    for path in WORKFLOWS:
        for line in path.read_text("utf-8").splitlines():
            m = pattern.match(line)
            if m:
                found += 1
                assert "${{ secrets." in m.group(2), f"{path.name}: {m.group(1)} is not taken from secrets"
    assert found >= 2
