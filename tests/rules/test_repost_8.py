"""repost.source, eighth round (issue #14): a medium's commentary byline, a higher body's speech given as
the article, another body's release credited in a closing line, accounts on any platform, and a 来自 line
that names no publisher."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def source(findings) -> list[str]:
    return [f.match for f in findings if f.rule == "repost.source"]


@pytest.mark.parametrize("body", [
    "检察日报评论员：让每一起案件都经得起检验\n\n公正是司法的生命线。",
    "湛江晚报时评　别让“霸王条款”寒了消费者的心\n\n近期，有市民反映……",
])
def test_a_medium_commentary_byline_is_found(site, body):
    assert source(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "司法部副部长在全国公证工作座谈会上的讲话\n\n同志们：这次座谈会……",
    "省委政法委书记在全省平安建设推进会上的讲话（摘要）\n\n同志们：……",
])
def test_a_higher_body_speech_given_as_the_article_is_found(site, body):
    assert source(check_text(site, body + "\n"))


@pytest.mark.parametrize("body, novel", [
    ("上述解读系司法部近日发布，本站编辑整理。", "上述解读系"),
    ("以下问答均来自南方网推出的普法专栏。", "以下问答均来自"),
    ("本文首发于“湛江律谈”百家号。", "百家号"),
])
def test_a_release_credited_in_a_closing_line_is_found(site, body, novel):
    in_no_list(novel)
    assert source(check_text(site, "劳动合同到期不续签，有没有经济补偿？\n\n" + body + "\n"))


@pytest.mark.parametrize("body", [
    "局党组会议传达了司法部部长在全国司法厅（局）长会议上的讲话精神。",
    "副局长在全市公证工作会议上的讲话\n\n同志们：……",
    "以上数据来自市统计局，截至11月底。",
    "来自：读者来信\n\n问：物业费纠纷可以申请人民调解吗？",
    "出处：本局法律顾问室整理",
    "学习人民日报评论员文章《让法治成为社会共识》心得体会",
])
def test_own_speeches_data_and_letters_pass(site, body):
    assert not source(check_text(site, body + "\n"))
