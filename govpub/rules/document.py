"""What a rule sees: the article, the policy and the normalized views of its text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from govpub.content.article import Article
from govpub.findings import Hit
from govpub.policy import Policy
from govpub.rules.normalize import View

SUPPRESSION_RE = re.compile(r"<!--\s*govpub:\s*allow\b(?P<body>.*?)-->", re.DOTALL)
CODE = r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|`[^`\n]+`"
CODE_MASK = re.compile(CODE, re.DOTALL)
PROSE_MASK = re.compile(  # applied to the markup view, where code is already blank
    r"<!--.*?-->|</?[A-Za-z][^>\n]*>"  # HTML comments and tags
    r"|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"  # Markdown link and image targets
    r"|(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+",  # bare URLs (ASCII only)
    re.DOTALL,
)


@dataclass
class Document:
    article: Article
    policy: Policy

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """The text that content rules scan: title, summary and body (without suppression comments)."""
        art = self.article
        out: list[tuple[int, int]] = []
        for key in ("title", "summary"):
            if isinstance(art.meta.get(key), str):
                start, end = art.span_of(key)
                if end > start:
                    out.append((start, end))
        pos = art.body_start
        for m in SUPPRESSION_RE.finditer(art.text, art.body_start):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if len(art.text) > pos:
            out.append((pos, len(art.text)))
        return out

    @cached_property
    def raw(self) -> View:
        return View.of_spans(self.article.text, self.spans)

    @cached_property
    def markup(self) -> View:
        """The raw view with code blanked out: Markdown and HTML as the site will render them."""
        return self.raw.derive(CODE_MASK, lambda s: "".join(c if c == "\n" else " " for c in s))

    @cached_property
    def prose(self) -> View:
        """The raw view with code, URLs, link targets, HTML tags and comments blanked out
        (same length, so positions are unchanged): what punctuation and typo rules read."""
        return self.markup.derive(PROSE_MASK, lambda s: "".join(c if c == "\n" else " " for c in s))

    @cached_property
    def folded(self) -> View:
        return self.raw.fold()

    @cached_property
    def simplified(self) -> View:
        return self.folded.simplify()

    @cached_property
    def compact(self) -> View:
        return self.simplified.compact()

    @cached_property
    def links(self) -> list:  # list[Link]; computed once, read by the links.* and repost.* rules
        from govpub.rules.links._urls import find_links

        return list(find_links(self.markup.text))

    def hit(self, rule: str, view: View, vstart: int, vend: int, message: str) -> Hit:
        start, end = view.span(vstart, vend)
        return Hit(rule, start, end, message)

    def value_hit(self, rule: str, key: str | tuple[str, ...], message: str) -> Hit:
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
