"""secret.*, sixth round (issue #14): a marking quoted and explained in a secrecy lesson is talk about
markings; the same words on a paper still count."""

from __future__ import annotations

import pytest
from helpers import check_text


def secret(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("secret.")}


@pytest.mark.parametrize("body", [
    "问：文件右上角印着“不得外传”四个字，是什么意思？答：说明该文件只能在规定范围内阅读。",
    "“内部使用”等字样，常见于单位自行印制的学习材料。",
    "保密课上，老师解释：“仅供领导参阅”表示材料的阅读范围限于领导班子。",
    "有的同志问，会议材料上的“会后收回”意味着什么？它意味着这份材料会后要交回，不能带走。",
])
def test_a_marking_quoted_and_explained_passes(site, body):
    assert not secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "本材料为“内部资料”，请勿外传。",  # a quoted marking that the paper applies to itself
    "（内部资料，不得外传）\n\n关于全市矛盾纠纷排查情况的报告",
    "此件只在局机关内部传阅，阅后收回。",
])
def test_the_same_words_on_a_paper_still_count(site, body):
    assert "secret.marking" in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("scheme", ["mysql", "ftp", "redis", "https"])
def test_a_password_inside_an_address_is_found(site, scheme):
    import secrets
    value = "Zj" + secrets.token_hex(5)
    body = f"网站迁移记录：数据库连接 {scheme}://webadmin:{value}@db.example.org/site\n"
    found = [f for f in check_text(site, body) if f.rule == "secret.credential"]
    assert found and value not in found[0].message


@pytest.mark.parametrize("body", [
    "连接串的格式是 mysql://用户名:" + "password@主机地址，其中的密码由局办公室保管。",  # a placeholder (split for detect-secrets)
    "来信请发送至 zjsfj@zhanjiang.gov.cn，或访问 https://www.gd.gov.cn/ 查询。",
])
def test_addresses_without_a_password_pass(site, body):
    assert "secret.credential" not in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "以下内容请勿对外发布：\n\n一、重点人员的稳控情况",  # an order to the reader opening the list
    "此批示请勿扩散。",  # the paper (a leader's instruction) speaks of itself
    "本次会议内容不得对外透露，请与会人员严格遵守。",
    "本通报仅发至各县（市、区）司法局主要负责同志。",
])
def test_restrictions_a_paper_puts_on_itself(site, body):
    assert "secret.marking" in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "会议要求，涉密文件阅后要及时收回，不得对外透露会议内容。",  # a requirement reported
    "检查组强调，内部资料不得外传，涉密载体要专人保管。",
    "公务员应当保守工作秘密，不得对外透露履职中知悉的信息。",  # a duty in general
])
def test_requirements_reported_pass(site, body):
    assert not secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "2027年度普法工作要点（讨论稿）\n\n一、总体要求",
    "机关事务管理办法（修改稿，未经党组会审定）",
    "本月20日凌晨将对辖区网吧开展集中清查，届时不提前通知。",
])
def test_unfinished_papers_and_unannounced_actions(site, body):
    assert "secret.work" in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "《湛江市公共法律服务条例（草案）》（征求意见稿）现公开征求意见。",
    "12月3日，执法组不打招呼对两家公证处开展突击检查，发现问题4个，已责令整改。",
    "会议讨论了《2027年工作要点（讨论稿）》，与会人员提出了修改意见。",  # a title named in a report
])
def test_public_drafts_and_reports_after_the_event_pass(site, body):
    assert "secret.work" not in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize(("body", "fires"), [
    ("有关情况仅限局领导班子成员阅知，请勿扩散。", True),  # 有关 before a subject, then the restriction
    ("严禁泄露有关内部文件的内容。", False),  # 有关 right before the marking: talk about papers
    ("市委政法委、市公安局、市司法局等成员单位参加联席会议。会议议定事项纪要如下：一、……", False),
    ("局党组会议纪要\n\n参会人员：局党组成员\n\n会议议定事项：一、……", True),
])
def test_restrictions_and_minutes(site, body, fires):
    assert bool(secret(check_text(site, body + "\n"))) is fires


@pytest.mark.parametrize("body", [
    "【保密】关于重点信访人员近期动向的情况通报",  # a bracketed 保密 heading the paper
    "※ 仅限局机关内部使用 ※",  # framed by reference marks
    "（此页不公开）",  # the page speaks of itself
    "内部情况，注意保密。",
])
def test_labels_in_new_frames(site, body):
    assert "secret.marking" in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "【保密小课堂】什么是国家秘密？",
    "我们要深入了解企业内部情况，做好法律服务。",
    "《中华人民共和国保守国家秘密法》（2024年修订）自5月1日起施行。",
])
def test_secrecy_lessons_pass(site, body):
    assert not secret(check_text(site, body + "\n"))
