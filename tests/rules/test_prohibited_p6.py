"""Issue #14, prohibited.* sixth round: the categories behind a development corpus written blind
(tests/corpus4), each described by what the sentence offers or teaches rather than by a product name:
an offer whose selling point is evading inspection, customs, ID checks or detection (whatever is sold),
organ trade and surrogacy, personal-data sale and lookup, exam devices, wildlife, instructions for
drugs, poison, fireworks and attacks on a person, invoices, counterfeit money, pyramid recruitment,
border crossing, suicide pacts, attack services, smuggled goods; a named official accused and insulted
even in a quoted letter (`quotes_count`). Each test tries to get an article past the check in a
wording no list holds; the crackdown news, verdicts, warnings and notices of the same topic pass."""

from __future__ import annotations

import pytest
import yaml
from helpers import REPO, check_text
from test_generalization import rules
from test_prohibited_p4 import unlisted


def prohibited(site, body: str) -> set[str]:  # noqa: ANN001
    return rules(check_text(site, body + "\n"), "prohibited")


# -- an offer whose selling point is evading checks, whatever the goods ------------------------------
@pytest.mark.parametrize("body, novel", [
    ("进口香料一手货源，不走报关，码头交货，量大从优。", "进口香料"),  # goods named in no list
    ("新款蓝色小药片，无色无味，全国包邮，下单备注。", "蓝色小药片"),
    ("旧版纪念钞可过验钞机，一比五出，同城面交。", "旧版纪念钞"),
    ("帮你把差评删掉，删差评按条计费，当天处理。", "按条计费"),
])
def test_an_offer_selling_evasion_is_found_whatever_is_sold(msite, body, novel):
    unlisted(novel)
    assert prohibited(msite, body) == {"prohibited.obscene"}, body


@pytest.mark.parametrize("body", [
    "举报人信息严格保密，举报电话可拨打12345。",
    "海关提醒：旅客携带物品应如实申报，不走报关私自夹带将被依法处理。",
    "银行工作人员现场演示：真币能过验钞机，假币会报警，市民可到网点兑换。",
    "法律援助申请人的隐私依法保护，可拨打12348咨询，全程不收费。",
])
def test_the_same_words_in_notices_and_warnings_pass(msite, body):
    assert not prohibited(msite, body), body


# -- new sub-categories, each a combination ---------------------------------------------------------
@pytest.mark.parametrize("body", [
    "肾源有现成的，配型快，酬谢二十八万，中间人全包。",  # organ trade
    "试管代孕包成功，可选性别，签约费全包，加微详谈。",  # surrogacy and sex selection
    "帮查住宿记录和行动轨迹，当天出，价格公道。",  # personal-data lookup
    "橡皮接收器考前发货，屏蔽不了，包过。",  # exam device
    "正宗野生穿山甲，现宰现做，提前订。",  # wildlife
    "把罂粟壳熬制成膏的流程其实很简单，视频里一步一步教你。",  # drug making
    "兄弟们，明天去把那个老板的店砸了，出了事我扛着。",  # violence against a person
    "增值税专票各行业均可开，税点低，先开后付。",  # invoices
    "寻找周末陪伴的女学生，零花钱一万起，有意者私信。",  # sugar-daddy offer
    "对方喝了就断片，醒来什么都不记得，同城闪送。",  # drug sold by its effect on a victim
    "交三千入会费，发展两个下线就回本，有兴趣跟我干。",  # pyramid recruitment
    "不用护照也能过境，蛇头带路，包吃住，月薪两万。",  # border crossing
    "烧炭最不痛苦，想一起走的私信我，我们约个时间。",  # suicide pact
    "CC攻击承接业务，按小时计费，另可撞库。",  # attack services
    "有人把台湾和大陆说成两个国家，这本来就是各自独立的两岸。",  # two states
])
def test_new_sub_categories_are_found(msite, body):
    assert prohibited(msite, body), body


@pytest.mark.parametrize("body", [
    "公民逝世后自愿、无偿捐献器官，是崇高的人道主义行为，可到红十字会登记。",
    "侦查机关调取了嫌疑人的住宿记录和行动轨迹，依法锁定其藏匿地点。",
    "考点配备金属探测仪，严禁考生携带接收器等作弊器材。",
    "森林公安依法查处一起非法收购穿山甲案件。",
    "含麻黄碱类复方制剂实行实名登记限购，防止不法分子提炼制毒。",
    "被告人因琐事砸了邻居的店，法院以寻衅滋事罪判处其有期徒刑八个月。",
    "纳税人可在电子税务局申请代开增值税普通发票。",
    "大学生志愿者周末陪伴社区独居老人。",
    "误服安眠药后应立即就医，不要自行催吐。",
    "律师指出，以缴纳入门费、发展下线计酬的属于传销活动。",
    "边检部门提醒：切勿轻信“不用护照就能出境”的说法。",
    "如果你感到痛苦，请拨打心理援助热线12356，我们愿意倾听。",
    "企业要落实网络安全等级保护，防范CC攻击和撞库风险。",
    "各派出法庭之间互不隶属，分别对所属人民法院负责。",
    "档案馆展出一份民国二十六年的地契，记载了当年的田地买卖习惯。",
    "请自觉不出租、不出借银行卡，殊不知出借一张卡也可能触犯法律。",
])
def test_the_same_topics_in_reports_and_notices_pass(msite, body):
    assert not prohibited(msite, body), body


# -- a named official accused and insulted: quoting it is republishing it ---------------------------
def test_a_quoted_letter_defaming_a_named_judge_is_found(msite):
    body = ("其中一名投诉人来信称：“某区人民法院法官刘志强收受红包，包养情妇，是个十足的败类。”"
            "经核查，相关内容无事实依据。现将来信原文公布。")
    assert prohibited(msite, body) == {"prohibited.insult"}, body


def test_a_quoted_offer_with_a_stance_still_passes(msite):
    # the flag is per combination: a framed offer in an anti-fraud warning stays reported speech
    body = "警方提醒：骗子谎称“冰毒同城送货，私聊”，市民切勿相信，发现线索请及时报警。"
    assert not prohibited(msite, body), body


@pytest.mark.parametrize("body", [
    "被告人在网上发帖称局长王某收受红包、包养情妇，法院以诽谤罪判处其有期徒刑一年。",
    "市纪委监委通报：某局原局长收受红包、包养情妇，已被开除党籍。",
    "网传“某法官收受红包是个败类”系谣言，该院已依法报警。",
])
def test_verdicts_and_refutations_of_the_same_accusation_pass(msite, body):
    assert not prohibited(msite, body), body


def test_only_the_flagged_combination_ignores_quotations():
    flagged = []
    for path in sorted((REPO / "checks/wordlists/prohibited").glob("*.yml")):
        for combo in yaml.safe_load(path.read_text(encoding="utf-8")).get("combos") or []:
            if combo.get("quotes_count"):
                flagged.append(combo["what"])
    assert len(flagged) == 1 and "指名道姓" in flagged[0], flagged


# -- the front matter is read too ------------------------------------------------------------------
def test_a_recipe_offered_in_the_summary_is_found(msite):
    found = check_text(msite, "问：燃放烟花爆竹有哪些规定？\n\n答：按照当地禁放规定执行。\n",
                       summary="春节普法问答，另附DIY焰火的做法和比例，私信领取。")
    assert "prohibited.obscene" in rules(found, "prohibited")


# -- reported speech by structure --------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    # a quotation the paragraph points back at (此类, 这条 + 广告, 消息)
    "“代办各类证书，学信网可查，包过。”近年来，此类广告屡见不鲜，警方已破获多起伪造证件案。",
    # a quotation of several sentences, framed by its verb
    "警方公布了嫌疑人发出的消息：“冰货到了。老地方见。”目前该嫌疑人已被抓获。",
    # a hook opening the paragraph, reported on in the next one
    "“交两万块，包你儿子进编制。”去年，退休职工老黄在公园结识一名自称有门路的男子。\n\n"
    "老黄转账后对方失联，老黄报警。法院以诈骗罪判处该男子有期徒刑三年。",
])
def test_quotations_reported_by_structure_pass(msite, body):
    assert not prohibited(msite, body), body


@pytest.mark.parametrize("body", [
    # framed by a verb, but the only distance nearby is a generic reminder: the offer is published
    "集市上有摊主向群众推销：“熊掌和穿山甲都有，懂行的来，可以预订。”\n\n工作人员提醒大家注意出行安全。",
    # pointed back at, but nobody refutes it
    "群里流传一条信息：“帮查开房记录，当天出结果，价格私聊。”这条信息至今仍在转发。\n\n社区提醒居民注意防寒保暖。",
])
def test_a_quoted_offer_without_refutation_is_still_an_offer(msite, body):
    assert prohibited(msite, body) == {"prohibited.obscene"}, body
