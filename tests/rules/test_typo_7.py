"""Seventh round (issue #14): typo categories behind corpus5's misses, caught from correct forms.

Short terms (typos.yml short_terms) one homophone or look-alike off, from variants generated
out of the correct form; a character doubled inside a registered term; 的 before two results;
registered islands, peninsulas, straits and regions (places.yml kind feature); romanized local
names one letter off in Latin text; section heads registered in leaders.yml. Each catch shows
that the written wrong form is in no list; each trap is what a bureau writes every week.
"""

from __future__ import annotations

import pytest
import yaml
from helpers import REPO, check_text

TYPOS = yaml.safe_load((REPO / "checks" / "wordlists" / "typos.yml").read_text(encoding="utf-8"))
LISTED_WRONG = {e["wrong"] for e in TYPOS["typos"]}
PLACES = yaml.safe_load((REPO / "checks" / "registry" / "places.yml").read_text(encoding="utf-8"))["places"]


def typos(site, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(f.rule, f.match) for f in check_text(site, text) if f.rule.startswith("typo.")]


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("落实欠薪保障金，维护农明工合法权益。", "农明工", "农民工"),          # 明/民: a southern nasal final
    ("汛期前，司法所协助镇政府做好防讯物资储备。", "防讯", "防汛"),  # 讯/汛 (xun)
    ("劳动争议经仲才后，当事人不服的可以起诉。", "仲才", "仲裁"),  # 才/裁 (cai)
    ("戒读所开放日当天，家属参观了教育矫治区。", "戒读", "戒毒"),
    ("庭审中，被告任当庭表示认罪认罚。", "被告任", "被告人"),
])
def test_a_short_term_one_character_off_is_caught(msite, text: str, wrong: str, right: str) -> None:
    assert wrong not in LISTED_WRONG and right in TYPOS["short_terms"]
    found = typos(msite, text)
    assert ("typo.term", wrong) in found, found
    assert all(rule == "typo.term" for rule, _ in found)


@pytest.mark.parametrize("text", [
    "雨天路滑请缓行，注意安全。",                  # 缓行 is a word (缓刑 one homophone off)
    "保安检查院内消防设施。",                      # 检查 + 院内, not 检察院
    "申请人对行政复议决定不服的，可以提起诉讼。",  # 政复 across 行政 + 复议
    "被申请人同意归还欠款。",                      # 欠款 is no 欠薪: 款 sounds xin only by a rare reading
    "由群众裁定谁家的菜最好吃。",                  # 众裁 across 群众 + 裁定
    "联防巡逻队员上街。",
    "原告主张被告任职期间泄露商业秘密；申请任职回避。",   # 任职 is a word
])
def test_short_term_traps_pass(msite, text: str) -> None:
    assert typos(msite, text) == []


@pytest.mark.parametrize(("text", "doubled"), [
    ("区司法局组织社区矫矫正对象开展公益劳动。", "矫矫"),
    ("将进一步步优化窗口服务流程。", "步步"),
    ("医疗纠纷人民民调解委员会设在医院附近。", "民民"),
])
def test_a_character_doubled_inside_a_term_is_caught(msite, text: str, doubled: str) -> None:
    assert ("typo.word", doubled) in typos(msite, text)


@pytest.mark.parametrize("text", [
    "坚持人民民主专政。", "法治建设更进一步步入快车道。", "调解员员额不足。", "时时处处讲安全。",
    "一步步推进普法工作。", "他们积极参与与配合调解工作。", "行政复议与应诉科科长、信息科科长、城东所所长出席。",
])
def test_doubled_character_traps_pass(msite, text: str) -> None:
    assert [f for f in typos(msite, text) if f[1] in {c * 2 for c in text}] == []


def test_de_before_two_results_is_dei(msite) -> None:
    assert ("typo.word", "的深入细致") in typos(msite, "宪法宣传周活动组织的深入细致，群众参与度明显提高。")
    assert typos(msite, "组织的深入细致的入户走访得到了好评。") == []


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("调解员乘船登上特程岛，为渔民讲解海域使用权纠纷的处理办法。", "特程岛", "特呈岛"),
    ("雷洲半岛三面环海。", "雷洲半岛", "雷州半岛"),
    ("渔船在硇州岛附近海域作业。", "硇州岛", "硇洲岛"),
    ("积极对接大弯区法律服务需求。", "大弯区", "大湾区"),
])
def test_a_registered_feature_one_homophone_off_is_caught(msite, text: str, wrong: str, right: str) -> None:
    assert right in {p["name"] for p in PLACES if p["kind"] == "feature"} and wrong not in LISTED_WRONG
    found = [f for f in check_text(msite, text) if f.rule == "typo.place"]
    assert [f.match for f in found] == [wrong] and f"应为“{right}”" in found[0].message


def test_features_spelt_right_and_islands_elsewhere_pass(msite) -> None:
    text = "普法志愿者走进东海岛、南三岛；东山岛、南澳岛是外地的海岛；琼州海峡对岸是海南岛；融入粤港澳大湾区。"
    assert typos(msite, text) == []


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("The Zhangjiang Public Legal Service Center offers free consultation.", "Zhangjiang", "Zhanjiang"),
    ("Address: Xiashan District, Zhanjang.", "Zhanjang", "Zhanjiang"),
    ("Guandong Provincial Department of Justice", "Guandong", "Guangdong"),
    ("Legal aid centres of Leizou and Xuwen.", "Leizou", "Leizhou"),
])
def test_a_romanized_local_name_one_letter_off_is_caught(msite, text: str, wrong: str, right: str) -> None:
    found = [f for f in check_text(msite, text) if f.rule == "typo.place"]
    assert [f.match for f in found] == [wrong] and f"应为“{right}”" in found[0].message


def test_romanized_names_spelt_right_and_other_places_pass(msite) -> None:
    text = ("Offices in Zhanjiang, Guangzhou, Zhejiang and Zhuhai; Changjiang Road; ZHANJIANG MUNICIPAL BUREAU "
            "OF JUSTICE; Chikan, Potou, Mazhang and Lianjiang; Leisure and legal aid.")
    assert typos(msite, text) == []


def test_a_registered_section_head_one_character_off_is_caught(msite) -> None:
    found = typos(msite, "律师工作管理科科长周文洁就年度考核作了讲解。")
    assert found == [("typo.leader", "周文洁")]
    assert typos(msite, "律师工作管理科科长周文杰就年度考核作了讲解。") == []
    # court officials listed in a judgment are other people
    assert typos(msite, "本案审判长周文韬，审判员何晓青，书记员周文娟。") == []


def test_the_readings_table_is_generated_from_the_everyday_words() -> None:
    """everyday_readings.txt is what `python -m govpub.rules.typo._words` writes (regenerate both files
    together): every everyday character has its main reading, so short-term variants need no pypinyin."""
    from govpub.rules.typo import _pinyin, _words

    assert _words.READINGS.read_text(encoding="utf-8") == _words.generate_readings(_words.FILE.read_text(encoding="utf-8"))
    readings = _words.everyday_readings()
    assert readings["湛"] == "zhan" and readings["汛"] == _pinyin.main_reading("汛") == "xun"
