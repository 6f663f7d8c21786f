"""privacy.*: personal numbers in any width and spacing; masked and invalid ones pass."""

from __future__ import annotations

import pytest
from helpers import Site, check_text

from govpub.rules.privacy._checksums import is_resident_id, is_uscc, luhn_ok


def ids(findings):
    return [(f.rule, f.line, f.column, f.match) for f in findings if f.rule.startswith("privacy.")]


def test_checksums():
    assert is_resident_id("440881199001011233")
    assert not is_resident_id("440881199001011234")  # last digit changed
    assert not is_resident_id("440881199002301233")  # 30 February
    assert not is_resident_id("990881199001011233")  # no such province
    assert luhn_ok("6217001234567890122") and not luhn_ok("6217001234567890123")
    assert is_uscc("31440800MD0186452M") and not is_uscc("31440800MD0186452N")


@pytest.mark.parametrize("body, col, match", [
    ("身份证号440881199001011233。", 5, "440881199001011233"),
    ("身份证号：４４０８８１１９９００１０１１２３３。", 6, "４４０８８１１９９００１０１１２３３"),
    ("身份证号：4408 8119 9001 0112 33。", 6, "4408 8119 9001 0112 33"),
    ("身份证号：440881-19900101-1233。", 6, "440881-19900101-1233"),
    ("身份证号：4408\u200b81199001011233。", 6, "4408\u200b81199001011233"),
    ("当事人李某（440825197811300029）", 7, "440825197811300029"),
])
def test_id_number_found_in_any_form(site, body, col, match):
    assert ids(check_text(site, body + "\n")) == [("privacy.id-number", 10, col, match)]


@pytest.mark.parametrize("body", [
    "身份证号：4408**********0029。",
    "档案编号440881199001011234。",  # checksum wrong and not named an ID number
    "统一社会信用代码：31440800MD0186452M。",
    "编号 1440881199001011233 的档案。",  # 19 digits: part of a longer number
    "2026年共办理法律援助案件1233件，同比增长12.5%。",
])
def test_id_number_passes(site, body):
    assert ids(check_text(site, body + "\n")) == []


def test_id_number_in_title_is_found_at_its_place(site):
    findings = check_text(site, "正文。\n", title="关于440881199001011233的公示")
    assert ids(findings) == [("privacy.id-number", 2, 10, "440881199001011233")]


# -- issue #14: addresses, passports and plates by structure --------------------------------
def privacy(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("privacy.")}


@pytest.mark.parametrize("body", [
    "申请人谭某现住廉江市罗州街道九洲江大道锦绣家园A栋1单元602室。",  # letters, 单元, 室
    "据调查，李某家住坡头区南调街道某花园7幢2单元301，与邻居发生纠纷。",  # a room without 室
    "被告人刘某某，男，汉族，住湛江市赤坎区寸金路11号之二502房。",
    "当事人林某某（男，住遂溪县遂城镇文化路3巷5号）申请调解。",  # an urban house number in a lane
    "吴某，女，户籍地吴川市黄坡镇某村委会二组41号。",  # a village group house number
    "申请人陈某，住幸福小区3-2-501。",  # building, unit and room with hyphens
    "送达地址：霞山区解放西路25号大院2栋3-401。",
])
def test_home_address_in_many_shapes(site, body):
    assert privacy(check_text(site, body + "\n")) == {"privacy.address"}


@pytest.mark.parametrize("body", [
    "湛江市公共法律服务中心位于赤坎区海滨大道北128号市民服务中心2楼201室。",  # an office
    "被申请人湛江某某物业服务有限公司，住所地湛江市开发区乐山路27号2栋1201室。",  # a company's seat
    "该小区共有12栋住宅、1500户居民，物业服务中心设在5栋101室。",
    "本次活动在人民大道南48号举行，共有3栋楼的居民参加。",
    "村民陈某家住徐闻县下洋镇某村委会。",  # not down to a house number
])
def test_office_and_coarse_addresses_pass(site, body):
    assert privacy(check_text(site, body + "\n")) == set()


@pytest.mark.parametrize("body, fires", [
    ("外籍当事人约翰·史密斯（证件号码：E87654321）申请法律援助。", True),  # no 护照 nearby
    ("受援人持有效出入境证件（EA1234567）办理了公证。", True),  # the new passport format
    ("申请人邓某的往来港澳通行证号码为C01234567。", True),
    ("护照号码：E 12345678", True),  # a space after the letter
    ("申请人持往来港澳通行证（号码C12****78）办理公证。", False),  # masked
    ("代表团乘坐G1234次列车抵达广州，随后换乘CZ3456航班赴京。", False),
    ("设备型号E12345678已停产。", False),  # the shape without a document or a holder
])
def test_passport_numbers_by_shape_and_sentence(site, body, fires):
    assert privacy(check_text(site, body + "\n")) == ({"privacy.passport"} if fires else set())


@pytest.mark.parametrize("body, fires", [
    ("市民邓海峰将其粤GD12345新能源小汽车停放在消防通道上。", True),  # 8-character plate, a role word
    ("经查，车牌号为粤G88K66的小型轿车登记在陈志强名下。", True),
    ("一辆粤G·12345轿车长期占道，登记车主为梁家辉。", True),
    ("| 车牌号 | 车主 | 违法行为 |\n|---|---|---|\n| 粤G3K5M8 | 吴建国 | 占用应急车道 |", True),
    ("| 车牌号 | 车主 | 违法行为 |\n|---|---|---|\n| 粤G3K5M8 | 吴某 | 占用应急车道 |", False),
    ("执法人员陈立新、黄伟依法对粤G12345号车辆进行检查。", False),  # the officers are not the owner
    ("执法人员对车牌号为粤G12345、粤GD67890的两辆违规营运车辆依法予以查扣。", False),
    ("车主陈立新驾驶的车辆已依法处理。\n\n另查扣粤G12345号车辆一辆。", False),  # another sentence
])
def test_plate_with_the_owners_full_name(site, body, fires):
    assert privacy(check_text(site, body + "\n")) == ({"privacy.plate"} if fires else set())


@pytest.mark.parametrize("body, fires", [
    ("身份证号：440881199001011234。", True),  # a wrong check digit, named an ID number: still a person's
    ("当事人李某，身份证号440881900101123，经查无证执业。", True),  # first-generation, 15 digits
    ("受理编号440881900101123，请凭编号查询。", False),  # 15 digits not named an ID number
    ("申请人王某的联系电话为 1 3 8 0 0 1 3 8 0 0 0。", True),  # a space between every digit
    ("当事人银行账号：6228 4800 1234 5671 234（农业银行）。", True),  # named an account: Luhn not needed
    ("订单编号6228480012345671234已完成。", False),  # no label and no Luhn: not a card
])
def test_numbers_named_in_their_sentence(site, body, fires):
    rules = {f.rule for f in check_text(site, body + "\n") if f.rule.startswith("privacy.")}
    assert bool(rules) is fires


# -- issue #14, second round: personal data by category -------------------------------------------
@pytest.mark.parametrize(("body", "rule"), [
    ("据了解，被申请人何耀东的家庭电话为0759-6623518，多次联系未果。", "privacy.contact"),
    ("来访群众杨桂芳留下邮箱yanggf66@126.com，希望收到书面答复。", "privacy.contact"),
    ("信访人钟志坚的微信号为zhong_zj1980。", "privacy.contact"),
    ("申请人邓丽华，女，汉族，1965年11月3日生，住吴川市。", "privacy.person"),
    ("当事人冼志明，出生日期：1988年4月9日，系遂溪县人。", "privacy.person"),
    ("涉事初二学生黄子涵（13岁）在校内与同学发生冲突。", "privacy.person"),
    ("法律援助律师为身患癌症的村民梁秋生讨回了工伤赔偿。", "privacy.person"),
    ("受援人潘永强因工致残，经鉴定为七级伤残。", "privacy.person"),
    ("社区矫正人员陈伟明已解除矫正。", "privacy.person"),
    ("因吸毒被强制隔离戒毒的冯家辉出所后回到社区。", "privacy.person"),
    ("经查，当事人许文杰的医保卡号为 3001 2345 6789 01。", "privacy.account"),
    ("车辆识别代号：LFV2A21K8E4123456。", "privacy.account"),
    ("被执行人谭国强名下账户，开户行中国建设银行，账号44050171234500001234。", "privacy.account"),
])
def test_personal_data_by_category(site, body, rule):
    assert privacy(check_text(site, body + "\n")) == {rule}


@pytest.mark.parametrize("body", [
    "申请人符合法律援助条件的，可以向法律援助机构提出申请，咨询电话0759-3221234。",
    "当事人凌晨两点报警，称其家中被盗，民警告知可拨打0759-2220110了解进展。",
    "申请人关于法律援助的申请已受理，经审查符合条件，受援人为残疾人。",
    "公证处账号：44050171234500001234，户名湛江市某某公证处，当事人可以通过转账缴纳公证费。",
    "法律援助中心的QQ群是123456789，欢迎群众加入咨询。",
    "2026年1月1日生效的新规定中，残疾人可以免予经济困难审查。",
    "矫正人员严格遵守规定，社区矫正对象于每月5日前报到。",
    "调解员郑海燕（电话0759-3331234）耐心做双方工作。",
    "党组成员、副局长林志强看望慰问了患病的老党员。",
    "社区矫正对象吴某某（男，1990年3月5日生）按时报到。",
])
def test_personal_data_traps(site, body):
    assert not privacy(check_text(site, body + "\n"))


def test_vin_check_digit():
    from govpub.rules.privacy.account import vin_check_ok
    assert vin_check_ok("1M8GDM9AXKP042788")  # the textbook example, check character X
    assert not vin_check_ok("1M8GDM9A1KP042788")


def test_unlabelled_vin_needs_its_check_digit(site):
    assert privacy(check_text(site, "事故车辆为1M8GDM9AXKP042788号白色轿车。\n")) == {"privacy.account"}
    assert not privacy(check_text(site, "产品批次为1M8GDM9A1KP042788。\n"))


def test_registered_office_number_and_masked_name_pass_but_a_new_name_does_not(site):
    """A drafter cannot get a private number out by calling the person a 群众 or by masking only once."""
    assert not privacy(check_text(site, "申请人李某，联系电话0759-3338126（公共法律服务中心）。\n"))
    assert privacy(check_text(site, "申请人李建国，联系电话0759-3338126转个人电话0759-2287654。\n")) == {"privacy.contact"}


def test_categories_and_roles_are_data(site):
    path = site.root / "checks" / "wordlists" / "personal.yml"
    text = path.read_text(encoding="utf-8")
    assert not privacy(check_text(site, "网格员陈建华患有糖尿病多年。\n"))
    text = text.replace("roles: '", "roles: '网格员|").replace("terms: '患有|", "terms: '糖尿病|患有|")
    path.write_text(text, encoding="utf-8")
    fresh = Site(site.root)  # the policy is read once per site object
    assert privacy(check_text(fresh, "网格员陈建华患有糖尿病多年。\n")) == {"privacy.person"}


@pytest.mark.parametrize(("body", "rule"), [
    ("经调解，双方同意由卢建军将其位于霞山区海滨三路6号之一301房的房屋腾空。", "privacy.address"),
    ("申请人（外籍）John Smith，护照号：523456789，国籍美国。", "privacy.passport"),
    ("肇事车辆粤G·A1234号小型轿车系冯国辉所有。", "privacy.plate"),
    ("梁某某，男，住廉江市安铺镇某村，其妻子黄美娟，1980年7月8日出生。", "privacy.person"),
])
def test_other_wordings_of_address_passport_plate_and_relatives(site, body, rule):
    assert privacy(check_text(site, body + "\n")) == {rule}


@pytest.mark.parametrize("body", [
    "本次航班号为CZ3456789，旅客请提前到达机场。",  # a flight, not a passport
    "该房屋位于霞山区海滨三路，属于公共租赁住房。",  # no house number of a person
    "公车管理：粤G12345号公务用车归局办公室所有。",
])
def test_other_wordings_traps(site, body):
    assert not privacy(check_text(site, body + "\n"))


def test_minor_named_in_a_case_with_or_without_an_age(site):
    assert privacy(check_text(site, "未成年人王晓东因盗窃被公安机关抓获，后经调解取得被害人谅解。\n")) == {"privacy.person"}
    # a student without an age may be an adult; a lawyer teaching minors is not one of them
    assert not privacy(check_text(site, "学生王晓东因盗窃被公安机关抓获。\n"))
    assert not privacy(check_text(site, "我局开展未成年人法治教育，律师王晓东为学生讲解盗窃的法律后果。\n"))
