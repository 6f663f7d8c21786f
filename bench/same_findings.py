"""Do two checkouts report exactly the same findings? For performance work on the rules.

    python bench/same_findings.py --baseline PATH [--articles 2000] [--seed 0] [--keep DIR]

Runs `python -m govpub check --format json content` with this checkout's govpub and with
PATH's (each imported through PYTHONPATH, caches off) over three sites, and compares the
JSON outputs exactly (every finding: file, line, column, rule, severity, message, text):

  bench     the generated bench corpus (bench/corpus.py, N articles, clean by design)
  mixed     every labelled corpus case (tests/corpus/*.yml, tests/corpus4/, tests/corpus5/) twice: as an article of its own
            (with its front-matter overrides) and spliced into a bench article's body after
            the first paragraph, so each rule meets its positives inside full-length text
  sample    this repository's own site (content/, checks/, mkdocs.yml)

Both runs read this checkout's checks/ (policy data is not what a speed change compares).
Prints the finding counts per site and the first differences; exit status 0 when every
site is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO / "tests")]
import corpus  # noqa: E402  (bench/corpus.py)
from helpers import article_text  # noqa: E402
from test_corpus import body_of, front_fields, load_corpus  # noqa: E402

_NOW = re.compile(r"（现在是 [0-9: -]+）")
LABELLED = ("corpus", "corpus4", "corpus5")  # the development corpora; never the held-out corpus2, corpus3


def mixed_site(root: Path, bench: Path) -> int:
    """The labelled cases alone and spliced into bench articles; returns the number of articles."""
    shutil.copytree(REPO / "checks", root / "checks")
    hosts = sorted((bench / "content").rglob("*.md"))
    count = 0
    cases = [c for folder in LABELLED if (REPO / "tests" / folder).is_dir() for c in load_corpus(REPO / "tests" / folder)]
    for i, case in enumerate(cases):
        fields = front_fields(case.front)
        column = str(case.front.get("column") or "pfyfz")
        alone = root / "content" / column / "2026" / f"case-{i:04d}.md"
        alone.parent.mkdir(parents=True, exist_ok=True)
        alone.write_text(article_text(body_of(case), **fields), encoding="utf-8")
        host = hosts[i % len(hosts)]
        text = host.read_text(encoding="utf-8")
        cut = text.find("\n\n", text.find("\n---\n", 4) + 5)
        cut = cut + 2 if cut >= 0 else len(text)
        spliced = root / host.relative_to(bench).parent / f"mixed-{i:04d}.md"
        spliced.parent.mkdir(parents=True, exist_ok=True)
        spliced.write_text(text[:cut] + body_of(case) + "\n" + text[cut:], encoding="utf-8")
        count += 2
    return count


def sample_site(root: Path) -> None:
    for name in ("checks", "content"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")


def findings(tree: Path, site: Path) -> list[dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(tree), "GOVPUB_NO_CACHE": "1", "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "govpub", "check", "--format", "json", "content"],
                          cwd=site, env=env, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"govpub check ({tree}) failed in {site} with exit {proc.returncode}:\n{proc.stderr[-2000:]}")
    data = json.loads(proc.stdout)
    found = data["findings"] if isinstance(data, dict) else data
    assert isinstance(found, list)
    for f in found:  # meta.scheduled names the minute of the run: not what a speed change compares
        f["message"] = _NOW.sub("（现在是 …）", f["message"])
    return found


def compare(name: str, site: Path, baseline: Path) -> bool:
    ours, theirs = findings(REPO, site), findings(baseline, site)
    same = ours == theirs
    print(f"{name:8} {'相同 identical' if same else '不同 DIFFERENT'}: {len(ours)} findings here, {len(theirs)} in baseline")
    if not same:
        a = {json.dumps(f, ensure_ascii=False, sort_keys=True) for f in ours}
        b = {json.dumps(f, ensure_ascii=False, sort_keys=True) for f in theirs}
        for line in sorted(a - b)[:10]:
            print("  + " + line)
        for line in sorted(b - a)[:10]:
            print("  - " + line)
        if a == b:
            print("  (same findings, different order or multiplicity)")
    return same


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True, help="another checkout (e.g. the commit before a change)")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, help="write the sites here and leave them")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="govpub-same-"))
    try:
        bench, mixed, sample = work / "bench", work / "mixed", work / "sample"
        for path in (mixed, sample):
            if path.exists():
                shutil.rmtree(path)
        corpus.generate(bench, args.articles, args.seed)
        n = mixed_site(mixed, bench)
        sample_site(sample)
        print(f"{args.articles} bench articles, {n} mixed articles, sample site; baseline {args.baseline}")
        results = [compare(name, site, args.baseline.resolve())
                   for name, site in (("bench", bench), ("mixed", mixed), ("sample", sample))]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
