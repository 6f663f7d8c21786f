"""The frozen held-out corpora (tests/corpus2/*.yml, tests/corpus3/*.yml): their shape only, never their scores.

Both were written from the regulation and the design, without looking at the rules'
code or word lists, to measure how the rules generalize to drafts nobody has seen (corpus3
after corpus2 had served as a measurement for four rounds). Each positive case plants
exactly one problem and is labelled with the FAMILY that should report it (e.g. [privacy]);
clean cases ([]) are full articles that must pass. bench/generalization.py --corpus NAME
scores the rules on one of them; the scores are figures, not asserts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from helpers import load_yaml

CORPUS2 = Path(__file__).resolve().parent / "corpus2"
CORPUS3 = Path(__file__).resolve().parent / "corpus3"
CORPUS4 = Path(__file__).resolve().parent / "corpus4"
CORPUS5 = Path(__file__).resolve().parent / "corpus5"
CORPUS6 = Path(__file__).resolve().parent / "corpus6"
CORPUS7 = Path(__file__).resolve().parent / "corpus7"
CORPUS8 = Path(__file__).resolve().parent / "corpus8"
CORPUS9 = Path(__file__).resolve().parent / "corpus9"
CORPORA = {"corpus2": CORPUS2, "corpus3": CORPUS3, "corpus4": CORPUS4, "corpus5": CORPUS5, "corpus6": CORPUS6,
           "corpus7": CORPUS7, "corpus8": CORPUS8, "corpus9": CORPUS9}
# Families with planted problems, in report order; "clean" holds the traps.
FAMILIES = ("secret", "privacy", "prohibited", "ads", "links", "html", "typo", "phrase",
            "punct", "tone", "repost")
FILES = (*FAMILIES, "clean")


@dataclass(frozen=True)
class Minimum:
    cases: int
    per_family: int
    clean: int


# What each corpus was written to hold (corpus3: issue #14's brief for the third corpus).
MINIMUM = {"corpus2": Minimum(cases=150, per_family=6, clean=50),
           "corpus3": Minimum(cases=165, per_family=10, clean=55),
           # corpus4 is a development corpus: written blind like the others, then read and fitted.
           "corpus4": Minimum(cases=200, per_family=6, clean=50),
           # corpus5: the same, seventh session, weighted to the families that miss most.
           "corpus5": Minimum(cases=200, per_family=4, clean=60),
           # corpus6: written blind while corpus5 was fitted, measured once at the end of that session,
           # a development corpus from the eighth session on.
           "corpus6": Minimum(cases=150, per_family=4, clean=40),
           # corpus7: written blind while corpus6 was fitted, measured once at the end of that session,
           # a development corpus from the ninth session on.
           "corpus7": Minimum(cases=150, per_family=4, clean=40),
           # corpus8: written blind while corpus7 was fitted, measured once at the end of that session,
           # a development corpus from the tenth session on.
           "corpus8": Minimum(cases=150, per_family=4, clean=40),
           # corpus9: written blind while corpus8 was fitted, measured once at the end of that session.
           "corpus9": Minimum(cases=150, per_family=4, clean=40)}


def corpus_file(family: str) -> str:
    """secret cases live in classified.yml: credential scanners take *secret*.yml for a secrets file."""
    return "classified" if family == "secret" else family


@dataclass(frozen=True)
class Case2:
    file: str  # the family of the file the case is in ("clean" for the traps)
    id: str
    text: str
    expect: tuple[str, ...]  # expected families; () for a clean case
    front: Mapping[str, object] = field(default_factory=dict)
    note: str = ""

    @property
    def positive(self) -> bool:
        return bool(self.expect)


def load_corpus2(folder: Path = CORPUS2) -> list[Case2]:
    """Every case of every corpus2 file, in file order; raises ValueError on a malformed file."""
    cases: list[Case2] = []
    for name in FILES:
        path = folder / f"{corpus_file(name)}.yml"
        data = load_yaml(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("family") != name:
            raise ValueError(f"{path}: 'family: {name}' expected")
        for i, raw in enumerate(data.get("cases") or []):
            where = f"{path.name} case {i}"
            if not isinstance(raw, dict):
                raise ValueError(f"{where}: a mapping expected")
            unknown = set(raw) - {"id", "text", "expect", "front", "note"}
            if unknown:
                raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
            if not isinstance(raw.get("id"), str) or not isinstance(raw.get("text"), str):
                raise ValueError(f"{where}: id and text must be strings")
            expect = raw.get("expect")
            if not isinstance(expect, list) or not all(isinstance(e, str) for e in expect):
                raise ValueError(f"{where} ({raw['id']}): expect must be a list of family names")
            front = raw.get("front") or {}
            if not isinstance(front, dict):
                raise ValueError(f"{where} ({raw['id']}): front must be a mapping")
            cases.append(Case2(file=name, id=raw["id"], text=raw["text"], expect=tuple(expect),
                               front=front, note=raw.get("note") or ""))
    return cases


CASES = load_corpus2()
ALL_CASES = {"corpus2": CASES, "corpus3": load_corpus2(CORPUS3), "corpus4": load_corpus2(CORPUS4),
             "corpus5": load_corpus2(CORPUS5),
             "corpus6": load_corpus2(CORPUS6),
             "corpus7": load_corpus2(CORPUS7),
             "corpus8": load_corpus2(CORPUS8),
             "corpus9": load_corpus2(CORPUS9)}
corpora = pytest.mark.parametrize("corpus", sorted(CORPORA))


@corpora
def test_ids_are_unique(corpus: str) -> None:
    ids = Counter(c.id for c in ALL_CASES[corpus])
    assert not [i for i, n in ids.items() if n > 1], sorted(i for i, n in ids.items() if n > 1)


def test_no_id_is_shared_between_corpora() -> None:
    """An id names one case: a copied case would be scored twice and tell nothing new."""
    seen: dict[str, str] = {}
    shared = []
    for corpus, cases in ALL_CASES.items():
        for c in cases:
            if seen.setdefault(c.id, corpus) != corpus:
                shared.append(c.id)
    assert not shared, sorted(shared)


@corpora
def test_labels_are_families(corpus: str) -> None:
    for c in ALL_CASES[corpus]:
        assert set(c.expect) <= set(FAMILIES), f"{c.id}: unknown family in {c.expect}"
        if c.file == "clean":
            assert c.expect == (), f"{c.id}: clean cases must expect []"
        else:
            # exactly one planted problem, of the file's family
            assert c.expect == (c.file,), f"{c.id}: expected [{c.file}], got {list(c.expect)}"


@corpora
def test_size_and_spread(corpus: str) -> None:
    cases, minimum = ALL_CASES[corpus], MINIMUM[corpus]
    assert len(cases) >= minimum.cases
    per_family = Counter(c.file for c in cases)
    for family in FAMILIES:
        assert per_family[family] >= minimum.per_family, f"{family}: only {per_family[family]} cases"
    assert per_family["clean"] >= minimum.clean


@corpora
def test_texts_are_articles(corpus: str) -> None:
    """A body, not a fragment; no front matter or stray YAML inside the text."""
    for c in ALL_CASES[corpus]:
        assert len(c.text.strip()) >= 70, f"{c.id}: text too short for an article"
        assert not c.text.lstrip().startswith("---"), f"{c.id}: front matter goes in `front`"
    for c in ALL_CASES[corpus]:
        if c.file == "clean":
            assert len(c.text.strip()) >= 200, f"{c.id}: clean cases are full-length articles"


@corpora
def test_loader_rejects_a_bad_label(tmp_path: Path, corpus: str) -> None:
    for name in FILES:
        (tmp_path / f"{corpus_file(name)}.yml").write_text(
            (CORPORA[corpus] / f"{corpus_file(name)}.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert len(load_corpus2(tmp_path)) == len(ALL_CASES[corpus])  # the copy loads as the original
    bad = tmp_path / "ads.yml"
    bad.write_text("family: ads\ncases:\n  - id: x\n    text: t\n    expect: ads\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expect must be a list"):
        load_corpus2(tmp_path)


@corpora
def test_front_matter_names_a_real_column_and_its_department(corpus: str) -> None:
    """A front-matter mistake would add meta.* noise to every score: the corpus must not have one."""
    from helpers import FRONT, REPO

    registry = yaml.safe_load((REPO / "checks/registry/columns.yml").read_text(encoding="utf-8"))
    owners = {c["slug"]: {c["department"], *c.get("also_departments", [])} for c in registry["columns"]}
    for c in ALL_CASES[corpus]:
        column = c.front.get("column", FRONT["column"])
        department = c.front.get("department", FRONT["department"])
        assert column in owners, f"{c.id}: unknown column {column}"
        assert department in owners[column], f"{c.id}: {department} does not own column {column}"


# --- the scorer, bench/generalization.py: its counting rules and its output contract ---

BENCH = Path(__file__).resolve().parent.parent / "bench" / "generalization.py"


def _scorer():
    import importlib.util

    spec = importlib.util.spec_from_file_location("generalization", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_scorer_counts_warnings_as_found_and_only_errors_as_blocking() -> None:
    g = _scorer()
    out = g.Outcome
    outcomes = [
        out("t1", "tone", ("tone",), families={"tone": {"warning"}}),          # found by a warning
        out("t2", "tone", ("tone",), families={"prohibited": {"error"}}),      # missed, collateral error
        out("r1", "repost", ("repost",), meta_error=True),                     # missed, stopped by meta
        out("c1", "clean", (), families={"privacy": {"error", "warning"}}),    # blocked
        out("c2", "clean", (), families={"typo": {"warning"}}),                # warned only
        out("c3", "clean", ()),                                                # passes
    ]
    result = g.score(outcomes, ("tone", "repost"))
    assert result["families"]["tone"] == {"planted": 2, "found": 1, "recall": 0.5, "as_error": 0,
                                          "other_err": 1, "meta_only": 0}
    assert result["families"]["repost"]["meta_only"] == 1
    assert result["families"]["repost"]["found"] == 0
    assert result["total"]["planted"] == 3 and result["total"]["found"] == 1
    assert result["clean"]["fp_error"] == 1 and result["clean"]["fp_warn"] == 1
    assert result["clean"]["fp_error_per_100"] == round(100 / 3, 1)
    assert result["clean"]["fp_error_by_family"] == {"privacy": 1}


def _run_scorer(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCH), *args], capture_output=True, text=True,
                          encoding="utf-8", check=False)


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["corpus2", "corpus3"])
def test_scorer_prints_figures_only(corpus: str, tmp_path: Path) -> None:
    """No case text and no case id leaks into the default or the --json output; the header and
    the JSON name the corpus that was scored. The table is printed and the same run writes the
    JSON (--json-out), which --json prints byte for byte. One corpus listed with --verbose
    (corpus2) and one that is never listed (corpus3) cover both paths: the scorer treats every
    corpus alike, and scoring all of them here would cost CI a minute."""
    cases = ALL_CASES[corpus]
    json_out = tmp_path / "scores.json"
    # --verbose lists case ids: only on corpus2, never on an unread corpus (their README)
    verbose = corpus == "corpus2"
    table = _run_scorer("--corpus", corpus, "--json-out", str(json_out), *(["--verbose"] if verbose else []))
    assert table.returncode == 0, table.stderr
    assert table.stdout.startswith(f"{corpus} generalization"), table.stdout.splitlines()[:1]
    figures, sep, listing = table.stdout.partition("\ncases (--verbose):\n")
    assert bool(sep) == verbose, "a per-case listing is printed with --verbose only"
    document = json.loads(json_out.read_text(encoding="utf-8"))
    if verbose:
        assert {c["id"] for c in document.pop("cases")} == {c.id for c in cases}
        listed = {line.split()[1] for line in listing.splitlines()}
        assert listed <= {c.id for c in cases}
    assert "cases" not in document  # never without --verbose
    data = json.dumps(document, ensure_ascii=False, indent=2)  # what --json prints without --verbose
    assert document["corpus"] == corpus
    assert set(document["families"]) == set(FAMILIES)
    assert document["total"]["planted"] == sum(1 for c in cases if c.positive)
    assert document["clean"]["articles"] == sum(1 for c in cases if not c.positive)
    for out in (figures, data):
        for c in cases:
            assert c.id not in out
            first_line = c.text.strip().splitlines()[0]
            assert first_line not in out, f"text of {c.id} printed"


def test_scorer_prints_the_json_it_writes(tmp_path: Path, monkeypatch, capsys) -> None:
    """--json prints the very document --json-out writes, so the figures checked above from the file
    are the --json ones; with --json-out alone the table is still printed. (The engine run is
    replaced by fixed outcomes: the scoring runs above are the slow part.)"""
    g = _scorer()
    fixed = [g.Outcome("a1", "ads", ("ads",), families={"ads": {"error"}}),
             g.Outcome("c1", "clean", (), families={"typo": {"warning"}})]
    monkeypatch.setattr(g, "run_all", lambda repo, cases: fixed)
    monkeypatch.setattr(sys, "path", list(sys.path))  # main() puts the scored checkout first
    printed, written = tmp_path / "printed.json", tmp_path / "written.json"
    assert g.main(["--corpus", "corpus4", "--json", "--json-out", str(printed)]) == 0
    stdout = capsys.readouterr().out
    assert json.loads(stdout) == json.loads(printed.read_text(encoding="utf-8"))
    assert json.loads(stdout)["families"]["ads"]["found"] == 1
    assert g.main(["--corpus", "corpus4", "--json-out", str(written)]) == 0
    assert capsys.readouterr().out.startswith("corpus4 generalization")
    assert written.read_text(encoding="utf-8") == printed.read_text(encoding="utf-8")
    assert g.main(["--corpus", "corpus4", "--json-out", str(tmp_path / "missing" / "x.json")]) == 2
    assert "处理办法" in capsys.readouterr().err


def test_scorer_writes_nothing_for_verbose_on_an_unread_corpus(tmp_path: Path) -> None:
    json_out = tmp_path / "scores.json"
    proc = _run_scorer("--corpus", "corpus3", "--verbose", "--json-out", str(json_out))
    assert proc.returncode == 2 and "处理办法" in proc.stderr
    assert proc.stdout == "" and not json_out.exists()  # refused before anything is scored or written


def test_scorer_default_corpus_is_corpus2_and_names_are_checked() -> None:
    g = _scorer()
    assert g.parse_args([]).corpus == "corpus2"
    assert g.parse_args(["--corpus", "corpus3"]).corpus == "corpus3"
    with pytest.raises(SystemExit) as exc:
        g.parse_args(["--corpus", "../corpus"])  # only the known corpora, never a path
    assert exc.value.code == 2


def test_scorer_refuses_a_folder_that_is_not_a_checkout(tmp_path: Path) -> None:
    proc = _run_scorer("--repo", str(tmp_path))
    assert proc.returncode == 2
    assert "处理办法" in proc.stderr


def test_scorer_knows_every_corpus() -> None:
    assert set(_scorer().CORPORA) == set(CORPORA)


def test_scorer_refuses_verbose_on_the_unread_corpus() -> None:
    """--verbose lists case ids and the rules that fired: that would let anyone read corpus3."""
    proc = _run_scorer("--corpus", "corpus3", "--verbose")
    assert proc.returncode == 2
    assert "处理办法" in proc.stderr and "README" in proc.stderr
    assert proc.stdout == ""
    for c in ALL_CASES["corpus3"]:
        assert c.id not in proc.stderr


def test_corpus3_readme_says_frozen_and_lists_no_case() -> None:
    readme = (CORPUS3 / "README.md").read_text(encoding="utf-8")
    assert "frozen" in readme.lower()
    for c in ALL_CASES["corpus3"]:
        assert c.id not in readme, f"corpus3/README.md names case {c.id}"
