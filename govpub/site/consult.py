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
from govpub.site.config import meta_text

# long digit runs: mobile, landline (with its area code), ID and bank card numbers; not dates
_NUMBER = re.compile(r"(?<![0-9])(?:0[0-9]{2,3}-)?[0-9]{7,}[Xx]?(?![0-9])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# a name the asker gave: 我叫张三, 本人李四, 我是王小明
_NAME = re.compile(r"(我叫|我是|本人(?:名叫|叫)?|姓名[:：]?)\s*([\u4e00-\u9fff])[\u4e00-\u9fff]{1,2}(?=[，,。；;！!、\s（(]|$)")


def mask(text: str) -> str:
    """`text` with personal numbers, e-mail addresses and self-given names masked."""
    text = _EMAIL.sub("＊＊＊", text)
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
                    "reply": mask(meta_text(d["reply"])), "received": meta_text(d["received"]),
                    "replied": meta_text(d["replied"]), "department": meta_text(d["department"]),
                    "channel": meta_text(d["channel"])})
    out.sort(key=lambda c: (c["replied"], c["id"]), reverse=True)
    return out
