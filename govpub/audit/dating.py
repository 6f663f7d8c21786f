"""Faked publish dates (弄虚作假, a single veto of 国办秘函〔2019〕19号), proved from the Git record.

Two things the history of the published branch shows and a page does not:

- back-dating: an article whose `date` is earlier than the moment the commit that first
  brought it onto the branch was made (committer time, in Beijing time), by more than
  `dating.tolerance_hours` of checks/audit.yml. A column that had nothing for weeks can be
  made to look as if it had been updated all along by adding items dated in the past.
- a publish time changed after publication: the `date` of an article that was already live
  (its date had come and it was on the branch) rewritten by a later commit, either way:
  later makes an old item look new (a fake update), earlier is back-dating. Putting a
  back-dated date right (to a time within the tolerance) is not reported, and the article's
  back-dating is judged on the date the page shows now.

The tolerance: an article is written with the time it is meant to appear; review (三审) can
take a weekend, so an article dated Friday afternoon that reaches the branch on Monday
morning is normal (72 hours by default). Commits before `dating.since` (the day the site
moved into Git: the migrated archive keeps its old dates) are not judged.

One `git log -p` over content/ on the first-parent history: cost grows with the history, not
with a process per article.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from govpub import clock, git
from govpub.approvals.record import NOTES_REF

_DATE_LINE = re.compile(r"^date:\s*[\"']?(\d{4}-\d{2}-\d{2} \d{2}:\d{2})[\"']?\s*$")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")
FRONT_MATTER_LINES = 60  # a `date:` line further down is body text, not the article's date
MARK = "\x1egovpub-commit "
NOTE_END = "\x1fgovpub-note-end"


@dataclass
class DateFinding:
    path: str
    item: str  # 发布时间倒填 | 已发布文章的发布时间被改动
    detail: str
    commit: str
    action: str

    def as_json(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class _Version:
    commit: str
    at: datetime  # committer time, Beijing wall clock
    date: datetime | None


def _beijing(epoch: str) -> datetime:
    return datetime.fromtimestamp(int(epoch), clock.BEIJING).replace(tzinfo=None, second=0, microsecond=0)


def _unquote(name: str) -> str:
    """A path as git prints it: in C quotes when it holds a tab, a newline, a quote or a
    backslash (non-ASCII is plain with core.quotePath=false: 中文.md was \\344\\270… and lost)."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    import codecs

    raw = codecs.escape_decode(name[1:-1].encode("utf-8"))[0]
    return raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else str(raw)


def _merged_at(note: str) -> datetime | None:
    """The forge's merge time in an approval record (git notes), in Beijing time."""
    try:
        data = json.loads(note)
        value = data["pull"]["merged_at"]
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(clock.BEIJING).replace(
            tzinfo=None, second=0, microsecond=0)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def history(root: Path) -> dict[str, list[_Version]]:
    """Per article path (as it is called now), its versions on the first-parent history,
    oldest first: the commit, its time and the front-matter date it set.

    A commit's time is its committer time, or the forge's merge time in its approval record
    when that is later: a fast-forward merge keeps the committer time the drafter's machine
    wrote (GIT_COMMITTER_DATE can say anything); the forge's merge time cannot be set back."""
    proc = git.run(root, "-c", "core.quotePath=false", "log", "--first-parent", "--reverse", "--diff-merges=first-parent", "-M", "-p", "-U0",
                   "--no-color", "--no-ext-diff", f"--notes={NOTES_REF}", f"--format={MARK}%H %ct%n%N{NOTE_END}",
                   "HEAD", "--", "content/", check=False)
    if proc.returncode != 0:
        return {}
    out: dict[str, list[_Version]] = {}
    commit, at = "", datetime.min
    path: str | None = None
    line_no, old, previous = 0, "", ""
    note: list[str] | None = None
    for line in proc.stdout.split("\n"):  # not splitlines(): it splits at the \x1e of MARK too
        header, previous = previous.startswith("--- "), line
        if note is not None:  # the approval record on this commit, if any
            if line.endswith(NOTE_END):
                note.append(line[:-len(NOTE_END)])
                at = max(at, _merged_at("\n".join(note)) or at)
                note = None
            else:
                note.append(line)
        elif line.startswith(MARK):
            commit, epoch = line[len(MARK):].split()
            at = _beijing(epoch)
            path, note = None, []
        elif line.startswith("rename from "):
            old = _unquote(line[len("rename from "):])
        elif line.startswith("rename to "):
            new = _unquote(line[len("rename to "):])
            if old in out:  # a moved article keeps its history (and its first appearance)
                out[new] = out.pop(old)
        elif header and line.startswith("+++ "):
            target = _unquote(line[4:].removesuffix("\t"))  # git adds a tab after a name with a space
            path = target[2:] if target.startswith("b/") and target.endswith(".md") else None
            if path is not None and path not in out:
                out[path] = [_Version(commit, at, None)]  # first appearance on the branch
        elif line.startswith("@@"):
            m = _HUNK.match(line)
            line_no = int(m.group(1)) if m else 0
        elif path is not None and line.startswith("+"):
            m = _DATE_LINE.match(line[1:])
            if m and line_no <= FRONT_MATTER_LINES:
                try:
                    when = datetime.strptime(m.group(1), clock.MINUTE)
                except ValueError:
                    when = None
                versions = out[path]
                if versions[-1].commit == commit:
                    versions[-1].date = when
                else:
                    versions.append(_Version(commit, at, when))
            line_no += 1
    return out


NOT_CHECKED_NO_GIT = "不是 Git 仓库：发布时间是否倒填、发布后是否被改动未核对（在仓库的检出目录中运行 govpub audit）"
NOT_CHECKED_SHALLOW = ("浅克隆（只有最近的提交）：发布时间是否倒填、发布后是否被改动未核对。"
                       "处理办法：巡检工作流的 actions/checkout 设 fetch-depth: 0，或先运行 git fetch --unshallow")


def unavailable(root: Path) -> str | None:
    """Why the Git record cannot be read here (a warning for the report), or None."""
    if not (root / ".git").exists():
        return NOT_CHECKED_NO_GIT
    proc = git.run(root, "rev-parse", "--is-shallow-repository", check=False)
    if proc.returncode != 0:
        return NOT_CHECKED_NO_GIT
    return NOT_CHECKED_SHALLOW if proc.stdout.strip() == "true" else None


def check(root: Path, config: dict[str, Any], live: set[str], as_of: datetime | None = None) -> list[DateFinding]:
    """Back-dated articles and publish times changed after publication, for the articles in
    `live` (paths of the articles now in content/), from the commits up to as_of (an audit
    --as-of a past day sees that day's record). Call unavailable() first."""
    settings = config.get("dating", {})
    tolerance = timedelta(hours=float(settings.get("tolerance_hours", 72)))
    since = datetime.strptime(str(settings["since"]), "%Y-%m-%d") if settings.get("since") else datetime.min
    findings: list[DateFinding] = []
    for path, every in history(root).items():
        versions = [v for v in every if as_of is None or v.at <= as_of]
        if path not in live or not versions:
            continue
        first = versions[0]
        earliest = first.at - tolerance  # the earliest honest date
        dated = [v for v in versions if v.date is not None]
        shown = dated[-1].date if dated else None  # what the page shows now
        if first.at >= since and shown is not None and shown < earliest:
            findings.append(DateFinding(
                path, "发布时间倒填",
                f"{path} 的发布时间写作 {shown:%Y-%m-%d %H:%M}，但它 {first.at:%Y-%m-%d %H:%M} 才进入发布分支"
                f"（提交 {first.commit[:12]}，相差超过 {tolerance.total_seconds() / 3600:g} 小时）",
                first.commit,
                "发布时间应为实际发布的时间：改为进入发布分支的时间后重新走三审，并报办公室核查是否为补发应付检查"))
        original: datetime | None = None  # the publish time the article first went live with
        changes: list[DateFinding] = []
        for before, after in itertools.pairwise(versions):
            if before.date is None:
                continue
            went_live = max(before.at, before.date)
            if went_live > after.at or after.date is None or after.date == before.date:
                continue  # not live yet when changed (a rescheduled article), or the date untouched
            original = original or before.date
            if after.at < since or after.date == original:
                continue  # a change put back, as the finding asks
            if before.date < earliest <= after.date <= first.at + tolerance:
                continue  # a back-dated date put right: the time it reached the branch
            changes.append(DateFinding(
                path, "已发布文章的发布时间被改动",
                f"{path} 已于 {went_live:%Y-%m-%d %H:%M} 发布，发布时间 {before.date:%Y-%m-%d %H:%M} 在 "
                f"{after.at:%Y-%m-%d %H:%M} 被改为 {after.date:%Y-%m-%d %H:%M}（提交 {after.commit[:12]}）",
                after.commit,
                f"发布时间发布后不得改动：把 date 改回 {original:%Y-%m-%d %H:%M}（修改内容另行说明），"
                "并报办公室核查"))
        if changes and shown != original:  # put back since: the page shows the true time again
            findings.append(changes[-1])
    return findings
