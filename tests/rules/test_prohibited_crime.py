"""Issue #14, second round: Art. 6 (7) 教唆犯罪 and 销售违禁品, 6 (6) economic rumours, 6 (8) insults of
a named person, as categories (an object AND an offer, claim or call in one sentence), in wordings
that no word list holds; anti-fraud explanations, enforcement reports and public notices pass.
typo: a leader's name one character off in narration (given name after another surname), legal
terms with a southern near-homophone."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list, rules


def found(site, body: str, family: str) -> set[str]:  # noqa: ANN001
    return rules(check_text(site, body + "\n"), family)


@pytest.mark.parametrize("body, rule, unlisted", [
    # 两卡: a card word + buying or renting + money or contact
    ("诚收各行的对公账户，一个月租金三千，私信细谈。", "prohibited.obscene", "诚收各行的对公账户"),
    # 跑分: the scheme + an easy-money claim
    ("宝妈在家就能做的兼职：帮人走账，日结三百。", "prohibited.obscene", "帮人走账"),
    # fake certificates: a certificate + a verifiability or no-exam claim
    ("成人本科毕业证不用考，学信网可查，先拿证后付款。", "prohibited.obscene", "成人本科毕业证不用考"),
    # proxy exams
    ("驾考科目一替考，专业团队接单，一次不过退款。", "prohibited.obscene", "驾考科目一替考"),
    # covert devices and drugs
    ("针孔摄像头做成充电器的样子，隐蔽不易发现，包邮。", "prohibited.obscene", "做成充电器的样子"),
    # an economic rumour: a bank or price word + an insider marker or a hoarding call
    ("朋友说下周汽油要涨到十块，赶紧去加满多囤几桶。", "prohibited.rumour", "汽油要涨到十块"),
    # a gathering at an office's gate
    ("被拖欠货款的供应商周一早上到公司门口集合，统一着装。", "prohibited.rumour", "被拖欠货款的供应商"),
    # cult recruitment by a healing claim
    ("跟着师父练这套功法，三个月后高血压不用再吃药。", "prohibited.cult", "跟着师父练这套功法"),
    # an insult of a named person
    ("王某某彻头彻尾的白眼狼，借了钱就翻脸。", "prohibited.insult", "彻头彻尾的白眼狼"),
])
def test_categories_catch_unlisted_wordings(site, body, rule, unlisted):
    in_no_list(unlisted)
    assert found(site, body, "prohibited") == {rule}


@pytest.mark.parametrize("body", [
    # anti-fraud education describes the schemes: it names them and says they are crimes
    "民警提醒：有人以“日结三百”为诱饵招人帮忙走账，实际是在为诈骗团伙洗钱。",
    "不要出租出借自己的对公账户，否则可能涉嫌帮助信息网络犯罪活动罪。",
    "学历证书可在学信网查询真伪，谨防不法分子以“不用考、先拿证”为名实施诈骗。",
    "驾考中替考的，依法取消考试资格，构成犯罪的依法追究刑事责任。",
    # a public notice with an object word and a neutral word
    "区人民法院门口设有诉讼服务引导台，当事人可到此集中咨询。",
    "市市场监管局监测显示，本周汽油、柴油价格与上周持平。",
    "社区卫生服务中心为高血压患者建立健康档案，提醒按时吃药。",
    "法院查明，被告人王某某借款后拒不归还，判决其返还借款。",
])
def test_reports_and_notices_pass(site, body):
    assert not found(site, body, "prohibited")


def test_an_offer_split_by_inline_html_or_emoji_is_caught(site):
    """Inline tags and emoji between the characters are evasion, not breaks."""
    assert "prohibited.obscene" in found(site, "网<b>上</b>赌场注册即送彩金。", "prohibited")
    assert "prohibited.obscene" in found(site, "网🎲上🎲赌🎲场全天开放。", "prohibited")
    assert "prohibited.obscene" in found(site, "出售气枪\n需要的私聊。", "prohibited")  # a soft line break


def test_leader_given_name_after_another_surname(site):
    assert "typo.leader" in found(site, "会后，邓国栋到调解室看望工作人员。", "typo")
    assert "typo.leader" in found(site, "随后，黄志强一行来到遂溪县司法局座谈。", "typo")
    # parties and ordinary words pass
    assert not found(site, "申请人邓国栋向法律援助中心求助。", "typo")
    assert not found(site, "红树林志愿服务队开展海岸清洁活动。", "typo")
    assert not found(site, "博物馆展陈国家级非遗项目。", "typo")


def test_legal_term_with_a_southern_near_homophone(site):
    in_no_list("法律援组", "司法监定")
    assert "typo.term" in found(site, "可以向法律援组中心申请帮助。", "typo")
    assert "typo.term" in found(site, "委托司法监定机构进行鉴定。", "typo")
    assert not found(site, "法律援助中心、司法鉴定机构和公证处共同参与。", "typo")


def test_latin_abbreviations_apart_in_writing_stay_apart(site):
    """The compact view removes the space between ｙｐ and ｑｑ; they are still two written words,
    while letters written together (Conflgroup) are one word."""
    assert "prohibited.obscene" in found(site, "ｙｐ　ｑｑ　同城快餐全套", "prohibited")
    assert not found(site, "confl gb 的写法与 Conflgroup 一文。", "prohibited")
    # English words are separate words too, but not abbreviations: OF (a porn site's initials) passes here
    assert not found(site, "点击下载《Rules of Zhanjiang Justice》资源合集。", "prohibited")


def test_place_kind_word_and_province_one_homophone_off(site):
    """Registry near-misses beyond the name itself: the kind word (镇, 街道) typed as a homophone
    before an office, and a province name."""
    assert "typo.place" in found(site, "遂溪县城月真司法所开展普法宣传。", "typo")
    assert "typo.place" in found(site, "赤坎区中华街到人民调解委员会调解纠纷。", "typo")
    assert "typo.place" in found(site, "广冬省司法厅来湛督导。", "typo")
    assert not found(site, "城月镇司法所和中华街道人民调解委员会获表彰，城月真的变了样。", "typo")
    assert not found(site, "湖南省、河南省的同行来访，大家厉行节省。", "typo")
