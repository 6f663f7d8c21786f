"""Screenshots of the real pages for the guide: the sample site and the audit report,
rendered by headless Chromium (Debian's chromium package) into guide/docs/img/.

Run from the repository root after `make demo`: python guide/screenshots.py
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "guide/docs/img"
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
            shoot(f"{base}/", IMG / "site-home.png")
            article = next(site_dir.glob("ggflfw/*/*/index.html")).parent.relative_to(site_dir).as_posix()
            shoot(f"{base}/{article}/", IMG / "site-article.png")
        finally:
            server.shutdown()
        report = Path(tmp) / "audit"
        subprocess.run([*govpub, "audit", "--site", str(site_dir), "--output", str(report)], cwd=ROOT,
                       capture_output=True)
        shoot((report / "report.html").as_uri(), IMG / "audit-report.png", "1200,1400")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
