"""privacy.*, ninth round (issue #14): numbers given in parts or grouped and masked too little, travel documents
labelled in English, a status in brackets after a name, names one a line under a sensitive heading, and a masked
name that its village and a sensitive detail still identify (privacy.identifiable, a warning)."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def privacy(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("privacy.")}


def severities(findings, rule: str) -> set[str]:
    return {str(getattr(f.severity, "value", f.severity)) for f in findings if f.rule == rule}


@pytest.mark.parametrize("body, rule", [
    # the parts of one mobile in two clauses, in either order
    ("欠款人的号码尾号为3309，前七位是1887596，请知情人联系法院。", "privacy.mobile"),
    ("司机手机前3位186，中间4位7720，后4位1458。", "privacy.mobile"),
    # dots and middle dots between the groups, or 两 for two
    ("值班律师手机 186·7720·1458，24小时开机。", "privacy.mobile"),
    ("请打幺八六两七七零一四五八找他。", "privacy.mobile"),
    # an ID number grouped and masked in its last digits, or cut after the birth date
    ("见义勇为人员身份证号 4408 0419 8203 15*2 1X。", "privacy.id-number"),
    ("受助人公民身份号码为44080419820315，其余位数从略。", "privacy.id-number"),
    # a travel document masked too little, or labelled in English with its digits spaced
    ("当事人往来港澳通行证号码：C12**5678。", "privacy.passport"),
    ("Travel permit No.: W 4 4 1 2 0 9 8 7", "privacy.passport"),
])
def test_numbers_in_parts_groups_and_thin_masks_are_found(site, body, rule):
    assert rule in privacy(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "反诈提示：冒充客服的来电前三位多为170、171，接到后请立即挂断。",
    "身份证号码公示时只保留前六位和后四位，如440804********1234。",
    "申请人证件号码 4408 **** **** **12 3X，已核验。",
    "护照号码打码示例：E1*****78。",
    "全年接待来访群众1.38万人次，办理公证4.52万件。",
])
def test_thin_masks_explained_and_decimals_pass(site, body):
    assert not privacy(check_text(site, body + "\n"))


# no word list holds these names or the place: the structure finds them
@pytest.mark.parametrize("body, novel", [
    ("会上对冼国威（曾因非法采砂被判处有期徒刑）进行了诫勉谈话。", "冼国威"),
    ("原定主讲的杨慧敏老师因病住院（确诊乳腺癌，正在化疗），讲座改期。", "杨慧敏"),
    ("嫌疑人陈某（陈伟雄）因涉嫌帮助信息网络犯罪活动罪被刑事拘留。", "陈伟雄"),
])
def test_a_name_beside_its_record_is_found(site, body, novel):
    in_no_list(novel)
    assert "privacy.person" in privacy(check_text(site, body + "\n"))


def test_names_one_a_line_under_a_sensitive_heading(site):
    body = "本月新接收的强制隔离戒毒人员：\n\n1. 麦绍辉\n2. 詹玉芬，女\n"
    found = [f for f in check_text(site, body) if f.rule == "privacy.person"]
    assert len(found) == 2
    assert not privacy(check_text(site, "本月表现突出的戒毒所民警：\n\n1. 麦绍辉\n2. 詹玉芬\n"))


def test_a_masked_name_known_by_its_village_is_a_warning(site):
    in_no_list("坑仔村")
    findings = check_text(site, "帮扶对象邝某（坑仔村人，曾因盗窃被判刑）现在村里养蜂。\n")
    assert severities(findings, "privacy.identifiable") == {"warning"}
    # a general word before 村 or 社区, or no sensitive detail: nothing
    assert not privacy(check_text(site, "司法所对辖区各村的社区矫正对象邝某开展走访。\n"))
    assert not privacy(check_text(site, "坑仔村村民邝某与邻居因宅基地发生纠纷，经调解握手言和。\n"))


@pytest.mark.parametrize("body, rule", [
    # an ID number in two parts; a card and a mobile read out in Chinese digits with wide spaces
    ("登记的证件号码前八位为44082319，后十位为8507150035。", "privacy.id-number"),
    ("家属电话：一八六　二零三一　五五七八。", "privacy.mobile"),
    ("其工资卡号是六二一七八五七零零零零一二三四五六七八。", "privacy.bank-card"),
    # a plate's owner named in the next sentence
    ("一辆粤G5N61P货车在乡道侧翻。经查，车主为沈塘镇龙头村村民符海生。", "privacy.plate"),
    # a person's own messenger id said with 其
    ("承租人黄某说其微信号是hm_rent2019，方便联系。", "privacy.contact"),
])
def test_second_batch_numbers_and_contacts_are_found(site, body, rule):
    assert rule in privacy(check_text(site, body + "\n"))


@pytest.mark.parametrize("body, novel", [
    ("信访人甘丽珠因拆迁补偿问题多次进京访，今年签订了息诉罢访协议。", "甘丽珠"),
    ("调解员说：“男方叫冼志坚，赌输了钱，还欠下二十多万。”", "冼志坚"),
    ("| 户主 | 人口 | 困难情况 |\n| --- | --- | --- |\n| 植秀兰 | 2 | 患白血病，长期化疗 |", "植秀兰"),
])
def test_petitions_debts_and_household_tables_name_the_person(site, body, novel):
    in_no_list(novel)
    assert "privacy.person" in privacy(check_text(site, body + "\n"))


def test_two_facts_narrow_a_masked_person_down(site):
    body = "受援人岑某，1990年生，廉江市石角镇人，2023年刑满释放，现在某电子厂务工。\n"
    assert severities(check_text(site, body), "privacy.identifiable") == {"warning"}
    # one fact alone (a district, a birth year) leaves the person unknown
    one = "被告人岑某，男，1990年出生，湛江市廉江市人，因盗窃被判处有期徒刑。\n"
    assert not privacy(check_text(site, one))
