"""Red team, ninth round: workflow properties the earlier rounds' tests left open (helpers of
test_workflows_redteam7.py). Each states one property and fails when a later edit breaks it.

Routes tried:
1. a local action (`uses: ./…`) in a privileged job: it resolves against the workspace, where the
   三审 job has put the pull request's head (.govpub-pr-head/) as data; the seventh round's test
   only looked at `run:` and `working-directory:`, so `uses: ./.govpub-pr-head/.github/actions/x`
   would have run the drafter's code with the job's write token. No workflow does it; now a test
   says so;
2. a step after the PR head's checkout that installs or builds (a second `pip install`, `make`):
   only the verification itself may follow it;
3. the concurrency groups: the record job must never be cancelled by a later event of the same PR
   (an `edited` or `reopened` right after the merge would leave the merge without a record, and
   every publish refused until the office writes it), and publishing has one fixed group (a group
   named after the ref or the run would let two publishes run side by side).
"""

from __future__ import annotations

import pytest
from helpers import REPO
from test_workflows_redteam7 import HEAD_DATA, IDS, PRIVILEGED, WORKFLOWS, load, steps, triggers


@pytest.mark.parametrize("path", WORKFLOWS, ids=IDS)
def test_no_privileged_job_runs_a_local_action(path):
    """pull_request_target and workflow_run jobs hold the base repository's token: a local action
    runs whatever the workspace holds at that path, and the 三审 job puts the PR's head there."""
    data = load(path)
    if not triggers(data) & PRIVILEGED:
        return
    for name, _job, step in steps(data):
        uses = str(step.get("uses", ""))
        assert not uses.startswith("./"), f"{path.name} {name}: local action {uses}"
        if (step.get("with") or {}).get("path") == HEAD_DATA:
            continue
        assert HEAD_DATA not in uses and HEAD_DATA not in str(step.get("with") or ""), (path.name, name, step)


@pytest.mark.parametrize("path", WORKFLOWS, ids=IDS)
def test_only_the_verification_follows_the_pr_heads_checkout(path):
    """Installed before, read after: a `pip install`, `make` or build after the PR head is in the
    workspace could pick its files up (a .pth, a setup hook, a Makefile)."""
    data = load(path)
    for name, job in data["jobs"].items():
        order = job.get("steps", [])
        at = next((i for i, s in enumerate(order) if (s.get("with") or {}).get("path") == HEAD_DATA), None)
        if at is None:
            continue
        for step in order[at + 1:]:
            assert "uses" not in step, f"{path.name} {name}: an action after the PR head's checkout"
            assert "govpub approvals verify" in step.get("run", ""), f"{path.name} {name}: {step.get('name')}"
            assert not any(word in step["run"] for word in ("pip ", "make", "python -m build", "npm ")), step["run"]


def test_the_record_job_is_never_cancelled_by_a_later_event():
    """Every event of a PR cancels the running verification of the same PR (only the last verdict
    matters); the record job runs on `closed` in a group of its own that nothing cancels."""
    data = load(REPO / ".github/workflows/approvals.yml")
    concurrency = data["concurrency"]
    assert concurrency["group"].endswith("-${{ github.event.action == 'closed' }}"), concurrency
    assert concurrency["cancel-in-progress"] == "${{ github.event.action != 'closed' }}", concurrency
    record = data["jobs"]["record"]
    assert "github.event.action == 'closed'" in record["if"] and "concurrency" not in record
    assert all("concurrency" not in job for job in data["jobs"].values())


def test_publishing_has_one_fixed_concurrency_group():
    """One publisher at a time: the group is a constant, not the ref, the run or an input."""
    data = load(REPO / ".github/workflows/publish.yml")
    assert "${{" not in str(data["concurrency"]["group"]) and data["concurrency"]["cancel-in-progress"] is False
    assert all("concurrency" not in job for job in data["jobs"].values())
