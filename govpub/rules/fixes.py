"""govpub fix's text fixes: every enabled rule's safe fixes (full-width punctuation, paired
quotes, invisible characters, look-alike radicals), applied until nothing changes, and
trailing whitespace removed. Nothing here can change meaning."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from govpub.content import article as article_mod
from govpub.content.encoding import describe
from govpub.content.paths import article_files
from govpub.fsutil import write_atomic
from govpub.rules.document import Document
from govpub.rules.engine import RuleSet

MAX_ROUNDS = 5


def fixed_text(rules: RuleSet, art: article_mod.Article) -> str:
    """The article's text with every enabled rule's safe fixes applied, repeated until nothing
    changes: one fix can enable another (a quote made full width makes the comma after it
    Chinese), and the guide promises that a second `govpub fix` changes nothing."""
    text = art.text
    for _ in range(MAX_ROUNDS):
        new = _fix_once(rules, art)
        if new == text:
            break
        text = new
        art = article_mod.parse(art.path, text)
    return text


def _fix_once(rules: RuleSet, art: article_mod.Article) -> str:
    doc = Document(art, rules.policy)
    edits: list[tuple[int, int, str]] = []
    for rule_id in rules.classes:
        rule = rules.instance(rule_id)
        if hasattr(rule, "fixes") and rules.level(rule_id, art.column) != "off":
            edits.extend(rule.fixes(doc))
    text = art.text
    out: list[str] = []
    pos = 0
    for start, end, replacement in sorted(set(edits)):
        if start < pos:  # overlapping edit: left for the next round
            continue
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return strip_trailing_space("".join(out))


_TRAILING = re.compile(r"(?P<text>\S)?(?P<space>[ \t\u3000]+)(?P<eol>\r?\n|\Z)")


def strip_trailing_space(text: str) -> str:
    """Trailing spaces removed, except a Markdown hard line break (two spaces after text)."""
    def keep(m: re.Match[str]) -> str:
        hard_break = m.group("text") and m.group("space").startswith("  ") and m.group("eol")
        return (m.group("text") or "") + ("  " if hard_break else "") + m.group("eol")

    return _TRAILING.sub(keep, text)


@dataclass
class FileFix:
    """What `govpub fix` did to one article: skipped (why), or rewritten (notes and the diff)."""

    path: str
    skipped: str | None = None
    notes: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.skipped is None


def fix_articles(rules: RuleSet, paths: list[str]) -> Iterator[FileFix]:
    """Fix the named articles (all of content/ if none), each written atomically; one FileFix
    per article skipped or changed (an article already right is not reported)."""
    root = rules.policy.root
    for path in article_files(root, paths):
        fixed = fix_article(rules, root, path)
        if fixed is not None:
            yield fixed


def fix_article(rules: RuleSet, root: Path, path: Path) -> FileFix | None:
    art = article_mod.load(root, path)
    if not art.readable or path.is_symlink():
        reason = next((h.message for h in art.load_hits if h.rule == "meta.file"), "不是普通文件")
        return FileFix(art.path, skipped=f"跳过：{reason}")
    new = fixed_text(rules, art)
    if new == art.text and art.encoding == "utf-8":
        return None
    result = FileFix(art.path)
    if art.encoding != "utf-8":
        result.notes.append(f"编码已由{describe(art.encoding)}转换为 UTF-8")
    if new != art.text:
        result.diff = list(difflib.unified_diff(art.text.splitlines(keepends=True), new.splitlines(keepends=True),
                                                f"a/{art.path}", f"b/{art.path}"))
    write_atomic(path, new.encode("utf-8"))
    return result
