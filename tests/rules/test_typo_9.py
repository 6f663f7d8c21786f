"""Ninth round (issue #14): typo categories behind corpus7's misses, found by structure and registries.

A person's name written two ways in one article (no registry: the article is its own reference); a
cited article beyond a registered regulation's length; a 《》 title whose kind of document is one
character off (通侧) or a law's implementing regulation with another ending; capital numerals outside
money; a unit's name after an organ's with any character wrong; a law's date that the registry holds
for another event (or none). Each catch is a wording in no word list; each trap is what a bureau
writes every week.
"""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def typos(site, text: str) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(f.rule, f.severity, f.match) for f in check_text(site, text) if f.rule.startswith("typo.")]


@pytest.mark.parametrize(("text", "wrong"), [
    ("局长梁志坚出席并讲话。梁志坚强调，要压实责任。梁智坚要求，各所要抓好落实。", "梁智坚"),
    ("调解员许文瀚介绍了案情。许文翰表示，双方已经达成协议。许文瀚说，下一步将跟踪回访。", "许文翰"),
    ("由公证员钟晓琳办理。钟晓林指出，遗嘱公证要本人到场。钟晓琳提醒，请提前预约。", "钟晓林"),
])
def test_a_name_written_two_ways_is_caught_without_a_registry(msite, text: str, wrong: str) -> None:
    in_no_list(wrong)
    assert ("typo.name-variant", "warning", wrong) in typos(msite, text)


@pytest.mark.parametrize("text", [
    "王建国、王建华两位调解员参加培训。王建国表示收获很大，王建华说将学以致用。",  # two people
    "林志明指出，要加强普法。林志明要求，各单位要抓好落实。",                      # one name, one way
    "陈晓东介绍，全市共有人民调解员5000余名。陈晓冬季将组织轮训。",            # 冬季 is a word after the name
])
def test_two_people_and_one_name_pass(msite, text: str) -> None:
    assert [t for t in typos(msite, text) if t[0] == "typo.name-variant"] == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("依照《信访工作条例》第五十五条，对拒不履行的，可以依法处理。", "第五十五条"),
    ("《保障农民工工资支付条例》第七十条规定了施行日期。", "第七十条"),
])
def test_an_article_beyond_a_registered_regulation_is_caught(msite, text: str, wrong: str) -> None:
    assert ("typo.numeral", "error", wrong) in typos(msite, text)


def test_a_province_s_own_regulation_is_not_the_state_s(msite) -> None:
    assert typos(msite, "依照《广东省法律援助条例》第四十条的规定办理。") == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("印发《全市普法工作考核办发》。", "办发"),
    ("严格执行《人民调解员行为守责》。", "守责"),
    ("认真落实《关于做好岁末年初矛盾纠纷排查工作的通之》。", "通之"),
])
def test_a_title_s_kind_of_document_one_character_off_is_caught(msite, text: str, wrong: str) -> None:
    in_no_list(wrong)
    assert ("typo.term", "error", wrong) in typos(msite, text)


@pytest.mark.parametrize("text", [
    "编印《社区矫正工作手册》《法治湛江建设纪实》《民法典进万家读本》。",
    "学习《习近平法治思想学习纲要》和《国家安全知识百问》。",
    "转发《关于加强公共法律服务体系建设的意见》和《湛江市法治政府建设实施方案》。",
])
def test_titles_ending_with_words_and_right_kinds_pass(msite, text: str) -> None:
    assert typos(msite, text) == []


def test_an_implementing_regulation_with_another_ending_is_caught(msite) -> None:
    found = typos(msite, "依据《中华人民共和国行政复议法实施办法》第十条提出申请。")
    assert [(r, s) for r, s, _ in found] == [("typo.term", "error")]
    assert typos(msite, "依据《中华人民共和国行政复议法实施条例》第十条提出申请。") == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("本办法有效期肆年。", "肆"),
    ("第柒条　调解协议自双方签字之日起生效。", "柒"),
    ("全年共举办培训玖次。", "玖"),
])
def test_capital_numerals_outside_money_are_caught(msite, text: str, wrong: str) -> None:
    assert ("typo.numeral", "error", wrong) in typos(msite, text)


@pytest.mark.parametrize("text", [
    "借款本金人民币伍仟元整，利息另计。",
    "收到公证费（大写）叁佰元。",
    "伍家村调解委员会、陆丰市司法局、队伍建设、大陆架、收拾行李、放肆。",
])
def test_capital_numerals_in_money_and_words_pass(msite, text: str) -> None:
    assert [t for t in typos(msite, text) if t[0] == "typo.numeral"] == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("材料请交县司法局政治剖。", "政治剖"),
    ("材料请寄区司法局公证泸。", "公证泸"),
])
def test_a_unit_name_after_an_organ_with_a_wrong_character_is_caught(msite, text: str, wrong: str) -> None:
    in_no_list(wrong)
    assert ("typo.term", "error", wrong) in typos(msite, text)


def test_things_and_other_levels_of_an_organ_pass(msite) -> None:
    text = "市司法局办公楼、县司法局执法车和省司法厅公共法律服务管理处，区司法局办公会研究了方案。"
    assert typos(msite, text) == []


@pytest.mark.parametrize(("text", "event"), [
    ("《中华人民共和国社区矫正法》于2020年7月1日通过。", "通过"),           # that day it entered into force
    ("该法于2019年12月28日起施行。前文：《中华人民共和国社区矫正法》", None),  # no law before 该法
    ("民法典自2020年5月28日起施行，群众生活处处有法。", "施行"),
])
def test_a_law_s_date_of_another_event_is_caught(msite, text: str, event: str | None) -> None:
    found = [t for t in typos(msite, text) if t[0] == "typo.law-date"]
    if event is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0][1] == "warning" and event in found[0][2]


def test_right_law_dates_and_other_subjects_pass(msite) -> None:
    text = ("《中华人民共和国民法典》于2020年5月28日通过，自2021年1月1日起施行。"
            "宪法宣誓制度是2015年7月全国人大常委会通过决定建立的。行政复议法于2023年修订。")
    assert [t for t in typos(msite, text) if t[0] == "typo.law-date"] == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("会议要求：一是压实责任；二是细化措施；二是强化督查。", "二是"),
    ("1、提交申请\n2、材料审核\n4、作出决定\n", "4、"),
    ("（1）身份证明；\n（3）收入证明；\n", "（3）"),
])
def test_an_ordinal_skipped_or_repeated_is_caught(msite, text: str, wrong: str) -> None:
    found = [(r, s, m) for r, s, m in typos(msite, text) if r == "typo.sequence"]
    assert len(found) == 1 and found[0][1] == "warning" and found[0][2] in wrong


def test_restarted_lists_and_markdown_numbering_pass(msite) -> None:
    text = ("一、总体要求\n\n（一）目标。\n\n（二）原则。\n\n二、主要任务\n\n（一）普法。\n\n"
            "1. 第一项\n1. 第二项\n1. 第三项\n\n他说，二是关键，一是基础。")
    assert [t for t in typos(msite, text) if t[0] == "typo.sequence"] == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("贰拾万元整（¥200,500.00）", "贰拾万元整（¥200,500.00）"),
    ("¥4,800元（大写：肆仟伍佰元整）", "¥4,800元（大写：肆仟伍佰元整）"),
])
def test_capital_and_figure_amounts_that_disagree_are_caught(msite, text: str, wrong: str) -> None:
    assert ("typo.numeral", "error", wrong) in typos(msite, f"共计人民币{text}，已当场支付。")


def test_amounts_that_agree_pass(msite) -> None:
    text = "共计人民币壹拾万零伍佰元整（¥100,500.00），另付¥4,500元（大写：肆仟伍佰元整）。"
    assert typos(msite, text) == []


def test_a_law_s_later_date_in_the_same_sentence_is_checked(msite) -> None:
    text = "《中华人民共和国家庭教育促进法》于2021年10月23日通过，自2022年10月1日起施行。"
    found = [t for t in typos(msite, text) if t[0] == "typo.law-date"]
    assert len(found) == 1 and "2022年10月1日" in found[0][2]
    right = "《中华人民共和国家庭教育促进法》于2021年10月23日通过，自2022年1月1日起施行，民法典自2021年1月1日起施行。"
    assert [t for t in typos(msite, right) if t[0] == "typo.law-date"] == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("形式主义是干事创业的拌脚石。", "拌脚石"),
    ("党支部书记要当好领头燕。", "领头燕"),
])
def test_three_character_sayings_one_homophone_off(msite, text: str, wrong: str) -> None:
    in_no_list(wrong)
    assert ("typo.term", "error", wrong) in typos(msite, text)


def test_one_person_called_head_and_deputy_is_caught(msite) -> None:
    text = "副所长蔡文博带队走访。所长蔡文博表示，将持续跟进。"
    assert [(r, s) for r, s, _ in typos(msite, text) if r == "typo.name-variant"] == [("typo.name-variant", "warning")]
    assert [t for t in typos(msite, "所长蔡文博、副所长吴晓峰带队走访。") if t[0] == "typo.name-variant"] == []


def test_two_counts_that_exceed_the_total_are_caught(msite) -> None:
    text = "本期共有86名社区矫正对象参加考核，考核合格80名，不合格9名。"
    assert [(r, s) for r, s, _ in typos(msite, text) if r == "typo.figures"] == [("typo.figures", "warning")]


@pytest.mark.parametrize("text", [
    "本期共有86名社区矫正对象参加考核，考核合格80名，不合格6名。",           # adds up
    "本期共有86名社区矫正对象参加考核，考核合格80名，不合格4名，2名请假。",  # a third group left out
    "考核合格80名，不合格9名。",                                              # no total written
])
def test_counts_that_add_up_or_leave_a_group_out_pass(msite, text: str) -> None:
    assert [t for t in typos(msite, text) if t[0] == "typo.figures"] == []
