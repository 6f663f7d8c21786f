"""ads.*: a commercial offer in any wording, the ways a drafter hides one, and the public
services that must pass (issue #14)."""

from __future__ import annotations

import pytest
from helpers import REPO, Site, check_text


def ads(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule.startswith("ads.")]


# Offers of every commercial form, none of them in the corpus: the rule must see the structure.
OFFERS = [
    "诚邀有志之士加盟我们的社区法律服务站项目，总部统一提供系统和培训，三个月即可回本。",
    "现招募县级代理商，代理商享受产品出厂价，年销售额达标另有奖励。",
    "本律所婚姻家事团队本月推出特惠套餐：离婚协议起草加财产分割咨询，合计仅收六百元。",
    "对于长期收不回的账款，我们可以帮您合法追讨，先办事后收费，全国均可上门。",
    "扫一扫下方二维码，进入粉丝福利群，每晚八点群内发放红包和普法图书。",
    "零基础也能学会的合同审查实战课，每节课不到一杯奶茶钱，现在购买还送配套资料。",
    "注册时填写我的专属推荐码8866，你我都能得到二十元奖励金。",
    "三人即可成团，团购价比单买便宜一半，截止到本周五。",
    "急用钱找我们，不看征信，不查流水，最快当天放款，额度最高三十万。",
    "个体户记账报税一个季度只要三百元，专业会计一对一服务，添加客服即可办理。",
    "某投资公司推出的养老公寓项目，投资五万元起，每年稳定分红百分之八，保本保息。",
    "律师函代发服务，一封只要九十九元，二十四小时内发出，需要的朋友私聊我。",
    "本公司专业代理劳动仲裁、工伤索赔，咨询免费，赔偿款到手后再收费，联系电话0759-2288776。",
    "本店新到一批普法漫画书，每本二十元，买十本送一本，欢迎到店选购。",
]


@pytest.mark.parametrize("body", OFFERS)
def test_offers_in_any_wording(msite, body):
    found = ads(msite, body)
    assert {f.rule for f in found} >= {"ads.offer"}, body
    offer = next(f for f in found if f.rule == "ads.offer")
    assert offer.severity == "error" and "政府网站不得刊登商业广告" in offer.message


@pytest.mark.parametrize("body", [
    "某律所推出离婚法律服务套餐，只@需 九百九十九元，欢迎来电。",  # symbols and spaces inside words
    "某律所推出离婚法律服务套餐，只需９９９元，欢迎来电。",  # full-width digits
    "某律所推出離婚法律服務套餐，只需九百九十九元，歡迎來電。",  # traditional characters
    "某律所推出离婚法律服务套餐，只\u200b需九百九十九\u200b元，欢迎来\u200b电。",  # zero-width characters
    "某律所推出离婚法律服务\n套餐，只需九百九十九元，欢迎\n来电。",  # words broken over soft line breaks
])
def test_disguised_offers_are_still_offers(msite, body):
    assert "ads.offer" in {f.rule for f in ads(msite, body)}


def test_the_call_may_stand_in_the_next_paragraph(msite):
    """A product and its price are two parts; the call in the next paragraph is the third."""
    assert "ads.offer" in {f.rule for f in ads(msite, "某律所推出离婚法律服务套餐，收费九百九十九元。\n\n欢迎来电咨询。")}
    far = "某律所推出离婚法律服务套餐，收费九百九十九元。\n\n本所地址在霞山区。\n\n欢迎来电咨询。"
    assert not ads(msite, far)
    # a price cut makes the third part itself: no call needed
    assert "ads.offer" in {f.rule for f in ads(msite, "某律所推出离婚法律服务套餐，只要九百九十九元。")}


def test_an_exception_elsewhere_does_not_shield_an_offer(msite):
    """A drafter cannot add 法律援助 or 12348 in another paragraph to get an ad through."""
    body = "困难群众可拨打12348申请法律援助。\n\n某律所推出离婚法律服务套餐，只要九百九十九元，欢迎来电咨询。"
    assert "ads.offer" in {f.rule for f in ads(msite, body)}


def test_the_finding_points_at_the_offer(msite):
    body = "全市律师行业党建工作会议召开。\n\n某律所推出离婚法律服务套餐，只要九百九十九元，欢迎来电咨询。"
    offer = next(f for f in check_text(msite, body + "\n") if f.rule == "ads.offer")
    lines = (msite.root / offer.path).read_text(encoding="utf-8").splitlines()
    assert lines[offer.line - 1].startswith("某律所") and offer.column == 1
    assert offer.match.startswith("某律所") and "套餐" in offer.message


@pytest.mark.parametrize("body", [
    "经济困难的群众申请法律援助不收取任何费用，可拨打12348或到法律援助中心窗口申请，咨询电话0759-3338120。",
    "根据省公证服务收费标准，继承公证按遗产价值分段收费，低保家庭可申请减免。",
    "湛江市司法局法律顾问服务采购项目采用竞争性磋商方式，预算金额二十万元，供应商可于12月15日前报名。",
    "湛江市司法局2026年公开招聘政府雇员3名，月薪四千五百元起，符合条件的人员可于12月20日前报名。",
    "某公司以“高额返利”为名吸收公众存款，涉嫌非法吸收公众存款罪，已被公安机关立案侦查。",
    "法院审理查明，被告人以低息贷款、当天放款为幌子，骗取被害人保证金八万元。",
    "我市出台支持民营经济发展的若干措施，对符合条件的企业给予最高50万元奖励。",
    "开展“送法下乡”活动，向村民赠送普法读本、宣传折页3000余份，现场解答法律咨询50余人次。",
    "本所是湛江市首家获评“全国优秀律师事务所”的律所，今年承办公益案件40余件。",
    "农民工讨薪可申请法律援助，免于经济困难审查，申请人只需携带身份证到法律援助中心办理。",
    "商品房买卖合同纠纷中，开发商承诺的返租收益往往难以兑现，购房者签约前应咨询律师。",
    "本次普法知识竞赛设一等奖1名，奖金1000元，请于5月30日前报名。",
])
def test_public_services_and_reports_pass(msite, body):
    assert not ads(msite, body), body


def test_each_offer_word_has_one_kind():
    """A word listed under two kinds (say offer and price) would count twice towards an offer."""
    import yaml

    data = yaml.safe_load((REPO / "checks" / "wordlists" / "ads.yml").read_text(encoding="utf-8"))["offer"]
    seen: dict[str, list[str]] = {}
    for kind in ("offer", "price", "bargain", "benefit", "call", "exceptions"):
        for word in data[kind]:
            seen.setdefault(str(word), []).append(kind)
    assert not {w: k for w, k in seen.items() if len(k) > 1}
