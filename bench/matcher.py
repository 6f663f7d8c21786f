"""Why govpub matches word lists with ahocorasick_rs in overlapping mode (content-checks.md §5).

Prints, for pyahocorasick (iter, iter_long) and ahocorasick_rs (overlapping, leftmost-longest):
whether each finds 知识产权 inside 国家知识产权 when 国家知识产权局 is also a pattern, and the
scan speed over Chinese text with 10,000 patterns. Figures only; nothing is asserted.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    import ahocorasick_rs

    try:
        import ahocorasick
    except ImportError:
        print("需要 pyahocorasick 才能对比 / pip install pyahocorasick")
        return 2
    patterns = ["知识产权", "国家知识产权局"]
    text = "依法保护国家知识产权和公民权利"
    auto = ahocorasick.Automaton()
    for i, p in enumerate(patterns):
        auto.add_word(p, (i, p))
    auto.make_automaton()
    found = {
        "pyahocorasick iter()": sorted({v[1] for _, v in auto.iter(text)}),
        "pyahocorasick iter_long()": sorted({v[1] for _, v in auto.iter_long(text)}),
        "ahocorasick_rs 重叠 overlapping": sorted({patterns[i] for i, _, _ in
                                                   ahocorasick_rs.AhoCorasick(patterns).find_matches_as_indexes(text, overlapping=True)}),
        "ahocorasick_rs 最左最长 leftmost-longest": sorted({patterns[i] for i, _, _ in ahocorasick_rs.AhoCorasick(
            patterns, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST).find_matches_as_indexes(text)}),
    }
    print(f"文本 text：{text}；词表 patterns：{patterns}")
    for name, hits in found.items():
        print(f"  {name:<40} 找到 found {hits}{'' if '知识产权' in hits else '  ← 漏掉 知识产权 / misses it'}")

    rng = random.Random(0)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    many = sorted({"".join(rng.choice(chars) for _ in range(rng.randint(2, 6))) for _ in range(10_000)})
    corpus = "".join(rng.choice(chars) for _ in range(2_000_000))
    size_mb = len(corpus.encode("utf-8")) / 1e6
    auto = ahocorasick.Automaton()
    for i, p in enumerate(many):
        auto.add_word(p, i)
    auto.make_automaton()
    rs = ahocorasick_rs.AhoCorasick(many)
    runs = {
        "pyahocorasick iter()": lambda: sum(1 for _ in auto.iter(corpus)),
        "ahocorasick_rs overlapping": lambda: len(rs.find_matches_as_indexes(corpus, overlapping=True)),
    }
    print(f"\n扫描速度 scan speed：{len(many):,} 个词 patterns，{size_mb:.1f} MB 中文 Chinese text")
    for name, fn in runs.items():
        start = time.perf_counter()
        n = fn()
        took = time.perf_counter() - start
        print(f"  {name:<30} {size_mb / took:6.1f} MB/s（{n:,} 处匹配 matches）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
