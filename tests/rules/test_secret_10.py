"""secret.*, tenth round (issue #14): credentials changed to a value or listed in a credential column, a cited
document's level, readership by rank and bracketed distribution limits, and work secrets of new kinds: questions in
an exam's notice, a facility's security gaps with patrol hours, a transfer's day and route, an inspection plan."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def secret(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("secret.")}


@pytest.mark.parametrize("body", [
    "交接备注：档案系统口令已经改为 Qx93kd2026，明天启用。\n",
    "| 岗位 | 登录名 | 临时密码 |\n|---|---|---|\n| 窗口一 | ck01 | Tb5m9x3q |\n",
])
def test_credentials_changed_or_in_a_column(site, body):
    assert secret(check_text(site, body)) == {"secret.credential"}


@pytest.mark.parametrize("body", [
    "请把密码修改为大小写字母加数字的组合，长度不少于8位。\n",
    "| 项目 | 密码要求 |\n|---|---|\n| 长度 | 8位以上 |\n",
    "| 序号 | 初始密码 |\n|---|---|\n| 1 | 身份证后六位 |\n",
])
def test_password_advice_is_no_credential(site, body):
    assert "secret.credential" not in secret(check_text(site, body))


@pytest.mark.parametrize("rule, found, quiet", [
    # a cited document's level; the same citation without it
    ("secret.level", "会议传达了《关于春节期间值班安排的通知》（湛司办〔2026〕31号，机密★3个月）的精神。",
     "会议传达了《关于春节期间值班安排的通知》（湛司办〔2026〕31号）的精神，强调保守秘密。"),
    # a facility's security gap with patrol hours; the gap fixed
    ("secret.work", "目前拘留所西侧周界报警系统故障，预计本周五修复，夜间巡逻时间为凌晨1点和4点。",
     "检查发现拘留所周界报警系统故障，已整改到位，夜间巡逻由每晚2次增加到3次。"),
    # a transfer still to come with its route; the transfer done
    ("secret.work", "明日凌晨将有8名罪犯押解至外省服刑，押解车辆途经海湾大桥。",
     "11月28日，8名罪犯押解至外省服刑，押解车辆途经海湾大桥，顺利抵达。"),
    # an inspection plan with days and targets; a yearly plan without them
    ("secret.work", "突击检查安排：12月3日检查坡头区某法律服务所，12月5日检查吴川市某司法鉴定所。",
     "全年突击检查安排：每季度开展一次，重点检查窗口服务。"),
])
def test_secrets_of_new_kinds_and_their_public_forms(site, rule, found, quiet):
    assert rule in secret(check_text(site, found + "\n"))
    assert not secret(check_text(site, quiet + "\n"))


@pytest.mark.parametrize("body", [
    "本期动态限于副处级以上领导干部阅知。\n",
    "拟推荐人员汇总表（尚未上会，切勿扩散）\n",
])
def test_readership_and_bracketed_limits(site, body):
    assert "secret.marking" in secret(check_text(site, body))


def test_questions_in_an_exam_notice(site):
    in_no_list("结构化小组讨论")
    body = ("一、面试时间：12月20日上午。\n\n二、本次结构化小组讨论的题目如下：1. 如何做好人民调解与诉讼的衔接；"
            "2. 如何提升窗口服务质量。\n\n三、请应聘人员提前20分钟到候考室报到。\n")
    assert "secret.work" in secret(check_text(site, body))
    counts_only = "一、面试时间：12月20日上午。\n\n二、题目共两道，每道限时6分钟。\n\n三、请应聘人员提前20分钟到候考室报到。\n"
    assert not secret(check_text(site, counts_only))


@pytest.mark.parametrize("body", [
    "报送：局领导　　分送：各科室（不对外）\n\n关于近期队伍管理情况的通报\n",
    "各位：附件是局务会讨论材料，阅后请勿传播。\n",
    "呈阅件\n\n关于公证机构年检情况的报告\n",
    "局长办公会审议稿　第2稿\n",
])
def test_cover_notes_and_draft_labels(site, body):
    assert "secret.marking" in secret(check_text(site, body))


@pytest.mark.parametrize("body", [
    "法治文化公园周一闭园维护（不对外开放），周二起恢复开放。\n",
    "律师法修订草案（第二次审议稿）提请全国人大常委会审议。\n",
])
def test_public_wordings_near_them_pass(site, body):
    assert not secret(check_text(site, body))
