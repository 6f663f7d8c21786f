"""Writing a new article: its place, its slug and its front matter, as govpub check expects."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from govpub import clock, fsutil, yamlfile
from govpub.content.dates import advice, parse_datetime
from govpub.errors import UsageError
from govpub.policy import CONTENT_DIR, Policy

FIELD_ORDER = ("title", "column", "department", "author", "date", "channels", "summary", "cover",
               "doc_number", "interprets", "repost")


BODY = ("<!-- 在此下方撰写正文。小标题用“## ”开头；图片放在本文件旁边，"
        "用 ![图片说明](文件名.jpg) 插入，图片说明必填。写完运行 govpub check 检查。 -->\n\n")


def slug_from_title(title: str, limit: int = 16) -> str:
    """An ASCII file name from a Chinese title: pinyin initials (湛江市司法局召开会议 -> zjssfjzkhy)."""
    from pypinyin import Style, lazy_pinyin

    letters = "".join(lazy_pinyin(title, style=Style.FIRST_LETTER, errors=lambda s: s))
    slug = re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-")
    return slug[:limit].rstrip("-") or "wenzhang"


def now_minute() -> str:
    return clock.minute()


def git_user(root: Path) -> str | None:
    # imported here: meta.department imports this module in every check, which runs no git
    from govpub import git

    return git.config(root, "user.name")


def article_path(root: Path, column: str, date: str, slug: str) -> Path:
    """content/<column>/<year>/<slug>.md, with -2, -3 … when the name is taken; the slug
    validated and the folder checked to resolve inside the repository."""
    from govpub.content import safepath

    folder = safepath.inside(root, root / CONTENT_DIR / column / date[:4])
    path = folder / f"{safepath.validate_slug(slug)}.md"
    n = 2
    while path.exists():
        path = folder / f"{slug}-{n}.md"
        n += 1
    return path


# A line break, a control character (ESC from a terminal paste) or a bidi control (U+202E shows
# the text reversed on the page, in another order than the rules read it) in a one-line field.
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# zero-width and direction marks, the BOM: invisible, they split a word for the rules and the slug
_INVISIBLE = re.compile(r"[\u200b\u200c\u200e\u200f\u2060-\u2064\ufeff\u00ad]")
# a title must say something: a letter, a digit or a Chinese character
_WORD = re.compile(r"[^\W_]")
EDGE_SPACE = " \t\u3000\u00a0"
FIELD_NAMES = {"title": "标题", "department": "拟稿部门", "author": "拟稿人", "summary": "摘要",
               "withdrawn_reason": "撤稿理由"}


def check_one_line(key: str, value: str) -> None:
    bad = _NOT_ONE_LINE.search(value) or _INVISIBLE.search(value)
    if bad:
        what = "换行" if bad.group() in "\r\n\u2028\u2029" else (
            f"看不见的控制字符 U+{ord(bad.group()):04X}" if _NOT_ONE_LINE.match(bad.group())
            else f"看不见的字符 U+{ord(bad.group()):04X}（零宽字符等）")
        raise UsageError(f"{FIELD_NAMES.get(key, key)}中有{what}：“{_INVISIBLE.sub('', _NOT_ONE_LINE.sub('', value))}”",
                         hint=f"把{FIELD_NAMES.get(key, key)}写成一行，删除看不见的字符（重新输入，不要从终端或网页复制）")
    if key == "title" and not _WORD.search(value):
        raise UsageError(f"标题“{value}”中没有文字（只有标点、符号或表情）",
                         hint="标题要说明文章的内容，如“湛江市司法局召开2026年度普法工作推进会”")


def front_matter(fields: dict[str, object]) -> str:
    """YAML front matter in the documented field order, dates and lists as people write them.
    Raises UsageError for a text field that is not one plain line."""
    lines = ["---"]
    for key in FIELD_ORDER:
        value = fields.get(key)
        if isinstance(value, str):  # a space typed or pasted at either end (ideographic too) is dropped:
            value = value.strip(EDGE_SPACE)  # it was kept as title: '… ', quotes that punct.ascii then flagged
        if key == "title" and not value:
            raise UsageError("标题是空的", hint="用 --title 写上标题，如“湛江市司法局召开2026年度普法工作推进会”")
        if value in (None, "", []):
            continue
        if key == "channels" and isinstance(value, list):
            lines.append(f"channels: [{', '.join(map(str, value))}]")
        elif key == "date":
            lines.append(f"date: {value}")
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {yamlfile.scalar(v)}" for k, v in value.items())
        else:
            check_one_line(key, str(value))
            lines.append(f"{key}: {yamlfile.scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def resolve_column(policy: Policy, column: str | None) -> dict[str, Any]:
    if column is None:
        raise UsageError("没有指定栏目", hint="用 --column 指定，可选：" + "、".join(policy.columns))
    if column not in policy.columns:
        known = "、".join(f"{slug}（{c['name']}）" for slug, c in policy.columns.items())
        raise UsageError(f"栏目“{column}”未登记", hint=f"可选栏目：{known}")
    return policy.columns[column]


def department_problem(policy: Policy, department: str, column: str | None) -> str | None:
    """Why `department` may not write for `column` (a Chinese message with the fix), or None.
    The one test for it: the meta.department rule, `govpub new` and `govpub import` call this."""
    if department not in policy.departments:
        return f"部门“{department}”未登记：请改为以下之一：{'、'.join(policy.departments)}"
    col = policy.columns.get(column or "")
    if col is None:
        return None
    allowed = [col["department"], *col.get("also_departments", [])]
    if department not in allowed:
        return (f"“{department}”不负责栏目“{col['name']}”（负责部门：{'、'.join(allowed)}）："
                "改为负责部门，或请局办公室在 columns.yml 中登记")
    return None


def check_department(policy: Policy, department: str, column: str) -> None:
    """The meta.department rule's test, before the file exists: new and import never write
    what check rejects."""
    problem = department_problem(policy, department, column)
    if problem:
        raise UsageError(problem, hint="用 --department 指定负责该栏目的部门，或不写 --department 使用栏目的负责部门")


def parse_channels(policy: Policy, text: str) -> list[str]:
    """The --channels value as a list; only platforms registered in accounts.yml (Art. 3)."""
    channels = [c.strip() for c in text.split(",") if c.strip()]
    unknown = [c for c in channels if c not in policy.accounts]
    if unknown or not channels:
        raise UsageError(f"平台“{'、'.join(unknown) or text}”未登记", hint="可选：" + "、".join(policy.accounts))
    return channels


def validate_date(date: str) -> str:
    """The publish time as meta.date accepts it (strptime alone let 2026-12-5 9:30 through: new
    wrote an article that check then refused)."""
    if parse_datetime(date) is None:
        raise UsageError(advice(date), hint="按上面的写法用 --date 重新指定（北京时间）")
    return date


def same_title(root: Path, column: str, date: str, title: str) -> Path | None:
    """An article of the column with this title and the same publish day, or None (a second
    `govpub new` of the same news made a second article, csbtxw-2.md, beside the first)."""
    from govpub.content import article

    folder = root / CONTENT_DIR / column / date[:4]
    if not folder.is_dir():
        return None
    wanted = title.strip()
    for path in sorted(folder.glob("*.md")):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if wanted not in text:
            continue
        meta = article.parse(path.name, text).meta
        if str(meta.get("title", "")).strip() == wanted and str(meta.get("date", ""))[:10] == date[:10]:
            return path
    return None


def refuse_twin(root: Path, fields: dict[str, Any]) -> None:
    """UsageError when the column already has an article of this title on this day (new, import)."""
    twin = same_title(root, str(fields["column"]), str(fields["date"]), str(fields["title"]))
    if twin is not None:
        raise UsageError(f"栏目 {fields['column']} 在 {str(fields['date'])[:10]} 已有同名文章",
                         path=twin.relative_to(root).as_posix(),
                         hint="同一篇稿件请直接编辑这个文件；确实是另一篇的，换一个能区分内容的标题"
                              "（导入 Word 稿件时用 --title）")


def create(root: Path, fields: dict[str, Any], slug: str) -> Path:
    """Write a new article (front matter from fields, the template body) under a free name;
    an existing article is never overwritten, also when two runs pick the same name at once."""
    text = front_matter(fields) + "\n" + BODY  # a refused value leaves no file behind
    path = article_path(root, str(fields["column"]), str(fields["date"]), slug)
    with folder_lock(path.parent):  # the twin test and the write as one step for other runs
        refuse_twin(root, fields)
        for _ in range(100):
            path = article_path(root, str(fields["column"]), str(fields["date"]), slug)
            try:  # whole or not at all: a full disk or a killed run leaves no empty article
                fsutil.write_atomic(path, text, new=True)
            except FileExistsError:
                continue  # another `govpub new` took the name between the test and the write
            return path
    raise UsageError("找不到可用的文件名", path=str(path), hint="用 --slug 指定另一个文件名")


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the article folder (flock on the folder itself, no lock file to
    commit): two `govpub new` of the same title in the same second both passed the twin test and
    wrote csbtxw.md and csbtxw-2.md; `govpub import` holds it while it puts an article and its
    pictures in place. Where there is no flock (Windows), no lock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock
