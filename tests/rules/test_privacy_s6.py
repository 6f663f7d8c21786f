"""privacy.*, sixth round (issue #14): statuses said in other words, two-character names opening a
clause, a named person's messenger account, numbers wrapped over a line, spaced plates; with the
bureau's everyday texts on the same topics that must pass."""

from __future__ import annotations

import pytest
from helpers import check_text

from govpub.rules.privacy.person import TWO_CHAR_WORDS


def privacy(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("privacy.")}


@pytest.mark.parametrize(("body", "rule"), [
    # a two-character name opening a sentence or clause, its status right after it
    ("矫正小组成员介绍了帮扶情况。邓华刑满释放后一直未能找到工作。", "privacy.person"),
    ("今年3月，何军因盗窃罪被判处有期徒刑一年，缓刑两年。", "privacy.person"),
    # the status said as what the person is going through
    ("据司法所介绍，罗志刚目前正在接受社区矫正，表现平稳。", "privacy.person"),
    ("缓刑期间的莫晓峰多次参加社区公益劳动。", "privacy.person"),
    # a named private person's messenger account, whether or not it reads like an advertisement
    ("来访人邝丽芬留下QQ号731559204，希望尽快得到答复。", "privacy.contact"),
    # a mobile number wrapped over a line: the page joins the lines
    ("请联系当事人家属，电话 135\n1234 9876。", "privacy.mobile"),
    # a plate with a space inside its serial, beside the driver's full name
    ("驾驶人谭永明驾驶粤G 8M 2K61号小型轿车逆行。", "privacy.plate"),
    ("车主陈国华驾驶粤 G12345小型轿车闯红灯。", "privacy.plate"),  # a space after the province
])
def test_new_shapes_are_found(site, body, rule):
    assert rule in privacy(check_text(site, body + "\n"))


def test_a_name_in_no_list_is_found(site):
    """The name below is in no word list or registry: the structure (clause start, status) finds it."""
    body = "工作人员上门走访。詹洁接受社区矫正以来，每月按时报到。\n"
    assert privacy(check_text(site, body)) == {"privacy.person"}


@pytest.mark.parametrize("body", [
    "关于刑满释放人员安置帮教工作的通知已经印发。",  # 关于 opens the clause
    "会上通报，高危吸毒人员的排查管控要常态化。",  # 高危 is no name
    "，曾因吸毒被处罚的人员，也可以申请法律援助。",  # 曾因 is no name
    "社区矫正对象李某在矫正期间表现良好，获得表扬。",  # masked
    "全市现有社区矫正对象1100余名，假释期间的人员占一成。",  # no name
    "如需咨询，请联系市法律援助中心陈晓红，办公电话0759-3388123。",  # staff, office phone
    "关注“湛江司法”微信公众号，可在线申请法律援助。",  # the bureau's own account
    "第1期：2026年1月1日至\n3月31日，共受理案件138件。",  # numbers across lines that are no mobile number
    "行驶证上的号牌号码由省份简称、发证机关代号和序号组成，如粤G·12345。",  # no person
])
def test_everyday_texts_pass(site, body):
    assert not privacy(check_text(site, body + "\n"))


def test_two_char_words_are_surname_led():
    """Each listed word opens with a surname character: otherwise it could never be taken for a name."""
    from govpub.rules.privacy.plate import SURNAMES
    assert all(w[0] in SURNAMES and len(w) == 2 for w in TWO_CHAR_WORDS)


@pytest.mark.parametrize(("body", "rule"), [
    ("申请人黄某某的身份证号为44082519781130\n0029，已核实。", "privacy.id-number"),
    ("补助发放至收款账号：6217 0012 3456\n7890 122。", "privacy.bank-card"),
    ("受援人罗美玲，女，一九九二年五月八日出生，住某镇。", "privacy.person"),
    ("经查，当事人谢文华出生于一九八〇年十月五日。", "privacy.person"),
])
def test_numbers_and_dates_in_other_forms_are_found(site, body, rule):
    assert rule in privacy(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "二〇二六年十二月三日，申请人陈国华到法律援助中心咨询。",  # an event's date, not a birth date
    "一九四九年十月一日，中华人民共和国成立。",
    "本期共办理案件2026件，\n其中调解成功1382件。",  # two counts on two lines
])
def test_dates_and_counts_pass(site, body):
    assert not privacy(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "慰问中得知，甘振华的父亲去年查出患了肺癌，一家人四处求医。",  # a relative's illness
    "工作人员看望了梁桂芳奶奶，老人长期卧床，子女在外务工。",  # a courtesy word after the name
    "这名女子名叫温晓雯，曾多次被其丈夫毒打。",  # 名叫 before the name, harm in other words
])
def test_statuses_in_other_words_beside_a_name(site, body):
    assert privacy(check_text(site, body + "\n")) == {"privacy.person"}


@pytest.mark.parametrize("body", [
    "志愿者陈丽华在特殊教育学校为聋哑儿童讲授法律常识。",
    "遭受家庭暴力的当事人可以向人民法院申请人身安全保护令，法院应当在72小时内作出裁定。",
    "王大妈说，这次普法讲座讲得很实在。",  # no full name
    "刑满释放人员安置帮教工作推进会召开，会议通报了全市出狱人员的就业情况。",
])
def test_same_topics_without_a_person_pass(site, body):
    assert not privacy(check_text(site, body + "\n"))


def test_a_table_of_persons_in_a_sensitive_programme(site):
    """A name in no list, in a 姓名 column under a paragraph on compulsory drug rehabilitation."""
    body = ("解除强制隔离戒毒人员回归社会后，由所在镇司法所跟踪帮扶。\n\n"
            "| 姓名 | 帮扶措施 |\n| --- | --- |\n| 詹X辉（詹志辉） | 推荐就业 |\n| 蔡某某 | 技能培训 |\n")
    found = [f for f in check_text(site, body) if f.rule == "privacy.person"]
    assert [f.match for f in found] == ["詹志辉"]


@pytest.mark.parametrize("body", [
    # staff on the same topic: a unit column, an honour roll
    "全市禁毒社工名单如下。\n\n| 姓名 | 单位 |\n| --- | --- |\n| 詹志辉 | 赤坎区禁毒办 |\n",
    "为表彰社区矫正工作中表现突出的个人，评选出先进个人。\n\n| 姓名 | 事迹 |\n| --- | --- |\n| 詹志辉 | 扎根基层十年 |\n",
    # masked names only
    "戒毒康复人员就业帮扶情况如下。\n\n| 姓名 | 帮扶措施 |\n| --- | --- |\n| 詹某某 | 推荐就业 |\n",
])
def test_staff_lists_and_masked_tables_pass(site, body):
    assert not privacy(check_text(site, body))


@pytest.mark.parametrize(("body", "date", "fires"), [
    ("被告人钟浩宇，2011年出生，系某中学学生，因琐事持刀将同学刺伤。", "2026-11-20 09:30", True),
    ("被告人钟浩宇，2001年出生，因琐事持刀将同学刺伤。", "2026-11-20 09:30", False),  # an adult: no minor
])
def test_a_birth_year_makes_a_minor(site, body, date, fires):
    found = "privacy.person" in privacy(check_text(site, body + "\n", date=date))
    assert found is fires


@pytest.mark.parametrize("body", [
    "市民何女士向法院申请人身安全保护令，法院当天作出裁定。",
    "陈先生因病住院期间，其妻子来到法律援助中心咨询。",
])
def test_a_surname_with_a_form_of_address_is_no_name(site, body):
    assert not privacy(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "高州刑满释放人员就业基地揭牌。",  # a place that opens with a surname character
    "常州市刑满释放人员安置帮教工作经验交流会召开。",
    "江门市司法局来我局交流社区矫正工作。",
])
def test_places_opening_a_sentence_are_no_names(site, body):
    assert not privacy(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "强制隔离戒毒人员名单：何某、冯家豪、李某某。",  # a full name among masked ones
    "受害人“小芸”（真名陈芸芸）今年12岁，事发后一直由外婆照顾。",
    "吴海燕家里有一个患自闭症的孩子。",
    "冯家豪是一名正在戒毒的年轻人。",
    "何子轩同学今年13岁，近期因盗窃被公安机关处理。",
])
def test_names_in_lists_aliases_and_families(site, body):
    assert privacy(check_text(site, body + "\n")) == {"privacy.person"}


@pytest.mark.parametrize("body", [
    "社区矫正工作先进个人名单：陈志强、李小红、黄伟强。",
    "陈国华是一名戒毒所民警，从警二十年。",
])
def test_honour_lists_and_staff_pass(site, body):
    assert not privacy(check_text(site, body + "\n"))
