"""Typed errors. Each names where the problem is and what to do about it, in Chinese."""

from __future__ import annotations


class GovpubError(Exception):
    """An error the user can fix. Exit code 2 (usage or configuration)."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"\n  处理办法：{self.hint}"
        return text


class UsageError(GovpubError):
    """Wrong command-line arguments."""


class PolicyError(GovpubError):
    """A file under checks/ is missing or invalid."""
