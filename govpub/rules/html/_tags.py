"""Raw HTML in Markdown: tags and attributes."""

from __future__ import annotations

import re

TAG_RE = re.compile(r"<\s*(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.DOTALL)
ATTR_RE = re.compile(r"(?P<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*(?:=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")


def attributes(text: str):  # noqa: ANN201 - Iterator[tuple[re.Match, re.Match, int]]
    """(tag match, attribute match, offset of the attribute in text) for every attribute."""
    for tag in TAG_RE.finditer(text):
        base = tag.start("attrs")
        for attr in ATTR_RE.finditer(tag.group("attrs")):
            yield tag, attr, base + attr.start()
