"""privacy.*, eighth round (issue #14): identity numbers of every kind (residence permits, a foreigner's
permanent residence card, Hong Kong and Taiwan cards by their check characters), mobiles of Hong Kong,
Macao and Taiwan, and a status word naming the person right before the name."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list

from govpub.rules.privacy._checksums import is_hk_id, is_resident_id, is_tw_id


def privacy(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("privacy.")}


def test_check_characters():
    assert is_resident_id("810000200109304022") and not is_resident_id("810000200109304023")
    assert is_resident_id("944000198506062015")  # a foreigner's permanent residence card
    assert not is_resident_id("710000198506062011")  # no such region
    assert is_hk_id("XY", "204918", "2") and not is_hk_id("XY", "204918", "3")
    assert is_tw_id("P120039484") and not is_tw_id("P120039485")


@pytest.mark.parametrize("body", [
    "香港居民持居住证（号码 810000200109304022）办理继承公证。",
    "当事人为香港居民，身份证 XY204918(2)，委托律师代为起诉。",
    "台湾居民张某（身份证号 P120039484）申请法律援助。",
    "回访电话：00852 5123 6789（当事人本人）。",
])
def test_numbers_of_hong_kong_macao_taiwan_and_foreign_residents_are_found(site, body):
    assert privacy(check_text(site, body + "\n")) & {"privacy.id-number", "privacy.mobile"}


@pytest.mark.parametrize("body", [
    "港澳居民居住证号码前六位为810000或820000，台湾居民为830000。",
    "香港法律援助署热线 +852 2537 7677，可咨询跨境法律问题。",
    "身份证复印件请写明“仅供公证使用”，号码如 A123456(X) 的格式不予受理。",
])
def test_explanations_and_landlines_pass(site, body):
    assert not privacy(check_text(site, body + "\n"))


# a status word that names the person right before the name: no list holds 解矫人员 as a name's role
@pytest.mark.parametrize("body, novel", [
    ("解矫人员黄志坚（男，1983年生）在司法所推荐下进厂务工。", "解矫人员黄志坚"),
    ("特困人员邓亚娣，长年独居，司法所为她办理了赡养纠纷调解。", "特困人员邓亚娣"),
])
def test_a_status_word_naming_the_person_is_found(site, body, novel):
    in_no_list(novel)
    assert "privacy.person" in privacy(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "全市共有解戒人员186名，已全部落实帮扶责任人。",
    "慰问低保户、五保户等困难群众40户，送去慰问金。",
])
def test_a_status_word_for_a_group_passes(site, body):
    assert not privacy(check_text(site, body + "\n"))


def test_hong_kong_and_taiwan_numbers_tried_at_their_starts_find_what_one_scan_finds():
    """HK_ID and TW_ID are tried only where HK_START and TW_START match (performance only): over random
    soups of letters and digits the matches are those of finditer."""
    import random

    from govpub.rules.matching import finditer_at
    from govpub.rules.privacy import id_number

    pieces = ["A", "B", "XY", "K", "a", "1", "2", "123456", "654321", "(", ")", "（", "）", "9", "A", " ", "中", "P12"]
    rnd = random.Random(8)
    for pattern, start in ((id_number.HK_ID, id_number.HK_START), (id_number.TW_ID, id_number.TW_START)):
        found = 0
        for _ in range(3000):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(6, 20)))
            spans = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in finditer_at(pattern, start, text)] == spans, (pattern.pattern, text)
            found += bool(spans)
        assert found, "the soup must hold matches, or the comparison compares nothing"
