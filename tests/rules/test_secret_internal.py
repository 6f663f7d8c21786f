"""secret.work and secret.marking: internal document forms leaking onto the site (issue #14, third round).

A 请示 sent upward, a 会议纪要 with its attendance and agreed items, a copy number, a
distribution range, a discipline case still open, inspection findings before the feedback, a
penalty not yet decided. The adversary is a drafter who pastes the internal paper as a news
item; the traps are the same subjects once they are public.
"""

from __future__ import annotations

import pytest
from helpers import REPO, Site, check_text

WORDLIST = (REPO / "checks" / "wordlists" / "classified.yml").read_text(encoding="utf-8")


def secret(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("secret.")}


@pytest.mark.parametrize("body, unlisted, rule", [
    # a request addressed upward, closed the way 请示 are closed
    ("关于增设流动公证服务点的请示\n\n市政府：\n\n拟在吴川、廉江各设一个服务点。\n\n以上请示当否，请予审批。",
     "请予审批", "secret.work"),
    ("现将补充编制需求报上，是否妥当，请局领导核示。", "请局领导核示", "secret.work"),
    # minutes: the header three blank-line-separated lines above the attendance
    ("党组会议纪要\n\n第9期\n\n\n\n列席人员：纪检组长、办公室主任\n\n一、关于机关车辆处置的意见",
     "列席人员", "secret.work"),
    # copy number and distribution range
    ("第二份　共十五份\n\n关于律师行业风险排查情况的通报", "第二份　共十五份", "secret.marking"),
    ("阅知范围：各科室主要负责人\n\n全市调解组织摸底情况", "阅知范围", "secret.marking"),
    # a discipline case still open, with a named target
    ("群众反映吴川市某公证处公证员林某某私自收费的情况，目前纪检组正在核实，尚未作出结论。",
     "私自收费", "secret.work"),
    # inspection findings before the feedback
    ("市局督察组对遂溪县司法局的督察底稿显示，共有9宗案卷超期未结。", "督察底稿", "secret.work"),
    # a decision drafted but not taken
    ("我局拟吊销雷州市某基层法律服务所的执业证，目前处罚决定还没有下达。", "还没有下达", "secret.work"),
])
def test_internal_forms_in_unlisted_wording(site: Site, body: str, unlisted: str, rule: str) -> None:
    assert unlisted not in WORDLIST, f"{unlisted} is in the word list: the test would not show generalization"
    assert rule in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    # the reply to a request, reported after the fact
    "市政府已批复同意我局关于增设流动公证服务点的请示，服务点将于明年启用。",
    # meeting news, not minutes
    "会议研究议定了明年立法计划项目，列席会议的还有市人大法工委负责同志。",
    # an issued document's own copy count in a how-to
    "申请公证的，应当提交申请表一式两份，第一份由公证处留存。",
    # a closed discipline case, published
    "经查，某公证处公证员林某某违规收费问题属实，已给予其记过处分，现通报如下。",
    # inspection rectification published
    "市委第二巡察组反馈的9个问题已全部完成整改，整改情况予以公布。",
    # a procedure explained, no one named
    "拟作出吊销执业证书处罚决定的，应当告知当事人有要求举行听证的权利，决定尚未作出前当事人可以申辩。",
    # an ordinary distribution sentence and a contact line
    "本通知发送至各县（市、区）司法局。联系人：办公室，电话：0759-3100000。",
])
def test_public_forms_of_the_same_subjects_pass(site: Site, body: str) -> None:
    assert not secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "湛江市司法局内部动态（2026年第5期）政治部编印\n\n本期要目",
    "工作秘密　2027年度律师事务所年度考核初步安排\n\n一、考核对象",
    "（此件只报送局党组成员，知悉即可）\n\n关于干部轮岗交流的初步考虑",
])
def test_header_markings_in_new_positions(site: Site, body: str) -> None:
    assert "secret.marking" in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "保密工作会议在市行政中心召开，局机关全体干部参加。",
    "湛江市司法局办公室编印的《普法读本》免费向市民发放。",
    "以上内容仅供参考，具体以窗口解释为准。",
])
def test_marking_words_in_ordinary_lines_pass(site: Site, body: str) -> None:
    assert not secret(check_text(site, body + "\n"))
