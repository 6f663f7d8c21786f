"""The labelled corpus (tests/corpus/*.yml): every case gives exactly the expected rules.

Each corpus file holds cases of one rule family (plus clean.yml: full-length articles that
must produce no finding at all). A case is an article body, optional front-matter overrides
and `expect`, the exact set of non-meta rule ids a careful reviewer at the bureau expects to
fire (any severity); [] means the article must pass. The labels are written from the
regulation and the rule documentation, not from what the code currently does.

bench/quality.py imports the loading code below to print precision and recall per family.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import Site, check_text, checks_site, load_yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
FAMILIES = ("secret", "privacy", "prohibited", "ads", "links", "html", "typo", "phrase",
            "punct", "tone", "repost", "clean")


def corpus_file(family: str) -> str:
    """secret.* cases live in classified.yml: credential scanners take *secret*.yml for a secrets file."""
    return "classified" if family == "secret" else family


# Rules the corpus does not cover, with the reason.
NOT_COVERED = {"repost.red-header": "needs image files; tested in tests/rules/test_repost.py",
               "privacy.photo-location": "reads image files; tested in tests/test_hostile.py",
               "secret.credential": "a credential literal may not be stored in the repository (detect-secrets); "
                                    "values are made at run time in tests/test_hostile.py"}


@dataclass(frozen=True)
class Case:
    family: str
    id: str
    text: str
    expect: frozenset[str]
    front: Mapping[str, object] = field(default_factory=dict)
    note: str = ""

    @property
    def positive(self) -> bool:
        return bool(self.expect)


def load_corpus(folder: Path = CORPUS) -> list[Case]:
    """Every case of every corpus file, in file order; raises on a malformed file."""
    cases: list[Case] = []
    for family in FAMILIES:
        path = folder / f"{corpus_file(family)}.yml"
        data = load_yaml(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("family") != family:
            raise ValueError(f"{path}: 'family: {family}' expected")
        for i, raw in enumerate(data.get("cases") or []):
            where = f"{path.name} case {i}"
            unknown = set(raw) - {"id", "text", "expect", "front", "note"}
            if unknown:
                raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
            if not isinstance(raw.get("id"), str) or not isinstance(raw.get("text"), str):
                raise ValueError(f"{where}: id and text must be strings")
            if not isinstance(raw.get("expect"), list):
                raise ValueError(f"{where} ({raw['id']}): expect must be a list")
            cases.append(Case(family=family, id=raw["id"], text=raw["text"],
                              expect=frozenset(raw["expect"]), front=raw.get("front") or {},
                              note=raw.get("note") or ""))
    return cases


def _scalar(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return str(value)


def front_fields(front: Mapping[str, object]) -> dict[str, str]:
    """Front-matter overrides as check_text() takes them: field=value as written in YAML.

    A mapping becomes an indented block, e.g. {repost: {source_name: X}} gives
    repost="\\n  source_name: X".
    """
    fields: dict[str, str] = {}
    for key, value in front.items():
        if isinstance(value, Mapping):
            fields[key] = "".join(f"\n  {k}: {_scalar(v)}" for k, v in value.items())
        else:
            fields[key] = _scalar(value)
    return fields


def body_of(case: Case) -> str:
    return case.text if case.text.endswith("\n") else case.text + "\n"


def content_rules(findings: Iterable) -> set[str]:
    """The ids of the non-meta rules that fired."""
    return {f.rule for f in findings if not f.rule.startswith("meta.")}


def run_case(site, case: Case) -> list:
    """All findings (any rule, any severity) for the case's article."""
    return check_text(site, body_of(case), **front_fields(case.front))


CASES = load_corpus()


def _rule_ids() -> set[str]:
    from govpub.rules import all_rules
    return set(all_rules())


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Site:
    """One site for the whole corpus: the rules load once, each case rewrites the article."""
    return checks_site(tmp_path_factory.mktemp("corpus") / "site")


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_case(corpus_site, case: Case) -> None:
    found = content_rules(run_case(corpus_site, case))
    missing, extra = sorted(case.expect - found), sorted(found - case.expect)
    assert found == set(case.expect), (
        f"{case.id}: missing {missing}, unexpected {extra}"
        + (f" (note: {case.note})" if case.note else ""))


def test_corpus_is_well_formed() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    known = _rule_ids()
    for c in CASES:
        assert c.expect <= known, f"{c.id}: unknown rule ids {sorted(c.expect - known)}"
        assert not any(r.startswith("meta.") for r in c.expect), f"{c.id}: meta.* in expect"
        assert not (c.family == "clean" and c.expect), f"{c.id}: clean cases must expect []"
    assert len(CASES) >= 160


def test_corpus_covers_every_content_rule() -> None:
    """At least 2 positives per non-meta rule, 2 negatives per family, 12 clean articles."""
    for rule_id in sorted(_rule_ids()):
        if rule_id.startswith("meta.") or rule_id in NOT_COVERED:
            continue
        positives = [c.id for c in CASES if rule_id in c.expect]
        assert len(positives) >= 2, f"{rule_id}: only {positives}"
    for family in FAMILIES:
        negatives = [c for c in CASES if c.family == family and not c.expect]
        assert len(negatives) >= (12 if family == "clean" else 2), family
