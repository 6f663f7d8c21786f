"""punct.*: pairing and nesting (GB/T 15834), doubled marks, ASCII marks in Chinese prose only."""

from __future__ import annotations

import pytest
from helpers import check_text

from govpub.content import article as article_mod


def punct(findings) -> list[tuple[str, str]]:
    return [(f.rule, f.match) for f in findings if f.rule.startswith("punct.")]


@pytest.mark.parametrize("body, mark", [
    ("学习《关于印发《湛江市法律援助工作规定》的通知》精神。", "《"),  # title in a title: 〈〉
    ("他说：“大家要牢记“谁执法谁普法”的要求。”", "“"),  # quotation in a quotation: ‘’
    ("会议提出“三项制度（公示、记录、审核”）要全面落实。", "”"),  # crossed pairs
    ("全市开展”法治护航“专项行动。", "”"),  # reversed quotes
    ("印发〈湛江市某某办法的通知。", "〈"),
])
def test_pairing_and_nesting(site, body, mark):
    found = punct(check_text(site, body + "\n"))
    assert ("punct.pair", mark) in found and {r for r, _ in found} == {"punct.pair"}


@pytest.mark.parametrize("body", [
    "学习《关于印发〈湛江市法律援助工作规定〉的通知》，牢记“坚持‘谁执法谁普法’”的要求。",
    # a quotation over two paragraphs: each opens with “, only the last closes (GB/T 15834 4.1.3.4)
    "局长指出：“一要提高站位，落实‘谁执法谁普法’。\n\n“二要压实责任。”",
    "1）加强组织领导；\n2）强化宣传引导。",
])
def test_correct_pairs_pass(site, body):
    assert punct(check_text(site, body + "\n")) == []


@pytest.mark.parametrize("body, match", [
    ("会议强调， ，要抓好落实。", "， ，"),
    ("遇到劳动纠纷怎么办？。", "？。"),
    ("请拨打12348，？", "，？"),
])
def test_doubled_marks(site, body, match):
    assert punct(check_text(site, body + "\n")) == [("punct.repeat", match)]


def test_rhetorical_question_and_exclamation_pass(site):
    assert punct(check_text(site, "难道这不是违法行为吗？！\n")) == []


@pytest.mark.parametrize("body", [
    '<p align="center">湛江市司法局, 2026年12月</p>',
    '<img src="huiyi.jpg" alt="会议现场, 局长讲话" title="活动照片: 全体合影">',
    '<div class="notice"\n     data-note="说明: 可下载, 可打印">\n</div>',
    "在配置文件中填写 `channels: [website, wechat]`，然后运行检查。",
    "网页中的 `<iframe>` 标签可以嵌入外部页面，`onclick`、`onerror` 等事件属性会执行脚本。",  # code between marks
])
def test_markup_and_code_are_not_prose(site, body):
    assert punct(check_text(site, body + "\n")) == []


def test_prose_after_an_html_block_is_still_checked(site):
    body = '<div class="notice">\n\n会议要求,各科室要高度重视。\n\n</div>\n'
    assert punct(check_text(site, body)) == [("punct.ascii", ",")]


def test_dotted_ellipsis_and_hyphen_dash_are_fixed(site):
    body = "上述各项...都要落实，普法宣传--我们在行动。\n"
    assert punct(check_text(site, body)) == [("punct.ascii", "..."), ("punct.ascii", "--")]
    path = site.article(body=body)
    assert site.run("fix", str(path.relative_to(site.root))).returncode == 0
    assert "上述各项……都要落实，普法宣传——我们在行动。" in path.read_text(encoding="utf-8")
    findings, _ = site.rules().check_article(article_mod.load(site.root, path))
    assert punct(findings) == []


# -- fourth round (rules-t4): law names without 《》, numbers listed with ， -------------------------
@pytest.mark.parametrize("body, match", [
    ("根据中华人民共和国法律援助法第三十一条的规定。", "中华人民共和国法律援助法"),
    ("各司法所要认真贯彻中华人民共和国人民调解法。", "中华人民共和国人民调解法"),
    # not in the list of laws: found because an article number follows
    ("依照中华人民共和国乡村振兴促进法第十条开展工作。", "中华人民共和国乡村振兴促进法"),
])
def test_law_name_without_title_marks(site, body, match):
    assert punct(check_text(site, body + "\n")) == [("punct.title", match)]


@pytest.mark.parametrize("body", [
    "根据《中华人民共和国法律援助法》第三十一条的规定。",
    "法律援助法实施以来，人民调解法规定调解不收费。",                      # short names
    "报名条件：拥护中华人民共和国宪法，享有选举权和被选举权。",             # the statutes' own wording
    "该条规定：“依照中华人民共和国刑法第六十二条的规定从轻处罚。”",          # statute text quoted
    "学习《关于〈中华人民共和国民法典〉的说明》。",
])
def test_law_name_citations_that_are_right(site, body):
    assert not punct(check_text(site, body + "\n"))


def test_numbers_listed_with_commas(site):
    assert punct(check_text(site, "抽查的案卷编号为3，5，8，12号。\n")) == [("punct.enumeration", "3，5，8，12")]
    for body in ("全年接听热线12,580个，满意度98.5%。", "分别有3个、5个、8个调解组织，比分为3：2。",
                 "第2、3、5组已完成培训。", "2024年，2025年，2026年连续三年获评先进。"):
        assert not punct(check_text(site, body + "\n")), body


def test_lookalike_marks_of_other_scripts_are_fixed(site):
    body = "会议于今天上午召开．各单位要高度重视､认真落实；法律援助－－我们在行动。全年增长３．５％。\n"
    assert [m for _, m in punct(check_text(site, body))] == ["．", "､", "－－"]
    path = site.article("content/pfyfz/2026/tuijinhui.md", body)
    assert site.run("fix", str(path)).returncode == 0
    fixed = path.read_text(encoding="utf-8")
    assert "召开。各单位要高度重视、认真落实；法律援助——我们在行动。全年增长３．５％。" in fixed
    assert site.run("fix", str(path)).returncode == 0 and path.read_text(encoding="utf-8") == fixed


def test_corner_brackets_become_quotation_marks(site):
    body = "开展「法律进社区」活动，他说：「要落实『谁执法谁普法』责任」。\n"
    found = punct(check_text(site, body))
    assert [m for _, m in found] == ["「", "」", "「", "『", "』", "」"] and {r for r, _ in found} == {"punct.ascii"}
    path = site.article("content/pfyfz/2026/tuijinhui.md", body)
    assert site.run("fix", str(path)).returncode == 0
    assert "开展“法律进社区”活动，他说：“要落实‘谁执法谁普法’责任”。" in path.read_text(encoding="utf-8")
    assert not punct(check_text(site, path.read_text(encoding="utf-8").split("---\n", 2)[-1]))


def test_lines_with_html_tags_are_markup_not_prose(site):
    """Outside testers' noise report: ASCII marks on a line that holds a tag are the author's markup."""
    assert not punct(check_text(site, "通知如下<br>时间:12月1日, 地点:三楼会议室\n"))
    assert punct(check_text(site, "时间:12月1日，地点<未定>。\n")) == [("punct.ascii", ":")]  # <未定> is no tag


def test_half_an_ellipsis_next_to_chinese(site):
    assert punct(check_text(site, "调解、仲裁、诉讼…多种途径都可以化解纠纷。\n")) == [("punct.ascii", "…")]
    assert not punct(check_text(site, "调解、仲裁、诉讼……多种途径。Wait… English here.\n"))


@pytest.mark.parametrize("body, ok", [
    ("我局开展《宪法进万家宣传周》活动。", False),
    ("群众可到《湛江市公共法律服务中心》咨询。", False),
    ("参加《全市人民调解员培训班》。", False),
    ("开展《民法典》宣传活动。", True),                                    # a law, then the activity
    ("印发《关于开展“民法典进乡村”活动的通知》。", True),                   # a document's title
    ("阅读《法治中国建设规划（2020—2025年）》，观看《今日说法》。", True),
])
def test_title_marks_on_activities_meetings_and_bodies(site, body, ok):
    found = [r for r, _ in punct(check_text(site, body + "\n")) if r == "punct.title-misuse"]
    assert (not found) if ok else found


# -- fifth round (rules-t5): ordinals with 、, an ellipsis with 等 -------------------------------

@pytest.mark.parametrize("body", [
    "1、加强组织领导。\n\n2、强化宣传引导。\n",
    "会议明确了三项任务：1、开展排查；2、推进援助；3、完善台账。\n",
    "　　12、其他事项。\n",
])
def test_arabic_ordinal_with_dunhao_warns(site, body):
    found = [f for f in check_text(site, body) if f.rule == "punct.ordinal"]
    assert found and all(f.severity == "warning" for f in found), found


@pytest.mark.parametrize("body", [
    "一、总体要求\n\n（一）工作目标\n\n1.加强组织领导\n\n（1）成立专班\n",
    "第1、2、3项材料须提供原件，1、2月份共受理案件35件。\n",
    "编号为3、5、8的案卷已归档。\n",
])
def test_ordinal_forms_and_number_lists_pass(site, body):
    assert punct(check_text(site, body)) == []


@pytest.mark.parametrize(("body", "ok"), [
    ("现场设置了咨询、展示、问答……等多个环节。\n", False),
    ("解答了婚姻、劳动、邻里纠纷等等……各类问题。\n", False),
    ("现场设置了咨询、展示、问答等多个环节。\n", True),
    ("他说：“我再等……等一下。”\n", True),
])
def test_ellipsis_and_deng_together(site, body, ok):
    found = [f for f in check_text(site, body) if f.rule == "punct.repeat"]
    assert (found == []) == ok, found
