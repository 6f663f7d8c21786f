"""CPU seconds per test file from a GOVPUB_TEST_CPU record (see tests/conftest.py):

    GOVPUB_TEST_CPU=/tmp/cpu.jsonl make test
    python bench/cpu.py /tmp/cpu.jsonl [--top N] [--tests]

prints the files by CPU seconds, most first, and the sum over the run."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("record")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--tests", action="store_true", help="single tests instead of files")
    args = parser.parse_args()
    sums: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    with open(args.record, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            key = row["test"] if args.tests else row["test"].split("::")[0]
            sums[key] += row["cpu"]
            counts[key] += 1
    for key, cpu in sorted(sums.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"{cpu:8.1f} s  {counts[key]:5d}  {key}")
    print(f"{sum(sums.values()):8.1f} s  {sum(counts.values()):5d}  total")


if __name__ == "__main__":
    main()
