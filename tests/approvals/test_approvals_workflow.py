"""The 三审 workflow: valid (check-jsonschema's vendored schema), triggered on the review events,
running the verifier from the base branch, and calling the CLI as it really parses."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
from helpers import REPO

from govpub import yamlfile

PATH = REPO / ".github/workflows/approvals.yml"


@pytest.fixture(scope="module")
def wf():
    data, _ = yamlfile.parse(PATH.read_text(encoding="utf-8"))
    return data


def test_schema_valid():
    proc = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(PATH)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_triggers(wf):
    on = wf["on"]
    assert set(on["pull_request_review"]["types"]) == {"submitted", "edited", "dismissed"}
    assert {"opened", "synchronize", "reopened"} <= set(on["pull_request"]["types"])
    assert on["pull_request_target"]["types"] == ["closed"]


def test_verify_runs_the_base_branch_and_may_post_statuses(wf):
    job = wf["jobs"]["verify"]
    assert job["permissions"]["statuses"] == "write" and job["permissions"]["pull-requests"] == "write"
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert wf["permissions"] == {"contents": "read"}  # nothing more outside the jobs that need it


def test_record_pushes_the_notes_ref(wf):
    job = wf["jobs"]["record"]
    assert "merged" in job["if"] and job["permissions"]["contents"] == "write"
    script = job["steps"][-1]["run"]
    assert "git push origin refs/notes/govpub-approvals" in script
    assert "refs/notes/govpub-approvals:refs/notes/govpub-approvals" in script


def _govpub_commands(wf):
    for job in wf["jobs"].values():
        for step in job["steps"]:
            script = step.get("run", "").replace("\\\n", " ")
            for line in script.splitlines():
                line = line.strip()
                if line.startswith("govpub "):
                    yield re.sub(r"\s+\|\|.*$", "", line)


def test_commands_parse_with_the_real_cli(wf):
    from govpub.cli import build_parser

    commands = list(_govpub_commands(wf))
    assert len(commands) == 2
    env = {"$forge": "github", "$GITHUB_API_URL": "https://api.github.com", "$GITHUB_REPOSITORY": "zjsfj/website",
           "$PR_NUMBER": "7", "$MERGE_SHA": "0" * 40}
    for cmd in commands:
        for k, v in env.items():
            cmd = cmd.replace(f'"{k}"', v)
        args = build_parser().parse_args(shlex.split(cmd)[1:])
        assert args.command == "approvals" and args.pr == 7 and args.repo == "zjsfj/website"
    assert "--exit-zero" in commands[0]
