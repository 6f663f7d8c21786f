"""The forge side of `govpub publish` for tests: register merged pull requests on the loopback
forge double (tests/approvals/forge_double.py) and leave their records as the record job does."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from forge_double import TOKEN, ForgeDouble


def land_pull(double: ForgeDouble, root: Path, merge: str, head: str, files: list[str], *, number: int = 7,
              approved: bool = True, record: bool = True, commit_shas: list[str] | None = None) -> None:
    """Register on the forge the PR merged by `merge` (reviewed at `head`), approved in order by
    members of the teams the registry routes `files` to (or by nobody), and leave its record
    (the git note) as the record job does, through the real `govpub approvals record`."""
    import payloads

    from govpub.approvals.model import department_of, review_policy
    from govpub.approvals.verify import plan
    from govpub.policy import Policy

    # the articles as the forge serves them at the reviewed head (L1 and L2 follow their department)
    texts = {f: subprocess.run(["git", "show", f"{head}:{f}"], cwd=root, capture_output=True, text=True).stdout
             for f in files if f.startswith("content/") and f.endswith(".md")}
    texts = {f: t for f, t in texts.items() if t}
    reviews = []
    if approved:
        departments = {f: department_of(t) for f, t in texts.items()}
        required, teams, _dep, _problems = plan(files, review_policy(Policy(root)), departments)
        registry = Policy(root).review_teams["teams"]
        for i, level in enumerate(required):
            login = next(m["login"] for m in registry[teams[level][0]]["members"] if m["active"])
            reviews.append(payloads.review(login, "APPROVED", 10 * (i + 1), commit=head, kind=double.kind))
    commits = [payloads.commit(label=f"c{number}", kind=double.kind)]
    for i, sha in enumerate(commit_shas or []):  # the PR's real commits, as the forge lists them
        commits[i:i + 1] = [{**payloads.commit(label=f"c{number}", kind=double.kind), "sha": sha}]
    double.add_pull(payloads.pull(number, head=head, merged=True, merge_sha=merge, merged_by="zhouhaiyan",
                                  kind=double.kind),
                    reviews, commits, payloads.files(*files), articles=texts)
    if record:
        assert record_pull(double, root, number).returncode == (0 if approved else 1)


def record_pull(double: ForgeDouble, root: Path, number: int) -> subprocess.CompletedProcess:
    """What the record job runs after a merge: `govpub approvals record` (exit 1: merged unapproved),
    in process (the command itself runs for real in tests/approvals/test_approvals_record.py)."""
    from helpers import Site

    proc = Site(root).run_here("approvals", "record", *forge_args(double), "--pr", str(number), env=forge_env(double))
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return proc


def forge_args(double: ForgeDouble) -> list[str]:
    return ["--forge", double.kind, "--repo", double.repo, "--api-url", double.api_url]


def forge_env(double: ForgeDouble) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("GITHUB_REF", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GOVPUB_FORGE_URL", "GITHUB_TOKEN")}
    from helpers import GIT_ENV

    return {**env, **GIT_ENV, "NO_COLOR": "1", "GOVPUB_FORGE_TOKEN": TOKEN}


def publish_args(double: ForgeDouble, root: Path, branch: str = "main", tip: str | None = None) -> list[str]:
    """The gate's arguments; the forge reports `tip` (default: the checkout's HEAD) as the branch's tip."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True,
                          check=True).stdout.strip()
    double.branches[branch] = tip or head
    return [*forge_args(double), "--branch", branch]
