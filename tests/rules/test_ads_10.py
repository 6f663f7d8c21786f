"""Issue #14, ads.offer tenth round: a public-service name (12348, 法律援助, `sentence_exceptions` in
checks/wordlists/ads.yml) excuses only its own sentence. A Q&A answer that first sends the reader to the free hotline
and then, in the next sentence, sells a law firm's prepaid card is an advert; a partner (合作方) selling at a
public event is a merchant. Warnings and reports still excuse the whole paragraph: the fraudster's pitch is often
the sentence before the warning."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def offer(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule == "ads.offer"]


NOVEL = [
    ("答：可以先拨打12348免费咨询。想省心的，推荐某某律所的“家事通”年卡，充两千送五百，文书代写打七折。", "家事通"),
    ("答：符合条件的可以申请法律援助。另外某调解咨询公司推出上门服务，原价600元，现价只要299元。", "调解咨询公司"),
    ("活动合作方某体检中心为到场群众提供专属优惠：套餐原价800元，今天只要388元，扫码即可预约。", "某体检中心"),
]


def test_the_wordings_are_in_no_word_list():
    in_no_list(*(novel for _, novel in NOVEL))


@pytest.mark.parametrize("body, novel", NOVEL)
def test_an_offer_beside_a_public_service_sentence_is_an_advert(site, body, novel):
    found = offer(site, body)
    assert found and found[0].severity == "error", body


@pytest.mark.parametrize("body", [
    "答：可以拨打12348热线免费咨询，符合条件的可以申请法律援助，法律援助不收取任何费用。",
    "近日，有市民接到电话，对方自称某贷款公司，称额度最高50万元，当天放款，添加微信即可办理。民警提醒，这是典型的贷款诈骗。",
    "法律援助中心提醒：所谓“律所年卡，充两千送五百”是骗局，12348热线咨询免费。",
])
def test_public_services_and_warnings_pass(site, body):
    assert not offer(site, body), body


# Lane a10 (corpus8 c8p misses, by kind): what a price buys (价格后“含……”) is the product, so an exception word in it
# (判决, 津贴) excuses nothing (`bundle_regex`); memberships, cards and shares are products (会员费, 次卡, 每股);
# an errand shop or matchmaker is a merchant beside 公证处; a pitch quoted as someone's (打出“……”的口号) in a
# reported case is told, not made (`reported_quote_regex`, with `case_report` in the paragraph or next door).
NOVEL_A10 = [
    ("某律所推出“劳动仲裁省心包”，一口价2800元包含仲裁到判决执行全程代理，来电预约13800138000。", "省心包"),
    ("答：可买康宁守护意外险，每年二百元保障十万元，含误工津贴，在公众号输入暗号还能再打八五折。", "含误工津贴"),
    ("海岸法务工作室推出“和睦次卡”，199元含五次上门，致电前台即可办卡。", "和睦次卡"),
    ("合作社每股五千元，保底年收益10%，外地人也能参股，有意者联系村委会登记。", "外地人也能参股"),
    ("公证处隔壁的便捷代办服务部可代跑各类公证，服务费260元起，电话预约。", "便捷代办服务部"),
    ("现场的喜缘婚介服务中心收取会员费888元，本周报名的送两次联谊活动。", "喜缘婚介服务中心"),
    # a quoted name right before a product word is the merchant's product, whatever public word it borrows
    ("培训间隙，某保险公司代表推介“普法志愿者无忧保”意外险，每人每年仅需88元，扫码即可投保。", "普法志愿者无忧保"),
]


def test_the_a10_wordings_are_in_no_word_list():
    in_no_list(*(novel for _, novel in NOVEL_A10))


@pytest.mark.parametrize("body, novel", NOVEL_A10)
def test_a_bundle_membership_share_or_errand_shop_is_an_advert(site, body, novel):
    found = offer(site, body)
    assert found and found[0].severity == "error", body


def test_a_pitch_quoted_without_a_case_is_still_an_advert(site):
    assert offer(site, "本店打出“会员卡原价999元现价599元、扫码入会”的口号，欢迎来电0759-3300000。")


@pytest.mark.parametrize("body", [
    "某平台打出“月收益20%、拉人返佣、扫码注册”的口号，吸收资金800余万元。\n\n法院审理认为，该平台构成集资诈骗罪。",
    "2025年，某公司在微信群发布“年化收益15%、保本保息、扫码进群”的广告。\n\n经查，该公司未经批准吸收公众存款。",
    "补偿款共计50万元，包括土地补偿费和安置补助费，请被征收人到镇政府办理签约手续。",
    "村集体经济合作社按股分红，每股分红200元，由村委会统一发放，村民可到村委会查询。",
    "市司法局为全市调解员统一购买“人民调解员”意外险，每人保额30万元，费用由财政补贴，各地于月底前报送名单。",
])
def test_reported_pitches_and_public_payments_pass(site, body):
    assert not offer(site, body), body
