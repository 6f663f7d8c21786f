"""Red team, ninth round, second part: the publish gate's newest logic (a PR counts for a file only
when its diff starts from approved content, or restores it; ninth round, test_gate_redteam9.py)
attacked as a drafter with push rights. Real Git repositories in temporary folders, the loopback
forge double, the gate in process (helpers of the fifth round, test_gate_redteam5.py).

Routes tried here:
1. a rename: a direct push adds a file nobody reviewed; an approved PR moves it to another name with
   a small change. The forge shows a rename as the diff from the old file (git's rename detection),
   so the reviewers saw one line; the gate took the new path as new (nothing at the fork: shown in
   full) and the old path's deletion as restoring the published state. Was open; closed: a path new
   in the PR that git pairs with a path the PR removes is judged by that path's version at the fork.
2. a version approved once and corrected since: a direct push puts it back, the next PR (branched
   after the push) changes another line. The gate counted a diff from ANY version approved in the
   range. Was open; closed: a diff counts only from the last approved version.
3. a picture-only PR in a shared column (工作动态): routed to the column's first department (the
   office), while the page showing it is another section's article. Was open (README 第九轮, 仍然开着
   一); closed: the gate (and `verify --head-checkout` before the merge) refuses a picture or
   attachment of a shared column that an article of another department refers to.
4. the README's remote rollback (a hand-typed ssh command): none of `govpub rollback`'s refusals.
   Closed: `govpub rollback user@host:/path` with the same checks (the build manifests now reach
   remote targets too).
"""

from __future__ import annotations

from helpers import article_text
from test_gate_redteam5 import A, article, direct_push, git, merge_pr, refused, run_gate

B = "content/pfyfz/2026/redteam-b.md"
PUSHED = "content/pfyfz/2026/redteam-pushed.md"
BODY = "11月28日，共发放宣传资料300份。\n" + "市司法局组织普法志愿者深入社区开展法治宣传活动，现场解答群众法律咨询。\n" * 6


def test_a_rename_of_a_directly_pushed_file_does_not_launder_it(repo, forge):
    """The direct push adds an article with a sentence nobody reviewed; the approved PR renames it
    (and fixes the date). Reviewers saw "renamed, one line changed"; the pushed text must not publish."""
    base = git(repo.root, "rev-parse", "HEAD")
    pushed = article("普法宣传进校园活动顺利开展", BODY + "另请关注某公司新品发布。\n")
    direct_push(repo, {PUSHED: pushed}, "补一篇")
    merge_pr(repo, forge, 8, {PUSHED: None, B: pushed.replace("11月28日", "11月29日")})
    result = run_gate(repo, forge, base)
    assert B in refused(result), result.report()
    assert "#8" in refused(result)[B]


def test_a_rename_of_an_approved_file_publishes(repo, forge):
    """The control's other side: moving an approved article (with a small change) in an approved PR."""
    base = git(repo.root, "rev-parse", "HEAD")
    v1 = article("普法宣传进校园活动顺利开展", BODY)
    merge_pr(repo, forge, 7, {A: v1})
    merge_pr(repo, forge, 8, {A: None, B: v1.replace("11月28日", "11月29日")})
    result = run_gate(repo, forge, base)
    assert result.ok, result.report()
    assert result.approved == [B]


def test_a_pr_built_on_a_superseded_approved_version_does_not_bring_it_back(repo, forge):
    """#7 publishes a figure, #8 (approved) corrects it. A direct push puts #7's version back (refused
    on its own); the next PR, branched after the push, changes the date. Its reviewers saw the old
    figure as context: it had been approved once, by #7, but #8's reviewers replaced it. A diff counts
    only from the last approved version, not from any version approved once."""
    base = git(repo.root, "rev-parse", "HEAD")
    v1 = article("普法宣传进校园活动顺利开展", "11月28日，共发放宣传资料3000份。\n")
    merge_pr(repo, forge, 7, {A: v1})
    v2 = v1.replace("3000份", "300份")
    merge_pr(repo, forge, 8, {A: v2})
    direct_push(repo, {A: v1}, "恢复原文")
    merge_pr(repo, forge, 9, {A: v1.replace("11月28日", "11月29日")})
    result = run_gate(repo, forge, base)
    assert A in refused(result) and "#9" in refused(result)[A], result.report()


SHARED = "content/gzdt/2026/rt9b-huodong.md"
PHOTO = "content/gzdt/2026/rt9b-huodong.jpg"


def test_a_picture_only_pr_is_reviewed_by_the_department_of_the_article_showing_it(repo, forge):
    """普法与依法治理科 publishes an article with a photo in 工作动态 (a column every section shares).
    A picture-only PR replaces the photo: with no article to name a department it went to the
    column's first department, the office, whose three levels approved a picture on another
    section's page. Refused, naming the article and its department."""
    base = git(repo.root, "rev-parse", "HEAD")
    text = article_text("11月28日，普法志愿者走进校园。\n\n![活动现场](rt9b-huodong.jpg)\n",
                        column="gzdt", department="普法与依法治理科", title="普法宣传进校园")
    merge_pr(repo, forge, 7, {SHARED: text, PHOTO: "photo-1"})
    assert run_gate(repo, forge, base).ok, run_gate(repo, forge, base).report()
    merge_pr(repo, forge, 8, {PHOTO: "photo-2"})
    result = run_gate(repo, forge, base)
    assert PHOTO in refused(result), result.report()
    assert "普法与依法治理科" in refused(result)[PHOTO] and SHARED in refused(result)[PHOTO]
    # the way out: the photo changed together with the article, reviewed by its department
    merge_pr(repo, forge, 9, {PHOTO: "photo-3", SHARED: text.replace("11月28日", "11月29日")})
    assert run_gate(repo, forge, base).ok, run_gate(repo, forge, base).report()
    # before the merge: `verify --head-checkout` says the same on a checkout of the PR's head
    from govpub.approvals.model import review_policy
    from govpub.policy import Policy
    from govpub.publish import gate

    head, columns = git(repo.root, "rev-parse", "HEAD"), review_policy(Policy(repo.root)).columns
    found = gate.head_problems(repo.root, head, [PHOTO], department="办公室", columns=columns)
    assert len(found) == 1 and "普法与依法治理科" in found[0], found
    assert gate.head_problems(repo.root, head, [PHOTO], department="普法与依法治理科", columns=columns) == []


def test_a_remote_rollback_has_the_checks_of_a_local_one(tmp_path, fake_ssh, capsys):
    """The README's remote rollback was a hand-typed `ssh … ln -sfn releases/<id> current`: no check
    that the release still shows an article withdrawn or corrected since. `govpub rollback
    user@host:/path` reads the releases' build manifests over SSH (deploy_rsync now uploads them to
    build-manifests/) and refuses the same way; a harmless rollback switches `current` over SSH."""
    from test_gate_redteam9 import _release

    from govpub import cli
    from govpub.publish import deploy

    remote = tmp_path / "srv" / "www"
    dest = f"deploy@web1.example.gov.cn:{remote}"
    uri = "pfyfz/2026/jiuzheng.md"
    deploy.deploy_rsync(_release(tmp_path / "a", {uri: "共发放宣传资料3000份"}), dest, "r1")
    deploy.deploy_rsync(_release(tmp_path / "b", {uri: "共发放宣传资料300份"}), dest, "r2")
    assert (remote / "build-manifests" / "r2.json").is_file()
    assert not (remote / "releases" / "r2" / ".govpub-build.json").exists()  # not for readers
    import os
    os.utime(remote / "releases" / "r1", (1, 1))  # deploy order is mtime order
    code = cli.main(["rollback", dest])
    assert code == 2 and os.readlink(remote / "current") == "releases/r2"
    assert "不能回退到版本 r1" in capsys.readouterr().err and uri
    deploy.deploy_rsync(_release(tmp_path / "c", {uri: "共发放宣传资料300份"}), dest, "r3")
    os.utime(remote / "releases" / "r2", (2, 2))
    assert cli.main(["rollback", dest]) == 0
    assert os.readlink(remote / "current") == "releases/r2"
    assert "readlink current" in fake_ssh.read_text("utf-8")  # read over SSH, not on this machine's path


def test_mkdocs_yml_pushed_directly_is_not_laundered_by_the_next_site_pr(repo, forge):
    """The same laundering outside content/: a direct push puts a line into the site's footer text
    (mkdocs.yml, shown on every page); the office's next approved change of mkdocs.yml (another
    line, branched after the push) must not carry it out."""
    from pathlib import Path

    base = git(repo.root, "rev-parse", "HEAD")
    settings = (Path(__file__).parents[2] / "mkdocs.yml").read_text("utf-8")  # this repository's
    line = "    sponsor: 湛江市司法局"
    assert line in settings
    merge_pr(repo, forge, 7, {"mkdocs.yml": settings})
    pushed = settings.replace(line, line + "（某公司协办）")
    direct_push(repo, {"mkdocs.yml": pushed}, "页脚")
    merge_pr(repo, forge, 8, {"mkdocs.yml": pushed.replace("site_id_code: \"4408000000\"", "site_id_code: \"4408000001\"")})
    result = run_gate(repo, forge, base)
    assert "mkdocs.yml" in refused(result) and "#8" in refused(result)["mkdocs.yml"], result.report()


def test_a_file_deleted_by_a_push_and_written_again_in_a_pr_is_shown_whole(repo, forge):
    """A direct push deletes a published article; the next PR writes it again with a correction.
    Its reviewers saw the whole text as new (nothing at the fork), so it publishes; a rename of a
    pushed file into that path does not (test above)."""
    v1 = article("普法宣传进校园活动顺利开展", BODY)
    base, _head = merge_pr(repo, forge, 7, {A: v1})  # published
    direct_push(repo, {A: None}, "删除")
    assert A in refused(run_gate(repo, forge, base))
    merge_pr(repo, forge, 8, {A: v1.replace("300份", "350份")})
    result = run_gate(repo, forge, base)
    assert result.ok, result.report()
