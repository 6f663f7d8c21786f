"""Issue #14, phrase.* (sixth round): the Xinhua-style usage list as data (checks/wordlists/xinhua.yml),
enumerated formulas checked by their structure, and framings written in English, pinyin or a flag."""

from __future__ import annotations

import pytest
import yaml
from helpers import REPO, check_text
from test_generalization import in_no_list, rules

from govpub.errors import PolicyError
from govpub.rules.phrase._substitution import DATA_KEYS, ethnic_abbreviations, leader_titles

XINHUA = REPO / "checks" / "wordlists" / "xinhua.yml"


def phrase(site, body: str) -> set[str]:  # noqa: ANN001
    return rules(check_text(site, body + "\n"), "phrase")


def severities(site, body: str) -> dict[str, str]:  # noqa: ANN001
    return {f.rule: str(getattr(f.severity, "value", f.severity))
            for f in check_text(site, body + "\n") if f.rule.startswith("phrase.")}


# -- enumerated formulas: one item replaced, halves crossed, words reordered around 、 ---------------
@pytest.mark.parametrize("body, unlisted", [
    ("要坚定道路自信、理论自信、制度自信、法治自信。", "法治自信"),                  # same pattern, other word
    ("锻造政治过硬、业务过硬、能力过硬、纪律过硬、作风过硬的队伍。", "能力过硬"),
    ("坚持“一国两制”、港人治澳、澳人治港、高度自治。", "港人治澳"),                 # halves crossed
    ("做到有法可依、有法必依、执法必究、违法必严。", "执法必究"),
])
def test_an_enumerated_formula_mis_stated_in_words_no_list_holds(msite, body, unlisted):
    in_no_list(unlisted)
    assert phrase(msite, body) == {"phrase.canonical"}


@pytest.mark.parametrize("body", [
    "要坚定道路自信、理论自信、制度自信、文化自信。",
    "增强法治意识、规则意识、契约意识、诚信意识。",                                      # another list
    "要增强政治意识、大局意识、核心意识、看齐意识，提升法治意识。",
    "推进严格司法，坚持严格执法、公正司法。",                                           # a crossed item alone
    "锻造政治过硬、本领高强的队伍。",
    "纲要提出建设职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的法治政府。",  # the 2015 formula
    "推动小事不出村、大事不出乡、矛盾不上交。",
])
def test_other_lists_and_single_items_pass(msite, body):
    assert not phrase(msite, body)


def test_a_replaced_item_names_the_right_one(msite):
    found = [f for f in check_text(msite, "坚定道路自信、理论自信、制度自信、历史自信。\n")
             if f.rule == "phrase.canonical"]
    assert len(found) == 1
    assert found[0].match == "历史自信"  # the wrong item alone: not the list, not the verb before it
    assert "“历史自信”应为“文化自信”" in found[0].message


# -- xinhua.yml: categories, a level per entry, generated ethnic abbreviations ----------------------
def test_every_entry_says_error_or_warning_and_the_rules_follow_it(msite):
    data = yaml.safe_load(XINHUA.read_text(encoding="utf-8"))
    entries = [e for k, v in data.items() if k not in DATA_KEYS for e in v]
    assert {e["level"] for e in entries} == {"error", "warning"}
    assert severities(msite, "他毕业后一直照顾残废人。") == {"phrase.substitution": "error"}
    assert severities(msite, "区检察院院长列席会议。") == {"phrase.caution": "warning"}


def test_a_level_that_is_neither_is_a_policy_error_naming_the_file(site):
    text = XINHUA.read_text(encoding="utf-8").replace("level: error, note: 一个中国原则}", "level: serious, note: 一个中国原则}", 1)
    (site.root / "checks/wordlists/xinhua.yml").write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        check_text(site, "正文。\n")
    assert "xinhua.yml" in str(err.value)


def test_ethnic_abbreviations_are_generated_not_listed(msite):
    in_no_list("柯族", "乌族", "锡族")
    for body in ("两名柯族牧民发生草场纠纷。", "乌族商户申请法律援助。", "锡族老人立下遗嘱。"):
        assert phrase(msite, body) == {"phrase.substitution"}, body
    generated = {e["wrong"] for e in ethnic_abbreviations(["土家", "土", "维吾尔", "塔吉克", "塔塔尔"])}
    assert generated == {"维族", "塔族"}  # 土族 is a group of its own; one 塔族 entry


@pytest.mark.parametrize("body", [
    "土族、白族、京族、水族群众代表参加座谈。",
    "家族企业、上班族和部族历史都是讲座的话题。",
    "一支那样的调解队伍；印度支那半岛位于亚洲东南部。",
])
def test_real_names_and_ordinary_words_pass(msite, body):
    assert not phrase(msite, body)


@pytest.mark.parametrize("body, rule", [
    ("据台 湾 总 统府消息。", "phrase.substitution"),        # spaces between the characters
    ("来自新疆的维·族青年。", "phrase.substitution"),          # a symbol between them
])
def test_a_word_split_by_spaces_or_symbols_is_still_found(msite, body, rule):
    assert rule in phrase(msite, body)


def test_a_split_across_quotation_marks_is_the_right_form(msite):
    assert not phrase(msite, "启动“八五”普法中期评估。")


@pytest.mark.parametrize("body", [
    "1997年7月1日，中国政府对香港恢复行使主权；政权交接仪式在香港举行。",
    "公证员提醒，企业股权转移要依法登记。",
    "他在“主权移交”一词的用法上作了说明，文章讲的是版权转移。",  # no Hong Kong or Macao in the sentence
    "参与“一带一路”项目建设的企业可以申请法律体检。",
    "残疾人与健全人享有平等的诉讼权利；体检显示血压正常人群比例上升。",
])
def test_what_the_bureau_writes_about_the_same_topics_passes(msite, body):
    assert not phrase(msite, body)


# -- framings in English, pinyin and flags ------------------------------------------------------
@pytest.mark.parametrize("body", [
    "英文稿写道：Taiwan is a sovereign state.",
    "拼音标题：Aomen he Zhongguo liangguo qingnian luntan。",
    "名单：the Republic of China delegation。",
    "各国来宾：🇹🇭 泰国、🇹🇼、🇻🇳 越南。",
    "学员来自Malaysia、Taiwan和Thailand等国家。",
])
def test_framings_in_latin_letters_or_a_flag(msite, body):
    assert phrase(msite, body) == {"phrase.sovereignty"}


@pytest.mark.parametrize("body", [
    "Guests from the People's Republic of China, Hong Kong SAR, China and Taiwan, China attended.",
    "The mainland and Taiwan signed the agreement on judicial assistance.",
    "来宾来自 China、Malaysia 等国家和地区，以及🇨🇳🇭🇰。",
    "Hong Kong and Macao lawyers may sit the national legal exam.",
])
def test_correct_english_passes(msite, body):
    assert not phrase(msite, body)


# -- state leaders' titles (generated from state_leaders) ------------------------------------------
@pytest.mark.parametrize("body, unlisted", [
    ("国务院常务会议由李强总书记主持。", "李强总书记"),
    ("国家主席赵乐际出席会议。", "国家主席赵乐际"),
    ("丁薛祥总理出席开幕式。", "丁薛祥总理"),
])
def test_a_leader_with_another_leaders_title(msite, body, unlisted):
    in_no_list(unlisted)
    assert phrase(msite, body) == {"phrase.substitution"}


@pytest.mark.parametrize("body", [
    "国家主席习近平签署主席令；习近平主席和李强总理会见外宾。",
    "国务院副总理丁薛祥、国家副主席韩正、全国政协主席王沪宁出席。",
    "2012年，时任国家副主席习近平访问美国。",
    "市总工会主席李强、书法家协会副主席韩正出席活动。",                                   # namesakes
])
def test_right_titles_history_and_namesakes_pass(msite, body):
    assert not phrase(msite, body)


def test_leader_titles_skip_a_leaders_own_title_but_not_its_deputy():
    wrong = {e["wrong"] for e in leader_titles([{"name": "甲乙", "titles": ["国家主席"]},
                                                {"name": "丙丁", "titles": ["副总理"]}],
                                               ["国家主席", "总理", "副总理"])}
    assert "甲乙国家主席" not in wrong and "丙丁总理" in wrong and "总理丙丁" in wrong


@pytest.mark.parametrize("body, unlisted", [
    ("中国仲裁机构与香港仲裁机构签署合作协议。", "中国仲裁机构与香港仲裁机构"),     # 中国 X with 香港 X
    ("港商来华设立企业须办理登记。", "港商来华"),
    ("他出国去台湾读书。", "出国去台湾"),
])
def test_hong_kong_macao_taiwan_set_outside_china_in_new_words(msite, body, unlisted):
    in_no_list(unlisted)
    assert phrase(msite, body) == {"phrase.sovereignty"}
