"""Homophone test for near-miss names. pypinyin loads its dictionary (about 0.2 s) on
first use only, so files without a near-miss candidate never pay for it."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=8192)
def readings(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    return frozenset(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


def homophones(a: str, b: str) -> bool:
    """True when two characters share a reading, tones ignored (文/闻, 和/合)."""
    return bool(readings(a) & readings(b))
