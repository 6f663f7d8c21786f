"""LazyAutomaton answers exactly as ahocorasick_rs in overlapping mode, before and after it builds."""

from __future__ import annotations

import ahocorasick_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govpub.rules import automaton
from govpub.rules.automaton import LazyAutomaton

# few letters, so that patterns overlap, nest, repeat and share ends and starts
_CHARS = st.sampled_from("司法局湛江abA1")
_PATTERNS = st.lists(st.text(_CHARS, min_size=1, max_size=5), min_size=1, max_size=30)


def _expected(patterns: list[str], text: str) -> list[tuple[int, int, int]]:
    return ahocorasick_rs.AhoCorasick(patterns).find_matches_as_indexes(text, overlapping=True)


@settings(max_examples=300, deadline=None)
@given(_PATTERNS, st.lists(st.text(_CHARS, max_size=40), min_size=1, max_size=4))
def test_the_table_gives_the_automatons_tuples_in_its_order(patterns, texts):
    lazy = LazyAutomaton(patterns)
    lazy._budget = 10**9  # the table throughout
    for text in texts:
        assert lazy.find_matches_as_indexes(text, overlapping=True) == _expected(patterns, text)
    assert not lazy.built


def test_duplicates_nested_words_and_longest_first():
    patterns = ["法局", "司法局", "局", "司法局", "湛江市司法局", "江市"]
    text = "湛江市司法局和司法局"
    lazy = LazyAutomaton(patterns)
    lazy._budget = 10**9
    found = lazy.find_matches_as_indexes(text)
    assert found == _expected(patterns, text)
    # ending at 局 (position 6): the longest first, a repeated pattern in the order given
    assert [i for i, _, end in found if end == 6] == [4, 1, 3, 0, 2]
    assert not lazy.built


def test_the_automaton_is_built_once_the_texts_read_outweigh_the_build(monkeypatch):
    patterns = ["湛江", "司法", "法局", "局长"]
    budget = int(sum(map(len, patterns)) * automaton.BUDGET_PER_PATTERN_CHAR)
    lazy = LazyAutomaton(patterns)
    text = "湛江市司法局局长"
    read = 0
    while read + len(text) <= budget:
        assert lazy.find_matches_as_indexes(text) == _expected(patterns, text)
        read += len(text)
        assert not lazy.built
    assert lazy.find_matches_as_indexes(text) == _expected(patterns, text)
    assert lazy.built
    assert lazy.find_matches_as_indexes("司法局") == _expected(patterns, "司法局")


def test_an_empty_pattern_is_refused_when_given_as_ahocorasick_rs_refuses_it():
    with pytest.raises(ValueError, match="empty string"):
        ahocorasick_rs.AhoCorasick(["", "局"])
    with pytest.raises(ValueError, match="empty string"):
        LazyAutomaton(["", "局"])


def test_only_overlapping_search_is_offered():
    with pytest.raises(ValueError, match="overlapping"):
        LazyAutomaton(["局"]).find_matches_as_indexes("局", overlapping=False)


def test_on_the_prohibited_lists_and_the_sample_articles_it_matches_the_automaton(msite):
    """The real case: ~45,000 words with their variants, over the compact view of every sample article."""
    from pathlib import Path

    from helpers import REPO

    from govpub.rules.document import Document
    from govpub.rules.engine import load
    from govpub.rules.prohibited import _wordlist

    patterns = _wordlist.lists(msite.rules().policy).matcher.patterns
    real = ahocorasick_rs.AhoCorasick(patterns)
    lazy = LazyAutomaton(patterns)
    articles = sorted(Path(REPO, "content").rglob("*.md"))
    assert len(articles) > 10
    for path in articles:
        text = _wordlist.ascii_lower(Document(load(REPO, path), msite.rules().policy).compact.text)
        assert lazy.find_matches_as_indexes(text) == real.find_matches_as_indexes(text, overlapping=True), path
    assert not lazy.built  # the sample articles together are shorter than the budget


def test_a_fork_builds_every_automaton_first_so_the_workers_inherit_them():
    """A check of many files forks worker processes after its first article: they must inherit
    the built automata, not each read up to its budget with the table and build its own."""
    import multiprocessing

    lazy = LazyAutomaton(["湛江", "司法局"] * 1000)
    lazy._budget = 10**9
    assert lazy.find_matches_as_indexes("湛江市司法局") == _expected(["湛江", "司法局"] * 1000, "湛江市司法局")
    assert not lazy.built
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as pool:
        assert pool.apply(_built_in_child) is True
    assert lazy.built  # built in the parent before the fork


def _built_in_child() -> bool:
    return all(a.built for a in automaton._every)
