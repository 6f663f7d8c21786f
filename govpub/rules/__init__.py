"""The rule registry.

Every rule lives in its own module, govpub/rules/<family>/<name>.py, as one class
decorated with @rule. Its docstring is the rule's documentation (what it does, why,
examples, how to fix), from which the rule pages are generated. Rule id
`privacy.id-number` is found in govpub/rules/privacy/id_number.py, its tests in
tests/rules/test_privacy.py, and its data (if any) under checks/.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from govpub.findings import Hit, Severity
    from govpub.policy import Policy
    from govpub.rules.document import Document

FAMILIES = ("meta", "secret", "privacy", "prohibited", "ads", "links", "html", "typo",
            "phrase", "punct", "tone", "repost")


class Rule:
    """Base class. Subclasses set the class attributes and implement check()."""

    id: ClassVar[str]
    title: ClassVar[str]  # short Chinese name shown in docs and SARIF
    article: ClassVar[str]  # the regulation article it enforces, e.g. 第五条（一）
    severity: ClassVar[Severity] = "error"
    # findings inside a quotation that a correction lesson cites as the wrong form are dropped
    # (把“一国两制”写成“一国两治”; govpub/rules/examples.py)
    cited_examples: ClassVar[bool] = False

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def check(self, doc: Document) -> Iterable[Hit]:
        raise NotImplementedError

    # A rule whose findings can be repaired without any change of meaning also defines
    #     def fixes(self, doc) -> Iterable[tuple[int, int, str]]
    # yielding (start, end, replacement) in character offsets of the article's text;
    # `govpub fix` applies them.


REGISTRY: dict[str, type[Rule]] = {}
_imported = False


def rule(cls: type[Rule]) -> type[Rule]:
    """Register a rule class under its id."""
    family = cls.id.split(".", 1)[0]
    if family not in FAMILIES:
        raise ValueError(f"unknown rule family for {cls.id}")
    if cls.id in REGISTRY and REGISTRY[cls.id] is not cls:
        raise ValueError(f"duplicate rule id {cls.id}")
    REGISTRY[cls.id] = cls
    return cls


def all_rules() -> dict[str, type[Rule]]:
    """Import every rule module once and return the registry, sorted by id."""
    global _imported
    if not _imported:
        here = Path(__file__).parent
        for family in FAMILIES:
            if not (here / family / "__init__.py").is_file():
                continue
            # the family folder's modules, read once (pkgutil.iter_modules also lists every
            # subfolder to see whether it is a package: ~8 ms of a one-file check for nothing)
            for name in _modules(here / family):
                importlib.import_module(f"{__name__}.{family}.{name}")
        _imported = True
    return dict(sorted(REGISTRY.items()))


def _modules(folder: Path) -> list[str]:
    """The modules of a family folder (every .py file but __init__.py), sorted by name."""
    with os.scandir(folder) as entries:
        return sorted(e.name[:-3] for e in entries
                      if e.name.endswith(".py") and e.name != "__init__.py" and e.is_file())
