"""Issue #14, prohibited ninth round: categories found in a development corpus written blind (tests/corpus7),
each written here in other words. Contempt for a region's people by an innate vice (从小就学偷, 又懒又脏) or by
avoiding them (离远一点, 见到就躲), and accents as the mark of the group; papers forged, told by their
authenticity (钢印齐全, 乱真, 跟真的一样) or by someone making them (找人做一本), court papers as their own
combination; covert cameras and trackers by their disguise and by the other party never knowing; martyrdom and
paradise (为主道牺牲, 直入天园) and disobeying secular law; faith-healing groups by their dues and recruiting.
Reports pass: a judge's verdict, an anti-fraud warning, a prosecution, a registered church, and a case report that
names the act for what it is (对烈士进行侮辱, 贬损)."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def prohibited(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule.startswith("prohibited.")]


NOVEL = [
    ("茶余饭后有人说，那边来的打工仔从小就学偷，大家离他们远点。", "那边来的打工仔"),
    ("有摊主抱怨，某某县的人又脏又赖，收摊时遇到就绕开。", "又脏又赖"),
    ("有人建议：找人做一本毕业证，钢印齐全，学信网也能乱真。", "学信网也能乱真"),
    ("座谈时有人提起，托人办一份法院裁定书，章盖得跟真的一样，七百块一天拿。", "托人办一份"),
    ("有会员介绍，台灯造型的针孔摄像头放在客厅，对方完全察觉不到。", "台灯造型"),
    ("群里流传一句话：为主道献身的人直入天园，国家的法律不必遵守。", "为主道献身"),
    ("有邻居说加入读经小组后降糖药都停了，每月还要交奉献，鼓励发展亲友入会。", "降糖药都停了"),
]


def test_the_wordings_are_in_no_word_list():
    in_no_list(*(novel for _, novel in NOVEL))


@pytest.mark.parametrize("body, novel", NOVEL)
def test_ninth_round_categories_in_unlisted_wordings(site, body, novel):
    found = prohibited(site, body)
    assert found and found[0].severity == "error", body


@pytest.mark.parametrize("body", [
    "法院审理认为，房东以租客是外地人为由拒绝出租，构成地域歧视，判决其赔礼道歉。",
    "民警提醒：遇到外地口音的人电话推销，要离远一点，谨防诈骗。",
    "公安机关查获一批伪造的毕业证，钢印齐全、足以乱真，犯罪嫌疑人已被刑事拘留。",
    "生效判决书可在中国裁判文书网上查阅，当事人也可申请法院出具判决书副本。",
    "律师提醒，偷偷在配偶车上安装定位器，对方不会知道的想法是错误的，这种做法侵犯隐私。",
    "检察机关以宣扬极端主义罪起诉了在群里转发“殉道者直入天园”言论的被告人。",
    "依法登记的教堂每周日有读经、唱诗和祷告，信徒自愿奉献，教会提醒生病要及时就医。",
    "典型案例：某网民发布帖子，称邱少云在烈火中“一动不动”“违背生理常识”，对烈士进行侮辱。",
])
def test_reports_warnings_and_lawful_practice_pass(site, body):
    assert not prohibited(site, body), body
