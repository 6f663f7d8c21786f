"""The drafters' path as a careless or hurried drafter walks it (eighth session): a pasted run of
one character, `govpub new` with odd titles, dates, folders and names, `govpub fix` on files it
must not break, pre-commit on renamed, deleted and outside files. Each test runs the real command
in a temporary repository and asserts what the drafter is told and what is (not) written."""

from __future__ import annotations

import json

import pytest
from helpers import article_text

ART = "content/pfyfz/2026/tuijinhui.md"


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "text"])
def test_a_pasted_run_is_capped_per_rule_in_every_format(site, fmt):
    """Thousands of 的 pasted into an article: JSON and SARIF carried every one of ~N findings (only
    the text output was capped) and a 100 KB paste took 46 s (typo.word compared each hit with
    every listed typo). Now 20 per rule per file in every format, the 20th saying how many more."""
    site.article(body="市司法局召开会议。" + "的" * 5000 + "\n当事人身份证号440881199001011233。\n")
    proc = site.run_here("check", "--format", fmt, ART)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    if fmt == "json":
        rules = [f["rule"] for f in json.loads(out)["findings"]]
    elif fmt == "sarif":
        rules = [r["ruleId"] for r in json.loads(out)["runs"][0]["results"]]
    elif fmt == "github":
        rules = [line.split("title=", 1)[1].split(" ", 1)[0] for line in out.splitlines()
                 if line.startswith(("::error", "::warning"))]
    else:
        rules = [line.split()[1] for line in out.splitlines() if line.startswith(ART + ":")]
    assert rules.count("typo.word") == 20
    assert "privacy.id-number" in rules  # not lost in the flood
    assert out.count("同类问题未列出") == 1
    assert len(rules) < 100  # was thousands


def test_the_count_of_what_is_not_listed_is_exact_below_the_hit_limit(site):
    site.article(body="市司法局召开会议。" + "的" * 61 + "\n")
    found = [f for f in site.findings(ART) if f["rule"] == "typo.word"]
    assert len(found) == 20
    assert found[-1]["message"].endswith("（另有 40 处同类问题未列出：先改正列出的这些，检查是否粘贴了大段重复的文字，再重新检查）")
    assert sorted((f["line"], f["column"]) for f in found) == [(f["line"], f["column"]) for f in found]


def test_twenty_of_a_kind_are_listed_without_a_count(site):
    body = "".join(f"第{i}项工作的的落实。\n" for i in range(20))
    site.article(body=body)
    found = [f for f in site.findings(ART) if f["rule"] == "typo.word"]
    assert len(found) == 20 and not any("未列出" in f["message"] for f in found)


def test_the_capped_article_is_still_refused_and_other_rules_still_report(site):
    site.write(ART, article_text(body="的" * 3000 + "\n联系电话13800138000。\n"))
    found = site.findings(ART)
    assert {"typo.word", "privacy.mobile"} <= {f["rule"] for f in found}


NEW = ("new", "--column", "gzdt", "--date", "2026-11-20 09:30", "--author", "王晓敏")


@pytest.mark.parametrize("title", ["湛江市司法局召开普法工作会议 ", "\u3000湛江市司法局召开普法工作会议\u3000", "湛江市司法局召开普法工作会议\t"])
def test_a_title_with_a_space_at_either_end_is_written_without_it(site, title):
    """Was title: '湛江市司法局召开普法工作会议 ' (quoted by YAML): check then flagged the two quotes
    as punct.ascii and told the drafter to run govpub fix, which made them ‘’ on the page (or, for a
    tab, refused the title as not one line)."""
    proc = site.run_here(*NEW, "--title", title)
    assert proc.returncode == 0, proc.stderr
    [article] = (site.root / "content/gzdt/2026").glob("*.md")
    assert "title: 湛江市司法局召开普法工作会议\n" in article.read_text("utf-8")
    assert not [f for f in site.findings(article.relative_to(site.root).as_posix()) if f["rule"] != "meta.body"]


def test_a_title_of_spaces_is_refused_and_nothing_is_written(site):
    proc = site.run_here(*NEW, "--title", "\u3000 ")
    assert proc.returncode == 2 and "标题是空的" in proc.stderr and "处理办法：用 --title 写上标题" in proc.stderr
    assert not list((site.root / "content").rglob("*.md"))


def test_yaml_quotes_around_a_title_are_not_punctuation_but_a_quote_inside_is(site):
    """title: '…' written by hand (or by an editor) is valid YAML; the quotes are not on the page.
    govpub fix turned them into ‘…’, which the page then showed."""
    text = article_text().replace("title: 湛江市司法局召开2026年度普法工作推进会",
                                  "title: '湛江市司法局召开2026年度普法工作推进会'")
    assert "title: '" in text
    site.write(ART, text)
    assert not [f for f in site.findings(ART) if f["rule"].startswith("punct.")]
    fixed = site.run_here("fix", ART)
    assert fixed.returncode == 0 and (site.root / ART).read_text("utf-8") == text
    site.write(ART, text.replace("推进会'", "推进会\"'", 1))
    assert [f["match"] for f in site.findings(ART) if f["rule"] == "punct.ascii"] == ['"']


def test_a_line_in_no_known_encoding_is_named_and_fix_leaves_the_file_alone(site):
    """A Latin-1 line (Café résumé pasted from an old mail program) in a UTF-8 article: was
    “无法识别文件编码” with no line; fix must not write what it cannot read back."""
    raw = article_text(body="市司法局召开会议。\n").encode() + "Café résumé\n".encode("latin-1")
    path = site.write(ART, raw)
    [finding] = site.findings(ART)
    assert finding["rule"] == "meta.file" and finding["message"].startswith("第 11 行起无法识别文件编码")
    assert "删除乱码后重新输入" in finding["message"]
    proc = site.run_here("fix", ART)
    assert proc.returncode == 0 and "跳过" in proc.stdout and path.read_bytes() == raw
