"""Issue #14, prohibited.* eighth round: categories found in a development corpus written blind
(tests/corpus6) — a weapon taught as a recipe (parts + put together + what it can do, whatever it is
called), an underground exchange channel offered for a fee, drugs said to be on sale now by a speaker
introduced as a recovering user (a speaker's 戒毒 is no report), a discriminatory quotation the writer
endorses (符合实际, 值得借鉴: the 不得 inside the quotation is no report), the reader shown the way to a
group the article names as a cult (a combination scoped to articles naming one), offers written in
English prose. Each caught in wordings no list holds; the verdicts, warnings and legal questions of the
same topics pass."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list, rules


def prohibited(site: Site, body: str) -> set[str]:
    return rules(check_text(site, body + "\n"), "prohibited")


@pytest.mark.parametrize("body, rule, unlisted", [
    ("船老大私下教人：把不锈钢管焊成一截，配上撞针和弹簧，就能做成射程五十米的“鱼炮”。", "prohibited.obscene", "鱼炮"),
    ("跨境货款急着回来的，不经过外管局也行，找地下钱庄走一圈，手续费三个点，渠道可靠。", "prohibited.obscene", "跨境货款"),
    ("一名戒毒康复人员说，那种“跳跳糖”现在网上还能买到，吃了整晚都嗨。", "prohibited.obscene", "整晚都嗨"),
    ("村规民约写有“疍家人懒惰，不得在本村落户”，评审组认为这条符合实际，值得推广。", "prohibited.ethnic", "村规民约"),
    ("“呼喊派”邪教组织近来活动频繁。\n\n感兴趣的可以去找，他们每晚都在旧粮站后面聚。",
     "prohibited.cult", "旧粮站"),
    ("We offer spy cameras and tracking devices for monitoring your partner, shipping overnight.",
     "prohibited.obscene", "overnight"),
    ("渔港仓库里每晚都有人推牌九，一局下来输赢上万，三缺一随时来。", "prohibited.obscene", "渔港仓库"),
    ("燃气表加个装置就能走慢，一年省好几百，手把手教会为止。", "prohibited.obscene", "教会为止"),
    ("朋友圈都在传，农商行下周暂停兑付，各位赶快去取。", "prohibited.rumour", "下周暂停兑付"),
])
def test_eighth_round_categories_catch_unlisted_wordings(site, body, rule, unlisted):
    in_no_list(unlisted)
    assert prohibited(site, body) == {rule}


@pytest.mark.parametrize("body", [
    # verdicts, warnings and legal questions of the very same things
    "法院审理查明，被告人用不锈钢管、撞针和弹簧组装成可发射钢珠的枪支，经鉴定属于枪支。",
    "律师提醒，通过地下钱庄换汇、不经过外管局结算属于违法行为，可能构成非法经营罪。",
    "一名戒毒康复人员回忆，过去在歌厅里接触过“跳跳糖”，如今已戒断三年。",
    "村规民约写有“外地人不得在本村落户”，评审组认为该条款违反法律规定，已责令修改。",
    "“呼喊派”邪教组织近来活动频繁。\n\n发现他们每晚聚会的，请及时向公安机关举报。",
    "The police seized spy cameras and tracking devices sold online for monitoring people illegally.",
    "问：参加六合彩有什么后果？答：参与赌博的依照治安管理处罚法处罚，情节严重的构成犯罪。",
    "民警在渔港仓库查处一处推牌九赌局，一局输赢上万，参赌人员被依法处罚。",
    "燃气公司提醒，在燃气表上加装置让表走慢属于盗窃行为，将被追缴费用。",
    "网传“农商行下周暂停兑付”不实，请储户不信谣、不传谣。",
])
def test_eighth_round_reports_pass(site, body):
    assert prohibited(site, body) == set()


def test_cult_directions_need_an_article_naming_a_cult(site):
    # the same directions in an article that names no cult are a village notice, not a finding
    directions = "想去听的村民，可以按小册子上的电话打过去，他们每周三晚上在村口仓库聚。"
    assert prohibited(site, "村里的戏曲协会近来活动频繁。\n\n" + directions) == set()
    assert prohibited(site, "“门徒会”邪教组织近来活动频繁。\n\n" + directions) == {"prohibited.cult"}


def test_endorsement_outside_the_quotation_only(site):
    # an endorsing word inside the quotation is the quoted person's; the writer's 依法 still excuses
    assert prohibited(site, "公约写有“外地人手脚不干净，不得租房，大家认为合情合理”，街道依法予以撤销。") == set()
    assert prohibited(site, "公约写有“外地人手脚不干净，不得租房”，街道认为合情合理。") == {"prohibited.ethnic"}


def test_short_latin_words_in_english_prose_stay_words(site):
    # OF, AV, SM are listed abbreviations; in English prose they are words or parts of words
    body = "Rules of Zhanjiang on the offer of legal aid: SME owners of AV equipment shops may apply online."
    assert prohibited(site, body) == set()
