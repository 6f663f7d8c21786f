"""Issue #15 item 5: a leader's name one character off is caught anywhere in the text, not
only next to a job title; other people's names and ordinary words are not flagged.

The registry (checks/registry/leaders.yml) holds 林志强, 吴建华, 梁振宇, 郑伟明… The near miss
must keep the surname and change one character of the given name (林志刚: 刚 gang does not
sound like 强 qiang), or change the surname to a homophone (陈国东 for 陈国栋).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from helpers import REPO, Site, check_text

from govpub.content import article as article_mod
from govpub.rules.typo._pinyin import homophones


def leader_hits(findings) -> list[str]:  # noqa: ANN001
    return [f.match for f in findings if f.rule == "typo.leader"]


@pytest.mark.parametrize("body, wrong", [
    ("会后，林志刚还到社区矫正中心看望了一线工作人员。", "林志刚"),
    ("此次调研由吴建新和市中级人民法院有关负责同志共同参加。", "吴建新"),
    ("梁振华对全市人民调解工作取得的成绩给予充分肯定。", "梁振华"),
    ("调研组一行在郑伟光的带领下察看了公共法律服务中心。", "郑伟光"),
])
def test_non_homophone_near_miss_in_plain_narration_is_caught(site, body, wrong):
    """No title next to the name and the changed character sounds different: this failed before
    (only a homophone or a title made a near miss count)."""
    name = {"林志刚": "林志强", "吴建新": "吴建华", "梁振华": "梁振宇", "郑伟光": "郑伟明"}[wrong]
    changed = [i for i in range(3) if wrong[i] != name[i]]
    assert len(changed) == 1 and not homophones(wrong[changed[0]], name[changed[0]])
    assert leader_hits(check_text(site, body + "\n")) == [wrong]


def test_a_list_with_leaders_in_it_is_still_checked(site):
    assert leader_hits(check_text(site, "林志刚、陈国栋、黄晓敏等局领导出席。\n")) == ["林志刚"]


def test_homophone_surname_in_narration_is_caught(site):
    assert leader_hits(check_text(site, "陈国东来到霞山区司法局调研。\n")) == ["陈国东"]


@pytest.mark.parametrize("body", [
    "申请人林志刚因工伤赔偿纠纷向法律援助中心申请援助。",  # a party
    "林志刚律师为来访群众解答法律问题。",  # someone else's role after the name
    "支部书记吴建新介绍了村里的调解工作。",  # someone else's role before the name
    "记者梁振华报道。",  # a byline
    "林志刚（化名）与邻居发生纠纷。",
    "调解员吴建国、梁振华接到求助后赶到现场。",  # a list after a role
    "现场解答了林志鹏、黄晓红等村民提出的问题。",  # a list before a role
    "退休教师郑伟强说，有了调解员心里踏实多了。",
    "优秀人民调解员：林志明、陈国华、吴建国、梁振华、许丽华。",  # a roster with no leader in it
    "获奖名单如下：一等奖林志鹏，二等奖黄晓红，三等奖郑伟强。",
    "参加培训的有：林志刚、王小明、李大伟等50人。",
    "陈国栋局长强调，要郑重明示各项便民措施。",  # 郑重 is a word, not 郑伟明 mistyped
    "吴川华侨农场司法所开展普法活动。",  # 吴川 is a registered place
    "林志在基层一线的经历让他受益匪浅。",  # 在 joins 林志 to the next word
    "党组书记、局长陈国栋，党组成员、副局长林志强出席会议。",  # the names themselves
])
def test_other_names_and_ordinary_words_pass(site, body):
    assert leader_hits(check_text(site, body + "\n")) == []


def test_the_drafter_in_the_author_field_is_not_a_leader(site):
    assert leader_hits(check_text(site, "会议召开。\n", author="林志刚")) == []


def _bench_corpus(out: Path, n: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    module.generate(out, n, 3)


def test_sample_site_and_bench_articles_have_no_leader_or_place_finding(tmp_path):
    """The sample site's articles and generated bureau articles (full of other people's names,
    places and titles) give no typo.leader or typo.place finding."""
    _bench_corpus(tmp_path / "bench", 150)
    site = Site(tmp_path / "bench")
    shutil.copytree(REPO / "content", site.root / "content" / "sample")
    rules = site.rules()
    found = []
    for path in sorted((site.root / "content").rglob("*.md")):
        findings, _ = rules.check_article(article_mod.load(site.root, path))
        found += [(f.path, f.rule, f.match) for f in findings if f.rule in ("typo.leader", "typo.place")]
    assert found == []


def test_a_name_alone_in_a_table_of_parties_is_not_a_leader(site):
    """A table of violators or winners lists citizens: 吴建国 (one character off 吴建华) is not flagged
    there; the same name in a row that names a leader's title still is."""
    parties = "| 车牌号 | 车主 | 违法行为 |\n|---|---|---|\n| 粤G3K5M8 | 吴建国 | 占用应急车道 |\n"
    assert leader_hits(check_text(site, parties)) == []
    leaders = "| 姓名 | 职务 |\n|---|---|\n| 吴建国 | 党组成员、政治部主任 |\n"
    assert leader_hits(check_text(site, leaders)) == ["吴建国"]
    assert leader_hits(check_text(site, "今天吴建国到基层调研。\n")) == ["吴建国"]


def test_a_name_after_a_category_of_persons_is_not_a_leader(site):
    """社区戒毒人员郑志明 (one character off 郑伟明): …人员 and …对象 name someone's status, not a leader."""
    body = "社区戒毒人员郑志明在社工帮助下找到了一份稳定的工作。帮扶对象林志刚已返岗。\n"
    assert leader_hits(check_text(site, body)) == []
