"""Output formats: JSON and SARIF valid against their schemas, GitHub annotations, exit codes."""

from __future__ import annotations

import json

import jsonschema
import pytest
from helpers import REPO

SARIF_SCHEMA = REPO / "tests/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"

FINDINGS_SCHEMA = {
    "type": "object",
    "required": ["findings"],
    "properties": {"findings": {"type": "array", "items": {
        "type": "object",
        "required": ["rule", "severity", "path", "line", "column", "end_line", "end_column", "message", "match"],
        "additionalProperties": False,
        "properties": {
            "rule": {"type": "string", "pattern": r"^[a-z]+\.[a-z0-9-]+$"},
            "severity": {"enum": ["error", "warning"]},
            "path": {"type": "string"},
            "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1},
            "end_line": {"type": "integer", "minimum": 1}, "end_column": {"type": "integer", "minimum": 1},
            "message": {"type": "string", "minLength": 1}, "match": {"type": "string"},
        }}}},
}


@pytest.fixture
def dirty(site):
    site.article("content/pfyfz/2026/a.md", body="身份证号：４４０８８１\u200b１９９００１０１１２３３。\n")
    site.article("content/pfyfz/2026/b.md", column="nosuch")
    site.article("content/pfyfz/2026/c.md", body="<!-- govpub: allow html.style 理由：x -->\n正文。\n")
    return site


def test_json_matches_the_design_shape(dirty):
    proc = dirty.run("check", "--format", "json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    jsonschema.validate(data, FINDINGS_SCHEMA)
    first = data["findings"][0]
    assert (first["path"], first["line"], first["column"], first["end_column"]) == (
        "content/pfyfz/2026/a.md", 10, 6, 6 + 19)
    assert first["match"] == "４４０８８１\u200b１９９００１０１１２３３"


def test_sarif_is_valid_and_carries_rule_help(dirty):
    assert SARIF_SCHEMA.is_file(), "run `make test` (it installs tests/node_modules with npm)"
    proc = dirty.run("check", "--format", "sarif")
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert {r["ruleId"] for r in results} == {"privacy.id-number", "meta.column", "meta.unused-suppression",
                                              "typo.invisible-char"}
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert next(r for r in rules if r["id"] == "privacy.id-number")["helpUri"] == \
        "https://sfj.zhanjiang.gov.cn/guide/rules/privacy.id-number/"
    help_text = next(r for r in rules if r["id"] == "privacy.id-number")["help"]["text"]
    assert "修改方法" in help_text and "第十二条" in next(
        r for r in rules if r["id"] == "privacy.id-number")["fullDescription"]["text"]


def test_sarif_fingerprints_are_stable_between_runs(dirty):
    a = json.loads(dirty.run("check", "--format", "sarif").stdout)
    b = json.loads(dirty.run("check", "--format", "sarif").stdout)
    fp = [r["partialFingerprints"] for r in a["runs"][0]["results"]]
    assert fp == [r["partialFingerprints"] for r in b["runs"][0]["results"]]


def test_github_annotations(dirty):
    proc = dirty.run("check", "--format", "github")
    lines = proc.stdout.splitlines()
    assert any(ln.startswith("::error file=content/pfyfz/2026/a.md,line=10,col=6,endLine=10,endColumn=25,"
                             "title=privacy.id-number 身份证号码::") for ln in lines)
    assert any(ln.startswith("::warning file=content/pfyfz/2026/c.md") for ln in lines)


def test_text_output_and_exit_codes(dirty, site):
    proc = dirty.run("check")
    assert proc.returncode == 1
    assert "content/pfyfz/2026/a.md:10:6 privacy.id-number 错误 完整的身份证号码" in proc.stdout
    assert "规则说明：https://sfj.zhanjiang.gov.cn/guide/rules/规则编号/" in proc.stdout
    assert "\033[" not in proc.stdout  # no colour when not a terminal
    only_warning = dirty.run("check", "content/pfyfz/2026/c.md")
    assert only_warning.returncode == 0 and "1 个警告" in only_warning.stdout


def test_bad_format_is_usage_error(site):
    proc = site.run("check", "--format", "xml")
    assert proc.returncode == 2 and "参数错误" in proc.stderr


def test_rules_command_explains_a_rule(site):
    proc = site.run("rules", "privacy.id-number")
    assert proc.returncode == 0 and "修改方法" in proc.stdout and "4408**********0029" in proc.stdout
