"""The merged word-list automaton (matching.Pool) must give every Matcher exactly what its own
automaton gives: same matches, same order, duplicates and nested patterns included."""

from __future__ import annotations

import random

from govpub.rules import matching


def _own(m: matching.Matcher, text: str) -> list[tuple[int, int, int]]:
    return m._ac.find_matches_as_indexes(text, overlapping=True) if m._ac is not None else []


def test_merged_matchers_give_what_their_own_automata_give() -> None:
    rng = random.Random(17)
    alphabet = "国家知识产权局赌场网上ab"
    pool = matching.Pool()
    matching.activate(pool)
    try:
        matchers = []
        for _ in range(12):
            words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 30))]
            words += rng.sample(words, min(3, len(words)))  # duplicates inside one list
            matchers.append(matching.Matcher(words))
        matchers.append(matching.Matcher(["国家知识产权局", "知识产权", "国家知识产权", "知识产权"]))
        texts = ["".join(rng.choice(alphabet + "，。\n") for _ in range(rng.randint(0, 300))) for _ in range(40)]
        texts.append("国家知识产权局和国家知识产权")
        before = [[_own(m, t) for m in matchers] for t in texts]
        pool.merge()
        assert all(m.merged and m._ac is None for m in matchers if m.patterns)  # own automata freed
        late = matching.Matcher(["知识", "产权局"])  # made after the merge: scans on its own until the next one
        assert not late.merged
        for t, expected in zip(texts, before, strict=True):
            assert [m.find_raw(t) for m in matchers] == expected
            assert late.find_raw(t) == _own(late, t)
        # a caller changing its list must not change what the next caller gets
        first = matchers[-1].find_raw(texts[-1])
        first.clear()
        assert matchers[-1].find_raw(texts[-1]) == before[-1][-1] != []
    finally:
        matching.activate(matching.Pool())
