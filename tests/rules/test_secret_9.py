"""secret.*, ninth round (issue #14): an internal line kept from the public, an inspection's targets not to be told,
an account and its password after a system's name, a staff system's first-password rule, and a citizen's own
papers kept with care (no marking). Credential values are made at run time: no literal in the repository."""

from __future__ import annotations

import secrets

import pytest
from helpers import check_text
from test_generalization import in_no_list


def secret(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("secret.")}


def test_accounts_and_passwords_after_a_system_name(site):
    value = "Fz" + secrets.token_hex(3) + "@1"
    body = f"整改清单：公证业务系统 gzyw_admin / {value}；办公室打印服务器 root / {value}9。\n"
    found = [f for f in check_text(site, body) if f.rule == "secret.credential"]
    assert len(found) == 2
    # a site and its path, a version, a password without a digit: no pair
    assert not secret(check_text(site, "网站 zjsfj.gov.cn/art2026123 已改版，系统 v2.1/2026版 同步上线。\n"))


def test_a_first_password_rule_in_a_staff_system(site):
    in_no_list("警号后四位")
    body = "各位干警：执法办案平台已开通，默认密码为本人警号后四位加单位简称，首次登录请修改。\n"
    assert "secret.credential" in secret(check_text(site, body))
    # advice to the public, or a citizen's card explained: no staff system
    assert not secret(check_text(site, "请勿把密码设置为生日、身份证后六位等简单组合。\n"))
    assert not secret(check_text(site, "社保卡初始密码为身份证号后六位，请持卡人及时修改。\n"))


@pytest.mark.parametrize("body", [
    "会议明确，对外只说“依法处理中”；对其中涉及拆迁的2宗案件，内部掌握为“先稳后处”，不向当事人透露进度。",
    "督导组将对三家律所开展专项检查，请勿提前告知被检查单位。",
    "该宗复议案件的处理决定暂不对外公开，待市政府审批后再行送达。",
])
def test_an_internal_line_is_found(site, body):
    assert "secret.work" in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "行政机关不得以“内部掌握”为由拒绝公开依法应当公开的信息。",
    "市司法局将于12月开展律师行业专项检查，检查结果将向社会公布。",
    "维权提示：欠条、转账记录等证据请妥善保管，不要外借他人。",
])
def test_talk_about_openness_and_a_citizens_own_papers_pass(site, body):
    assert not secret(check_text(site, body + "\n"))


def test_a_paper_that_speaks_of_itself_is_still_marked(site):
    assert "secret.marking" in secret(check_text(site, "本材料请妥善保管，不得外借。\n"))


@pytest.mark.parametrize("body", [
    "（编者注：第二部分的具体数字删掉后再推送，原始数据见机要室登记簿。）",
    "重点人员黄某某拟于下周赴省上访，镇里已安排专人稳控。",
    "以上报告，请审阅。",
])
def test_editor_notes_petition_watch_and_report_closings_are_found(site, body):
    assert secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "“内部资料”“内部使用”等字样虽不属于密级标志，但有这些字样的材料也不能随意公开。",
    "今年以来，全市信访量下降两成，多宗信访积案成功化解。",
])
def test_lessons_and_petition_figures_pass(site, body):
    assert not secret(check_text(site, body + "\n"))
