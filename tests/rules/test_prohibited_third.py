"""Issue #14, prohibited.* third round: calm wordings of the thin Art. 6 categories (martyr
doubt, terror praise and recruiting, betting groups, fortune-telling offers, escort prices,
named scandal, disaster rumours with a 'reliable' claim, gatherings at a bureau's gate, a
people stereotyped), each caught as a combination in a wording no list holds, while the
matching reports, histories and notices pass."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list, rules


def prohibited(site, body: str) -> set[str]:  # noqa: ANN001
    return rules(check_text(site, body + "\n"), "prohibited")


@pytest.mark.parametrize("body, rule, unlisted", [
    ("董存瑞舍身炸碉堡一事疑点重重，几份回忆录的说法前后矛盾。", "prohibited.honour", "舍身炸碉堡一事"),
    ("那名在广场引爆自己的人被群里称作为信仰献身的勇士，值得效仿。", "prohibited.obscene", "引爆自己的人"),
    ("想去境外参加圣战的可以私信我，路费有人出。", "prohibited.obscene", "路费有人出"),
    ("今晚欧冠竞猜群照常开盘，拉人入群按人头给提成。", "prohibited.obscene", "按人头给提成"),
    ("老师傅测八字一次两百，看不准不收钱，微信同号。", "prohibited.cult", "看不准不收钱"),
    ("城中村那边找小姐三百块一次，可以包夜。", "prohibited.obscene", "城中村那边"),
    ("据知情人爆料，某局长王某某收受工程老板回扣上百万。", "prohibited.insult", "工程老板回扣"),
    ("水库下游有几百人下落不明，官方不会报道，消息千真万确。", "prohibited.rumour", "几百人下落不明"),
    ("拆迁户们周三上午统一到住建局门口，当面表达诉求。", "prohibited.rumour", "拆迁户们"),
    ("那个族的人生来不讲卫生，租房给他们的都后悔了。", "prohibited.ethnic", "生来不讲卫生"),
    ("出售zd和qz，支持同城面交。", "prohibited.obscene", "支持同城面交"),
])
def test_third_round_categories_catch_unlisted_wordings(site, body, rule, unlisted):
    in_no_list(unlisted)
    assert prohibited(site, body) == {rule}


@pytest.mark.parametrize("body", [
    "1947年1月，刘胡兰因叛徒出卖被捕，英勇就义，毛泽东同志为她题词。",
    "法院审理查明，被告人建立足球竞猜群开盘坐庄，拉人入群抽取提成，以开设赌场罪被判刑。",
    "民政部门提醒，测八字、看风水、化解血光之灾都是封建迷信，切勿花钱上当。",
    "警方在城中村查处一处卖淫窝点，涉案人员以“一百块一次”招揽嫖客。",
    "市纪委监委通报，某局原局长王某某收受工程老板回扣，被开除党籍并移送检察机关。",
    "市应急管理局发布：水库下游仍有3人下落不明，搜救工作正在进行。",
    "考生请于上午八点前到考点大门口集合，统一入场。",
    "区住建局在售楼部设立接待点，集中受理业主诉求并逐一答复。",
    "各民族一律平等，任何人不得以“生来”“天生”之类的说法歧视某个民族。",
    "全市开展反恐演练，模拟处置持刀袭击事件，参演民警向英雄模范学习。",
])
def test_third_round_reports_and_notices_pass(site, body):
    assert prohibited(site, body) == set()


@pytest.mark.parametrize("body", [
    "赤坎区人天生爱占小便宜，做生意要防着点。",
    "老板们私下都说廉江人不老实，招工时别要。",
])
def test_regional_contempt_of_any_registered_place(site, body):
    """The people of every place in checks/registry/places.yml are subjects of regional contempt."""
    assert prohibited(site, body) == {"prohibited.ethnic"}


def test_a_place_registered_later_is_covered(site):
    path = site.root / "checks" / "registry" / "places.yml"
    body = "东临县人天生好吃懒做，别租房给他们。"
    assert prohibited(site, body) == set()
    path.write_text(path.read_text(encoding="utf-8") + "  - {name: 东临县, kind: county, parent: 湛江市, short: 东临}\n",
                    encoding="utf-8")
    site._rules = None  # the engine reads checks/ anew, as the next `govpub check` does
    assert prohibited(site, body) == {"prohibited.ethnic"}


@pytest.mark.parametrize("body", [
    "徐闻人天生会种菠萝，徐闻菠萝品质全国闻名。",
    "湛江人热情好客，欢迎各地游客来湛江过冬。",
])
def test_praise_of_a_place_passes(site, body):
    assert prohibited(site, body) == set()
