"""Red team, tenth round: the workflow property the new authorship rule relies on (helpers of
test_workflows_redteam7.py).

Route tried: a reviewer's branch workflow writes a change and opens its pull request as the
workflow account (github-actions[bot], gitea-actions), then the reviewer approves it. `govpub
approvals verify` now blocks a pull request opened by that account or with commits linked to it
(test_approvals_redteam10.py). That is safe only while govpub's own workflows never do either: the
Word conversion must keep committing in the drafter's name, and no workflow may open a pull
request. This test fails when a later edit breaks that (the rule would then block every drafter).
"""

from __future__ import annotations

import re

import pytest
from helpers import REPO
from test_workflows_redteam7 import IDS, WORKFLOWS, load, steps

from govpub.approvals.verify import WORKFLOW_ACCOUNTS

_OPENS_PR = re.compile(r"\bgh\s+pr\s+create\b|create-pull-request|/pulls\b[^\n]*(?:-X\s*POST|--method\s+POST)|\bPOST\b[^\n]*/pulls\b")
_COMMIT = re.compile(r"\bgit\b(?:[^\n]|\\\n)*?\scommit\b")  # across "\" line continuations


@pytest.mark.parametrize("path", WORKFLOWS, ids=IDS)
def test_no_workflow_opens_a_pull_request_or_commits_as_the_workflow_account(path):
    data = load(path)
    for name, _job, step in steps(data):
        uses, run = str(step.get("uses", "")), str(step.get("run", ""))
        assert "create-pull-request" not in uses, f"{path.name} {name}: {uses}"
        assert not _OPENS_PR.search(run), f"{path.name} {name}: opens a pull request"
        text = (run + str(step.get("env") or "")).lower()
        for account in WORKFLOW_ACCOUNTS:
            assert account not in text and "41898282" not in text, f"{path.name} {name}: writes as {account}"


def test_the_word_conversion_commits_in_the_drafters_name():
    data = load(REPO / ".github/workflows/word.yml")
    found = 0
    for _name, _job, step in steps(data):
        run = str(step.get("run", ""))
        for match in _COMMIT.finditer(run):
            found += 1
            assert '--author "$DRAFTER <$DRAFTER@users.noreply.github.com>"' in run[match.start():match.start() + 400]
            assert step["env"]["DRAFTER"] == "${{ github.event.pull_request.user.login }}"
    assert found == 1
