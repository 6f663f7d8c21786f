"""Issue #14, ads.offer seventh round: offers found in a development corpus written blind
(tests/corpus5) — a brand's sponsorship of a public event (冠名, 独家赞助, 指定饮品) with its price and
where to buy it (超市有售), and offers written in English (package, premium, an amount in USD or
yuan, book now, a promo code, 10% off). A sponsor in a volunteers' or trade-union paragraph is a
merchant. Events without sponsors, fees set by law in English and notary warnings pass."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def offer(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule == "ads.offer"]


@pytest.mark.parametrize("body, novel", [
    ("本届法治长跑由蓝海牌矿泉水独家赞助，整箱只要二十八元，各大超市均有售。", "蓝海牌矿泉水"),
    ("志愿者服务日由海港茶楼特约冠名，凭志愿者证到店消费享九折。", "海港茶楼"),
    ("Our partner firm offers a premium divorce package at 3,000 yuan, book now to save 15%.", "divorce"),
    ("Get the annual subscription for 49 USD and use code SAVE5 at checkout.", "checkout"),
])
def test_seventh_round_offers_in_unlisted_wordings_are_found(site, body, novel):
    in_no_list(novel)
    assert offer(site, body), body


@pytest.mark.parametrize("body", [
    "本届法治长跑由市司法局、市体育局联合主办，不设商业冠名，参赛免费。",
    "The notary fee is 80 yuan per certificate, as set by the provincial price bureau.",
    "Foreign residents can book an appointment for legal aid by calling 12348.",
    "市公证处提醒：出国公证收费按省定标准执行，不存在“加急包过”的付费套餐，请勿轻信中介。",
])
def test_seventh_round_public_notices_pass(site, body):
    assert offer(site, body) == []
