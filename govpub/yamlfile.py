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


@dataclass
class Problem:
    """A YAML syntax or structure problem at a 1-based line of the parsed text."""

    line: int
    message: str


class YamlProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _reject_aliases(text: str) -> None:
    """Refuse anchors and aliases, reading only the event stream (linear in the text)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise YamlProblem(Problem(
                mark.line + 1 if mark else 1,
                "YAML 不允许使用锚点和别名（&名称、*名称）：请把内容直接写出来"))


def parse(text: str) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document; return (data, root node). Raise YamlProblem."""
    try:
        if "&" in text or "*" in text:  # an anchor or alias needs one of them: no scan without
            _reject_aliases(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "语法错误"
        raise YamlProblem(Problem(line, f"YAML 语法错误：{what}")) from None
    except yaml.YAMLError as exc:  # pragma: no cover - pyyaml always marks its errors
        raise YamlProblem(Problem(1, f"YAML 语法错误：{exc}")) from None
    if node is None:
        return None, None
    _reject_duplicate_keys(node)
    loader = _Loader("")
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlProblem(Problem(mark.line + 1 if mark else 1, f"YAML 内容错误：{exc}")) from None
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
                            f"键“{key.value}”重复出现（第 {seen[key.value]} 行已有），请删除其中一个",
                        ))
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
