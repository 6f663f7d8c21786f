"""secret.work: work and commercial secrets by category (issue #14, second round).

Each category is a term and a not-yet-public marker in one place; the same words after
the event, in a public notice, or as a topic pass. The drafter trying to get an operation
plan or a personnel proposal out reworded as news is the adversary here.
"""

from __future__ import annotations

import pytest
from helpers import Site, check_text


def secret(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("secret.")}


@pytest.mark.parametrize("body", [
    # a draft, reworded every way a drafter might
    "关于加强公证质量管理的意见（修改稿）。本稿还在修改完善，请各单位暂不对外发布。",
    "草案第三条的表述尚未定稿，供局务会讨论。",
    # minutes and instructions kept in house
    "现将专题会议纪要印发给你们，纪要内容只在局机关范围内学习。",
    # an operation with its time and target, before it happens
    "经研究，拟于12月18日晚对遂溪县城区三家娱乐场所进行突击检查。",
    "明晚8点，各组对麻章区湖光镇某小作坊实施统一收网，行动前严格保密。",
    # an open case
    "目前该案仍在侦办中，有关案情暂不对外公开：涉案金额超过两千万元。",
    # personnel before the notice
    "局党组初步考虑，由刘建平同志担任市法律援助处主任，拟任人选尚未上会研究。",
    # exam answers before the exam
    "下发的题库及参考答案仅供监考老师使用，考试将于12月20日举行，考前不得外借。",
    # a detention facility's roster and a security deployment
    "第二看守所监区巡查安排：每2小时巡查一次，夜间由两名民警（值班）负责。",
    "活动当天警力部署：主会场周边设置5个卡点，每个卡点配备警力8人。",
    # a tender before opening
    "本项目标底：人民币120万元，开标前请勿向任何投标人透露。",
    # a named company's undisclosed data
    "据了解，广东海丰食品有限公司尚未公开的客户名单共有327家，其中广州地区占四成。",
])
def test_work_secrets_found(site, body):
    assert "secret.work" in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "12月18日晚，执法人员对遂溪县城区三家娱乐场所进行突击检查，已责令停业整顿。",
    "我局将于今年12月起在全市开展为期三个月的明察暗访，接受社会监督。",
    "经局党组研究，拟任刘建平同志为市法律援助处主任，现予以公示，公示期为5个工作日。",
    "2026年全市人民调解员业务知识竞赛试题及参考答案现予公布，欢迎广大群众学习。",
    "项目于12月3日开标，标底为120万元，中标结果已在市公共资源交易网公示。",
    "律师提示：企业的客户名单、经营信息可以作为商业秘密受法律保护。",
    "市委主要领导对全市法治建设作出批示，充分肯定我局工作成效。",
    "警方已将涉案人员全部抓获，目前案件正在进一步侦办中。",
    "会议纪要要求各县区在12月底前报送工作总结。",
])
def test_public_forms_pass(site, body):
    assert not secret(check_text(site, body + "\n"))


def test_finding_points_at_the_marker_and_names_the_category(site):
    body = "下面是复核说明。\n\n我局定于12月10日上午对赤坎区两家司法鉴定机构开展突击检查。\n"
    [f] = [f for f in check_text(site, body) if f.rule == "secret.work"]
    assert f.severity == "error"
    assert f.match == "定于12月10日"
    assert "尚未实施的执法行动" in f.message and "请删除" in f.message


def test_categories_are_data(site):
    """A bureau adds a category in classified.yml and the rule catches it without code."""
    path = site.root / "checks" / "wordlists" / "classified.yml"
    text = path.read_text(encoding="utf-8")
    text += ("    - name: 尚未发布的统计数据\n"
             "      terms: '统计数据|统计结果'\n"
             "      markers: ['发布前|尚未发布']\n")
    path.write_text(text, encoding="utf-8")
    body = "全市律师业务收入统计结果如下，发布前仅供参考：共计3.2亿元。\n"
    assert secret(check_text(Site(site.root), body)) == {"secret.work"}


# -- secret.marking: markings in header positions it did not read before -------------------------
@pytest.mark.parametrize("body", [
    "内部文件关于调整局机关科室职责的通知",  # a marking run on into the title
    "内部情况通报第5期 关于近期几起涉法舆情的处置情况",  # a marking with its issue number
    "【内参】全市律师行业舆情分析",
    "此页内容为内部讨论记录。",
    "以下内容涉密，未经批准不得摘录。",
    "本通报限于领导班子成员阅知。",
])
def test_header_markings(site, body):
    assert secret(check_text(site, body + "\n")) == {"secret.marking"}


@pytest.mark.parametrize("body", [
    "以下信息不予公开：涉及国家秘密的信息；涉及商业秘密、个人隐私的信息。",
    "内部审计工作记录应当完整保存。",
    "内参中反映的问题已全部整改到位。",
    "关于进一步加强内部管理的通知",
    "湛江市司法局内部控制手册（2026年版）",
])
def test_header_marking_traps(site, body):
    assert not secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "附注：本文所列数据尚未经统计部门核定，暂不对外使用。",  # 本文 refers to itself
    "【说明】该文稿属于工作秘密，仅限承办人员知悉。",
    "这份材料是我们内部研究的，大家看完就删掉，不要发到群里。",  # a cover note in plain speech
    "提示：文中涉及的人员名单不宜公开，请在转发前删除。",
    "湛江市司法局办公室内部通知",
    "局内通知 请勿转发",
    "涉密事项交办单",
    "附件内容未经局党组审定，不作为正式依据，请勿在网上转载。",
])
def test_cover_notes_in_new_wordings(site, body):
    assert secret(check_text(site, body + "\n")) == {"secret.marking"}


@pytest.mark.parametrize("body", [
    "关于进一步加强内部管理的通知",
    "文中涉及的人物均为化名，案例仅供普法学习参考。",
    "本文所称不予公开的信息，是指依法确定为国家秘密的信息。",
    "请大家不要把未经核实的消息发到群里，以免以讹传讹。",
])
def test_cover_note_traps(site, body):
    assert not secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    # the time first, the future word after it
    "按照部署，12月22日凌晨3时，三个行动组将同时对吴川市梅菉街道某出租屋内的赌博窝点进行突击清查。",
    "据悉，督查组将在下周二不打招呼直插基层，重点检查遂溪县各司法所值班情况。",
    "这次干部调整方案还没有上会，名单先不要对外说。",
    "湛江市第二看守所监区平面布局图显示，一号监区位于东北角。",
    "目前案件仍在侦查，办案单位要求暂不对外披露，但主犯身份已经查明。",
])
def test_work_secrets_in_other_orders(site, body):
    assert secret(check_text(site, body + "\n")) == {"secret.work"}


@pytest.mark.parametrize("body", [
    "下一步，市司法局将对各县区法律服务机构开展不打招呼的暗访检查。",
    "今年以来，我局采取“四不两直”方式，先后对12个司法所开展暗访，发现问题9个。",
    "我局将会同公安部门对辖区娱乐场所开展统一行动，严厉打击黄赌毒违法犯罪。",
    "市第一看守所改扩建工程完工，新监区布局合理，共设监室60间，可满足羁押需要。",
    "12月20日上午，局领导带队对霞山区司法所开展暗访，随后召开座谈会。",
    "12月22日凌晨，三个行动组同时对吴川市一处赌博窝点进行突击清查，抓获涉赌人员15名。",
    "根据安排，市普法办将于12月10日对各县区普法工作开展考核验收。",
])
def test_operations_announced_or_done_pass(site, body):
    assert not secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", ["【密级】秘密", "保密级别：机密", "秘密等级：内部", "湛江市司法局关于重点人员排查情况的报告（秘密）"])
def test_level_labels_and_trailing_brackets(site, body):
    assert secret(check_text(site, body + "\n")) == {"secret.level"}


def test_level_in_prose_and_attachment_heads(site):
    assert not secret(check_text(site, "培训讲解了国家秘密的密级划分（绝密、机密、秘密），强调涉密信息不上网。\n"))
    assert not secret(check_text(site, "附件1：全市法律援助案件统计表\n"))
    assert secret(check_text(site, "附件1：秘密级 全市重点人员名单\n")) == {"secret.marking"}


@pytest.mark.parametrize("body", [
    "INTERNAL USE ONLY",
    "Confidential — 湛江市司法局2026年工作要点",
    "（供内部研究）关于律师行业发展情况的调研报告",
    "公开属性：不予公开",
    "【暂缓公开】关于调整部分收费标准的请示",
    "（仅供参考，请勿对外）",
])
def test_disclosure_attributes_and_english_markings(site, body):
    assert secret(check_text(site, body + "\n")) == {"secret.marking"}


@pytest.mark.parametrize("body", [
    "公开方式：主动公开",
    "信息公开选项：依申请公开",
    "我们要坚持对外开放，不要对外来务工人员区别对待。",
])
def test_public_attributes_pass(site, body):
    assert not secret(check_text(site, body + "\n"))
