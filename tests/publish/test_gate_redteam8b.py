"""Red team, eighth round (second team): the publish gate and the approval records around reruns,
with real Git repositories in temporary folders, the loopback forge double and the real
`govpub approvals record` (helpers of the fifth round, test_gate_redteam5.py).

Routes tried here:
1. a rerun of an old "三审" run's record job (anyone with write access can press "Re-run"; the
   job's own retry after a lost push answer does the same): `git notes add -f` wrote the record
   again with a new `recorded_at`, the next publish saw a published record "changed after it was
   published" and refused everything until the office restored it. Closed: a record that already
   says everything the new one would (the gate's comparison, gate._essence) is kept as it is; one
   that differs is still replaced (the office's correction the gate's hint gives).
"""

from __future__ import annotations

import json

from forge_double import ForgeDouble
from forge_setup import record_pull
from helpers import Site
from test_gate_redteam5 import article, git, merge_pr, run_gate

from govpub.approvals.record import NOTES_REF
from govpub.publish import gate

A = "content/pfyfz/2026/redteam8b-a.md"


def test_a_rerun_record_job_does_not_rewrite_a_published_record(repo: Site, forge: ForgeDouble):
    base = git(repo.root, "rev-parse", "HEAD")
    merge, _head = merge_pr(repo, forge, 7, {A: article("普法推进会")})
    assert run_gate(repo, forge, base).ok
    published_notes = gate.notes_commit(repo.root)
    blob = git(repo.root, "notes", f"--ref={NOTES_REF}", "list", merge)
    proc = record_pull(forge, repo.root, 7)  # "Re-run jobs" on the merged PR's run, after the publish
    assert proc.returncode == 0 and "保持不变" in proc.stdout, proc.stdout
    assert git(repo.root, "notes", f"--ref={NOTES_REF}", "list", merge) == blob
    assert gate.altered_records(repo.root, published_notes, gate.notes_commit(repo.root)) == []
    # a record that says anything else is still replaced: one that is no record, and one planted
    # with another organisation in the form's header (which the gate does not compare)
    original = json.loads(git(repo.root, "cat-file", "-p", blob))
    for planted in ({"schema": "x"}, {**original, "organisation": "某某文化传媒有限公司"}):
        git(repo.root, "notes", f"--ref={NOTES_REF}", "add", "-f", "-m", json.dumps(planted, ensure_ascii=False), merge)
        assert record_pull(forge, repo.root, 7).returncode == 0
        rewritten = json.loads(git(repo.root, "notes", f"--ref={NOTES_REF}", "show", merge))
        assert gate.same_record(rewritten, original) and rewritten["organisation"] == original["organisation"]
