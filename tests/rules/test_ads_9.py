"""Issue #14, ads.offer ninth round: a product named by its brand in quotation marks (“法务通”案件管理软件,
“快法帮”平台, `brand_regex` in checks/wordlists/ads.yml) is a product. A public context (培训班, 老年人) does not
excuse it, and a public-service exception (法律援助) excuses only its own sentence: the brand's sentence stands on
its own. Government platforms, names given as someone's claim (自称“……”的APP) and told cases (经查, 所谓, 无法提现)
pass."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def offer(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule == "ads.offer"]


NOVEL = [
    ("培训班最后一天，讲师推荐了“案管家”软件，五人拼团每人每年299元，找班主任报名。", "案管家"),
    ("公共法律服务中心今年受理法律援助申请三百余件。另外，“法顾到家”APP新客注册立减50元，扫码即可下载。", "法顾到家"),
    ("老年人防诈讲座上，一位嘉宾介绍“颐康”按摩仪，原价1980元，现场只要680元，当场下单送靠垫。", "颐康"),
]


def test_the_wordings_are_in_no_word_list():
    in_no_list(*(novel for _, novel in NOVEL))


@pytest.mark.parametrize("body, novel", NOVEL)
def test_a_brand_in_a_public_context_or_beside_an_exception_is_an_offer(site, body, novel):
    found = offer(site, body)
    assert found and found[0].severity == "error", body


@pytest.mark.parametrize("body", [
    "群众可通过“粤省事”小程序申请法律援助，全程免费，审批结果在线查询。",
    "“湛江普法”公众号开展民法典有奖竞答，答对可获纪念品一份，扫码参与。",
    "经查，“快借宝”APP以年化36%的利率放贷，所谓“低息秒批”纯属虚假宣传，已被依法查处。",
    "2025年，陈某在一款自称“稳赢理财”的APP上充值5万元，之后无法提现，客服失联。",
    "律师提醒：有人冒充法官，推荐“胜诉通”APP，称交999元即可包赢，这是诈骗。",
])
def test_government_platforms_claims_and_told_cases_pass(site, body):
    assert not offer(site, body), body
