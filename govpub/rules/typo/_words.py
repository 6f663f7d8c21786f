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


@cache
def _words() -> frozenset[str]:
    text = FILE.read_text(encoding="utf-8").strip()
    return frozenset(text[i:i + 2] for i in range(0, len(text), 2))


@cache
def everyday_characters() -> frozenset[str]:
    """The characters of the everyday words: what a pinyin keyboard offers first."""
    return frozenset(FILE.read_text(encoding="utf-8").strip())


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


if __name__ == "__main__":
    FILE.write_text(generate(), encoding="utf-8")
    print(f"{FILE}: {len(_words())} words")
