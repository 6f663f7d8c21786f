"""Red team, seventh round: the approval records (git notes) as the publish gate and the
信息发布审批表 read them. Someone with push rights can write refs/notes/govpub-approvals (append a
commit, or force-push one whose parent is the published notes commit, which is still a fast-forward).

Routes tried here, each with the real gate (govpub/publish/gate.py) in process over real Git
repositories and the loopback forge double:
1. a record whose verdict the gate checks, but whose other fields (the reviewers' names and
   roles, the signer, the articles' titles and departments, the drafters, the team roster) are
   forged: the form printed them as fact; the gate must compare everything the form shows;
2. a record added after the last publish on an older commit of main (outside the range the gate
   looks at), dated later so that `govpub approvals form` picks it: it must not pass a publish;
3. (not an attack, the control's other side) the record job running after a later merge changed
   the teams: the record must be judged by the roster at its own merge commit, as the gate does;
4. a well-formed lease on refs/govpub/lock, naming the publishing runner and a live process and
   pushed again every 10 minutes, held every publish off: a run with the account's credentials
   seals its leases and takes over one without that seal.
"""

from __future__ import annotations

import json
import os

import pytest
from forge_double import TOKEN
from test_gate_redteam5 import A, article, git, merge_pr

from govpub.approvals import record
from govpub.approvals.github import GitHub
from govpub.policy import Policy
from govpub.publish import gate

NOTES = record.NOTES_REF


def gate_run(site, double, base: str, published_notes: str | None = None) -> gate.GateResult:
    forge = GitHub(double.repo, TOKEN, double.api_url)
    try:
        return gate.check(site.root, base=base, head=git(site.root, "rev-parse", "HEAD"), branch="main",
                          forge=forge, policy=Policy(site.root), published_notes=published_notes,
                          record_command="govpub approvals record")
    finally:
        forge.close()


def note(root, commit: str) -> dict:
    return json.loads(git(root, "notes", f"--ref={NOTES}", "show", commit))


def force_note(root, commit: str, data: dict) -> None:
    """Replace the note as a drafter would: git notes add -f (then push, forced if need be)."""
    git(root, "notes", f"--ref={NOTES}", "add", "-f", "-F", "-", commit,
        input=json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def forged(data: dict, what: str) -> dict:
    data = json.loads(json.dumps(data))
    if what == "reviewer name":
        data["levels"][0]["name"], data["levels"][0]["role"] = "王局长", "局长"
    elif what == "signer":
        data["signed_off"] = {"login": "wangjuzhang", "name": "王局长", "role": "局长", "at": data["signed_off"]["at"]}
    elif what == "article title":
        data["articles"][0]["title"] = "另一篇从未审核过的文章"
    elif what == "department":
        data["articles"][0]["department"] = data["department"] = "办公室"
    elif what == "drafter":
        data["commits"][0]["names"] = ["李四"]
        data["commits"][0]["authored_at"] = "2026-01-01T00:00:00Z"
    elif what == "roster":
        team = next(iter(data["membership"]))
        data["membership"][team]["members"].append({"login": "majia", "name": "马甲", "role": "科长", "active": True})
    return data


def test_a_record_whose_form_fields_are_forged_publishes_nothing(repo, forge):
    """The record job writes the note; before the publish run a drafter replaces it with one whose
    verdict (levels, logins, review ids, times) is the forge's, and whose names, signer, article
    title, department, drafter or roster are not. The 审批表 prints those fields: they are part of
    the record the gate holds against the forge and the merge commit, not free text."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge, _head = merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    honest = note(repo.root, merge)
    for what in ("reviewer name", "signer", "article title", "department", "drafter", "roster"):
        force_note(repo.root, merge, forged(honest, what))
        result = gate_run(repo, forge, base)
        assert not result.ok, what
        assert "审批记录与平台上的三审结论不一致" in result.report(), (what, result.report())
    force_note(repo.root, merge, honest)
    assert gate_run(repo, forge, base).ok


def test_a_record_added_on_an_older_commit_after_the_publish_is_refused(repo, forge):
    """After a publish, a drafter adds a record on an earlier commit of main (the initial commit,
    outside every range the gate will look at again), dated 2099 and naming an article, so that
    `govpub approvals form ARTICLE` would print it. The next publish refuses: since the last publish
    the records may only grow by the records of this range's merges."""
    root = repo.root
    initial = git(root, "rev-parse", "HEAD")
    merge, _ = merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    published_notes = git(root, "rev-parse", NOTES)
    fake = forged(note(root, merge), "reviewer name")
    fake.update(merge_commit=initial)
    fake["pull"].update(number=99, merged_at="2099-01-01T00:00:00Z")
    force_note(root, initial, fake)
    found, _ = record.find(root, A)
    assert found["merge_commit"] == initial  # what the form would print, before the gate is run
    merge_pr(repo, forge, 8, {"content/pfyfz/2026/b.md": article("法治宣传进社区")})
    result = gate_run(repo, forge, merge, published_notes)
    assert not result.ok
    assert initial[:12] in result.report() and "审批记录" in result.report(), result.report()
    from govpub.audit import approval_records  # the daily audit names it too

    found = approval_records.check(root, {"commit": merge, "notes_commit": published_notes})
    assert [f.item for f in found] == ["已发布的提交上后加的审批记录"] and initial[:12] in found[0].detail


# -- the publish lock: a lease pushed by someone without the publish credentials -------------------
def credentials(secret: str) -> dict[str, str]:
    return {"GOVPUB_WECHAT_APPID": "wx" + "0" * 16, "GOVPUB_WECHAT_SECRET": secret}


def squat(root, owner: str, *, key: bytes | None = None, lease: float = 600.0):
    """A lease in refs/govpub/lock, as a drafter pushes it: well formed, a normal 10-minute term,
    the holder named as the publishing runner with a live process (this test's own)."""
    from govpub.publish.lock import PublishLock

    squatter = PublishLock(root, None, lease_seconds=lease, key=key)
    squatter.owner = owner
    return squatter.acquire()


def test_a_well_formed_lease_without_the_credentials_seal_does_not_hold_publishing_off(repo):
    """README 威胁模型 listed it open: a well-formed lease naming the runner and a live process,
    pushed again every 10 minutes, kept every publish waiting --lock-wait and then stopping. A run
    that holds the account's credentials (only the publish environment has them) now seals its
    leases and takes over one without its seal, whatever it says; a lease with the seal of the same
    credentials still holds it off, and one whose expiry was edited after sealing does not."""
    import socket

    from govpub.publish.lock import LockBusy, PublishLock, lock_key

    root, policy = repo.root, Policy(repo.root)
    secret = "s" * 32
    key = lock_key(policy, credentials(secret))
    assert key is not None and lock_key(policy, {}) is None
    live = f"{socket.gethostname()}:{os.getpid()}:run-1"

    squat(root, live)  # no seal: the drafter has no AppSecret
    taken = PublishLock(root, None, wait_seconds=0, key=key).acquire()
    assert json.loads(git(root, "log", "-1", "--format=%B", taken.commit))["seal"]  # our own lease is sealed
    git(root, "update-ref", "-d", "refs/govpub/lock")

    squat(root, live, key=lock_key(policy, credentials("x" * 32)))  # sealed with other credentials
    PublishLock(root, None, wait_seconds=0, key=key).acquire()
    git(root, "update-ref", "-d", "refs/govpub/lock")

    held = squat(root, "runner-2:4242:run-17", key=key)  # a real run with the same credentials
    with pytest.raises(LockBusy, match="runner-2:4242:run-17"):
        PublishLock(root, None, wait_seconds=0, key=key).acquire()
    message = json.loads(git(root, "log", "-1", "--format=%B", held.commit))
    message["expires_at"] += 300  # a copied sealed lease, made to last longer
    tree = git(root, "mktree", input="")
    forged_commit = git(root, "commit-tree", tree, "-m", json.dumps(message))
    git(root, "update-ref", "refs/govpub/lock", forged_commit)
    PublishLock(root, None, wait_seconds=0, key=key).acquire()

    # without credentials a run cannot tell a forged lease: it waits, as before
    git(root, "update-ref", "-d", "refs/govpub/lock")
    squat(root, live)
    with pytest.raises(LockBusy):
        PublishLock(root, None, wait_seconds=0, key=None).acquire()


def test_a_record_written_after_a_later_merge_changed_the_teams_matches_the_gate(repo, forge):
    """The record job checks out main as it is when it runs. When the next merge (an approved change
    of teams.yml) lands first, the record of the earlier PR was judged by the later roster while the
    gate holds it to the roster at its own merge commit: the record job judges by that roster too,
    so an honest record is not refused (and the roster on the form is the one the decision used)."""
    from forge_setup import land_pull, record_pull
    from test_gate_redteam5 import TEAMS, write

    root = repo.root
    base = git(root, "rev-parse", "HEAD")
    git(root, "switch", "-q", "-c", "pr-8")
    write(root, {A: article("普法宣传进校园活动顺利开展")})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "稿件 #8")
    head8 = git(root, "rev-parse", "HEAD")
    git(root, "switch", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "pr-8", "-m", "合并 #8")
    merge8 = git(root, "rev-parse", "HEAD")
    land_pull(forge, root, merge8, head8, [A], number=8, record=False)  # its record job is slow
    teams = (root / TEAMS).read_text("utf-8")
    promoted = "{login: caiwenbin, name: 蔡文斌, role: 科长（主持工作）"  # #8's L1, a new title
    merge_pr(repo, forge, 9, {TEAMS: teams.replace("{login: caiwenbin, name: 蔡文斌, role: 科长", promoted)})
    assert record_pull(forge, root, 8).returncode == 0  # now, on main after #9
    result = gate_run(repo, forge, base)
    assert result.ok, result.report()


def test_the_publish_run_seals_with_the_credentials_it_has(repo, monkeypatch, tmp_path):
    """The same through the pipeline that `govpub publish` runs: with the WeChat credentials in its
    environment a run takes over the drafter's lease at once, and its own lease is sealed."""
    import socket

    from govpub.publish import pipeline

    root = repo.root
    squat(root, f"{socket.gethostname()}:{os.getpid()}:run-1")
    for name, value in credentials("s" * 32).items():
        monkeypatch.setenv(name, value)
    seen = {}

    class Inside(Exception):
        """Raised where the run, holding the lock, would start its channels."""

    def spy(*args, **kwargs):
        seen["lease"] = json.loads(git(root, "log", "-1", "--format=%B", "refs/govpub/lock"))
        raise Inside

    monkeypatch.setattr(pipeline, "_context", spy)
    with pytest.raises(Inside):  # not LockBusy: the drafter's lease was taken over
        pipeline.converge(root, git(root, "rev-parse", "HEAD"), out=tmp_path / "out", remote=None, lock_wait=0,
                          platforms=["nanfang"])
    assert seen["lease"]["seal"] and seen["lease"]["owner"] != f"{socket.gethostname()}:{os.getpid()}:run-1"
