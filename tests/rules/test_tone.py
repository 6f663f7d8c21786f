"""tone.emotional: emotion, insult, contempt, sarcasm and absolute judgments written calmly,
without exclamation marks; ordinary official wording and quoted speech pass (issue #14)."""

from __future__ import annotations

import shutil

import pytest
from helpers import REPO, Site, check_text


@pytest.fixture(scope="module")
def msite(tmp_path_factory) -> Site:
    root = tmp_path_factory.mktemp("tone") / "site"
    shutil.copytree(REPO / "checks", root / "checks")
    (root / "content").mkdir()
    return Site(root)


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
