"""Reading articles: encodings, broken front matter, unknown columns, unsafe files."""

from __future__ import annotations

import os

from helpers import article_text


def rules_at(findings: list[dict]) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in findings]


def test_clean_article_passes(site):
    site.article()
    proc = site.run("check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "检查了 1 篇文章：0 个错误，0 个警告" in proc.stdout


def test_gbk_file_is_reported_and_still_checked(site):
    text = article_text(body="身份证号440881199001011233。\n")
    site.write("content/pfyfz/2026/gbk.md", text.encode("gbk"))
    findings = site.findings()
    assert ("meta.encoding", 1) in rules_at(findings)
    enc = next(f for f in findings if f["rule"] == "meta.encoding")
    assert "GBK" in enc["message"] and "govpub fix" in enc["message"]
    # the body was decoded and checked all the same
    assert any(f["rule"] == "privacy.id-number" and f["line"] == 10 for f in findings)


def test_bom_is_reported(site):
    site.write("content/pfyfz/2026/bom.md", b"\xef\xbb\xbf" + article_text().encode())
    findings = site.findings()
    assert rules_at(findings) == [("meta.encoding", 1)]
    assert "BOM" in findings[0]["message"]


def test_crlf_is_accepted_and_columns_stay_right(site):
    text = article_text(body="第一行。\n当事人身份证号440881199001011233。\n").replace("\n", "\r\n")
    site.write("content/pfyfz/2026/crlf.md", text.encode())
    findings = site.findings()
    assert [(f["rule"], f["line"], f["column"], f["match"]) for f in findings] == [
        ("privacy.id-number", 11, 8, "440881199001011233")]


def test_malformed_yaml_names_the_line(site):
    text = "---\ntitle: 标题\ncolumn pfyfz\ndepartment: 普法与依法治理科\n---\n正文。\n"
    site.write("content/pfyfz/2026/bad.md", text)
    findings = site.findings()
    fm = [f for f in findings if f["rule"] == "meta.front-matter"]
    assert fm and fm[0]["line"] in (3, 4)
    assert "YAML" in fm[0]["message"] and "冒号" in fm[0]["message"]


def test_missing_front_matter(site):
    site.write("content/pfyfz/2026/none.md", "湛江市司法局召开会议。\n")
    findings = site.findings()
    assert rules_at(findings)[0] == ("meta.front-matter", 1)
    assert "govpub new" in findings[0]["message"]


def test_duplicate_key_is_an_error(site):
    site.write("content/pfyfz/2026/dup.md", article_text().replace("author: 王晓敏", "author: 王晓敏\nauthor: 李明"))
    fm = [f for f in site.findings() if f["rule"] == "meta.front-matter"]
    assert fm and "重复" in fm[0]["message"] and fm[0]["line"] == 6


def test_unknown_column_lists_the_registered_ones(site):
    site.article("content/gzdongtai/2026/x.md", column="gzdongtai")
    findings = site.findings()
    col = [f for f in findings if f["rule"] == "meta.column"]
    assert len(col) == 1 and col[0]["line"] == 3 and col[0]["match"] == "gzdongtai"
    assert "gzdt（工作动态）" in col[0]["message"]


def test_one_broken_file_never_stops_the_others(site):
    site.write("content/pfyfz/2026/a-broken.md", "---\ntitle: [unclosed\n---\n")
    site.write("content/pfyfz/2026/b-binary.md", b"PK\x03\x04\x00\x00binary")
    site.article("content/pfyfz/2026/c-good.md", body="身份证号440881199001011233\n")
    findings = site.findings()
    by_file = {f["path"].rsplit("/", 1)[1]: f["rule"] for f in findings}
    assert by_file["a-broken.md"] == "meta.front-matter"
    assert by_file["b-binary.md"] == "meta.file"
    assert by_file["c-good.md"] == "privacy.id-number"


def test_huge_file_is_refused_without_reading_it_as_text(site):
    site.write("content/pfyfz/2026/huge.md", article_text(body="很长的正文。\n" * 120_000))
    findings = site.findings()
    assert rules_at(findings) == [("meta.file", 1)]
    assert "1 MB" in findings[0]["message"]


def test_symlink_out_of_the_repo_is_refused(site, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(article_text(body="身份证号440881199001011233\n"), encoding="utf-8")
    link = site.root / "content/pfyfz/2026/link.md"
    link.parent.mkdir(parents=True)
    os.symlink(outside, link)
    findings = site.findings()
    assert rules_at(findings) == [("meta.file", 1)]
    assert "仓库之外" in findings[0]["message"]


def test_path_outside_content_is_a_usage_error(site):
    site.write("README.md", "# 说明\n")
    proc = site.run("check", "README.md")
    assert proc.returncode == 2
    assert "README.md" in proc.stderr and "content/" in proc.stderr


def test_missing_path_is_a_usage_error(site):
    proc = site.run("check", "content/nope.md")
    assert proc.returncode == 2 and "文件不存在" in proc.stderr


# -- editing front matter (govpub retract) -----------------------------------------------
def test_set_fields_keeps_comments_order_and_replaces_in_place():
    from govpub.content.article import parse, set_fields

    text = ("---\ntitle: 通知  # 标题\nstatus: draft   # 草稿\ncolumn: tzgg\n# 结尾注释\n---\n正文 status: x\n")
    out = set_fields("a.md", text, {"status": "withdrawn", "withdrawn_reason": "信息有误: 重发", "withdrawn_at": "2026-12-04 10:00"})
    assert out.startswith("---\ntitle: 通知  # 标题\nstatus: withdrawn   # 草稿\ncolumn: tzgg\n# 结尾注释\n")
    assert out.endswith("---\n正文 status: x\n")  # the body is never touched
    meta = parse("a.md", out).meta
    assert meta["status"] == "withdrawn" and meta["withdrawn_reason"] == "信息有误: 重发"
    assert meta["withdrawn_at"] == "2026-12-04 10:00" and meta["title"] == "通知"


def test_set_fields_replaces_empty_and_block_values_and_keeps_crlf():
    from govpub.content.article import parse, set_fields

    text = "---\r\nstatus:\r\nwithdrawn_reason:\r\n  - 旧理由\r\ntitle: 通知\r\n---\r\n正文\r\n"
    out = set_fields("a.md", text, {"status": "withdrawn", "withdrawn_reason": "重发", "withdrawn_at": "t"})
    meta = parse("a.md", out).meta
    assert meta == {"status": "withdrawn", "withdrawn_reason": "重发", "title": "通知", "withdrawn_at": "t"}
    assert "\n" not in out.replace("\r\n", "")


def test_set_fields_refuses_a_broken_front_matter():
    import pytest

    from govpub.content.article import set_fields
    from govpub.errors import GovpubError

    with pytest.raises(GovpubError, match="front matter"):
        set_fields("a.md", "---\ntitle: [未闭合\n---\n", {"status": "withdrawn"})
    with pytest.raises(GovpubError, match="front matter"):
        set_fields("a.md", "没有 front matter\n", {"status": "withdrawn"})
