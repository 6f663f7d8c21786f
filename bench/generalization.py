"""Generalization of the content rules: their scores on a frozen held-out corpus (tests/corpus2/ or tests/corpus3/).

    python bench/generalization.py [--corpus corpus2|…|corpus9] [--repo PATH] [--json]
                                   [--json-out FILE] [--verbose]

--corpus picks the corpus (default corpus2; the header and the JSON say which). Both were
written without looking at the rules' code or word lists (see their README.md); corpus3
was written after corpus2 had been used as a measurement for four rounds, and nobody but
its author has read it. Each positive case plants exactly one problem and is labelled with
the rule FAMILY that should report it; clean cases are full articles that must not be blocked.
The engine runs in process, as tests/test_corpus.py runs it on the first corpus: a
temporary site holding a copy of checks/, one article per case with the case's front matter,
written in its column's folder (content/<column>/2026/case.md) so no meta.column noise.

Counted per family (a finding's family is its rule id before the first dot; meta.* is
never counted):
  planted   positive cases labelled with the family
  found     of those, cases where a finding of that family fired, at ANY severity
            (a tone warning counts: the reviewer sees it)
  recall    found / planted
  as_error  of those, cases where a finding of that family fired as an ERROR (would block)
  other_err positives that also got an ERROR of a family they are not labelled with
            (collateral blocks: a sign of over-broad rules, or of a second problem)
  meta_only positives missed by their family but stopped by a front-matter (meta.*) error
            (e.g. a repost block without `published`): blocked, but not counted as found,
            since a meta error does not say which planted problem it saw
On the clean cases:
  fp_error  clean articles with at least one error finding (they would be blocked);
            per 100 clean articles
  fp_warn   clean articles with warnings only (annotated, not blocked)
  meta      clean articles with a front-matter error (a corpus mistake if ever non-zero)

--repo PATH scores another checkout: its govpub package and its checks/ (the corpus is
always this one). Only figures are printed, never case texts or ids, unless --verbose;
--verbose is refused on corpus3, whose cases stay unread (tests/corpus3/README.md).
--json-out FILE also writes the JSON document (the one --json prints) to FILE, beside what
is printed, so that one scoring run gives both the table and the figures (tests/test_corpus2.py
scores each corpus once that way).
Exit status 0 (a measurement, not a gate); 2 when the corpus or the engine cannot load.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
# The held-out corpora under tests/ (tests/test_corpus2.py's CORPORA); the first is the default.
CORPORA = ("corpus2", "corpus3", "corpus4", "corpus5", "corpus6", "corpus7", "corpus8", "corpus9")
# Corpora whose cases must stay unread: no --verbose (it lists their ids and what fired).
UNREAD = frozenset({"corpus3", "corpus9"})


def family_of(rule_id: str) -> str:
    return rule_id.split(".", 1)[0]


def severity_of(finding: object) -> str:
    sev = finding.severity  # type: ignore[attr-defined]
    return str(getattr(sev, "value", sev))


@dataclass
class Outcome:
    case_id: str
    file: str
    expect: tuple[str, ...]
    families: dict[str, set[str]] = field(default_factory=dict)  # family -> severities fired
    rules: set[str] = field(default_factory=set)  # every rule that fired, meta.* included
    meta_error: bool = False  # a front-matter (meta.*) error fired
    error: str = ""

    def fired(self, family: str) -> bool:
        return family in self.families

    def error_families(self) -> set[str]:
        return {f for f, sevs in self.families.items() if "error" in sevs}

    def warning_families(self) -> set[str]:
        return {f for f, sevs in self.families.items() if sevs and "error" not in sevs}


def run_all(repo: Path, cases: list) -> list[Outcome]:
    # Imported here, after sys.path is set, so that --repo's govpub is the one that runs.
    from helpers import FRONT, Site, check_text
    from test_corpus import body_of, front_fields

    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="govpub-generalization-") as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(repo / "checks", root / "checks")
        (root / "content").mkdir()
        site = Site(root)
        for case in cases:
            out = Outcome(case.id, case.file, case.expect)
            # The article lives in its column's folder, as a drafter's would (else meta.column fires).
            column = str(case.front.get("column", FRONT["column"]))
            try:
                findings = check_text(site, body_of(case), rel=f"content/{column}/2026/case.md",
                                      **front_fields(case.front))
            except Exception as exc:  # a crash counts as "not found" and is reported
                out.error = f"{type(exc).__name__}: {exc}"
            else:
                for f in findings:
                    out.rules.add(f.rule)
                    if f.rule.startswith("meta."):
                        if severity_of(f) == "error":
                            out.meta_error = True
                        continue
                    out.families.setdefault(family_of(f.rule), set()).add(severity_of(f))
            finally:
                shutil.rmtree(root / "content")
                (root / "content").mkdir()
            outcomes.append(out)
    return outcomes


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def score(outcomes: list[Outcome], families: tuple[str, ...]) -> dict:
    per_family: dict[str, dict] = {}
    for fam in families:
        pos = [o for o in outcomes if fam in o.expect]
        found = sum(1 for o in pos if o.fired(fam))
        as_error = sum(1 for o in pos if fam in o.error_families())
        other = sum(1 for o in pos if o.error_families() - set(o.expect))
        meta_only = sum(1 for o in pos if not o.fired(fam) and o.meta_error)
        per_family[fam] = {"planted": len(pos), "found": found, "recall": ratio(found, len(pos)),
                           "as_error": as_error, "other_err": other, "meta_only": meta_only}
    positives = [o for o in outcomes if o.expect]
    clean = [o for o in outcomes if not o.expect]
    found_total = sum(1 for o in positives if all(o.fired(f) for f in o.expect))
    fp_error = [o for o in clean if o.error_families()]
    fp_warn = [o for o in clean if not o.error_families() and o.warning_families()]
    fp_by_family: dict[str, int] = defaultdict(int)
    for o in clean:
        for fam in o.error_families():
            fp_by_family[fam] += 1
    return {
        "families": per_family,
        "total": {"planted": len(positives), "found": found_total,
                  "recall": ratio(found_total, len(positives)),
                  "as_error": sum(r["as_error"] for r in per_family.values()),
                  "other_err": sum(1 for o in positives if o.error_families() - set(o.expect)),
                  "meta_only": sum(r["meta_only"] for r in per_family.values())},
        "clean": {"articles": len(clean), "fp_error": len(fp_error),
                  "fp_error_per_100": round(100 * len(fp_error) / len(clean), 1) if clean else None,
                  "fp_warn": len(fp_warn),
                  "meta_error": sum(1 for o in clean if o.meta_error),
                  "fp_error_by_family": dict(sorted(fp_by_family.items()))},
        "crashes": sum(1 for o in outcomes if o.error),
    }


def fmt(x: float | None) -> str:
    return "  –  " if x is None else f"{x:5.3f}"


def print_table(result: dict, repo: Path, corpus: str = CORPORA[0]) -> None:
    print(f"{corpus} generalization — rules and checks/ of {repo}")
    print(f"{'family':<11}{'planted':>8}{'found':>7}{'recall':>8}{'as_error':>9}{'other_err':>10}"
          f"{'meta_only':>10}")
    rows = [*result["families"].items(), ("total", result["total"])]
    for fam, r in rows:
        print(f"{fam:<11}{r['planted']:>8}{r['found']:>7}{fmt(r['recall']):>8}{r['as_error']:>9}"
              f"{r['other_err']:>10}{r['meta_only']:>10}")
    c = result["clean"]
    by_fam = ", ".join(f"{k} {v}" for k, v in c["fp_error_by_family"].items()) or "none"
    print(f"\nclean articles: {c['articles']}; blocked (error finding): {c['fp_error']} "
          f"= {c['fp_error_per_100']} per 100 (by family: {by_fam}); warnings only: {c['fp_warn']}; "
          f"front-matter (meta) errors: {c['meta_error']}")
    if result["crashes"]:
        print(f"engine crashes: {result['crashes']} (run with --verbose to see them)")


def print_cases(outcomes: list[Outcome]) -> None:
    """--verbose: every case that is missed, blocked or crashed, with what fired."""
    print("\ncases (--verbose):")
    for o in outcomes:
        if o.error:
            status = f"CRASH {o.error}"
        elif o.expect:
            missed = [f for f in o.expect if not o.fired(f)]
            extra = sorted(o.error_families() - set(o.expect))
            if not missed and not extra:
                continue
            status = ("missed " + ",".join(missed) if missed else "found") + (
                f"; also errors {','.join(extra)}" if extra else "")
        else:
            if not o.families and not o.meta_error:
                continue
            status = ("BLOCKED" if o.error_families() else "warned" if o.families else "meta error")
        print(f"  {o.file:<10} {o.case_id:<36} {status}  [{' '.join(sorted(o.rules))}]")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--corpus", choices=CORPORA, default=CORPORA[0],
                    help="the held-out corpus to score, tests/<corpus>/ (default corpus2)")
    ap.add_argument("--repo", type=Path, default=HERE,
                    help="checkout whose govpub/ and checks/ are scored (default: this one)")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--json-out", type=Path, metavar="FILE",
                    help="also write the JSON document to FILE (beside the printed table or JSON)")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="also list missed and blocked cases (ids and rules that fired)")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.verbose and args.corpus in UNREAD:
        print(f"--verbose 会列出 tests/{args.corpus}/ 的用例编号和命中的规则，而该语料须保持无人阅读"
              f"（见 tests/{args.corpus}/README.md）。处理办法：去掉 --verbose，只看汇总数字。",
              file=sys.stderr)
        return 2
    repo = args.repo.resolve()
    if not (repo / "govpub").is_dir() or not (repo / "checks").is_dir():
        print(f"{repo}：不是 govpub 仓库（缺 govpub/ 或 checks/）。处理办法：--repo 指向仓库根目录。",
              file=sys.stderr)
        return 2
    # The scored checkout's govpub first; this checkout's tests/ for the corpus loader and helpers.
    sys.path[:0] = [str(repo), str(HERE / "tests")]
    import yaml
    from test_corpus2 import CORPORA as FOLDERS
    from test_corpus2 import FAMILIES, load_corpus2

    import govpub

    engine = Path(govpub.__file__).resolve().parent
    if not engine.is_relative_to(repo):
        print(f"导入的 govpub 来自 {engine}，不是 {repo}。处理办法：检查 PYTHONPATH 或是否已安装同名包。",
              file=sys.stderr)
        return 2

    try:
        cases = load_corpus2(FOLDERS[args.corpus])
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"无法读取 tests/{args.corpus}/：{exc}。处理办法：按 tests/{args.corpus}/README.md 的格式修正该文件。",
              file=sys.stderr)
        return 2
    outcomes = run_all(repo, cases)
    result = score(outcomes, FAMILIES)
    out = {"corpus": args.corpus, "repo": str(repo), "engine": str(engine), **result}
    if args.verbose:
        out["cases"] = [{"id": o.case_id, "file": o.file, "expect": list(o.expect),
                         "rules": sorted(o.rules), "error": o.error} for o in outcomes]
    document = json.dumps(out, ensure_ascii=False, indent=2)
    if args.json_out:
        try:
            args.json_out.write_text(document + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"无法写入 {args.json_out}：{exc}。处理办法：--json-out 指向一个可写的文件。", file=sys.stderr)
            return 2
    if args.json:
        print(document)
    else:
        print_table(result, repo, args.corpus)
        if args.verbose:
            print_cases(outcomes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
