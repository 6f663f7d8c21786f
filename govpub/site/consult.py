"""The 互动交流 page's data: answered consultations from records/consultations, de-identified.

Only a consultation with a reply and a reply time is published, and never one marked
`publish: false` (records/README.md). The records are meant to hold de-identified text
already; what a careless paste left in (a mobile or ID number, a landline, an e-mail
address, a bank card, "我叫张三") is masked again here before it reaches the site.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from govpub.audit import records
from govpub.rules.privacy.bank_card import CARD_RE
from govpub.rules.privacy.contact import LANDLINE
from govpub.rules.privacy.id_number import ID_RE
from govpub.rules.privacy.mobile import MOBILE_RE
from govpub.site.config import meta_text
from govpub.site.sanitize import visible

# numbers as the content rules find them (privacy.*): written in groups (138 1234 5678, 138-1234-5678),
# with +86, in full-width digits (\d is any decimal digit); then any long digit run; not dates
_NUMBERS = (ID_RE, CARD_RE, MOBILE_RE, LANDLINE)
_NUMBER = re.compile(r"(?<!\d)(?:0\d{2,3}-)?\d{7,}[Xx]?(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# a name the asker gave: 我叫张三, 本人李四, 我是王小明
_NAME = re.compile(r"(我叫|我是|本人(?:名叫|叫)?|姓名[:：]?)\s*([\u4e00-\u9fff])[\u4e00-\u9fff]{1,2}(?=[，,。；;！!、\s（(]|$)")


def mask(text: str) -> str:
    """`text` with personal numbers, e-mail addresses and self-given names masked; first without
    the characters a reader does not see (a zero-width space inside a number splits it for a
    pattern, not for the reader: sanitize.visible)."""
    text = _EMAIL.sub("＊＊＊", visible(text))
    # every stretch any pattern finds, overlapping ones as one (a card number holds an ID-like run)
    spans = sorted(m.span() for pattern in _NUMBERS for m in pattern.finditer(text))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + "＊" * 6 + text[end:]
    text = _NUMBER.sub(lambda m: "＊" * 6, text)
    return _NAME.sub(lambda m: f"{m.group(1)}{m.group(2)}某", text)


def answered(root: Path) -> list[dict[str, Any]]:
    """The consultations the site may show, newest reply first (broken records are skipped:
    `govpub audit` reports them)."""
    found, _problems = records.load(root, "consultations", "consultation")
    out = []
    for rec in found:
        d = rec.data
        if d.get("publish") is False or not d.get("reply") or not d.get("replied"):
            continue
        out.append({"id": rec.id, "question": mask(meta_text(d["question"])),
                    "reply": mask(meta_text(d["reply"])), "received": visible(meta_text(d["received"])),
                    "replied": visible(meta_text(d["replied"])), "department": visible(meta_text(d["department"])),
                    "channel": visible(meta_text(d["channel"]))})
    out.sort(key=lambda c: (c["replied"], c["id"]), reverse=True)
    return out
