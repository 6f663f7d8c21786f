"""The 三审 workflows: valid, run only from the default branch, triggered on PR and review
events (reviews through the untrusted "三审事件" and workflow_run), calling the real CLI."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
from helpers import REPO

from govpub import yamlfile

PATH = REPO / ".github/workflows/approvals.yml"
EVENT = REPO / ".github/workflows/approvals-event.yml"


def _load(path):
    data, _ = yamlfile.parse(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def wf():
    return _load(PATH)


@pytest.mark.parametrize("path", [PATH, EVENT], ids=lambda p: p.name)
def test_schema_valid(path):
    proc = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_only_base_branch_triggers(wf):
    """pull_request and pull_request_review run the PR's own copy of the file: a PR could
    rewrite the job to post a success status. Only triggers that run the default branch's file."""
    on = wf["on"]
    assert set(on) <= {"pull_request_target", "workflow_run", "workflow_dispatch"}
    assert {"opened", "synchronize", "reopened", "ready_for_review", "converted_to_draft", "edited",
            "closed"} <= set(on["pull_request_target"]["types"])
    assert on["workflow_run"]["workflows"] == [_load(EVENT)["name"]]


def test_review_events_go_through_an_untrusted_trigger_without_rights():
    event = _load(EVENT)
    assert set(event["on"]["pull_request_review"]["types"]) == {"submitted", "edited", "dismissed"}
    assert event["permissions"] == {}
    text = EVENT.read_text(encoding="utf-8")
    assert "secrets." not in text and "uses:" not in text and "govpub" not in text.split("jobs:")[1]


def test_verify_runs_the_default_branch_and_may_post_statuses(wf):
    job = wf["jobs"]["verify"]
    assert job["permissions"]["statuses"] == "write" and job["permissions"]["pull-requests"] == "write"
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    assert checkout["with"]["persist-credentials"] is False
    assert wf["permissions"] == {"contents": "read"}  # nothing more outside the jobs that need it
    text = PATH.read_text(encoding="utf-8")
    assert "head.sha" not in text and "head.ref" not in text  # never the PR's code
    head = [s for s in job["steps"] if (s.get("with") or {}).get("path") == ".govpub-pr-head"]
    assert len(head) == 1 and "--head-checkout .govpub-pr-head" in job["steps"][-1]["run"]  # the PR head as data only


def test_record_pushes_the_notes_ref(wf):
    job = wf["jobs"]["record"]
    assert "merged" in job["if"] and "pull_request_target" in job["if"] and job["permissions"]["contents"] == "write"
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
    assert "--exit-zero" in commands[0] and "--format json" in commands[0]
