"""New-media freshness: the last publication per registered account, from the publish ledger
(南方号 has no API: govpub knows when a bundle was handed off, not when it was published, so its
freshness is reported as unknown, with what to do, and never counted as a single veto).

The ledger (refs/govpub/ledger, mirrored in records/ledger/) is writable by anyone with push
rights: a WeChat entry counts only with the seal publishing verifies (wechat.sealed_entries,
from the registered account's credentials). An entry without it counts as absent, so a forged
"published yesterday" cannot make a stale account look fresh, nor a forged entry the reverse.
The scheduled audit job has no credentials: it gets the audit key (GOVPUB_AUDIT_KEY, derived
from the AppSecret for this purpose only: wechat.audit_key) and believes an entry's publication
time only with its audit seal; whoever holds that key can publish nothing and make publishing
believe nothing. With neither, the account's freshness is reported as unknown, with what to
do, and never decided from the ledger."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from govpub.audit.freshness import calendar_days
from govpub.policy import Policy

LEDGER_DIR = "records/ledger"
UNVERIFIED = ("台账无法核验：本次巡检没有公众号凭据（accounts.yml 的 credentials_env），也没有巡检密钥（GOVPUB_AUDIT_KEY），"
              "台账中的发布记录谁都能改写，不予采信。处理办法：在公众平台“发表记录”中查看最近一次发布的时间；"
              "由办公室在发布环境中运行 govpub audit --print-audit-key，把输出设为巡检作业的 GOVPUB_AUDIT_KEY")


NOT_YET = ("台账无法核验：台账中还没有带巡检签名的记录（升级后的第一次发布之后才有）。"
           "处理办法：在公众平台“发表记录”中查看最近一次发布的时间；下一次发布之后巡检自动核对")
HANDOFF = ("南方号没有接口，由运营人员在后台发布：govpub 只知道交接包何时生成，不知道何时发布。"
           "处理办法：在南方号后台核对最近一次发布的时间")


def last_publications(policy: Policy, as_of: datetime, days: int) -> list[dict[str, object]]:
    from govpub.publish import wechat

    root = policy.root
    out = []
    for platform, account in policy.accounts.items():
        if platform == "website":
            continue
        if platform == "nanfang":  # no API: the ledger knows hand-offs, not publications
            out.append({"platform": platform, "name": account["name"], "last": None, "age_days": None,
                        "state": HANDOFF, "stale": None})
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
        dropped = 0
        if platform == "wechat":
            entries = entries if isinstance(entries, dict) else {}
            verified = wechat.sealed_entries(policy, entries)
            key = os.environ.get(wechat.AUDIT_KEY_ENV, "").strip()
            if verified is None and key:  # the audit job: its own key, which can publish nothing
                verified = wechat.audited_entries(entries, key)
            if verified is None:
                out.append({"platform": platform, "name": account["name"], "last": None, "age_days": None,
                            "state": NOT_YET if key else UNVERIFIED, "stale": None})
                continue
            dropped = sum(isinstance(e, dict) for e in entries.values()) - len(verified)
            entries = verified
        times = [t for e in entries.values() if isinstance(e, dict) and e.get("state") == "published"
                 and (t := _minute(e.get("published_at"))) is not None and t <= as_of]
        last = max(times) if times else None
        age = calendar_days(last, as_of) if last else None  # by date, as the inspector counts
        stale = age is None or age > days
        state = f"{age} 天未更新" if stale and age is not None else ("从未发布" if stale else "正常")
        if dropped:
            state += f"（台账中 {dropped} 条记录没有有效签名，不予采信）"
        out.append({"platform": platform, "name": account["name"],
                    "last": last.strftime("%Y-%m-%d %H:%M") if last else None, "age_days": age,
                    "state": state, "stale": stale})
    return out


def _minute(value: object) -> datetime | None:
    try:
        return datetime.strptime(str(value), "%Y-%m-%d %H:%M")
    except ValueError:
        return None


def _from_ref(root: Path, platform: str) -> dict[str, Any] | None:
    """The platform's entries on refs/govpub/ledger (fetched by the audit job), or None."""
    from govpub.publish.ledger import LedgerError, Store

    if not (root / ".git").exists():
        return None
    try:
        return Store(root).read(platform)
    except LedgerError:
        raise ValueError(platform) from None
