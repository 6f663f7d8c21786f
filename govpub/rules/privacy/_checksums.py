"""Validators for Chinese personal and registration numbers (reference: content-checks.md §6)."""

from __future__ import annotations

from datetime import date

from govpub import clock

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits of GB/T 2260 province-level codes.
_PROVINCES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
              "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
              "63", "64", "65", "71", "81", "82", "83", "91"}


# the residence permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证) carry these region codes
_PERMIT_REGIONS = {"810000", "820000", "830000"}


def _region_ok(number: str) -> bool:
    """The number opens with an issuing region: a province and its county (440825…), a residence permit of
    Hong Kong, Macao or Taiwan residents (810000…), or, for the 2023 foreigner's permanent residence ID card
    (外国人永久居留身份证), 9 and a province (944…, the birth date in the same place)."""
    if number[:2] in _PROVINCES and number[2:6] != "0000":
        return True
    if number[:6] in _PERMIT_REGIONS:
        return True
    return len(number) == 18 and number[0] == "9" and number[1:3] in _PROVINCES - {"71", "81", "82", "83", "91"}


def is_resident_id(number: str) -> bool:
    """A GB 11643-1999 citizen ID (or a number of the same shape: a residence permit of Hong Kong, Macao and
    Taiwan residents, a foreigner's permanent residence ID): region code, real birth date, ISO 7064 MOD 11-2 check."""
    if len(number) != 18 or not number[:17].isdigit() or not _region_ok(number):
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not date(1900, 1, 1) <= born <= clock.today():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def is_id_shaped(number: str) -> bool:
    """An 18-character citizen ID (province code and a real birth date) whatever its check
    character, or a first-generation 15-digit one (province code, 19YYMMDD birth date)."""
    if len(number) == 18 and number[:17].isdigit() and number[17] in "0123456789Xx":
        year, rest = number[6:10], number[10:14]
    elif len(number) == 15 and number.isdigit():
        year, rest = "19" + number[6:8], number[8:12]
    else:
        return False
    if not _region_ok(number):
        return False
    try:
        born = date(int(year), int(rest[:2]), int(rest[2:]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= clock.today()


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # pragma: allowlist secret
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a 统一社会信用代码."""
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def is_uscc(code: str) -> bool:
    """A GB 32100-2015 统一社会信用代码 with a correct check character."""
    code = code.upper()
    if len(code) != 18 or not code[2:8].isdigit() or any(c not in _USCC_ALPHABET for c in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


_HK_VALUE = {c: 10 + i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}


def is_hk_id(letters: str, digits: str, check: str) -> bool:
    """A Hong Kong identity card number: one or two letters, six digits and its check character (A123456(7))."""
    if not 1 <= len(letters) <= 2 or len(digits) != 6 or not digits.isdigit():
        return False
    values = [36] * (2 - len(letters)) + [_HK_VALUE[c] for c in letters.upper()] + [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True))
    expected = (11 - total % 11) % 11
    return check.upper() == ("A" if expected == 10 else str(expected))


# Taiwan: the first letter's two-digit value (A 10 … Z 33, in the island's own order)
_TW_VALUE = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36), strict=True))


def is_tw_id(number: str) -> bool:
    """A Taiwan identity card number: a letter, 1 or 2 (sex), eight digits, the last a check digit (A123456789)."""
    if len(number) != 10 or number[0].upper() not in _TW_VALUE or number[1] not in "12" or not number[1:].isdigit():
        return False
    head = _TW_VALUE[number[0].upper()]
    total = head // 10 + (head % 10) * 9 + sum(int(d) * w for d, w in zip(number[1:9], range(8, 0, -1), strict=True))
    return (total + int(number[9])) % 10 == 0
