"""Where does the full check's time go, rule by rule? Prints figures; asserts nothing.

    python bench/rule_cost.py [CORPUS_DIR] [--articles 2000] [--seed 0] [--top 25] [--profile N]

Checks every article of a corpus (a site folder with content/ and checks/; default: a
bench corpus generated into a temporary folder, bench/corpus.py) in this process, one rule
at a time, and prints CPU microseconds per article:
  fixed       loading the article and building the Document (parse, front matter)
  views       the normalized views and links the rules read (built once per article,
              counted here rather than charged to the first rule that asks)
  engine      the rest of check_article: suppressions, findings, sorting
  <rule id>   each rule's own check(), top N by cost, the share of all rules, and hits
The first article is checked once untimed (word lists and automata load on first use),
then every article is timed. --profile N prints the N dearest functions (cProfile, cumulative
and own time) of a second pass.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(HERE)]
import corpus  # noqa: E402  (bench/corpus.py)

from govpub.policy import Policy  # noqa: E402
from govpub.rules import engine, matching  # noqa: E402
from govpub.rules.document import Document  # noqa: E402

VIEWS = ("raw", "markup", "prose", "folded", "simplified", "compact", "links")


def measure(root: Path, top: int) -> None:
    clock = time.process_time_ns
    rules = engine.RuleSet(Policy(root))
    files = sorted((root / "content").rglob("*.md"))
    chars = 0
    cost: dict[str, int] = defaultdict(int)
    hits: dict[str, int] = defaultdict(int)
    rules.check_article(engine.load(root, files[0]))  # loads the word lists
    rules._pool.merge()
    t0 = clock()
    for f in files:  # a whole pass first: the engine's own share is the rest by difference
        rules.check_article(engine.load(root, f))
    cost["(engine) check_article total"] = clock() - t0
    matching.activate(rules._pool)
    for f in files:
        t0 = clock()
        art = engine.load(root, f)
        doc = Document(art, rules.policy)
        t1 = clock()
        for name in VIEWS:
            getattr(doc, name)
        t2 = clock()
        cost["(fixed) load + Document"] += t1 - t0
        cost["(views) views + links"] += t2 - t1
        chars += len(art.text)
        for rule in rules.active(art.column, art.readable, art.data):
            a = clock()
            found = list(rule.check(doc))
            cost[rule.id] += clock() - a
            hits[rule.id] += len(found)
    n = len(files)
    rule_total = sum(v for k, v in cost.items() if not k.startswith("("))
    fixed = cost["(fixed) load + Document"] + cost["(views) views + links"]
    print(f"{n} articles, {chars / n:,.0f} characters each; CPU µs per article")
    print(f"{'item':32} {'µs/art':>8} {'share':>6} {'hits':>6}")
    for key in ("(fixed) load + Document", "(views) views + links"):
        print(f"{key:32} {cost[key] / n / 1000:8.1f}")
    print(f"{'(rules) all rules':32} {rule_total / n / 1000:8.1f}")
    print(f"{'(sum) fixed + views + rules':32} {(fixed + rule_total) / n / 1000:8.1f}")
    print(f"{'(pass) load + check_article':32} {cost['(engine) check_article total'] / n / 1000:8.1f}")
    engine_own = cost["(engine) check_article total"] - fixed - rule_total
    print(f"{'(engine) suppressions, findings':32} {max(engine_own, 0) / n / 1000:8.1f}"
          "   (a pass of load + check_article minus the above, by difference)")
    print()
    ranked = sorted(((v, k) for k, v in cost.items() if not k.startswith("(")), reverse=True)
    for v, k in ranked[:top]:
        print(f"{k:32} {v / n / 1000:8.1f} {100 * v / max(rule_total, 1):5.1f}% {hits[k]:6}")
    rate = chars / (cost["(engine) check_article total"] / 1e9) / 1e6
    print(f"\nload + check_article: {rate:.2f} M characters per CPU second (no start-up, no process pool)")


def profile(root: Path, lines: int) -> None:
    rules = engine.RuleSet(Policy(root))
    files = sorted((root / "content").rglob("*.md"))
    rules.check_article(engine.load(root, files[0]))
    rules._pool.merge()
    prof = cProfile.Profile()
    prof.enable()
    for f in files:
        rules.check_article(engine.load(root, f))
    prof.disable()
    stats = pstats.Stats(prof)
    stats.sort_stats("cumulative").print_stats(lines)
    stats.sort_stats("tottime").print_stats(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, help="a site folder (content/, checks/); default: generate one")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="also print the N dearest functions")
    args = ap.parse_args()
    work = None
    root = args.corpus
    if root is None:
        work = Path(tempfile.mkdtemp(prefix="govpub-rulecost-"))
        root = work / "site"
        corpus.generate(root, args.articles, args.seed)
    try:
        measure(root.resolve(), args.top)
        if args.profile:
            profile(root.resolve(), args.profile)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
