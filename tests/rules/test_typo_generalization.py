"""Issue #14, typo family: categories instead of lists of wrong forms.

A Chinese-numeral year whose zero is not 〇, a set phrase or an organisation's name with one
homophone wrong, a function character typed twice: each test shows the wrong form is in no
list, that the category rule catches it, and that the nearby right wordings pass.
"""

from __future__ import annotations

import pytest
import yaml
from helpers import REPO, check_text

TYPOS = yaml.safe_load((REPO / "checks" / "wordlists" / "typos.yml").read_text(encoding="utf-8"))
LISTED_WRONG = {e["wrong"] for e in TYPOS["typos"]}


def typo_findings(site, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(f.rule, f.message) for f in check_text(site, text) if f.rule.startswith("typo.")]


@pytest.mark.parametrize(("text", "right"), [
    ("二零二六年三月一日起施行。", "二〇二六年"),
    ("落款：二O二五年十二月八日", "二〇二五年"),          # Latin capital O
    ("二o一九年修订。", "二〇一九年"),                    # Latin small o
    ("二０二六年一月", "二〇二六年"),                     # full-width digit zero
    ("二0二六年一月", "二〇二六年"),                      # ASCII digit zero
    ("二○二六年四月十五日", "二〇二六年"),                # U+25CB drawing circle
    ("一九九零年代以来", "一九九〇年"),
    ("二零零零年", "二〇〇〇年"),
])
def test_numeral_year_zero_is_the_numeral_ling(msite, text: str, right: str) -> None:
    found = typo_findings(msite, text)
    assert [r for r, _ in found] == ["typo.numeral"], found
    assert f"应为“{right}”" in found[0][1]


@pytest.mark.parametrize("text", [
    "二〇二六年三月一日起施行。",
    "2026年全市受理案件三千零五十件，2020年起实行零容忍。",
    "一百零二年前的今天。",                                 # a quantity, not a year
    "O2O年度营销方案。",                                     # letters, no Chinese digit
    "编号ZJ20O二年",                                         # a code glued to letters
])
def test_numeral_right_forms_pass(msite, text: str) -> None:
    assert typo_findings(msite, text) == []


@pytest.mark.parametrize(("wrong", "text"), [
    ("行之有校", "推动各项工作行之有校。"),
    ("刻不容换", "这项工作刻不容换。"),
    ("齐心携力", "调解员们齐心携力化解纠纷。"),
    ("当务之际", "各单位当务之际是抓好落实。"),
    ("砥励前行", "全体干警砥励前行。"),
    ("湛江市司发局", "湛江市司发局召开党组会议。"),
    ("人民检擦院", "霞山区人民检擦院开展法治宣传。"),
    ("法制调研科", "局法制调研科牵头起草方案。"),
])
def test_set_phrase_or_organisation_one_homophone_off(msite, wrong: str, text: str) -> None:
    assert wrong not in LISTED_WRONG, f"{wrong} is listed: the test would not show generalization"
    found = typo_findings(msite, text)
    assert [r for r, _ in found] == ["typo.term"], found
    assert f"“{wrong}”" in found[0][1]


@pytest.mark.parametrize("text", [
    "涉密人员坚持不泄露国家秘密，坚持不懈抓好保密教育。",   # 不泄露: the next word, not 不懈 mistyped
    "局党组坚持办实事求实效，做到行之有效、刻不容缓。",
    "湛江市司法局法治调研科会同市人民检察院、市中级人民法院开展督查。",
    "砥砺前行，久久为功，天下为公。",
])
def test_set_phrase_and_organisation_right_forms_pass(msite, text: str) -> None:
    assert typo_findings(msite, text) == []


def test_doubled_de_is_caught_but_not_inside_words(msite) -> None:
    assert [r for r, _ in typo_findings(msite, "倾听双方的的诉求。")] == ["typo.word"]
    assert typo_findings(msite, "合同标的的金额；调解目的的实现；这的的确确是典型案例。") == []


@pytest.mark.parametrize("text", ["各单位要扎实的推进普法工作。", "工作人员耐心的化解了双方矛盾。", "坚决的打击非法集资。"])
def test_adverbial_de_before_a_verb(msite, text: str) -> None:
    assert [r for r, _ in typo_findings(msite, text)] == ["typo.word"]


@pytest.mark.parametrize("text", ["形成扎实的推进机制。", "问题得到及时的处理。", "这是有效的解决办法。",
                                  "打造更加及时的回应关切平台。"])
def test_adverbial_de_attributive_passes(msite, text: str) -> None:
    assert typo_findings(msite, text) == []


# -- fourth round (rules-t4) --------------------------------------------------------------------
@pytest.mark.parametrize("text, wrong", [
    ("会议由局党组陈国梁主持。\n", "陈国梁"),           # after a body's name, not a homophone
    ("随后，林志坚与基层调解员座谈交流。\n", "林志坚"),
    ("在张志强的带领下，调研组走访了三个司法所。\n", "张志强"),  # another surname, a leader's doing
])
def test_leader_name_one_character_off_in_narration(site, text, wrong):
    found = [m for r, m in typo_findings(site, text) if r == "typo.leader"]
    assert found and wrong in found[0]


@pytest.mark.parametrize("text", [
    "林志愿者、陈国强项目和吴建成果展同时举行。\n",    # the changed character makes an everyday word
    "村民陈国梁与邻居因排水问题发生纠纷。\n",          # a party
    "调解员张志强耐心细致，带领村调委会化解纠纷。\n",    # someone else's role before the name
])
def test_ordinary_words_and_other_people_are_no_leader_near_miss(site, text):
    assert not [r for r, _ in typo_findings(site, text) if r == "typo.leader"]


def test_everyday_word_list_is_generated_and_current():
    """govpub/rules/typo/common_words.txt comes from jieba's dictionary (python -m govpub.rules.typo._words)."""
    from govpub.rules.typo import _words
    assert _words.everyday_word("志愿") and _words.everyday_word("成果")
    assert not _words.everyday_word("志刚") and not _words.everyday_word("国梁")
    assert _words.FILE.read_text(encoding="utf-8") == _words.generate(), \
        "请运行 python -m govpub.rules.typo._words 重新生成常用词表"


@pytest.mark.parametrize("text, wrong", [
    ("湛江市震山区司法局组织开展宪法宣传活动。\n", "震山区"),   # first character, after its own city
    ("徐闻县上桥镇司法所开展矛盾纠纷排查。\n", "上桥镇"),       # a town after its own county
])
def test_place_one_character_off_after_its_parent(site, text, wrong):
    assert wrong not in LISTED_WRONG
    found = [m for r, m in typo_findings(site, text) if r == "typo.place"]
    assert found and wrong in found[0]


def test_city_area_words_after_the_city_pass(site):
    text = "湛江市城区、湛江市区和湛江市新区的站点已全部建成，湛江市各县区司法局参加会议。\n"
    assert not typo_findings(site, text)


@pytest.mark.parametrize("text, ok", [
    ("双方当事人终于达成了了调解协议。\n", False),
    ("这是是我市首个村级公共法律服务工作室。\n", False),
    ("为了了解情况，这件事不能不了了之，是是非非要讲清楚，关键就是是否依法。\n", True),
    ("对整改不到位的单位，将在次进行通报。\n", False),
    ("在次日召开的会议上作了介绍。\n", True),
    ("当事人应当提供银行帐户信息。\n", False),
    ("法律援助就象一座桥梁。\n", False),
    ("他的形象和气象站的现象都很好。\n", True),
])
def test_confusable_and_doubled_characters_only_in_certain_contexts(site, text, ok):
    found = [r for r, _ in typo_findings(site, text) if r == "typo.word"]
    assert (not found) if ok else found


def test_local_county_first_character_before_an_office(site):
    found = [m for r, m in typo_findings(site, "波头区司法局开展普法活动。\n") if r == "typo.place"]
    assert found and "坡头区" in found[0]
    # a word of its own (东山, 中山) or after another place: a district elsewhere
    assert not typo_findings(site, "中山区司法局、鹤岗市东山区司法局来访。\n")


# ---- fifth round ----

def _in_no_typo_list(word: str) -> bool:
    lists = set(TYPOS["terms"]) | set(TYPOS["idioms"]) | LISTED_WRONG
    return not any(word in entry for entry in lists)


@pytest.mark.parametrize(("text", "doubled"), [
    ("涉案车辆已被被依法扣押。", "被被"),
    ("司法所与与村委会联合举办讲座。", "与与"),
    ("法律援助中心将将符合条件的案件指派给律师。", "将将"),
    ("会议对对下一步工作作出部署。", "对对"),
])
def test_any_listed_function_character_typed_twice(msite, text: str, doubled: str) -> None:
    assert _in_no_typo_list(doubled)
    assert doubled[0] in TYPOS["doubled"]
    found = typo_findings(msite, text)
    assert [r for r, _ in found] == ["typo.word"], found
    assert f"“{doubled}”多打了一个字" in found[0][1]


@pytest.mark.parametrize("text", [
    "他们积极参与与配合调解工作。",        # 参与 + 与
    "原告被被告打伤后报警。",              # 被 + 被告
    "司法所所长带队走访。",                # 司法所 + 所长
    "工作人员从从容容，邻里和和美美。",    # AABB
    "以及及时报告，对对联内容进行审核。",  # 以及 + 及时, 对 + 对联
    "作为为民服务的窗口，现在在岗人员十人。",
])
def test_doubled_characters_of_two_words_pass(msite, text: str) -> None:
    assert typo_findings(msite, text) == []


@pytest.mark.parametrize(("text", "right"), [
    ("霞山区爱国街道人民调解委圆会调处一起纠纷。", "人民调解委员会"),  # overlaps the correct 人民调解
    ("群众可到市公共法律服务中新咨询。", "公共法律服务中心"),
    ("全市干部凝心聚立，攻坚克难。", "凝心聚力"),
    ("各司法所要切实履职尽则。", "履职尽责"),
])
def test_term_one_homophone_off_inside_a_longer_name(msite, text: str, right: str) -> None:
    found = typo_findings(msite, text)
    assert [r for r, _ in found] == ["typo.term"], found
    assert f"应为“{right}”" in found[0][1]


@pytest.mark.parametrize("text", [
    "有关单位应当在醒目位置公示律师事务所年度检查考核的办理条件。",  # 公示 + 律师事务所
    "司法行政部门应当建立人民调解工作台账。",                          # 工作 + 台账
    "坚持全面从严治党，统筹推进各项工作，凝心聚力抓落实。",
])
def test_term_windows_made_of_other_words_pass(msite, text: str) -> None:
    assert typo_findings(msite, text) == []


def test_place_one_off_in_another_province_is_that_province_s_place(site) -> None:
    assert typo_findings(site, "福建省连江县、江西省遂川县司法局一行来湛考察。\n") == []
    found = typo_findings(site, "广东省湛江市遂西县司法局开展普法活动。\n")
    assert [r for r, _ in found] == ["typo.place"], found


def test_leader_table_with_a_leaders_header_is_checked(site) -> None:
    leaders = "| 日期 | 带队领导 |\n|---|---|\n| 12月2日 | 林志墙 |\n"
    assert [r for r, _ in typo_findings(site, leaders)] == ["typo.leader"]
    winners = "| 序号 | 姓名 |\n|---|---|\n| 1 | 林志刚 |\n"
    assert typo_findings(site, winners) == []


@pytest.mark.parametrize(("text", "says"), [
    ("培训班定于2026年12月4日（星期三）开班。", "是星期五"),
    ("会议于二〇二六年三月十日（星期一）召开。", "是星期二"),
    ("6月5日（周四）下午召开会议。", "是星期五"),          # the article's year (2026)
    ("至2026年4月31日结束。", "4月只有30天"),
    ("于2026年2月29日前报送。", "2月只有28天"),
    ("13月5日起施行。", "一年只有12个月"),
])
def test_dates_that_cannot_be_or_with_another_weekday(site, text: str, says: str) -> None:
    found = [(f.rule, f.message) for f in check_text(site, text + "\n", date="2026-06-01")
             if f.rule.startswith("typo.")]
    assert [r for r, _ in found] == ["typo.numeral"] and says in found[0][1], found


@pytest.mark.parametrize("text", [
    "会议定于2026年12月4日（星期五）召开。",
    "2024年2月29日，条例正式施行。",
    "去年6月5日（周四），我们开展了宪法宣传活动。",    # 2025-06-05 was a Thursday
    "12月7日（星期一）起接受报名。",                    # June article, December date: this or last year's
    "全年1至12月累计受理案件，每月15日为接待日。",
])
def test_right_dates_and_dates_of_another_year_pass(site, text: str) -> None:
    assert [f for f in check_text(site, text + "\n", date="2026-06-01") if f.rule.startswith("typo.")] == []


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("霞山区入民调解委员会调处纠纷。", "入民调解", "人民调解"),
    ("加强末成年人保护工作。", "末成年人保护", "未成年人保护"),
    ("市中级入民法院有关负责同志出席。", "中级入民法院", "中级人民法院"),  # the organ name (sixth round)
])
def test_term_with_a_lookalike_character(msite, text: str, wrong: str, right: str) -> None:
    assert _in_no_typo_list(wrong)
    found = typo_findings(msite, text)
    assert [r for r, _ in found] == ["typo.term"] and "形近" in found[0][1] and f"应为“{right}”" in found[0][1], found
