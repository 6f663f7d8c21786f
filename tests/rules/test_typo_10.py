"""Tenth round (issue #14): typo kinds behind corpus8's misses, found by comparing the article with itself
and with the registries rather than by listing wrong words.

Figures that do not compute (a rate, a change, parts over the total, a date range, 为期N天, a number of
groups, a five-year plan's ordinal); a law's name with a character replaced; a person addressed by a name
one character off the one introduced with that title, or called a party body's member and its secretary;
a law's anniversary; a fixed day 设立为 another date; 地 before a describing ABAC form; a word wrong only in
the legal field (when); a list of places with one item off; a term written two ways in one article.
Each catch is a wording in no word list; each trap is what a bureau writes every week.
"""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def typos(site, text: str, **front: str) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(f.rule, f.severity, f.match) for f in check_text(site, text, **front) if f.rule.startswith("typo.")]


def rules(site, text: str, **front: str) -> set[str]:  # noqa: ANN001
    return {r for r, _, _ in typos(site, text, **front)}


# -- typo.arithmetic -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "match"), [
    ("全年共受理公证申请300件，办结240件，办结率96%。", "办结率96%"),                       # 240/300 = 80%
    ("共排查纠纷1.5万宗，调解成功1.2万宗，调解成功率达99.1%。", "成功率达99.1%"),           # 80%
    ("今年共办理援助案件330件，比去年同期的300件同比增长25%。", "增长25%"),                  # 10%
    ("全县共有调解委员会210个，其中村级调委会180个、专业性调委会45个。", "180个、专业性调委会45个"),
    ("报名时间为2027年3月20日至3月2日。", "2027年3月20日至3月2日"),
    ("为期两天的集中轮训于6月3日至7日举行。", "为期两天"),
    ("局里抽调骨干组成5个督导组，分赴各县区。6个督导组将于月底前报送督导报告。", "6个督导组"),
    ("回顾“六五”普法规划（2021—2025年）的实施成效。", "六五"),
])
def test_figures_that_do_not_compute_are_caught(msite, text: str, match: str) -> None:
    assert ("typo.arithmetic", "warning", match) in typos(msite, text)


@pytest.mark.parametrize("text", [
    "全年共受理公证申请300件，办结240件，办结率80%。",
    "共排查纠纷1.8万宗，调解成功1.76万宗，调解成功率97.8%。",                   # rounded figures
    "共作出行政许可决定48.6万件，其中准予许可48.3万件，不予许可3100件。",          # 48.3万 + 3100 rounds to 48.6万
    "全县共有调解委员会210个，其中村级调委会180个。",                              # parts may be fewer
    "今年共办理援助案件330件，比去年同期的300件同比增长10%。",
    "集中办理时间为12月28日至1月5日。",                                             # into the next year
    "为期五天的培训于6月3日至7日举行。",
    "分成3个检查组开展检查，其中2个检查组负责市直部门。",
    "“八五”普法规划（2021—2025年）顺利收官，“十四五”规划（2021—2025年）目标完成。",
])
def test_figures_that_compute_pass(msite, text: str) -> None:
    assert "typo.arithmetic" not in rules(msite, text)


def test_men_and_women_are_counted_against_an_earlier_total(msite) -> None:
    text = "本次培训共150名网格员参加。\n\n学员中，男性90人、女性70人，平均年龄38岁。"
    assert ("typo.figures", "warning", "男性90人、女性70人") in typos(msite, text)
    assert "typo.figures" not in rules(msite, text.replace("女性70人", "女性60人"))


# -- typo.law-name, typo.term ----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "match"), [
    ("依照《中华人民共和国人民调停法》的规定。", "中华人民共和国人民调停法"),   # 调解 → 调停: no sound-alike
    ("宣讲法律援救法的主要内容。", "法律援救法"),
    ("《中华人民共和国反有组织罪犯法》明确规定。", "中华人民共和国反有组织罪犯法"),  # 犯罪 → 罪犯
])
def test_a_law_s_name_with_a_character_replaced_is_caught(msite, text: str, match: str) -> None:
    in_no_list(match)
    assert ("typo.law-name", "warning", match) in typos(msite, text)


@pytest.mark.parametrize("text", [
    "依照《中华人民共和国刑事诉讼法》和《中华人民共和国民事诉讼法》的规定。",  # two laws one character apart
    "依照《中华人民共和国海警法》开展执法。",                                    # a short name: not checked
    "保障劳动者合法权益。",                                                        # 者合 is no word
    "学习《中华人民共和国网络安全法》和《中华人民共和国数据安全法》。",
])
def test_registered_and_unlisted_laws_pass(msite, text: str) -> None:
    assert "typo.law-name" not in rules(msite, text)


def test_a_law_cited_as_a_regulation_with_its_last_word_left_out_is_caught(msite) -> None:
    text = "公安机关依据《中华人民共和国治安管理条例》作出处罚。"
    assert ("typo.term", "error", "中华人民共和国治安管理条例") in typos(msite, text)


@pytest.mark.parametrize("text", [
    "经核实，收费摊位不是我局组织的，我们已通报属地街道。",  # 局 + 组织的: no unit 组织部 mistyped
    "坚决严厉打击黑恶势力，绝不让其死灰复燃。",              # 死灰复燃 holds 灰复, no 恢复 mistyped
])
def test_organ_words_and_idioms_are_no_terms_mistyped(msite, text: str) -> None:
    assert "typo.term" not in rules(msite, text)


# -- typo.name-variant -----------------------------------------------------------------------------
def test_a_name_addressed_with_a_title_one_character_off_the_introduced_one_is_caught(msite) -> None:
    text = "县委常委、政法委书记罗志军出席会议。\n\n罗志勇书记要求，要压实安全生产责任。"
    in_no_list("罗志勇")
    assert ("typo.name-variant", "warning", "罗志勇") in typos(msite, text)


@pytest.mark.parametrize("text", [
    "县委常委、政法委书记罗志军出席会议。\n\n罗志军书记要求，要压实责任。",                # the same name
    "党支部书记罗志军、村委会主任罗志勇参加。罗志勇主任介绍了村里的情况。",              # introduced too
])
def test_the_same_name_and_two_introduced_people_pass(msite, text: str) -> None:
    assert "typo.name-variant" not in rules(msite, text)


def test_one_name_as_a_party_body_s_member_and_its_secretary_is_caught(msite) -> None:
    text = "局党组成员、副局长冯志华出席会议。\n\n局党组书记冯志华在讲话中要求，要抓好落实。"
    assert ("typo.name-variant", "warning", "党组书记") in typos(msite, text)
    assert "typo.name-variant" not in rules(msite, text.replace("局党组书记冯志华", "局党组成员冯志华"))


# -- typo.law-date, typo.numeral -------------------------------------------------------------------
def test_a_law_s_anniversary_is_checked_against_its_registered_year(msite) -> None:
    text = "今年是民法典颁布施行八周年，全市开展主题宣传。"  # adopted 2020: 2026 is the sixth
    assert ("typo.law-date", "warning", "八周年") in typos(msite, text)
    assert "typo.law-date" not in rules(msite, text.replace("八周年", "六周年"))
    assert "typo.law-date" not in rules(msite, "2024年是现行宪法公布施行42周年。")  # the sentence's year


def test_a_new_revision_adopted_on_its_day_passes(msite) -> None:
    text = "新修订的《中华人民共和国保守国家秘密法》于2024年2月27日通过，自2024年5月1日起施行。"
    assert "typo.law-date" not in rules(msite, text)


def test_a_fixed_day_set_on_another_date_is_caught(msite) -> None:
    text = "2015年，全国人大常委会决定将4月16日设立为全民国家安全教育日。"
    assert ("typo.numeral", "error", "4月16日") in typos(msite, text)


# -- typo.word -------------------------------------------------------------------------------------
def test_di_before_a_describing_abac_form_after_a_verb_is_caught(msite) -> None:
    text = "今年以来，各村的调解工作推进地有条有理，群众满意。"
    assert ("typo.word", "error", "地有条有理") in typos(msite, text)
    assert "typo.word" not in rules(msite, text.replace("地有条有理", "得有条有理"))


@pytest.mark.parametrize(("text", "bad"), [
    ("犯罪嫌疑人在侦察阶段委托了辩护律师。", True),
    ("侦察兵出身的他退伍后成为一名人民调解员。", False),   # the army's word
    ("民兵分队开展侦察训练。", False),                       # no legal word in the sentence
    ("依法由检查机关提起公诉。", True),
    ("市场监管部门作为检查机关开展执法检查。", False),
])
def test_a_word_of_another_field_is_wrong_beside_legal_words(msite, text: str, bad: bool) -> None:
    assert ("typo.word" in rules(msite, text)) is bad


# -- typo.place ------------------------------------------------------------------------------------
def test_a_list_of_places_with_an_item_one_sound_alike_character_off_is_caught(msite) -> None:
    text = "会上，湛江、茂名、云扶三市签订了协作协议。"  # 云浮
    in_no_list("云扶")
    assert ("typo.place", "error", "云扶") in typos(msite, text)


@pytest.mark.parametrize("text", [
    "会上，湛江、茂名、云浮三市签订了协作协议。",
    "陈阳、李江、王海参加了培训。",                 # people, no registered place among them
    "湛江、海口、北海三市开展协作。",               # other provinces' cities
])
def test_lists_of_right_places_and_of_people_pass(msite, text: str) -> None:
    assert "typo.place" not in rules(msite, text)


# -- typo.term-variant -----------------------------------------------------------------------------
def test_a_term_written_two_ways_in_one_article_is_caught(msite) -> None:
    text = "市司法局推进法律服务进园区。今年共走访企业80家，法律服务惠及职工3000余人，法律服物覆盖全部园区。"
    in_no_list("法律服物")
    assert ("typo.term-variant", "warning", "法律服物") in typos(msite, text)


@pytest.mark.parametrize("text", [
    "一审判决后，当事人提起上诉，二审判决维持原判。",                  # numerals differ on purpose
    "依法治国是党领导人民治理国家的基本方略。不能把“依法治国”写成“以法治国”。",  # a lesson's example
    "附城镇司法所工作人员走访了附城镇试点村。",                        # windows across words
])
def test_different_words_and_cited_examples_pass(msite, text: str) -> None:
    assert "typo.term-variant" not in rules(msite, text)
