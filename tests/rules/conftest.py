"""Shared by the rules tests."""

from __future__ import annotations

import functools

import test_generalization

# Every generalization test asks whether its wording is absent from the repository's word lists
# (test_generalization.in_no_list, used by a dozen files); reading and walking every list costs
# about 0.5 s per case. The lists under REPO/checks/ do not change during a run: read them once
# per worker. A frozenset, so no caller can change what the next one is given.
test_generalization.listed_words = functools.cache(
    lambda words=test_generalization.listed_words: frozenset(words()))
