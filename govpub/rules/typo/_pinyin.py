"""Homophone test for near-miss names, from pypinyin's character dictionary.

Only the dictionaries' data files are read (pypinyin/pinyin_dict.json, the data of
pypinyin.pinyin_dict), not the pypinyin package: importing it loads the phrase dictionary
and segmentation, about 0.2 s. It is read only when a near-miss candidate appears, so most
files never pay for it.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from functools import cache, lru_cache
from pathlib import Path


@cache
def _pinyin_dict() -> dict[str, str]:
    """pypinyin's character dictionary: str(code point) -> "wén,wèn"."""
    spec = importlib.util.find_spec("pypinyin")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin")
    folder = Path(next(iter(spec.submodule_search_locations)))
    table: dict[str, str] = json.loads((folder / "pinyin_dict.json").read_text("utf-8"))
    return table


@lru_cache(maxsize=8192)
def readings(ch: str) -> frozenset[str]:
    """Toneless readings of a character: 闻 -> {"wen"}, 绿 -> {"lv", "lu"}."""
    out = set()
    for reading in _pinyin_dict().get(str(ord(ch)), "").split(","):
        plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
        if plain:
            out.add(plain)
    return frozenset(out)


def homophones(a: str, b: str) -> bool:
    """True when two characters share a reading, tones ignored (文/闻, 和/合)."""
    return bool(readings(a) & readings(b))


@lru_cache(maxsize=8192)
def main_reading(ch: str) -> str:
    """A character's most common reading, tone ignored (差 -> "cha", not its rare "ci")."""
    first = _pinyin_dict().get(str(ord(ch)), "").split(",")[0]
    return "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c))


def sound_key(reading: str) -> str:
    """A reading with the southern confusions folded (zhu -> zu, ming -> min): equal keys sound alike."""
    return next(iter(_fold(reading)))


def main_homophones(a: str, b: str) -> bool:
    """True when the two characters' most common readings are alike to a southern pinyin typist
    (急/激, 转/传 yes; 提/差, whose rare readings meet, no)."""
    ra, rb = main_reading(a), main_reading(b)
    return bool(ra) and (ra == rb or bool(_fold(ra) & _fold(rb)))


# readings a pinyin keyboard confuses in southern speech (Cantonese speakers type zu for zhu, lan for nan,
# jin for jing): flat and retroflex initials, n and l, front and back nasal finals
_FUZZY = (("zh", "z"), ("ch", "c"), ("sh", "s"))
_FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


def _fold(r: str) -> frozenset[str]:
    """One reading with the southern confusions folded: zhu -> zu, nan -> lan, jing -> jin."""
    for a, b in _FUZZY:
        if r.startswith(a):
            r = b + r[len(a):]
            break
    if r.startswith("n") and not r.startswith("ng"):
        r = "l" + r[1:]
    for a, b in _FUZZY_FINALS:
        if r.endswith(a):
            r = r[:-len(a)] + b
            break
    return frozenset((r,))


@lru_cache(maxsize=8192)
def fuzzy_readings(ch: str) -> frozenset[str]:
    """Readings with the southern confusions folded: 助 -> {"zu"}, 难 -> {"lan"}, 经 -> {"jin"}."""
    out: set[str] = set()
    for r in readings(ch):
        out |= _fold(r)
    return frozenset(out)


def near_homophones(a: str, b: str) -> bool:
    """True when two characters sound alike to a southern pinyin typist (助/组, 政/怎, 律/女)."""
    return homophones(a, b) or bool(fuzzy_readings(a) & fuzzy_readings(b))


@cache
def _phrases() -> frozenset[str]:
    """pypinyin's phrase dictionary (about 47,000 common words that hold a character of several
    readings: 郑重, 国家, 重要…), read only when a near-miss name candidate appears."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return frozenset(json.loads((folder / "phrases_dict.json").read_text("utf-8")))


def common_word(word: str) -> bool:
    """True when word is an entry of pypinyin's phrase dictionary (郑重 yes, 志刚 no)."""
    return word in _phrases()
