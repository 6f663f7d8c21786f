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
