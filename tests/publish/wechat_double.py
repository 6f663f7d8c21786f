"""A loopback double of the WeChat Official Account API, built from reference/wechat-api.md.

It enforces the documented contract (stable_token lifetime and renewal, access_token on
every call, jpg/png under 1 MB for uploadimg, permanent thumb media ids, mmbiz-only image
URLs in content, field limits, daily quotas, drafts consumed by publishing, 1-based delete
index, publishing asynchronous: the draft stays in the box and nothing is listed until
the job finishes, and a draft submitted twice is published twice), counts every call, and
injects faults on demand: timeouts, errcode -1, 40001, 45009, and responses dropped after the server acted (optionally killing the client).

As strict as the documented API, or stricter: draft/add refuses a field the API does not
define, a "阅读原文" link over 1 KB, comment switches other than 0/1, a \\uXXXX escape in the
title; stable_token's forced renewal is limited (20 a day, 30 s apart); permanent images can
be deleted (material/del_material) and a deleted one is gone for get_material and drafts;
images from uploadimg can never be deleted (as on the platform). Faults the outside double
also plays: `busy_every` (every n-th call answers -1 system busy without acting),
`expire_token()` (the token dies between two calls: 42001), `publish_outcomes` (the next
publishes end with status 2..6 instead of 0: a failed publish leaves its draft in the box
and lists nothing; fail_idx for 2 and 4), `ban()` (an article published, later deleted by
a user or blocked: status 5/6 and is_deleted in the lists).

A dropped answer closes the connection at once (the client sees no response, as when a proxy
resets it), and "drop_silent" keeps it open until the client's read timeout; both reach the
same handling in the client, the first without waiting. Answers that come but cannot be used,
each after the server acted: "busy_after" (-1 system busy), "http5xx" (HTTP 502 carrying the
real JSON body), "truncated" (the JSON cut in half), "partial" (200 with errcode 0 and none of
the fields). "rotate": another process (a manual run) forces a new token just before the call,
so the caller's token is no longer the latest (40001). Publishing is asynchronous on the
double's own clock (`advance` moves it on), so tests wait for a publish in flight without
sleeping."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

QUOTAS = {"/cgi-bin/draft/add": 1000, "/cgi-bin/freepublish/submit": 100, "/cgi-bin/freepublish/get": 100,
          "/cgi-bin/freepublish/delete": 10, "/cgi-bin/media/uploadimg": 1000,
          "/cgi-bin/material/add_material": 1000, "/cgi-bin/draft/batchget": 1000,
          "/cgi-bin/freepublish/batchget": 100, "/cgi-bin/draft/get": 500, "/cgi-bin/material/get_material": 1000}


@dataclass
class Fault:
    path: str
    # "timeout" (no action, no answer) | "errcode" | "drop" (act, then close without answering)
    # | "drop_silent" (act, then no answer until the client times out) | "kill" (act, then on_kill())
    # | "expire" (act and answer, then the token expires: the next call gets 42001)
    # | "busy_after" | "http5xx" | "truncated" | "partial" (act, then an answer that cannot be used)
    # | "rotate" (another process forces a new token first: this call gets 40001)
    kind: str
    code: int = 0
    times: int = 1


@dataclass
class State:
    appid: str = "wx-test-app"
    secret: str = "test-secret"  # pragma: allowlist secret
    token_lifetime: int = 7200
    token: str = ""
    token_expires: float = 0.0
    invalid_tokens: set[str] = field(default_factory=set)
    materials: dict[str, bytes] = field(default_factory=dict)
    material_names: dict[str, str] = field(default_factory=dict)
    images: dict[str, bytes] = field(default_factory=dict)  # mmbiz url -> bytes
    drafts: dict[str, dict] = field(default_factory=dict)  # media_id -> {"articles": [...], "update_time"}
    publishes: dict[str, dict] = field(default_factory=dict)  # publish_id -> job
    articles: dict[str, dict] = field(default_factory=dict)  # article_id -> {"items": [...], "deleted": [...]}
    publishing_polls: int = 0  # freepublish/get answers "publishing" this many times first
    publish_delay: float = 0.0  # seconds a submitted publish stays in flight (its draft stays in the box)
    publish_outcomes: list[int] = field(default_factory=list)  # final publish_status of the next publishes
    forced_refreshes: list[float] = field(default_factory=list)
    deleted_materials: set[str] = field(default_factory=set)
    counter: int = 0


FIELDS = {"article_type", "title", "author", "digest", "content", "content_source_url", "thumb_media_id",
          "need_open_comment", "only_fans_can_comment", "pic_crop_235_1", "pic_crop_1_1"}


class WeChatDouble:
    def __init__(self) -> None:
        self.state = State()
        self.calls: Counter[str] = Counter()
        self.log: list[str] = []
        self.faults: list[Fault] = []
        self.on_kill: Callable[[], None] | None = None
        self.kill_at: int | None = None  # kill the client after acting on the n-th call (1-based)
        self.timeout = 3.0  # how long a silent answer stays open (longer than the client's timeout)
        self.busy_every = 0  # every n-th API call (tokens aside) answers -1 without acting
        self.offset = 0.0  # added to the real clock for publishes in flight (advance())
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> WeChatDouble:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass for publishes in flight (instead of sleeping)."""
        self.offset += seconds

    def inject(self, path: str, kind: str, code: int = 0, times: int = 1) -> None:
        self.faults.append(Fault(path, kind, code, times))

    def expire_token(self) -> None:
        """The current token dies now (the next call with it answers 42001)."""
        self.state.token_expires = time.time() - 1

    def rotate_token(self) -> None:
        """Another process with the same credentials (a manual run) forces a new token: the
        one every other process holds is no longer the latest (40001)."""
        s = self.state
        s.invalid_tokens.add(s.token)
        s.token = "TOKEN-" + hashlib.sha256(f"{time.time()}-rotated".encode()).hexdigest()[:24]
        s.token_expires = time.time() + s.token_lifetime
        s.forced_refreshes.append(time.time())

    def ban(self, article_id: str, status: int = 6) -> None:
        """A published article deleted by a user (5) or blocked by the platform (6)."""
        art = self.state.articles[article_id]
        art["deleted"] = [True] * len(art["items"])
        art["status"] = status

    # -- views for assertions --------------------------------------------------------
    def live_articles(self) -> list[dict]:
        out = []
        for article_id, art in self.state.articles.items():
            for i, item in enumerate(art["items"]):
                if not art["deleted"][i]:
                    out.append({"article_id": article_id, **item})
        return out

    # -- the server --------------------------------------------------------------------
    def _handler(self):  # noqa: ANN202
        double = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def date_time_string(self, timestamp: float | None = None) -> str:
                """The Date header on the platform's clock (advance() moves it)."""
                return super().date_time_string(double.now() if timestamp is None else timestamp)

            def do_GET(self) -> None:  # noqa: N802
                self._serve("GET")

            def do_POST(self) -> None:  # noqa: N802
                self._serve("POST")

            def _serve(self, method: str) -> None:
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                with double.lock:
                    double.state.counter += 1
                    n = double.state.counter
                    double.calls[parts.path] += 1
                    double.log.append(parts.path)
                    fault = next((f for f in double.faults if f.path == parts.path and f.times > 0), None)
                    if fault:
                        fault.times -= 1
                    if fault and fault.kind == "rotate":
                        double.rotate_token()
                    if fault and fault.kind == "errcode":
                        body = {"errcode": fault.code, "errmsg": f"injected {fault.code}"}
                    elif fault and fault.kind == "timeout":
                        body = None
                    elif (double.busy_every and parts.path != "/cgi-bin/stable_token"
                          and sum(double.calls.values()) % double.busy_every == 0):
                        body = {"errcode": -1, "errmsg": "system error"}
                    else:
                        body = double._dispatch(method, parts.path, query, raw, self.headers)
                if fault and fault.kind == "expire":  # acted and answered; the token dies right after
                    double.expire_token()
                kill = (fault and fault.kind == "kill") or (double.kill_at == n)
                if kill and double.on_kill:
                    double.on_kill()
                    return
                if fault and fault.kind == "drop":  # acted; the answer is lost on the way
                    self.close_connection = True
                    return
                if body is None or (fault and fault.kind == "drop_silent"):
                    time.sleep(double.timeout)  # the client gives up; the server may have acted
                    self.close_connection = True
                    return
                kind = fault.kind if fault else ""
                if kind == "busy_after":
                    body = {"errcode": -1, "errmsg": "system error"}
                elif kind == "partial":
                    body = {"errcode": 0, "errmsg": "ok"}
                binary = isinstance(body, dict) and "_file" in body
                data = body["_file"] if binary else json.dumps(body, ensure_ascii=False).encode()
                if kind == "truncated":
                    data = data[: len(data) // 2]
                self.send_response(502 if kind == "http5xx" else 200)
                self.send_header("Content-Type", "image/jpeg" if binary else "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def _dispatch(self, method: str, path: str, query: dict, raw: bytes, headers) -> dict:  # noqa: ANN001, C901
        s = self.state
        if path == "/cgi-bin/stable_token":
            req = json.loads(raw or b"{}")
            if req.get("appid") != s.appid or req.get("secret") != s.secret:
                return {"errcode": 40125, "errmsg": "invalid appsecret"}
            now = time.time()
            if req.get("force_refresh"):
                if len(s.forced_refreshes) >= 20:
                    return {"errcode": 45009, "errmsg": "reach max api daily quota limit"}
                if s.forced_refreshes and now - s.forced_refreshes[-1] < 30:
                    return {"errcode": 45011, "errmsg": "api minute-quota reach limit"}
                s.forced_refreshes.append(now)
            if req.get("force_refresh") or not s.token or now >= s.token_expires:
                if s.token:
                    s.invalid_tokens.add(s.token)
                s.token = "TOKEN-" + hashlib.sha256(str(now).encode()).hexdigest()[:24]
                s.token_expires = now + s.token_lifetime
            return {"access_token": s.token, "expires_in": int(s.token_expires - now)}
        token = query.get("access_token")
        if token != s.token:
            return {"errcode": 40001 if token in s.invalid_tokens or not token else 40014, "errmsg": "invalid credential"}
        if time.time() >= s.token_expires:
            return {"errcode": 42001, "errmsg": "access_token expired"}
        if path in QUOTAS and self.calls[path] > QUOTAS[path]:
            return {"errcode": 45009, "errmsg": "reach max api daily quota limit"}
        if path == "/cgi-bin/media/uploadimg":
            media = self._file(raw, headers)
            if media is None:
                return {"errcode": 41005, "errmsg": "media data missing"}
            name, ctype, data = media
            if ctype not in ("image/jpeg", "image/png") or not data.startswith((b"\xff\xd8", b"\x89PNG")):
                return {"errcode": 40005, "errmsg": "invalid file type"}
            if len(data) >= 1024 * 1024:
                return {"errcode": 40009, "errmsg": "invalid image size"}
            url = f"http://mmbiz.qpic.cn/mmbiz_png/{hashlib.sha256(data).hexdigest()[:32]}/0"
            s.images[url] = data
            return {"url": url}
        if path == "/cgi-bin/material/add_material":
            media = self._file(raw, headers)
            if query.get("type") != "image" or media is None:
                return {"errcode": 40004, "errmsg": "invalid media type"}
            media_id = f"MEDIA-{len(s.materials) + len(s.deleted_materials) + 1:04d}"
            s.materials[media_id] = media[2]
            s.material_names[media_id] = media[0]
            return {"media_id": media_id, "url": f"http://mmbiz.qpic.cn/mmbiz_jpg/{media_id}/0"}
        if path == "/cgi-bin/draft/add" and re.search(rb'"title":\s*"[^"]*\\u[0-9a-fA-F]{4}', raw):
            return {"errcode": 45003, "errmsg": "title with \\u escapes"}  # shown as the escape itself
        req = json.loads(raw or b"{}") if method == "POST" else {}
        self._finish_publishes()
        if path == "/cgi-bin/material/del_material":
            if s.materials.pop(req.get("media_id"), None) is None:
                return {"errcode": 40007, "errmsg": "invalid media_id"}
            s.deleted_materials.add(req["media_id"])
            return {"errcode": 0, "errmsg": "ok"}
        if path == "/cgi-bin/material/get_material":
            data = s.materials.get(req.get("media_id"))
            if data is None:
                return {"errcode": 40007, "errmsg": "invalid media_id"}
            return {"_file": data}
        if path == "/cgi-bin/material/batchget_material":
            ids = list(reversed(s.materials))[req.get("offset", 0):req.get("offset", 0) + req.get("count", 20)]
            return {"total_count": len(s.materials), "item_count": len(ids), "item": [
                {"media_id": mid, "name": s.material_names[mid], "update_time": 0,
                 "url": f"http://mmbiz.qpic.cn/mmbiz_jpg/{mid}/0"} for mid in ids]}
        if path == "/cgi-bin/draft/add":
            articles = req.get("articles") or []
            for a in articles:
                err = self._validate(a)
                if err:
                    return err
            media_id = f"DRAFT-{hashlib.sha256(str(time.time()).encode()).hexdigest()[:20]}"
            now = int(self.now())
            s.drafts[media_id] = {"articles": articles, "create_time": now, "update_time": now}
            return {"media_id": media_id}
        if path == "/cgi-bin/draft/get":
            draft = s.drafts.get(req.get("media_id"))
            if draft is None:
                return {"errcode": 40007, "errmsg": "invalid media_id"}
            return {"news_item": draft["articles"], "create_time": draft["create_time"],
                    "update_time": draft["update_time"]}
        if path == "/cgi-bin/draft/batchget":
            items = list(s.drafts.items())[req.get("offset", 0):req.get("offset", 0) + req.get("count", 20)]
            strip = req.get("no_content") == 1
            return {"total_count": len(s.drafts), "item_count": len(items), "item": [
                {"media_id": mid, "content": {"news_item": [
                    {k: v for k, v in a.items() if not (strip and k == "content")} for a in d["articles"]],
                    "create_time": d["create_time"], "update_time": d["update_time"]},
                 "update_time": d["update_time"]} for mid, d in items]}
        if path == "/cgi-bin/draft/delete":
            if s.drafts.pop(req.get("media_id"), None) is None:
                return {"errcode": 40007, "errmsg": "invalid media_id"}
            return {"errcode": 0, "errmsg": "ok"}
        if path == "/cgi-bin/freepublish/submit":
            if req.get("media_id") not in s.drafts:
                return {"errcode": 40007, "errmsg": "invalid media_id"}
            publish_id = str(100000 + len(s.publishes) + 1)
            s.publishes[publish_id] = {"media_id": req["media_id"], "draft": s.drafts[req["media_id"]],
                                       "article_id": None, "polls": 0, "due": self.now() + s.publish_delay}
            self._finish_publishes()
            return {"errcode": 0, "errmsg": "ok", "publish_id": publish_id, "msg_data_id": int(publish_id)}
        if path == "/cgi-bin/freepublish/get":
            job = s.publishes.get(str(req.get("publish_id")))
            if job is None:
                return {"errcode": 40007, "errmsg": "invalid publish_id"}
            job["polls"] += 1
            if job.get("failed"):
                return {"publish_id": req["publish_id"], "publish_status": job["failed"],
                        "fail_idx": [1] if job["failed"] in (2, 4) else []}
            if job["article_id"] is None or job["polls"] <= s.publishing_polls:
                return {"publish_id": req["publish_id"], "publish_status": 1}
            art = s.articles[job["article_id"]]
            status = art.get("status") or (5 if all(art["deleted"]) else 0)
            if status:  # blocked (6), or every item deleted after it was published (5), by anyone
                return {"publish_id": req["publish_id"], "publish_status": status,
                        "article_id": job["article_id"], "fail_idx": []}
            return {"publish_id": req["publish_id"], "publish_status": 0, "article_id": job["article_id"],
                    "article_detail": {"count": len(art["items"]), "item": [
                        {"idx": i + 1, "article_url": it["url"]} for i, it in enumerate(art["items"])]},
                    "fail_idx": []}
        if path == "/cgi-bin/freepublish/batchget":
            items = list(s.articles.items())[req.get("offset", 0):req.get("offset", 0) + req.get("count", 20)]
            return {"total_count": len(s.articles), "item_count": len(items), "item": [
                {"article_id": aid, "content": {"news_item": [
                    {**{k: v for k, v in it.items() if not (req.get("no_content") == 1 and k == "content")},
                     "is_deleted": a["deleted"][i]} for i, it in enumerate(a["items"])]},
                 "update_time": a["update_time"]} for aid, a in items]}
        if path == "/cgi-bin/freepublish/delete":
            art = s.articles.get(req.get("article_id"))
            if art is None:
                return {"errcode": 53600, "errmsg": "invalid article_id"}
            index = int(req.get("index") or 0)
            targets = range(len(art["items"])) if index == 0 else [index - 1]
            for i in targets:
                art["deleted"][i] = True
            return {"errcode": 0, "errmsg": "ok"}
        return {"errcode": 404, "errmsg": f"no such api {path}"}

    def _finish_publishes(self) -> None:
        """Publishing is asynchronous: a due job consumes its draft and lists the article."""
        s = self.state
        now = self.now()
        for publish_id, job in s.publishes.items():
            if job["article_id"] is not None or job.get("failed") or job["due"] > now:
                continue
            outcome = s.publish_outcomes.pop(0) if s.publish_outcomes else 0
            if outcome:  # the publish failed: nothing listed, the draft stays in the box
                job["failed"] = outcome if outcome in (2, 3, 4) else 3
                continue
            s.drafts.pop(job["media_id"], None)
            draft = job["draft"]
            article_id = f"ART-{publish_id}"
            items = [{**a, "url": f"https://mp.weixin.qq.com/s/{article_id}-{i + 1}"}
                     for i, a in enumerate(draft["articles"])]
            s.articles[article_id] = {"items": items, "deleted": [False] * len(items), "update_time": int(now)}
            job["article_id"] = article_id

    def _validate(self, a: dict) -> dict | None:  # noqa: C901
        unknown = set(a) - FIELDS
        if unknown:
            return {"errcode": 47001, "errmsg": f"data format error: {sorted(unknown)}"}
        if len(str(a.get("content_source_url", "")).encode()) > 1024:
            return {"errcode": 41039, "errmsg": "invalid content_source_url"}
        for flag in ("need_open_comment", "only_fans_can_comment"):
            if flag in a and a[flag] not in (0, 1):
                return {"errcode": 47001, "errmsg": f"invalid {flag}"}
        if a.get("article_type", "news") != "news":
            return {"errcode": 47001, "errmsg": "invalid article_type"}
        if len(a.get("title", "")) > 32 or not a.get("title"):
            return {"errcode": 45003, "errmsg": "title size out of limit"}
        if len(a.get("author", "")) > 16:
            return {"errcode": 45110, "errmsg": "author size out of limit"}
        if len(a.get("digest", "")) > 128:
            return {"errcode": 45004, "errmsg": "description size out of limit"}
        content = a.get("content", "")
        if not content or len(content) >= 20000 or len(content.encode()) >= 1024 * 1024:
            return {"errcode": 45002, "errmsg": "content size out of limit"}
        if a.get("thumb_media_id") not in self.state.materials:
            return {"errcode": 40007, "errmsg": "invalid media_id"}
        for src in re.findall(r'<img[^>]+src="([^"]+)"', content):
            if src not in self.state.images:
                return {"errcode": 45166, "errmsg": "invalid content: image not uploaded"}
        if re.search(r"<script|<iframe|class=", content, re.I):
            return {"errcode": 45166, "errmsg": "invalid content"}
        return None

    @staticmethod
    def _file(raw: bytes, headers) -> tuple[str, str, bytes] | None:  # noqa: ANN001
        ctype = headers.get("Content-Type", "")
        if not ctype.startswith("multipart/form-data"):
            return None
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {ctype}\r\n\r\n".encode() + raw)
        for part in message.iter_parts():
            if part.get_param("name", header="content-disposition") == "media":
                return part.get_filename() or "", part.get_content_type(), part.get_payload(decode=True)
        return None


def by_title(double: WeChatDouble) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for a in double.live_articles():
        counts[a["title"]] += 1
    return dict(counts)
