"""Issue #14, prohibited.* fourth round: categories written as families of wordings (braced
alternatives), disguised forms of ordinary category words (~赌博 stands for dubo and 贝者博, never
for 赌博 itself), English category words, and calm offers, rumours, gatherings and stereotypes in
wordings no list holds, while the crackdown news, court reports and notices of the same topics pass."""

from __future__ import annotations

import functools

import pytest
import yaml
from helpers import REPO, check_text
from test_generalization import listed_words, rules

from govpub.policy import Policy
from govpub.rules.prohibited._wordlist import MAX_EXPANSION, BraceError, expand, lists

PROHIBITED = REPO / "checks" / "wordlists" / "prohibited"


def prohibited(site, body: str) -> set[str]:  # noqa: ANN001
    return rules(check_text(site, body + "\n"), "prohibited")


@functools.cache
def spelled_out() -> frozenset[str]:
    """Every literal word and every wording a braced word of the prohibited lists stands for
    (read once: the lists do not change during a run)."""
    words = set(listed_words())
    for path in PROHIBITED.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for combo in data.get("combos") or []:
            for group in [*combo["groups"], combo.get("unless") or []]:
                words.update(w.lower() for word in group for w in expand(word.removeprefix("~")))
    return frozenset(words)


def unlisted(*wordings: str) -> None:
    words = spelled_out()
    for w in wordings:
        assert w.lower() not in words, f"{w} is spelled out in a list: the test would not show generalization"


# -- braced wordings -----------------------------------------------------------------------
def test_a_braced_word_stands_for_every_combination_of_its_alternatives():
    assert set(expand("售楼{部|处}{门口|外}")) == {"售楼处门口", "售楼处外", "售楼部门口", "售楼部外"}
    assert set(expand("{还|}没{对外|}公布")) == {"没公布", "没对外公布", "还没公布", "还没对外公布"}
    assert expand("冰毒") == ["冰毒"]


TEN = "{" + "|".join("abcdefghij") + "}"


@pytest.mark.parametrize("word", ["售楼{部|处", "售楼部|处}", "{a|b}}", TEN * 3])
def test_a_broken_or_huge_braced_word_is_refused(word):
    assert 10 ** 3 > MAX_EXPANSION
    with pytest.raises(BraceError):
        expand(word)


def test_a_broken_braced_word_in_the_lists_names_file_line_and_fix(site):
    path = site.root / "checks/wordlists/prohibited/rumour.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("'上访'", "'上访").replace("[集体上访, 上街,", "[集体上访, '上{街|访', 上街,", 1),
                    encoding="utf-8")
    site.article(body="湛江市司法局开展宪法宣传周活动。\n")
    proc = site.run("check")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "checks/wordlists/prohibited/rumour.yml" in proc.stderr and "大括号" in proc.stderr
    assert "处理办法" in proc.stderr


def test_a_tilde_word_stands_only_for_its_disguised_forms():
    """~毒品 in the drug combination: dupin and du品 are group words; 毒品 itself is not (禁毒 news)."""
    ls = lists(Policy.discover(REPO))
    combos = ls.data["obscene_gambling_violence"]["combos"]
    drug = next(ci for ci, c in enumerate(combos) if c["what"] == "贩卖毒品")
    text_of = {j: t for t, js in zip(ls.matcher.patterns, ls.owners, strict=True) for j in js}
    words = {text_of[j] for j, p in enumerate(ls.patterns)
             if p.kind == "group" and p.wordlist == "obscene_gambling_violence" and p.combo == drug and p.group == 0}
    assert {"dupin", "du品", "毒pin", "冰毒"} <= words
    assert "毒品" not in words


@pytest.mark.parametrize("body", [
    "dupin长期有货，老地方交易。",
    "贝者博平台今天上线，注册就送体验金。",
    "seqing视频合集，扫码进群观看。",
])
def test_disguised_category_words_make_a_combination(msite, body):
    assert prohibited(msite, body) == {"prohibited.obscene"}, body


@pytest.mark.parametrize("body", [
    "禁毒民警提醒，毒品同城交易往往借助外卖、快递等渠道，发现线索请举报。",
    "本次讲座介绍了网络赌博平台“注册送彩金”的套路，提醒群众远离赌博。",
])
def test_the_plain_category_word_in_a_warning_passes(msite, body):
    assert prohibited(msite, body) == set(), body


# -- categories caught in wordings no list spells out -------------------------------------
@pytest.mark.parametrize("body, rule, novel", [
    ("小区业主周六上午在开发商售楼中心门前会合，每人带一条横幅。", "prohibited.rumour", "每人带一条横幅"),
    ("东简镇码头附近的海水昨晚起变色，厂里的员工说是化工原料泄漏，官方至今没对外公布。", "prohibited.rumour",
     "海水昨晚起变色"),
    ("有人私下讲，霞山那家医院最近住进来好多得怪病的人，别带孩子去。", "prohibited.rumour", "别带孩子去"),
    ("这些外省籍人员一律不录用，本店只招本地人。", "prohibited.ethnic", "本店只招本地人"),
    ("台风过后村里来了许多外地人，治安一下子变差了，最好把他们撵出去。", "prohibited.ethnic", "许多外地人"),
    ("PCP打气筒配全套改装件，价格私聊。", "prohibited.obscene", "打气筒配全套改装件"),
    ("新到一批 meth，纯度够，半小时送到。", "prohibited.obscene", "纯度够"),  # 新到一批 is a covert hand-over word since the fifth round
    ("想为了信仰出一份力的兄弟，路费由我们承担，到了有人接应。", "prohibited.obscene", "出一份力的兄弟"),
    ("那家按摩店提供上门服务，新到两个妹子，满意再付款。", "prohibited.obscene", "那家按摩店"),
    ("听局里的人说，某区法院的刘院长收多少判多少，大家心里都有数。", "prohibited.insult", "刘院长"),  # 大家心里都有数 is braced since the fifth round
])
def test_fourth_round_categories_catch_unlisted_wordings(msite, body, rule, novel):
    unlisted(novel)
    assert prohibited(msite, body) == {rule}, body


@pytest.mark.parametrize("body", [
    "区人社局在办事大厅楼下设立欠薪投诉接待点，工作人员现场受理农民工诉求。",
    "市生态环境局通报，东简镇码头附近海水变色系藻类繁殖所致，水质监测数据已对外公布。",
    "区卫生健康局提醒，近期手足口病进入高发期，家长发现孩子发热应及时就医。",
    "市人社局提醒，用人单位招聘不得以户籍、民族、地域为由拒绝录用劳动者。",
    "春节前夕，不少外地人返乡过年，火车站增开临时列车。",
    "市公安局依法收缴一批PCP气枪和改装配件，提醒市民不得非法买卖。",
    "法院审理查明，被告人以“纯度高、送货快”为噱头贩卖甲基苯丙胺，被判处有期徒刑七年。",
    "市民族宗教事务局走访清真寺，宣传宗教信仰自由政策和宗教事务条例。",
    "区残联组织康复师为重度残疾人提供上门服务，新到岗的两名康复师参加了培训。",
    "市纪委监委通报，某区法院原院长刘某收受案件当事人红包，被开除党籍。",
    "烟花爆竹安全宣传进社区：不要私自拆开鞭炮取出药粉，燃放时远离人群。",
    "博物馆展出的抗美援朝文物，讲述了志愿军战士在极寒中坚守阵地的英雄事迹。",
])
def test_fourth_round_reports_and_notices_pass(msite, body):
    assert prohibited(msite, body) == set(), body


def test_english_category_words_only_as_whole_words(msite):
    """gun, ice, weed count with a selling word; inside English prose or another word they do not."""
    assert prohibited(msite, "全新 gun 一把，同城面交。") == {"prohibited.obscene"}
    assert prohibited(msite, "The Nice Legal Service Centre 价格表见附件。") == set()
    assert prohibited(msite, "市冰雪运动协会（Ice Sports Association）发布赛事报名价格。") == set()


# -- a seller's report words -----------------------------------------------------------------
@pytest.mark.parametrize("body", [
    "依法经营，仿真枪现货，价格私聊。",
    "正规渠道合法销售，冰毒同城面交。",
    "符合国家规定，安全可靠，钢珠枪货到付款。",
])
def test_a_report_word_slipped_into_an_offer_excuses_nothing(msite, body):
    assert prohibited(msite, body) == {"prohibited.obscene"}, body


@pytest.mark.parametrize("body", [
    "根据枪支管理法规定，个人不得私自买卖枪支，网上私聊兜售仿真枪的多为诈骗。",
    "公安机关依法打击非法买卖枪支行为，请勿通过微信私聊购买仿真枪。",
    "禁毒民警提醒：有人以“同城面交、保证纯度”为名兜售冰毒，发现线索请举报。",
    "市场监管局依法检查玩具市场，对仿真枪价格异常的商户进行约谈。",
])
def test_reports_and_warnings_that_quote_an_offer_still_pass(msite, body):
    assert prohibited(msite, body) == set(), body


# -- every evasion form on every kind of offer -------------------------------------------------
OFFERS = [  # (sentence with {w} for the category word, the category word)
    ("{w}现货，同城面交，价格私聊。", "仿真枪"),
    ("{w}到货了，半小时送到，老地方见。", "冰毒"),
    ("{w}注册就送彩金，充值秒到账。", "网上赌场"),
    ("出售{w}，可寄全国。", "炸药"),
]


def _evasions(word: str) -> dict[str, str]:
    import opencc
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(word)
    return {
        "slashes": "/".join(word),
        "middle dots": "·".join(word),
        "full-width spaces": "\u3000".join(word),
        "zero-width spaces": "\u200b".join(word),
        "emoji between": "🔥".join(word),
        "traditional": opencc.OpenCC("s2t").convert(word),
        "last character in pinyin": word[:-1] + syllables[-1],
        "first character in pinyin": syllables[0] + word[1:],
        "all in pinyin": "".join(syllables),
        "all in spaced pinyin": " ".join(syllables),
        "upper-case pinyin": "".join(syllables).upper(),
        "full-width pinyin": "".join(chr(ord(c) + 0xFEE0) for c in "".join(syllables)),
    }


@pytest.mark.parametrize("template, word", OFFERS)
def test_every_evasion_form_of_the_category_word_is_caught(msite, template, word):
    for how, written in _evasions(word).items():
        found = prohibited(msite, template.format(w=written))
        assert "prohibited.obscene" in found, f"{how}: {template.format(w=written)}"


# -- two-letter initials of object words -----------------------------------------------------
@pytest.mark.parametrize("body", [
    "bd现货，同城面交。",  # 冰毒
    "出售DY和SQ，可寄全国。",  # 弹药, 手枪
    "dm到货，老地方拿货。",  # 大麻
    "出售单喷一把，九成新。",
    "罂粟壳长期有货，量大从优。",
    "亻方真枪到货，支持到付。",
])
def test_two_letter_initials_and_slang_of_object_words_in_an_offer(msite, body):
    assert prohibited(msite, body) == {"prohibited.obscene"}, body


@pytest.mark.parametrize("body", [
    "MG车型价格下调，消费者可到4S店咨询。",
    "XX市XX局联系电话见附件，价格标准按规定执行。",
    "PK赛现场，选手们围绕民法典知识展开比拼，联系电话12348。",
    "本次共开展普法宣传活动12场，QQ群和微信群同步发布。",
    "CT检查价格按医保目录执行，需要的患者可到窗口咨询。",
])
def test_common_acronyms_are_no_initials(msite, body):
    assert prohibited(msite, body) == set(), body
