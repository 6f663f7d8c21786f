"""repost.source, ninth round (issue #14): 转载 as a verb, a caption that credits a screenshot of the original,
English bylines, a copied page's footer; and a medium's report used in one sentence as the peg of the bureau's
own news (no repost)."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def repost(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("repost.")}


@pytest.mark.parametrize("body", [
    "现全文转载《南方法治报》12月3日署名文章，供大家学习。\n",
    "![决定原文](jueding.png)\n*图：决定原文翻拍，来源：某省人民政府网站*\n",
    "By Legal Daily correspondent Wang Fang\n\nThe new rules take effect in March.\n",
    "值班编辑：林某\n\n转载请注明出处：新快报\n",
])
def test_a_repost_said_in_other_words_is_found(site, body):
    assert "repost.source" in repost(check_text(site, body))


def test_a_papers_commentator_as_author(site):
    in_no_list("岭南法治周刊")
    assert "repost.source" in repost(check_text(site, "作者系《岭南法治周刊》特约评论员。法治是最好的营商环境。\n"))


def test_a_news_peg_before_the_bureaus_own_work_passes(site):
    body = ("据新华社报道，全国人大常委会近日表决通过了修订后的行政复议法。\n\n"
            "市司法局日前组织全市行政复议工作人员开展专题学习。\n")
    assert not repost(check_text(site, body))
    # the same report retold at length, or another city's bureau acting: a repost
    retold = ("据新华社报道，全国人大常委会近日表决通过了修订后的行政复议法。修订后的法律共七章。新法明确了受理范围。\n\n"
              "市司法局日前组织全市行政复议工作人员开展专题学习。\n")
    assert "repost.source" in repost(check_text(site, retold))
    other = ("据新华社报道，全国人大常委会近日表决通过了修订后的行政复议法。\n\n"
             "广州市司法局日前组织全市行政复议工作人员开展专题学习。\n")
    assert "repost.source" in repost(check_text(site, other))


@pytest.mark.parametrize("body", [
    "转载\n\n国务院办公厅印发关于加强行政复议工作的意见。\n",
    "全国律师工作会议在京召开。（新华社记者 李鑫 摄）\n",
])
def test_a_lone_label_and_a_wire_photo_are_found(site, body):
    assert "repost.source" in repost(check_text(site, body))


def test_an_own_photo_credit_passes(site):
    assert not repost(check_text(site, "全市人民调解员培训班开班。（市司法局办公室 供图）\n"))
