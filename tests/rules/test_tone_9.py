"""Issue #14, tone.emotional ninth round: a notice that shrugs at or scolds its readers, found in a development
corpus written blind (tests/corpus7) and written here in other words: a shrug as a tautology (考不过就考不过), the
reader scolded for what he keeps doing or told to spend his time better (别总想着, 有这工夫不如), a reminder said a
hundred times, what a service is not for (热线不是给大家闲聊用的), read before you call. A citizen's letter or
question printed with the bureau's reply (来信：, 留言：, 问：) is his voice, not the writer's: it is not scored."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def tone(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule == "tone.emotional"]


NOVEL = [
    ("退费申请没通过就是没通过，别老想着托人说情，有这功夫不如把证据整理好。", "托人说情"),
    ("登记须知挂在门口，强调过不下一百遍，窗口不是给大家唠嗑用的。", "登记须知挂在门口"),
    ("麻烦大家先看清楚再来排队，规定讲了上百次了。", "先看清楚再来排队"),
]


def test_the_wordings_are_in_no_word_list():
    in_no_list(*(novel for _, novel in NOVEL))


@pytest.mark.parametrize("body, novel", NOVEL)
def test_ninth_round_classes_in_unlisted_wordings_warn(site, body, novel):
    found = tone(site, body)
    assert found and all(f.severity == "warning" for f in found), body


@pytest.mark.parametrize("body", [
    "执法人员先后三次通知当事人限期整改。",
    "申请未获批准的，可以在收到决定之日起六十日内申请行政复议。",
    "来信：我被人骗了两万块，真是气死了，简直想不通，请问怎么办？\n\n答复：您好，请及时向公安机关报案。",
    "网友留言：小区噪音太离谱了，我真的很气愤。\n\n回复：您好，已转交属地街道处理。",
])
def test_plain_notices_and_printed_letters_pass(site, body):
    assert not tone(site, body), body


def test_the_reply_to_a_letter_is_still_scored(site):
    body = "来信：请问遗嘱公证要带什么材料？\n\n答：我们已经说了上百遍了，别老是来问同样的问题。"
    assert tone(site, body)
