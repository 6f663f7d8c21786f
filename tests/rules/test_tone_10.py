"""Issue #14, tone.emotional tenth round: kinds found in corpus8 (development), written here in other words. A
person written off (这种孩子基本就是废了, 进监狱是迟早的事), sarcasm comparing what people do before and after
(出了事才想起找政府, 倒是比谁都积极), boasting that nobody can match (任何地方都无法超越, 只有学习的份, 有史以来最完美,
百分之百满意), an impatient reply asking the citizen why he did not look himself (您自己就不能先看一看吗, 回答过无数遍),
and 真是个…… said of a party. Facts stated plainly, and a first place stated as a ranking, pass."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def tone(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule == "tone.emotional"]


NOVEL = [
    ("老师说，像这样逃学的学生已经完蛋了，以后被抓是早晚的事。", "逃学的学生"),
    ("有些商户平时不办证，出了事才想到来司法所，索赔时倒是比谁都着急。", "索赔时"),
    ("我们的公证服务在全省没有哪家能够相提并论，兄弟单位只有模仿的份。", "兄弟单位"),
    ("这是史上最成功的一次普法集市，所有摊位的群众百分之百点赞。", "普法集市"),
    ("回复：这个事情我们已经答复过很多次了，你们就不会自己查一查吗？", "自己查一查"),
]


def test_the_wordings_are_in_no_word_list():
    in_no_list(*(novel for _, novel in NOVEL))


@pytest.mark.parametrize("body, novel", NOVEL)
def test_tenth_round_kinds_in_unlisted_wordings_warn(site, body, novel):
    found = tone(site, body)
    assert found and all(f.severity == "warning" for f in found), body


@pytest.mark.parametrize("body", [
    "我市人民调解工作连续三年位居全省第一。",
    "经检查，消防设施运行正常，没有任何问题。",
    "工作人员先后三次电话通知当事人到场，当事人未到场。",
    "申请人可登录网站查询办理进度，也可拨打12348热线咨询。",
    "案件审理后，被告人被依法判处有期徒刑三年。",
])
def test_plain_facts_and_rankings_pass(site, body):
    assert not tone(site, body), body


# Lane a10 (corpus8 c8p misses, by kind): boasting by running others down (外地再学二十年也赶不上), an ironic
# concession (口号倒是越喊越响，落实还是没有), a mocking guess (看样子是准备把……承包了), talking down to citizens
# (你们懂什么，照办就是了), ironic praise after a hyperbole of busyness (忙到……腾不出……). Plain rankings,
# plain instructions and real praise pass.
NOVEL_A10 = [
    ("毫不谦虚地讲，我区的调解成功率全省第一，外地再学二十年也赶不上。", "外地再学二十年"),
    ("某些科室的口号倒是越喊越响，落实还是没有半点动静。", "越喊越响"),
    ("这个镇的投诉量连续三年最高，看样子是准备把投诉榜首承包了，还说什么工作难做。", "投诉榜首"),
    ("拆迁方案是按规定定的，老百姓懂什么，签字就行了。", "签字就行了"),
    ("有的执法人员忙到一年腾不出一个小时学法，这种学习态度实在令人佩服。", "腾不出一个小时学法"),
]


def test_the_a10_wordings_are_in_no_word_list():
    in_no_list(*(novel for _, novel in NOVEL_A10))


@pytest.mark.parametrize("body, novel", NOVEL_A10)
def test_a10_kinds_in_unlisted_wordings_warn(site, body, novel):
    found = tone(site, body)
    assert found and all(f.severity == "warning" for f in found), body


@pytest.mark.parametrize("body", [
    "我市公共法律服务满意度连续三年位居全省前列。",
    "对补偿有异议的，可依法申请行政复议或者提起行政诉讼；无异议的，按协议签字即可。",
    "调解员李某常常忙到深夜，群众称赞他是“贴心人”。",
    "考评结果显示，赤坎区、霞山区、廉江市位列前三名，其他县区要对照问题抓好整改。",
])
def test_a10_plain_rankings_and_instructions_pass(site, body):
    assert not tone(site, body), body
