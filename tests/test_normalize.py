"""The normalization layer: views map every match back to the original line and column."""

from __future__ import annotations

from govpub.rules.normalize import View


def test_fold_maps_fullwidth_and_zero_width_back():
    text = "号码４４０\u200b８８１"
    view = View.of_spans(text, [(0, len(text))]).fold()
    assert view.text == "号码440881"
    start = view.text.index("440881")
    assert view.span(start, start + 6) == (2, len(text))
    assert view.origin(start + 3) == 6  # the "８" after the zero-width space


def test_simplify_and_compact_keep_offsets():
    text = "網 上@賭\u200b場"
    view = View.of_spans(text, [(0, len(text))]).fold().simplify().compact()
    assert view.text == "网上赌场"
    assert [view.origin(i) for i in range(4)] == [0, 2, 4, 6]
    assert view.span(0, 4) == (0, 7)


def test_expanding_fold_maps_to_its_source_character():
    text = "第⑩条"
    view = View.of_spans(text, [(0, 3)]).fold()
    assert view.text == "第10条"
    assert view.span(1, 3) == (1, 2)
    assert view.origin(3) == 2


def test_spans_are_joined_without_merging_words():
    text = "标题网上\n---\n赌场正文"
    view = View.of_spans(text, [(0, 4), (9, 13)])
    assert view.text == "标题网上\n赌场正文"
    assert view.origin(5) == 9
    assert "网上赌场" not in view.compact().text


def test_sentence_punctuation_is_not_skipped():
    text = "网上，赌场"
    assert View.of_spans(text, [(0, 5)]).compact().text == "网上，赌场"


def test_compact_joins_a_word_split_over_two_lines_of_one_paragraph():
    text = "网上\n赌场\n\n下一段"
    view = View.of_spans(text, [(0, len(text))]).compact()
    assert "网上赌场" in view.text
    assert "\n\n下一段" in view.text  # a blank line still ends the paragraph
    start = view.text.index("网上赌场")
    assert view.span(start, start + 4) == (0, 5)
