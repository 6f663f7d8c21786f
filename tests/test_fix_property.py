"""Property: `govpub fix` is idempotent. Fixing a fixed text changes nothing, over the labelled
corpus, the sample articles and generated mixes of Chinese, ASCII punctuation and quotes."""

from __future__ import annotations

import pytest
from helpers import REPO, article_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_corpus import load_corpus

from govpub.content import article as article_mod
from govpub.policy import Policy
from govpub.rules.engine import RuleSet
from govpub.rules.fixes import fixed_text

RULES = RuleSet(Policy(REPO))


def fix(text: str, path: str = "content/pfyfz/2026/x.md") -> str:
    return fixed_text(RULES, article_mod.parse(path, text))


def assert_idempotent(text: str, path: str = "content/pfyfz/2026/x.md") -> None:
    once = fix(text, path)
    assert fix(once, path) == once


@pytest.mark.parametrize("case", load_corpus(), ids=lambda c: f"{c.family}-{c.id}")
def test_corpus_texts(case):
    assert_idempotent(article_text(body=case.text + "\n"))


@pytest.mark.parametrize("path", sorted((REPO / "content").rglob("*.md")), ids=lambda p: p.name)
def test_sample_articles(path):
    assert_idempotent(path.read_text(encoding="utf-8"), path.relative_to(REPO).as_posix())


PIECES = st.sampled_from(['"', '"', "“", "”", "!", ".", ",", ":", "(", ")", "?", ";", " ", "\n", "\n\n",
                          "会议", "法律", "普法", "abc", "12", "3.5", "。", "，", "⼈民", "\u200b", "  \n"])


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_generated_texts(body):
    assert_idempotent(article_text(body="开头。" + body + "\n"))
