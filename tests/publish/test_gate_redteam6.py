"""Red team, sixth round: routes past the publish gate (govpub/publish/gate.py) that no earlier
test tries. Real Git repositories in temporary folders and the loopback forge double; the gate is
called in process (the command around it is exercised in test_gate.py), the helpers are those of
the fifth round (test_gate_redteam5.py).
"""

from __future__ import annotations

import os
import subprocess

import pytest
from forge_double import ForgeDouble
from helpers import Site
from test_gate_redteam5 import article, git, merge_pr, refused, run_gate, write

from govpub.publish import gate

A = "content/pfyfz/2026/redteam-a.md"


def commit_raw(site: Site, names: dict[bytes, bytes], message: str = "直接修改") -> str:
    """Commit files whose names are raw bytes (any byte but NUL and "/" is a valid Git name)."""
    root = bytes(site.root)
    for name, data in names.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", message)
    return git(site.root, "rev-parse", "HEAD")


# -- file names that speak to the CI log ------------------------------------------------------------
def test_a_file_name_that_is_a_workflow_command_is_printed_inert(repo, forge):
    """The refusal lists each refused path in the publish job's log and summary. A drafter names a
    pushed file so that its line is a workflow command: a line break then "::add-mask::" (hides the
    word 三审 from the log), or a name that starts with "::error" (a forged annotation), or with
    "```" (ends the summary's code block). The run is refused, and every line the report prints
    is text, not a command."""
    base = git(repo.root, "rev-parse", "HEAD")
    names = {b"content/pfyfz/2026/x\n::add-mask::\xe4\xb8\x89\xe5\xae\xa1.jpg": b"1",
             b"::error title=publish::ok": b"2", b"```\n[link](https://example.test)": b"3",
             "content/pfyfz/2026/\u202egpj.exe".encode(): b"4"}
    commit_raw(repo, names)
    result = run_gate(repo, forge, base)
    assert len(result.refused) == 4
    report = result.report()
    for line in report.splitlines():
        assert not line.lstrip().startswith(("::", "##[", "```")), line
    assert "\u202e" not in report and "\\u202e" in report
    assert "content/pfyfz/2026/x\\n::add-mask::三审.jpg（提交" in report
    assert "  ./::error title=publish::ok（提交" in report


def test_file_names_that_are_not_utf8_are_told_apart(repo, forge):
    """Git names are bytes. Read as UTF-8 with replacement, x\\xfe.jpg and x\\xff.jpg are the same
    string: a direct push of the first beside an approved second would be compared with the
    approved file and go out with it. Both names are kept apart; the pushed one is refused."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    approved = b"content/pfyfz/2026/x\xff.jpg"
    commit_raw(repo, {approved: b"approved"}, "图片")  # on main first, then through a PR below
    git(repo.root, "reset", "-q", "--hard", "HEAD~1")
    git(repo.root, "switch", "-q", "-c", "pr-8")
    commit_raw(repo, {approved: b"approved"}, "图片")
    head = git(repo.root, "rev-parse", "HEAD")
    git(repo.root, "switch", "-q", "main")
    git(repo.root, "merge", "-q", "--no-ff", "pr-8", "-m", "合并 #8")
    from forge_setup import land_pull

    listed = approved.decode("utf-8", "replace")  # what a forge's JSON can say of such a name
    land_pull(forge, repo.root, git(repo.root, "rev-parse", "HEAD"), head, [listed], number=8)
    commit_raw(repo, {b"content/pfyfz/2026/x\xfe.jpg": b"not reviewed"})
    result = run_gate(repo, forge, base)
    assert not result.ok
    why = {gate.shown(r.path): r.why for r in result.refused}
    assert "content/pfyfz/2026/x\\udcfe.jpg" in why, result.report()
    assert "不是 UTF-8" in why["content/pfyfz/2026/x\\udcfe.jpg"] and "处理办法" in result.report()
    assert result.report().encode("utf-8")  # printable: no lone surrogate reaches the log


# -- the PR retargeted after its approvals ------------------------------------------------------------
def test_a_pr_retargeted_after_its_approvals_publishes_nothing(repo, forge):
    """The drafter pushes article B to a branch of their own, opens a PR with article A against
    that branch, gets it approved on the one-article diff, retargets it to main and merges: both
    files are the PR's, at its approved head, but nobody reviewed B."""
    import payloads

    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展"),
                              "content/pfyfz/2026/redteam-b.md": article("未经审核的稿件")})
    assert run_gate(repo, forge, base).ok  # the forge says nothing of the retargeting yet
    forge.timeline[7] = [payloads.retargeted(35)]  # after the approvals (10, 20, 30 minutes)
    result = run_gate(repo, forge, base)
    assert not result.ok and "#7 没有通过三审" in refused(result)[A] and "目标分支" in refused(result)[A]


# -- Git showing other objects than the commit holds ------------------------------------------------
def open_gate(site: Site, double: ForgeDouble, base: str) -> gate.PublishGate:
    """The whole gate of `govpub publish` (checkout, layout, protected tip, range) in process."""
    from forge_double import TOKEN

    from govpub.approvals.github import GitHub
    from govpub.policy import Policy

    head = git(site.root, "rev-parse", "HEAD")
    double.branches["main"] = head
    return gate.publish_gate(site.root, Policy(site.root), head,
                             connect=lambda: GitHub(double.repo, TOKEN, double.api_url), branch="main",
                             target=str(site.root.parent / "www"), initial=base,
                             record_command="govpub approvals record", ref="refs/heads/main")


def test_a_replace_ref_that_swaps_an_approved_file_publishes_nothing(repo, forge):
    """`git replace` makes Git hand out another object wherever the replaced one is read, while
    the trees still name the original: the gate compares object ids and finds the approved file,
    the checkout writes the replacement, and `git status` (stat data unchanged) sees nothing. A
    drafter's refs/replace/* reaches the publishing host by a mirror clone, a fetch of all refs
    or a reused work folder; the site would carry text nobody reviewed."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    assert open_gate(repo, forge, base).passed is not None
    approved = git(repo.root, "rev-parse", f"HEAD:{A}")
    evil = git(repo.root, "hash-object", "-w", "--stdin", input=article("未经审核的稿件"))
    git(repo.root, "replace", approved, evil)
    assert "未经审核的稿件" in git(repo.root, "show", f"HEAD:{A}")  # what a fresh checkout would write
    outcome = open_gate(repo, forge, base)
    assert outcome.passed is None
    assert "refs/replace" in outcome.refusal and "处理办法" in outcome.refusal


def test_a_shallow_or_grafted_history_publishes_nothing(repo, forge, tmp_path):
    """A shallow clone (or .git/info/grafts) cuts history: commits between the last publish and
    HEAD, and their authors, are not there to be judged."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.root}", str(shallow))
    outcome = open_gate(Site(shallow), forge, base)
    assert outcome.passed is None and "浅克隆" in outcome.refusal, outcome.refusal


# -- merged another way --------------------------------------------------------------------------------
def test_an_octopus_merge_of_two_prs_publishes_only_what_the_forge_says_it_merged(repo, forge):
    """Someone merges two PR branches at once, locally (git merge A B: one commit, three parents),
    and pushes. The forge marks both PRs merged by that commit; the gate takes the one PR the
    forge names for the commit, and the other PR's files, reviewed or not, are not that PR's:
    refused, nothing published."""
    from forge_setup import land_pull

    base = git(repo.root, "rev-parse", "HEAD")
    b = "content/pfyfz/2026/redteam-b.md"
    heads = {}
    for number, path, title in ((7, A, "普法宣传进校园活动顺利开展"), (8, b, "法治文化广场正式对外开放")):
        git(repo.root, "switch", "-q", "-c", f"pr-{number}", base)
        write(repo.root, {path: article(title)})
        git(repo.root, "add", "-A")
        git(repo.root, "commit", "-qm", f"稿件 #{number}")
        heads[number] = git(repo.root, "rev-parse", "HEAD")
    git(repo.root, "switch", "-q", "main")
    git(repo.root, "merge", "-q", "--no-ff", "pr-7", "pr-8", "-m", "一次合并两个合并请求")
    octopus = git(repo.root, "rev-parse", "HEAD")
    assert len(git(repo.root, "rev-list", "--parents", "-n", "1", octopus).split()) == 4
    land_pull(forge, repo.root, octopus, heads[7], [A], number=7)
    land_pull(forge, repo.root, octopus, heads[8], [b], number=8, record=False)
    result = run_gate(repo, forge, base)
    assert not result.ok and set(refused(result)) == {b}, result.report()


def test_an_approved_file_whose_name_is_a_workflow_command_publishes_nothing(repo, forge):
    """The content checks pass an image named "a<newline>::add-mask::….jpg" (they read names of
    articles only) and reviewers may not notice a line break in a name: once published, every
    log that lists the file (the build, the report, the bundles) runs it as a command."""
    base = git(repo.root, "rev-parse", "HEAD")
    name = "content/pfyfz/2026/a\n::add-mask::三审.jpg"
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展"), name: "图片"})
    result = run_gate(repo, forge, base)
    assert set(refused(result)) == {name} and "工作流命令" in refused(result)[name], result.report()
    assert result.approved == [A]


@pytest.mark.parametrize("how", ["mode", "gitlink", "case"])
def test_changes_git_keeps_outside_the_text_are_refused_too(repo, forge, how):
    """What a text diff hides: the executable bit of an approved file, a submodule (a commit of
    another repository standing for a folder), an approved article pushed again under a name
    that differs only in case (one file on a case-insensitive disk, two on the server)."""
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    if how == "mode":
        git(repo.root, "update-index", "--chmod=+x", A)
        target = A
    elif how == "gitlink":
        target = "content/pfyfz/2026/vendor"
        git(repo.root, "update-index", "--add", "--cacheinfo", f"160000,{base},{target}")
    else:
        target = A.replace("redteam-a", "Redteam-A")
        write(repo.root, {target: article("未经审核的稿件")})
        git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "直接修改")
    result = run_gate(repo, forge, base)
    assert set(refused(result)) == {target}, result.report()


def test_the_real_publish_command_prints_a_hostile_name_inert(repo, forge, tmp_path):
    """The same route through `govpub publish` as the workflow runs it: stdout (the job's log) and
    publish-out/report.md (appended to the run's summary inside a code block) carry no line that
    is a workflow command or closes the block; nothing is deployed."""
    import sys

    from forge_setup import forge_env, publish_args

    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    commit_raw(repo, {b"content/pfyfz/2026/x\n::add-mask::\xe4\xb8\x89\xe5\xae\xa1\n```\n.jpg": b"1"})
    www = tmp_path / "www"
    proc = subprocess.run([sys.executable, "-m", "govpub", "publish", *publish_args(forge, repo.root),
                           "--deploy", str(www), "--initial", base],
                          cwd=repo.root, env={**forge_env(forge), "GITHUB_REF": "refs/heads/main"},
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and not (www / "current").exists(), proc.stdout + proc.stderr
    report = (repo.root / "publish-out/report.md").read_text("utf-8")
    assert "x\\n::add-mask::三审\\n```\\n.jpg" in proc.stdout
    for text in (proc.stdout, proc.stderr):
        assert not any(line.lstrip().startswith(("::", "##[")) for line in text.splitlines()), text
    fences = [line for line in report.splitlines() if line.lstrip().startswith(("```", "~~~"))]
    assert fences == ["```", "```"]  # the block the report opens and closes; the name closes nothing


# -- the forge contradicting itself ---------------------------------------------------------------------
def test_a_forge_that_contradicts_itself_about_a_merge_publishes_nothing(repo, forge):
    """The commit's PR list says #7 merged this commit; the PR itself (a stale cache, a proxy)
    says it was merged by another commit, or reviewed at another head. The gate does not pick
    one answer: it stops with an error."""
    import json as _json

    from govpub.approvals.forge import ForgeError

    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 7, {A: article("普法宣传进校园活动顺利开展")})
    for field, value in (("merge_commit_sha", "0" * 40), ("head", {"sha": "1" * 40, "ref": "gao"})):
        other = _json.loads(_json.dumps(forge.pull_json(7)))
        other[field] = value if field != "head" else {**other["head"], **value}
        forge.failures[:] = [(r"/pulls/7$", 200, {}, other)]
        with pytest.raises(ForgeError, match="前后矛盾"):
            run_gate(repo, forge, base)
    forge.failures.clear()
    assert run_gate(repo, forge, base).ok
