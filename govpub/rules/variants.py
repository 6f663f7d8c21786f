"""Written variants of a word-list term, generated mechanically from the term itself.

Drafts that want to slip a word past a filter write it in pinyin initials (法轮功 ->
flg), all in pinyin (falungong), with one character in pinyin (fa轮功), with a character split into its components
(枪 -> 木仓), with a homophone (法论功), or with symbols and spaces between the characters
(handled by the compact view, see normalize.py). This module turns every base term into
those variants, from three tables in checks/wordlists/variants.yml:

  pinyin      toneless readings of every Chinese character used in a term, GENERATED from
              pypinyin by `python -m govpub.rules.variants` (a test checks that it covers
              every listed character);
              pypinyin itself is never imported on the checking path (it loads in ~0.2 s)
  homophones  for every character of a term, the most common characters with the same
              usual reading, tones ignored (轮: 论 伦 …), GENERATED the same way, with character
              frequencies from jieba's dictionary
  components  how a character is commonly split into parts (枪: 木仓), written by hand
  lookalikes  characters of the same sound sharing a part, used to disguise a word (枪: 抢), by hand

Latin variants are matched case-insensitively and only as a whole Latin word (see
latin_bounded), so `flg` never matches inside an English word or a URL.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ASCII_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
MAX_PER_TERM = 60  # variants of one term: enough for every single-character substitution
HOMOPHONES_PER_CHAR = 2
FULL_PINYIN = 4  # whole-word pinyin spellings of one term (one per combination of readings)
# never used as a homophone stand-in: function characters that make ordinary phrases (百家了解)
STOP = set("的了是在和有就也都而及与着过之其这那你我他她它们个为以于上下不没很就才又还把被从对到")
_HAS_UPPER = re.compile("[A-Z]")


def ascii_lower(text: str) -> str:
    """Lower-case ASCII letters only: same length, so view positions stay valid."""
    return text.translate(_ASCII_UPPER) if _HAS_UPPER.search(text) else text


def variants(term: str, pinyin: Mapping[str, Sequence[str]],
             components: Mapping[str, str], *, min_initials: int = 3,
             homophones: Mapping[str, Sequence[str]] | None = None,
             lookalikes: Mapping[str, str] | None = None) -> list[str]:
    """The written variants of one term (the term itself excluded), lower-case. The all-initials
    form only for words of at least min_initials characters (two letters are too ambiguous:
    qz stands for 枪支, 清真 and 驱逐 alike)."""
    out: list[str] = []
    chars = list(term)
    cjk = [i for i, c in enumerate(chars) if _CJK.match(c)]
    # all pinyin initials: 法轮功 -> flg
    if len(cjk) >= min_initials and len(cjk) == len(chars) and all(pinyin.get(c) for c in chars):
        for combo in itertools.product(*(sorted({r[0] for r in pinyin[c]}) for c in chars)):
            out.append("".join(combo))
    # every character written in pinyin: falungong, qiangzhi (spaces between syllables are dropped
    # by the compact view); at most FULL_PINYIN readings of one word
    if len(cjk) >= 2 and len(cjk) == len(chars) and all(pinyin.get(c) for c in chars):
        for n, combo in enumerate(itertools.product(*(pinyin[c] for c in chars))):
            if n >= FULL_PINYIN:
                break
            out.append("".join(combo))
    # one character written in pinyin: fa轮功 (for the longer words of combinations too: chu售)
    for i in cjk:
        if len(cjk) < 2:
            break
        for reading in pinyin.get(chars[i], ()):
            out.append("".join(chars[:i]) + reading + "".join(chars[i + 1:]))
    # one character replaced by a common character of the same sound: 法论功
    if len(cjk) >= 3 and homophones:
        for i in cjk:
            for h in homophones.get(chars[i], ()):
                out.append("".join(chars[:i]) + h + "".join(chars[i + 1:]))
    # one character replaced by a character of the same sound AND a shared part, the way drafts disguise
    # a word (抢 for 枪: 仿真抢, 抢支); hand-picked, so two-character words take them too
    if len(cjk) >= 2 and lookalikes:
        for i in cjk:
            for h in lookalikes.get(chars[i], ""):
                out.append("".join(chars[:i]) + h + "".join(chars[i + 1:]))
    # one character split into its components: 枪 -> 木仓; and every such character at once: 钅冈珠木仓
    split = [i for i in cjk if components.get(chars[i])]
    for i in split:
        out.append("".join(chars[:i]) + components[chars[i]] + "".join(chars[i + 1:]))
    if len(split) >= 2:
        out.append("".join(components.get(c, c) for c in chars))
    seen: dict[str, None] = {}
    for v in out:
        v = ascii_lower(v)
        if v != term and len(v) >= 2:
            seen.setdefault(v, None)
    return list(seen)[:MAX_PER_TERM]


def latin_bounded(text: str, start: int, end: int) -> bool:
    """False when a match that begins or ends with a Latin letter or digit continues a
    longer Latin word on that side (flg inside 'aflgb')."""
    def alnum(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()

    if alnum(text[start]) and start > 0 and alnum(text[start - 1]):
        return False
    return not (alnum(text[end - 1]) and end < len(text) and alnum(text[end]))


# -- generating the pinyin table --------------------------------------------------------
def pinyin_table(chars: Iterable[str]) -> dict[str, list[str]]:
    """Toneless readings of each character from pypinyin (used only to regenerate the table)."""
    from govpub.rules.typo._pinyin import readings

    return {c: sorted(readings(c)) for c in sorted(set(chars)) if readings(c)}


def term_chars(checks: Path) -> set[str]:
    """Every Chinese character of every term and combination word of the prohibited lists (a braced
    word, 售楼{部|处}, gets no generated variants: its alternatives are its variants)."""
    import yaml

    chars: set[str] = set()
    for path in sorted((checks / "wordlists" / "prohibited").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        words = list(data.get("terms") or [])
        for combo in data.get("combos") or []:
            words += [w for group in combo["groups"] for w in group if not w.startswith("@")]
        for word in words:
            if "{" not in word:
                chars.update(_CJK.findall(word))
    return chars


def homophone_table(chars: Iterable[str]) -> dict[str, list[str]]:
    """The commonest characters sharing each character's usual reading (generation only)."""
    import os
    from collections import Counter

    import jieba  # type: ignore[import-untyped]
    from pypinyin.pinyin_dict import pinyin_dict

    freq: Counter[str] = Counter()
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, count, *_ = line.split(" ")
            for ch in word:
                if _CJK.match(ch):
                    freq[ch] += int(count)
    import unicodedata

    from govpub.rules.normalize import _t2s

    def primary(ch: str) -> str:  # the usual reading, toneless: 万 wan, not the surname reading mo
        reading = unicodedata.normalize("NFD", pinyin_dict.get(ord(ch), "").split(",")[0])
        return "".join(c for c in reading if not unicodedata.combining(c))

    by_reading: dict[str, list[str]] = {}
    for code in pinyin_dict:
        ch = chr(code)
        if freq[ch] and ch not in STOP and _t2s(ch) == ch:
            by_reading.setdefault(primary(ch), []).append(ch)
    out: dict[str, list[str]] = {}
    for c in sorted(set(chars)):
        same = {h for h in by_reading.get(primary(c), ()) if h != c} if primary(c) else set()
        best = sorted(same, key=lambda h: (-freq[h], h))[:HOMOPHONES_PER_CHAR]
        if best:
            out[c] = best
    return out


def render(checks: Path) -> str:
    """checks/wordlists/variants.yml with freshly generated pinyin and homophone tables."""
    path = checks / "wordlists" / "variants.yml"
    text = path.read_text(encoding="utf-8")
    head, sep, _ = text.partition("\npinyin:")
    if not sep:
        raise SystemExit(f"{path}: no 'pinyin:' section")
    chars = term_chars(checks)
    pinyin = [f"  {c} {' '.join(r)}" for c, r in pinyin_table(chars).items()]
    homo = [f"  {c} {''.join(r)}" for c, r in homophone_table(chars).items()]
    return head + "\npinyin: |\n" + "\n".join(pinyin) + "\nhomophones: |\n" + "\n".join(homo) + "\n"


def tables(data: Mapping[str, object]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The pinyin and homophone tables of variants.yml: one line per character, written as a
    block of text (“轮 lun”, “轮 论伦仑”) so that loading it costs one YAML scalar."""
    pinyin = {line.split()[0]: line.split()[1:] for line in str(data.get("pinyin") or "").splitlines() if line.strip()}
    homophones = {line.split()[0]: list(line.split()[1]) for line in str(data.get("homophones") or "").splitlines()
                  if len(line.split()) == 2}
    return pinyin, homophones


def main(argv: Sequence[str]) -> int:
    checks = Path(argv[0]) if argv else Path("checks")
    path = checks / "wordlists" / "variants.yml"
    path.write_text(render(checks), encoding="utf-8")
    print(f"已更新 {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
