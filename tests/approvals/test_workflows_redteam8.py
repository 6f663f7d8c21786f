"""Red team, eighth round: workflow properties the gate's "reviewed bytes are the built bytes"
relies on (helpers from test_workflows_redteam7.py). The gate itself refuses a checkout whose files
differ from the blobs and any submodule (tests/publish/test_gate_redteam8.py); these keep the
workflows from asking for either, so that a publish is not refused for the workflow's own doing.
"""

from __future__ import annotations

import pytest
from test_workflows_redteam7 import IDS, WORKFLOWS, load, steps


@pytest.mark.parametrize("path", WORKFLOWS, ids=IDS)
def test_no_checkout_fetches_submodules_or_lfs_objects(path):
    """A submodule's files and an LFS object are bytes the forge's diff never showed as text in
    the pull request: the reviewers saw a commit id or a pointer."""
    for job, _job, step in steps(load(path)):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            opts = step.get("with") or {}
            assert opts.get("submodules") in (None, False, "false"), (path.name, job)
            assert opts.get("lfs") in (None, False, "false"), (path.name, job)


def test_the_publish_checkout_has_the_whole_history():
    """The gate walks every commit since the last publish and refuses a shallow clone."""
    publish = load(WORKFLOWS[[p.name for p in WORKFLOWS].index("publish.yml")])
    checkouts = [s for _n, _j, s in steps(publish) if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts and all(str((s.get("with") or {}).get("fetch-depth")) == "0" for s in checkouts)
