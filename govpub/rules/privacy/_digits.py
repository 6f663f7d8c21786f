"""Digits written in words: a number spelt with Chinese numerals (一三八…), capital numerals as on a cheque
(壹叁捌…), 幺 and 两 as read out, or a mix of these and Arabic digits (6228 四八零三 2811…). Shared by
privacy.mobile and privacy.bank-card, which read such a run as the digits it spells."""

from __future__ import annotations

import re

# every character that stands for one digit, and the digit it stands for
_WORDS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
          "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
WORD = "".join(_WORDS)
DIGIT = rf"[0-9{WORD}]"
# characters that make a run a quantity, not a number read digit by digit (一千三百, 十二)
_SCALE = "十百千万亿拾佰仟"
SEP = r"[ \-·・‧.．\u3000—－]"


def spelt(length: str) -> re.Pattern[str]:
    """A run of `length` (a regex count such as "{10}" or "{15,18}", after the first digit) digits in any
    writing, one separator allowed between two digits, standing alone (no digit or scale word either side)."""
    return re.compile(rf"(?<![0-9{WORD}{_SCALE}]){DIGIT}(?:{SEP}?{DIGIT}){length}(?![0-9{WORD}{_SCALE}])")


# three digit words close together: a text with none cannot hold a spelt number (performance only)
GATE = re.compile(rf"[{WORD}]{SEP}?[{WORD}]{SEP}?[{WORD}]")


def digits_of(run: str) -> str | None:
    """The Arabic digits a run spells; None when it has no digit word (the Arabic-only patterns read it)."""
    if not any(c in _WORDS for c in run):
        return None
    return "".join(str(_WORDS[c]) if c in _WORDS else c for c in run if c in _WORDS or c.isdigit())
