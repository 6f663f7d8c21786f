"""New-media freshness: the last publication per registered account, from the publish ledger."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from govpub.audit.freshness import calendar_days

LEDGER_DIR = "records/ledger"


def last_publications(root: Path, accounts: dict[str, dict[str, Any]], as_of: datetime, days: int) -> list[dict[str, object]]:
    out = []
    for platform, account in accounts.items():
        if platform == "website":
            continue
        path = root / LEDGER_DIR / f"{platform}.json"
        try:
            entries = _from_ref(root, platform)  # the ledger's home; the file is its mirror
            if entries is None:
                entries = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            out.append({"platform": platform, "name": account["name"], "last": None, "age_days": None,
                        "state": "没有发布台账", "stale": None})
            continue
        except ValueError:
            out.append({"platform": platform, "name": account["name"], "last": None, "age_days": None,
                        "state": f"台账 {LEDGER_DIR}/{platform}.json 无法解析", "stale": None})
            continue
        times = [datetime.strptime(e["published_at"], "%Y-%m-%d %H:%M") for e in entries.values()
                 if isinstance(e, dict) and e.get("state") == "published" and e.get("published_at")]
        times = [t for t in times if t <= as_of]
        last = max(times) if times else None
        age = calendar_days(last, as_of) if last else None  # by date, as the inspector counts
        stale = age is None or age > days
        out.append({"platform": platform, "name": account["name"],
                    "last": last.strftime("%Y-%m-%d %H:%M") if last else None, "age_days": age,
                    "state": f"{age} 天未更新" if stale and age is not None else ("从未发布" if stale else "正常"),
                    "stale": stale})
    return out


def _from_ref(root: Path, platform: str) -> dict[str, Any] | None:
    """The platform's entries on refs/govpub/ledger (fetched by the audit job), or None."""
    from govpub.publish.ledger import LedgerError, Store

    if not (root / ".git").exists():
        return None
    try:
        return Store(root).read(platform)
    except LedgerError:
        raise ValueError(platform) from None
