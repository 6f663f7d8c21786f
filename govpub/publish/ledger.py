"""The publish ledger: per platform, per article, what was done and the ids the platform
gave back. Each id is written the moment the call that returned it succeeds, atomically,
so a run killed at any step and started again carries on instead of starting over.

records/ledger/<platform>.json  {article path: entry}; committed to Git by govpub publish.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

LEDGER_DIR = "records/ledger"


class Ledger:
    def __init__(self, root: Path, platform: str) -> None:
        self.path = root / LEDGER_DIR / f"{platform}.json"
        try:
            self.entries: dict[str, dict[str, Any]] = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            self.entries = {}

    def entry(self, article: str) -> dict[str, Any]:
        return self.entries.setdefault(article, {})

    def update(self, article: str, **fields: Any) -> dict[str, Any]:
        entry = self.entry(article)
        for key, value in fields.items():
            if value is None:
                entry.pop(key, None)
            else:
                entry[key] = value
        self.save()
        return entry

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.entries, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
