"""typo.idiom: a 成语 with one homophone wrong, found from a list of correct idioms only.

The data (govpub/rules/typo/idioms.txt, generated from jieba's dictionary) holds no wrong form and
typos.yml does not list these misspellings: each catch below is a generalization.
"""

from __future__ import annotations

import pytest
import yaml
from helpers import REPO, check_text

from govpub.rules.typo import _idioms

TYPOS = yaml.safe_load((REPO / "checks" / "wordlists" / "typos.yml").read_text(encoding="utf-8"))
LISTED_WRONG = {e["wrong"] for e in TYPOS["typos"]}
TERM_IDIOMS = set(TYPOS.get("idioms") or [])


def idiom_findings(site, text: str):  # noqa: ANN001
    return [f for f in check_text(site, text) if f.rule.startswith("typo.")]


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("全体调解员一思不苟，认真核对每一份调解协议。", "一思不苟", "一丝不苟"),
    ("各司法所有调不紊地推进矛盾纠纷排查化解工作。", "有调不紊", "有条不紊"),
    ("座谈会上，基层调解员畅所欲严，提出意见建议12条。", "畅所欲严", "畅所欲言"),
    ("我们坚定不宜地推进全面依法治市。", "坚定不宜", "坚定不移"),          # 不宜 is a word, inside the idiom
    ("被执行人恼羞成路，阻碍执法人员执行公务。", "恼羞成路", "恼羞成怒"),  # n/l, southern speech
    ("专项整治立竿见映，群众满意度明显提升。", "立竿见映", "立竿见影"),    # in/ing
    ("法治人才培养要厚积博发。", "厚积博发", "厚积薄发"),                # a less frequent idiom (jieba 10 to 19)
])
def test_misspelt_idiom_in_no_list_is_caught(msite, text: str, wrong: str, right: str) -> None:
    targets, lookalikes, _, _ = _idioms.idioms()
    assert wrong not in LISTED_WRONG and right not in TERM_IDIOMS, "the test would not show generalization"
    assert wrong not in targets and wrong not in lookalikes and right in targets
    found = idiom_findings(msite, text)
    assert [(f.rule, f.severity) for f in found] == [("typo.idiom", "warning")], found
    assert f"“{wrong}”有同音错字：应为“{right}”" in found[0].message


@pytest.mark.parametrize("text", [
    "全体干警一丝不苟、有条不紊，畅所欲言，坚定不移，立竿见影。",
    "做到人尽其材、物尽其用。",                                   # a recorded variant of 人尽其才
    "涉密人员坚持不泄密、不失密。",                                # 泄密 is the next word
    "网传霞山区自来水被投毒系谣言。",                              # 自来水 + 被, not 自来水笔
    "调解员李一思、王有调参加培训。",                              # names
])
def test_right_forms_variants_and_chance_windows_pass(msite, text: str) -> None:
    assert [f for f in idiom_findings(msite, text) if f.rule == "typo.idiom"] == []


def test_listed_misspelling_is_reported_once_by_the_list(msite) -> None:
    """再接再励 is in typos.yml (typo.word), 刻不容换 one off a typos.yml idiom (typo.term): no second finding."""
    assert [f.rule for f in idiom_findings(msite, "全局干部要再接再励。")] == ["typo.word"]
    assert [f.rule for f in idiom_findings(msite, "这项工作刻不容换。")] == ["typo.term"]


def test_idiom_file_is_generated_and_current() -> None:
    assert _idioms.FILE.read_text(encoding="utf-8") == _idioms.generate(), \
        "请运行 python -m govpub.rules.typo._idioms 重新生成成语表"
    targets, lookalikes, heads, _ = _idioms.idioms()
    assert "再接再厉" in targets and "一丝不苟" in targets and "人尽其材" in lookalikes and "自来水笔" in heads



def _every_window(text: str, index) -> list[tuple[int, str, str]]:  # noqa: ANN001
    """The reference: every four characters of every run of Chinese, read on after a finding."""
    from govpub.rules.typo import idiom as mod

    out = []
    for run in mod._CJK.finditer(text):
        chunk, i = run.group(), 0
        while i <= len(chunk) - 4:
            right = mod._candidate(chunk, i, index)
            if right is None:
                i += 1
                continue
            out.append((run.start() + i, chunk[i:i + 4], right))
            i += 4
    return out


def test_the_halves_prefilter_looks_at_every_window_that_can_be_a_misspelling(msite) -> None:
    """candidates() looks only where an idiom's first or last two characters stand (a window one
    character off an idiom keeps one of them in place); reading every window finds the same,
    over texts of idioms with a homophone changed, shifted, run together and cut by punctuation."""
    import random

    from govpub.rules.typo._pinyin import readings

    rule = msite.rules().instance("typo.idiom")
    index = rule._index
    rng = random.Random(7)
    targets = list(index.targets)
    by_sound: dict[str, set[str]] = {}
    for c in {c for t in targets for c in t}:
        for r in readings(c):
            by_sound.setdefault(r, set()).add(c)

    def homophones(c: str) -> set[str]:
        return set().union(*(by_sound.get(r, set()) for r in readings(c)))
    filler = "的了在是和对就要把这那地被依法调解工作群众"
    found = 0
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 6)):
            t = list(rng.choice(targets))
            j = rng.randrange(4)
            options = sorted(homophones(t[j]) - {t[j]}) if rng.random() < 0.8 else []
            if options:
                t[j] = rng.choice(options)
            parts.append("".join(rng.choice(filler) for _ in range(rng.randint(0, 3))) + "".join(t))
            parts.append(rng.choice(["", "", "，", "。", " ", "a1"]))
        text = "".join(parts)
        want = _every_window(text, index)
        assert rule.candidates(text) == want, text
        found += len(want)
    assert found > 100  # the texts did hold misspellings
