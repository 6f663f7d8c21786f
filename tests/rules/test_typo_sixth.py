"""Sixth round (issue #14): typo rules that reach wordings in no list.

Law names one character off (from phrases.yml's registered laws, full and short names), organ
names one character off (typos.yml terms, correct forms only), and everyday four-character words
of jieba's dictionary one homophone off (typo.idiom's second tier). Each catch shows that the
written wrong form is in no list; each trap is what a bureau writes every week.
"""

from __future__ import annotations

import pytest
import yaml
from helpers import REPO, check_text

from govpub.rules.typo import _idioms

TYPOS = yaml.safe_load((REPO / "checks" / "wordlists" / "typos.yml").read_text(encoding="utf-8"))
LISTED_WRONG = {e["wrong"] for e in TYPOS["typos"]}
LAWS = yaml.safe_load((REPO / "checks" / "wordlists" / "phrases.yml").read_text(encoding="utf-8"))["laws"]


def typos(site, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(f.rule, f.match) for f in check_text(site, text) if f.rule.startswith("typo.")]


@pytest.mark.parametrize(("text", "wrong", "right"), [
    # full name inside 《》, a homophone (最/罪) in a law no typos.yml term holds
    ("普法讲师团走进校园，宣讲《中华人民共和国预防未成年人犯最法》。",
     "中华人民共和国预防未成年人犯最法", "中华人民共和国预防未成年人犯罪法"),
    # short name (without 中华人民共和国), a homophone (伍/务)
    ("律师结合《公伍员法》讲解了公务员的权利和义务。", "公伍员法", "公务员法"),
    # a look-alike (埋/理) in a full name
    ("依照《中华人民共和国治安管埋处罚法》第二十六条处以行政拘留。",
     "中华人民共和国治安管埋处罚法", "中华人民共和国治安管理处罚法"),
    # outside 《》 as well
    ("新修订的反家庭暴历法对告诫书制度作了完善。", "反家庭暴历法", "反家庭暴力法"),
])
def test_a_registered_law_one_character_off_is_caught(msite, text: str, wrong: str, right: str) -> None:
    assert wrong not in LISTED_WRONG and right.removeprefix("中华人民共和国") not in TYPOS["terms"]
    assert right in LAWS or "中华人民共和国" + right in LAWS
    found = [f for f in check_text(msite, text) if f.rule.startswith("typo.")]
    assert [(f.rule, f.match) for f in found] == [("typo.term", wrong)], found
    assert f"法律名称“{wrong}”" in found[0].message and f"应为“{right}”" in found[0].message


@pytest.mark.parametrize("text", [
    "依照《中华人民共和国公司法》《中华人民共和国公证法》和《中华人民共和国刑法》的规定。",  # laws one off each other
    "《预防未成年人犯罪法》《反家庭暴力法》《公务员法》都作了规定。",
    "依照《中华人民共和国治安管理处罚法》第二十六条处以行政拘留。",
])
def test_laws_written_right_pass(msite, text: str) -> None:
    assert typos(msite, text) == []


@pytest.mark.parametrize(("text", "wrong"), [
    ("市场监督管里局、公安局和司法局联合开展执法检查。", "市场监督管里局"),
    ("市住房和城乡建社局联合律师事务所走进小区。", "住房和城乡建社局"),
    ("区纪律检察委员会通报了三起典型问题。", "纪律检察委员会"),
])
def test_an_organ_name_one_character_off_is_caught(msite, text: str, wrong: str) -> None:
    assert wrong not in LISTED_WRONG
    assert typos(msite, text) == [("typo.term", wrong)]


def test_organ_names_written_right_pass(msite) -> None:
    text = ("省高级人民法院、市中级人民法院、区人民检察院、市场监督管理局、应急管理局和市纪律检查委员会均派员参加；"
            "检察委员会讨论了该案。")
    assert typos(msite, text) == []


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("法律援助律师据理立争，维护了农民工的合法权益。", "据理立争", "据理力争"),
    ("司法所进一步健全规章制渡，规范档案管理。", "规章制渡", "规章制度"),
    ("加快补齐村级公共法律服务基础设失短板。", "基础设失", "基础设施"),
])
def test_an_everyday_four_character_word_one_homophone_off_is_caught(msite, text: str, wrong: str,
                                                                      right: str) -> None:
    targets, lookalikes, _, _ = _idioms.idioms()
    assert right in _idioms.words() and wrong not in targets and wrong not in lookalikes
    assert wrong not in LISTED_WRONG and right not in (TYPOS.get("idioms") or [])
    found = [f for f in check_text(msite, text) if f.rule.startswith("typo.")]
    assert [(f.rule, f.severity, f.match) for f in found] == [("typo.idiom", "warning", wrong)], found
    assert f"词语“{wrong}”有同音错字：应为“{right}”" in found[0].message


@pytest.mark.parametrize("text", [
    "反应速度和应急反应能力明显提升。",        # 应急 + 反应: two words, not 应激反应
    "对寻衅滋事的行为人处以行政拘留。",        # 为人处以 starts inside 行为
    "对此，官方一字不提。",                    # 提 and 差 meet only in a rare reading
    "健全规章制度，补齐基础设施短板，律师据理力争。",
])
def test_everyday_words_chance_windows_and_compounds_pass(msite, text: str) -> None:
    assert [r for r in typos(msite, text) if r[0] == "typo.idiom"] == []


@pytest.mark.parametrize(("text", "match"), [
    ("全市普法工作开展的如火如荼，群众参与热情高涨。", "的如火如荼"),
    ("各项整改工作推进的扎扎实实。", "的扎扎实实"),
    ("值班安排组织的井井有条，", "的井井有条"),
])
def test_de_before_a_describing_complement_is_dei(msite, text: str, match: str) -> None:
    """的 between a verb of doing and a describing idiom that ends the clause: a structure, no list
    of wrong forms (the idioms are typo.idiom's generated list of correct idioms)."""
    assert match not in LISTED_WRONG and "开展的" not in LISTED_WRONG
    assert ("typo.word", match) in typos(msite, text)


@pytest.mark.parametrize("text", [
    "群众说的千真万确。",                       # what they said: 的 nominalizes
    "开展的丰富多彩的活动受到欢迎。",            # the idiom modifies a noun
    "大家干得热火朝天，工作开展得如火如荼。",    # written right
])
def test_de_nominal_and_attributive_pass(msite, text: str) -> None:
    assert [m for r, m in typos(msite, text) if r == "typo.word"] == []
