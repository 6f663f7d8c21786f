"""meta.*: front matter validated against checks/registry/, with the fix in every message."""

from __future__ import annotations

import pytest
from helpers import check_text


def meta(findings):
    return [(f.rule, f.line, f.match) for f in findings if f.rule.startswith("meta.")]


def test_valid_article_has_no_findings(site):
    assert meta(check_text(site, "正文。\n")) == []


def test_missing_required_field(site):
    found = check_text(site, "正文。\n", author=None)
    assert [(r, ln) for r, ln, _ in meta(found)] == [("meta.front-matter", 2)]
    assert "author" in found[0].message and "拟稿人" in found[0].message


def test_misspelt_field(site):
    found = check_text(site, "正文。\n", titel="错字段")
    assert [(f.rule, f.line) for f in found] == [("meta.front-matter", 8)]
    assert "titel" in found[0].message and "title" in found[0].message


def test_wrong_type(site):
    found = check_text(site, "正文。\n", channels="website")
    assert any(f.rule == "meta.front-matter" and "列表" in f.message for f in found)


def test_department_must_own_column(site):
    found = check_text(site, "正文。\n", department="社区矫正管理科")
    assert meta(found) == [("meta.department", 4, "社区矫正管理科")]
    assert "普法与依法治理科" in found[0].message


def test_also_departments_may_post(site):
    found = check_text(site, "正文。\n", rel="content/gzdt/2026/x.md", column="gzdt", department="社区矫正管理科")
    assert meta(found) == []


def test_unregistered_department(site):
    found = check_text(site, "正文。\n", department="宣传科")
    assert [f.rule for f in found] == ["meta.department"] and "办公室" in found[0].message


def test_column_must_match_folder(site):
    found = check_text(site, "正文。\n", rel="content/gzdt/2026/x.md")
    assert [f.rule for f in found] == ["meta.column"] and "content/pfyfz/" in found[0].message


@pytest.mark.parametrize("value", ["2026/11/20 09:30", "2026-11-31 09:30", "2026-11-20", "2026-11-20 9:30"])
def test_bad_dates(site, value):
    found = check_text(site, "正文。\n", date=value)
    assert [(f.rule, f.line) for f in found] == [("meta.date", 6)]


def test_date_year_must_match_folder(site):
    found = check_text(site, "正文。\n", date="2025-12-30 09:30")
    assert [f.rule for f in found] == ["meta.date"] and "content/pfyfz/2025/" in found[0].message


def test_title_length_depends_on_channels(site, tmp_path):
    title = "湛江市司法局" * 6  # 36 characters: fine on the website, too long for WeChat
    assert meta(check_text(site, "正文。\n", title=title)) == []
    (site.root / "content/pfyfz/2026/cover.jpg").write_bytes(b"\xff\xd8\xff\xe0fake")
    found = check_text(site, "正文。\n", title=title, channels="[website, wechat]", cover="cover.jpg")
    assert [f.rule for f in found] == ["meta.title"] and "32" in found[0].message


def test_unregistered_channel(site):
    found = check_text(site, "正文。\n", channels="[website, weibo]")
    assert [(f.rule, f.match) for f in found] == [("meta.channels", "weibo")]


def test_wechat_needs_cover(site):
    found = check_text(site, "正文。\n", channels="[website, wechat]")
    assert [f.rule for f in found] == ["meta.channels"] and "封面" in found[0].message
    found = check_text(site, "正文。\n", channels="[website, wechat]", cover="nope.jpg")
    assert [f.rule for f in found] == ["meta.channels"] and "不存在" in found[0].message
    found = check_text(site, "正文。\n", channels="[website, wechat]", cover="../../../../etc/passwd")
    assert [f.rule for f in found] == ["meta.channels"] and "仓库内" in found[0].message


def test_path_and_slug(site):
    found = check_text(site, "正文。\n", rel="content/pfyfz/2026/推进会.md")
    assert [f.rule for f in found] == ["meta.path"]
    found = check_text(site, "正文。\n", rel="content/pfyfz/tuijinhui.md")
    assert "meta.path" in [f.rule for f in found]


def test_interprets_target_must_exist(site):
    found = check_text(site, "正文。\n", interprets="../../zcwj/2026/banfa.md")
    assert [f.rule for f in found] == ["meta.interprets"]
    site.write("content/zcwj/2026/banfa.md", "x")
    assert check_text(site, "正文。\n", interprets="../../zcwj/2026/banfa.md") == []


def test_withdrawn_needs_reason(site):
    found = check_text(site, "正文。\n", status="withdrawn")
    assert [f.rule for f in found] == ["meta.status", "meta.status"]
    ok = check_text(site, "正文。\n", status="withdrawn", withdrawn_reason="内容有误",
                    withdrawn_at='"2026-11-21 10:00"')
    assert ok == []


@pytest.mark.parametrize("number, ok", [("湛司发〔2026〕3号", True), ("湛司发[2026]3号", False),
                                        ("湛司发〔2026〕03号", False), ("湛司发【2026】3号", False)])
def test_doc_number(site, number, ok):
    found = check_text(site, "正文。\n", doc_number=number)
    assert [f.rule for f in found] == ([] if ok else ["meta.doc-number"])


def test_repost_block_needs_all_fields(site):
    """A missing field is repost.source's (第十一条), reported once; a wrong type is meta's."""
    found = check_text(site, "正文。\n", repost="\n  source_name: 广东省司法厅\n  published: 2026-11-18")
    assert [f.rule for f in found] == ["repost.source"] and "source_url" in found[0].message
    found = check_text(site, "正文。\n", repost="\n  source_name: [广东省司法厅]\n  source_url: https://sft.gd.gov.cn/a"
                                                  "\n  published: 2026-11-18")
    assert [f.rule for f in found] == ["meta.front-matter"] and "source_name" in found[0].message


@pytest.mark.parametrize("body", ["", "\n\n", "<!-- 在此下方撰写正文 -->\n\n", "  \n<!-- a -->\n<!-- b\n"])
def test_empty_body_is_an_error(site, body):
    found = meta(check_text(site, body))
    assert [r for r, _, _ in found] == ["meta.body"]


def test_body_with_only_a_picture_is_not_empty(site):
    assert all(r != "meta.body" for r, _, _ in meta(check_text(site, "![会议现场](a.jpg)\n")))


def test_withdrawn_article_is_not_checked_for_a_body(site):
    found = meta(check_text(site, "", status="withdrawn", withdrawn_reason="测试", withdrawn_at="2026-11-21 10:00"))
    assert all(r != "meta.body" for r, _, _ in found)


@pytest.mark.parametrize("title", ["**关于开展宪法宣传周活动的通知**", "关于*开展*活动", "# 关于开展活动",
                                   "关于开展`宪法`活动", "关于[活动](https://a.cn)", "关于<b>活动</b>"])
def test_markdown_in_title_is_refused(site, title):
    found = check_text(site, "正文。\n", title=f"'{title}'")
    assert [(f.rule, f.line) for f in found if f.rule == "meta.title"] == [("meta.title", 2)]
    assert "Markdown 标记" in next(f.message for f in found if f.rule == "meta.title")


@pytest.mark.parametrize("title", ["2026年第3*4期普法简报", "湛江市司法局召开会议"])
def test_plain_title_with_an_asterisk_between_digits_passes(site, title):
    assert all(f.rule != "meta.title" for f in check_text(site, "正文。\n", title=title))
