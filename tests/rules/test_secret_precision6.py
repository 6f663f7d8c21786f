"""secret.*, precision6 (issue #14): innocent uses of secrecy words in bureau news pass; the close real
marking of a paper still fires (the test that tries to get past each fix)."""

from __future__ import annotations

import pytest
from helpers import check_text


def secret(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("secret.")}


# a rule stated about a kind of paper in general: the clause's subject is the kind of paper
@pytest.mark.parametrize("body", [
    "根据保密管理有关规定，涉密载体不得擅自复制、摘抄，使用完毕应及时清退归档。",
    "按照规定，涉密文件应当专柜存放，不得擅自复制，用完及时清退。",
])
def test_a_rule_about_a_kind_of_paper_passes(site, body):
    assert not secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "根据保密管理有关规定，本文件为涉密载体，不得擅自复制、摘抄，使用完毕应及时清退归档。",
    "此材料属涉密文件，不得擅自复制，用完及时清退。",
    "涉密载体　不得擅自复制　用完即清退",
])
def test_a_paper_that_speaks_of_itself_still_counts(site, body):
    assert "secret.marking" in secret(check_text(site, body + "\n"))


# a care or secrecy wording after a modal verb: advice to the reader, not a label closing the line
@pytest.mark.parametrize("body", [
    "人民调解协议书要妥善保管",
    "国家安全机关提示：出国（境）人员要注意保密",
    "当事人应当妥善保管",
])
def test_care_advice_after_a_modal_verb_passes(site, body):
    assert not secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "全市律师队伍情况统计　妥善保管",
    "关于重点人员稳控情况的报告（注意保密）",
    "此件要注意保密",  # the paper speaks of itself
    "以上内容须妥善保管",
])
def test_a_care_label_still_counts(site, body):
    assert "secret.marking" in secret(check_text(site, body + "\n"))


# a quoted level marking given as an example at the end of a sentence
@pytest.mark.parametrize("body", [
    "密级和保密期限通常用“★”隔开标注，例如“机密★10年”。",
    "保密期限为五年的秘密级文件，标注为“秘密★5年”。",
])
def test_a_level_given_as_an_example_passes(site, body):
    assert "secret.level" not in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "机密★10年\n\n关于开展专项行动的通知",
    "“机密★10年”\n\n关于开展专项行动的通知",
    "湛江市司法局文件 “秘密★5年”",
])
def test_a_level_on_a_paper_still_counts(site, body):
    assert "secret.level" in secret(check_text(site, body + "\n"))


# a level qualified by 的 describes a kind of paper in a lesson
@pytest.mark.parametrize("body", [
    "保密期限为五年的秘密级文件，到期自行解密。",
    "涉及国家安全的机密级事项，保密期限一般为二十年。",
])
def test_a_level_describing_a_kind_of_paper_passes(site, body):
    assert not secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "本件为秘密级文件，请勿外传。",
    "以下材料定为机密级，保密期限：十年。",
])
def test_a_level_a_paper_gives_itself_still_counts(site, body):
    assert "secret.marking" in secret(check_text(site, body + "\n"))


# the personnel procedure stated as a rule
def test_the_personnel_procedure_as_a_rule_passes(site):
    assert not secret(check_text(site, "干部调整工作严格按照程序进行，未经公示不得任用。\n"))


@pytest.mark.parametrize("body", [
    "拟任李某某同志为副局长，人选尚未公示，请勿外传。",
    "干部调整方案（未经公示），请勿外传。",
])
def test_a_personnel_list_before_its_notice_still_counts(site, body):
    assert "secret.work" in secret(check_text(site, body + "\n"))


# a secrecy slogan or a secrecy column's tag names the topic
@pytest.mark.parametrize("body", [
    "注意保密，从我做起——我局开展保密宣传月活动",
    "【保密】小知识：如何正确处理废旧涉密载体",
])
def test_a_secrecy_slogan_or_column_passes(site, body):
    assert not secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "注意保密，请勿外传",
    "【保密】关于开展年度保密检查的通知",
    "【内部资料】小知识汇编",  # only the word 保密 names a topic
])
def test_the_same_labels_on_a_paper_still_count(site, body):
    assert "secret.marking" in secret(check_text(site, body + "\n"))


# a public answer to a complaint that promises to publish the result
def test_a_check_announced_with_its_result_to_be_published_passes(site):
    body = "网民反映某律所收费问题，我局正在核查，核查结果将及时向社会公布。\n"
    assert not secret(check_text(site, body))


@pytest.mark.parametrize("body", [
    "律所主任陈某某问题线索正在核查，结论尚未形成，请勿外传。",
    "陈某某问题正在核查，结果将内部通报，请勿外传。",
])
def test_a_named_persons_case_under_check_still_counts(site, body):
    assert "secret.work" in secret(check_text(site, body))


# a lent book returned after reading: a library's notice
def test_a_lent_book_returned_after_reading_passes(site):
    assert not secret(check_text(site, "借阅的图书阅后请按时归还图书馆。\n"))


@pytest.mark.parametrize("body", [
    "本材料阅后请交回局办公室。",
    "传阅后请交回机要室，不得复印。",
])
def test_a_paper_returned_after_reading_still_counts(site, body):
    assert "secret.marking" in secret(check_text(site, body + "\n"))


# a drafting procedure stated as a condition (……未经……审核的，不得……)
def test_a_drafting_procedure_as_a_condition_passes(site):
    body = "规范性文件草案未经合法性审核的，不得提交集体审议。\n"
    assert not secret(check_text(site, body))


@pytest.mark.parametrize("body", [
    "本稿未经审定，不得引用。",
    "（讨论稿）本方案未经局党组审定，请勿外传。",
])
def test_an_unfinished_paper_still_counts(site, body):
    assert "secret.work" in secret(check_text(site, body + "\n"))
