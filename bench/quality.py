"""Detection quality of the content rules on the labelled corpus (tests/corpus/*.yml).

    python bench/quality.py [--verbose]

Runs the engine in process over every corpus case (the same loading code as
tests/test_corpus.py), in a temporary site holding a copy of this repository's checks/,
and prints per family (one corpus file each):

  pos / neg    cases that expect some rule / expect none
  TP, FP, FN   counted over (case, rule id) pairs: an expected rule that fired, a rule
               that fired without being expected, an expected rule that did not fire
  precision    TP / (TP + FP);  recall  TP / (TP + FN)
  disagree     ids of the cases whose set of rules differs from the label

Goals printed beside the figures: recall >= 0.95 in every family, and no finding at all
on clean.yml. A per-rule table and the disagreeing cases with their differences follow.
Exit status 0 when the goals are met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from helpers import Site  # noqa: E402
from test_corpus import FAMILIES, Case, content_rules, load_corpus, run_case  # noqa: E402

RECALL_GOAL = 0.95


@dataclass
class Outcome:
    case: Case
    found: set[str] = field(default_factory=set)
    findings: int = 0  # non-meta findings (every occurrence, any severity)
    error: str = ""

    @property
    def agrees(self) -> bool:
        return not self.error and self.found == set(self.case.expect)


def run_all(cases: list[Case]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="govpub-quality-") as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(REPO / "checks", root / "checks")
        (root / "content").mkdir()
        site = Site(root)
        for case in cases:
            out = Outcome(case)
            try:
                findings = run_case(site, case)
                out.found = content_rules(findings)
                out.findings = sum(1 for f in findings if not f.rule.startswith("meta."))
            except Exception as exc:  # a crash is a disagreement, not the end of the run
                out.error = f"{type(exc).__name__}: {exc}"
                traceback.print_exc(file=sys.stderr)
            outcomes.append(out)
    return outcomes


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def fmt(x: float | None) -> str:
    return "  –  " if x is None else f"{x:5.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true", help="also list agreeing cases")
    args = ap.parse_args(argv)

    outcomes = run_all(load_corpus())
    by_family: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_family[o.case.family].append(o)

    rule_tp: Counter[str] = Counter()
    rule_fp: Counter[str] = Counter()
    rule_fn: Counter[str] = Counter()
    goals_met = True
    print(f"{'family':<11}{'pos':>4}{'neg':>5}{'TP':>5}{'FP':>4}{'FN':>4}  "
          f"{'precision':>9}  {'recall':>6}  goal                     disagree")
    totals = Counter()
    for family in FAMILIES:
        fam = by_family.get(family, [])
        tp = fp = fn = 0
        for o in fam:
            exp = set(o.case.expect)
            tp += len(exp & o.found)
            fp += len(o.found - exp)
            fn += len(exp - o.found)
            for r in exp & o.found:
                rule_tp[r] += 1
            for r in o.found - exp:
                rule_fp[r] += 1
            for r in exp - o.found:
                rule_fn[r] += 1
        pos = sum(1 for o in fam if o.case.positive)
        neg = len(fam) - pos
        precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
        disagree = [o.case.id for o in fam if not o.agrees]
        if family == "clean":
            n = sum(o.findings for o in fam) + sum(1 for o in fam if o.error)
            ok = n == 0
            goal = f"0 findings: {n} {'OK' if ok else 'MISSED'}"
        else:
            ok = recall is not None and recall >= RECALL_GOAL
            goal = f"recall>={RECALL_GOAL}: {'OK' if ok else 'MISSED'}"
        goals_met &= ok
        totals.update(pos=pos, neg=neg, tp=tp, fp=fp, fn=fn, disagree=len(disagree))
        print(f"{family:<11}{pos:>4}{neg:>5}{tp:>5}{fp:>4}{fn:>4}  {fmt(precision):>9}  "
              f"{fmt(recall):>6}  {goal:<24} {len(disagree)}: {' '.join(disagree)}")
    print(f"{'total':<11}{totals['pos']:>4}{totals['neg']:>5}{totals['tp']:>5}{totals['fp']:>4}"
          f"{totals['fn']:>4}  {fmt(ratio(totals['tp'], totals['tp'] + totals['fp'])):>9}  "
          f"{fmt(ratio(totals['tp'], totals['tp'] + totals['fn'])):>6}  "
          f"{'all goals met' if goals_met else 'goals NOT met':<24} {totals['disagree']}")

    print("\nper rule (over all files):")
    print(f"  {'rule':<26}{'TP':>4}{'FP':>4}{'FN':>4}  precision  recall")
    for r in sorted(set(rule_tp) | set(rule_fp) | set(rule_fn)):
        p, rc = ratio(rule_tp[r], rule_tp[r] + rule_fp[r]), ratio(rule_tp[r], rule_tp[r] + rule_fn[r])
        print(f"  {r:<26}{rule_tp[r]:>4}{rule_fp[r]:>4}{rule_fn[r]:>4}  {fmt(p):>9}  {fmt(rc):>6}")

    print("\ndisagreements (label vs code):")
    for o in outcomes:
        if o.agrees and not args.verbose:
            continue
        exp = set(o.case.expect)
        if o.error:
            detail = f"ERROR {o.error}"
        elif o.agrees:
            detail = "ok"
        else:
            parts = []
            if exp - o.found:
                parts.append("missed " + ", ".join(sorted(exp - o.found)))
            if o.found - exp:
                parts.append("unexpected " + ", ".join(sorted(o.found - exp)))
            detail = "; ".join(parts)
        print(f"  {o.case.id:<40} {detail}")
    return 0 if goals_met else 1


if __name__ == "__main__":
    sys.exit(main())
