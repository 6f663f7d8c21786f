"""privacy.*, tenth round (issue #14): a private person named once and given a sensitive fact in another
sentence, natives of a town, a status role before a leader's namesake, Macao identity cards, ID numbers masked too
little anywhere in them, masked names identified by age, town and trade (privacy.identifiable), and a real name
written beside its 化名 (privacy.pseudonym, a warning)."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def privacy(findings) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in findings:
        if f.rule.startswith("privacy."):
            out.setdefault(f.rule, set()).add(str(getattr(f.severity, "value", f.severity)))
    return out


@pytest.mark.parametrize("body", [
    # named by a role in one sentence, the fact about them in the next
    "工作人员看望了困难群众詹月娥。詹月娥的丈夫去年因脑梗瘫痪在床，一家人靠低保生活。\n",
    # a native of a town: the role is where they come from
    "曾因贩卖毒品被判刑的雷州市纪家镇人符永康，如今在镇上经营一家农机店。\n",
])
def test_a_name_and_its_fact_in_other_places(site, body):
    in_no_list("詹月娥", "符永康")
    assert "privacy.person" in privacy(check_text(site, body))


def test_a_staff_name_repeated_is_not_a_private_person(site):
    body = "调解员詹月娥走访了困难群众。调解员詹月娥说，老人患有糖尿病，需要长期照顾。\n"
    assert "privacy.person" not in privacy(check_text(site, body))


def test_a_status_role_outweighs_a_leaders_namesake(site, tmp_path):
    # 梁振宇 is a registered leader (checks/registry/leaders.yml): his name alone is the leader, after 戒毒人员 it is not
    assert "privacy.person" in privacy(check_text(site, "戒毒人员梁振宇在车间展示木工作品。\n"))
    assert not privacy(check_text(site, "二级调研员梁振宇到戒毒所检查指导工作。\n"))


def test_a_macao_identity_card(site):
    assert "privacy.id-number" in privacy(check_text(site, "委托人澳门居民身份证号码为1234567（8），已核验。\n"))
    assert not privacy(check_text(site, "全年接待群众1234567（8）人次。\n"))


@pytest.mark.parametrize("body, found", [
    ("申请人身份证号码：440803199012***456，已核实。", True),
    ("申请人身份证号码：4408031990******56，已核实。", True),
    ("申请人身份证号码：440803********3456，已核实。", False),
    ("快递单号440803199012***456已签收。", False),
])
def test_id_numbers_masked_too_little(site, body, found):
    assert ("privacy.id-number" in privacy(check_text(site, body + "\n"))) is found


@pytest.mark.parametrize("body", [
    "被害人陈某（女，16岁，遂溪县乐民镇某中学高一学生）被同学殴打致轻伤。",
    "社区矫正对象梁某，男，41岁，在雷州市客路镇开五金店，2023年因赌博被判刑。",
])
def test_masked_names_identified_by_age_town_and_trade(site, body):
    assert privacy(check_text(site, body + "\n")).get("privacy.identifiable") == {"warning"}


def test_an_age_alone_does_not_identify(site):
    body = "遂溪县乐民镇司法所调解一起赡养纠纷，当事人陈某（78岁）患有高血压。\n"
    assert "privacy.identifiable" not in privacy(check_text(site, body))


def test_a_real_name_beside_its_pseudonym(site):
    in_no_list("阿敏", "吴敏仪")
    body = "阿敏（化名）遭受家庭暴力多年。\n\n在律师帮助下，吴敏仪向法院申请了人身安全保护令。\n"
    assert privacy(check_text(site, body)).get("privacy.pseudonym") == {"warning"}


@pytest.mark.parametrize("body", [
    "阿敏（化名）遭受家庭暴力多年。承办律师吴敏仪为她申请了人身安全保护令。",
    "阿敏（化名）遭受家庭暴力多年。吴敏仪律师为她申请了人身安全保护令。",
    "阿敏（化名）遭受家庭暴力多年。在律师帮助下，阿敏（化名）申请了人身安全保护令。",
])
def test_staff_and_the_pseudonym_itself_are_quiet(site, body):
    assert "privacy.pseudonym" not in privacy(check_text(site, body + "\n"))


def test_a_partys_full_name_with_age_or_employer(site):
    in_no_list("庞国荣")
    body = "北坡村村民庞国荣（61岁）与侄子因承包地边界发生纠纷，经调解握手言和。\n"
    assert privacy(check_text(site, body)) == {"privacy.party": {"warning"}}
    for quiet in ("调解员庞国荣（61岁）扎根调解一线二十年，调解纠纷500余宗。\n",
                  "北坡村村民庞某（61岁）与侄子因承包地边界发生纠纷，经调解握手言和。\n"):
        assert not privacy(check_text(site, quiet))


def test_a_bank_card_in_parts(site):
    body = "受援人收款账户：前六位621700，后十位3400123456，请财务核对后转账。\n"
    assert "privacy.bank-card" in privacy(check_text(site, body))


def test_a_crime_victim_named(site):
    in_no_list("韦秀兰")
    body = "市民韦秀兰被冒充客服的骗子骗走积蓄8万元，民警帮她追回了部分损失。\n"
    assert "privacy.person" in privacy(check_text(site, body))
    assert not privacy(check_text(site, "今年以来，全市1200余名群众被电信诈骗，民警提醒谨防被骗。\n"))


def test_parties_to_a_family_matter(site):
    body = "申请人谭丽娟与丈夫邓国栋因感情不和协议离婚，经调解就子女抚养达成一致。\n"
    assert privacy(check_text(site, body)).get("privacy.party") == {"warning"}


@pytest.mark.parametrize("body", [
    "被侵害的女孩是东岸村村民黄某的女儿，今年14岁。",
    "被害人系某中学初二学生林某某，其父亲在城月镇开了一家米粉店。",
])
def test_a_minor_victim_known_by_village_or_family_facts(site, body):
    assert privacy(check_text(site, body + "\n")).get("privacy.identifiable") == {"warning"}


# b10: digits spelt in words — capital numerals (壹叁捌), 幺, or Chinese digits mixed with Arabic ones
@pytest.mark.parametrize(("body", "rule"), [
    ("有急事可联系王律师本人，号码是：幺叁捌-贰柒陆伍-零玖肆壹。\n", "privacy.mobile"),
    ("联系电话：159 二七六三 0418。\n", "privacy.mobile"),
    ("退款账户：中国农业银行，卡号6228 四八零三 2811 七六五二 019。\n", "privacy.bank-card"),
    ("收款卡号陆贰贰捌肆捌零叁贰捌壹壹柒陆伍贰零壹玖。\n", "privacy.bank-card"),
])
def test_digits_spelt_in_words(site, body, rule):
    assert privacy(check_text(site, body)).get(rule) == {"error"}


@pytest.mark.parametrize("body", [
    "全年共办理案件一千三百二十五件，同比增长百分之十二。\n",  # a quantity, not digits read one by one
    "二〇二六年十二月五日，市司法局召开会议，会期一至二天。\n",
    "服务热线：12348，办公电话 0759-3388123。\n",
    "卡号为6228****2019的账户已停用，请持卡人到网点办理。\n",  # masked: the mask rules decide
])
def test_numbers_that_are_no_spelt_private_number(site, body):
    found = privacy(check_text(site, body))
    assert "privacy.mobile" not in found and "privacy.bank-card" not in found


def test_a_name_followed_by_its_full_birth_date(site):
    # no role word, no sex: the name opens the clause and its birth date follows at once
    body = "典型人员：詹秋萍，1985年4月12日出生，吸食冰毒8年，伴有乙肝，现于某物流公司任搬运工。\n"
    in_no_list("詹秋萍")
    assert privacy(check_text(site, body)).get("privacy.person") == {"error"}


@pytest.mark.parametrize("body", [
    "王建国，1975年3月生，中共党员，现任市司法局副局长。\n",  # a profile: year and month only
    "通知如下，陈明，2026年1月5日生效的规定同时废止。\n",
])
def test_a_profile_or_a_date_of_effect_is_no_birth_date(site, body):
    assert "privacy.person" not in privacy(check_text(site, body))
