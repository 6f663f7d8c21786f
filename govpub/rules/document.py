"""What a rule sees: the article, the policy and the normalized views of its text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import yaml

from govpub.content.article import Article
from govpub.findings import Hit
from govpub.policy import Policy
from govpub.rules.normalize import View

if TYPE_CHECKING:
    from govpub.rules.links._urls import Link

SUPPRESSION_RE = re.compile(r"<!--\s*govpub:\s*allow\b(?P<body>.*?)-->", re.DOTALL)
# What the site's Markdown (Python-Markdown with the fenced_code extension, mkdocs.yml)
# treats as code, and only that: a fence is code only with its closing fence (the same
# run of ``` or ~~~), so a lone ``` hides nothing from the rules. The fence pattern is
# FencedBlockPreprocessor.FENCED_BLOCK_RE of Markdown 3.x, verbatim; a test compares
# them. Inline code: one backtick pair on one line, not after a backslash.
FENCE = r"""
(?P<fence>^(?:~{3,}|`{3,}))[ ]*                          # opening fence
((\{(?P<attrs>[^\n]*)\})|                                # (optional {attrs} or
(\.?(?P<lang>[\w#.+-]*)[ ]*)?                            # optional (.)lang
(hl_lines=(?P<quot>"|')(?P<hl_lines>.*?)(?P=quot)[ ]*)?) # optional hl_lines)
\n                                                       # newline (end of opening fence)
(?P<code>.*?)(?<=\n)                                     # the code block
(?P=fence)[ ]*$                                          # closing fence
"""
FENCE_RE = re.compile(FENCE, re.MULTILINE | re.DOTALL | re.VERBOSE)
CODE_MASK = re.compile(r"(?:" + FENCE + r")|(?<!\\)`[^`\n]+`", re.MULTILINE | re.DOTALL | re.VERBOSE)
CODE_START = re.compile(r"[`~]")  # where a CODE_MASK match can start (View.derive's starts; tests/test_engine.py)
# Front-matter keys whose values are identifiers, times or addresses checked by their own
# meta.* and repost.* rules (and rendered only after validation): not text for content rules.
STRUCTURAL_KEYS = frozenset({"column", "date", "channels", "cover", "interprets", "status",
                             "withdrawn_at", "source_url", "published"})
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
PROSE_MASK = re.compile(  # applied to the markup view, where code is already blank
    r"<!--.*?-->|</?[A-Za-z][^>\n]*>"  # HTML comments and tags
    r"|\{:[^}\n]*\}|\{[ \t]*[#.][^}\n]*\}"  # attribute lists ({: .govpub-right }): not prose
    r"|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"  # Markdown link and image targets
    r"|(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+",  # bare URLs (ASCII only)
    re.DOTALL,
)
PROSE_START = re.compile(r"[<{\]hfw]")  # where a PROSE_MASK match can start (View.derive's starts)
# The encoded bytes of a data: address (a picture pasted from a web editor as
# ![](data:image/png;base64,iVBOR…)): no text a reader sees. Read as words they were hundreds of
# "微信号" and "密码" findings of gibberish, and a 130 KB paste took 40 s of CPU. The address itself
# stays (links.scheme refuses every data: link, so nothing can be published this way).
DATA_PAYLOAD = re.compile(r"(?<=;base64,)[A-Za-z0-9+/]{16,}={0,2}", re.IGNORECASE)


@dataclass
class Document:
    article: Article
    policy: Policy

    @cached_property
    def _fm_spans(self) -> list[tuple[int, int]]:
        """Every string value of the front matter (title, author, summary, repost.source_name...):
        the templates show them, so the rules read them."""
        art = self.article
        out: list[tuple[int, int]] = []
        stack = [art.meta_node] if art.meta_node is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                stack.extend(v for k, v in reversed(node.value) if getattr(k, "value", None) not in STRUCTURAL_KEYS)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(reversed(node.value))
            elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and node.value.strip():
                start, end = art.fm_start + node.start_mark.index, art.fm_start + node.end_mark.index
                if node.style in ("'", '"'):  # the quotes of title: '…' are YAML's, not the page's:
                    start, end = start + 1, end - 1  # punct.ascii flagged them and fix made them ‘’
                if end > start:
                    out.append((start, end))
        return out

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """The text that content rules scan: every front-matter string value and the whole
        body. Suppression comments hide nothing: they only silence their rules' findings."""
        art = self.article
        out = list(self._fm_spans)
        if len(art.text) > art.body_start:
            out.append((art.body_start, len(art.text)))
        return out

    @cached_property
    def raw(self) -> View:
        raw = View.of_spans(self.article.text, self.spans)
        if "base64," not in raw.text:
            return raw
        return raw.derive(DATA_PAYLOAD, lambda s: "=" * len(s))  # same length: positions unchanged

    @cached_property
    def body_vstart(self) -> int:
        """Offset in the raw view where the body starts (front-matter values come first)."""
        fm = self._fm_spans
        return sum(end - start + 1 for start, end in fm) if len(self.spans) > len(fm) else len(self.raw.text)

    @cached_property
    def markup(self) -> View:
        """The raw view with the body's code blanked out: Markdown and HTML as the site will
        render them. Front-matter values are never code (the templates print them as text), and
        nothing in an attachment's text is (a .txt or .csv is shown as it is)."""
        if not self.article.markdown:
            return self.raw
        return self.raw.derive(CODE_MASK, lambda s: "".join(c if c == "\n" else " " for c in s),
                               start=self.body_vstart, starts=CODE_START)

    @cached_property
    def prose(self) -> View:
        """The raw view with code, URLs, link targets, HTML tags and comments blanked out
        (same length, so positions are unchanged): what punctuation and typo rules read."""
        return self.markup.derive(PROSE_MASK, lambda s: "".join(c if c == "\n" else " " for c in s),
                                  starts=PROSE_START)

    @cached_property
    def folded(self) -> View:
        """The raw view with HTML character references decoded (&#52;&#52; shows as 44 on the
        page) and characters folded: what the reader sees, for the text rules."""
        return self.raw.derive(ENTITY_RE, lambda s: html.unescape(s) if s != "&nbsp;" else " ").fold()

    @cached_property
    def simplified(self) -> View:
        return self.folded.simplify()

    @cached_property
    def compact(self) -> View:
        return self.simplified.compact()

    @cached_property
    def links(self) -> list[Link]:  # computed once, read by the links.* and repost.* rules
        from govpub.rules.links._urls import find_links

        return list(find_links(self.markup.text))

    def hit(self, rule: str, view: View, vstart: int, vend: int, message: str) -> Hit:
        start, end = view.span(vstart, vend)
        return Hit(rule, start, end, message)

    def value_hit(self, rule: str, key: str | tuple[str | int, ...], message: str) -> Hit:
        """A hit on a front-matter value (on the front matter's first line when the key is absent)."""
        path = (key,) if isinstance(key, str) else key
        start, end = self.article.span_of(*path)
        if end <= start:
            return self.article.hit_line(rule, self.article.line_col(start)[0], message)
        return Hit(rule, start, end, message)

    def meta_str(self, key: str) -> str | None:
        """A front-matter value when it is a non-empty string (type errors are meta.front-matter's)."""
        value = self.article.meta.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None
