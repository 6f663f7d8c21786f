"""phrase.*, issue #14 reconciled: rules-t6's categories in phrase6's code. A list item replaced by a word
sharing two characters with it is reported alone; a quoted slogan reordered; the verbs of “两个确立” and
“两个维护” as xinhua.yml data; 中华民国 split by spaces or symbols."""

from __future__ import annotations

import pytest
import yaml
from helpers import REPO, check_text

XINHUA = yaml.safe_load((REPO / "checks" / "wordlists" / "xinhua.yml").read_text(encoding="utf-8"))


def phrase(site, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(f.rule, f.match) for f in check_text(site, text) if f.rule.startswith("phrase.")]


@pytest.mark.parametrize(("text", "wrong"), [
    ("坚定历史自信、理论自信、制度自信、文化自信。", "历史自信"),               # first item, a verb before it
    ("统筹推进经济建设、政治建设、文化建设、社会建设、生态环境建设。", "生态环境建设"),  # last item, longer
    ("增强“政治意识、大局意识、核心意识、服务意识”。", "服务意识"),             # the list in quotes
])
def test_the_wrong_item_alone_is_the_match(msite, text: str, wrong: str) -> None:
    found = phrase(msite, text)
    assert found == [("phrase.canonical", wrong)]


def test_a_left_out_item_still_marks_the_list(msite) -> None:
    found = [f for f in check_text(msite, "倡导富强、民主、和谐、自由、平等。") if f.rule == "phrase.canonical"]
    assert found and all("、" in f.match for f in found), found


@pytest.mark.parametrize("text", [
    "全面深化改革、全面依法治国、全面从严治党、全面加强监督。",   # four items sharing 全面, no registered list
    "加强党的政治建设、思想建设、组织建设、作风建设、纪律建设，把制度建设贯穿其中。",
])
def test_lists_sharing_two_characters_with_a_formula_pass(msite, text: str) -> None:
    assert phrase(msite, text) == []


def test_a_slogan_in_single_quotes_reordered(msite) -> None:
    assert phrase(msite, "论坛围绕“共建‘一路一带’的法治保障”主题。") == [("phrase.canonical", "‘一路一带’")]
    assert phrase(msite, "论坛围绕“共建‘一带一路’的法治保障”主题。") == []


def test_the_two_slogans_verbs_are_data(msite) -> None:
    wrongs = {e["wrong"] for e in XINHUA["slogans"]}
    assert {"两个维护", "做到“两个确立”"} <= wrongs
    assert phrase(msite, "“两个维护”的决定性意义在于……") == [("phrase.substitution", "两个维护")]
    assert phrase(msite, "坚决做到“两个维护”，深刻领悟其决定性意义。") == []


@pytest.mark.parametrize("text", [
    "展板介绍了中 华 民 国时期的法律文书样式。",
    "展板介绍了中·华·民·国时期的法律文书样式。",
    "展板介绍了中 华民国时期的法律文书样式。",
])
def test_roc_split_by_spaces_or_symbols(msite, text: str) -> None:
    assert [r for r, _ in phrase(msite, text)] == ["phrase.sovereignty"]


@pytest.mark.parametrize("text", [
    "展板介绍了中华民国时期的法律文书样式。",        # history before 1949, written plainly
    "中 华 人 民 共 和 国成立七十五周年。",          # the PRC spaced out is no ROC
])
def test_history_and_the_prc_spaced_pass(msite, text: str) -> None:
    assert [r for r, _ in phrase(msite, text) if r == "phrase.sovereignty"] == []
