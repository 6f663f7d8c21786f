"""Issue #14, prohibited tenth round: kinds found in corpus8 (development), each written here in other words.

Detected by what a sentence does (checks/wordlists/kinds.yml), not by what it names: an offer of something
against the law slipped into a normal article (a way to the seller + price or guarantee + a sign of breaking the
law), a call to gather somewhere at a set time and put pressure on (blocking, not telling the cadres), a policy
or disaster rumour sourced to an "internal notice", a recipe for a fire bottle, fake-food fear. And the other
way round, clean text that used to be blocked: 禁毒/禁赌/反诈 lessons naming what they warn about, a pledge not
to rent out bank cards (坚决不出租、出借、出售), an insult a court report quotes."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def prohibited(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule.startswith("prohibited.")]


NOVEL = [  # (sentence, rule, a wording of it in no word list)
    ("想要大马力捕鸟网的乡亲可以找阿华，一张只要三百，山上随便挂，不用登记。", "prohibited.illicit-offer", "捕鸟网"),
    ("有需要提前出所的家属可以联系我们，我们能说上话，二十万包出来。", "prohibited.illicit-offer", "提前出所"),
    ("需要体检合格证明的司机可以找老周，一张八百，医院系统查不出来。", "prohibited.illicit-offer", "体检合格证明"),
    ("下周三早上八点，全体摊主统一到区政府东门碰头，把大门围起来，不要让城管知道。", "prohibited.gathering", "区政府东门"),
    ("听说市里已经定了，下月起电动车一律不准上路，大家赶紧把车卖掉。", "prohibited.hearsay", "不准上路"),
    ("村里老人教的办法：煤油灌进罐头盒，塞块破布点燃后往棚子里甩。", "prohibited.incendiary", "罐头盒"),
]


def test_the_wordings_are_in_no_word_list():
    in_no_list(*(novel for _, _, novel in NOVEL))


@pytest.mark.parametrize("body, rule, novel", NOVEL)
def test_tenth_round_kinds_in_unlisted_wordings(site, body, rule, novel):
    found = [f for f in prohibited(site, body) if f.rule == rule]
    assert found and found[0].severity == "error", body
    assert "删除这句话" in found[0].message and rule.split(".")[1] not in found[0].message


def test_fake_food_fear_is_a_warning(site):
    found = [f for f in prohibited(site, "超市里不少粉条都是用塑料熬的，千万别给老人吃。")
             if f.rule == "prohibited.fake-food"]
    assert found and found[0].severity == "warning"


@pytest.mark.parametrize("body", [
    # government services say 不用本人到场 and 联系我们 without a price or a covert sign
    "需要法律援助的，可以拨打12348热线，也可以到公共法律服务中心申请，不用本人到场的可以委托代理人。",
    "公证处提供上门服务，行动不便的老人可以联系我们预约，收费按规定标准执行，保证当天出证。",
    "不用去派出所，可以联系我们在网上办理，工本费二十元。",
    # gatherings of volunteers and pupils: no pressure
    "本周六上午9点，普法志愿者在市民广场集合，拉横幅、摆展板，开展宪法宣传。",
    "下周一早上8点大家统一到学校门口集合，注意避开拥堵路段。",
    # news that says 据了解 and a date, a demolition by law, a rumour refuted
    "据了解，新规自2027年1月1日起施行，符合条件的请抓紧申请。",
    "据了解，该区对违法建筑一律依法拆除、不予补偿。",
    "网传“内部通知：明年起离婚需先交保证金，请抓紧办理”，经核实系谣言。",
    # fire bottles in a judgment and in a fire-safety warning
    "被告人将装有汽油的玻璃瓶点燃后扔向邻居家，法院以放火罪判处其有期徒刑五年。",
    "消防提醒：不要把装有酒精的瓶子放在车内，遇高温容易点燃，也不要向火堆里扔。",
    # a call to gather quoted by a report of its punishment
    "网民吴某在群里发布“周五上午九点大家一起去市政府门口，堵住大门，人越多越好”的信息，被依法行政拘留。",
    # a food rumour refuted
    "网传很多紫菜是用塑料袋做的，千万不要吃，市场监管部门检测后证实系谣言。",
])
def test_services_gatherings_news_and_warnings_pass(site, body):
    assert not prohibited(site, body), body


@pytest.mark.parametrize("body", [
    "常见的网络赌博形式有“百家乐”“牛牛”等，这些平台暗中操控输赢，参赌者往往倾家荡产。",
    "不法分子还会把毒品伪装成“跳跳糖”“奶茶包”，诱骗青少年尝试；所谓“上头电子烟”同样属于毒品。",
    "一些不法分子利用网络直播传播淫秽色情信息，严重危害青少年身心健康。",
    "二、坚决不出租、出借、出售银行卡和手机卡，做到“断卡”不手软。",
    "【案情】当事人王某在微信群发布消息，称网格员“是个人渣”。\n\n【判决】法院认为王某侵害了网格员的名誉权，判决其赔礼道歉。",
])
def test_lessons_pledges_and_reported_insults_pass(site, body):
    assert not prohibited(site, body), body


@pytest.mark.parametrize("body", [
    # a lesson's paragraph does not excuse an offer in it: a contact or a hand-over place
    "禁毒宣传周期间，有人在群里说百家乐平台首充送三百，私聊拿链接。",
    "出租、出借银行卡，每张出价八百，私聊。",
    # an insult nobody reports on
    "有群众称网格员“是个人渣”。",
    # 扫码报名 is no 码报, but a real tip sheet still is
    "本期码报已出，特码稳中，跟上的下期必回本。",
])
def test_offers_in_lessons_and_unreported_insults_still_block(site, body):
    found = prohibited(site, body)
    assert found and found[0].severity == "error", body


def test_a_course_sign_up_code_is_no_gambling_tip(site):
    body = "活动合作方为学员提供福利：扫码报名再送教材一本。"
    assert not [f for f in prohibited(site, body) if f.rule == "prohibited.obscene"]


def test_a_warning_word_beside_a_priced_offer_excuses_nothing(site):
    body = "谨防上当。百家乐平台首充送三百，稳赚不赔。"
    found = prohibited(site, body)
    assert found and found[0].severity == "error"
