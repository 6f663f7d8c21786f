"""Red team, seventh round: the workflows themselves (.github/workflows/*.yml, which Gitea and
Forgejo Actions run too). Each test states one property the trust chain relies on and fails as
soon as a later edit breaks it — a privileged trigger that checks out the pull request's code, a
new write permission, an event field pasted into a shell script, a cache or an artifact that
carries a pull request's files into a privileged run, a dispatch input that steers the publish
job, the publishing runner lent to another job, a credential left in .git/config. Pinning, secrets
and the schema are checked in tests/test_workflows.py; the 三审 jobs' own wiring in
test_approvals_workflow.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
IDS = [p.name for p in WORKFLOWS]

# Triggers whose run has the base repository's rights (a write token, secrets, the default branch's
# cache scope) whatever the pull request contains.
PRIVILEGED = {"pull_request_target", "workflow_run"}

# Every write scope a job holds, and why. A new one must be argued here first.
WRITES = {
    ("approvals.yml", "verify"): {"pull-requests", "issues", "statuses"},  # the status and one comment
    ("approvals.yml", "record"): {"contents"},  # push refs/notes/govpub-approvals
    ("publish.yml", "publish"): {"contents"},  # push refs/govpub/ledger and refs/govpub/lock
    ("word.yml", "convert"): {"contents", "pull-requests", "issues"},  # the PR's own branch, one comment
    ("checks.yml", "check"): {"security-events"},  # SARIF upload
}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def triggers(data: dict) -> set[str]:
    on = data["on"]
    return {on} if isinstance(on, str) else set(on)


def steps(data: dict):
    for name, job in data["jobs"].items():
        for step in job.get("steps", []):
            yield name, job, step


def permissions(data: dict, job: dict) -> dict:
    perms = job.get("permissions", data.get("permissions"))
    assert isinstance(perms, dict), "write-all / read-all or no permissions at all: name every scope"
    return perms


@pytest.mark.parametrize("path", WORKFLOWS, ids=IDS)
def test_every_write_permission_is_one_that_was_argued(path):
    data = load(path)
    assert "permissions" in data, f"{path.name}: no top-level permissions (the repository default applies)"
    for name, job in data["jobs"].items():
        writes = {scope for scope, level in permissions(data, job).items() if level == "write"}
        assert writes <= WRITES.get((path.name, name), set()), (path.name, name, writes)


@pytest.mark.parametrize("path", WORKFLOWS, ids=IDS)
def test_a_privileged_trigger_never_checks_out_the_pull_requests_code(path):
    """pull_request_target and workflow_run run with the base repository's token and cache scope:
    checking out the PR's head (or a fork) there runs the drafter's Makefile, pyproject build hooks
    or govpub with those rights. Only the default branch (or the event's own base commit)."""
    data = load(path)
    if not triggers(data) & PRIVILEGED:
        return
    text = path.read_text("utf-8")
    for _name, _job, step in steps(data):  # the one exception: the PR head as data (redteam8b)
        if (step.get("with") or {}).get("path") == HEAD_DATA:
            text = text.replace(step["with"]["ref"], "")
    for needle in ("head.sha", "head.ref", "head_ref", "head_sha", "head_branch", "head_repository",
                   "refs/pull/", "pull/${{", "gh pr checkout", "merge_commit_sha }}:"):
        assert needle not in text, f"{path.name}: {needle}"
    for _name, _job, step in steps(data):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            args = step.get("with") or {}
            assert "repository" not in args, f"{path.name}: a checkout of another repository (a fork?)"
            if args.get("path") == HEAD_DATA:
                assert_head_is_data_only(path.name, data, step)
                continue
            assert args.get("ref") in (None, "${{ github.event.repository.default_branch }}"), args


HEAD_DATA = ".govpub-pr-head"


def assert_head_is_data_only(name: str, data: dict, checkout: dict) -> None:
    """`govpub approvals verify --head-checkout` reads the PR head to refuse before the merge what
    the publish gate refuses after it. It is data: checked out into its own folder without the
    token, after govpub is installed from the default branch, never a working directory, never
    named in a step but as that option's argument."""
    assert checkout["with"].get("persist-credentials") is False, name
    order = [s for _n, _j, s in steps(data)]
    at = order.index(checkout)
    assert any("pip install" in s.get("run", "") for s in order[:at]), f"{name}: install govpub before the PR head"
    for step in order:
        assert HEAD_DATA not in str(step.get("working-directory", "")), name
        script = step.get("run", "")
        if HEAD_DATA in script:
            assert script.count(HEAD_DATA) == script.count(f"--head-checkout {HEAD_DATA}"), script


def expressions(script: str) -> list[str]:
    return [m.strip() for m in re.findall(r"\$\{\{(.*?)\}\}", script, re.S)]


@pytest.mark.parametrize("path", WORKFLOWS, ids=IDS)
def test_no_event_text_is_pasted_into_a_shell_script(path):
    """A title, branch name, review body or commit message pasted into `run:` by ${{ }} is shell
    code its author wrote. Scripts read such values from env:, and only a dispatch input typed
    boolean or number may appear inline."""
    data = load(path)
    dispatch = (data["on"].get("workflow_dispatch") or {}) if isinstance(data["on"], dict) else {}
    typed = {k for k, v in (dispatch.get("inputs") or {}).items() if v.get("type") in ("boolean", "number")}
    for name, _job, step in steps(data):
        for expr in expressions(step.get("run", "")):
            used = set(re.findall(r"[A-Za-z_][\w.\-\[\]]*", re.sub(r"'[^']*'", "", expr)))
            assert all(u.startswith("inputs.") and u.removeprefix("inputs.") in typed for u in used), \
                f"{path.name} {name}: ${{{{ {expr} }}}} in a script"


@pytest.mark.parametrize("path", WORKFLOWS, ids=IDS)
def test_no_step_changes_the_environment_of_later_steps(path):
    """GITHUB_ENV and GITHUB_PATH turn text into the next steps' environment (LD_PRELOAD, PATH,
    PYTHONPATH…); GITHUB_OUTPUT only carries counts computed by the script itself."""
    for line in path.read_text("utf-8").splitlines():
        assert "GITHUB_ENV" not in line and "GITHUB_PATH" not in line, f"{path.name}: {line.strip()}"
        if "GITHUB_OUTPUT" in line:
            assert re.fullmatch(r'\s*echo "\w+=\$(\w+|\(\([\w +]+\)\))" >> "\$GITHUB_OUTPUT"', line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=IDS)
def test_no_cache_and_no_artifact_crosses_from_one_run_into_another(path):
    """A cache written by a pull_request_target or workflow_run job lands in the default branch's
    scope and is restored by the publish run; an artifact downloaded from another run is whatever
    that run (a pull request's) uploaded. Neither may carry files into a run."""
    data = load(path)
    for name, _job, step in steps(data):
        uses = str(step.get("uses", ""))
        assert not uses.startswith(("actions/cache", "actions/download-artifact")), (path.name, name, uses)
        assert "download-artifact" not in uses and "gh run download" not in step.get("run", "")
        if uses.startswith("actions/setup-"):
            assert "cache" not in (step.get("with") or {}), (path.name, name, "setup-* cache")


def test_nothing_steers_the_publish_job_but_the_default_branch():
    """The publish job runs on a push to main, on schedule or by hand, only for refs/heads/main;
    no dispatch input and no event field picks the deploy target, the starting commit or the code:
    those come from the environment's variables."""
    path = REPO / ".github/workflows/publish.yml"
    data = load(path)
    assert triggers(data) == {"push", "schedule", "workflow_dispatch"}
    assert data["on"]["push"]["branches"] == ["main"] and "tags" not in data["on"]["push"]
    assert not (data["on"]["workflow_dispatch"] or {}).get("inputs")
    job = data["jobs"]["publish"]
    assert job["if"] == "github.ref == 'refs/heads/main'" and job["environment"] == "publish"
    text = path.read_text("utf-8")
    assert "inputs." not in text and "github.event." not in text
    checkout = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert "ref" not in (checkout.get("with") or {})  # the run's own commit, which the gate holds to main's tip


@pytest.mark.parametrize("path", WORKFLOWS, ids=IDS)
def test_only_the_publish_job_uses_the_publishing_runner(path):
    """The self-hosted publishing runner keeps its home, pip cache and tool cache between jobs: a
    second job there could leave them poisoned for the next publish. It installs without pip's
    cache so that at least nothing pip kept from another job is reused."""
    data = load(path)
    for name, job in data["jobs"].items():
        runs_on = job["runs-on"] if isinstance(job["runs-on"], list) else [job["runs-on"]]
        if "self-hosted" in runs_on or "govpub-publish" in runs_on:
            assert (path.name, name) == ("publish.yml", "publish")
            for step in job["steps"]:
                if "pip install" in step.get("run", ""):
                    assert "--no-cache-dir" in step["run"], step["run"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=IDS)
def test_a_checkout_keeps_no_token_unless_the_job_pushes(path):
    """actions/checkout leaves the job's token in .git/config for every later step (and the
    project's own build hooks) unless told not to; only jobs that push keep it."""
    data = load(path)
    for name, job, step in steps(data):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            if permissions(data, job).get("contents") != "write":
                assert (step.get("with") or {}).get("persist-credentials") is False, (path.name, name)
