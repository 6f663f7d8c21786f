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
