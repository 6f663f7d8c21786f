"""Issue #14, prohibited.* fifth round: mechanisms rather than words. One vocabulary per kind of act
shared by every combination of that kind (`@offer`), emoji read as the word they stand for and toned
pinyin as plain pinyin, a sentence that points back continuing the one before it, and categories
described by what the sentence does (a weapon by its capability, a container made into a device, a
covert hand-over, youth and looks with a service). Each test tries to get an article past the check
in a wording no list holds; the crackdown news, court reports and notices of the same topic pass."""

from __future__ import annotations

import pytest
import yaml
from helpers import check_text
from test_generalization import rules
from test_prohibited_p4 import unlisted

from govpub.errors import PolicyError
from govpub.rules.prohibited._wordlist import group_words


def prohibited(site, body: str) -> set[str]:  # noqa: ANN001
    return rules(check_text(site, body + "\n"), "prohibited")


# -- one vocabulary of offers for every sale combination ------------------------------------------
def test_the_offer_class_is_shared_by_the_sale_combinations():
    data = yaml.safe_load((__import__("helpers").REPO / "checks/wordlists/prohibited/obscene_gambling_violence.yml")
                          .read_text(encoding="utf-8"))
    sharing = [c["what"] for c in data["combos"] if any("@offer" in g for g in c["groups"])]
    assert len(sharing) >= 8, sharing  # weapons, drugs, cards, devices, fake papers, exams, purity, effects
    words = group_words(data, ["@offer", "出一"])
    assert "验货" in words and "电联" in words and words[-1] == "出一"


def test_a_word_added_once_to_the_offer_class_counts_for_weapons_drugs_and_cards(msite, site):
    body = ["仿真枪到店，找老周。", "冰毒一包，找老周。", "银行卡出租，找老周。"]
    for text in body:
        assert not prohibited(msite, text), text  # no list holds 找老周: no offer yet
    path = site.root / "checks/wordlists/prohibited/obscene_gambling_violence.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  offer: [出售,", "  offer: [找老周, 出售,", 1), encoding="utf-8")
    for text in body:
        assert prohibited(site, text) == {"prohibited.obscene"}, text


def test_an_unknown_class_names_its_file_and_the_fix(site):
    path = site.root / "checks/wordlists/prohibited/obscene_gambling_violence.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("['@offer', 出售, 转让,", "['@offers', 出售, 转让,", 1), encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        check_text(site, "正文。\n")
    assert "obscene_gambling_violence.yml" in str(err.value) and "offers" in str(err.value)
    assert "classes" in str(err.value)


# -- emoji and toned pinyin ---------------------------------------------------------------------
def test_an_emoji_stands_for_its_word_and_the_finding_points_at_it(msite):
    body = "出售🔫，成色九成新，联系我看货。"
    found = [f for f in check_text(msite, body + "\n") if f.rule == "prohibited.obscene"]
    assert found, body
    assert "🔫" in found[0].match
    assert prohibited(msite, "🍁和❄️都有，需要的兄弟私聊。") == {"prohibited.obscene"}


@pytest.mark.parametrize("body", [
    "❄️寒潮来袭，请市民注意防寒保暖，有需要的可联系社区网格员。",  # a winter notice
    "🍁秋季森林防火，禁止携带火种进山。",
    "市公安局开展专项行动，依法打击🎰赌博违法犯罪。",  # enforcement context around the word
    "我们在Café Zhanjiang举办了普法沙龙。",  # an accented letter in a name
])
def test_emoji_and_accents_in_notices_pass(msite, body):
    assert not prohibited(msite, body), body


def test_toned_pinyin_is_read_as_plain_pinyin(msite):
    assert prohibited(msite, "dà má 现货，同城配送。") == {"prohibited.obscene"}
    assert prohibited(msite, "Dà Má 有货，私聊。") == {"prohibited.obscene"}


# -- a sentence that points back --------------------------------------------------------------
def test_a_denial_in_the_next_sentence_that_points_back_is_caught(msite):
    body = "所谓的英雄邱少云，在烈火中一动不动。这个故事完全是后人编的。"
    assert prohibited(msite, body) == {"prohibited.honour"}


@pytest.mark.parametrize("body", [
    "邱少云的事迹写进了本地普法读本。网上流传的一篇文章是编造的，公安机关已依法查处。",
    "邱少云的事迹写进了本地普法读本。一些网帖称其事迹是编的，这种说法已被依法查处。",
    "邱少云烈士的事迹感人至深。学生们在课本里读到的故事，激励着一代代人。",
])
def test_a_following_sentence_that_does_not_point_back_or_reports_an_enforcement_passes(msite, body):
    assert not prohibited(msite, body), body


# -- categories by what the sentence does, in wordings no list holds ----------------------------------
@pytest.mark.parametrize("body, novel, rule", [
    ("这把进口家伙射程远、精度高，有意向的老板私下联系。", "进口家伙", "prohibited.obscene"),
    ("库存几件气动发射器，可打穿三厘米木板，支持验货。", "气动发射器", "prohibited.obscene"),
    ("新进一批“砂糖”，老规矩交易，懂的来。", "砂糖", "prohibited.obscene"),
    ("把灭火器瓶装满药粉，两头封死，动静很大。", "灭火器瓶装满", "prohibited.obscene"),
    ("会所新来了几位艺术生，身材火辣，可陪到凌晨，预约私信。", "艺术生", "prohibited.obscene"),
    ("那次冲撞人群的司机是真正的勇士，值得我们铭记。", "司机", "prohibited.obscene"),
    ("一次性出清十几张对公账户，价格好商量，电联。", "十几张", "prohibited.obscene"),
    ("海南岛的人有权决定自己的前途，不需要中央点头。", "海南岛的人", "prohibited.security"),
    ("黄岩岛原本就不是我们的，何必去争。", "何必去争", "prohibited.security"),
    ("请一尊开了光的貔貅回家镇宅，保你财运亨通，结缘价六百六。", "六百六", "prohibited.cult"),
    ("某所长儿子的公司包了全镇的工程，老百姓心里都有数。", "某所长儿子", "prohibited.insult"),
    ("这些穿制服的迟早要被收拾，落到咱们手里有他们好看。", "穿制服的迟早", "prohibited.insult"),
    ("供电局内部员工说，下周全区要停电半个月，赶紧囤蜡烛。", "囤蜡烛", "prohibited.rumour"),
    ("下周三所有被拖欠工钱的师傅到工地大门集中，统一戴安全帽，讨不到工钱谁都别走。", "戴安全帽", "prohibited.rumour"),
])
def test_a_category_in_wordings_no_list_holds_is_caught(msite, body, novel, rule):
    unlisted(novel)
    assert rule in prohibited(msite, body), body


@pytest.mark.parametrize("body", [
    "林业部门提醒：候鸟迁徙季节禁止使用气枪打鸟，违者依法处理。",
    "警方查获一把射程可达五十米的改装气枪，犯罪嫌疑人已被刑事拘留。",
    "市场监管局提醒：高压锅使用前应检查安全阀，避免发生爆炸事故。",
    "烟花爆竹燃放安全提示：不得拆解二踢脚等产品，严禁私自改装。",
    "招聘会现场，十八九岁的技校毕业生与企业面对面交流。",
    "见义勇为的外卖小哥制止了持刀砍人的歹徒，被授予见义勇为英雄称号。",
    "抗战时期，游击队袭击日军据点，涌现出许多英雄。",
    "革命先烈为了共产主义信仰献出生命，他们的精神永远光荣。",
    "法院审理一起寻衅滋事案，被告人曾纠集多人到某公司门口聚集闹事。",
    "市自来水公司发布通告：因管网检修，下周二部分区域停水8小时。",
    "纪委监委通报：某所长利用职务便利为其子承揽工程，已被立案审查调查。",
    "经人民调解，兄弟二人和平分开经营，矛盾得到化解。",
    "台湾是中国领土不可分割的一部分，两岸同胞血浓于水。",
    "我局组织开展反邪教警示教育，揭露“转运符”“开光”等骗术。",
])
def test_same_topic_notices_reports_and_verdicts_pass(msite, body):
    assert not prohibited(msite, body), body
