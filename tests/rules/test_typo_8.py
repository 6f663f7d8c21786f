"""Eighth round (issue #14): typo categories behind corpus6's misses, found by structure.

A character written three times beside a word (认认真真真); a two-character word doubled when it is
not a reduplicating verb (提高提高); 的 inside a verb-complement word (看的见) and between a describing
idiom and a verb (竭尽全力的维护); short terms of official writing one homophone off (杜决), generated
from the correct forms, with names and law titles left alone. Each catch is a wording in no word list;
each trap is what a bureau writes every week.
"""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def typos(site, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(f.rule, f.match) for f in check_text(site, text) if f.rule.startswith("typo.")]


@pytest.mark.parametrize(("text", "wrong"), [
    ("司法所要仔仔细细细核对社区矫正对象的报到材料。", "细细细"),        # AABB with the last character again
    ("各调解委员会要依依法法法律规定受理纠纷。", "法法法"),            # 法 joins 律 after the run
    ("党员干部要切实维护护护群众合法权益。", "护护护"),                  # 维护 before the run
    ("要求各单位认真整改改改到位。", "改改改"),                          # 整改 before the run
])
def test_a_character_written_three_times_beside_a_word_is_caught(msite, text: str, wrong: str) -> None:
    in_no_list(wrong)
    assert ("typo.word", wrong) in typos(msite, text)


@pytest.mark.parametrize("text", [
    "听完讲座，孩子们笑得“哈哈哈”，连说“好好好”。",   # sounds and answers (typos.yml sounds)
    "“双十一”到了，买买买之前先看看反诈提示。",         # a lone verb said three times, no word beside it
    "编号为一一一号的案卷已归档。",                      # numerals
])
def test_sounds_numerals_and_slogans_said_three_times_pass(msite, text: str) -> None:
    assert typos(msite, text) == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("要进一步完善完善矛盾纠纷多元化解机制。", "完善完善"),
    ("切实提升提升基层法律服务能力。", "提升提升"),
    ("全面推动推动普法责任制落实。", "推动推动"),
])
def test_an_official_verb_written_twice_is_caught(msite, text: str, wrong: str) -> None:
    in_no_list(wrong)
    assert ("typo.word", wrong) in typos(msite, text)


@pytest.mark.parametrize("text", [
    "这个方案大家再研究研究，下周讨论讨论。",      # reduplicating verbs (typos.yml reduplicable)
    "工作人员一个一个地核对，一遍一遍地讲解。",    # counting words
    "他们的的确确做到了依法办事。",                 # AA forms, not an AB word
])
def test_reduplication_and_counting_pass(msite, text: str) -> None:
    assert [w for r, w in typos(msite, text) if r == "typo.word"] == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("调解工作要做到当事人信的过、靠得住。", "信的过"),
    ("普法宣传要让群众听的懂、记得住。", "听的懂"),
    ("重点人员要稳的住、管得好。", "稳的住"),
])
def test_de_inside_a_verb_and_its_complement_is_caught(msite, text: str, wrong: str) -> None:
    in_no_list(wrong)
    assert ("typo.word", wrong) in typos(msite, text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("窗口人员想方设法的解决群众诉求。", "想方设法的解决"),
    ("全体干警坚定不移的贯彻落实上级部署。", "坚定不移的贯彻"),
    ("律师团队兢兢业业的做好法律援助。", "兢兢业业的做好"),
])
def test_de_between_a_describing_idiom_and_a_verb_is_caught(msite, text: str, wrong: str) -> None:
    in_no_list(wrong)
    assert ("typo.word", wrong) in typos(msite, text)


@pytest.mark.parametrize("text", [
    "他以锲而不舍的精神办案，体现了实事求是的态度。",   # a noun after the idiom's 的
    "他看的见解材料放在桌上，他管的住房已经登记。",     # the complement begins a word
    "群众看得见、用得上，问题找得到、办得成。",         # written right
])
def test_de_after_idioms_and_verbs_that_is_right_passes(msite, text: str) -> None:
    assert [w for r, w in typos(msite, text) if r == "typo.word"] == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("对违法违纪行为坚决杜决、严肃查处。", "杜决"),
    ("依法严励打击非法集资。", "严励"),
    ("各级调解组织要认真履形调解职责。", "履形"),
])
def test_official_short_terms_one_homophone_off(msite, text: str, wrong: str) -> None:
    found = typos(msite, text)
    assert any(w == wrong or wrong in w for _, w in found), found


@pytest.mark.parametrize("text", [
    "| 周一 | 郑明辉 |",                                     # a name in a duty table, not 证明
    "由严丽同志负责联络。",                                 # a name before 同志, not 严厉
    "引导各族群众铸牢中华民族共同体意识。",                 # 铸牢 is a word
    "学习《中华人民共和国行政复议法》。",                   # correct law title
])
def test_names_and_words_near_short_terms_pass(msite, text: str) -> None:
    assert [w for r, w in typos(msite, text) if r == "typo.term"] == []


def test_counties_of_neighbouring_cities_are_registered_places(msite) -> None:
    # 高州市 is one character off 雷州市; registered (places.yml, 茂名市) it is a right name
    assert typos(msite, "湛江、茂名两市司法局在高州市签订协作协议，化州市、阳春市参加。") == []
    assert ("typo.place", "雷洲市") in typos(msite, "雷洲市司法局开展活动。")


@pytest.mark.parametrize(("text", "wrong"), [
    ("纠错率为百分之7.5。", "百分之7.5"),
    ("事故率控制在千分之2以内。", "千分之2"),
    ("累计服务群众8千多人。", "8千多"),
    ("补贴标准为每人3百元。", "3百"),
])
def test_chinese_and_arabic_numerals_mixed_in_one_number(msite, text: str, wrong: str) -> None:
    assert ("typo.numeral", wrong) in typos(msite, text)


def test_units_and_wan_with_digits_pass(msite) -> None:
    assert typos(msite, "健步行全程5千米，重2千克，参与3万人次，经费1.5亿元。") == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("要一张蓝图绘到低，久久为功。", "一张蓝图绘到低"),      # 低/底
    ("牢记前事不忘后事之狮。", "前事不忘后事之狮"),          # 狮/师
    ("把权利关进制度的笼子里。", "把权利关进制度的笼子"),    # 利/力
])
def test_a_long_saying_one_homophone_off_is_caught(msite, text: str, wrong: str) -> None:
    in_no_list(wrong)
    assert ("typo.term", wrong) in typos(msite, text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("依据《中华人民共和国律师法》第六十二条规定。", "第六十二条"),        # 律师法 has 60
    ("对照《家庭教育促进法》第五十八条。", "第五十八条"),                  # 55, short title
])
def test_an_article_beyond_a_laws_last_is_caught(msite, text: str, wrong: str) -> None:
    assert ("typo.numeral", wrong) in typos(msite, text)


def test_an_article_within_the_law_passes(msite) -> None:
    assert typos(msite, "依据《中华人民共和国律师法》第六十条和《家庭教育促进法》第五十五条。") == []
