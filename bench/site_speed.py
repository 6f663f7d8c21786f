"""How fast is the website build? Prints figures; asserts nothing.

    python bench/site_speed.py [--sizes 1000,10000] [--runs 1] [--seed 0] [--keep [DIR]]

For each size N, on the same synthetic corpus (bench/corpus.py):

1. govpub site: `mkdocs build` with this repository's mkdocs.yml and overrides/ (the
   govpub plugin: column listings, home, 网站地图, meta tags, footer; Material's search
   with jieba and its privacy plugin). This is the MkDocs part of `govpub build`.
2. plain baseline: MkDocs + Material on the same content/ folder, articles kept out of the
   navigation (the nav lists one article per column, about the size of the govpub nav),
   the same search settings (lang zh, jieba, the same separator) and the privacy plugin,
   no govpub plugin, no overrides. The difference is what the govpub plugin and templates cost.
3. govpub build: the whole command, content checks included (checks then site, atomic switch).
4. one article changed: touch one article and run `govpub build` again. There is no
   incremental build: this is a full build (the stretch goal is not met, see the figure).

Each build runs in a fresh interpreter. With --runs R the baseline and the govpub site are
built R times each, alternately, and the fastest run is kept (a shared machine only ever
makes a build slower). Wall time and peak memory (ru_maxrss of the build
process, the same figure as GNU time's "Maximum resident set size") are printed.
Goals printed beside the figures: t(govpub) ≤ 1.2 × t(plain) at 10,000 articles,
t(10,000)/t(1,000) ≤ 11, peak memory < 2 GB, one-article rebuild < 1/10 of a full build.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (bench/corpus.py, beside this file)

GOAL_RATIO_BASELINE = 1.2
GOAL_SCALING = 11.0
GOAL_MEMORY = 2 * 1024**3


@dataclass
class Run:
    wall: float
    max_rss: int
    exit_code: int
    stderr: str


def measure(cmd: list[str], cwd: Path) -> Run:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", errors="replace")
    err = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_maxrss * 1024, proc.returncode, err)


def corpus_dir(base: Path, n: int, seed: int) -> Path:
    out = base / f"site-corpus-{n}-s{seed}"
    marker = out / corpus.MARKER
    fresh = marker.is_file() and json.loads(marker.read_text("utf-8")) == corpus.fingerprint(n, seed)
    if not fresh:
        t = time.perf_counter()
        corpus.generate(out, n, seed)
        print(f"  生成语料 {n} 篇：{time.perf_counter() - t:.1f} s", flush=True)
    return out


def prepare_govpub(root: Path) -> Path:
    """This repository's mkdocs.yml and overrides/ in the corpus, annual report re-pointed."""
    shutil.rmtree(root / "overrides", ignore_errors=True)
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "checks" / "search").mkdir(parents=True, exist_ok=True)
    cfg = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    report = sorted((root / "content" / "ghjh").rglob("*.md"))[-1]
    cfg["extra"]["govpub"]["annual_report"] = report.relative_to(root / "content").as_posix()
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def prepare_plain(root: Path) -> Path:
    """Plain MkDocs + Material over the same content/: articles out of the nav."""
    repo_cfg = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    search = next(p["search"] for p in repo_cfg["plugins"] if isinstance(p, dict) and "search" in p)
    search = {k: v for k, v in search.items() if k != "jieba_dict_user"}
    search["jieba_dict_user"] = str(root / "checks" / "search" / "jieba-user.txt")
    nav = []
    columns = yaml.safe_load((root / "checks/registry/columns.yml").read_text("utf-8"))["columns"]
    for col in columns:
        first = sorted((root / "content" / col["slug"]).rglob("*.md"))
        if first:
            nav.append({col["name"]: first[0].relative_to(root / "content").as_posix()})
    cfg = {
        "site_name": repo_cfg["site_name"],
        "site_url": repo_cfg.get("site_url"),
        "docs_dir": "content",
        "use_directory_urls": True,
        "not_in_nav": "*.md\n",
        "nav": nav,
        "theme": {"name": "material", "language": "zh", "font": False,
                  "features": ["navigation.tabs"]},
        "plugins": [{"search": search}, {"privacy": {"assets_exclude": ["unpkg.com/*"]}}],
        "markdown_extensions": ["tables", "attr_list", "toc"],
    }
    path = root / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def fmt_mb(n: int) -> str:
    return f"{n / 1024**2:,.0f} MB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="网站构建速度 / website build speed")
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--runs", type=int, default=1, help="基线和 govpub 网站各构建几次，取最快的一次")
    ap.add_argument("--keep", nargs="?", const=str(HERE / "out"), default=None, metavar="DIR",
                    help="保留并复用语料（默认 bench/out/）")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="govpub-site-bench-"))
    py = sys.executable
    print(f"机器：{os.cpu_count()} 核，Python {platform.python_version()}，{platform.platform()}")
    results: dict[int, dict[str, Run]] = {}
    try:
        for n in sizes:
            print(f"\n== {n:,} 篇文章 ==", flush=True)
            root = corpus_dir(base, n, args.seed)
            gcfg, pcfg = prepare_govpub(root), prepare_plain(root)
            out = root / "out"
            runs: dict[str, Run] = {}
            # jieba caches its dictionary in the temp folder: warm it once, untimed
            measure([py, "-c", "import jieba; jieba.initialize()"], root)
            for _ in range(max(1, args.runs)):
                for key, cfg in (("plain", pcfg), ("govpub", gcfg)):
                    run = measure([py, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(out / key)], root)
                    best = runs.get(key)
                    if best is None or run.exit_code != 0 or run.wall < best.wall:
                        run.max_rss = max(run.max_rss, best.max_rss if best else 0)
                        runs[key] = run
            runs["build"] = measure([py, "-m", "govpub", "build", "--quiet", "--site-dir", str(out / "site")], root)
            one = sorted((root / "content" / "gzdt").rglob("*.md"))[0]
            one.write_text(one.read_text("utf-8").replace("\n---\n", "\n---\n\n本文有更新。\n", 1), "utf-8")
            runs["one"] = measure([py, "-m", "govpub", "build", "--quiet", "--site-dir", str(out / "site")], root)
            one.write_text(one.read_text("utf-8").replace("\n---\n\n本文有更新。\n", "\n---\n", 1), "utf-8")
            for key, run in runs.items():
                if run.exit_code != 0:
                    print(f"  {key} 失败（退出码 {run.exit_code}）：\n{run.stderr[-2000:]}")
            pages = sum(1 for _ in (out / "govpub").rglob("index.html")) if (out / "govpub").exists() else 0
            label = {"plain": "MkDocs + Material（基线，文章不进导航）",
                     "govpub": "govpub 网站（mkdocs build + govpub 插件）",
                     "build": "govpub build（含内容检查、原子切换）",
                     "one": "改动一篇文章后 govpub build"}
            for key in ("plain", "govpub", "build", "one"):
                r = runs[key]
                print(f"  {label[key]:<34} {r.wall:7.1f} s   峰值内存 {fmt_mb(r.max_rss)}")
            print(f"  生成页面 {pages:,} 个；govpub/基线 = {runs['govpub'].wall / runs['plain'].wall:.2f}"
                  f"（目标 ≤ {GOAL_RATIO_BASELINE}）", flush=True)
            results[n] = runs
            shutil.rmtree(out, ignore_errors=True)
        if len(sizes) >= 2:
            lo, hi = min(sizes), max(sizes)
            print("\n== 汇总 ==")
            for key in ("plain", "govpub", "build"):
                ratio = results[hi][key].wall / results[lo][key].wall
                print(f"  t({hi:,})/t({lo:,}) {key:<6} = {ratio:.1f}（目标 ≤ {GOAL_SCALING:g}，规模比 {hi / lo:g}）")
            peak = max(r.max_rss for runs in results.values() for r in runs.values())
            print(f"  峰值内存最大 {fmt_mb(peak)}（目标 < {fmt_mb(GOAL_MEMORY)}）")
            one = results[hi]["one"].wall / results[hi]["build"].wall
            print(f"  {hi:,} 篇时改一篇重建 / 全量 = {one:.2f}（延伸目标 < 0.1；没有增量构建）")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
