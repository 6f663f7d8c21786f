"""Issue #14, phrase.*: sovereignty framings and fixed slogans caught by their structure."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list, rules


def phrase(site, body: str) -> set[str]:  # noqa: ANN001
    return rules(check_text(site, body + "\n"), "phrase")


@pytest.mark.parametrize("body", [
    "代表团先后访问了泰国、越南和台湾，三国的调解制度各有特点。",
    "香港、新加坡与日本等几个国家的仲裁机构派员参会。",
    "律师协会与澳门、葡萄牙两国的同行签订合作备忘录。",
])
def test_taiwan_hong_kong_macao_counted_as_countries(site, body):
    assert phrase(site, body) == {"phrase.sovereignty"}


@pytest.mark.parametrize("body", [
    "代表团先后访问了泰国、越南和我国台湾地区，三地的调解制度各有特点。",
    "香港、澳门回归以来，中英、中葡两国政府的联合声明得到切实履行。",
    "香港和澳门的律师参加了三国演义主题的法治文化展览。",
])
def test_counted_regions_and_bilateral_countries_pass(site, body):
    assert phrase(site, body) == set()


def test_reordered_slogan_with_a_fixed_tail(site):
    wrong = "坚持人民当家作主、党的领导、依法治国有机统一。"
    in_no_list(wrong.rstrip("。"))
    assert phrase(site, wrong) == {"phrase.canonical"}
    assert phrase(site, "坚持党的领导、人民当家作主、依法治国有机统一。") == set()


def test_state_title_is_one_error_not_an_error_and_a_caution(site):
    found = [f for f in check_text(site, "中华民国外交部发表谈话。\n") if f.rule.startswith("phrase.")]
    assert [f.rule for f in found] == ["phrase.sovereignty"]
    history = [f.rule for f in check_text(site, "1912年中华民国成立。\n") if f.rule.startswith("phrase.")]
    assert history == []
