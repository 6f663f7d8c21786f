"""secret.*: markings by position and structure (issue #14, fourth round).

A drafter pastes an internal paper wherever Markdown lets them: an image's alt text, a caption,
a table cell, the title in front matter, an HTML comment. Cover notes are worded freely: what
makes them markings is that the paper speaks of itself (本页、以上名单、此为) and restricts
who may see it. Each positive is paired with the narration about secrecy work that a bureau
publishes every week.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from helpers import check_text

CLASSIFIED = (Path(__file__).resolve().parents[2] / "checks" / "wordlists" / "classified.yml").read_text(encoding="utf-8")


def secret(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("secret.")}


@pytest.mark.parametrize("body", [
    "![内部参阅件](scan-01.jpg)\n\n全市调解组织统计情况见上图。\n",  # image alt text
    "![会议现场](a.jpg)\n\n图为专题会议材料首页（仅限局内传阅）\n",  # a caption closing on a bracketed label
    "| 文件名称 | 备注 |\n|---|---|\n| 执法监督情况汇总 | 内部资料，阅后收回 |\n",  # a table cell
    "<!-- 内部资料，发布前删除 -->\n\n全市公证行业发展情况\n",  # an HTML comment left in the draft
    "★内部资料★\n\n全市法律服务行业分析\n",  # framed by stars
    "司法行政内部通讯 2026年第12期（总第88期）\n",  # a header with its running number
    "湛江市司法局传真电报\n\n关于做好值班工作的通知\n",  # a telegram header
    "保密期限：至2027年6月30日\n\n关于执法检查计划的请示\n",  # a period label line
])
def test_markings_wherever_they_are_pasted(site, body):
    assert secret(check_text(site, body)) == {"secret.marking"}


def test_marking_in_the_front_matter_title(site):
    found = check_text(site, "各科室：现将初步方案印发给你们。\n", title="【内部】关于2027年度干部轮岗的初步方案")
    assert secret(found) == {"secret.marking"}


@pytest.mark.parametrize(("body", "unlisted"), [
    ("此为内部材料，转发请慎重。\n", "转发请慎重"),  # the paper speaks of itself: 此为
    ("温馨提示：以下信息属内部掌握，请勿在工作群外转发。\n", "工作群外"),  # 以下信息 + a restriction
    ("请勿将本文件内容透露给无关人员。\n", "无关人员"),  # the self-reference inside the note
    ("本期简报只发局领导及各科室主要负责人。\n", "主要负责人"),  # a limited distribution
    ("本通知内容不得在网站、微信公众号等公开发布。\n", "微信公众号等"),
    ("附件3涉密，不得上传至政务外网。\n", "政务外网"),  # 涉密 said of the attachment
    ("涉密，请勿在非涉密计算机上处理。\n", "非涉密计算机"),  # 涉密 as the label of a line
])
def test_cover_notes_in_unlisted_wordings(site, body, unlisted):
    assert unlisted not in CLASSIFIED, f"{unlisted} is in classified.yml: the test would not show generalization"
    assert secret(check_text(site, body)) == {"secret.marking"}


@pytest.mark.parametrize("body", [
    "我局召开机要保密工作培训会，讲解传真电报收发和密码电报管理要求。\n",  # talk about telegrams
    "培训围绕定密依据、保密期限、知悉范围的确定等内容展开。\n",  # the labels named, not used
    "根据政府信息公开条例，以下信息不予公开：涉及国家秘密的信息。\n",  # a rule quoted (list after a colon)
    "本通知要求，各单位不得在网站上发布未经审核的信息。\n",  # a rule of the notice, not a marking of it
    "律师不得将当事人的案件信息透露给无关人员。\n",  # a professional duty
    "湛江市司法局传真号码：0759-3338121，欢迎来函咨询。\n",
    "以上解答仅供参考，具体问题请咨询专业律师或拨打12348热线。\n",
    "法治文化公园周一闭园维护，当天不对外。\n",
    "温馨提示：请妥善保管，遗失不补。\n",  # a notice's care words
    "经核实，该信息系谣言，请勿转发、扩散。\n",  # a rumour warning
    "本网站所载内容，未经授权不得转载。\n",  # a copyright notice
    "会议强调，严禁在非涉密计算机上处理涉密信息。\n",
    "附件3：涉密人员保密承诺书（样本）\n",
])
def test_narration_about_secrecy_passes(site, body):
    assert not secret(check_text(site, body))


@pytest.mark.parametrize("level", ["绝密★启用前", "机密　★　２年", "绝密★永久", "密★1年", "秘密 ★ 长期"])
def test_levels_in_any_spacing_and_period(site, level):
    assert "secret.level" in secret(check_text(site, f"{level}\n\n关于重点工作的报告\n"))


def test_credentials_after_an_adverb_or_a_space(site):
    value = "Zj" + secrets.token_hex(4)  # made at run time: no credential literal in the repository
    assert "secret.credential" in secret(check_text(site, f"新入职人员的初始密码均为{value}，请登录后修改。\n"))
    assert "secret.credential" in secret(check_text(site, f"VPN 账号 zhangsan 密码 {value}\n"))
    assert "secret.credential" in secret(check_text(site, f"局邮箱账号已开通，邮箱密码{value}\n"))
    assert "secret.credential" in secret(check_text(site, f"系统管理员账号admin，口令{value}。\n"))
    # words after the label, a number without letters: no value
    assert not secret(check_text(site, "密码 输入错误三次将锁定账号，可拨打 0759-3338120 重置。\n"))
    assert not secret(check_text(site, "初始密码为身份证号后六位，请首次登录后及时修改。\n"))
    assert not secret(check_text(site, "新版系统支持指纹和密码两种登录方式，密码错误5次将锁定。\n"))


# ---- fifth round: table columns and cells, evident internal wordings, restriction chains ----

@pytest.mark.parametrize(("body", "rule"), [
    # a level under a 密级 column header, in any of the three levels and with a period
    ("| 序号 | 标题 | 密级 |\n|---|---|---|\n| 1 | 关于专项行动的部署 | 秘密★6个月 |\n", "secret.level"),
    ("| 文件 | 密级和保密期限 | 份数 |\n|---|---|---|\n| 研判报告 | 绝密 | 2 |\n", "secret.level"),
    # a marking that opens a table cell
    ("| 事项 | 说明 |\n|---|---|\n| 发放对象 | 限局党组成员阅知，用后退回 |\n", "secret.marking"),
    # a telegram's fields, the registry the paper returns to, a chain of bare restrictions after a self-reference
    ("收电单位：各地级以上市司法局\n\n关于加强值班值守的紧急通知\n", "secret.marking"),
    ("本期内容请于会后连同信封一并交回机要秘书。\n", "secret.marking"),
    ("上述名单不公开、不外传，由各支部书记掌握。\n", "secret.marking"),
    ("以上统计表载有未公开的执法数据，各科室注意。\n", "secret.marking"),
])
def test_fifth_round_structures(site, body, rule):
    assert secret(check_text(site, body)) == {rule}


@pytest.mark.parametrize("unlisted", ["连同信封", "机要秘书", "收电单位：各地级", "由各支部书记掌握", "执法数据"])
def test_fifth_round_wordings_are_not_listed(unlisted):
    assert unlisted not in CLASSIFIED


@pytest.mark.parametrize("body", [
    "| 序号 | 文件名称 | 密级 |\n|---|---|---|\n| 1 | 关于开展普法宣传的通知 | 非密 |\n",  # a public paper's column
    "| 题目 | 答案 |\n|---|---|\n| 公文的密级分为几级 | 绝密、机密、秘密 |\n",  # a quiz: no 密级 column
    "会议要求，严格落实涉密文件不上网、不外传要求，过期文件统一交机要室销毁。\n",  # narration of the rules
    "局办公室机要室工作人员参加全市机要保密业务培训。\n",
    "保密提醒：请妥善保管好个人银行卡，不要向陌生人透露验证码。\n",  # an anti-fraud tip
    "法院依法不公开审理了这起涉及商业秘密的案件，并当庭宣判。\n",
])
def test_fifth_round_traps_pass(site, body):
    assert not secret(check_text(site, body))


def test_account_and_password_written_as_a_pair(site):
    value = "Zj" + secrets.token_hex(4)  # made at run time: no credential literal in the repository
    assert "secret.credential" in secret(check_text(site, f"政务外网账号admin01/{value}\n"))
    assert "secret.credential" in secret(check_text(site, f"用户名：wangxm ｜ {value}\n"))
    # a case number or a link with a slash is no pair
    assert not secret(check_text(site, "案件编号：ZJ2026/A01234，请当事人核对。\n"))
    assert not secret(check_text(site, "申请表下载：https://sfj.zhanjiang.gov.cn/user/login/abc123\n"))


def test_back_office_addresses(site):
    """Art. 14: the back office's address is the door the credentials open (the platforms' public consoles
    and public services' login pages are not)."""
    found = check_text(site, "网站后台登录地址：https://cms.zhanjiang.gov.cn/admin/login.jsp\n")
    assert secret(found) == {"secret.credential"}
    assert secret(check_text(site, "内网地址：oa.zjsfj.local:8080/index\n")) == {"secret.credential"}
    assert not secret(check_text(site, "公众号后台网址为mp.weixin.qq.com，请联络员用本人微信扫码登录。\n"))
    assert not secret(check_text(site, "广东政务服务网登录地址：https://www.gdzwfw.gov.cn\n"))
    assert not secret(check_text(site, "培训讲解了网站后台管理和信息发布流程，后台管理地址请向局办公室索取。\n"))


def test_credential_label_with_an_invisible_character(site):
    value = "Zj" + secrets.token_hex(4)  # made at run time: no credential literal in the repository
    found = check_text(site, f"初始密\u200b码：{value}\n")
    assert "secret.credential" in secret(found)
    assert value in {f.match for f in found if f.rule == "secret.credential"}
