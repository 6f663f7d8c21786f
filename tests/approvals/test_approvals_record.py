"""A real repository: merge a PR, record the verdict as a git note, render the 审批表 from it."""

from __future__ import annotations

import json

import payloads as P
import pypdfium2
import pytest

NOTES = "refs/notes/govpub-approvals"


@pytest.fixture
def merged(site):
    """A site repo where branch `gao` (one article) was merged into main with --no-ff."""
    site.git("init", "-q", "-b", "main")
    site.write("README.md", "站点\n")
    site.git("add", "-A")
    site.git("commit", "-q", "-m", "初始化")
    site.git("checkout", "-q", "-b", "gao")
    site.article(title="湛江市司法局召开2026年度普法工作推进会<b>&</b>", channels="[website, wechat]")
    site.git("add", "content")
    site.git("commit", "-q", "-m", "稿件：普法工作推进会")
    head = site.git("rev-parse", "HEAD").stdout.strip()
    site.git("checkout", "-q", "main")
    site.git("merge", "-q", "--no-ff", "gao", "-m", "Merge pull request #7")
    merge = site.git("rev-parse", "HEAD").stdout.strip()
    return site, head, merge


def save(site, head, merge, reviews, merged_by="zhouhaiyan"):
    pull = P.pull(head=head, merged=True, merge_sha=merge, merged_by=merged_by)
    data = {"pull": pull, "reviews": reviews, "commits": [P.commit()], "files": P.files(P.ARTICLE)}
    args = []
    for name, value in data.items():
        (site.root / f"{name}.json").write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        args += [f"--{name}", f"{name}.json"]
    return args


def approvals(head):
    return [P.review(P.L1, "APPROVED", 10, commit=head), P.review(P.L2, "APPROVED", 20, commit=head),
            P.review(P.L3B, "APPROVED", 30, commit=head)]


def test_record_then_form_from_the_note(merged, tmp_path):
    site, head, merge = merged
    proc = site.run("approvals", "record", *save(site, head, merge, approvals(head)))
    assert proc.returncode == 0, proc.stderr
    note = json.loads(site.git("notes", f"--ref={NOTES}", "show", merge).stdout)
    assert note["merge_commit"] == merge and note["head_commit"] == head and note["approved"]
    assert [(lv["level"], lv["reviewer"], lv["name"]) for lv in note["levels"]] == [
        ("L1", P.L1, "蔡文斌"), ("L2", P.L2, "黄晓敏"), ("L3", P.L3B, "梁振宇")]
    assert note["levels"][0]["submitted_at"] == "2026-11-20T01:10:00Z"
    assert note["signed_off"]["name"] == "周海燕"
    assert note["articles"][0]["author"] == "王晓敏" and note["articles"][0]["department"] == "普法与依法治理科"
    assert "caiwenbin" in [m["login"] for m in note["membership"]["sfj-pfzl-l1"]["members"]]
    # The default notes ref is untouched.
    assert site.git("notes", "list").stdout == ""

    out = tmp_path / "forms"
    proc = site.run("approvals", "form", "7", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    page = (out / "approval-form-pr7.html").read_text(encoding="utf-8")
    for text in ("信息发布审批表", "信息标题", "发布平台", "拟稿人", "拟稿科室", "科室负责人自查自校",
                 "分管领导初审", "三级审核", "签发", "王晓敏", "普法与依法治理科", "蔡文斌", "黄晓敏", "梁振宇",
                 "周海燕", "拟发布时间", "2026-11-20 08:30", "2026-11-20 09:10", "2026-11-20 09:20", "2026-11-20 09:30", head, merge,
                 "湛江市司法局官方网站、湛江市公共法律服务"):
        assert text in page, text
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in page and "<b>&</b>" not in page  # escaped
    pdf = out / "approval-form-pr7.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    doc = pypdfium2.PdfDocument(str(pdf))
    text = doc[0].get_textpage().get_text_range()
    doc.close()
    assert "蔡文斌" in text and "信息发布审批表" in text

    # By article path, the same record.
    proc = site.run("approvals", "form", P.ARTICLE, "--out", str(out), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    assert (out / "approval-form-pr7-tuijinhui.html").exists()


def test_record_of_a_merge_without_approvals_exits_1_but_keeps_evidence(merged, tmp_path):
    site, head, merge = merged
    proc = site.run("approvals", "record", *save(site, head, merge, approvals(head)[:1]))
    assert proc.returncode == 1 and "未完成三审" in proc.stderr
    note = json.loads(site.git("notes", f"--ref={NOTES}", "show", merge).stdout)
    assert not note["approved"]
    proc = site.run("approvals", "form", "#7", "--out", str(tmp_path), "--no-pdf")
    page = (tmp_path / "approval-form-pr7.html").read_text(encoding="utf-8")
    assert "未完成三审" in page and "不得作为发布依据" in page


def test_form_without_record_names_the_fetch(merged):
    site, _, _ = merged
    proc = site.run("approvals", "form", "8", "--no-pdf")
    assert proc.returncode == 2 and "git fetch origin refs/notes/govpub-approvals" in proc.stderr


def test_record_needs_the_merge_commit_locally(merged):
    site, head, _ = merged
    proc = site.run("approvals", "record", *save(site, head, P.sha("elsewhere"), approvals(head)))
    assert proc.returncode == 2 and "git fetch" in proc.stderr


@pytest.mark.parametrize("kind", ["github", "gitea"])
def test_record_online_through_the_adapter(merged, monkeypatch, kind):
    from forge_double import TOKEN, ForgeDouble

    site, head, merge = merged
    double = ForgeDouble(kind=kind).start()
    try:
        reviews = [P.review(P.L1, "APPROVED", 10, commit=head, kind=kind),
                   P.review(P.L2, "APPROVED", 20, commit=head, kind=kind),
                   P.review(P.L3, "APPROVED", 30, commit=head, kind=kind)]
        double.add_pull(P.pull(head=head, merged=True, merge_sha=merge, merged_by=P.L3B, kind=kind), reviews,
                        [P.commit(kind=kind)], P.files(P.ARTICLE))
        monkeypatch.setenv("GOVPUB_FORGE_TOKEN", TOKEN)
        proc = site.run("approvals", "record", "--forge", kind, "--repo", double.repo, "--pr", "7",
                        "--api-url", double.api_url)
        assert proc.returncode == 0, proc.stderr
    finally:
        double.stop()
    note = json.loads(site.git("notes", f"--ref={NOTES}", "show", merge).stdout)
    assert note["approved"] and note["signed_off"]["name"] == "梁振宇"
    assert [lv["name"] for lv in note["levels"]] == ["蔡文斌", "黄晓敏", "周海燕"]
    assert not double.statuses  # record never posts a status


def test_recording_twice_replaces_the_note(merged):
    site, head, merge = merged
    args = save(site, head, merge, approvals(head))
    assert site.run("approvals", "record", *args).returncode == 0
    assert site.run("approvals", "record", *args).returncode == 0
    assert len(site.git("notes", f"--ref={NOTES}", "list").stdout.splitlines()) == 1
