"""Issue #14, prohibited.*: each Art. 6 category is caught as a category (an object or subject
word AND an offer, instruction, call or claim in one sentence; generated written variants),
in wordings that no word list holds, while reports about the matter pass."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list, rules

from govpub.rules.variants import variants


def prohibited(site, body: str) -> set[str]:  # noqa: ANN001
    return rules(check_text(site, body + "\n"), "prohibited")


@pytest.mark.parametrize("body, rule, unlisted", [
    # a weapon offer: slang object + an offer word, no listed phrase
    ("库房里还剩两把长狗，带原厂瞄具，诚心要的留个电话。", "prohibited.obscene", "两把长狗"),
    ("手里有支土铳想转让，打野猪没问题，价钱好说。", "prohibited.obscene", "土铳想转让"),
    # drugs by street name + a sale
    ("今晚有一批G水到，老规矩楼下交货。", "prohibited.obscene", "G水到"),
    # explosive instruction: an oxidizer and a fuel in one sentence
    ("高锰酸钾和镁粉按二比一放进易拉罐里，点着就响。", "prohibited.obscene", "放进易拉罐里"),
    # pornography with a Latin abbreviation in full-width letters
    ("ＪＫ黑丝合集已传网盘，老司机私信领取。", "prohibited.obscene", "ＪＫ黑丝合集"),
    # gambling promotion
    ("新开的棋牌平台首存一百送一百，输了包回血。", "prohibited.obscene", "首存一百送一百"),
    # rumour: disaster + an insider or cover-up marker
    ("同学在电厂上班，说昨晚锅炉爆炸死了人，厂里压着不让说。", "prohibited.rumour", "锅炉爆炸死了人"),
    # a call to gather
    ("周五上午所有被骗的人到区政府门前静坐，不给说法就不走。", "prohibited.rumour", "所有被骗的人"),
    # ethnic contempt
    ("那些新疆来的摊贩没几个老实的，买东西要提防点。", "prohibited.ethnic", "新疆来的摊贩"),
    # denial of martyrs
    ("刘胡兰的故事其实是后来编的，当年根本没有这回事。", "prohibited.honour", "后来编的"),
    # a cult promise
    ("大法弟子说，只要每天发正念就能消灾免难。", "prohibited.cult", "每天发正念就能消灾免难"),
])
def test_categories_catch_unlisted_wordings(site, body, rule, unlisted):
    in_no_list(unlisted)
    assert prohibited(site, body) == {rule}


@pytest.mark.parametrize("body", [
    "民警在其车内查获土铳1支、铅弹40发，当事人已被依法行政拘留。",
    "法院审理查明，被告人在网上以“首存送彩金”招揽他人参赌，以开设赌场罪判处其有期徒刑二年。",
    "危险化学品经营单位销售高锰酸钾、硝酸铵等易制爆化学品，应当登记购买单位信息。",
    "市疾控中心通报，我市本周未发现新增病例，请市民注意个人防护。",
    "信访人反映诉求应当依法逐级走访，不得在机关门前静坐、拉横幅。",
    "我局党员干部到烈士陵园祭扫，重温刘胡兰、董存瑞等英雄的光辉事迹。",
    "新疆籍务工人员讨薪遇到困难的，法律援助中心依法为其提供援助。",
    "局机关定于周一上午召开全体干部碰头会，请准时参加。",
    "《中华人民共和国英雄烈士保护法》规定，任何组织和个人不得歪曲、丑化、亵渎、否定英雄烈士的事迹和精神。",
])
def test_reports_and_ordinary_notices_pass(site, body):
    assert prohibited(site, body) == set()


@pytest.mark.parametrize("body", [
    "出售qiangzhi，价格私聊。",  # a whole word in pinyin
    "长期出钅冈珠木仓，需要者私下沟通。",  # two characters split into components at once
    "网／上／赌／场，充值秒到账。",  # full-width slashes
    "出售仿丨真丨枪，价格私聊。",  # the stroke 丨 as a separator
    "出\u200b售\u200b气\u200b枪，价\u200c格\u200d私\u200b聊。",  # zero-width characters
    "出售fzq，价格私聊。",  # initials of a three-character combination word (仿真枪)
])
def test_written_variants_of_combination_words(site, body):
    assert "prohibited.obscene" in prohibited(site, body)


def test_whole_word_pinyin_and_all_components_are_generated():
    pinyin = {"钢": ["gang"], "珠": ["zhu"], "枪": ["qiang"]}
    got = variants("钢珠枪", pinyin, {"钢": "钅冈", "枪": "木仓"})
    assert {"gangzhuqiang", "gzq", "钅冈珠木仓", "钅冈珠枪", "钢珠木仓"} <= set(got)


def test_two_letter_initials_are_not_generated():
    """qz stands for 枪支, 清真 and 驱逐 alike: two letters would tie unrelated words together."""
    assert "qz" not in variants("枪支", {"枪": ["qiang"], "支": ["zhi"]}, {})


def test_one_written_word_does_not_fill_two_groups(site, tmp_path):
    """A word listed in both groups of a combination is one word, not a combination."""
    path = site.root / "checks" / "wordlists" / "prohibited" / "insult.yml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - what: 测试\n    groups:\n      - [甲乙丙]\n      - [甲乙丙, 丁戊己]\n"), encoding="utf-8")  # after its combos
    assert prohibited(site, "甲乙丙。") == set()
    assert prohibited(site, "甲乙丙丁戊己。") == {"prohibited.insult"}


def test_invisible_characters_one_finding_per_line_and_the_word_is_found(site):
    found = check_text(site, "出\u200b售\u200b气\u200b枪，价格私聊。\n正常的一行\u200b文字。\n")
    invisible = [f for f in found if f.rule == "typo.invisible-char"]
    assert len(invisible) == 2 and invisible[1].line == invisible[0].line + 1 and "3 个" in invisible[0].message
    assert "prohibited.obscene" in {f.rule for f in found}
