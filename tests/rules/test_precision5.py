"""Issue #14, precision: a rule that cries wolf gets bypassed. The categories of innocent use found
by 62 clean articles on the very topics of the secret.* and prohibited.* lists (tests/corpus/clean.yml,
p5c-*): a fraud script or a rumour quoted and framed as someone else's words, a typhoon notice framed
by the forecast, an exam-leak case report, a rule stated about internal papers, a fraud victim's
story. Each passing category has its trap beside it: the same words as the writer's own, an unframed
quotation, the act written outside the quotation, a label standing alone."""

from __future__ import annotations

import pytest
from helpers import Site, check_text

from govpub.rules.prohibited._wordlist import Reported


def errors(site: Site, body: str, family: str) -> set[str]:
    return {f.rule for f in check_text(site, body + "\n")
            if f.rule.startswith(family + ".") and f.severity == "error"}


# -- prohibited: reported speech ---------------------------------------------------------------
@pytest.mark.parametrize("body", [
    "近日，有网民在微信群转发“台风来袭，湛江明天全市停水停电三天，请大家赶紧囤水”的消息。",
    "网上流传“台风明天登陆，赶紧囤水”的消息。",
    "市民王女士在网上看到“动动手指，日赚300元，在家就能做”的兼职广告，按照对方要求下载了一款App刷单。",
    "如发现有人向孩子推销“上头电子烟”“聪明药”，请立即拨打110报警。",
    "有人向孩子推销“上头电子烟”、“聪明药”。",
])
def test_a_quotation_framed_as_someone_elses_words_passes(msite: Site, body: str) -> None:
    assert not errors(msite, body + WARNING, "prohibited"), body


# The writer's distance from the quoted words, in the paragraph or the one next to it (reported.yml stance)
WARNING = "\n\n提醒：以上说法都是谣言或骗局，请不要相信，也不要转发。"


@pytest.mark.parametrize("body", [
    "店主推销“冰毒，一克三百，同城送货”的消息。",
    "网上流传“台风明天登陆，赶紧囤水”的消息。",
    "本店推销“上头电子烟”“聪明药”。",
])
def test_a_framed_quotation_with_no_warning_around_it_is_found(msite: Site, body: str) -> None:
    """A drafter cannot pass an offer or a rumour off as reported speech by framing it alone: nothing
    around it warns, refutes or reports (words inside the quotation, or in the front matter, do not count)."""
    assert errors(msite, body, "prohibited"), body
    assert not errors(msite, body + WARNING, "prohibited"), body


@pytest.mark.parametrize("body", [
    # the act outside the quotation is the writer's own
    "有人称“明天台风登陆”，大家赶紧囤水，转告家人。",
    # a quotation nobody is said to have spoken: an advertisement's own quotation marks
    "“兼职刷单，日赚300元”，私聊。",
    "出售“上头电子烟”“聪明药”，私聊。",
    # no quotation at all
    "兼职刷单，日赚300元，在家就能做。",
    "台风来袭，湛江明天全市停水停电三天，请大家赶紧囤水。",
])
def test_the_same_words_as_the_writers_own_are_found(msite: Site, body: str) -> None:
    assert errors(msite, body, "prohibited"), body


def test_the_frame_is_read_from_the_data(msite: Site, site: Site) -> None:
    body = "有人向孩子吆喝“上头电子烟”“聪明药”。" + WARNING
    assert errors(msite, body, "prohibited")  # 吆喝 is no reporting verb in checks/wordlists/reported.yml
    path = site.root / "checks/wordlists/reported.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("verbs: [", "verbs: [吆喝, ", 1), encoding="utf-8")
    assert not errors(site, body, "prohibited")


def test_a_run_of_quotations_is_one_framed_span() -> None:
    rep = Reported.of({"verbs": ["推销"], "nouns": ["消息"], "after": ["为名"], "stance": ["骗"]})
    text = "有人推销“甲”“乙”、“丙”，另有“丁”。"
    spans = rep.spans(text, 0, len(text))
    assert spans == [(text.index("推销"), text.index("，"))]  # “丁” stands apart and unframed
    text = "以“高息”为名集资。"
    assert rep.spans(text, 0, len(text)) == [(1, text.index("集"))]


# -- prohibited.rumour: an official warning of a disaster ---------------------------------------
@pytest.mark.parametrize("body", [
    "关于做好第18号台风防御工作的紧急通知",
    "据气象部门预报，今年第18号台风将于9月15日前后在我市沿海登陆，届时将有特大暴雨和12级以上大风。",
])
def test_an_official_typhoon_notice_passes(msite: Site, body: str) -> None:
    assert not errors(msite, body, "prohibited"), body


@pytest.mark.parametrize("body", [
    "紧急通知：台风今晚登陆，赶紧囤水，转告家人！",
    "我表哥在气象局上班，说台风将有暴雨，政府不让说。",
])
def test_a_typhoon_rumour_is_still_found(msite: Site, body: str) -> None:
    assert errors(msite, body, "prohibited"), body


# -- secret.work: exam papers in a case report --------------------------------------------------
@pytest.mark.parametrize("body", [
    "法官介绍，依法举行的国家考试的试题、参考答案在启用前属于国家秘密，考生切勿相信所谓“考前包过”等虚假宣传。",
    "被告人在考前以“押题”名义向学员出售试题及答案，法院以非法出售试题罪判处其有期徒刑三年。",
])
def test_an_exam_leak_case_report_passes(msite: Site, body: str) -> None:
    assert not errors(msite, body, "secret"), body


@pytest.mark.parametrize("body", [
    "以下为本次考试的参考答案，考前请勿外传。",
    "试题及答案已整理好，考前发给各位学员。",
])
def test_exam_answers_before_the_exam_are_still_found(msite: Site, body: str) -> None:
    assert errors(msite, body, "secret"), body


# -- secret.marking: a rule stated about internal papers ----------------------------------------
def test_a_rule_about_internal_papers_passes(msite: Site) -> None:
    body = "按照规定，涉密文件严禁通过微信、QQ等互联网通讯工具传递，内部文件未经批准也不得随意转发。"
    assert not errors(msite, body, "secret")


@pytest.mark.parametrize("body", [
    "根据保密规定，内部资料，不得外传。",  # a label standing alone after the rule
    "按照规定，本材料为内部文件，未经批准不得转发。",  # the paper speaks of itself
    "内部文件未经批准不得转发。",  # no rule stated
])
def test_a_marking_after_a_rule_reference_is_still_found(msite: Site, body: str) -> None:
    assert errors(msite, body, "secret"), body


# -- ads.offer: a fraud victim's story ----------------------------------------------------------
def test_a_fraud_victims_story_is_no_offer(msite: Site) -> None:
    body = ("市民王女士在网上看到“动动手指，日赚300元，在家就能做”的兼职广告，按照对方要求下载了一款App刷单。"
            "前几单对方很快返还了本金和佣金，王女士先后转账5万余元后，对方将她拉黑。")
    assert not errors(msite, body, "ads")
    assert errors(msite, "动动手指，日赚300元，在家就能做，返还本金和佣金，立即下载App。", "ads")


# -- prohibited.honour: the offender's sentence named in a headline -----------------------------
def test_a_headline_naming_the_sentence_passes(msite: Site) -> None:
    assert not errors(msite, "编造英烈“黑料”博流量，博主被判刑", "prohibited")
    assert errors(msite, "英烈的事迹都是编造的，大家别信。", "prohibited")


# -- secret.level and secret.marking: a marking explained in a secrecy lesson -------------------
@pytest.mark.parametrize("body", [
    "问：文件上标注的“秘密★1年”是什么意思？",
    "答：这是国家秘密的标志，“秘密”表示密级，“1年”表示保密期限。看到标有这类标志的文件，不得擅自复制、拍照。",
])
def test_a_marking_explained_in_a_lesson_passes(msite: Site, body: str) -> None:
    assert not errors(msite, body, "secret"), body


@pytest.mark.parametrize("body", [
    "“秘密★1年”",  # quoted, alone on its line
    "“机密★10年”关于开展专项行动的通知",  # quoted, opening a header line
    "湛江市司法局“机密★10年”",  # quoted, closing it
    "秘密★1年\n\n关于开展专项行动的通知",
    "保密期限：1年",
    "本件保密期限一年，不得擅自复制。",
])
def test_a_marking_used_as_one_is_still_found(msite: Site, body: str) -> None:
    assert errors(msite, body, "secret"), body


# -- prohibited.*: a headline naming the sentence; a term beside the legal consequence -----------
@pytest.mark.parametrize("body", [
    "以每克300元价格贩卖冰毒，男子获刑",
    "网上购买气枪配件自行组装，男子被判刑",
    "参与赌球的，将被依法处罚。",
])
def test_a_verdict_headline_or_a_legal_consequence_passes(msite: Site, body: str) -> None:
    assert not errors(msite, body, "prohibited"), body


@pytest.mark.parametrize("body", [
    "冰毒每克300元，货到付款。",
    "气枪配件出售，自行组装，私聊。",
    "赌球上我们平台，赔率最高。",
])
def test_the_offer_without_the_sentence_is_still_found(msite: Site, body: str) -> None:
    assert errors(msite, body, "prohibited"), body


# -- secret.work: an exam notice promising the answers after the exam ---------------------------
def test_an_exam_notice_passes_and_answers_before_it_do_not(msite: Site) -> None:
    notice = "考生须于考前30分钟凭身份证入场，考试结束后参考答案将在本网站公布。"
    assert not errors(msite, notice, "secret")
    assert errors(msite, "考前把参考答案发给大家，请勿外传。", "secret")


def test_a_victims_case_naming_the_term_passes(msite: Site) -> None:
    body = "被害人周某在网上结识一名“女网友”，对方诱导其“裸聊”并录屏，随后威胁要把视频发给亲友。"
    assert not errors(msite, body, "prohibited")
    assert errors(msite, "美女在线裸聊，加微信。", "prohibited")
