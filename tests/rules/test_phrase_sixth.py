"""phrase.*, sixth round: an enumerated slogan with one item replaced, a quoted slogan reordered,
two numbered slogans with each other's verbs. No wrong form is registered for the first two."""

from __future__ import annotations

import pytest
import yaml
from helpers import REPO, check_text

PHRASES = yaml.safe_load((REPO / "checks" / "wordlists" / "phrases.yml").read_text(encoding="utf-8"))
REGISTERED = " ".join(e if isinstance(e, str) else e["phrase"] for e in PHRASES["canonical"])


def phrase(site, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(f.rule, f.match) for f in check_text(site, text) if f.rule.startswith("phrase.")]


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("坚定道路自信、理论自信、制度自信、历史自信。", "历史自信", "文化自信"),
    ("要增强政治意识、大局意识、核心意识、服务意识。", "服务意识", "看齐意识"),
    ("统筹经济建设、政治建设、文化建设、社会建设、生态建设。", "生态建设", "生态文明建设"),
    ("协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。", "全面建成小康社会",
     "全面建设社会主义现代化国家"),
    ("增强政治意识、大局意识、忧患意识、看齐意识，", "忧患意识", "核心意识"),  # a middle item
])
def test_an_enumerated_slogan_with_one_item_replaced_is_caught(msite, text: str, wrong: str, right: str) -> None:
    assert wrong not in REGISTERED
    found = [f for f in check_text(msite, text) if f.rule.startswith("phrase.")]
    assert [(f.rule, f.match) for f in found] == [("phrase.canonical", wrong)], found
    assert f"“{wrong}”应为“{right}”" in found[0].message


@pytest.mark.parametrize("text", [
    "加强政治建设、思想建设、组织建设、作风建设、纪律建设。",          # another slogan
    "强化责任意识、服务意识、法治意识、安全意识。",                    # an everyday list
    "坚定道路自信、理论自信、制度自信、文化自信，增强政治意识、大局意识、核心意识、看齐意识。",
    "坚定道路自信、理论自信、制度自信。",                              # three of four: a shorter list
    "经济建设、政治建设、文化建设、社会建设、生态文明建设和党的建设。",
])
def test_other_lists_and_right_slogans_pass(msite, text: str) -> None:
    assert phrase(msite, text) == []


def test_a_quoted_slogan_reordered_is_caught(msite) -> None:
    assert "一路一带" not in REGISTERED
    assert phrase(msite, "律师积极参与“一路一带”法律服务。") == [("phrase.canonical", "“一路一带”")]
    assert phrase(msite, "律师积极参与“一带一路”法律服务，讲好“两个确立”。") == []


def test_numbered_slogans_with_each_others_verbs(msite) -> None:
    found = phrase(msite, "深刻领悟“两个维护”的决定性意义，坚决做到“两个确立”。")
    assert {r for r, _ in found} == {"phrase.substitution"} and len(found) == 2
    assert phrase(msite, "深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”。") == []
