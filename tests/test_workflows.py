"""The CI workflows are valid GitHub Actions files (Gitea/Forgejo Actions read the same syntax),
lint clean, pinned, and keep their credentials out of reach of unreviewed code (Art. 14)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_schema(path):
    proc = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_is_clean():
    exe = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    if not Path(exe).exists():
        pytest.skip("actionlint 未安装（pip install -e '.[dev]'）")
    proc = subprocess.run([exe, "-no-color"], cwd=REPO, capture_output=True, text=True,
                          env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_publish_never_runs_twice_at_once():
    data = _load(REPO / ".github/workflows/publish.yml")
    assert data["concurrency"]["group"] and data["concurrency"]["cancel-in-progress"] is False


def test_credentials_come_only_from_secrets():
    """Art. 14: an environment variable named like a credential takes its value from secrets
    (or the job's own automatic token)."""
    pattern = re.compile(r"^\s*(\w*(?:SECRET|TOKEN|KEY|PASSWORD)\w*)\s*:\s*(.+)$")
    found = 0
    for path in WORKFLOWS:
        for line in path.read_text("utf-8").splitlines():
            m = pattern.match(line)
            if m:
                found += 1
                assert "${{ secrets." in m.group(2) or m.group(2).strip() == "${{ github.token }}", \
                    f"{path.name}: {m.group(1)} is not taken from secrets"
    assert found >= 2


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit(path):
    """A tag can be moved to other code; a full commit SHA cannot. The tag stays as a comment."""
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", line)
        if not m or m.group(1).startswith("./"):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", m.group(1)), f"{path.name}: {line.strip()}"
        assert re.search(r"#\s*v\d", m.group(2)), f"{path.name}: no tag comment: {line.strip()}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_secrets_only_in_jobs_with_a_protected_environment(path):
    """Repository secrets are readable by any workflow pushed on any branch: only jobs in an
    environment (limited to the default branch in the forge settings) may reference them."""
    data = _load(path)
    for name, job in data["jobs"].items():
        text = yaml.safe_dump(job, allow_unicode=True)
        if re.search(r"secrets\.(?!GITHUB_TOKEN\b)\w+", text):
            assert job.get("environment"), f"{path.name}: job {name} reads secrets without an environment"
    top = {k: v for k, v in data.items() if k != "jobs"}
    assert "secrets." not in yaml.safe_dump(top, allow_unicode=True)


def test_publishing_credentials_are_in_the_publish_environment():
    job = _load(REPO / ".github/workflows/publish.yml")["jobs"]["publish"]
    assert job["environment"] == "publish" and "main" in job["if"]
    assert "self-hosted" in job["runs-on"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_upload_artifact_v4_is_guarded_for_gitea(path):
    """Gitea 1.22–1.25 fails on upload-artifact v4: such a step runs on GitHub only."""
    data = _load(path)
    for job in data["jobs"].values():
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/upload-artifact@"):
                assert "github.server_url == 'https://github.com'" in step.get("if", ""), step


def test_status_job_runs_from_the_base_branch():
    """Only workflows whose file comes from the default branch may write the 三审 status."""
    for path in WORKFLOWS:
        data = _load(path)
        for job in data["jobs"].values():
            if (job.get("permissions") or {}).get("statuses") == "write":
                assert set(data["on"]) <= {"pull_request_target", "workflow_run", "workflow_dispatch"}, path.name


def test_self_hosted_labels_are_declared():
    config = yaml.safe_load((REPO / ".github/actionlint.yaml").read_text("utf-8"))
    labels = set(config["self-hosted-runner"]["labels"])
    for path in WORKFLOWS:
        for job in _load(path)["jobs"].values():
            runs_on = job["runs-on"] if isinstance(job["runs-on"], list) else [job["runs-on"]]
            if "self-hosted" in runs_on:
                assert set(runs_on) - {"self-hosted"} <= labels
