"""Raw HTML in Markdown: tags and attributes, including those added with attr_list.

The html.* rules read the markup view: front-matter values and HTML comments included,
code blanked only where the site's Markdown renders code (a closed fence, inline code).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

TAG_RE = re.compile(r"<\s*(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.DOTALL)
ATTR_RE = re.compile(r"(?P<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*(?:=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")


# Python-Markdown's attr_list: `# 标题 {: #id .class key=value }`, `![说明](a.jpg){ onerror=x }`
ATTR_LIST_RE = re.compile(r"\{:?(?P<attrs>[^{}\n]*)\}")


def attributes(text: str) -> Iterator[tuple[re.Match[str], re.Match[str], int]]:
    """(tag match, attribute match, offset of the attribute in text) for every attribute."""
    for tag in TAG_RE.finditer(text):
        base = tag.start("attrs")
        for attr in ATTR_RE.finditer(tag.group("attrs")):
            yield tag, attr, base + attr.start()
    for block in ATTR_LIST_RE.finditer(text):
        inner = block.group("attrs")
        base = block.start("attrs")
        for attr in ATTR_RE.finditer(inner):
            if attr.start() == 0 or inner[attr.start() - 1] in " \t:{":  # not a .class or #id
                yield block, attr, base + attr.start()
