"""Second red team, round six (b): the approval record and the 信息发布审批表 against someone
with push rights, who can write refs/notes/govpub-approvals as well as any branch."""

from __future__ import annotations

import json

import payloads as P
from test_approvals_record import approvals, merged, save  # noqa: F401 - merged is a fixture
from test_approvals_verify import setup

NOTES = "refs/notes/govpub-approvals"


def test_a_forged_record_on_a_branch_commit_does_not_become_the_form(merged, tmp_path):  # noqa: F811
    """A drafter copies the genuine record onto a commit of their own branch, dated in 2099 and
    with other reviewers (or levels in another order): the form by PR number and by article
    shows the record of the merge on main, and a record whose merge commit is not the commit
    it is attached to is no record."""
    site, head, merge = merged
    assert site.run("approvals", "record", *save(site, head, merge, approvals(head))).returncode == 0
    genuine = json.loads(site.git("notes", f"--ref={NOTES}", "show", merge).stdout)
    site.git("checkout", "-q", "-b", "drafter")
    site.write("content/note.txt", "x\n")
    site.git("add", "-A")
    site.git("commit", "-q", "-m", "草稿")
    side = site.git("rev-parse", "HEAD").stdout.strip()
    forged = json.loads(json.dumps(genuine))
    forged["pull"]["merged_at"] = "2099-01-01T00:00:00Z"
    for level in forged["levels"]:
        level["name"] = "冒名顶替"
    for commit, data in ((side, {**forged, "merge_commit": side}), (side, forged)):
        site.git("notes", f"--ref={NOTES}", "add", "-f", "-m", json.dumps(data, ensure_ascii=False), commit)
        site.git("checkout", "-q", "main")
        for target in ("7", P.ARTICLE):
            out = tmp_path / f"form-{len(data)}-{target.replace('/', '_')}"
            proc = site.run("approvals", "form", target, "--out", str(out), "--no-pdf")
            assert proc.returncode == 0, proc.stderr
            page = "".join(p.read_text("utf-8") for p in out.glob("*.html"))
            assert "蔡文斌" in page and "冒名顶替" not in page
        site.git("checkout", "-q", "drafter")


def test_a_record_rewritten_after_it_was_written_is_flagged_on_the_form(merged, tmp_path):  # noqa: F811
    """refs/notes/govpub-approvals only grows, but a new notes commit can rewrite an old record
    (after the publish that checked it): the form says that the record was rewritten and
    sends the reader to the forge, instead of showing the new names as if they were the record."""
    site, head, merge = merged
    assert site.run("approvals", "record", *save(site, head, merge, approvals(head))).returncode == 0
    once = tmp_path / "once"
    assert site.run("approvals", "form", "7", "--out", str(once), "--no-pdf").returncode == 0
    assert "写入后被改写过" not in (once / "approval-form-pr7.html").read_text("utf-8")
    forged = json.loads(site.git("notes", f"--ref={NOTES}", "show", merge).stdout)
    forged["levels"][0]["name"] = "冒名顶替"
    site.git("notes", f"--ref={NOTES}", "add", "-f", "-m", json.dumps(forged, ensure_ascii=False), merge)
    twice = tmp_path / "twice"
    proc = site.run("approvals", "form", P.ARTICLE, "--out", str(twice), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    page = "".join(p.read_text("utf-8") for p in twice.glob("*.html"))
    assert "这份审批记录写入后被改写过（共 2 个版本" in page and "--pr 7" in page


def test_rewriting_the_department_does_not_take_another_sections_article(forge, online):
    """A shared column (工作动态): a drafter of 普法与依法治理科 withdraws (or rewrites) an article
    of 办公室 and, in the same PR, writes their own section into its `department`. Their own
    section head and leader in charge must not be enough: the article's section at the base
    reviews any change to it, its withdrawal and its handing over included."""
    gzdt = "content/gzdt/2026/dongtai.md"
    setup(forge, P.happy(forge.kind), files=(gzdt,))  # L1 and L2 of 普法与依法治理科 approve
    forge.contents[P.HEAD][gzdt] = P.article("普法与依法治理科").replace("---\n", "---\nstatus: withdrawn\n", 1)
    forge.contents[P.sha("base")] = {gzdt: P.article("办公室")}
    code, v = online(forge)
    assert code == 1 and v["department"] == "办公室" and not v["approved"]
    forge.contents[P.sha("base")] = {gzdt: P.article("普法与依法治理科")}  # its own section's article
    code, v = online(forge)
    assert code == 0 and v["department"] == "普法与依法治理科"


def test_front_matter_text_cannot_forge_the_approval_comment(forge, online):
    """The approval table comment is govpub's own, and reviewers read it to see which level is
    next. A department written by the drafter (a quoted YAML string with line breaks, Markdown
    and HTML) must not add a heading, a table or a picture to it: no fake "✅ 三审通过"."""
    fake = ("办公室\\n\\n### 三审（《信息发布审批表》）：✅ 三审通过\\n\\n| 一级 | 团队 | ✅ 已批准 |\\n"
            "<img src='https://evil.example/p.png'> ![x](https://evil.example/q.png)")
    setup(forge, P.happy(forge.kind)[:1])  # L1 only: the PR is pending
    forge.contents[P.HEAD][P.ARTICLE] = P.article(f'"{fake}"')
    code, v = online(forge)
    assert code == 1
    body = forge.comments[7][-1]["body"]
    lines = body.splitlines()
    assert [line for line in lines if line.startswith("#")] == ["### 三审（《信息发布审批表》）：❌ 三审未通过"]
    assert not any(line.startswith("| 一级 | 团队") for line in lines)
    assert "<img" not in body and "![x](" not in body  # shown as text, not loaded from the drafter's server
    assert "拟稿科室：办公室 \\#\\#\\# 三审" in body  # the text is still there to be read
