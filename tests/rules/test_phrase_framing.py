"""Issue #14, phrase.*: sovereignty framings and fixed slogans caught by their structure."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list, rules


def phrase(site, body: str) -> set[str]:  # noqa: ANN001
    return rules(check_text(site, body + "\n"), "phrase")


@pytest.mark.parametrize("body", [
    "代表团先后访问了泰国、越南和台湾，三国的调解制度各有特点。",
    "香港、新加坡与日本等几个国家的仲裁机构派员参会。",
    "律师协会与澳门、葡萄牙两国的同行签订合作备忘录。",
])
def test_taiwan_hong_kong_macao_counted_as_countries(site, body):
    assert phrase(site, body) == {"phrase.sovereignty"}


@pytest.mark.parametrize("body", [
    "代表团先后访问了泰国、越南和我国台湾地区，三地的调解制度各有特点。",
    "香港、澳门回归以来，中英、中葡两国政府的联合声明得到切实履行。",
    "香港和澳门的律师参加了三国演义主题的法治文化展览。",
])
def test_counted_regions_and_bilateral_countries_pass(site, body):
    assert phrase(site, body) == set()


def test_reordered_slogan_with_a_fixed_tail(site):
    wrong = "坚持人民当家作主、党的领导、依法治国有机统一。"
    in_no_list(wrong.rstrip("。"))
    assert phrase(site, wrong) == {"phrase.canonical"}
    assert phrase(site, "坚持党的领导、人民当家作主、依法治国有机统一。") == set()


def test_state_title_is_one_error_not_an_error_and_a_caution(site):
    found = [f for f in check_text(site, "中华民国外交部发表谈话。\n") if f.rule.startswith("phrase.")]
    assert [f.rule for f in found] == ["phrase.sovereignty"]
    history = [f.rule for f in check_text(site, "1912年中华民国成立。\n") if f.rule.startswith("phrase.")]
    assert history == []


# -- fourth round (rules-t4): new wordings by structure, and what the bureau really writes ---------
@pytest.mark.parametrize("body, unlisted", [
    ("据报道，台湾现任总统近日发表讲话。", "台湾现任总统"),                      # a qualifier before 总统
    ("这位学者曾为台湾的国家元首担任顾问。", "台湾的国家元首"),
    ("落款日期为民国一百一十四年三月五日。", "民国一百一十四年"),              # a 民国 year after 1949
    ("判决日期写作民国113年8月。", "民国113年"),
    ("论坛吸引了新加坡、马来西亚、中国大陆等国家的仲裁员。", "中国大陆等国家"),
    ("香港律师陈某结束在港的工作后回到中国发展。", "回到中国发展"),
    ("两岸 三地 青年法律人交流营开营。", "两岸 三地"),
])
def test_sovereignty_framing_in_new_wordings(site, body, unlisted):
    in_no_list(unlisted)
    assert "phrase.sovereignty" in phrase(site, body)


@pytest.mark.parametrize("body", [
    "研讨会邀请了美国、英国、新加坡等国家以及中国香港、中国澳门的律师参加。",
    "世界贸易组织成员包括中国香港、中国澳门和中国台北等单独关税区。",
    "全民国家安全教育日期间，香港的国家安全教育展览吸引了大批市民参观。",
    "1946年，中华民国政府在南京设立审判战犯军事法庭。",                        # history before 1949
    "中国有香港、澳门两个特别行政区，我国包括台湾在内的全部领土神圣不可侵犯。",
    "香港各界举行升旗仪式，香港的国旗、区旗迎风飘扬。",
    "来自内地、香港和澳门的律师以及东盟十国的代表共同出席论坛。",
    "香港青年到中国科学院深圳先进技术研究院实习。",
    "香港律师结束在港的工作后回到内地发展。",
    "民国元年，南京临时政府颁布《中华民国临时约法》；民国三十八年即1949年。",
])
def test_what_the_bureau_writes_about_hong_kong_macao_taiwan_passes(site, body):
    assert not phrase(site, body)


@pytest.mark.parametrize("body, phrase_", [
    ("要始终坚持人民全过程民主。", "全过程人民民主"),                           # words moved
    ("全面贯彻法治习近平思想。", "习近平法治思想"),
    ("牢固树立国家安全总体观。", "总体国家安全观"),
    ("深入学习贯彻习近平新时代中国特色主义思想。", "习近平新时代中国特色社会主义思想"),  # 社会 left out
])
def test_slogans_reordered_or_missing_a_word_by_characters(site, body, phrase_):
    """No wrong form is listed: the characters of a registered phrase in another order, or a
    registered part missing two characters, are found from the correct form alone."""
    in_no_list(body.rstrip("。"))
    found = [f for f in check_text(site, body + "\n") if f.rule == "phrase.canonical"]
    assert found and phrase_ in found[0].message


@pytest.mark.parametrize("body", [
    "加快建设法治政府，建设平安中国，推进中国法治建设。",                       # ordinary word orders
    "坚持中国特色社会主义道路，发展中国特色社会主义文化。",                      # a registered shorter form
    "全面贯彻习近平法治思想，坚持全过程人民民主，践行总体国家安全观。",
])
def test_natural_word_orders_and_shorter_forms_pass(site, body):
    assert not phrase(site, body)


@pytest.mark.parametrize(("body", "right"), [
    ("局党组研究部署全面从严治挡工作。", "全面从严治党"),      # an item of the 四个全面, one homophone
    ("全面从言治党向纵深发展。", "全面从严治党"),
    ("坚定不移推进从严全面治党。", "全面从严治党"),            # two words swapped
    ("切实保障人民当家做主的权利。", "人民当家作主"),
])
def test_item_of_an_enumerated_slogan_on_its_own(site, body: str, right: str) -> None:
    found = [f for f in check_text(site, body + "\n") if f.rule == "phrase.canonical"]
    assert len(found) == 1 and right in found[0].message, found


@pytest.mark.parametrize("body", [
    "深入推进全面依法治市、全面依法治县工作。",
    "坚持全面深化改革，全面从严治党永远在路上。",
])
def test_items_written_right_or_localised_pass(site, body: str) -> None:
    assert phrase(site, body) == set()
