"""Four-character idioms (成语) to catch one written with a homophone, and the words that look so.

`idioms.txt` beside this module holds five lines, each four-character strings without separators:

1. the forms to suggest: the idioms of jieba's dictionary (part of speech `i`) and, since the
   sixth round, its other four-character entries that are no name or number (习用语 `l`, nouns,
   verbs…: 据理力争, 明显好转, 监督管理), each occurring at least MIN_FREQUENCY times in its
   corpus (再接再厉, 迫在眉睫…): 8,420 entries. MIN_FREQUENCY 10 still holds 厚积薄发, 矢志不渝,
   拾金不昧 (frequency 10 to 19); with every idiom of any frequency the index takes 77 ms instead
   of 9 and a chance window appears in the sample site (measured, idiom4 report);
2. every other four-character entry of the dictionary, of any frequency or part of speech, that
   differs from one of them in one character that sounds alike (人尽其材 beside 人尽其才): a
   variant or a word of its own, never a misspelling to report;
3. the idioms whose first three characters are a word of the dictionary (自来水笔: 自来水),
   whose last character is then left unchecked: 自来水被投毒 is 自来水 + 被;
4. likewise those whose last three characters are a word, whose first character is unchecked;
5. the entries of line 1 that are not idioms (everyday words): typo.idiom reports a window one
   character off one of them only where the window stands between word boundaries and the
   changed character's main reading is the right one's (see idiom.py).

Only correct forms are stored, no wrong one. It is generated, not edited:

    python -m govpub.rules.typo._idioms

jieba is never imported on the check path; pypinyin's character table is read only when a
window one character off an idiom appears.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from govpub.rules.typo._pinyin import near_homophones

MIN_FREQUENCY = 10
TAGS = ("i",)
# parts of speech of names and numbers: a four-character name one character off another is another name
NAME_TAGS = ("nr", "nrt", "nrfg", "ns", "nt", "nz", "m", "mq", "eng", "x")
FILE = Path(__file__).with_name("idioms.txt")


def _quads(line: str) -> list[str]:
    return [line[i:i + 4] for i in range(0, len(line), 4)]


@cache
def words() -> frozenset[str]:
    """The targets that are everyday four-character words rather than idioms (明显好转, 监督管理):
    a window one character off one of them is reported only between word boundaries."""
    return frozenset(_quads(FILE.read_text(encoding="utf-8").split("\n")[4]))


@cache
def idioms() -> tuple[tuple[str, ...], frozenset[str], frozenset[str], frozenset[str]]:
    """(the idioms to suggest, the four-character words one sound-alike character off one, the idioms
    that begin with a three-character word, those that end with one)."""
    lines = FILE.read_text(encoding="utf-8").split("\n")
    return tuple(_quads(lines[0])), frozenset(_quads(lines[1])), frozenset(_quads(lines[2])), \
        frozenset(_quads(lines[3]))


def _cjk(word: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in word)


def generate() -> str:
    """The file's content from jieba's dictionary (jieba is a build-time dependency)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba")
    folder = Path(next(iter(spec.submodule_search_locations)))
    targets: set[str] = set()
    idioms_: set[str] = set()
    others: set[str] = set()
    threes: set[str] = set()
    with (folder / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            if len(word) == 3:
                threes.add(word)
            if len(word) != 4 or not _cjk(word):
                continue
            if (tag in TAGS or tag not in NAME_TAGS) and int(freq) >= MIN_FREQUENCY:
                targets.add(word)
                if tag in TAGS:
                    idioms_.add(word)
            else:
                others.add(word)
    keys: dict[tuple[int, str], list[str]] = {}
    for t in targets:
        for j in range(4):
            keys.setdefault((j, t[:j] + t[j + 1:]), []).append(t)
    lookalikes = set()
    for w in others | targets:
        for j in range(4):
            for t in keys.get((j, w[:j] + w[j + 1:]), ()):
                if t != w and near_homophones(w[j], t[j]):
                    lookalikes.add(w)
    heads = {t for t in targets if t[:3] in threes}
    tails = {t for t in targets if t[1:] in threes}
    return "\n".join("".join(sorted(part)) for part in (targets, lookalikes, heads, tails, targets - idioms_)) + "\n"


if __name__ == "__main__":
    FILE.write_text(generate(), encoding="utf-8")
    targets, lookalikes, heads, tails = idioms()
    print(f"{len(words())} of the targets are everyday words, not idioms")
    print(f"{FILE}: {len(targets)} idioms, {len(lookalikes)} look-alike words, {len(heads) + len(tails)} word ends")
