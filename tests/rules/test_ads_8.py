"""Issue #14, ads.offer eighth round: offers found in a development corpus written blind
(tests/corpus6) — a sponsor's offer in one row of a statistics table (the compact view joins a
table's rows into one line, so 法律援助 in another row used to excuse it), and a lender or broker
piggybacking on a public institution (与公证处达成合作, 联合司法所推出): an institution's name excuses
no merchant in the same paragraph. Fee tables set by law and the institutions' own notices pass."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def offer(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule == "ads.offer"]


TABLE = "| 项目 | 数量 |\n| --- | --- |\n| 受理法律援助案件 | 6852件 |\n| 12348热线接听 | 3.1万人次 |\n"


@pytest.mark.parametrize("body, novel", [
    (TABLE + "| 爱心赞助 | 鑫源财富：年化收益9%保本保息，新客户首投送300元 |", "鑫源财富"),
    (TABLE + "| 特约合作 | 安居装修公司：全包套餐每平米699元，签约即送家电，可预约上门量房 |", "安居装修"),
    ("市民办理继承公证后，某典当公司与公证处达成合作，凭公证书可借款最高10万元，月息低至0.8%。", "典当公司"),
])
def test_eighth_round_offers_in_unlisted_wordings_are_found(site, body, novel):
    in_no_list(novel)
    assert offer(site, body), body


@pytest.mark.parametrize("body", [
    TABLE + "| 受援人满意度 | 97% |",
    "| 公证事项 | 收费标准 |\n| --- | --- |\n| 继承公证 | 按政府指导价收取 |\n| 委托公证 | 每件200元，困难群众依法减免 |",
    "市公证处推出上门办证服务，行动不便的老年人可预约，收费按政府指导价执行。",
    "镇司法所联合律师事务所开展免费法律咨询，群众可拨打12348预约。",
])
def test_eighth_round_public_services_pass(site, body):
    assert offer(site, body) == []


def test_the_row_with_the_exception_still_excuses_itself(site):
    # a public-service word in the sponsor's own row excuses that row, as in a paragraph
    assert offer(site, TABLE + "| 法律援助合作 | 某律所：法律援助案件每件补贴800元，详询12348 |") == []
