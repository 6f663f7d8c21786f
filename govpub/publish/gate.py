"""The publish gate (Art. 7 "未经审核不得发布"): the forge is the authority, the gate is state-based.

At publish time, over the range <last published commit>..HEAD of the protected branch:

1. every first-parent commit is looked up on the forge: the pull request merged into the
   protected branch by that very commit, or none (a direct push, a local admin merge);
2. each such PR is verified online, with the same verifier as `govpub approvals verify`
   (reviews approved at the PR's head commit), against the registry (checks/) as the last
   publish or an earlier approved PR of the range left it: a PR cannot approve itself by
   changing the teams, a direct push around a merge cannot lend it other teams, and a later
   change of the teams does not undo an earlier approval;
3. each PR's git note on refs/notes/govpub-approvals must be the record `govpub approvals
   record` would write for it now: the note is the evidence the 审批表 is printed from, never
   the authority. A missing, unparsable or different note refuses the run, and so does a
   note on a commit that no PR merged;
4. records are append-only: the notes ref must have grown by fast-forward from the notes
   commit recorded with the last publish, and no note of that commit may have changed since;
5. every path that differs between the last published tree and HEAD's tree (articles,
   images, overrides/, mkdocs.yml, checks/, code, workflows, symlinks: every file) must be,
   at HEAD, exactly what it is at the head commit of the last PR of the range that changed
   it, and that PR approved (same blob and mode, or absent in both): a version that a later
   approved PR replaced is not approved any more. And that PR's reviewers must have seen the
   path as a diff from approved content (its merge base's version is the published one or an
   earlier counted PR's), or it restores the last approved version: a direct push or an
   unreviewed merge before the PR branched off is context in its diff, never a change.

Anything else refuses the whole run: nothing is built, deployed or sent. A change refused
once stays unpublished until an approved PR covers it, because the next run starts again
from the same last published commit.
"""

from __future__ import annotations

import functools
import json
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from govpub import git
from govpub.approvals.model import Commit, Inputs, PullRequest, ReviewPolicy, iso
from govpub.approvals.record import NOTES_REF
from govpub.approvals.verify import Verdict, verify_inputs
from govpub.policy import Policy

RECORD_PROBLEM = "审批记录缺失或被改动"


class ForgeLookup(Protocol):
    """What the gate asks the forge (govpub.approvals.github.GitHub / gitea.Gitea)."""

    def merged_pull(self, sha: str, branch: str) -> PullRequest | None: ...
    def inputs(self, number: int) -> Inputs: ...


@dataclass
class Merge:
    """A first-parent commit of the range that merged a PR into the protected branch.

    verdict decides (the registry of the last publish as approved PRs of the range changed
    it: a PR cannot change who may approve it); recorded is what the record job wrote after
    the merge (the registry the PR was reviewed against: checks/ at the merge's first parent, never
    the PR's own) and is what the note is compared with. They differ only when checks/ there is not
    the judging registry (a direct push changed it).
    """

    commit: str
    pull: PullRequest
    verdict: Verdict
    recorded: Verdict
    files: list[str]
    commits: list[Commit]


@dataclass
class Refusal:
    path: str
    commit: str | None  # the last commit of the range that changed the path
    why: str


@dataclass
class GateResult:
    base: str
    head: str
    notes_commit: str | None = None
    changed: list[str] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    records: list[tuple[str, str]] = field(default_factory=list)  # (problem, what to do)
    approved: list[str] = field(default_factory=list)  # changed articles at HEAD, all approved

    @property
    def ok(self) -> bool:
        return not self.refused and not self.records

    def report(self) -> str:
        """What a person reads when the run is refused (Chinese), one line per problem. Paths
        and texts from the repository are shown inert (see shown): the report goes to the CI
        log and the run's summary, where a line could otherwise be a workflow command."""
        lines: list[str] = []
        if self.records:
            lines.append(f"发布中止：{RECORD_PROBLEM}，本次不发布任何内容：")
            for problem, hint in self.records:
                lines.append(f"  {shown(problem, start=False)}")
                lines.append(f"    处理办法：{shown(hint, start=False)}")
        if self.refused:
            lines.append("发布中止：以下改动没有通过三审，本次不发布任何内容（第七条“未经审核不得发布”）：")
            for r in self.refused:
                where = f"（提交 {r.commit[:10]}）" if r.commit else ""
                lines.append(f"  {shown(r.path)}{where}：{shown(r.why, start=False)}")
            lines.append("处理办法：撤销这些直接推送（git revert），或把改动通过合并请求完成三审后再合并；"
                         "在经过三审的合并请求覆盖这些改动之前，每次发布都会被拒绝。")
        return "\n".join(lines) + ("\n" if lines else "")


def shown(text: str, *, start: bool = True) -> str:
    """A path or text from the repository as one inert line of the report. Git allows any byte
    but NUL and "/" in a file name: a name with a line break, or one that starts a line with
    "::" ("::add-mask::", "::error::") or "##[", is a workflow command once printed in a GitHub
    or Gitea Actions log, and "```" ends the summary's code block. Line breaks, control and
    format characters (bidi overrides too) are written as escapes; a path (start=True) that
    does not begin with a letter, digit, "." or "_" is written with "./" before it."""
    out = "".join(
        ch if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp") else
        {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\u{ord(ch):04x}")
        for ch in text)
    if start and out and not (out[0].isalnum() or out[0] in "._"):
        out = "./" + out
    return out


# -- git --------------------------------------------------------------------------------
def _tree(root: Path, commit: str) -> dict[str, tuple[str, str]]:
    """Every entry of a commit's tree: path → (mode, object id); symlinks and submodules too."""
    out = _names(git.run_bytes(root, "ls-tree", "-r", "-z", "--full-tree", commit).stdout)
    entries = {}
    for item in out.split("\0"):
        if not item:
            continue
        meta, _, path = item.partition("\t")
        mode, _kind, oid = meta.split(" ")
        entries[path] = (mode, oid)
    return entries


def _names(raw: bytes) -> str:
    """Git's output with file names as they are: a name that is not UTF-8 keeps its bytes as
    surrogates (two such names never become one string, as with replacement characters)."""
    return raw.decode("utf-8", "surrogateescape")


def _changed(root: Path, old: str, new: str) -> list[str]:
    out = _names(git.run_bytes(root, "diff-tree", "-r", "-z", "--no-renames", "--name-only", old, new).stdout)
    return [p for p in out.split("\0") if p]


def _first_parent(root: Path, commit: str) -> str:
    """The first parent, or the empty tree for a root commit (its id depends on the hash)."""
    proc = git.run(root, "rev-parse", "--verify", "-q", f"{commit}^1", check=False)
    if proc.returncode == 0:
        return proc.stdout.strip()
    return git.run(root, "hash-object", "-t", "tree", "--stdin", input="").stdout.strip()


def is_ancestor(root: Path, older: str, newer: str) -> bool:
    return git.run(root, "merge-base", "--is-ancestor", older, newer, check=False).returncode == 0


def notes_commit(root: Path) -> str | None:
    proc = git.run(root, "rev-parse", "--verify", "-q", f"{NOTES_REF}^{{commit}}", check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def altered_records(root: Path, published: str, current: str) -> list[tuple[str, str]]:
    """(commit, the note's blob as published) for each record that was since changed or removed.

    Records are append-only: a note, once part of a publish, never changes. Notes trees may be
    fanned out (ab/cdef…) differently as they grow, so entries are compared by commit id.
    """
    def by_commit(notes: str) -> dict[str, str]:
        return {path.replace("/", ""): oid for path, (_mode, oid) in _tree(root, notes).items()}

    before, after = by_commit(published), by_commit(current)
    return [(commit, oid) for commit, oid in before.items() if after.get(commit) != oid]


def late_records(root: Path, published: str, current: str, base: str) -> list[str]:
    """Commits that got a record after the last publish although they were already part of the
    published history (ancestors of `base`): the record job writes a note right after a merge, so
    such a note was planted (e.g. dated 2099 on an old commit of main, so that the form prints it).
    Notes on commits after `base` are judged with their range; notes elsewhere print no form."""
    def by_commit(notes: str) -> set[str]:
        return {path.replace("/", "") for path in _tree(root, notes)}

    added = sorted(by_commit(current) - by_commit(published))
    return [c for c in added if is_ancestor(root, c, base)]


def _note(root: Path, commit: str) -> str | None:
    proc = git.run(root, "notes", f"--ref={NOTES_REF}", "show", commit, check=False)
    return proc.stdout if proc.returncode == 0 else None


def _have_commit(root: Path, sha: str, number: int) -> bool:
    """The PR's head commit, fetched from origin when the checkout lacks it (squash merges)."""
    if git.run(root, "cat-file", "-e", f"{sha}^{{commit}}", check=False).returncode == 0:
        return True
    git.run(root, "fetch", "-q", "--no-tags", "origin", f"refs/pull/{number}/head", check=False)
    return git.run(root, "cat-file", "-e", f"{sha}^{{commit}}", check=False).returncode == 0


# -- the record (git note) against the online verdict ----------------------------------
def _essence(data: Any) -> dict[str, Any] | None:
    """The parts of a record that the online verdict and the merge commit decide, and everything
    the 审批表 prints from it (names and roles, signer, articles, drafters, the roster); None when
    it is not a record. Only the time of writing and the govpub version are left out."""
    if not isinstance(data, dict):
        return None
    pull: dict[str, Any] = data["pull"] if isinstance(data.get("pull"), dict) else {}
    levels: list[Any] = data["levels"] if isinstance(data.get("levels"), list) else []
    return {
        "merge_commit": data.get("merge_commit"),
        "head_commit": data.get("head_commit"),
        "pull": pull.get("number"),
        "approved": data.get("approved"),
        "required": data.get("required"),
        "files": sorted(str(f) for f in data.get("files") or []),
        "levels": [[lv.get("level"), lv.get("state"), lv.get("reviewer"), str(lv.get("review_id")),
                    lv.get("commit_id"), lv.get("submitted_at"), lv.get("name"), lv.get("role"), lv.get("team")]
                   for lv in levels if isinstance(lv, dict)],
        "department": data.get("department"),
        "signed_off": data.get("signed_off"),
        "pull_facts": [pull.get(k) for k in ("author", "html_url", "created_at", "merged_at", "merged_by")],
        "articles": data.get("articles"),
        "commits": data.get("commits"),
        "membership": data.get("membership"),
    }


# A record job's clock may differ a little from the forge's and the publishing host's.
CLOCK_SKEW_SECONDS = 600


def record_time_problem(data: Any) -> str | None:
    """Why a record's `recorded_at` cannot be when the record job wrote it, or None. The job runs
    after the merge, so a record dated before the PR was merged, or later than now, was written by
    someone else (the 审批表 prints the time); the gate compares everything else it prints."""
    from datetime import UTC, datetime, timedelta

    from govpub.approvals.model import BadInput, parse_time

    if not isinstance(data, dict):
        return None
    pull = data["pull"] if isinstance(data.get("pull"), dict) else {}
    try:
        written, merged = parse_time(data.get("recorded_at")), parse_time(pull.get("merged_at"))
    except BadInput:
        written, merged = None, None
    if written is None:
        return "审批记录的记录时间（recorded_at）缺失或不是 ISO 8601 时间"
    if merged is not None and written < merged - timedelta(seconds=CLOCK_SKEW_SECONDS):
        return f"审批记录的记录时间 {iso(written)} 早于合并时间 {iso(merged)}（记录只在合并之后写入）"
    if written > datetime.now(UTC) + timedelta(seconds=CLOCK_SKEW_SECONDS):
        return (f"审批记录的记录时间 {iso(written)} 晚于现在（记录只在合并之后写入，不会写在将来；"
                "若是本机时钟慢了，先校准时钟）")
    return None


def same_record(old: Any, new: Any) -> bool:
    """Whether two records are the same but for when they were written: the record job keeps the
    one there instead of writing it again. Everything else counts, also what the gate does not
    compare (the organisation in the form's header): a note planted before the record job ran
    that differs in anything, or that is dated when no record job wrote it, is replaced as before."""
    def body(data: Any) -> Any:
        return {k: v for k, v in data.items() if k != "recorded_at"} if isinstance(data, dict) else None

    return (_essence(old) is not None and record_time_problem(old) is None
            and body(old) == body(json.loads(json.dumps(new, ensure_ascii=False))))


def _compare_note(root: Path, policy: Policy, merge: Merge) -> str | None:
    """Why the note on the merge commit is not the record of the online verdict, or None."""
    from govpub.approvals import record

    text = _note(root, merge.commit)
    if text is None:
        return "没有审批记录（git note）"
    try:
        found = _essence(json.loads(text))
    except json.JSONDecodeError:
        found = None
    if found is None:
        return "审批记录无法解析（不是 govpub 写入的 JSON）"
    if late := record_time_problem(json.loads(text)):
        return late
    built = record.build(merge.recorded, policy, merge.commit, commits=merge.commits, files=merge.files)
    expected = _essence(json.loads(json.dumps(built, ensure_ascii=False)))  # as the note holds it
    assert expected is not None
    diff = [key for key in expected if expected[key] != found.get(key)]
    if not diff:
        return None
    if "approved" in diff:
        return (f"审批记录写的是“{'已通过' if found.get('approved') else '未通过'}”，"
                f"平台上的三审结论是“{'已通过' if merge.recorded.approved else '未通过'}”")
    names = {"merge_commit": "合并提交", "head_commit": "审核的提交", "pull": "合并请求编号",
             "required": "需要的审核级别", "files": "改动文件", "levels": "各级审核人和时间、姓名、职务",
             "department": "拟稿科室", "signed_off": "签发人", "pull_facts": "合并请求的发起人、链接和时间",
             "articles": "稿件的标题、拟稿人、科室等信息", "commits": "提交和拟稿人", "membership": "当时的审核团队名单"}
    return "审批记录与平台上的三审结论不一致：" + "、".join(names[k] for k in diff)


# -- the registry (checks/) as it was at a commit -----------------------------------------
class Registries:
    """The review routing and rosters of checks/ at any commit, read from Git (cached by tree)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[str, ReviewPolicy] = {}

    def tree(self, rev: str) -> str:
        proc = git.run(self.root, "rev-parse", "--verify", "-q", f"{rev}:checks", check=False)
        return proc.stdout.strip() if proc.returncode == 0 else ""

    def at(self, rev: str) -> ReviewPolicy:
        """The registry of checks/ at `rev`, from the blobs themselves: not `git archive`, which
        applies the tree's .gitattributes (export-subst turns a reviewed comment such as
        "$Format:%n  - {login: …}$" into a new team member; export-ignore drops a file)."""
        import tempfile

        from govpub.approvals.model import review_policy
        from govpub.errors import PolicyError
        from govpub.policy import Policy

        key = self.tree(rev)
        if key not in self._cache:
            if not key:
                raise PolicyError(f"提交 {rev[:12]} 中没有 checks/ 目录，无法确定当时的审核团队",
                                  hint="--initial 应指向已有 checks/registry/ 的提交")
            files = {path: oid for path, (mode, oid) in _tree(self.root, key).items()
                     if mode in ("100644", "100755")}  # symlinks and submodules are not registry data
            with tempfile.TemporaryDirectory(prefix="govpub-registry-") as tmp:
                for path, data in zip(files, _blobs(self.root, list(files.values())), strict=True):
                    dest = Path(tmp, "checks", path)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(data)
                self._cache[key] = review_policy(Policy(Path(tmp)))
        return self._cache[key]


def _blobs(root: Path, oids: list[str]) -> list[bytes]:
    """The bytes of each blob, in order, from one `git cat-file --batch`."""
    out = git.run_bytes(root, "cat-file", "--batch", input="".join(f"{o}\n" for o in oids).encode()).stdout
    blobs, at = [], 0
    for _ in oids:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split(b" ")[2])
        blobs.append(out[header_end + 1:header_end + 1 + size])
        at = header_end + 1 + size + 1
    return blobs


# -- the gate ---------------------------------------------------------------------------
def check(root: Path, *, base: str, head: str, branch: str, forge: ForgeLookup, policy: Policy,
          published_notes: str | None, record_command: str) -> GateResult:
    """Decide whether HEAD may be published, given the last published commit `base`.

    record_command: the `govpub approvals record …` command line (without --pr and
    --merge-commit) that re-writes a record, shown in the hints.
    """
    result = GateResult(base=base, head=head, notes_commit=notes_commit(root))
    _check_append_only(root, result, published_notes)  # 4.
    if not is_ancestor(root, base, head):
        result.records.append((f"上次发布的提交 {base[:12]} 不在 {branch} 分支当前的历史中（分支被强制改写？）",
                               f"{branch} 分支的历史不能改写；报办公室核查，恢复后重新发布"))
        return result
    last_change, by_commit = _judge_merges(root, result, branch, forge, policy, record_command)  # 1–3.
    _check_state(root, result, last_change, by_commit)  # 5.
    return result


def _check_append_only(root: Path, result: GateResult, published_notes: str | None) -> None:
    """4. The approval records only grew since the last release."""
    if not published_notes:
        return
    current = result.notes_commit
    if current is None:
        result.records.append((f"审批记录（{NOTES_REF}）不见了：上次发布时它是 {published_notes[:12]}",
                               f"先取回：git fetch origin {NOTES_REF}:{NOTES_REF}；远端也没有时，记录被删除，"
                               "属于篡改，报办公室处理（审批记录只能追加，不能删除或改写）"))
    elif not is_ancestor(root, published_notes, current):
        result.records.append((f"审批记录（{NOTES_REF}）的历史被改写：当前 {current[:12]} 不是由上次发布时的 "
                               f"{published_notes[:12]} 追加而来",
                               "审批记录只能追加，不能强制覆盖（push --force）或删除；报办公室核查是谁改写的，"
                               f"从备份恢复原有历史（含 {published_notes[:12]}）后重新发布"))
    else:
        for commit, blob in altered_records(root, published_notes, current):
            result.records.append((f"提交 {commit[:12]} 的审批记录在上次发布之后被改动或删除（已发布的记录只能保留，不能修改）",
                                   f"报办公室核查；恢复原记录：git notes --ref={NOTES_REF} add -f -C {blob} {commit}，"
                                   f"再 git push origin {NOTES_REF}"))
        for commit in late_records(root, published_notes, current, result.base):
            result.records.append((f"提交 {commit[:12]} 在上次发布时已在发布的历史中，之后才有人给它加了审批记录：记录是伪造的"
                                   "（审批记录只在合并后由“三审”工作流写入合并提交）",
                                   f"报办公室核查是谁推送的；删除这条记录：git notes --ref={NOTES_REF} remove {commit}，"
                                   f"再 git push origin {NOTES_REF}"))


def _judge_merges(root: Path, result: GateResult, branch: str, forge: ForgeLookup, policy: Policy,
                  record_command: str) -> tuple[dict[str, str], dict[str, Merge]]:
    """1–3. The forge's word on every first-parent commit of base..head, and the notes against
    it. Returns the last commit that changed each path, and the merges by commit."""
    registries = Registries(root)
    # The registry that judges the next PR: the last published one, moved on only by an approved
    # PR that changed checks/ exactly as its reviewers saw it. Not simply the commit before the
    # merge: a direct push could put sock puppets into the teams just before a merge and take them
    # out again after it, leaving checks/ at HEAD unchanged.
    judge = result.base
    commits = git.run(root, "rev-list", "--first-parent", "--reverse", f"{result.base}..{result.head}").stdout.split()
    last_change: dict[str, str] = {}
    by_commit: dict[str, Merge] = {}
    for commit in commits:
        for path in _changed(root, _first_parent(root, commit), commit):
            last_change[path] = commit
        pull = forge.merged_pull(commit, branch)
        if pull is None:
            if _note(root, commit) is not None:
                result.records.append((f"提交 {commit[:12]} 不是合并请求的合并提交（直接推送），却带有审批记录：记录是伪造的",
                                       f"报办公室核查；删除这条记录：git notes --ref={NOTES_REF} remove {commit}，"
                                       f"再 git push origin {NOTES_REF}"))
            continue
        # what `govpub approvals verify` reads: reviews, commits, the full file list (capped lists
        # fail closed) and each article's department at the PR head
        inputs = forge.inputs(pull.number)
        verdict = verify_inputs(inputs, registries.at(judge))
        recorded = verdict if registries.tree(judge) == registries.tree(f"{commit}^1") else \
            verify_inputs(inputs, registries.at(f"{commit}^1"))
        merge = Merge(commit, pull, verdict, recorded, inputs.files, inputs.commits)
        result.merges.append(merge)
        by_commit[commit] = merge
        if verdict.approved and _registry_reviewed(root, registries, judge, merge):
            judge = commit
        why = _compare_note(root, policy, merge)
        if why:
            result.records.append((f"合并请求 #{pull.number}（合并提交 {commit[:12]}）：{RECORD_PROBLEM}：{why}",
                                   f"核实后由办公室重新写入记录：{record_command} --pr {pull.number} "
                                   f"--merge-commit {commit}，再 git push origin {NOTES_REF}"))
    return last_change, by_commit


def _registry_reviewed(root: Path, registries: Registries, judge: str, merge: Merge) -> bool:
    """Whether checks/ at the merge commit is the judging registry plus what the PR's reviewers
    approved: every checks/ path that differs is in the PR's files, as at its head commit, and was
    the judging registry's at the PR's merge base (what its diff started from)."""
    if registries.tree(judge) == registries.tree(merge.commit):
        return True
    paths = [p for p in _changed(root, judge, merge.commit) if p.startswith("checks/")]
    if not set(paths) <= set(merge.files) or not _have_commit(root, merge.pull.head_sha, merge.pull.number):
        return False
    reviewed, merged, judging = _tree(root, merge.pull.head_sha), _tree(root, merge.commit), _tree(root, judge)
    # and the reviewers saw each change as a diff from the judging registry: a direct push into
    # teams.yml before the PR branched off is context in its diff, not a change anyone approved
    fork = _fork_tree(root, merge.pull.head_sha, merge.commit, frozenset(c.sha for c in merge.commits))
    return fork is not None and all(reviewed.get(p) == merged.get(p) and fork.get(p) == judging.get(p)
                                    for p in paths)


def _registry_columns(root: Path, rev: str) -> dict[str, list[str]]:
    """Column slug → the departments that may post there, from checks/ at `rev`."""
    return Registries(root).at(rev).columns


def _check_state(root: Path, result: GateResult, last_change: dict[str, str], by_commit: dict[str, Merge]) -> None:
    """5. State-based: every path that differs from base is what an approved PR's reviewers saw."""
    head_tree = _tree(root, result.head)
    heads: dict[str, dict[str, tuple[str, str]] | None] = {}
    for merge in result.merges:
        if merge.verdict.approved and merge.pull.head_sha not in heads:
            sha = merge.pull.head_sha
            heads[sha] = _tree(root, sha) if _have_commit(root, sha, merge.pull.number) else None
            if heads[sha] is None:
                result.records.append((f"本地没有合并请求 #{merge.pull.number} 审核的提交 {sha[:12]}，无法核对内容",
                                       f"git fetch origin refs/pull/{merge.pull.number}/head 后重新发布"))
    merged_files = {m.commit: set(m.files) for m in result.merges}
    base_tree = _tree(root, result.base)
    pictures: dict[str | None, list[str]] = {}  # approved files by the department their PR was routed to
    result.changed = _changed(root, result.base, result.head)
    for path in result.changed:
        state = head_tree.get(path)
        if state is not None and (why := _bad_name(path)):  # approved or not: it would reach logs and pages
            result.refused.append(Refusal(path, last_change.get(path), why))
            continue
        if state is not None and state[0] == "160000":
            result.refused.append(Refusal(path, last_change.get(path), SUBMODULE))
            continue
        # only the last PR of the range that changed the path counts: a version an earlier PR had
        # approved and a later approved PR replaced (or deleted) is not approved any more
        covering = [m for m in result.merges if path in merged_files[m.commit]]
        last = covering[-1] if covering else None
        reviewed = heads.get(last.pull.head_sha) if last is not None and last.verdict.approved else None
        if last is not None and reviewed is not None and reviewed.get(path) == state:
            launderer = _unreviewed_base(root, path, base_tree, result.merges, heads)
            if launderer is None:
                if path.startswith("content/") and path.endswith(".md") and state is not None:
                    result.approved.append(path)
                pictures.setdefault(last.verdict.department, []).append(path)
                continue
            result.refused.append(Refusal(path, last_change.get(path), LAUNDERED.format(n=launderer.pull.number)))
            continue
        commit = last_change.get(path)
        result.refused.append(Refusal(path, commit, _why(commit, by_commit.get(commit or ""), last)))
    columns = _registry_columns(root, result.head) if any(not p.endswith(".md") for ps in pictures.values() for p in ps) else {}
    for department, paths in pictures.items():
        for path, why in picture_problems(root, result.head, paths, department, columns):
            result.refused.append(Refusal(path, last_change.get(path), why))


@functools.lru_cache(maxsize=64)
def _fork(root: Path, head: str, merge: str, own: frozenset[str]) -> str | None:
    """The commit the PR's diff was shown against: the merge base of its head and the target branch
    before the merge (the merge commit's first parent; when the merge was a fast-forward, the first
    commit before the PR's own commits `own`); None when they have none."""
    before = _first_parent(root, merge)
    while before in own:
        before = _first_parent(root, before)
    fork = git.run(root, "merge-base", head, before, check=False)
    return fork.stdout.strip() if fork.returncode == 0 else None


@functools.lru_cache(maxsize=64)
def _fork_tree(root: Path, head: str, merge: str, own: frozenset[str]) -> dict[str, tuple[str, str]] | None:
    """The tree of _fork, or None."""
    fork = _fork(root, head, merge, own)
    return _tree(root, fork) if fork is not None else None


# Below git's default of 50 %: a pair the forge shows as a rename or copy is found here too (a pair
# found here and not there only makes the gate ask for the source's approved version as well).
_SIMILAR = "30%"


@functools.lru_cache(maxsize=64)
def _sources(root: Path, fork: str, head: str) -> dict[str, str]:
    """New path → the path git pairs it with (a rename or a copy) in the diff fork..head, as the
    forge shows a PR: the reviewers saw such a file as a diff from its source, not in full."""
    out = _names(git.run_bytes(root, "diff-tree", "-r", "-z", f"-M{_SIMILAR}", f"-C{_SIMILAR}",
                               "--diff-filter=RC", "--name-status", fork, head).stdout).split("\0")
    pairs, at = {}, 0
    while at + 2 < len(out) and out[at]:
        pairs[out[at + 2]] = out[at + 1]
        at += 3
    return pairs


LAUNDERED = ("合并请求 #{n} 审核的改动基于未经审核的版本：它的差异是从一个直接推送或未经三审的合并留下的版本算起的，"
             "那次改动审核人只看到上下文，没有作为改动看到。处理办法：先用合并请求把文件恢复为上次审核通过的版本"
             "（审核人看到撤下的内容），需要的改动再以新的合并请求提交审核")


def _unreviewed_base(root: Path, path: str, base_tree: dict[str, tuple[str, str]], merges: list[Merge],
                     heads: dict[str, dict[str, tuple[str, str]] | None]) -> Merge | None:
    """The last PR of `merges` that changed the path, when its reviewers saw the path as a diff from a
    version that was not the approved one, else None. Reviewers read a PR's change as the diff from
    the merge base of its head and the target branch: a direct push (or an unreviewed merge) before
    the PR branched off is context there, never a change. Walking the PRs that changed the path: each
    approved one counts when its diff starts from the last approved version of the path (the
    published one, or the head of the last PR that counted; not one a later approved PR replaced)
    or when it restores that version; the last must count. A path absent at the fork is shown whole
    (a file deleted by a direct push and written again in the PR too), unless git pairs it with
    another (a rename or a copy: the forge shows the diff from that file): then it starts from that
    file's version at the fork, which must be that file's last approved version."""
    return _last_approved(root, path, base_tree, merges, heads)[1]


def _last_approved(root: Path, path: str, base_tree: dict[str, tuple[str, str]], merges: list[Merge],
                   heads: dict[str, dict[str, tuple[str, str]] | None]
                   ) -> tuple[tuple[str, str] | None, Merge | None]:
    """(the last approved version of the path after `merges`, the last PR that changed it if it did
    not count): see _unreviewed_base."""
    expected, bad = base_tree.get(path), None
    for i, merge in enumerate(merges):
        if path not in merge.files:
            continue
        head = heads.get(merge.pull.head_sha) if merge.verdict.approved else None
        if head is None:
            bad = None
            continue  # not approved: the last approved version stays the expected one
        own = frozenset(c.sha for c in merge.commits)
        fork = _fork(root, merge.pull.head_sha, merge.commit, own)
        tree = _fork_tree(root, merge.pull.head_sha, merge.commit, own)
        before = tree.get(path) if fork is not None and tree is not None else ("?", "?")  # no merge base: nobody
        # a file absent at the fork is shown whole (unless git pairs it with a source, below)
        counted = before == expected or (before is None and fork is not None)
        if counted and before is None and head.get(path) is not None and fork is not None and tree is not None:
            source = _sources(root, fork, merge.pull.head_sha).get(path)
            if source is not None:  # shown as a diff from `source`: that version must be the approved one
                counted = tree.get(source) == _last_approved(root, source, base_tree, merges[:i], heads)[0]
        if counted or head.get(path) == expected:
            expected, bad = head.get(path), None
        else:
            bad = merge
    return expected, bad


def picture_problems(root: Path, rev: str, files: list[str], department: str | None,
                     columns: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Pictures and attachments in a column several departments share are reviewed by the department
    of the articles that show them (Art. 8: each department answers for its own articles), not by the
    column's first department: (file, why) for each such file of `files` that an article at `rev`
    refers to (its path relative to the article, or from the site's root) when that article's
    `department` is not `department`, the one the PR was routed to. One `git grep` and one
    `git cat-file --batch` for all the files."""
    from govpub.approvals.model import department_of
    from govpub.policy import CONTENT_DIR

    shared = [f for f in files if f.startswith(CONTENT_DIR + "/") and not f.endswith(".md")
              and len(f.split("/")) > 2 and len(columns.get(f.split("/")[1], [])) > 1]
    if not shared:
        return []
    names = sorted({f.rsplit("/", 1)[-1] for f in shared})
    found = git.run_bytes(root, "grep", "-l", "-z", "-F", *[a for n in names for a in ("-e", n)], rev, "--",
                          f"{CONTENT_DIR}/*.md", check=False).stdout
    articles = [_names(item).partition(":")[2] for item in found.split(b"\0") if item]
    texts = _blobs(root, [f"{rev}:{a}" for a in articles]) if articles else []
    problems: dict[str, str] = {}
    for article, raw in zip(articles, texts, strict=True):
        text = raw.decode("utf-8", "replace")
        owner = department_of(text)
        if not owner or owner == department:
            continue
        for f in shared:
            own = os.path.relpath(f, os.path.dirname(article)).replace(os.sep, "/")
            if f not in problems and (own in text or f.removeprefix(CONTENT_DIR) in text):
                problems[f] = (
                    f"{shown(f, start=False)} 在多个科室共用的栏目中，由{owner}的稿件 {shown(article, start=False)} 引用，"
                    f"本合并请求却按{department or '（未确定）'}审核：读者看到的是{owner}的稿件。处理办法：由{owner}"
                    "另提合并请求更换它（在同一合并请求中一并修改引用它的稿件，一、二级按稿件的科室审核）")
    return sorted(problems.items())


SUBMODULE = ("子模块（另一个仓库的某个提交）：审核人在合并请求中只看到一个提交号，看不到其中的文件，"
             "检出时取不取、取到什么也不由本仓库决定。处理办法：把需要的文件直接放进本仓库，经合并请求审核")


def _bad_name(path: str) -> str | None:
    """Why a file name may not be published, whoever approved it, or None: a name that is not
    UTF-8 cannot be matched with the forge's file list; a line break, control or bidi character
    turns the name into a workflow command in a CI log (a line "::add-mask::…") or shows it as
    another name; a part starting with "::" does the same at the start of a log line."""
    if any(unicodedata.category(ch) == "Cs" for ch in path):
        return ("文件名不是 UTF-8 编码，无法与平台列出的改动文件核对。处理办法：用 UTF-8 文件名"
                "（最好是小写英文字母、数字和连字符）重新提交，经合并请求审核")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in path) or any(
            part.startswith(("::", "##[")) for part in path.split("/")):
        return ("文件名含换行、控制字符、双向文字控制符或以“::”开头：在发布日志中会变成工作流命令，或显示成另一个名字。"
                "处理办法：改用小写英文字母、数字和连字符的文件名，经合并请求审核后再发布")
    return None


def _why(last: str | None, merge: Merge | None, covering: Merge | None) -> str:
    if covering is not None and covering.verdict.approved:
        m = covering
        return (f"现在的内容与合并请求 #{m.pull.number}（审核的提交 {m.pull.head_sha[:10]}）审核通过的版本不一致"
                "（合并时或合并后被改动，或改回了被这个合并请求替换的旧版本）")
    if covering is not None:
        m = covering
        first = next((p for p in m.verdict.problems if p not in m.verdict.description), None)
        return f"合并请求 #{m.pull.number} 没有通过三审：{m.verdict.description}" + (f"（{first}）" if first else "")
    if merge is not None:
        return f"不在合并请求 #{merge.pull.number} 的改动文件中（审核人没有看到这项改动）"
    if last is None:
        return "没有经过三审的合并请求改动过它"
    return "直接推送：这个提交不是经过三审的合并请求的合并提交"


def protected_branch_problem(head: str, branch: str, tip: str, ref: str | None) -> str | None:
    """Why HEAD is not the tip of the protected branch (a manual run on another branch), or None.

    ref: GITHUB_REF of the run (Gitea and Forgejo Actions set it too), when there is one.
    """
    if ref and ref != f"refs/heads/{branch}":
        return (f"本次运行针对的是 {ref}，不是受保护的分支 {branch}：只发布 {branch} 分支"
                f"（手动运行时选择 {branch}）")
    if head != tip:
        return (f"当前提交 {head[:12]} 不是 {branch} 分支在平台上的最新提交 {tip[:12]}：只发布 {branch} 分支的最新提交"
                "（若刚有新的合并，等它的发布运行即可）")
    return None


def worktree_problem(root: Path) -> str | None:
    """Why the checkout is not exactly the commit the gate checks, or None. The site and the
    channels are built from the working tree: a modified or untracked file there (a step that
    wrote into content/, a hand edit on the publishing host) would publish what nobody
    reviewed. Ignored files (build output, the ledger mirror) do not count, except in the folders
    the site is built from (content/, overrides/) or reads (the 互动交流 page's records): MkDocs copies what is there whatever .gitignore
    says (a "build/" or ".x.tmp" pattern matches inside content/ too)."""
    from govpub import git
    from govpub.policy import SHOWN_RECORDS

    changed = git.run(root, "status", "--porcelain", "--untracked-files=all").stdout.splitlines()
    ignored = [p for p in _names(git.run_bytes(root, "ls-files", "-z", "--others", "--ignored", "--exclude-standard",
                                               "--", "content", "overrides", *SHOWN_RECORDS).stdout).split("\0") if p]
    if ignored:
        return (f"网站目录中有 {len(ignored)} 个被 .gitignore 忽略、没有纳入版本管理的文件（{shown(ignored[0], start=False)} 等）："
                "构建网站时会一并发布，而它们没有经过审核。处理办法：删除这些文件（git clean -fdX content overrides）"
                "或重新 git clone 后再运行")
    if not changed:
        return None
    listed = "、".join(line[3:] for line in changed[:5]) + ("……" if len(changed) > 5 else "")
    return (f"检出的工作区与提交不一致（{len(changed)} 个文件被改动或未纳入版本管理：{listed}）：发布只用干净的检出，"
            "处理办法：git stash -u 或重新 git clone 后再运行")


def checkout_bytes_problem(root: Path) -> str | None:
    """Why a file in the checkout is not byte for byte the blob the gate checks, or None. Git
    converts on checkout what .gitattributes (or any Git config on the publishing host) asks:
    `ident` expands $Id$, `eol`/`text` and `working-tree-encoding` rewrite line ends and the
    encoding, a smudge `filter` runs any program over the file; `git status` shows none of it.
    The site and the channels are built from the working tree: what they read must be the
    reviewed bytes."""
    import hashlib

    fmt = git.run(root, "rev-parse", "--show-object-format", check=False).stdout.strip() or "sha1"
    for path, (mode, oid) in _tree(root, "HEAD").items():
        if mode not in ("100644", "100755"):
            continue  # symlinks and submodules: the gate compares their entries; nothing is converted
        try:
            data = (root / path).read_bytes()  # a name that is not UTF-8 keeps its bytes (surrogateescape)
        except OSError:
            data = None
        if data is None or hashlib.new(fmt, b"blob %d\0" % len(data) + data).hexdigest() != oid:
            return (f"检出的文件 {shown(path, start=False)} 与提交中的内容不是同一份字节（Git 检出时按 .gitattributes 或本机的 "
                    "Git 设置转换了它：ident、eol、working-tree-encoding 或 filter）：网站和公众号会发布没有审核过的字节。"
                    "处理办法：删除 .gitattributes 中这些设置（经合并请求审核），检查发布机的 git config（filter.*），"
                    "重新 git clone 后再发布")
    return None


_TEXT = (".md", ".markdown", ".html", ".htm", ".yml", ".yaml", ".css", ".js", ".txt", ".svg", ".xml", ".json")


def hidden_diff_problem(root: Path) -> str | None:
    """Why reviewers could not have read a text file of the site in the pull request, or None.
    .gitattributes can tell the forge to show no diff for it (`-diff`, `binary`: "Binary file not
    shown") or to fold it away as generated (`linguist-generated`): three levels approving an
    article or a template they were not shown is no review."""
    from govpub.approvals.model import review_policy
    from govpub.policy import CONTENT_DIR, SHOWN_RECORDS, Policy

    roots = [CONTENT_DIR, *(p.rstrip("/") for p in (*review_policy(Policy(root)).published, *SHOWN_RECORDS))]
    listed = _names(git.run_bytes(root, "ls-files", "-z", "--", *roots).stdout).split("\0")
    texts = [p for p in listed if p.lower().endswith(_TEXT)]
    if not texts:
        return None
    out = _names(git.run_bytes(root, "check-attr", "-z", "--stdin", "diff", "binary", "linguist-generated",
                               input="\0".join(texts).encode("utf-8", "surrogateescape") + b"\0").stdout).split("\0")
    for path, attr, value in zip(out[0::3], out[1::3], out[2::3], strict=False):
        if (attr == "diff" and value == "unset") or (attr in ("binary", "linguist-generated") and value not in
                                                     ("unspecified", "unset", "false")):
            setting = f"-{attr}" if value == "unset" else attr if value == "set" else f"{attr}={value}"
            return (f"{shown(path, start=False)} 在 .gitattributes 中被设为 {setting}："
                    "代码托管平台在合并请求中不显示它的改动（显示为二进制或折叠为生成的文件），审核人看不到要发布的文字。"
                    "处理办法：从 .gitattributes 中删除这一设置（经合并请求审核），有关稿件和文件重新提交合并请求审核")
    return None


def history_problem(root: Path) -> str | None:
    """Why Git would not show the commits as they are, or None. A replace ref (refs/replace/*,
    which anyone with push rights can push) makes Git hand out another object wherever the
    replaced one is read, while trees still name the original: the gate would compare the
    approved object id and the checkout would write the replacement. Grafts and a shallow clone
    cut history: commits of the range, and who wrote them, would not be there to be judged."""
    bases = {"refs/replace/", os.environ.get("GIT_REPLACE_REF_BASE") or "refs/replace/"}  # git reads either
    replaced = git.run(root, "for-each-ref", "--format=%(refname)", *sorted(bases)).stdout.split()
    if replaced:
        return (f"仓库中有 {len(replaced)} 个替换引用（{replaced[0]} 等）：Git 读出的文件可能不是提交中的文件。"
                "处理办法：发布用的检出不要取回 refs/replace/*（删除：git replace -d，或重新 git clone），"
                "并报办公室核查是谁推送了替换引用（git push origin --delete 该引用）")
    grafts = git.run(root, "rev-parse", "--git-path", "info/grafts").stdout.strip()
    shallow = git.run(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    if shallow or (root / grafts).exists():
        return ("检出的是浅克隆或带有 grafts 的仓库，历史不完整，无法核对上次发布以来的每个提交。"
                "处理办法：取回完整历史（git fetch --unshallow，工作流中 actions/checkout 设 fetch-depth: 0；"
                "删除 .git/info/grafts）后重新发布")
    return None


def layout_problem(root: Path) -> str | None:
    """Why the site would publish pages from outside content/, or None. 三审 routes by path
    (content/ → the drafting section's L1 and L2, then L3; anything else → L3) and the content
    checks read content/ only: a page in another docs_dir would reach the site with one level of
    review and no checks."""
    from govpub.policy import CONTENT_DIR
    from govpub.site.config import read_mkdocs

    raw = read_mkdocs(root / "mkdocs.yml")
    docs = raw.get("docs_dir", CONTENT_DIR)  # None: a tag (!ENV …) that MkDocs resolves at build time
    if "INHERIT" in raw:
        docs = f"INHERIT: {raw['INHERIT']} 中的设置"  # MkDocs merges a parent file govpub does not read
    elif isinstance(docs, str) and docs.strip("/") == CONTENT_DIR:
        return None
    return (f"mkdocs.yml 的 docs_dir 是“{shown(str(docs), start=False)}”，不是 {CONTENT_DIR}：三审按 {CONTENT_DIR}/ 分级、内容检查只检查 "
            f"{CONTENT_DIR}/，其他目录中的页面只经过三级审核、没有经过内容检查。处理办法：把 docs_dir 改回 "
            f"{CONTENT_DIR}（经合并请求审核），文章放在 {CONTENT_DIR}/<栏目>/<年份>/ 下")


# A resource a page loads from another host: its bytes are whatever that host serves when the site
# is built (the privacy plugin downloads it into the site) or viewed, not what was reviewed.
_REMOTE_REF = re.compile(r"""(?ix)
    (?: \b(?:src|srcset|data|poster|background)\s*=\s*["']?\s*
      | <(?:link|image|use|script|feimage)\b[^>]*?\b(?:xlink:)?href\s*=\s*["']?\s*
      | \burl\(\s*["']?\s* | @import\s+["']?\s* )
    (?:https?:)?//[^\s"'<>)]+""")
_REMOTE_JS = re.compile(r"""(?i)["'`](?:https?:)?//[\w.-]+[^"'`\s]*""")
_SCANNED = (".html", ".htm", ".xml", ".svg", ".css", ".js")
# pymdownx.snippets, markdown_include.include, mdx_include, the include-markdown and macros plugins
_INCLUDING = frozenset({"snippets", "include", "mdx-include", "include-markdown", "macros", "markdownextradata"})


_PICTURE_KEYS = frozenset({"image", "emblem", "banner", "logo", "icon", "favicon", "src", "background"})


def _pictures(data: Any) -> list[str]:
    """Every value under a picture key (image, emblem, banner …) anywhere in mkdocs.yml's `extra`."""
    if isinstance(data, dict):
        return [str(v) for k, v in data.items() if k in _PICTURE_KEYS and isinstance(v, str)] + [
            p for v in data.values() for p in _pictures(v)]
    if isinstance(data, list):
        return [p for v in data for p in _pictures(v)]
    return []


def _remote(value: Any) -> bool:
    text = str(value.get("path", "") if isinstance(value, dict) else value).strip()
    return "://" in text or text.startswith("//")


def _inside(root: Path, rel: Any, *, folder: bool) -> bool:
    """Whether a path mkdocs.yml names is in the repository and tracked by Git (what the gate
    checked): not absolute, not leaving the checkout, not an ignored or untracked file."""
    if not isinstance(rel, str) or not rel.strip() or rel.startswith(("/", "~")) or ".." in Path(rel).parts:
        return False
    args = ["ls-files", "--", rel.strip().rstrip("/") + "/"] if folder else ["ls-files", "--error-unmatch", "--", rel]
    proc = git.run(root, *args, check=False)
    return proc.returncode == 0 and bool(proc.stdout.strip())


def _theme_fetches(raw: dict[str, Any], theme: dict[str, Any]) -> list[str]:
    """What the Material theme makes each page load from another host because of a setting, not a
    URL in it: `extra.analytics` (the provider's tracking script, e.g. googletagmanager.com),
    `theme.font` other than false (Google Fonts' stylesheet: Material's default when the key is
    missing), `repo_url` (the reader's browser asks the repository host for its name, version and
    counts, and shows them in the header)."""
    if str(theme.get("name") or "") != "material":
        return []
    out = []
    extra: dict[str, Any] = raw["extra"] if isinstance(raw.get("extra"), dict) else {}
    analytics = extra.get("analytics")
    if analytics:
        provider = analytics.get("provider") if isinstance(analytics, dict) else analytics
        out.append(f"extra.analytics（{provider}：统计脚本）")
    if isinstance(theme.get("font"), dict):
        out.append(f"theme.font（{'、'.join(str(v) for v in theme['font'].values())}：Google Fonts 的字体样式）")
    if raw.get("repo_url"):
        out.append(f"repo_url（{raw['repo_url']}：读者的浏览器向代码托管平台取仓库信息并显示在页头）")
    return out


def environment_problem(root: Path) -> str | None:
    """Why loading mkdocs.yml would put the publishing environment into pages, or None: the build's
    own refusal (govpub.publish.build.environment_tag_problem), made before the forge is asked and,
    through site_problem, before the merge (`govpub approvals verify --head-checkout`)."""
    from govpub.publish.build import environment_tag_problem

    found = environment_tag_problem(root / "mkdocs.yml")
    if found is None:
        return None
    where = f"{shown(Path(found.path or 'mkdocs.yml').name, start=False)} 第 {found.line} 行" if found.line else "mkdocs.yml"
    return f"{where}：{found.message}。处理办法：{found.hint}"


def symlink_problem(root: Path) -> str | None:
    """Why the site would be read through a symbolic link, or None. mkdocs.yml, the docs and theme
    folders and the other files the site shows (teams.yml published_files) are routed to three
    levels of review by their paths: a link at one of them, or at a folder above one, makes the
    site read another path, which the next change edits with the office's L3 alone."""
    from govpub.approvals.model import review_policy
    from govpub.policy import CONTENT_DIR, SHOWN_RECORDS, Policy
    from govpub.site.config import read_mkdocs

    raw = read_mkdocs(root / "mkdocs.yml")
    theme: dict[str, Any] = raw["theme"] if isinstance(raw.get("theme"), dict) else {}
    watched = {"mkdocs.yml", CONTENT_DIR, *(p.rstrip("/") for p in (*review_policy(Policy(root)).published, *SHOWN_RECORDS))}
    watched |= {str(v).strip().strip("/") for v in (raw.get("docs_dir"), theme.get("custom_dir")) if isinstance(v, str)}
    docs = {CONTENT_DIR, str(raw.get("docs_dir") or CONTENT_DIR).strip().strip("/")}  # links inside: the plugin never copies them
    for path, (mode, _oid) in _tree(root, "HEAD").items():
        if mode == "120000" and any(w == path or w.startswith(path + "/") or (path.startswith(w + "/") and w not in docs)
                                    for w in watched):
            return (f"{shown(path, start=False)} 是符号链接：网站设置、稿件目录和模板要按它们自己的路径审核，经链接读到的是别的路径上"
                    "（只经三级审核）的文件。处理办法：把链接换成真实的文件或目录，经合并请求三审后再发布")
    return None


def resources_problem(root: Path) -> str | None:
    """Why the site would show or run something the reviewers did not see, or None: a script,
    stylesheet or picture from another host (mkdocs.yml extra_javascript / extra_css / theme
    logo or favicon; src=, <link href=>, url(), @import in the templates, a URL literal in their
    scripts), fetched at build or view time from whoever controls that host; theme templates
    (custom_dir) or build hooks (hooks: Python run by the publish job, which holds the
    credentials) from outside the files Git tracks, or from a folder routed to L3 alone."""
    from govpub.approvals.model import review_policy
    from govpub.policy import Policy
    from govpub.site.config import read_mkdocs

    raw = read_mkdocs(root / "mkdocs.yml")
    theme: dict[str, Any] = raw["theme"] if isinstance(raw.get("theme"), dict) else {}
    remote = [str(v.get("path") if isinstance(v, dict) else v) for key in ("extra_javascript", "extra_css")
              for v in (raw.get(key) or []) if _remote(v)]
    remote += [str(theme[k]) for k in ("logo", "favicon") if k in theme and _remote(theme[k])]
    remote += [v for v in _pictures(raw.get("extra")) if _remote(v)]  # the header's emblem and banner, footer marks
    remote += _theme_fetches(raw, theme)  # what Material itself loads from elsewhere when told to
    hint = ("处理办法：把脚本、样式和图片下载后放在 overrides/ 中（经合并请求三审），mkdocs.yml 和模板只引用本站的文件；"
            "外部网站的地址只能作为普通链接（<a href>）出现")
    if remote:
        return (f"mkdocs.yml 引用了其他网站的脚本、样式或图片（{shown(remote[0], start=False)}）：每次构建或浏览时取回的是"
                f"那个网站当时提供的内容，不是审核过的内容。{hint}")
    # Markdown extensions and plugins that put another file's or another address's text into a page:
    # the content checks read the article, the page would show what it includes.
    names = [next(iter(e)) if isinstance(e, dict) and e else e for e in (raw.get("markdown_extensions") or [])]
    names += [next(iter(p)) if isinstance(p, dict) and p else p for p in (raw.get("plugins") or [])]
    including = [str(n) for n in names if str(n).split(".")[-1].replace("_", "-") in _INCLUDING]
    if including:
        return (f"mkdocs.yml 启用了“{shown(including[0], start=False)}”：它把别的文件或网址的文字插入页面，内容检查只检查稿件本身，"
                "审核人看到的也只是一行引用。处理办法：删除这一项（经合并请求三审），需要的文字直接写进稿件")
    hooks = raw.get("hooks") or []
    for hook in hooks if isinstance(hooks, list) else [hooks]:
        if not _inside(root, hook, folder=False):
            return (f"mkdocs.yml 的 hooks 指向仓库之外或未纳入版本管理的文件（{shown(str(hook), start=False)}）：构建时运行的"
                    "程序没有经过审核，而发布时构建网站的进程持有凭据。处理办法：钩子程序放在仓库中、经合并请求审核，"
                    "hooks 写仓库内的相对路径")
    custom = theme.get("custom_dir")
    if custom is not None and not _inside(root, custom, folder=True):
        return (f"mkdocs.yml 的 theme.custom_dir 指向仓库之外或未纳入版本管理的目录（{shown(str(custom), start=False)}）："
                "页面模板没有经过审核。处理办法：模板放在仓库的 overrides/ 中、经合并请求三审，custom_dir 写 overrides")
    if isinstance(custom, str) and not review_policy(Policy(root)).shown_on_site(custom.strip().strip("/") + "/"):
        return (f"mkdocs.yml 的 theme.custom_dir（{shown(custom, start=False)}）不在 teams.yml 的 published_files 中：其中模板的改动"
                "只需三级审核，却显示在每个页面上。处理办法：模板放回 overrides/，或把该目录加入 published_files（均经合并请求三审）")
    if isinstance(custom, str):
        listed = git.run_bytes(root, "ls-files", "-z", "--", custom.strip().rstrip("/") + "/").stdout
        for rel in _names(listed).split("\0"):
            if not rel.lower().endswith(_SCANNED) or not (root / rel).is_file():
                continue
            text = (root / rel).read_text("utf-8", "replace")
            found = _REMOTE_REF.search(text) or (_REMOTE_JS.search(text) if rel.lower().endswith(".js") else None)
            if found:
                line = text.count("\n", 0, found.start()) + 1
                return (f"{shown(rel, start=False)} 第 {line} 行引用了其他网站的资源（{shown(found.group(0)[:80], start=False)}）："
                        f"每次构建或浏览时取回的是那个网站当时提供的内容，不是审核过的内容。{hint}")
    return None


def site_problem(root: Path) -> str | None:
    """Why the site in this checkout would show what nobody reviewed, or None: the checks of the
    tree the publish gate makes, shared with `govpub approvals verify --head-checkout` so that a
    pull request the gate will refuse is refused before it merges, in the same words."""
    return (checkout_bytes_problem(root) or layout_problem(root) or symlink_problem(root)
            or environment_problem(root) or resources_problem(root) or hidden_diff_problem(root))


def head_problems(checkout: Path, head_sha: str, files: list[str], *, department: str | None = None,
                  columns: dict[str, list[str]] | None = None) -> list[str]:
    """What the publish gate will refuse in a pull request, judged before the merge on a checkout
    of its head commit: the site checks (site_problem), the changed files no approval lets
    through (a name that reaches logs as a command, a submodule) and, given the columns of the
    judging registry, pictures of another department's articles (picture_problems). Each is a
    sentence for the verdict's problems."""
    at = git.run(checkout, "rev-parse", "--verify", "-q", "HEAD", check=False).stdout.strip()
    if at != head_sha:
        return [f"用来核对网站设置的检出（{shown(str(checkout), start=False)}）是提交 {at[:12] or '（无）'}，不是合并请求的最新提交 "
                f"{head_sha[:12]}：无法在合并前核对发布门禁。处理办法：重新运行“三审”工作流（合并请求又有了新的推送时，"
                "等新的一次运行）"]
    problems = []
    tree = _tree(checkout, "HEAD")
    for path in files:
        why = _bad_name(path)
        if why is None and tree.get(path, ("", ""))[0] == "160000":
            why = SUBMODULE
        if why:
            problems.append(f"合并后发布门禁会拒绝 {shown(path, start=False)}：{why}")
    if columns is not None:
        problems += [f"合并后发布门禁会拒绝：{why}" for _f, why in picture_problems(checkout, "HEAD", files, department, columns)]
    found = site_problem(checkout)
    if found:
        problems.append(f"合并后发布门禁会拒绝整个网站：{found}")
    return problems


class GateForge(ForgeLookup, Protocol):
    """What the publish gate asks the forge: the branch tip, merged PRs and their inputs."""

    def branch_tip(self, branch: str) -> str: ...

    def close(self) -> None: ...


@dataclass
class PublishGate:
    """The outcome of `govpub publish`'s gate: `passed` is the check when HEAD may be published;
    otherwise `refusal` says why (the run's report). `warnings`: options that had no effect."""

    passed: GateResult | None = None
    refusal: str = ""
    warnings: list[str] = field(default_factory=list)


def starting_point(root: Path, deployed: dict[str, Any] | None, initial: str | None,
                   target: str) -> tuple[str, str | None, list[str]]:
    """(the last published commit, the notes commit published with it, warnings): from the
    record on the deploy target, else the --initial commit of a first publish."""
    from govpub.errors import UsageError

    if deployed is not None:
        warn = [f"部署位置已有发布记录（提交 {deployed['commit'][:12]}），--initial 不起作用"] if initial else []
        return str(deployed["commit"]), deployed.get("notes_commit"), warn
    if initial:
        found = git.run(root, "rev-parse", "--verify", "-q", f"{initial}^{{commit}}", check=False)
        if found.returncode != 0:
            raise UsageError(f"找不到 --initial 给出的提交 {initial}",
                             hint="写启用 govpub 时的提交号（完整或前 12 位），并确认已 git fetch 完整历史")
        return found.stdout.strip(), None, []
    raise UsageError(f"部署位置 {target} 还没有发布记录，不知道从哪个提交起核对三审",
                     hint="首次发布时用 --initial REV 指定本局启用 govpub 时的提交（此后的每项改动都必须经过"
                          "三审的合并请求）；若以前发布过，检查部署位置是否正确")


def publish_gate(root: Path, policy: Policy, head: str, *, connect: Callable[[], GateForge], branch: str,
                 target: str, initial: str | None, record_command: str, ref: str | None) -> PublishGate:
    """Whether the checkout at `head` may be published to `target`: a clean checkout, the tip of
    the protected branch, and every change since the last publish through an approved PR.
    connect: opens the forge (called only once the checkout is found clean)."""
    from govpub.publish import deploy

    dirty = worktree_problem(root) or history_problem(root) or site_problem(root)
    if dirty:
        return PublishGate(refusal=f"发布中止：{dirty}。本次不发布任何内容。\n")
    forge = connect()
    try:
        problem = protected_branch_problem(head, branch, forge.branch_tip(branch), ref)
        if problem:
            return PublishGate(refusal=f"发布中止：{problem}。本次不发布任何内容。\n")
        base, notes, warnings = starting_point(root, deploy.published(target), initial, target)
        result = check(root, base=base, head=head, branch=branch, forge=forge, policy=policy,
                       published_notes=notes, record_command=record_command)
    finally:
        forge.close()
    if not result.ok:
        return PublishGate(refusal=result.report(), warnings=warnings)
    return PublishGate(passed=result, warnings=warnings)
