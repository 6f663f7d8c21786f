"""Converge a site's WeChat account in a process of its own (the kill tests kill it).

A fork server: it imports govpub once, then for each request line on stdin ({"root", "env",
"out"} as JSON; GOVPUB_TEST_RETRACT in env: a `govpub retract` of that article) forks a child that converges the site's WeChat account with that environment,
its output in the file `out`. It answers the child's pid at once and, when the child ends,
its return code as Popen gives it (-9: killed) and its CPU seconds. The server has no threads, so forking it is
safe; each run is a separate process that a test kills with SIGKILL, without paying the
interpreter start-up and the imports every time (tests/publish/test_wechat.py: SyncServer).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/: fork_server
import fork_server  # noqa: E402

from govpub.publish import pipeline  # noqa: E402
from govpub.publish.wechat_client import WeChatClient  # noqa: E402

# What a converge run imports on first use (the site plugin for the links, the HTML inliner, the
# HTTP stack): imported here once, so that no forked run pays for it again (about 1.5 s a run);
# anything else a run imported is imported after it (fork_server.learn: the Markdown extensions).
PRELOAD = ("govpub.publish.nanfang", "govpub.publish.wechat", "govpub.site.plugin", "govpub.audit.records",
           "govpub.rules.html.alt_text", "css_inline", "nh3", "httpcore", "h11", "certifi", "anyio")


def boundaries() -> list[tuple[type, str]]:
    """Every step of a run at whose edges a kill can leave a different state, enumerated from
    the code rather than listed by hand: each public method of the WeChat client (one platform
    call each), the ledger's commit and push, the publish lock's acquire, renew and release."""
    from govpub.publish.ledger import Store
    from govpub.publish.lock import PublishLock

    steps = [(WeChatClient, name) for name, fn in vars(WeChatClient).items()
             if callable(fn) and not name.startswith("_") and name not in ("close", "call", "token")]
    steps += [(Store, "write"), (Store, "push"), (Store, "fetch")]
    steps += [(PublishLock, name) for name in ("acquire", "renew", "release")]
    return steps


def arm(kill_at: int | None, trace: str | None) -> None:
    """Count the edges between steps: the start of every step (the state after one step
    returned is the state at the start of the next: after a platform call answered, the start
    of the ledger write that records it). At edge `kill_at` the process kills itself with
    SIGKILL (no cleanup, no finally). `trace`: a file where every edge is written as it is
    passed (the test enumerates them from a clean run)."""
    import functools
    import signal

    seen = [0]
    log = open(trace, "a", encoding="utf-8") if trace else None  # noqa: SIM115 - the process ends with it

    def edge(label: str) -> None:
        seen[0] += 1
        if log is not None:
            log.write(label + "\n")
            log.flush()
        if seen[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    for cls, name in boundaries():
        fn = getattr(cls, name)

        def wrapped(*args, __fn=fn, __label=f"{cls.__name__}.{name}", **kwargs):  # noqa: ANN002, ANN003, ANN202
            edge(f"before {__label}")
            return __fn(*args, **kwargs)

        setattr(cls, name, functools.wraps(fn)(wrapped))


def distinct_edges(labels: list[str], start: str = "before PublishLock.renew") -> list[tuple[int, str]]:
    """The points of a clean run worth a kill each, numbered from 1: every edge of arm's trace,
    or every call in the WeChat double's log. All of them, except where a step of the plan
    repeats an earlier one: a step begins where `start` follows another label (an edge: the
    lock's renewal before each step, pipeline._run_channel; a call: the first upload of an
    article's images), and a point is known when an earlier step passed the same labels from
    its beginning up to it (the second of two new articles goes through the first one's steps
    in the same order: a kill there leaves the same partial state, with one more article
    finished). Points before the first step, and the run's own end after the last step stops
    matching, are always kept."""
    seen: set[tuple[str, ...]] = set()
    kept: list[tuple[int, str]] = []
    since: tuple[str, ...] = ()
    started = False
    for k, label in enumerate(labels, 1):
        if label == start and (k == 1 or labels[k - 2] != start):
            since, started = (), True
        since += (label,)
        if started and since in seen:
            continue
        seen.add(since)
        kept.append((k, label))
    return kept


def main(root: Path) -> int:
    with WeChatClient(os.environ["GOVPUB_WECHAT_APPID"], os.environ["GOVPUB_WECHAT_SECRET"],
                      base_url=os.environ["GOVPUB_WECHAT_API"], timeout=1.0, sleep=lambda s: None) as client:
        remote = os.environ.get("GOVPUB_REMOTE") or None
        if os.environ.get("GOVPUB_TEST_RETRACT"):  # govpub retract of that article instead of a publish run
            result = pipeline.retract(root, os.environ["GOVPUB_TEST_RETRACT"], "内容有误", out=root / "publish-out",
                                      remote=remote, clients={"wechat": client}, lock_wait=30,
                                      mark_at="2026-12-01 10:00")
        else:
            result = pipeline.converge(root, "", out=root / "publish-out", remote=remote,
                                       clients={"wechat": client}, platforms=["wechat"], lock_wait=30)
    for row in result.rows:
        print(row.article, row.state, row.message, flush=True)
    return 0 if result.ok else 1


def serve() -> int:
    for name in PRELOAD:
        importlib.import_module(name)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the child: one converge run
            code = 3
            try:
                os.environ.clear()
                os.environ.update(request["env"])
                fd = os.open(request["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                if request.get("edges") is not None or request.get("kill_edge") is not None:
                    arm(request.get("kill_edge"), request.get("edges"))
                before = fork_server.known_modules()
                code = main(Path(request["root"]))
                fork_server.report_new(before, request["out"] + ".modules")
            except BaseException:  # noqa: BLE001 - reported in the output file, like a crash
                import traceback

                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        print(pid, flush=True)
        _, status, usage = os.wait4(pid, 0)
        print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, flush=True)
        fork_server.learn(request["out"] + ".modules")  # what a run imported: the next one has it
    return 0


if __name__ == "__main__":
    raise SystemExit(serve())
