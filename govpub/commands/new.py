"""govpub new: scaffold a valid article in the right place, by questions or by flags."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from govpub.content.article import SUMMARY_MAX, TITLE_MAX, WECHAT_TITLE_MAX
from govpub.content.scaffold import (
    EDGE_SPACE,
    check_department,
    create,
    git_user,
    now_minute,
    parse_channels,
    resolve_column,
    slug_from_title,
    validate_date,
)
from govpub.errors import UsageError
from govpub.policy import Policy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--column", help="栏目代号（如 gzdt）")
    parser.add_argument("--title", help="标题")
    parser.add_argument("--department", help="拟稿部门（默认为栏目的负责部门）")
    parser.add_argument("--author", help="拟稿人（默认为 git 的 user.name）")
    parser.add_argument("--date", help="发布时间 YYYY-MM-DD HH:MM（默认为现在）")
    parser.add_argument("--channels", default="website", help="发布平台，逗号分隔（默认 website）")
    parser.add_argument("--summary", help="摘要（可选）")
    parser.add_argument("--slug", help="文件名（默认由标题拼音首字母生成）")


def _ask(prompt: str, default: str | None = None, check: Callable[[str], None] | None = None) -> str:
    """An answer typed at the terminal, asked again while it is empty or `check` refuses it."""
    shown = f"{prompt}（直接回车使用“{default}”）：" if default else f"{prompt}："
    while True:
        try:
            answer = input(shown).strip() or (default or "")
        except EOFError:
            raise UsageError(f"没有回答“{prompt}”", hint="重新运行 govpub new，或用参数给出全部内容（govpub new --help）") from None
        if not answer:
            sys.stdout.write(f"  {prompt}不能为空，请输入。\n")
            continue
        try:
            if check:
                check(answer)
        except UsageError as exc:
            sys.stdout.write(f"  {exc}\n")
            continue
        return answer


def _column(policy: Policy, given: str | None, interactive: bool) -> str | None:
    """--column, else (at a terminal) the column picked from the registered ones."""
    if given is not None or not interactive:
        return given
    for i, (slug, col) in enumerate(policy.columns.items(), 1):
        sys.stdout.write(f"  {i}. {slug}  {col['name']}（{col['department']}）\n")
    slugs = list(policy.columns)

    def pick(choice: str) -> str:
        return slugs[int(choice) - 1] if choice.isdigit() and 0 < int(choice) <= len(slugs) else choice

    def check_column(choice: str) -> None:
        resolve_column(policy, pick(choice))

    return pick(_ask("选择栏目（序号或代号）", check=check_column))


def _fits(title: str, channels: list[str], summary: str | None = None) -> None:
    """The lengths meta.title allows (title 64 characters, 32 when published to WeChat; summary
    120): an article that could never pass the check is not written. A 37-character title with
    wechat was scaffolded, and the commit refused later."""
    wechat = "wechat" in channels
    limit = WECHAT_TITLE_MAX if wechat else TITLE_MAX
    size = len(title.strip(EDGE_SPACE))
    if size > limit:
        where = "发布到微信公众号的标题" if wechat else "标题"
        raise UsageError(f"{where}有 {size} 个字，上限 {limit} 个字",
                         hint="精简标题后重新运行（--title）；详细内容写在正文里")
    if summary is not None and len(summary.strip(EDGE_SPACE)) > SUMMARY_MAX:
        raise UsageError(f"摘要有 {len(summary.strip(EDGE_SPACE))} 个字，上限 {SUMMARY_MAX} 个字",
                         hint="精简摘要后重新运行（--summary），或不写摘要")


def _department(policy: Policy, given: str | None, column: str, default: str, interactive: bool) -> str:
    """--department (checked), else asked at a terminal, else the column's own department."""
    if given:
        check_department(policy, given, column)
        return given
    if interactive:
        return _ask("拟稿部门", default, check=lambda d: check_department(policy, d, column))
    return default


def run(args: argparse.Namespace) -> int:
    policy = Policy.discover()
    interactive = sys.stdin.isatty()
    column = _column(policy, args.column, interactive)
    col = resolve_column(policy, column)
    assert column is not None  # resolve_column refuses None
    channels = parse_channels(policy, args.channels)  # first: the title's limit depends on them
    title = args.title or (_ask("标题", check=lambda t: _fits(t, channels)) if interactive else None)
    if not title:
        raise UsageError("没有标题", hint="用 --title 指定标题")
    _fits(title, channels, args.summary)
    department = _department(policy, args.department, column, str(col["department"]), interactive)
    author = args.author or git_user(policy.root)
    if interactive and not args.author:
        author = _ask("拟稿人", author)
    if not author:
        raise UsageError("没有拟稿人", hint="用 --author 指定，或先设置 git config user.name")
    date = validate_date(args.date or now_minute())
    fields = {"title": title, "column": column, "department": department, "author": author,
              "date": date, "channels": channels, "summary": args.summary}
    path = create(policy.root, fields, args.slug or slug_from_title(title))
    rel = path.relative_to(policy.root).as_posix()
    sys.stdout.write(f"已创建 {rel}\n下一步：编辑正文，运行 govpub check {rel}，然后提交（git add、git commit）。\n")
    if "wechat" in channels:
        sys.stdout.write("发布到微信公众号还需要封面图：放在文章旁边，并在 front matter 中填写 cover: 文件名。\n")
    return 0
