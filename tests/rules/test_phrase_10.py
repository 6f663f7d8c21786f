"""Tenth round (issue #14): phrase kinds behind corpus8's misses.

A three-item formula that its fixed ending identifies (一体建设) with a later item replaced; a thought
named after the leader that is none of the registered names; 台湾、香港、澳门 listed with foreign countries
and summed up as 等外国. Each catch is a wording in no word list; each trap is a right local or quoted form.
"""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def phrases(site, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(f.rule, f.match) for f in check_text(site, text) if f.rule.startswith("phrase.")]


def test_a_three_item_formula_with_its_ending_and_a_later_item_replaced_is_caught(msite) -> None:
    text = "统筹推进法治国家、法治乡村、法治社会一体建设。"
    in_no_list("法治乡村、法治社会一体建设")
    assert ("phrase.canonical", "法治乡村") in phrases(msite, text)


@pytest.mark.parametrize("text", [
    "统筹推进法治国家、法治政府、法治社会一体建设。",
    "统筹推进法治湛江、法治政府、法治社会一体建设。",   # the first item made the place's own
    "开展法治乡村、法治社区、法治校园创建活动。",       # another list of the same pattern, no ending
])
def test_the_formula_and_its_local_form_pass(msite, text: str) -> None:
    assert [p for p in phrases(msite, text) if p[0] == "phrase.canonical"] == []


def test_a_thought_named_with_another_field_word_is_caught(msite) -> None:
    text = "深入学习习近平法制建设思想。"
    in_no_list("习近平法制建设思想")
    assert ("phrase.canonical", "习近平法制建设思想") in phrases(msite, text)


@pytest.mark.parametrize("text", [
    "深入学习习近平法治思想和习近平生态文明思想。",
    "深入学习贯彻习近平新时代中国特色社会主义思想。",
    "学习习近平总书记关于全面依法治国的重要思想。",   # 总书记…: no name of a thought
])
def test_registered_thoughts_pass(msite, text: str) -> None:
    assert [p for p in phrases(msite, text) if p[0] == "phrase.canonical"] == []


def test_taiwan_hong_kong_or_macao_summed_up_with_foreign_countries_is_caught(msite) -> None:
    text = "参会律师来自泰国、香港、马来西亚等外国。"
    assert any(r == "phrase.sovereignty" and "香港" in m for r, m in phrases(msite, text))
    assert phrases(msite, "参会律师来自香港、澳门等地。") == []


# b10: quoted items written one after another without 顿号 are still a list; a list missing an item with
# another item misspelt is still the formula missing an item
@pytest.mark.parametrize(("text", "wrong"), [
    ("要全面准确贯彻“一国两制”“港人治港”“澳人治澳”、完全自治的方针。", "完全自治"),
    ("要全面准确贯彻“一国两制”“港人治港”“澳人治澳”、全面自治的方针。", "全面自治"),
])
def test_quoted_items_back_to_back_are_a_list(msite, text, wrong) -> None:
    in_no_list(wrong)
    assert ("phrase.canonical", wrong) in phrases(msite, text)


def test_the_hong_kong_form_with_a_misspelt_item_is_caught(msite) -> None:
    text = "展览介绍了“一国两制”“港人治港”、高度自制的方针。"
    in_no_list("高度自制")
    assert phrases(msite, text) == [("phrase.canonical", "高度自制")]


@pytest.mark.parametrize("text", [
    "要全面准确贯彻“一国两制”“港人治港”“澳人治澳”、高度自治的方针。",
    "开展“法治进校园”“法治进社区”“法治进企业”活动。",
    "在“一国两制”“澳人治澳”、高度自治方针指引下，澳门经济社会发展取得显著成就。",  # Macao alone
    "香港回归以来，“一国两制”、“港人治港”、高度自治方针得到全面贯彻。",  # Hong Kong alone
    "坚持富强、民主、文明、和谐。",
])
def test_right_lists_with_quoted_items_stay_clean(msite, text) -> None:
    assert not phrases(msite, text)


# b10: a Taiwan organ named like a ministry of a state; a Taiwan trader going "to China"
@pytest.mark.parametrize(("text", "match"), [
    ("来自台湾的一位律师介绍了台湾法务部近年来推动的调解制度改革情况。", "台湾法务部"),
    ("他介绍了台湾卫生福利部的做法。", "台湾卫生福利部"),
    ("不少台商到中国投资后遇到合同和劳动用工问题。", "台商到中国"),
])
def test_taiwan_framed_as_a_state(msite, text, match) -> None:
    in_no_list("卫生福利部", "台商到中国")
    assert ("phrase.sovereignty", match) in phrases(msite, text)


@pytest.mark.parametrize("text", [
    "他介绍了台湾地区“法务部门”的做法。",
    "台湾南部遭受台风袭击，台湾俱乐部举办活动，台湾总部设在台北，台湾地区的青年干部。",
    "台湾导演的这部影片获奖，台湾是中国领土不可分割的一部分。",
    "台湾同胞到大陆投资，台商来祖国大陆投资兴业。",
])
def test_taiwan_places_and_right_forms_stay_clean(msite, text) -> None:
    assert not phrases(msite, text)
