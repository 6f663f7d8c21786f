"""Issue #11: each way a drafter with push rights got an article past 三审, tried against both forges.

Every test here is a bypass that the verifier used to accept (or a review it wrongly
refused), run through the real CLI against the loopback GitHub and Gitea doubles.
"""

from __future__ import annotations

import json
import subprocess

import payloads as P
import pytest
from test_approvals_verify import levels, problems, setup

APPROVED = "APPROVED"


# -- #4 identity: ids, case, e-mails, co-authors -------------------------------------------------


def test_same_account_in_another_case_is_one_person(forge, online):
    # tzgg is 办公室's: L2 wujianhua is also in the L3 team. "WuJianHua" is the same account.
    k = forge.kind
    setup(forge, [P.review("sunli", APPROVED, 10, kind=k), P.review(P.L3C, APPROVED, 20, kind=k),
                  P.review("WuJianHua", APPROVED, 30, kind=k)], files=("content/tzgg/2026/tongzhi.md",))
    code, v = online(forge)
    assert code == 1 and levels(v)["L2"] == ("approved", P.L3C) and levels(v)["L3"][0] == "pending"
    assert "三个不同的人" in problems(v)


@pytest.mark.parametrize("kind", ["github", "gitea"])
def test_same_account_id_under_a_new_login_is_one_person(kind):
    # The account was renamed between two saved reviews: the id is the same.
    from govpub.approvals.model import gitea_review, github_review
    from govpub.approvals.verify import same_person

    parse = gitea_review if kind == "gitea" else github_review
    first, other = P.review(P.L3C, APPROVED, 20, kind=kind), P.review("sunli", APPROVED, 10, kind=kind)
    renamed = P.review(P.L3C, APPROVED, 30, kind=kind)
    renamed["user"]["login"] = "WJH"
    assert same_person(parse(first), parse(renamed))
    assert not same_person(parse(first), parse(other))


def test_coauthor_in_another_case_cannot_approve(forge, online):
    k = forge.kind
    msg = "稿件：普法工作推进会\n\nCo-authored-by: CaiWenBin <somewhere@example.org>"
    setup(forge, P.happy(k), commits=[P.commit("wangxiaomin", kind=k, message=msg)])
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending" and "提交人" in problems(v)


def test_coauthor_name_in_another_case_cannot_approve(forge, online):
    k = forge.kind
    msg = "稿件\n\nco-authored-by: 蔡文斌 <cwb@example.org>"
    setup(forge, P.happy(k), commits=[P.commit("wangxiaomin", kind=k, message=msg)])
    assert online(forge)[0] == 1


def test_commit_by_reviewer_email_without_linked_account(forge, online):
    """The commit's e-mail is the reviewer's (GitHub noreply address / Gitea account e-mail), name made up."""
    k = forge.kind
    mail = f"{P.uid(P.L1)}+{P.L1}@users.noreply.github.com" if k == "github" else f"{P.L1}@noreply.example"
    c = P.commit(None, "小蔡", "c7", kind=k)
    c["commit"]["author"]["email"] = mail.upper()
    setup(forge, P.happy(k), commits=[P.commit("wangxiaomin", kind=k), c])
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending" and "提交人" in problems(v)


def test_coauthor_email_from_the_registry(site, forge, online):
    k = forge.kind
    teams = site.root / "checks/registry/teams.yml"
    teams.write_text(teams.read_text("utf-8").replace(
        "{login: caiwenbin, name: 蔡文斌, role: 科长, active: true}",
        "{login: caiwenbin, name: 蔡文斌, role: 科长, active: true, emails: [cai.wb@zjsfj.gov.cn]}"), "utf-8")
    msg = "稿件\n\nCo-authored-by: C W <Cai.WB@zjsfj.gov.cn>"
    setup(forge, P.happy(k), commits=[P.commit("wangxiaomin", kind=k, message=msg)])
    code, v = online(forge)
    assert code == 1 and "提交人" in problems(v)


def test_committer_and_renamed_author_account_cannot_approve(forge, online):
    k = forge.kind
    by_committer = P.commit("wangxiaomin", kind=k)
    by_committer["committer"] = P.user(P.L2, k)  # L2 rebased and pushed the draft
    renamed = P.commit("wangxiaomin", kind=k, label="c3")
    renamed["author"] = {**P.user(P.L3, k), "login": "zhy-old"}  # same account id, older login
    setup(forge, P.happy(k), commits=[by_committer, renamed])
    code, v = online(forge)
    assert code == 1
    text = problems(v)
    assert "黄晓敏" in text and "周海燕" in text and text.count("提交人") == 2


def test_unrelated_coauthor_excludes_nobody(forge, online):
    k = forge.kind
    msg = "稿件\n\nCo-authored-by: 王晓敏 <wxm@example.org>"
    setup(forge, P.happy(k), commits=[P.commit("wangxiaomin", kind=k, message=msg)])
    assert online(forge)[0] == 0


# -- #5 capped lists -------------------------------------------------------------------------------


def test_article_beyond_githubs_3000_file_cap(github, online):
    names = [f"tests/data/f{i:04d}.txt" for i in range(3000)] + [P.ARTICLE]
    setup(github, [P.review(P.L3, APPROVED, 30)], files=tuple(names))
    code, v = online(github)
    assert code == 1 and v["state"] == "failure"
    assert "3001" in v["description"] and "3000" in v["description"] and "拆分" in v["description"]


def test_reviewer_commit_beyond_githubs_250_commit_cap(github, online):
    commits = [P.commit("wangxiaomin", label=f"c{i}") for i in range(250)] + [P.commit(P.L1, "蔡文斌", "last")]
    setup(github, P.happy(), commits=commits)
    code, v = online(github)
    assert code == 1 and v["state"] == "failure" and "251" in v["description"]


def test_capped_lists_fail_closed_on_both_forges(forge, online):
    forge.file_cap, forge.commit_cap = 2, 1
    setup(forge, P.happy(forge.kind), files=("README.md", "Makefile", P.ARTICLE))
    code, v = online(forge)
    assert code == 1 and v["state"] == "failure" and "只列出了 2 个" in problems(v)


def test_renames_do_not_hide_a_capped_file_list(github, online):
    # 3000 renames list 6000 paths: the count of entries, not of paths, is compared.
    names = [f"tests/data/f{i:04d}.txt" for i in range(3001)]
    setup(github, [P.review(P.L3, APPROVED, 30)], files=tuple(names))
    for f in github.files[7]:
        f["status"], f["previous_filename"] = "renamed", "old/" + f["filename"]
    code, v = online(github)
    assert code == 1 and v["state"] == "failure"


# -- #6 department from the article ---------------------------------------------------------------


def test_shared_column_levels_come_from_the_articles_department(forge, online):
    # 工作动态 is shared. The article is 普法与依法治理科's: 办公室's section head is not its L1.
    k = forge.kind
    gzdt = "content/gzdt/2026/dongtai.md"
    setup(forge, [P.review("sunli", APPROVED, 10, kind=k), P.review(P.L2, APPROVED, 20, kind=k),
                  P.review(P.L3, APPROVED, 30, kind=k)], files=(gzdt,), department="普法与依法治理科")
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending" and v["department"] == "普法与依法治理科"
    assert "孙丽" in problems(v)
    forge.reviews[7].extend([P.review(P.L1, APPROVED, 40, kind=k), P.review(P.L2, APPROVED, 50, kind=k),
                             P.review(P.L3, APPROVED, 60, kind=k)])
    assert online(forge)[0] == 0


def test_two_departments_articles_in_one_column_are_refused(forge, online):
    k = forge.kind
    a, b = "content/gzdt/2026/a.md", "content/gzdt/2026/b.md"
    setup(forge, P.happy(k), files=(a, b))
    forge.contents[P.HEAD][b] = P.article("普法与依法治理科")
    code, v = online(forge)
    assert code == 1 and v["state"] == "failure"
    assert v["description"].startswith("一个合并请求只能包含一个科室的文章")
    assert "办公室" in v["description"] and "普法与依法治理科" in v["description"]


def test_retraction_in_a_shared_column_routes_by_the_department_at_the_base(forge, online):
    """A PR deleting an article has none at its head: the department is read at its base."""
    gzdt = "content/gzdt/2026/dongtai.md"
    setup(forge, P.happy(forge.kind), files=(gzdt,))
    del forge.contents[P.HEAD][gzdt]
    forge.contents[P.sha("base")] = {gzdt: P.article("普法与依法治理科")}
    code, v = online(forge)
    assert code == 0 and v["department"] == "普法与依法治理科"
    del forge.contents[P.sha("base")]  # nowhere to read it: a shared column fails closed
    code, v = online(forge)
    assert code == 1 and v["state"] == "failure" and "department" in v["description"]


def test_article_department_not_allowed_in_its_column(forge, online):
    setup(forge, P.happy(forge.kind), department="办公室")  # pfyfz is 普法与依法治理科's only
    code, v = online(forge)
    assert code == 1 and v["state"] == "failure" and "不能在该栏目发稿" in problems(v)


def test_article_without_department_fails(forge, online):
    setup(forge, P.happy(forge.kind))
    forge.contents[P.HEAD][P.ARTICLE] = "---\ntitle: 无部门\n---\n正文\n"
    code, v = online(forge)
    assert code == 1 and "department" in problems(v)


def test_shared_column_without_the_article_fails_closed():
    from helpers import REPO

    from govpub.approvals.model import review_policy
    from govpub.approvals.verify import plan
    from govpub.policy import Policy

    rp = review_policy(Policy.discover(REPO))
    required, teams, dep, probs = plan(["content/gzdt/2026/a.md"], rp, None)
    assert dep is None and teams["L1"] == [] and "department" in "".join(probs)
    # a single-department column needs no article text to route
    assert plan(["content/pfyfz/2026/a.md"], rp, None)[2] == "普法与依法治理科"


# -- #7 drafts ------------------------------------------------------------------------------------------


def test_github_draft_is_pending(github, online):
    setup(github, P.happy(), draft=True)
    code, v = online(github)
    assert code == 1 and v["state"] == "pending" and v["draft"] and "草稿" in v["description"]
    assert github.statuses[P.HEAD][-1]["state"] == "pending"


@pytest.mark.parametrize("title", ["WIP: 普法推进会稿件", "[WIP] 普法推进会稿件", "  wip:稿件"])
def test_gitea_wip_title_is_pending(gitea, online, title):
    setup(gitea, P.happy("gitea"), title=title)
    code, v = online(gitea)
    assert code == 1 and v["state"] == "pending" and v["draft"]


def test_ready_pull_request_with_wip_inside_title_is_not_a_draft(gitea, online):
    setup(gitea, P.happy("gitea"), title="关于 WIP: 的说明")
    assert online(gitea)[0] == 0


# -- #8 Gitea review times; offline shape ---------------------------------------------------------------


def test_gitea_review_begun_before_l2_and_submitted_after_is_not_first(gitea, online):
    k = "gitea"
    # L1 started a review (line comments) at 15, L2 approved at 20, L1 submitted at 25.
    setup(gitea, [P.review(P.L1, APPROVED, 15, kind=k, updated=25), P.review(P.L2, APPROVED, 20, kind=k),
                  P.review(P.L3, APPROVED, 30, kind=k)])
    code, v = online(gitea)
    assert code == 1 and levels(v)["L1"][0] == "approved" and levels(v)["L2"][0] == "pending"
    assert v["levels"][0]["submitted_at"].endswith("01:25:00Z")


def test_gitea_review_begun_early_and_submitted_in_order_counts(gitea, online):
    k = "gitea"
    # L2 began a review at 5, before L1 approved at 10, and submitted it at 20.
    setup(gitea, [P.review(P.L1, APPROVED, 10, kind=k), P.review(P.L2, APPROVED, 5, kind=k, updated=20),
                  P.review(P.L3, APPROVED, 30, kind=k)])
    code, v = online(gitea)
    assert code == 0 and v["levels"][1]["submitted_at"].endswith("01:20:00Z")


def _offline(site, reviews, pull):
    out = []
    for name, data in (("pull", pull), ("reviews", reviews), ("commits", [P.commit(kind="gitea")]),
                       ("files", P.files(P.ARTICLE))):
        path = site.root / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        out += [f"--{name}", str(path)]
    return ["approvals", "verify", *out]


def test_offline_gitea_json_is_recognised_without_forge(site):
    k = "gitea"
    reviews = [P.review(P.L1, APPROVED, 10, kind=k), P.review(P.L2, APPROVED, 20, kind=k),
               P.review(P.L3, APPROVED, 30, kind=k, dismissed=True)]
    proc = site.run(*_offline(site, reviews, P.pull(kind=k)))
    v = json.loads(proc.stdout)
    assert proc.returncode == 1 and v["next_level"] == "L3", proc.stderr


def test_offline_forge_contradicting_the_json_is_refused(site):
    k = "gitea"
    proc = site.run(*_offline(site, P.happy(k), P.pull(kind=k)), "--forge", "github")
    assert proc.returncode == 2 and "gitea" in proc.stderr and "处理办法" in proc.stderr


def test_offline_undetectable_json_needs_forge(site):
    pull = {k: v for k, v in P.pull().items() if k not in ("node_id", "_links", "draft")}
    proc = site.run(*_offline(site, [], pull))
    assert proc.returncode == 2 and "--forge" in proc.stderr
    proc = site.run(*_offline(site, [], pull), "--forge", "github")
    assert proc.returncode == 1


def test_offline_reads_the_department_from_the_checkout(site, tmp_path):
    """Offline, the article at the PR head comes from a git checkout (--checkout)."""
    repo = tmp_path / "checkout"
    gzdt = "content/gzdt/2026/dongtai.md"
    (repo / "content/gzdt/2026").mkdir(parents=True)
    (repo / gzdt).write_text(P.article("普法与依法治理科"), encoding="utf-8")

    def git(*a):
        return subprocess.run(["git", "-C", str(repo), *a], check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x")
    head = git("rev-parse", "HEAD").strip()
    k = "github"
    reviews = [P.review("sunli", APPROVED, 10), P.review(P.L2, APPROVED, 20), P.review(P.L3, APPROVED, 30)]
    args = _offline(site, reviews, P.pull(head=head, kind=k))
    (site.root / "files.json").write_text(json.dumps(P.files(gzdt)), encoding="utf-8")
    (site.root / "reviews.json").write_text(json.dumps([{**r, "commit_id": head} for r in reviews]), "utf-8")
    (site.root / "commits.json").write_text(json.dumps([P.commit()]), encoding="utf-8")
    proc = site.run(*args, "--checkout", str(repo))
    v = json.loads(proc.stdout)
    assert proc.returncode == 1 and v["department"] == "普法与依法治理科" and "孙丽" in problems(v)
    # without the commit, a shared column cannot be routed: fail closed
    proc = site.run(*args)
    assert proc.returncode == 1 and json.loads(proc.stdout)["state"] == "failure"


# -- text output --------------------------------------------------------------------------------------------


def test_text_output_puts_the_sentence_first(site):
    args = _offline(site, P.happy()[:2], P.pull())
    (site.root / "commits.json").write_text(json.dumps([P.commit()]), encoding="utf-8")
    proc = site.run(*args, "--format", "text")
    lines = proc.stdout.splitlines()
    assert proc.returncode == 1 and lines[0].startswith("合并请求 #7") and "待三级审核" in lines[0]
    assert len(lines) < 15 and "{" not in proc.stdout


def test_text_is_the_default_on_a_terminal(site):
    import os
    import pty
    import sys

    args = _offline(site, P.happy(), P.pull())
    (site.root / "commits.json").write_text(json.dumps([P.commit()]), encoding="utf-8")
    master, slave = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "govpub", *args], cwd=site.root, stdout=slave,
                          stderr=subprocess.PIPE, env=env, check=False)
    os.close(slave)
    out = os.read(master, 65536).decode("utf-8")
    os.close(master)
    assert proc.returncode == 0, proc.stderr
    assert out.startswith("合并请求 #7") and "三审通过" in out.splitlines()[0]


def test_article_lookup_failure_posts_no_verdict(forge, online):
    """A lost answer while reading the article at the head: exit 2, no status at all (not a success)."""
    setup(forge, P.happy(forge.kind))
    forge.failures.append((r"/contents/", 502, {}, {"message": "Bad Gateway"}))
    code, v = online(forge)
    assert code == 2 and "502" in v["stderr"] and P.HEAD not in forge.statuses
