"""secret.*, eighth round (issue #14): the categories behind corpus6's misses, in wordings of their own,
and the secrecy lessons, verdicts and meeting reports beside each (corpus3 blocked two such clean articles)."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def secret(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("secret.")}


# a level word standing as a label in the middle of a line, in any spelling, beside a handling instruction
# or after the paper's reference to itself: no word list holds these spellings, the position finds them
@pytest.mark.parametrize("body, novel", [
    ("屏幕上是《重点时段巡控路线图》，绝~密，严禁翻拍外传。", "绝~密"),
    ("所附《集中收网行动分组表》属 JUEMI 级材料，仅送行动组长阅知。", "JUEMI"),
    ("随附的《帮教对象走访排期》为mimi级，阅后由司法所长收回。", "mimi级"),
])
def test_a_level_standing_as_a_label_is_found(site, body, novel):
    in_no_list(novel)
    assert "secret.marking" in secret(check_text(site, body + "\n"))


# 涉密 + any kind of paper after the paper's reference to itself
@pytest.mark.parametrize("body", ["该图系涉密图纸，使用后请交回档案室。", "本页属涉密清单，请勿拍照。"])
def test_a_paper_calling_itself_classified_is_found(site, body):
    assert "secret.marking" in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", ["签发：局办公室　☆秘密", "★机密★\n\n关于春节期间值班安排的通知"])
def test_a_star_before_the_level_is_found(site, body):
    assert "secret.level" in secret(check_text(site, body + "\n"))


def test_a_telegram_header_is_found(site):
    assert "secret.marking" in secret(check_text(site, "明传电报　湛司函〔2026〕19号　特急\n\n各县（市、区）司法局：\n"))


# secrecy lessons, verdicts and meeting reports: the levels talked about, rules told
@pytest.mark.parametrize("body", [
    "按照保密法，国家秘密分为绝密、机密、秘密三级，定密时应当同时确定保密期限。",
    "问：“机-密”和“秘-密”哪个级别更高？答：机密高于秘密。",
    "法院审理查明，被告人将一份机密级文件拍照后发送给他人，其中一份属于秘密级。",
    "市司法局召开保密工作会议，会议强调，涉密材料用后应当及时清退，不得私自留存。",
    "保密“十不准”：一、不准在私人交往中涉及国家秘密；二、内部资料不得带出办公场所。",
    "这场讲座揭开了遗嘱公证的秘密，吸引了不少老年人。",
    "JIMI同学在普法短视频大赛中获得一等奖。",
])
def test_lessons_and_reports_pass(site, body):
    assert not secret(check_text(site, body + "\n"))


def test_one_finding_for_a_level_both_rules_see(site):
    """secret.level reports 【机密】; secret.marking does not report the same word again."""
    assert secret(check_text(site, "【机密】关于重点人员排查情况的报告\n")) == {"secret.level"}


def test_a_key_after_its_label_and_a_space_is_found(site):
    """接口密钥 / 访问令牌 then a space and the value (built here: no credential-looking literal in the repo)."""
    value = "sk" + "_" + "a1b2" * 5
    for label in ("接口密钥", "访问令牌", "API key"):
        assert "secret.credential" in secret(check_text(site, f"小程序接入说明：{label} {value}\n"))


def test_words_after_a_key_label_pass(site):
    assert not secret(check_text(site, "密钥 管理制度已印发，令牌 发放由信息科负责。\n"))
