"""Every rule carries its documentation: id, title, article, and the four sections."""

from __future__ import annotations

import re

import pytest
from helpers import REPO

from govpub.output.rule_docs import SECTIONS
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
