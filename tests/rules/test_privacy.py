"""privacy.*: personal numbers in any width and spacing; masked and invalid ones pass."""

from __future__ import annotations

import pytest
from helpers import check_text

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
    "身份证号：440881199001011234。",  # checksum wrong: not an ID number
    "统一社会信用代码：31440800MD0186452M。",
    "编号 1440881199001011233 的档案。",  # 19 digits: part of a longer number
    "2026年共办理法律援助案件1233件，同比增长12.5%。",
])
def test_id_number_passes(site, body):
    assert ids(check_text(site, body + "\n")) == []


def test_id_number_in_title_is_found_at_its_place(site):
    findings = check_text(site, "正文。\n", title="关于440881199001011233的公示")
    assert ids(findings) == [("privacy.id-number", 2, 10, "440881199001011233")]
