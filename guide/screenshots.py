"""Screenshots of the real pages for the guide: the sample site and the audit report,
rendered by headless Chromium (Debian's chromium package) into guide/docs/img/.

The website's pages (home, column, article, 互动交流, and search results) are taken at 1366
and 390 px by the browser test's script (tests/site/browser.mjs, playwright-core: it can
type a search), so node and tests/node_modules are needed (npm ci --prefix tests).

Run from the repository root after `make demo`: python guide/screenshots.py
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "guide/docs/img"
BROWSER = ROOT / "tests/site/browser.mjs"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def shoot(url: str, out: Path, size: str = "1280,900") -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["chromium", *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}",
                        f"--screenshot={out}", url], check=True, capture_output=True, timeout=120)
    print(f"已截图：{out.relative_to(ROOT)}")


def site_pages(base: str) -> None:
    """site-<page>-<width>.png, and site-home.png / site-article.png for the other guide pages."""
    if not shutil.which("node") or not (ROOT / "tests/node_modules/playwright-core").is_dir():
        raise SystemExit("网站截图需要 node 和 playwright-core：apt-get install -y nodejs npm，再运行 npm ci --prefix tests")
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run(["node", str(BROWSER), base, out, "值班律师"], cwd=ROOT / "tests",
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "CHROMIUM": shutil.which("chromium") or "chromium"})
        if proc.returncode != 0:
            raise SystemExit(f"网站截图失败：{proc.stderr[-2000:]}")
        for shot in json.loads(proc.stdout)["screenshots"]:
            if Path(shot).name.startswith("site-"):
                shutil.copy2(shot, IMG / Path(shot).name)
                print(f"已截图：guide/docs/img/{Path(shot).name}")
    shutil.copy2(IMG / "site-home-1366.png", IMG / "site-home.png")
    shutil.copy2(IMG / "site-article-1366.png", IMG / "site-article.png")


def main() -> int:
    if not shutil.which("chromium"):
        sys.stderr.write("需要 Debian 的 chromium 软件包：apt-get install -y chromium\n")
        return 2
    IMG.mkdir(parents=True, exist_ok=True)
    govpub = [sys.executable, "-m", "govpub"]
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        subprocess.run([*govpub, "build", "--quiet", "--site-dir", str(site_dir)], cwd=ROOT, check=True)
        handler = functools.partial(_Quiet, directory=str(site_dir))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            base = f"http://127.0.0.1:{server.server_port}"
            site_pages(base)
        finally:
            server.shutdown()
        report = Path(tmp) / "audit"
        subprocess.run([*govpub, "audit", "--site", str(site_dir), "--output", str(report)], cwd=ROOT,
                       capture_output=True)
        shoot((report / "report.html").as_uri(), IMG / "audit-report.png", "1200,1400")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
