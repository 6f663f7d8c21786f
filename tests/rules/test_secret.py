"""secret.marking and secret.level: internal markings by category and position, not by phrase.

Each test is a drafter's attempt to get an internal document out (a marking reworded, spaced,
moved to the end of a line, turned into a cover note) beside the ordinary narration about
secrecy work that must stay clean.
"""

from __future__ import annotations

import pytest
from helpers import check_text


def secret(findings) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in findings if f.rule.startswith("secret.")]


@pytest.mark.parametrize("body", [
    "内部工作资料 未经批准不得翻印\n\n关于队伍建设的情况\n",  # 内部 + material noun, words after it
    "【内部参阅】关于近期信访形势的分析\n",  # a bracketed label opening a title line
    "湛江市司法局内部工作动态\n\n第7期\n",  # a header: the marking ends the line
    "全市行政复议工作情况（内部资料，不得翻印）\n",  # a bracketed label closing a line
    "该材料仅供局领导班子成员阅研，会后统一收回。\n",  # a self-reference and a reading limit
    "以上内容涉密，请勿转发。\n",  # 涉密 used as a predicate after 以上内容
    "湛司内〔2026〕5号\n\n关于值班安排的通知\n",  # an internal document-number series
    "发放范围：各科室负责人\n\n关于干部调整的说明\n",  # a label line
    "内 部 资 料\n\n全市律师队伍情况分析\n",  # spaces between the characters
    "內部資料，注意保存\n",  # traditional characters
    "（内\u200b部\u200b资\u200b料）\n",  # zero-width characters inside the marking
])
def test_markings_in_new_wordings_are_caught(site, body):
    assert {r for r, _ in secret(check_text(site, body))} == {"secret.marking"}


@pytest.mark.parametrize("body", [
    "## 内部文件处理培训\n\n培训讲解了内部文件的收发、传阅和归档要求。\n",  # a heading about the topic
    "严禁将内部文件上传互联网，严禁在非涉密计算机上处理涉密信息。\n",
    "律师事务所应当建立健全内部管理制度，加强内部控制和内部审计。\n",
    "以上内容仅供参考，具体以法律规定为准。\n",  # a legal-education disclaimer
    "请大家不要转发未经核实的消息，不要在朋友圈传播谣言。\n",
    "涉及国家秘密的政府信息不予公开。\n",
    "内政发〔2026〕12号\n\n关于某事项的通知\n",  # 内 as the first character: Inner Mongolia's series
    "按照《关于调整值班安排的通知》（湛司〔2026〕5号）要求，实行24小时值班。\n",
    "培训介绍了工作秘密和国家秘密的区别、定密工作的程序，明确定密依据。\n",
    "本材料已印发各单位。请勿转发未经核实的信息。\n",  # the self-reference is in another sentence
])
def test_narration_about_secrecy_passes(site, body):
    assert secret(check_text(site, body)) == []


def test_one_finding_per_marking_line(site):
    """The body starts on line 10 of the article (front matter above it)."""
    body = "内部资料 请勿外传 阅后收回\n\n正文。\n\n（内部资料）\n"
    assert secret(check_text(site, body)) == [("secret.marking", 10), ("secret.marking", 14)]


def test_level_marking_with_star(site):
    assert secret(check_text(site, "机密★1年\n\n关于开展专项整治行动的通知\n")) == [("secret.level", 10)]


@pytest.mark.parametrize("body", [
    "【机密】关于重点人员情况的报告\n",  # a bracketed level opening a title line
    "机密（★10年）\n\n关于专项行动的报告\n",  # the star and period in brackets
    "秘密★五年\n\n关于某事项的通知\n",  # the period in Chinese numerals
    "| 密级 | 机密 |\n|---|---|\n",  # a table row
])
def test_level_markings_in_other_layouts(site, body):
    assert {r for r, _ in secret(check_text(site, body))} == {"secret.level"}


def test_level_words_in_prose_pass(site):
    body = "培训讲解了国家秘密的密级划分，即绝密、机密、秘密三个等级，会议强调【保密】工作。\n"
    assert secret(check_text(site, body)) == []


def test_level_heading_a_title_line(site):
    assert {r for r, _ in secret(check_text(site, "秘密　关于重点人员情况的报告\n"))} == {"secret.level"}
    assert secret(check_text(site, "秘密 侦查是法定的侦查措施。\n")) == []  # a sentence, not a header
