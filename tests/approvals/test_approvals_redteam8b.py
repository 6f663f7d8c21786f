"""Red team, eighth round (second team): the required check `govpub approvals verify` against what
the publish gate refuses after the merge, and the forge text the check prints. The real command (in
process) against the loopback GitHub and Gitea doubles, real Git repositories in temporary folders.

Routes tried:
1. a PR the gate refuses after merge (a remote script in mkdocs.yml, a template folder outside the
   tracked files, a hidden diff, a submodule) merged green: the check read only the forge's
   reviews. Closed: `--head-checkout DIR` (the workflow checks the PR head out into its own folder,
   runs none of it) runs the gate's own checks of the tree (gate.head_problems → site_problem) and
   the status fails with the gate's words; a checkout of another commit fails too;
2. a proxy or cache that answers a middle page of GitHub's review list with [] (GitHub gives no
   total; the Link header is intact, so page 3 is still read): L2's "changes requested" on page 2
   vanished. Closed: the timeline, read anyway, has a "reviewed" event per submitted review; a
   review it names that the list lacks stops the check (exit 2; offline with --timeline: bad
   input), no extra request. Decided against
   GraphQL totalCount: one more API and endpoint (GHES: /api/graphql) for the same assurance;
3. `govpub comment` (the Word workflow's report, posted by the bot account) carried a drafter's
   file name and a Word draft's text as Markdown: a fence closed with ``` and a heading and table
   "### 三审（《信息发布审批表》）：✅ 三审通过" under the bot's name. Closed: the text is shown
   literally, in a code block longer than any backtick run in it;
4. a reviewer who wrote the article under their own name with an invisible twist (a zero-width
   space, full-width letters, a space between the characters): the 审批表 and the history show
   "周海燕" as drafter and as L3, the comparison saw two people. Closed: names are compared after
   NFKC, with format characters and spaces removed, case folded (verify.fold).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import payloads as P
import pytest
from forge_double import TOKEN
from helpers import GIT_ENV, checks_site
from test_approvals_verify import problems

from govpub.publish import gate

MKDOCS = "site_name: 湛江市司法局\ndocs_dir: content\n"


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, check=True,
                          capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def head_repo(tmp_path_factory) -> Path:
    """A checkout of a PR head: this repo's checks/, a plain mkdocs.yml and one article."""
    root = checks_site(tmp_path_factory.mktemp("head") / "repo").root
    (root / "mkdocs.yml").write_text(MKDOCS, "utf-8")
    (root / "content/index.md").write_text("# 首页\n", "utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    return root


def _head(root: Path, files: dict[str, str]) -> str:
    """Commit `files` on a new detached commit from the base and leave it checked out."""
    _git(root, "checkout", "-q", "--detach", "main")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "pr")
    return _git(root, "rev-parse", "HEAD")


def _pull(double, head: str, files: tuple[str, ...]) -> None:
    k = double.kind
    reviews = [P.review(P.L1, "APPROVED", 10, commit=head, kind=k), P.review(P.L2, "APPROVED", 20, commit=head, kind=k),
               P.review(P.L3, "APPROVED", 30, commit=head, kind=k)]
    double.add_pull(P.pull(head=head, kind=k), reviews, [P.commit(kind=k)], P.files(*files), P.articles(files))


REMOTE_JS = MKDOCS + "extra_javascript:\n  - https://cdn.example.test/stat.js\n"


def test_a_pr_the_gate_will_refuse_fails_the_check_in_the_gates_words(forge, online, head_repo):
    head = _head(head_repo, {"mkdocs.yml": REMOTE_JS, P.ARTICLE: P.article("普法与依法治理科")})
    _pull(forge, head, (P.ARTICLE,))  # the files list need not even name mkdocs.yml: the tree decides
    code, v = online(forge)
    assert code == 0 and v["approved"], problems(v)  # without the head checkout: the reviews alone
    code, v = online(forge, 7, "--head-checkout", str(head_repo))
    assert code == 1 and not v["approved"] and v["state"] == "failure", v
    said = gate.site_problem(head_repo)
    assert said and "cdn.example.test" in said and said in problems(v)
    assert forge.statuses[head][-1]["state"] == "failure"


def test_a_submodule_in_the_pr_fails_the_check(github, online, head_repo):
    head = _head(head_repo, {P.ARTICLE: P.article("普法与依法治理科")})
    _git(head_repo, "update-index", "--add", "--cacheinfo", f"160000,{head},content/vendor")
    _git(head_repo, "commit", "-qm", "submodule")
    head = _git(head_repo, "rev-parse", "HEAD")
    _pull(github, head, (P.ARTICLE, "content/vendor"))
    code, v = online(github, 7, "--head-checkout", str(head_repo))
    assert code == 1 and gate.SUBMODULE in problems(v) and "content/vendor" in problems(v)


def test_a_checkout_of_another_commit_is_not_taken_for_the_head(github, online, head_repo):
    """A workflow that checked out a branch name (moved since) or the base: the check cannot vouch
    for the head and says so, it does not pass."""
    head = _head(head_repo, {P.ARTICLE: P.article("普法与依法治理科")})
    _pull(github, head, (P.ARTICLE,))
    code, v = online(github, 7, "--head-checkout", str(head_repo))
    assert code == 0 and v["approved"], problems(v)  # a clean head passes
    _git(head_repo, "checkout", "-q", "--detach", "main")
    code, v = online(github, 7, "--head-checkout", str(head_repo))
    assert code == 1 and "不是合并请求的最新提交" in problems(v)


def test_an_empty_middle_page_of_reviews_cannot_hide_a_change_request(site, github, online):
    """250 reviews over three pages; the three approvals are on page 1, L2's later objection
    (review 150) on page 2, which the proxy answers with an empty list."""
    from test_approvals_verify import levels, setup

    chatter = [P.review("wangxiaomin", "COMMENTED", 1) for _ in range(146)]
    tail = [P.review("wangxiaomin", "COMMENTED", 50) for _ in range(100)]
    setup(github, [*P.happy(), *chatter, P.review(P.L2, "CHANGES_REQUESTED", 40), *tail])
    code, v = online(github)
    assert code == 1 and levels(v)["L2"][0] != "approved", v  # read in full: the objection counts
    github.empty_pages.append((r"/pulls/7/reviews$", 2))
    code, v = online(github)
    assert code == 2 and "审核列表不完整" in v["stderr"] and "处理办法" in v["stderr"], v
    assert not github.statuses.get(P.HEAD, [])[1:], "no second verdict was posted"


FAKE = ("```\n<!-- govpub:approvals -->\n### 三审（《信息发布审批表》）：✅ 三审通过\n\n| 级别 | 审核人 |\n|---|---|\n"
        "| 三级审核 | ✅ 已批准 周海燕 |\n````\n<img src=https://evil.example.test/x.png>\n")


def test_the_bots_word_comment_cannot_draw_a_green_approval_table(tmp_path, github, monkeypatch, capsys):
    """Through the real `govpub comment` and the double: the posted body renders (markdown-it, a
    CommonMark parser as the forges use) to one code block holding the text, no heading, table
    or picture."""
    from markdown_it import MarkdownIt

    from govpub import cli

    setup_pull = P.pull(kind="github")
    github.add_pull(setup_pull, [], [P.commit()], P.files(P.ARTICLE))
    report = tmp_path / "report.md"
    report.write_text(f"【content/gzdt/2026/x{FAKE}.docx：已转换，检查通过】\n{FAKE}\n", "utf-8")
    monkeypatch.setenv("GOVPUB_FORGE_TOKEN", TOKEN)
    code = cli.main(["comment", "--repo", github.repo, "--pr", "7", "--key", "word", "--body-file", str(report),
                     "--api-url", github.api_url])
    assert code == 0, capsys.readouterr()
    (posted,) = github.comments[7]
    body = posted["body"]
    assert body.startswith("<!-- govpub:word -->\n")
    tokens = [t.type for t in MarkdownIt("commonmark").enable("table").parse(body)]
    assert tokens == ["html_block", "fence"], tokens  # the marker, then one block of text
    assert "✅ 三审通过" in MarkdownIt("commonmark").parse(body)[1].content  # shown, as text


@pytest.mark.parametrize("disguise", ["周\u200b海燕", "周 海燕", "周海燕\u2060", "ＺＨＯＵＨＡＩＹＡＮ"],
                         ids=["zero-width-space", "space", "word-joiner", "full-width-login"])
def test_a_reviewer_cannot_author_the_article_under_a_disguised_own_name(site, github, online, disguise):
    """L3 (周海燕, login zhouhaiyan) pushes the article from an address the forge does not link to
    her account (a GitHub push is not in the timeline), under her name with an invisible twist."""
    from test_approvals_verify import levels, setup

    setup(github, P.happy(), commits=[P.commit(None, name=disguise, label="c9")])
    code, v = online(github)
    assert code == 1 and levels(v)["L3"][0] != "approved", (disguise, v["levels"])


def test_offline_saved_reviews_missing_one_the_timeline_names_are_refused(site):
    """Offline, the same cross-check: a reviews.json saved from page 1 only (L2's objection was on
    page 2) beside the full timeline is bad input, not a verdict."""
    import json

    from test_approvals_offline import save

    happy, objection = P.happy(), P.review(P.L2, "CHANGES_REQUESTED", 40)
    argv = save(site, happy)
    timeline = site.root / "timeline.json"
    events = [{"event": "reviewed", "id": r["id"], "state": r["state"].lower(), "user": r["user"]}
              for r in [*happy, objection]]
    timeline.write_text(json.dumps(events[:3], ensure_ascii=False), "utf-8")
    assert site.run_here(*argv, "--forge", "github", "--timeline", str(timeline)).returncode == 0
    timeline.write_text(json.dumps(events, ensure_ascii=False), "utf-8")
    proc = site.run_here(*argv, "--forge", "github", "--timeline", str(timeline))
    assert proc.returncode == 2 and "审核记录不完整" in proc.stderr and "reviews.json" in proc.stderr, proc.stderr
    assert f"编号 {objection['id']}" in proc.stderr
