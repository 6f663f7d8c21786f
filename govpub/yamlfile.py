"""YAML loading with positions: every value can be traced back to its line.

Timestamps are not resolved (dates stay strings and are validated by govpub),
duplicate keys are an error instead of silently keeping the last one, and anchors and
aliases (&a / *a) are refused before anything is built: nested aliases expand
exponentially (a 500-byte "billion laughs" front matter took minutes), and nothing
staff write needs them. This is the one YAML reader of govpub: articles, checks/ and
the site build all parse through parse() or load_text().
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    pass


# YAML 1.2 semantics for what staff write: `date: 2026-11-20` stays the string the
# author wrote (no timestamp resolving), and only true/false are booleans, so
# `privacy.mobile: off` or `no` stay words instead of turning into False.
_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _resolvers() -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for first, resolvers in _Base.yaml_implicit_resolvers.items():
        kept = []
        for tag, rx in resolvers:
            if tag == "tag:yaml.org,2002:timestamp":
                continue
            if tag == "tag:yaml.org,2002:bool":
                rx = _BOOL_RE
            kept.append((tag, rx))
        if kept:
            out[first] = kept
    return out


_Loader.yaml_implicit_resolvers = _resolvers()


def _construct_bool(loader: _Loader, node: yaml.ScalarNode) -> bool:
    return bool(node.value.lower() == "true")


_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    # Python refuses to convert an integer of more than 4300 digits (ValueError, a crash):
    # no number staff write is that long, so it is a marked YAML error on its line.
    try:
        return int(_Base.construct_yaml_int(loader, node))
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, "数字过长（超过 4300 位），无法读取", node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


_SYNTAX_HINT = "检查这一行的冒号后是否有空格、引号是否成对、缩进是否对齐"


@dataclass
class Problem:
    """A YAML syntax or structure problem at a 1-based line of the parsed text."""

    line: int
    message: str
    hint: str = _SYNTAX_HINT  # what to do, for a reader that shows it after the message
    earlier: int = 0  # the line of the first of two duplicate keys (named in the message), else 0

    def moved(self, first_line: int) -> Problem:
        """The same problem in a file whose parsed text starts at first_line (an article's front
        matter): both the line and the earlier line named in the message are the file's."""
        shift = first_line - 1
        if not self.earlier:
            return Problem(self.line + shift, self.message, self.hint)
        message = self.message.replace(f"（第 {self.earlier} 行已有）", f"（第 {self.earlier + shift} 行已有）")
        return Problem(self.line + shift, message, self.hint, self.earlier + shift)


TAB_HINT = "把 Tab 改成空格（文章的 front matter 可运行 govpub fix 修正）"
# pyyaml's English problems, as staff read them: (part of pyyaml's text, what, what to do).
_SYNTAX_WORDS = (
    ("tab character", "用 Tab 键缩进或分隔", TAB_HINT),
    ("'\\t' that cannot start", "用 Tab 键缩进或分隔", TAB_HINT),
    ("mapping values are not allowed", "这一行多了一个“冒号加空格”，或缩进与上一行不齐",
     "值里有冒号时，给整个值加英文引号，如 title: \"通知：……\"；字段都顶格写"),
    ("could not find expected ':'", "缺少冒号", "写成“字段: 值”，冒号后加一个空格"),
    ("end of stream", "引号或括号没有配对", "检查这一行的引号、[ ] 和 { } 是否成对"),
    ("while scanning a quoted scalar", "引号没有配对", "检查这一行的引号是否成对"),
    ("expected <block end>", "缩进没有对齐", "同一级的字段左边对齐，缩进只用空格"),
    ("cannot start any token", "值不能以这个符号开头（如 @ ` %）", "给整个值加英文引号"),
    ("maximum nesting depth", "括号嵌套层数过多", "删除多余的 [ 或 {"),
    ("unknown escape character", "双引号中的反斜杠 \\ 写法不对", "文字中的 \\ 写成 \\\\，或给整个值改用英文单引号"),
    ("expected ',' or ']'", "方括号 [ ] 没有配对，或列表项之间缺少逗号", "写成 [website, wechat]，用英文逗号分隔"),
    ("expected ',' or '}'", "花括号 { } 没有配对，或各项之间缺少逗号", "检查这一行的 { } 是否成对"),
    ("expected '-' indicator", "列表（以 - 开头的行）和“字段: 值”混在了一起", "字段都顶格写成“字段: 值”，列表项缩进写在字段下面"),
    ("single document", "front matter 中多了一行 ---", "front matter 只在开头和结尾各有一行 ---，删除中间的 ---"),
    ("document start", "front matter 中多了一行 ...", "删除这一行 ..."),
    ("expected key", "引号后面还有文字，或这一行缩进不齐", "引号要包住整个值，如 title: \"……\"；字段都顶格写"),
    ("expected node content", "值不能以 ] } , 等符号开头", "给整个值加英文引号"),
    ("alphabetic or numeric character", "* 或 & 后面不能是空格或符号", "给整个值加英文引号"),
)


def _syntax_problem(line: int, english: str) -> Problem:
    for words, what, hint in _SYNTAX_WORDS:
        if words in english:
            return Problem(line, f"YAML 语法错误：{what}", hint)
    return Problem(line, "YAML 语法错误：这一行的写法无法读取（如括号、引号没有配对，缩进不齐，或多出一行 ---）")


class YamlProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _reject_aliases_and_tags(text: str) -> None:
    """Refuse anchors and aliases, and explicit tags (!!float abc, !!timestamp x crashed the
    constructor; !!set, !!binary made values no field expects), reading only the event stream
    (linear in the text)."""
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        line = mark.line + 1 if mark else 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(Problem(
                line, "YAML 不允许使用锚点和别名（&名称、*名称）", "把内容直接写出来；文字中的 & 或 * 请给整个值加引号"))
        tag = getattr(event, "tag", None)
        if tag is not None and not isinstance(event, (yaml.DocumentStartEvent, yaml.DocumentEndEvent)):
            raise YamlProblem(Problem(line, f"YAML 内容错误：不支持的标签 {tag.replace('tag:yaml.org,2002:', '!!')}",
                                      _TAG_HINT))


_TAG_HINT = "这里只写文字、数字、列表和“键: 值”：删除以 ! 开头的标签（文字以 ! 开头时给整个值加英文引号）"
# pyyaml's constructor problems (after the tags are refused), as staff read them
_CONTENT_WORDS = (
    ("unhashable key", "键不能是列表或“键: 值”", "每个字段写成“字段名: 值”，字段名只用一个词，如 title"),
    ("for merging", "“<<”合并写法的值不对", "不要用 <<: 合并，把字段直接写出来"),
)


_ODD_BREAK = re.compile("[\x85\u2028\u2029]")  # NEL, line and paragraph separators


def parse(text: str) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document; return (data, root node). Raise YamlProblem."""
    odd = _ODD_BREAK.search(text)
    if odd:  # YAML reads them as line breaks: its line numbers drift and the message misleads
        raise YamlProblem(Problem(text.count("\n", 0, odd.start()) + 1,
                                  f"YAML 中有特殊换行符 U+{ord(odd.group()):04X}（看不见，多由复制粘贴带入）",
                                  "删除这一行中看不见的字符：把这一行重新输入一遍"))
    try:
        if "&" in text or "*" in text or "!" in text:  # an anchor, alias or tag needs one: no scan without
            _reject_aliases_and_tags(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote or bracket: the line where it opens
        line = mark.line + 1 if mark else 1
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1] and "cannot start" in (exc.problem or ""):
            # libyaml does not name the character: a tab on the line is what it could not read
            raise YamlProblem(Problem(line, "YAML 语法错误：用 Tab 键缩进或分隔", TAB_HINT)) from None
        if 0 < line <= len(lines) and lines[line - 1].lstrip().startswith("- ") and "expected" in (exc.problem or ""):
            raise YamlProblem(Problem(line, "YAML 语法错误：列表（以 - 开头的行）和“字段: 值”混在了一起",
                                      "字段都顶格写成“字段: 值”，列表项缩进写在字段下面")) from None
        raise YamlProblem(_syntax_problem(line, f"{exc.context or ''} {exc.problem or ''}".strip())) from None
    except yaml.reader.ReaderError as exc:  # a control character (ESC, BEL... pasted from a terminal)
        char = chr(exc.character) if isinstance(exc.character, int) else ""
        at = text.find(char) if char else -1
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        code = f"U+{ord(char):04X}" if char else "不可见字符"
        raise YamlProblem(Problem(line, f"YAML 中有控制字符 {code}（看不见，多由复制粘贴带入）",
                                  "删除这一行中看不见的字符：把这一行重新输入一遍")) from None
    except yaml.YAMLError as exc:  # pragma: no cover - pyyaml marks its other errors
        raise YamlProblem(Problem(1, f"YAML 语法错误（{exc}）")) from None
    if node is None:
        return None, None
    _reject_duplicate_keys(node)
    loader = _Loader("")
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or str(exc)
        hint = "如果它是文字，给整个值加英文引号" if what.startswith("数字过长") else "改正这一行的值"
        for words, chinese, advice in _CONTENT_WORDS:
            if words in what:
                what, hint = chinese, advice
        if re.search("[A-Za-z]{3,} [A-Za-z]{3,}", what):  # pyyaml's English: never shown to staff
            what = "这一行的值无法读取"
        raise YamlProblem(Problem(mark.line + 1 if mark else 1, f"YAML 内容错误：{what}", hint)) from None
    finally:
        loader.dispose()
    return data, node


def load_text(text: str) -> Any:
    """The data of one YAML document (None when it is empty). Raise YamlProblem."""
    return parse(text)[0]


def _reject_duplicate_keys(node: yaml.Node) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise YamlProblem(Problem(
                            key.start_mark.line + 1,
                            f"键“{key.value}”重复出现（第 {seen[key.value]} 行已有）", "删除其中一个",
                            seen[key.value]))
                    seen[key.value] = key.start_mark.line + 1
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def node_at(root: yaml.Node | None, path: tuple[Any, ...]) -> yaml.Node | None:
    """The node at a key/index path, or the deepest existing ancestor."""
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if getattr(k, "value", None) == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            nxt = node.value[step]
        else:
            nxt = None
        if nxt is None:
            return node
        node = nxt
    return node


def line_of(root: yaml.Node | None, path: tuple[Any, ...]) -> int:
    node = node_at(root, path)
    return node.start_mark.line + 1 if node is not None else 1


def scalar(value: object) -> str:
    """A one-line YAML scalar that reads back as the same string (quoted only when needed)."""
    dumped = yaml.safe_dump(str(value), allow_unicode=True, default_flow_style=True, width=1000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()
