"""The article model: a Markdown file with YAML front matter, as DESIGN.md describes.

Loading never raises for a bad article: what is wrong becomes a Hit for a meta.*
rule, so one broken file never stops the check of the others.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from govpub import yamlfile
from govpub.content.encoding import MAX_BYTES, Unreadable, decode, describe, too_large
from govpub.findings import Hit

# The lengths of DESIGN.md's article (meta.title checks them; `govpub new` refuses more)
TITLE_MAX = 64
WECHAT_TITLE_MAX = 32  # the WeChat draft API's limit
SUMMARY_MAX = 120

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
# A front-matter line of dashes typed with a Chinese input method (－－－, ——) or miscounted (--, ----):
# the drafter sees a line of dashes and cannot tell what is wrong with it.
_MISTYPED = re.compile(r"^[ \t]*(?!---[ \t]*\r?$)(?P<dashes>[-－—–―─━﹣]{2,6})[ \t]*(?=\r?$)", re.MULTILINE)
_FIELD_NEXT = re.compile(r"\r?\n[ \t]*[A-Za-z_][\w-]*[ \t]*[:：]")
_MISTYPED_HOW = "应为三个半角减号 ---（切换到英文输入法输入），可运行 govpub fix 修正"


def mistyped_delimiter(text: str) -> re.Match[str] | None:
    """The line meant as the front matter's opening (line 1, a field after it) or closing (the
    first such line after an opening with no closing) when typed as other dashes; else None."""
    opening = _OPEN.match(text)
    if opening is None:
        m = _MISTYPED.match(text)
        return m if m is not None and _FIELD_NEXT.match(text, m.end()) else None
    if _CLOSE.search(text, opening.end()):
        return None
    blank = re.compile(r"\n[ \t]*\r?\n").search(text, opening.end())  # the fields end there at the latest
    return _MISTYPED.search(text, opening.end(), blank.start() + 1 if blank else len(text))


@dataclass
class Article:
    path: str  # repository-relative, POSIX separators: the article's identity
    text: str = ""
    encoding: str = "utf-8"
    meta: dict[str, Any] = field(default_factory=dict)
    meta_node: yaml.Node | None = None
    fm_start: int = 0  # offset of the first front-matter character
    body_start: int = 0
    load_hits: list[Hit] = field(default_factory=list)
    readable: bool = True  # False: nothing but load_hits can be reported
    data: bool = False  # a data file of checks/ or records/: only secret.credential reads it
    markdown: bool = True  # False: an attachment's text (govpub.content.attachment_text), nothing in it is code
    # "record": a record the site shows (policy.SHOWN_RECORDS), "settings": settings whose text it shows
    # (policy.SHOWN_SETTINGS), "template": a template's shown text (template_text.is_template):
    # checked like an attachment's text (engine.RECORD_RULES, SETTINGS_RULES)
    record: str = ""

    # -- positions -------------------------------------------------------------
    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in re.finditer(r"\n", self.text))
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a character offset."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def line_offset(self, line: int) -> int:
        starts = self._line_starts
        return starts[min(max(line, 1), len(starts)) - 1]

    def line_end(self, offset: int) -> int:
        end = self.text.find("\n", offset)
        end = len(self.text) if end < 0 else end
        return end - 1 if end > offset and self.text[end - 1] == "\r" else end

    @property
    def fm_first_line(self) -> int:
        return self.line_col(self.fm_start)[0]

    def node(self, *path: Any) -> yaml.Node | None:
        return yamlfile.node_at(self.meta_node, path) if path else self.meta_node

    def span_of(self, *path: Any) -> tuple[int, int]:
        """Offsets of a front-matter value (or its key's line when absent)."""
        node = self.node(*path)
        if node is None:
            return self.fm_start, self.fm_start
        return self.fm_start + node.start_mark.index, self.fm_start + node.end_mark.index

    def hit_line(self, rule: str, line: int, message: str) -> Hit:
        start = self.line_offset(line)
        return Hit(rule, start, self.line_end(start), message)

    @property
    def body(self) -> str:
        return self.text[self.body_start:]

    @property
    def column(self) -> str | None:
        col = self.meta.get("column")
        return col if isinstance(col, str) else None


def parse(path: str, text: str, encoding: str = "utf-8") -> Article:
    art = Article(path=path, text=text, encoding=encoding)
    opening = _OPEN.match(text)
    mistyped = mistyped_delimiter(text)
    if not opening:
        art.load_hits.append(
            Hit("meta.front-matter", 0, art.line_end(0),
                f"front matter 的开始标记写成了“{mistyped.group('dashes')}”：{_MISTYPED_HOW}") if mistyped else
            Hit("meta.front-matter", 0, art.line_end(0),
                "缺少 front matter：文件第一行应为 ---，随后是 title、column 等字段，再以 --- 结束；"
                "可用 govpub new 生成模板"))
        art.body_start = 0
        return art
    art.fm_start = opening.end()
    closing = _CLOSE.search(text, art.fm_start)
    if not closing:
        art.load_hits.append(
            Hit("meta.front-matter", mistyped.start("dashes"), mistyped.end("dashes"),
                f"front matter 的结束标记写成了“{mistyped.group('dashes')}”：{_MISTYPED_HOW}") if mistyped else
            Hit("meta.front-matter", 0, art.line_end(0), "front matter 没有结束标记：在字段之后加一行 ---"))
        art.body_start = len(text)
        return art
    fm_text = text[art.fm_start:closing.start()]
    nl = text.find("\n", closing.end())
    art.body_start = len(text) if nl < 0 else nl + 1
    try:
        data, node = yamlfile.parse(fm_text)
    except yamlfile.YamlProblem as exc:
        problem = exc.problem.moved(art.fm_first_line)
        art.load_hits.append(art.hit_line(
            "meta.front-matter", problem.line,
            f"{problem.message}：{problem.hint}"))
        return art
    if data is None:
        data = {}
    if not isinstance(data, dict):
        art.load_hits.append(art.hit_line("meta.front-matter", art.fm_first_line,
                                          "front matter 应为“字段: 值”的列表"))
        return art
    art.meta = {str(k): v for k, v in data.items()}
    art.meta_node = node
    escaped = _coded_escape(node, fm_text)
    if escaped is not None:
        art.load_hits.append(art.hit_line(
            "meta.front-matter", art.fm_first_line + escaped,
            "front matter 中不要用转义序列（\\u0034、\\x34 等）：网页显示的是还原后的文字，检查看不到它，"
            "请直接写出文字本身"))
    return art


# In a "double-quoted" YAML value, \u0034 is shown on the page as 4: a number or a word
# written that way would pass every rule. Only what staff need is allowed: \" \\ \n \t.
_CODED_ESCAPE = re.compile(r"\\[xuUN_LP0abevf]")


def _coded_escape(root: yaml.Node | None, fm_text: str) -> int | None:
    """The 0-based front-matter line of the first double-quoted value using a coded escape."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in node.value for v in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and node.style == '"':
            source = fm_text[node.start_mark.index:node.end_mark.index]
            if _CODED_ESCAPE.search(source.replace("\\\\", "")):
                return node.start_mark.line
    return None


_OS_REASONS = {
    errno.EACCES: "没有读取权限：用 chmod u+r 恢复权限，或请管理员检查文件属主",
    errno.EPERM: "没有读取权限：用 chmod u+r 恢复权限，或请管理员检查文件属主",
    errno.EISDIR: "这是一个目录，不是文章：目录名不要以 .md 结尾",
    errno.ELOOP: "符号链接指向自身（循环）：删除这个链接",
    errno.ENOENT: "文件在检查过程中消失了（或是指向不存在文件的链接）：确认文件还在，重新运行",
}


def unreadable_reason(exc: OSError) -> str:
    """Why a file could not be read, in Chinese with what to do."""
    reason = _OS_REASONS.get(exc.errno or 0, f"系统错误 {exc.strerror}：确认文件存在且可读，重新运行")
    return f"无法读取文件，{reason}"


def load_data(root: Path, file: Path) -> Article:
    """A data file (checks/, records/, mkdocs.yml) as plain text, for the credential scan; settings
    whose text the site shows (policy.SHOWN_SETTINGS) and a record it shows (policy.SHOWN_RECORDS, unless it says `publish: false`) as text checked like an attachment's
    (markings, Art. 6 content, ads, links: engine.RECORD_RULES), line for line."""
    rel = file.absolute().relative_to(root.absolute()).as_posix()
    try:
        text = file.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        return Article(path=rel, readable=False, load_hits=[Hit("meta.file", 0, 0, unreadable_reason(exc))])
    from govpub.content.template_text import is_template, shown_text
    from govpub.policy import SHOWN_RECORDS, SHOWN_SETTINGS

    if is_template(root, rel):
        return Article(path=rel, text=shown_text(text, stylesheet=rel.lower().endswith(".css")), markdown=False,
                       record="template")
    if rel.startswith(SHOWN_RECORDS) and file.suffix.lower() in (".yml", ".yaml") and _shown(text):
        return Article(path=rel, text=text, markdown=False, record="record")
    if rel in SHOWN_SETTINGS:
        return Article(path=rel, text=text, markdown=False, record="settings")
    return Article(path=rel, text=text, data=True)


def _shown(record: str) -> bool:
    """Whether the site may show this record: anything but a mapping that says `publish: false`
    (an unparsable record is checked too: the site skips it, the audit reports it)."""
    try:
        data = yaml.safe_load(record)
    except yaml.YAMLError:
        return True
    return not (isinstance(data, dict) and data.get("publish") is False)


def load(root: Path, file: Path) -> Article:
    """Read and parse one article file; every problem becomes a Hit on the article."""
    try:
        rel = file.resolve().relative_to(root.resolve()).as_posix() if not file.is_symlink() \
            else file.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        rel = file.as_posix()
    art = Article(path=rel)
    try:
        if file.is_symlink():
            target = Path(os.path.realpath(file))  # never raises: a link loop stays a path
            inside = target.is_relative_to(root.resolve())
            raise Unreadable(
                "文章不能是符号链接" + ("" if inside else f"，且它指向仓库之外（{target}）")
                + "：请把文件本身放在 content/ 下")
        if not stat.S_ISREG(file.stat().st_mode) and not file.is_dir():  # a FIFO would block the check for good
            raise Unreadable("这不是普通文件（管道、设备等）：删除它，文章是 content/ 下的 .md 文本文件")
        with open(file, "rb") as fh:  # at most one byte over the limit: a 5 GB file is not read whole
            data = fh.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                size = os.fstat(fh.fileno()).st_size
                raise Unreadable(too_large(size))
        decoded = decode(data)
    except Unreadable as exc:
        art.readable = False
        art.load_hits.append(Hit("meta.file", 0, 0, str(exc)))
        return art
    except OSError as exc:
        art.readable = False
        art.load_hits.append(Hit("meta.file", 0, 0, unreadable_reason(exc)))
        return art
    art = parse(rel, decoded.text, decoded.encoding)
    if not decoded.is_canonical:
        at = decoded.first_other  # a mixed file: the first line that is not UTF-8
        where = f"，第 {art.line_col(at)[0]} 行起有 GBK 编码的文字" if decoded.encoding.startswith("mixed") else ""
        art.load_hits.insert(0, Hit("meta.encoding", at, art.line_end(at),
                                    f"文件编码是{describe(decoded.encoding)}{where}，应为 UTF-8（不带 BOM）："
                                    "运行 govpub fix 转换，内容不会丢失"))
    return art


def set_fields(path: str, text: str, values: dict[str, str]) -> str:
    """The article text with these front-matter fields set: an existing value is replaced
    where it stands (comments, key order and every other line kept), a new key is added at
    the end of the front matter. Raises GovpubError when the front matter cannot be read."""
    from govpub.errors import GovpubError

    art = parse(path, text)
    broken = [h for h in art.load_hits if h.rule == "meta.front-matter"]
    if broken or not art.fm_start:
        raise GovpubError(f"front matter 无法读取（{broken[0].message if broken else '缺少 front matter'}）",
                          path=path, hint="先用 govpub check 修正文章格式，再重新运行")
    closing = _CLOSE.search(text, art.fm_start)
    assert closing is not None  # parse() found it
    edits: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    if isinstance(art.meta_node, yaml.MappingNode):
        for key_node, value_node in art.meta_node.value:
            key = str(key_node.value)
            if key in values:
                start = art.fm_start + value_node.start_mark.index
                end = art.fm_start + value_node.end_mark.index
                if not isinstance(value_node, yaml.ScalarNode) or start == end:
                    start = art.fm_start + key_node.end_mark.index  # a block or an empty value: the whole value
                    while end > start and text[end - 1] in "\r\n \t":
                        end -= 1
                    edits.append((start, end, ": " + yamlfile.scalar(values[key])))
                else:
                    edits.append((start, end, yamlfile.scalar(values[key])))
                seen.add(key)
    nl = "\r\n" if text[:art.fm_start].endswith("\r\n") else "\n"
    added = "".join(f"{k}: {yamlfile.scalar(v)}{nl}" for k, v in values.items() if k not in seen)
    if added:
        edits.append((closing.start(), closing.start(), added))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def mark_withdrawn(text: str, reason: str, when: str, path: str = "article.md") -> str:
    """The article text with status: withdrawn, the reason and the time in its front matter
    (govpub retract; comments and key order kept)."""
    return set_fields(path, text, {"status": "withdrawn", "withdrawn_reason": reason, "withdrawn_at": when})
