"""Written variants of a word-list term, generated mechanically from the term itself.

Drafts that want to slip a word past a filter write it in pinyin initials (法轮功 ->
flg), with one character in pinyin (fa轮功), with a character split into its components
(枪 -> 木仓), or with symbols and spaces between the characters (handled by the compact
view, see normalize.py). This module turns every base term into those variants, from two
tables in checks/wordlists/variants.yml:

  pinyin      toneless readings of every Chinese character used in a term, GENERATED from
              pypinyin by `python -m govpub.rules.variants` (a test checks it is current);
              pypinyin itself is never imported on the checking path (it loads in ~0.2 s)
  components  how a character is commonly split into parts (枪: 木仓), written by hand

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
MAX_PER_TERM = 40  # variants of one term: enough for every single-character substitution


def ascii_lower(text: str) -> str:
    """Lower-case ASCII letters only: same length, so view positions stay valid."""
    return text.translate(_ASCII_UPPER)


def variants(term: str, pinyin: Mapping[str, Sequence[str]],
             components: Mapping[str, str], *, initials: bool = True) -> list[str]:
    """The written variants of one term (the term itself excluded), lower-case.
    initials=False leaves out the all-initials form (for the shorter words of combinations)."""
    out: list[str] = []
    chars = list(term)
    cjk = [i for i, c in enumerate(chars) if _CJK.match(c)]
    # all pinyin initials, for terms of three or more Chinese characters: 法轮功 -> flg
    if initials and len(cjk) >= 3 and len(cjk) == len(chars) and all(pinyin.get(c) for c in chars):
        for combo in itertools.product(*(sorted({r[0] for r in pinyin[c]}) for c in chars)):
            out.append("".join(combo))
    # one character written in full pinyin or as its initial: fa轮功, f轮功
    for i in cjk:
        if len(cjk) < 2:
            break
        for reading in pinyin.get(chars[i], ()):
            for form in (reading, reading[0]) if len(cjk) >= 3 else (reading,):
                out.append("".join(chars[:i]) + form + "".join(chars[i + 1:]))
    # one character split into its components: 枪 -> 木仓
    for i in cjk:
        parts = components.get(chars[i])
        if parts:
            out.append("".join(chars[:i]) + parts + "".join(chars[i + 1:]))
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
    """Every Chinese character of every term and combination word of the prohibited lists."""
    import yaml

    chars: set[str] = set()
    for path in sorted((checks / "wordlists" / "prohibited").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        words = list(data.get("terms") or [])
        for combo in data.get("combos") or []:
            words += [w for group in combo["groups"] for w in group]
        for word in words:
            chars.update(_CJK.findall(word))
    return chars


def render(checks: Path) -> str:
    """checks/wordlists/variants.yml with a freshly generated pinyin table."""
    path = checks / "wordlists" / "variants.yml"
    text = path.read_text(encoding="utf-8")
    head, sep, _ = text.partition("\npinyin:\n")
    if not sep:
        raise SystemExit(f"{path}: no 'pinyin:' section")
    table = pinyin_table(term_chars(checks))
    lines = [f"  {c}: [{', '.join(r)}]" for c, r in table.items()]
    return head + sep + "\n".join(lines) + "\n"


def main(argv: Sequence[str]) -> int:
    checks = Path(argv[0]) if argv else Path("checks")
    path = checks / "wordlists" / "variants.yml"
    path.write_text(render(checks), encoding="utf-8")
    print(f"已更新 {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
