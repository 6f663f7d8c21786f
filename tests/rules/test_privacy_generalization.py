"""privacy.*: personal data by structure (issue #14, fourth round).

Addresses named as a home after them or in a table's 住址 column, passports with the label a few
characters away or the digits grouped, IDs masked so little that the birth date shows, school
grades that say a child is a minor, status roles by category; beside the staff names, office
addresses and colour words that must pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import check_text


def privacy(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("privacy.")}


@pytest.mark.parametrize(("body", "rule"), [
    ("调解员来到当事人梁某位于开发区海滨大道中38号碧海蓝天小区6栋2单元1503的家中了解情况。", "privacy.address"),
    ("申请人符某现居湛江市赤坎区中山二路12号大院三栋四楼402室。", "privacy.address"),
    ("请将材料邮寄至申请人家中：霞山区民有路23号5楼。", "privacy.address"),
    ("| 姓名 | 性别 | 住址 |\n|---|---|---|\n| 陈某 | 男 | 霞山区椰林路3号502房 |", "privacy.address"),
    ("外籍当事人玛丽亚（护照：P 1234 5678）因合同纠纷申请调解。", "privacy.passport"),
    ("当事人陈某持菲律宾护照，号码为P4567890A，现已出境。", "privacy.passport"),
    ("申请人林某，身份证号44088119900101****，经审查符合条件。", "privacy.id-number"),
    ("受援人莫金凤，出生于1986年11月3日，因离婚纠纷申请法律援助。", "privacy.person"),
    ("在这起校园欺凌事件中，初二学生冯子轩被同学殴打致轻微伤。", "privacy.person"),
    ("调解现场，戒毒康复人员凌志勇向大家讲述了自己的经历。", "privacy.person"),
    ("据群众反映，黄志伟的白色粤G7K2M9小轿车长期占用消防通道。", "privacy.plate"),
])
def test_personal_data_in_new_structures(site, body, rule):
    assert privacy(check_text(site, body + "\n")) == {rule}


@pytest.mark.parametrize("body", [
    "一辆白色粤G12345小型轿车在路口与电动车发生碰撞，所幸无人员受伤。",  # 白色 is no name
    "一辆黄色粤GD12345出租车违规停靠，执法人员依法进行了处理。",
    "当事人凌晨两点驾驶粤G12345小型轿车回家途中被查。",  # 凌晨 is no name
    "申请人须提供身份证复印件，公开时中间十位用星号遮盖，如4408**********1234。",
    "身份证号码由18位数字组成，前6位为地址码，第7至14位为出生日期码。",
    "办理护照可登录国家移民管理局网站预约，普通护照有效期为十年。",
    "湛江市第二中学初二学生参加了模拟法庭活动，同学们认真扮演法官和律师。",  # no name
    "| 单位 | 地址 |\n|---|---|\n| 法律援助处 | 赤坎区南方路25号2楼203室 |",  # an office's address column
    "法律援助中心值班律师林晓明（办公电话0759-3338126）为来访群众解答了法律问题。",
    "全市共有社区矫正对象1200余名，其中缓刑人员占85%。",
])
def test_public_facts_pass(site, body):
    assert not privacy(check_text(site, body + "\n"))


# ---- fifth round: a name opening a clause with its status, a person's 住所地, named relatives ----

PERSONAL = (Path(__file__).resolve().parents[2] / "checks" / "wordlists" / "personal.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("body", "rule"), [
    ("邝伟杰刑满释放后在镇上开了一家修车铺，帮教干部定期回访。", "privacy.person"),  # no role word before the name
    ("岑秀兰曾因盗窃被判处有期徒刑一年，如今在社区做保洁。", "privacy.person"),
    ("聂志远罹患尿毒症多年，家中生活困难。", "privacy.person"),
    ("殷国平的诊断书显示，其患有重度抑郁，无法出庭。", "privacy.person"),
    ("戒毒人员亲属翁丽芬说，丈夫出所后找到了工作。", "privacy.person"),  # a named relative shows the status
    ("乙方詹美华，住所地：廉江市石城镇东风路9号。", "privacy.address"),  # a natural person's seat
])
def test_fifth_round_structures(site, body, rule):
    assert privacy(check_text(site, body + "\n")) == {rule}


@pytest.mark.parametrize("name", ["邝伟杰", "岑秀兰", "聂志远", "殷国平", "翁丽芬", "詹美华"])
def test_fifth_round_names_are_not_listed(name):
    assert name not in PERSONAL


@pytest.mark.parametrize("body", [
    "高龄患有慢性病的老人可以申请上门办理公证。",  # two characters before the status are a word
    "乙方：湛江市某某物业管理有限公司（统一社会信用代码：91440800MA4UXXXX0X），住所地：湛江市开发区乐山路27号。",
    "市民办理亲属关系公证，需携带身份证、户口簿到公证处申请。",
    "刑满释放人员安置帮教工作座谈会召开，各司法所交流经验。",
    "周某某刑满释放后，在帮教干部帮助下实现就业。",  # masked
])
def test_fifth_round_traps_pass(site, body):
    assert not privacy(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "帮教对象庞志华患有肺结核，由司法所协调入院治疗。",  # any served or supervised 对象
    "被告邝美琪遭受家庭暴力多年，法院发出人身安全保护令。",
    "纠纷中的男方岑国栋患有躁郁症，调解时情绪激动。",
    "慰问对象植金兰今年13岁，因父母离异辍学在家。",  # the age says minor
])
def test_fifth_round_parties(site, body):
    assert privacy(check_text(site, body + "\n")) == {"privacy.person"}
