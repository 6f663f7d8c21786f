"""Validity of a policy document (时效): the front matter that marks it superseded.

gov-site-rules §4: superseded documents carry a visible 已废止/已失效/已修改 label. A
superseded document stays published with its full text (unlike `status: withdrawn`):

    validity:
      state: 已废止              # 已废止、已失效 or 已修改
      date: 2026-12-01           # from which day (YYYY-MM-DD)
      by: ../2026/xin-banfa.md   # the article that repeals or amends it (optional)

and the article that repeals or amends it names it back: `replaces: ../2025/jiu-banfa.md`.
The rule meta.validity checks both sides; the site and the channel copies show them.
"""

from __future__ import annotations

import posixpath
from typing import Any

STATES = ("已废止", "已失效", "已修改")
KEYS = {"state": "效力状态", "date": "日期", "by": "废止或修改它的文件"}
# What a replacing article says of the one it replaces, by that one's state
VERBS = {"已废止": "本文件废止了", "已失效": "本文件替代了", "已修改": "本文件修改了"}


def of(meta: dict[str, Any]) -> dict[str, str] | None:
    """The validity of an article as {state, date, by} (text; "" when missing), None when in force."""
    value = meta.get("validity")
    if not isinstance(value, dict):
        return None
    return {k: value[k].strip() if isinstance(value.get(k), str) else "" for k in KEYS}


def target(path: str, link: str) -> str:
    """The path a `by` or `replaces` link of the article at `path` names (same form as path)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(path), link.strip()))


def notice(state: str, date: str) -> str:
    """The label's sentence: 本文件已于 2026-12-01 废止。"""
    verb = state[1:]  # 废止, 失效, 修改
    return f"本文件已于 {date} {verb}。" if date else f"本文件{state}。"
