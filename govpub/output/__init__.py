"""Output formats for findings: text, json, sarif, github. One module each, one function each:
render(report, rules) -> str."""

from __future__ import annotations

FORMATS = ("text", "json", "sarif", "github")


def printable(text: str) -> str:
    """Text every UTF-8 reader takes: a file name whose bytes are not UTF-8 (Python holds them
    as lone surrogates, which a strict UTF-8 stream refuses and JSON readers reject) is shown
    with U+FFFD in their place."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
