"""govpub audit --external without a network: one clear line, not every link reported dead."""

from __future__ import annotations

import http.server
import json
import os
import socket
import threading
from contextlib import contextmanager

from test_audit import audit, fresh_site, publish

from govpub.audit.links import OFFLINE


def closed_port() -> int:
    """A loopback port nobody listens on: connecting is refused, as without a network."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):  # noqa: N802
            self.send_response(200 if self.path in ("/", "/ok") else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}"
    finally:
        srv.shutdown()
        srv.server_close()


def set_probe(site, url: str) -> None:
    path = site.root / "checks/audit.yml"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if "online_probe_url" not in ln]
    path.write_text("\n".join(lines) + f"\n  online_probe_url: {url}\n", encoding="utf-8")


def dead_links(n: int) -> list[str]:
    return [f"http://127.0.0.1:{closed_port()}/page{i}" for i in range(n)]


def cache_entries() -> dict:
    path = os.path.join(os.environ["XDG_CACHE_HOME"], "govpub", "external-links.json")
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        return {}


def test_no_network_is_one_line_and_no_broken_links(site):
    urls = dead_links(5)
    set_probe(site, f"http://127.0.0.1:{closed_port()}/")
    fresh_site(site)
    publish(site, "gzdt", 1, slug="ext", body="".join(f"[链接{i}]({u})、[又是它]({u})\n" for i, u in enumerate(urls)))
    proc = site.run("audit", "--as-of", "2026-11-27 09:00", "--external")
    data = json.loads((site.root / "audit-report/report.json").read_text("utf-8"))
    assert data["links"] == [] and data["summary"]["broken_links"] == 0
    assert data["warnings"].count(OFFLINE) == 1
    assert proc.stdout.count(OFFLINE) == 1
    assert not set(urls) & set(cache_entries())  # the next run, online, checks them afresh


def test_few_links_all_unreachable_still_asks_the_probe(site):
    urls = dead_links(1)
    set_probe(site, f"http://127.0.0.1:{closed_port()}/")
    fresh_site(site)
    publish(site, "gzdt", 1, slug="ext", body=f"[链接]({urls[0]})\n")
    _, data = audit(site, "--external")
    assert data["links"] == [] and OFFLINE in data["warnings"]


def test_online_unreachable_hosts_are_reported_once_each(site):
    urls = dead_links(4)
    with server() as base:
        set_probe(site, base + "/")
        fresh_site(site)
        publish(site, "gzdt", 1, slug="ext", body="".join(f"[甲]({u})和[乙]({u})\n" for u in urls))
        _, data = audit(site, "--external")
    assert sorted(b["url"] for b in data["links"]) == sorted(urls)  # each once, though written twice
    assert all(b["reason"].startswith("无法连接") for b in data["links"])
    assert OFFLINE not in data["warnings"]


def test_a_server_answering_means_online(site):
    dead = dead_links(5)
    set_probe(site, f"http://127.0.0.1:{closed_port()}/")  # the probe is not needed: a server answered
    with server() as base:
        fresh_site(site)
        publish(site, "gzdt", 1, slug="ext",
                body=f"[好]({base}/ok)、[坏]({base}/gone)\n" + "".join(f"[死]({u})\n" for u in dead))
        _, data = audit(site, "--external")
    assert {b["url"] for b in data["links"]} == {f"{base}/gone", *dead}
    assert OFFLINE not in data["warnings"]
