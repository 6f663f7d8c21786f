"""Everyday two-character words, to tell a name one character off from ordinary words.

`common_words.txt` beside this module holds the two-character words of jieba's dictionary
that occur at least MIN_FREQUENCY times in its corpus (志愿, 成果, 强项…), one line of
words without separators. It is generated, not edited:

    python -m govpub.rules.typo._words

jieba itself is never imported on the check path: the file is read only when a near-miss
leader name appears, about 20 ms.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

MIN_FREQUENCY = 100
FILE = Path(__file__).with_name("common_words.txt")
READINGS = Path(__file__).with_name("everyday_readings.txt")


@cache
def _words() -> frozenset[str]:
    text = FILE.read_text(encoding="utf-8").strip()
    return frozenset(text[i:i + 2] for i in range(0, len(text), 2))


@cache
def everyday_readings() -> dict[str, str]:
    """The characters of the everyday words (what a pinyin keyboard offers first) -> their main
    reading, toneless (湛 -> zhan): READINGS, generated with common_words.txt, one line per reading
    (zhan 湛站战…), so the check path never loads pypinyin's dictionary for them."""
    out: dict[str, str] = {}
    for line in READINGS.read_text(encoding="utf-8").splitlines():
        reading, _, chars = line.partition(" ")
        for ch in chars:
            out[ch] = reading
    return out


def everyday_word(word: str) -> bool:
    """True when a two-character string is an everyday word (志愿 yes, 志刚 no)."""
    return word in _words()


def generate() -> str:
    """The file's content from jieba's dictionary (jieba is a build-time dependency)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba")
    folder = Path(next(iter(spec.submodule_search_locations)))
    words = set()
    with (folder / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, freq, _ = line.split(" ", 2)
            if len(word) == 2 and int(freq) >= MIN_FREQUENCY and all("\u4e00" <= c <= "\u9fff" for c in word):
                words.add(word)
    return "".join(sorted(words)) + "\n"


def generate_readings(words: str) -> str:
    """READINGS' content: the main readings of the characters of words (pypinyin's dictionary)."""
    from govpub.rules.typo._pinyin import main_reading

    by_reading: dict[str, set[str]] = {}
    for ch in set(words.strip()):
        reading = main_reading(ch)
        if reading:
            by_reading.setdefault(reading, set()).add(ch)
    return "".join(f"{r} {''.join(sorted(cs))}\n" for r, cs in sorted(by_reading.items()))


if __name__ == "__main__":
    content = generate()
    FILE.write_text(content, encoding="utf-8")
    READINGS.write_text(generate_readings(content), encoding="utf-8")
    print(f"{FILE}: {len(_words())} words; {READINGS}")
