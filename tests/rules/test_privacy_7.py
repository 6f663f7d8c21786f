"""privacy.person, seventh round (issue #14): names listed with a head count, health written as 患X病,
private persons named by their job (职工, 员工), minors named in a misconduct story."""

from __future__ import annotations

import pytest
from helpers import check_text


def person(findings) -> list[str]:
    return [f.match for f in findings if f.rule == "privacy.person"]


# a list after a verb and closed by a count: no word list holds the names, the structure finds them
@pytest.mark.parametrize("body", [
    "目前仍在社区戒毒的人员有江志诚、钟伟、骆美玲等三人。",
    "本期接受安置帮教的刑满释放人员为谭永康、冼国华2名。",
])
def test_a_counted_list_of_names_is_found(site, body):
    assert person(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "戒毒康复人员有江某、钟某某、骆某等三人。",  # masked
    "表彰的优秀社区矫正工作者有江志诚、钟伟、骆美玲等三人。",  # an honour roll of staff
    "本次巡回宣讲走进了吴川、雷州、廉江三地。",  # places, no persons
])
def test_a_counted_list_that_names_no_private_person_passes(site, body):
    assert not person(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "职工吴俊辉因患白血病长期住院，公司以其旷工为由将其辞退。",
    "农民工龙春生患尘肺病多年，法律援助律师帮助他申请了工伤认定。",
])
def test_a_worker_named_with_a_disease_is_found(site, body):
    assert person(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "患者在就医过程中与医院发生纠纷的，可以申请人民调解。",
    "职工患病的，在规定的医疗期内用人单位不得解除劳动合同。",
    "要消除安全隐患，防患于未然，确保冬季用电安全。",
])
def test_health_law_and_safety_talk_passes(site, body):
    assert not person(check_text(site, body + "\n"))


def test_a_minor_named_in_a_disciplinary_story_is_found(site):
    body = "学生骆子轩（14岁）沉迷网络游戏，多次偷拿家中钱款，被学校处分后由司法所开展帮教。"
    assert person(check_text(site, body + "\n"))
