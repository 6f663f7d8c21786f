"""Homophone test for near-miss names, from pypinyin's character dictionary.

Only the dictionary module is loaded (not pypinyin's phrase segmentation), and only when a
near-miss candidate appears, so most files never pay for it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=8192)
def readings(ch: str) -> frozenset[str]:
    """Toneless readings of a character: 闻 -> {"wen"}, 绿 -> {"lv", "lu"}."""
    from pypinyin.pinyin_dict import pinyin_dict

    out = set()
    for reading in pinyin_dict.get(ord(ch), "").split(","):
        plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
        if plain:
            out.add(plain)
    return frozenset(out)


def homophones(a: str, b: str) -> bool:
    """True when two characters share a reading, tones ignored (文/闻, 和/合)."""
    return bool(readings(a) & readings(b))
