"""Accuracy of the content rules, per family, on the four labelled corpora side by side.

    python bench/accuracy.py [--bench-articles N] [--json]

The README's accuracy table is printed by this script (issue #14):

  own corpus   tests/corpus/*.yml, written together with the rules (bench/quality.py
               scores it per rule; here it is scored per family, like corpus2)
  corpus2      tests/corpus2/, frozen, written without reading the rules
               (bench/generalization.py, whose scoring this reuses); a measurement
               for four rounds, so no longer unseen
  corpus3      tests/corpus3/, frozen, written without reading the rules, corpus2 or
               the own corpus, and read by nobody since (only its figures are shown)
  corpus4      tests/corpus4/, a development corpus: written blind like corpus3, then
               read and fitted, so its figures say how well the rules fit, not how
               they generalize
  corpus5      tests/corpus5/, the same for the seventh session (weighted to secret,
               prohibited, typo, tone and repost)
  corpus6      tests/corpus6/, written blind while corpus5 was fitted and read by nobody
               in that session (its estimate for unseen text); a development corpus since
  corpus7      tests/corpus7/, written blind while corpus6 was fitted (eighth session) and
               read by nobody in that session; a development corpus since
  corpus8      tests/corpus8/, written blind while corpus7 was fitted (ninth session) and
               read by nobody in that session; a development corpus since
  corpus9      tests/corpus9/, written blind while corpus8 was fitted (tenth session) and
               read by nobody in that session: the session's estimate for unseen text

Per family and corpus:
  recall   planted cases where a finding of that family fired, at any severity
           (a tone warning counts: the reviewer sees it) / planted cases
  FP       clean cases (the corpus's articles that expect no finding) blocked by an
           ERROR of that family

Then false positives per 1,000 clean articles over two sets that must stay clean: the
generated bench corpus (bench/corpus.py, --bench-articles, seed 0) and the sample site's
content/. An article counts once when any content rule (meta.* excluded) reports an error.
A measurement, not a gate: exit status 0; 2 when a corpus cannot be loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]

import generalization  # noqa: E402
from test_corpus import FAMILIES, load_corpus  # noqa: E402
from test_corpus2 import CORPORA, load_corpus2  # noqa: E402

CONTENT_FAMILIES = tuple(f for f in FAMILIES if f != "clean")


def score_own() -> dict:
    """The own corpus scored as corpus2 is: labels become families."""
    cases = load_corpus()
    as_c2 = [SimpleNamespace(id=c.id, file=c.family, front=dict(c.front), text=c.text,
                             expect=tuple(sorted({r.split(".", 1)[0] for r in c.expect})))
             for c in cases]
    outcomes = generalization.run_all(REPO, as_c2)
    return generalization.score(outcomes, CONTENT_FAMILIES)


# Column headings, in report order: the own corpus, then the blind-written ones.
LABELS = {"own": "own corpus", "corpus2": "corpus2 (frozen)", "corpus3": "corpus3 (frozen, unread)",
          "corpus4": "corpus4 (development)", "corpus5": "corpus5 (development)",
          "corpus6": "corpus6 (development)", "corpus7": "corpus7 (development)",
          "corpus8": "corpus8 (development)",
          "corpus9": "corpus9 (unread)"}


def score_frozen(name: str) -> dict:
    """A blind-written corpus (corpus2 … corpus9) as bench/generalization.py --corpus NAME scores it."""
    return generalization.score(generalization.run_all(REPO, load_corpus2(CORPORA[name])),
                                CONTENT_FAMILIES)


def blocked_articles(root: Path) -> tuple[int, int]:
    """(articles, articles with a content-rule error) for `govpub check` over root/content."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "1"}
    out = subprocess.run([sys.executable, "-m", "govpub", "check", "--format", "json", "content"],
                         cwd=root, env=env, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(f"govpub check failed in {root}: {out.stderr.strip()}")
    findings = json.loads(out.stdout)["findings"]
    blocked = {f["path"] for f in findings
               if f["severity"] == "error" and not f["rule"].startswith("meta.")}
    articles = sum(1 for _ in (root / "content").rglob("*.md"))
    return articles, len(blocked)


def per_thousand(blocked: int, articles: int) -> float | None:
    return round(1000 * blocked / articles, 1) if articles else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench-articles", type=int, default=2000,
                    help="size of the generated bench corpus (default 2000)")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    args = ap.parse_args(argv)

    try:
        scores = {"own": score_own(), **{name: score_frozen(name) for name in LABELS if name != "own"}}
    except (OSError, ValueError) as exc:
        print(f"cannot load a corpus: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="govpub-accuracy-") as tmp:
        import corpus

        corpus.generate(Path(tmp) / "site", args.bench_articles, 0)
        bench = blocked_articles(Path(tmp) / "site")
    sample = blocked_articles(REPO)
    result = {**scores,
              "bench": {"articles": bench[0], "blocked": bench[1],
                        "per_1000": per_thousand(bench[1], bench[0])},
              "sample_site": {"articles": sample[0], "blocked": sample[1],
                              "per_1000": per_thousand(sample[1], sample[0])}}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0

    def cell(r: dict, fp: dict, fam: str) -> str:
        return f"{r['found']:>3}/{r['planted']:<3} {generalization.fmt(r['recall'])} {fp.get(fam, 0):>3}"

    head = f"{'found':>7} {'recall':>6} {'FP':>3}"
    print(f"{'':<11}" + "".join(f"{label:<23}" for label in LABELS.values()).rstrip())
    print(f"{'family':<11}{'    '.join([head] * len(scores))}")
    for fam in CONTENT_FAMILIES:
        print(f"{fam:<11}" + "    ".join(cell(r["families"][fam], r["clean"]["fp_error_by_family"], fam)
                                         for r in scores.values()))
    for name, r in scores.items():
        t, c = r["total"], r["clean"]
        print(f"{name}: recall {t['recall']} ({t['found']}/{t['planted']}); clean articles "
              f"{c['articles']}, blocked {c['fp_error']} = {c['fp_error_per_100']} per 100; "
              f"warnings only {c['fp_warn']}")
    for name, r in (("bench corpus", result["bench"]), ("sample site content/", result["sample_site"])):
        print(f"{name}: {r['articles']} articles, {r['blocked']} blocked = {r['per_1000']} per 1,000")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
