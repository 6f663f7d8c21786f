"""The pull-request comment with the approval table (kept as one comment, edited in place)."""

from __future__ import annotations

from govpub.approvals.model import local
from govpub.approvals.verify import LEVEL_TITLES, STATE_NAMES, Verdict, short

# The comment is found again by this marker, so it is updated rather than posted twice.
MARKER = "<!-- govpub:approvals -->"

_ICONS = {"approved": "✅", "pending": "⏳", "waiting": "⏸️", "changes_requested": "❌"}


def _cell(text: str) -> str:
    """Text that may come from an article or a file name (a drafter writes them), as one line of
    plain text: line breaks folded, HTML and Markdown syntax escaped, so that it cannot add a
    heading, a table row, a picture or a link to govpub's own comment."""
    import html
    import re

    flat = html.escape(" ".join(str(text).split()), quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~<>])", r"\\\1", flat)


def render(verdict: Verdict) -> str:
    state = {"success": "✅ 三审通过", "pending": "⏳ 三审未完成", "failure": "❌ 三审未通过"}[verdict.state]
    lines = [MARKER, f"### 三审（《信息发布审批表》）：{state}", "",
             f"审核对象：最新提交 `{short(verdict.pull.head_sha)}`"
             + (f"，拟稿科室：{_cell(verdict.department)}" if verdict.department else ""), ""]
    if verdict.levels:
        lines += ["| 级别 | 审核团队 | 状态 | 审核人 | 时间（北京时间） | 提交 |", "|---|---|---|---|---|---|"]
        for lv in verdict.levels:
            teams = "、".join(verdict.team_names.get(t, t) for t in lv.teams) or "（未确定）"
            who = f"{lv.name}（@{lv.reviewer}）" if lv.reviewer else (
                f"{lv.changes_by} 要求修改" if lv.changes_by else "")
            when = local(lv.at) if lv.at else local(lv.changes_at)
            lines.append(f"| {LEVEL_TITLES[lv.level]} | {_cell(teams)} | {_ICONS[lv.state]} {STATE_NAMES[lv.state]} "
                         f"| {_cell(who)} | {when} | {('`' + short(lv.commit_id) + '`') if lv.commit_id else ''} |")
        lines.append("")
    lines.append(f"**结论**：{_cell(verdict.description)}")
    if verdict.problems:
        lines += ["", "**发现的问题**：", *[f"- {_cell(p)}" for p in verdict.problems]]
    if verdict.notes:
        lines += ["", "**说明**：", *[f"- {_cell(n)}" for n in verdict.notes]]
    lines += ["", "<sub>由 govpub approvals verify 根据代码托管平台的审核记录自动生成；"
                  "一级、二级、三级须依次批准最新提交，三人不同，且都不是稿件提交人。</sub>", ""]
    return "\n".join(lines)


MAX_BODY = 60000  # characters; GitHub refuses comments over 65,536


def keyed(key: str, text: str) -> tuple[str, str]:
    """(marker, body) of a comment of kind `key` (govpub comment): one per kind on a pull
    request, found again by its marker <!-- govpub:KEY -->; the text shown literally (literal);
    an overlong text is cut."""
    import re

    from govpub.errors import UsageError

    if not re.fullmatch(r"[a-z][a-z-]{0,30}", key):
        raise UsageError(f"评论类别“{key}”不合规", hint="只用小写字母和连字符，如 word")
    if len(text) > MAX_BODY:
        text = text[:MAX_BODY] + "\n\n……（内容过长，已截断）\n"
    marker = f"<!-- govpub:{key} -->"
    return marker, f"{marker}\n{literal(text)}"


def literal(text: str) -> str:
    """Text shown as it is, in a code block no line of it can close: its file names and messages
    come from a drafter's files (a Word draft's text, a file name with line breaks), and in a
    comment the bot posts, Markdown there could draw a heading and a table that look like govpub's
    own ✅ 三审通过 (CommonMark: only a fence at least as long as the opening one closes it)."""
    import re

    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return f"{fence}text\n{text.rstrip(chr(10))}\n{fence}\n"
