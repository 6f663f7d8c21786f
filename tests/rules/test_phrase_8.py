"""Eighth round (issue #14): phrase categories behind corpus6's misses, found by structure.

A quoted numbered slogan with a word put in or one homophone (“两个坚决维护”), checked against the
registered slogans; 中 set beside 港澳台 as peers (中港澳三地); a bare 台湾/香港/澳门 among foreign
names before 等国家和地区; a state leader's surname alone before his title (generated from
xinhua.yml state_leaders); 解放前/建国后 in place of 新中国成立前/后. Each catch is a wording in no
word list; each trap is what a bureau writes every week.
"""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def phrases(site, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(f.rule, f.match) for f in check_text(site, text) if f.rule.startswith("phrase.")]


@pytest.mark.parametrize(("text", "wrong"), [
    ("全体干部要做到“两个坚决维护”。", "“两个坚决维护”"),
    ("深刻领悟“两个必须确立”的决定性意义。", "“两个必须确立”"),
    ("坚定“四个自心”，增强斗争本领。", "“四个自心”"),          # one near homophone
])
def test_a_registered_numbered_slogan_one_word_off_is_caught(msite, text: str, wrong: str) -> None:
    in_no_list(wrong.strip("“”"))
    assert ("phrase.canonical", wrong) in phrases(msite, text)


@pytest.mark.parametrize("text", [
    "牢记“三个务必”，落实“两个责任”，坚持“两个毫不动摇”。",   # other slogans, not one word off
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",       # written right
])
def test_other_and_correct_numbered_slogans_pass(msite, text: str) -> None:
    assert phrases(msite, text) == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("中港澳律师联合举办跨境婚姻家事法律讲座。", "中港澳律师"),
    ("促进中台两地青年交流。", "中台两地"),
    ("来自中澳台三地的学者参加研讨。", "中澳台三地"),
])
def test_zhong_beside_hong_kong_macao_taiwan_as_peers_is_caught(msite, text: str, wrong: str) -> None:
    in_no_list(wrong)
    assert ("phrase.sovereignty", wrong) in phrases(msite, text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("调解中心受理了来自印度尼西亚、台湾、越南等国家和地区的商事纠纷。", "台湾、越南等国家和地区"),
    ("合作律所分布在英国、香港等国家和地区。", "香港等国家和地区"),
])
def test_a_bare_region_among_countries_is_caught(msite, text: str, wrong: str) -> None:
    assert ("phrase.sovereignty", wrong) in phrases(msite, text)


@pytest.mark.parametrize("text", [
    "合作律所分布在英国、中国香港等国家和地区。",
    "合作律所分布在英国、香港特别行政区等国家和地区。",
    "中澳合作办学项目签约；粤港澳大湾区建设加快推进。",   # Australia; the Greater Bay Area
])
def test_regions_named_right_and_other_zhong_pairs_pass(msite, text: str) -> None:
    assert phrases(msite, text) == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("会上传达了习总书记重要指示精神。", "习总书记"),
    ("赵委员长在座谈会上讲话。", "赵委员长"),
])
def test_a_state_leaders_surname_before_his_title_is_caught(msite, text: str, wrong: str) -> None:
    in_no_list(wrong)
    assert ("phrase.substitution", wrong) in phrases(msite, text)


@pytest.mark.parametrize("text", [
    "要认真学习总书记重要讲话精神。",           # 学习 + 总书记
    "全体官兵牢记习主席训词。",                 # the forces' usage
    "律师协会王主席主持会议，赵委员宣读决定。",  # a two-character name's surname, another title
])
def test_other_titles_and_the_forces_usage_pass(msite, text: str) -> None:
    assert [w for r, w in phrases(msite, text) if r == "phrase.substitution"] == []


def test_liberation_as_an_era_is_flagged_but_a_citys_liberation_is_not(msite) -> None:
    assert ("phrase.caution", "解放后") in phrases(msite, "他解放后一直在村里务农。")
    assert phrases(msite, "湛江解放前夕，工人们组织护厂队。") == []
    assert phrases(msite, "1949年解放前，这里是一片荒滩。") == []
