"""tone.emotional: emotion, insult, contempt, sarcasm and absolute judgments written calmly,
without exclamation marks; ordinary official wording and quoted speech pass (issue #14)."""

from __future__ import annotations

import pytest
from helpers import REPO, Site, check_text


def tone(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule == "tone.emotional"]


@pytest.mark.parametrize("body", [
    "说句不好听的，这种判决就是在纵容犯罪。",  # the writer's voice
    "本人对此事的处理结果极度不满，强烈要求严查。",  # first person + intensifier
    "看着这些孩子被毒品毁掉，我的心在滴血。",  # first person + emotion
    "那帮搞传销的头目，一个个都是吸人血的蚂蟥。",  # dehumanising
    "这伙犯罪分子良心早就被狗吃了，根本不配得到宽大处理。",  # insult
    "某些部门推诿扯皮的本事倒是一流。",  # sarcasm
    "说什么依法行政，不过是一句挂在墙上的空话罢了。",  # contempt
    "如果连这样的案子都能轻判，法律的尊严何在。",  # rhetorical question without a question mark
    "有些干部整天只知道开会发文件，群众的事一件也办不成。",  # target + absolute judgment
    "像他这样的人，判多少年都不为过。",
    "这份所谓的整改报告，通篇都是假话套话，没有一句是真的。",
    "个别执法人员态度之傲慢，让人瞠目结舌。",
])
def test_calm_emotion_is_a_warning(msite, body):
    found = tone(msite, body)
    assert found, body
    assert all(f.severity == "warning" and "政务信息应客观陈述" in f.message for f in found)


@pytest.mark.parametrize("body", [
    "這夥犯罪分子良心早就被狗吃了，根本不配得到寬大處理。",  # traditional characters
    "某些部门推诿扯皮的本事倒是一\u200b流。",  # a zero-width character inside the phrase
    "某些部门推诿扯皮的\n本事倒是一流。",  # a soft line break
])
def test_disguised_wording_is_still_found(msite, body):
    assert tone(msite, body), body


@pytest.mark.parametrize("body", [
    "对电信网络诈骗犯罪分子要依法严惩、坚决打击，绝不姑息。",
    "犯罪分子丧心病狂，手段极其残忍，最终被依法判处死刑。",
    "所谓套路贷，是指以非法占有为目的，假借民间借贷之名诱使被害人签订借贷合同的违法犯罪活动。",
    "全市所有司法所均已完成规范化建设，全部配备了专职人民调解员。",
    "会上指出，我们永远不能忘记人民群众的期盼，要把群众满意作为工作标准。",
    "陈国栋在讲话中说，我们要真正把群众的事当作自己的事，实实在在为群众办实事。",
    "有些群众对法律援助的申请条件还不太了解，工作人员耐心进行了解答。",
    "个别单位存在工作落实不到位的问题，已责令限期整改。",
    "笔者在采访中了解到，该所今年共调解纠纷120件。",
    "任何单位和个人都不得以任何理由拒绝履行生效判决确定的义务。",
    "他们个个精神饱满，全都顺利完成了培训任务。",
    "我们要坚决克服形式主义，防止制度成为摆设。",
])
def test_official_wording_passes(msite, body):
    assert not tone(msite, body), body


def test_quoted_words_are_the_speaker_s(msite):
    """Quoting a victim's own words is reporting; the same words as the writer's are a warning."""
    assert not tone(msite, "受害人陈某说：“那帮人就是一群吸血鬼，我真是恨透了。”")
    assert tone(msite, "那帮人就是一群吸血鬼，我真是恨透了。")


def test_a_tone_warning_does_not_block(msite):
    msite.article(body="某些部门推诿扯皮的本事倒是一流。\n")
    proc = msite.run("check", "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert '"tone.emotional"' in proc.stdout and '"warning"' in proc.stdout


def test_each_scored_word_has_one_kind():
    """A word listed twice, or under two kinds, would be scored twice."""
    import yaml

    data = yaml.safe_load((REPO / "checks" / "wordlists" / "tone.yml").read_text(encoding="utf-8"))
    seen: dict[str, list[str]] = {}
    for kind, words in data["scored"].items():
        if isinstance(words, list) and kind not in ("patterns", "scare_quotes"):
            for word in words:
                seen.setdefault(str(word), []).append(kind)
    assert not {w: k for w, k in seen.items() if len(k) > 1}
    assert not set(data["phrases"]) & set(seen)


@pytest.mark.parametrize("body", [
    "该黑恶势力团伙长期横行乡里、欺压百姓，严重破坏当地经济社会秩序，依法予以严惩。",
    "一些干部对群众诉求视而不见、敷衍塞责，受到严肃问责。",
    "犯罪嫌疑人见利忘义，利用职务便利中饱私囊，涉嫌贪污罪被提起公诉。",
])
def test_the_state_s_judgment_in_its_own_words_passes(msite, body):
    """Derogatory idioms next to enforcement words (依法予以严惩, 问责, 涉嫌) are official reporting."""
    assert not tone(msite, body), body


def test_the_same_idioms_as_the_writer_s_scorn_warn(msite):
    assert tone(msite, "一些干部对群众诉求视而不见、敷衍塞责，真是其心可诛。")


def test_enforcement_words_do_not_excuse_an_insult(msite):
    """A drafter cannot add 依法严惩 to an insult to get it through."""
    assert tone(msite, "这帮人渣就是社会的毒瘤，必须依法严惩。")


# -- second round (issue #14): the register of a sentence, not its vocabulary --------------------------
def test_a_rhetorical_question_written_as_a_statement_warns(msite):
    """难道……吗 ending in 。 is the writer's scorn; the same question with ？ is the Q&A of legal education."""
    assert tone(msite, "法律条文写得清清楚楚，他们难道看不懂吗。")
    assert not tone(msite, "借条写得清清楚楚，难道就一定能要回钱吗？")


def test_scare_quotes_after_praise_are_sarcasm(msite):
    """不愧是“金牌调解员” is irony; the quoted words alone, or a plain title in quotes, are not."""
    assert tone(msite, "真不愧是“金牌调解员”，一桩邻里纠纷调了半年还没个结果。")
    assert not tone(msite, "该调解员被评为“金牌调解员”，一年调解纠纷两百余件。")


def test_second_person_scorn_warns_and_the_polite_you_passes(msite):
    assert tone(msite, "你以为换个手机号就能躲过执行，那就太天真了。")
    assert not tone(msite, "如果您遇到劳动纠纷，可以拨打12348热线咨询，也可以前往就近的公共法律服务站。")


def test_enforcement_words_do_not_excuse_a_wish_of_harm(msite):
    """A drafter adding 依法严惩 to a wish of harm or a rhetorical question still gets the warning."""
    assert tone(msite, "这种把手伸向救灾款的人就该让他把牢底坐穿，必须依法严惩。")
    assert tone(msite, "依法严惩之外，难道这种人还配得到原谅吗。")


def test_prohibitions_in_official_wording_pass(msite):
    """Idioms of scorn as the object of a prohibition (决不允许, 杜绝) are rules, not judgments of someone."""
    assert not tone(msite, "他强调，要坚决反对形式主义、官僚主义，决不允许推诿扯皮、敷衍塞责。")
    assert tone(msite, "这些人整天推诿扯皮、敷衍塞责，真是让人寒心。")


@pytest.mark.parametrize("body", [
    "他们嘴里喊着为民服务，手里干的全是坑民的事。",  # words versus deeds
    "谁要是再信这种天上掉馅饼的鬼话，那真是神仙也救不了。",  # hyperbole
    "这份聪明劲要是用在正道上就好了。",  # counterfactual sarcasm
    "法院判了两年，在我看来还是判轻了。",  # personal opinion
    "一天到晚就知道喊口号，实事却一件不干。",  # absolute judgment
    "這份答覆通篇打官腔，群眾看了只會更加寒心。",  # traditional characters
])
def test_structures_of_register_warn(msite, body):
    assert tone(msite, body), body


def test_register_patterns_are_declared_kinds():
    """Every pattern kind is one the scorer weighs (a typo in a kind would silently score nothing)."""
    import yaml

    from govpub.rules.tone.emotional import WEIGHTS

    data = yaml.safe_load((REPO / "checks" / "wordlists" / "tone.yml").read_text(encoding="utf-8"))
    kinds = {p["kind"] for p in data["scored"]["patterns"]}
    assert kinds <= set(WEIGHTS) | {"target"}
    assert {"rhetorical", "colloquial", "second_person", "wish"} <= kinds
