"""Issue #14: every content family catches a wording that no word list holds.

Each test first shows that the wording is in none of the lists (so a phrase list alone
could not have caught it), then that the family's category rule catches it: a generated
variant (pinyin initials, one character in pinyin, a character split into components),
a combination of words in one sentence, a scored sentence, a structure or a near miss.
Clean traps beside each show the category rule is not a blunt instrument.
"""

from __future__ import annotations

import pytest
import yaml
from helpers import REPO, check_text

from govpub.rules.variants import latin_bounded, tables, term_chars, variants

WORDLISTS = REPO / "checks" / "wordlists"


def rules(findings, family: str = "") -> set[str]:
    return {f.rule for f in findings if f.rule.startswith(family) and not f.rule.startswith("meta.")}


def listed_words() -> set[str]:
    """Every literal entry of every word list (terms, phrases, markings, combination words)."""
    words: set[str] = set()

    def walk(node) -> None:  # noqa: ANN001
        if isinstance(node, str):
            words.add(node.lower())
        elif isinstance(node, list):
            for x in node:
                walk(x)
        elif isinstance(node, dict):
            for x in node.values():
                walk(x)

    for path in WORDLISTS.rglob("*.yml"):
        if path.name != "variants.yml":
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return words


def in_no_list(*wordings: str) -> None:
    words = listed_words()
    for w in wordings:
        assert w.lower() not in words, f"{w} is listed: the test would not show generalization"


# -- variants ------------------------------------------------------------------------------
def test_variants_are_generated_from_the_term():
    pinyin = {"法": ["fa"], "轮": ["lun"], "功": ["gong"]}
    got = variants("法轮功", pinyin, {"法": "氵去"})
    assert {"flg", "fa轮功", "法lun功", "氵去轮功"} <= set(got)
    assert "发轮功" in variants("法轮功", pinyin, {}, homophones={"法": ["发"]})
    assert "法轮功" not in got
    # two-character terms get no initials (two letters are too ambiguous)
    assert "hp" not in variants("黄片", {"黄": ["huang"], "片": ["pian"]}, {})


def test_latin_variants_match_whole_latin_words_only():
    assert latin_bounded("支持flg的人", 2, 5)
    assert not latin_bounded("aflgb", 1, 4)
    assert not latin_bounded("wwwflgcom", 3, 6)


def test_pinyin_table_covers_every_listed_character():
    """checks/wordlists/variants.yml is regenerated with `python -m govpub.rules.variants`
    after a word list changes; a character without its reading would get no pinyin variants.
    (Compared by coverage, not byte for byte: readings may differ between pypinyin releases.)"""
    data = yaml.safe_load((WORDLISTS / "variants.yml").read_text(encoding="utf-8"))
    pinyin, homophones = tables(data)
    missing = sorted(term_chars(REPO / "checks") - set(pinyin))
    assert not missing, f"词表改动后请运行 python -m govpub.rules.variants 重新生成 variants.yml：缺 {missing}"
    assert set(homophones) <= set(pinyin)
    assert pinyin["轮"] == ["lun"] and "论" in homophones["轮"]


@pytest.mark.parametrize("body, rule", [
    ("大家一起修炼FLG，身体会越来越好。", "prohibited.cult"),  # initials of 法轮功
    ("大家一起修炼ｆｌｇ。", "prohibited.cult"),  # full-width initials
    ("法lun功的书免费领取。", "prohibited.cult"),  # one character in pinyin
    ("f/l/g 大法好", "prohibited.cult"),  # initials with separators
    ("长期出售木仓支配件，价格私聊。", "prohibited.obscene"),  # 枪 split into 木仓
    ("网/上/赌/场，注册送彩金。", "prohibited.obscene"),  # slash separators
    ("网\u200b上\u200b赌\u200b场", "prohibited.obscene"),  # zero-width characters
])
def test_generated_variants_are_caught(site, body, rule):
    assert rule in rules(check_text(site, body + "\n"))


def test_initials_inside_an_english_word_or_url_pass(site):
    assert not rules(check_text(site, "参考 https://example.org/aflgb 与 Conflgroup 一文。\n"), "prohibited")


# -- combinations -----------------------------------------------------------------------------
@pytest.mark.parametrize("body, rule, unlisted", [
    ("本店长期供应各类高仿气枪及配件，支持货到付款，有意者私信详谈。", "prohibited.obscene", "高仿气枪"),
    ("刚到一批好叶子，纯度够高，同城可以面交。", "prohibited.obscene", "好叶子"),
    ("把氯酸钾和铝粉按三比一的比例混合，装入铁管后压实即可。", "prohibited.obscene", "氯酸钾和铝粉"),
    ("据水利局内部人士透露，鹤地水库今晚会决堤，请马上通知家人。", "prohibited.rumour", "鹤地水库今晚会决堤"),
    ("本周五上午九点，所有业主一起到区政府门口拉横幅讨说法。", "prohibited.rumour", "拉横幅讨说法"),
    ("这个民族天生野蛮，房东们最好不要租给他们。", "prohibited.ethnic", "这个民族天生野蛮"),
    ("黄继光堵枪眼的故事经不起推敲，完全是编出来的。", "prohibited.honour", "黄继光堵枪眼"),
    ("台湾早就是一个主权独立的国家。", "prohibited.security", "台湾早就是一个主权独立的国家"),
    ("中共迟早要垮台。", "prohibited.constitution", "中共迟早要垮台"),
])
def test_combinations_catch_unlisted_wordings(site, body, rule, unlisted):
    in_no_list(unlisted)
    assert rules(check_text(site, body + "\n"), "prohibited") == {rule}


@pytest.mark.parametrize("body", [
    "民警在其住处查获冰毒12克，犯罪嫌疑人已被依法刑事拘留。",
    "被告人李某以每克300元的价格向他人出售甲基苯丙胺，法院以贩卖毒品罪判处其有期徒刑三年。",
    "市气象台发布台风红色预警，请市民通知家人做好防范。",
    "请参训人员于8时在局机关门口集合，务必准时。",
    "某网民发帖称邱少云事迹是编造的，公安机关依据英雄烈士保护法对其依法处罚。",
])
def test_reports_about_the_matter_pass(site, body):
    assert not rules(check_text(site, body + "\n"), "prohibited")


def test_combination_words_must_share_a_sentence(site):
    """A weapon in one sentence and a price in the next is not an offer."""
    apart = "体育中心新添一批比赛用气枪。\n\n门票价格请联系场馆。\n"
    assert not rules(check_text(site, apart), "prohibited")
    together = "新到一批气枪，价格请联系店主。\n"
    assert rules(check_text(site, together), "prohibited") == {"prohibited.obscene"}


def test_combination_split_by_separators_is_still_caught(site):
    assert "prohibited.obscene" in rules(check_text(site, "出/售 气-枪，货.到.付.款\n"))


# -- ads, tone, phrase, typo, privacy, secret, repost ----------------------------------------------
def test_commercial_offer_in_new_wording(site):
    body = "本所新推家事无忧服务包，首月仅需199元，签约即赠遗嘱咨询一次，欢迎来电。"
    for phrase in ("家事无忧服务包", "首月仅需199元", "签约即赠"):
        in_no_list(phrase)
    assert rules(check_text(site, body + "\n"), "ads") == {"ads.offer"}


def test_public_service_notice_is_not_an_offer(site):
    body = "法律援助免费，符合条件的可拨打12348预约，残疾人可上门服务，咨询电话0759-3338120。"
    assert not rules(check_text(site, body + "\n"), "ads")


def test_calm_contempt_is_a_tone_warning(site):
    body = "这些所谓的专家一无是处，个个都是骗子。"
    in_no_list(body.rstrip("。"))
    found = [f for f in check_text(site, body + "\n") if f.rule == "tone.emotional"]
    assert found and all(f.severity == "warning" for f in found)


@pytest.mark.parametrize("body, unlisted", [
    ("本工作室提供离婚协议代写，一份只收八十八元，当天交付，有需要的留言。", "一份只收八十八元"),
    ("某投资公司推出的养老公寓项目，投资五万元起，每年稳定分红百分之八，保本保息。", "每年稳定分红百分之八"),
    ("律师函代发服务，一封只要九十九元，二十四小时内发出，需要的朋友私聊我。", "二十四小时内发出"),
])
def test_offer_structure_catches_unlisted_offers(site, body, unlisted):
    """Product, price (any amount, Arabic or Chinese numerals), benefit and call, three of four."""
    in_no_list(unlisted)
    assert rules(check_text(site, body + "\n"), "ads") == {"ads.offer"}


@pytest.mark.parametrize("body, unlisted", [
    ("如果连这样的案子都能轻判，法律的尊严何在。", "连这样的案子都能轻判"),
    ("有些干部整天只知道开会发文件，群众的事一件也办不成。", "一件也办不成"),
    ("这种老赖的脸皮之厚，真让人大开眼界。", "真让人大开眼界"),
    ("他们嘴里喊着为民服务，手里干的全是坑民的事。", "嘴里喊着为民服务，手里干的全是"),
    ("这样的调解协议，签了和没签又有什么区别呢。", "签了和没签又有什么区别"),
    ("有的申请人明明自己理亏，却三番五次跑来闹，真当司法所是他家开的了。", "真当司法所是他家开的"),
])
def test_sentence_patterns_catch_unlisted_tone(site, body, unlisted):
    """Patterns (连……都能, 一件也……不, a contemptuous target plus a judgment) and sentence scores."""
    in_no_list(unlisted)
    found = [f for f in check_text(site, body + "\n") if f.rule == "tone.emotional"]
    assert found and all(f.severity == "warning" for f in found)


def test_disguised_address_in_a_new_spelling(site):
    """The separators are a class (full-width dot, 。, 点 in brackets, dot, spaced dots), not a list of sites."""
    in_no_list("yuyue（点）zjfw（点）cn")
    assert rules(check_text(site, "预约请访问 yuyue（点）zjfw（点）cn\n"), "links") == {"links.disguised"}


def test_reordered_slogan_and_sovereignty_framing(site):
    assert "phrase.canonical" in rules(check_text(site, "坚持科学立法、公正司法、严格执法、全民守法。\n"))
    body = "来自新加坡、马来西亚、香港等多个国家的代表出席。"
    in_no_list("新加坡、马来西亚、香港")
    assert rules(check_text(site, body + "\n"), "phrase") == {"phrase.sovereignty"}


def test_near_miss_place_and_leader_anywhere(site):
    in_no_list("霞三区", "陈国东")
    assert "typo.place" in rules(check_text(site, "霞三区司法局开展普法活动。\n"))
    assert "typo.leader" in rules(check_text(site, "会上，陈国东同志提出要求。\n"))
    assert not rules(check_text(site, "当事人陈国东与邻居发生纠纷。\n"), "typo")
    # a leader's given name one character off, not a homophone, in plain narration (issue #15 item 5)
    in_no_list("林志刚")
    assert "typo.leader" in rules(check_text(site, "会后，林志刚还到社区矫正中心看望了工作人员。\n"))
    assert not rules(check_text(site, "林志刚律师为群众解答法律问题。\n"), "typo")
    # a local town one character off (not a homophone) is caught after its own county, and
    # anywhere when written as a place (before its office); ordinary words and towns elsewhere pass
    assert "typo.place" in rules(check_text(site, "遂溪县黄岭镇司法所。\n"))
    assert "typo.place" in rules(check_text(site, "黄岭镇司法所开展普法。\n"))
    assert not rules(check_text(site, "附近镇上的群众前来咨询，河南省黄岭镇的同行来访。\n"), "typo")


@pytest.mark.parametrize("body, rule", [
    ("当事人王某，住湛江市霞山区人民大道南48号3栋502房。", "privacy.address"),
    ("当事人持护照（号码E12345678）入境。", "privacy.passport"),
    ("车主李明华驾驶粤G12345小型轿车闯红灯。", "privacy.plate"),
])
def test_privacy_structures(site, body, rule):
    assert rules(check_text(site, body + "\n"), "privacy") == {rule}


@pytest.mark.parametrize("body", [
    "法律援助中心地址：赤坎区南方路25号3楼301室。",
    "李某驾驶粤G12345小型轿车闯红灯。",
    "车主李××驾驶粤G12345小型轿车闯红灯。",
    "护照号码E1234****。",
])
def test_privacy_traps(site, body):
    assert not rules(check_text(site, body + "\n"), "privacy")


def test_internal_marking_in_new_wording(site):
    in_no_list("仅限本系统传阅")
    body = "仅限本系统传阅 不得翻印\n\n关于执法检查情况的通报。\n"
    assert rules(check_text(site, body), "secret") == {"secret.marking"}
    assert not rules(check_text(site, "严禁将内部文件上传互联网。\n"), "secret")


def test_red_header_pasted_as_text(site):
    body = "湛江市司法局文件\n\n湛司发〔2026〕8号\n\n关于做好安全工作的通知\n\n抄送：市委政法委。\n"
    assert "repost.document-text" in rules(check_text(site, body))
    cited = "根据《关于做好安全工作的通知》（湛司发〔2026〕8号）要求开展检查。\n"
    assert not rules(check_text(site, cited), "repost")


def test_repost_without_publication_time(site):
    found = check_text(site, "全省司法行政工作会议召开。\n",
                       repost="\n  source_name: 广东省司法厅\n  source_url: https://sft.gd.gov.cn/a.html")
    assert "repost.source" in rules(found)


def test_invisible_characters_are_one_finding_per_line(site):
    found = [f for f in check_text(site, "网\u200b上\u200b赌\u200b场\n") if f.rule == "typo.invisible-char"]
    assert len(found) == 1 and "3 个" in found[0].message


@pytest.mark.parametrize("body, rule", [
    ('<script>alert("你好, 世界")</script>', "html.embed"),
    ("<div onclick=\"if(a>b){alert('你好,世界')}\">点击</div>", "html.event"),
    ('<iframe src="x"\n title="你好, 世界"></iframe>', "html.embed"),
])
def test_no_ascii_punct_noise_inside_markup(site, body, rule):
    found = check_text(site, body + "\n")
    assert rule in rules(found) and "punct.ascii" not in rules(found)
    assert "punct.ascii" in rules(check_text(site, "会议时间:2026年12月1日。\n"))  # prose is still checked


# -- secret, repost, privacy, punct: third round (rules-b) -----------------------------------------
@pytest.mark.parametrize("body, unlisted", [
    ("湛江市司法局内部情况反映\n\n第12期\n", "内部情况反映"),  # a header: 内部 + material noun ends the line
    ("说明：该材料仅供局党组成员阅研，会后统一收回。\n", "仅供局党组成员阅研"),  # a reading limit
    ("本报告内容涉密，请勿转发或上传网络。\n", "本报告内容涉密"),  # a self-reference and 涉密
])
def test_internal_markings_by_category(site, body, unlisted):
    in_no_list(unlisted)
    assert rules(check_text(site, body), "secret") == {"secret.marking"}


def test_red_header_and_body_sources_by_structure(site):
    letter = "湛江市人民政府办公室\n\n湛府办函〔2026〕45号\n\n主送：各县（市、区）人民政府。\n"
    assert rules(check_text(site, letter), "repost") == {"repost.document-text"}
    assert rules(check_text(site, "新华社北京12月3日电 全国法院系统召开工作会议。\n"), "repost") == {"repost.source"}


def test_privacy_shapes_without_keywords(site):
    # no 室, no 护照, no 车主: the structure alone (with a person in the sentence) decides
    assert rules(check_text(site, "李某家住某花园7幢2单元301。\n"), "privacy") == {"privacy.address"}
    assert rules(check_text(site, "外籍当事人证件号E87654321。\n"), "privacy") == {"privacy.passport"}
    assert rules(check_text(site, "市民邓海峰将其粤GD12345小汽车停在消防通道。\n"), "privacy") == {"privacy.plate"}


def test_nested_marks_are_a_pairing_error(site):
    assert rules(check_text(site, "学习《关于印发《某某办法》的通知》。\n"), "punct") == {"punct.pair"}
    assert not rules(check_text(site, "学习《关于印发〈某某办法〉的通知》。\n"), "punct")


def test_legal_term_with_a_homophone_from_a_list_of_correct_terms(site):
    """typo.term: the list holds 社区矫正, never the wrong 社区较正."""
    in_no_list("社区较正")
    assert rules(check_text(site, "司法所组织社区较正对象集中学习。\n"), "typo") == {"typo.term"}
    assert not rules(check_text(site, "司法所组织社区矫正对象集中学习。\n"), "typo")


def test_regions_counted_with_countries(site):
    body = "该所律师曾赴韩国、新加坡和台湾考察，比较三国的调解制度。"
    in_no_list("韩国、新加坡和台湾")
    assert rules(check_text(site, body + "\n"), "phrase") == {"phrase.sovereignty"}


# -- secret and privacy: second round (rules-b2) --------------------------------------------------
@pytest.mark.parametrize("body, unlisted", [
    # a planned operation: a category term, a future time and a named target; no marking word at all
    ("市场监管和司法行政部门准备于周五下午对霞山区三家典当行实施联合突查。\n", "联合突查"),
    # a personnel proposal before its notice
    ("法律援助处副主任的初步人选为刘建平同志，有关程序正在进行。\n", "初步人选为"),
])
def test_work_secrets_by_category(site, body, unlisted):
    in_no_list(unlisted)
    assert rules(check_text(site, body), "secret") == {"secret.work"}
    # the same category after the event is news
    assert not rules(check_text(site, "周五下午，执法人员对霞山区三家典当行实施了联合突查，已于当日反馈检查结果。\n"), "secret")


@pytest.mark.parametrize("body, unlisted, masked", [
    # an illness in no list: 患有 and a named private person
    ("受援人麦秋霞患有红斑狼疮，长期卧床。\n", "红斑狼疮", "受援人麦某患有红斑狼疮，长期卧床。\n"),
    # a victim named right after the harm
    ("遭受继父虐待的庞晓雯已被妥善安置。\n", "继父虐待", "遭受继父虐待的庞某某已被妥善安置。\n"),
])
def test_sensitive_personal_data_by_category(site, body, unlisted, masked):
    in_no_list(unlisted)
    assert rules(check_text(site, body), "privacy") == {"privacy.person"}
    assert not rules(check_text(site, masked), "privacy")  # the de-identified form passes
