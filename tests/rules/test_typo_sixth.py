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


@pytest.mark.parametrize(("text", "rule", "match"), [
    # a registered law's title with a word left out, or with 法 turned into 条例 (no such regulation)
    ("依据《中华人民共和国治安处罚法》处以行政拘留五日。", "typo.term", "中华人民共和国治安处罚法"),
    ("根据《中华人民共和国社区矫正条例》的规定，外出应当事先申请。", "typo.term", "中华人民共和国社区矫正条例"),
    # a fixed national day beside another date
    ("决定在12月3日国家宪法日当天组织宪法宣誓。", "typo.numeral", "12月3日"),
    ("在国际禁毒日（6月25日）当天开展宣誓。", "typo.numeral", "6月25日"),
    # an article number beyond the law's last article
    ("根据《中华人民共和国民法典》第一千三百三十二条的规定。", "typo.numeral", "第一千三百三十二条"),
    # a national leader's name one homophone off, anywhere
    ("大家重温了习进平同志关于法治建设的论述。", "typo.term", "习进平"),
    # a word doubled inside a registered term, and a longer word doubled anywhere
    ("吴川市某镇人民调解调解委员会化解一起纠纷。", "typo.word", "调解调解"),
    ("市律师协会协会召开常务理事会。", "typo.word", "协会协会"),
    # 的 before a result that ends the clause
    ("部分单位审核制度落实的不到位，", "typo.word", "的不到位"),
])
def test_sixth_round_structures_reach_wordings_in_no_list(msite, text: str, rule: str, match: str) -> None:
    assert match not in LISTED_WRONG
    assert (rule, match) in typos(msite, text)


@pytest.mark.parametrize("text", [
    "学习《中华人民共和国劳动法》《中华人民共和国高等教育法》《中华人民共和国政府信息公开条例》《广东省法律援助条例》。",
    "12月3日（国家宪法日前夕），律师走进校园；12月4日国家宪法日当天集中宣传；12月3日是国际残疾人日。",
    "《民法典》第一千二百六十条，《刑法》第四百五十二条，《法律援助法》第七十一条。",
    "学习习近平总书记重要讲话；学习近平时积累的经验；坚持毛泽东思想、邓小平理论。",
    "这件事大家再研究研究；调解员一步一步地引导双方。",
    "法院判处被告人有期徒刑一年二个月，拘役二个月。",
])
def test_sixth_round_traps_pass(msite, text: str) -> None:
    assert typos(msite, text) == []


def test_yearless_date_takes_the_year_nearest_the_article(msite) -> None:
    """An article of 2026-11-20 (the test default) means 12月4日 of 2026 (a Friday) and 2月14日 of 2027
    (a Sunday); the turn of the year is no longer left unchecked."""
    assert ("typo.numeral", "12月4日（星期四") in typos(msite, "宪法日活动定于12月4日（星期四）上午举行。")
    assert typos(msite, "12月4日（星期五）举行；2月14日（周日）上班；1月1日（周五）放假。") == []


def test_a_leader_like_name_with_a_profile_or_an_affiliation_is_other_staff(msite) -> None:
    assert typos(msite, "**林志华**，男，汉族，1985年3月生，现任科长。") == []
    assert typos(msite, "先进个人：陈海燕（霞山区司法局）、吴建国（湛江市公证处）。") == []
    assert ("typo.leader", "林志墙") in typos(msite, "林志墙副局长出席会议并讲话。")


def test_a_joiner_inside_an_emoji_is_no_invisible_character(msite) -> None:
    assert typos(msite, "寒假将至👨\u200d👩\u200d👧，家长须知。") == []
    assert [r for r, _ in typos(msite, "寒假\u200d将至。")] == ["typo.invisible-char"]
