"""Every rule carries its documentation: id, title, article, and the four sections."""

from __future__ import annotations

import re

import pytest
from helpers import REPO

from govpub.output.rule_docs import SECTIONS, sources
from govpub.rules import all_rules

RULES = all_rules()


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_is_documented(rule_id):
    cls = RULES[rule_id]
    doc = cls.__doc__ or ""
    positions = [doc.find(s) for s in SECTIONS]
    assert all(p > 0 for p in positions) and positions == sorted(positions), f"{rule_id}: sections missing or out of order"
    assert re.match(r"第[一二三四五六七八九十]+条", cls.article)
    family, name = rule_id.split(".")
    module = REPO / "govpub/rules" / family / f"{name.replace('-', '_')}.py"
    assert module.is_file(), f"{rule_id} must live in {module.relative_to(REPO)}"
    assert cls.__module__ == f"govpub.rules.{family}.{name.replace('-', '_')}"


def test_pages_are_generated_for_every_rule(site, tmp_path):
    out = tmp_path / "pages"
    proc = site.run("rules", "--pages", str(out))
    assert proc.returncode == 0, proc.stderr
    index = (out / "index.md").read_text(encoding="utf-8")
    for rule_id, cls in RULES.items():
        text = (out / f"{rule_id}.md").read_text(encoding="utf-8")
        assert text.startswith(f"# {rule_id}：{cls.title}")
        assert all(s in text for s in SECTIONS) and f"govpub: allow {rule_id}" in text
        assert f"[{rule_id}]({rule_id}.md)" in index
    assert "可自动修正 |" in (out / "punct.ascii.md").read_text(encoding="utf-8")
    assert "是，运行 `govpub fix`" in (out / "punct.ascii.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_id_leads_to_code_and_tests(rule_id):
    """From a rule id a newcomer finds its code, its data and its tests (`govpub rules ID` lists them):
    every rule has a test or labelled case that names its id, and every path listed exists."""
    text = sources(RULES[rule_id])
    assert "- 测试和标注语料：" in text, f"no test or labelled case names {rule_id}"
    paths = re.findall(r"`([^`]+)`", text)
    assert paths[0] == f"govpub/rules/{rule_id.replace('.', '/').replace('-', '_')}.py"
    assert all((REPO / p).exists() for p in paths), [p for p in paths if not (REPO / p).exists()]


def test_rules_command_shows_where_a_rule_lives(site):
    proc = site.run("rules", "privacy.id-number")
    assert proc.returncode == 0, proc.stderr
    assert "- 代码：`govpub/rules/privacy/id_number.py`" in proc.stdout
    assert "tests/rules/test_privacy.py" in proc.stdout
