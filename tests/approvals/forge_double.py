"""A forge on 127.0.0.1: a real http.server in a thread, answering as GitHub or Gitea do.

The payloads are built from the documented shapes (reference/forge-approvals.md §4 and
the REST docs): GitHub paginates with a Link header (per_page/page), Gitea with page and
limit plus X-Total-Count. Each side caps the page size (`max_page`), so tests can spread
reviews over several pages. Every request is recorded, and comments and statuses are
kept, so tests can assert that the status was posted and the one comment edited in place.

Modelled limits and fields: GitHub lists at most 3,000 files and 250 commits of a pull
request (`file_cap`, `commit_cap`; set them on Gitea to model a server limit), while the
pull request itself reports `changed_files` (both) and `commits` (GitHub). Drafts are
the pull's `draft` flag (GitHub) or a "WIP:" title (Gitea); Gitea reviews carry
`updated_at`. Files at a commit are served by …/contents/{path}?ref= (base64, both). The
timeline (…/issues/{n}/timeline) holds what tests put there (payloads.retargeted: a change of
the PR's target branch, as each forge spells it) and, for every submitted review, a "reviewed"
event as GitHub lists them, or a comment of type "review" with its review_id and reviewer (Gitea).
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

TOKEN = "test-token-not-a-secret"  # pragma: allowlist secret


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


@dataclass
class ForgeDouble:
    kind: str = "github"  # or "gitea"
    repo: str = "zjsfj/website"
    max_page: int = 100
    delay: float = 0.0
    pulls: dict[int, dict] = field(default_factory=dict)
    reviews: dict[int, list[dict]] = field(default_factory=dict)
    commits: dict[int, list[dict]] = field(default_factory=dict)
    files: dict[int, list[dict]] = field(default_factory=dict)
    comments: dict[int, list[dict]] = field(default_factory=dict)
    statuses: dict[str, list[dict]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    # (path regexp, HTTP status, headers, body): answer matching requests with this instead
    failures: list[tuple[str, int, dict, dict]] = field(default_factory=list)
    page_failures: list[tuple[str, int, int]] = field(default_factory=list)  # (path pattern, page, HTTP code)
    drop_links: bool = False  # a proxy that strips GitHub's Link header
    empty_pages: list[tuple[str, int]] = field(default_factory=list)  # (path pattern, page): a proxy answers []
    rewritten: dict[int, dict] = field(default_factory=dict)  # review id → fields a proxy changes in the review list
    org_teams: dict[str, set[str]] = field(default_factory=dict)  # team slug → logins on the forge
    contents: dict[str, dict[str, str]] = field(default_factory=dict)  # commit sha → path → text
    file_cap: int | None = None  # GitHub: 3000 (set in __post_init__)
    commit_cap: int | None = None  # GitHub: 250
    branches: dict[str, str] = field(default_factory=dict)  # branch name → tip commit (publish gate)
    timeline: dict[int, list[dict]] = field(default_factory=dict)  # PR → …/issues/{n}/timeline events
    _next_id: int = 9000

    def __post_init__(self) -> None:
        if self.kind == "github":
            self.file_cap = 3000 if self.file_cap is None else self.file_cap
            self.commit_cap = 250 if self.commit_cap is None else self.commit_cap

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> ForgeDouble:
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                double.handle(self)

            do_GET = do_POST = do_PATCH = do_PUT = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.root + ("/api/v1" if self.kind == "gitea" else "")

    # -- the PR under test -------------------------------------------------------------
    def add_pull(self, pull: dict, reviews: list[dict], commits: list[dict], files: list[dict],
                 articles: dict[str, str] | None = None) -> None:
        """articles: path → text of files at the PR head (what …/contents serves)."""
        n = pull["number"]
        self.pulls[n], self.reviews[n], self.commits[n], self.files[n] = pull, reviews, commits, files
        self.comments.setdefault(n, [])
        self.contents.setdefault(pull["head"]["sha"], {}).update(articles or {})

    def pull_json(self, n: int) -> dict:
        """The pull as the forge reports it: with its own counts of files and commits."""
        obj = dict(self.pulls[n])
        obj.setdefault("changed_files", len(self.files[n]))
        if self.kind == "github":
            obj.setdefault("commits", len(self.commits[n]))
        return obj

    def calls(self, method: str, pattern: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and re.search(pattern, r.path)]

    # -- HTTP ----------------------------------------------------------------------------
    def handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        self.requests.append(Request(h.command, parts.path, query, dict(h.headers), body))
        if self.delay:
            time.sleep(self.delay)
        want = f"Bearer {TOKEN}" if self.kind == "github" else f"token {TOKEN}"
        if h.headers.get("Authorization") != want:
            return self._send(h, 401, {"message": "Bad credentials" if self.kind == "github" else "token is required"})
        path = parts.path
        for pattern, code, headers, payload in self.failures:
            if re.search(pattern, path):
                return self._send(h, code, payload, headers)
        for pattern, page, code in self.page_failures:
            if re.search(pattern, path) and query.get("page") == str(page):
                return self._send(h, code, {"message": "Bad Gateway"})
        prefix = "/api/v1" if self.kind == "gitea" else ""
        org = self.repo.split("/")[0]
        m = re.fullmatch(prefix + rf"/orgs/{org}/teams/([^/]+)/memberships/([^/]+)", path)
        if m and self.kind == "github":
            if m.group(2) in self.org_teams.get(m.group(1), set()):
                return self._send(h, 200, {"url": "", "role": "member", "state": "active"})
            return self._send(h, 404, {"message": "Not Found"})
        if path == prefix + f"/orgs/{org}/teams" and self.kind == "gitea":
            teams = [{"id": i + 1, "name": slug, "permission": "write"} for i, slug in enumerate(sorted(self.org_teams))]
            return self._page(h, path, query, teams)
        m = re.fullmatch(prefix + r"/teams/(\d+)/members/([^/]+)", path)
        if m and self.kind == "gitea":
            slug = sorted(self.org_teams)[int(m.group(1)) - 1] if int(m.group(1)) <= len(self.org_teams) else None
            if slug and m.group(2) in self.org_teams[slug]:
                return self._send(h, 200, {"id": 1, "login": m.group(2)})
            return self._send(h, 404, {"message": "Not Found"})
        if not path.startswith(prefix + f"/repos/{self.repo}/"):
            return self._send(h, 404, {"message": "Not Found"})
        rest = path[len(prefix + f"/repos/{self.repo}"):]
        m = re.fullmatch(r"/pulls/(\d+)(?:/(reviews|commits|files))?", rest)
        if m and h.command == "GET":
            n = int(m.group(1))
            if n not in self.pulls:
                return self._send(h, 404, {"message": "Not Found"})
            if not m.group(2):
                return self._send(h, 200, self.pull_json(n))
            items = {"reviews": self.reviews, "commits": self.commits, "files": self.files}[m.group(2)][n]
            if m.group(2) == "reviews" and self.rewritten:
                items = [{**r, **self.rewritten.get(r["id"], {})} for r in items]
            cap = {"files": self.file_cap, "commits": self.commit_cap}.get(m.group(2))
            return self._page(h, path, query, items[:cap] if cap is not None else items)
        m = re.fullmatch(r"/contents/(.+)", rest)
        if m and h.command == "GET":
            text = self.contents.get(query.get("ref", ""), {}).get(unquote(m.group(1)))
            if text is None:
                return self._send(h, 404, {"message": "Not Found"})
            return self._send(h, 200, {"type": "file", "path": unquote(m.group(1)), "encoding": "base64",
                                       "content": base64.b64encode(text.encode("utf-8")).decode("ascii")})
        m = re.fullmatch(r"/issues/(\d+)/timeline", rest)
        if m and h.command == "GET":
            n = int(m.group(1))
            reviewed = [{"event": "reviewed", "id": r["id"], "state": str(r.get("state", "")).lower(),
                         "user": r.get("user"), "submitted_at": r.get("submitted_at"), "commit_id": r.get("commit_id")}
                        for r in self.reviews.get(n, []) if self.kind == "github" and r.get("state") != "PENDING"]
            if self.kind == "gitea":  # a comment of type "review" for each submitted review (no state or commit)
                reviewed = [{"id": 900_000 + r["id"], "type": "review", "review_id": r["id"], "user": r.get("user"),
                             "body": r.get("body", ""), "created_at": r.get("submitted_at") or r.get("updated_at")}
                            for r in self.reviews.get(n, []) if r.get("state") not in ("PENDING", "REQUEST_REVIEW")]
            return self._page(h, path, query, reviewed + self.timeline.get(n, []))
        m = re.fullmatch(r"/issues/(\d+)/comments", rest)
        if m:
            n = int(m.group(1))
            if h.command == "GET":
                return self._page(h, path, query, self.comments.get(n, []))
            if h.command == "POST":
                self._next_id += 1
                c = {"id": self._next_id, "body": body["body"], "user": {"login": "github-actions[bot]"}}
                self.comments.setdefault(n, []).append(c)
                return self._send(h, 201, c)
        m = re.fullmatch(r"/issues/comments/(\d+)", rest)
        if m and h.command == "PATCH":
            for cs in self.comments.values():
                for c in cs:
                    if c["id"] == int(m.group(1)):
                        c["body"] = body["body"]
                        return self._send(h, 200, c)
            return self._send(h, 404, {"message": "Not Found"})
        m = re.fullmatch(r"/statuses/([0-9a-f]{40})", rest)
        if m and h.command == "POST":
            if body.get("state") not in ("pending", "success", "failure", "error", "warning"):
                return self._send(h, 422, {"message": "Validation Failed"})
            self.statuses.setdefault(m.group(1), []).append(body)
            return self._send(h, 201, {"id": 1, **body})
        if h.command == "GET" and self._gate_route(h, path, rest, query):
            return None
        return self._send(h, 404, {"message": "Not Found"})

    def _page(self, h: BaseHTTPRequestHandler, path: str, query: dict[str, str], items: list[dict]) -> None:
        page = int(query.get("page", "1"))
        if self.kind == "github":
            size = min(int(query.get("per_page", "30")), self.max_page)
        else:
            size = min(int(query.get("limit", "30")), self.max_page)
        chunk = items[(page - 1) * size: page * size]
        if any(re.search(pattern, path) and page == p for pattern, p in self.empty_pages):
            chunk = []
        headers = {}
        last = max(1, -(-len(items) // size))
        if self.kind == "github":
            links = []
            if page < last:
                links.append(f'<{self.root}{path}?{urlencode({"per_page": size, "page": page + 1})}>; rel="next"')
                links.append(f'<{self.root}{path}?{urlencode({"per_page": size, "page": last})}>; rel="last"')
            if links and not self.drop_links:
                headers["Link"] = ", ".join(links)
        else:
            headers["X-Total-Count"] = str(len(items))
        self._send(h, 200, chunk, headers)

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, code: int, data: Any, headers: dict[str, str] | None = None) -> None:
        payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
        h.send_response(code)
        h.send_header("Content-Type", "application/json; charset=utf-8")
        h.send_header("Content-Length", str(len(payload)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        try:
            h.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    # -- the publish gate: the PR of a merge commit, and a branch's tip -----------------------
    def _gate_route(self, h: BaseHTTPRequestHandler, path: str, rest: str, query: dict[str, str]) -> bool:
        """GitHub GET /commits/{sha}/pulls (a list, every PR associated with the commit: merged
        by it, or open with it on their branch); Gitea GET /commits/{sha}/pull (the PR merged by
        it, else 404); both GET /branches/{name}. True when the request was answered here."""
        m = re.fullmatch(r"/commits/([0-9a-f]{40})/pulls?", rest)
        if m and (rest.endswith("/pulls") == (self.kind == "github")):
            sha = m.group(1)
            if self.kind == "github":
                related = [p for n, p in sorted(self.pulls.items())
                           if p.get("merge_commit_sha") == sha or p["head"]["sha"] == sha
                           or any(c["sha"] == sha for c in self.commits.get(n, []))]
                self._page(h, path, query, related)
                return True
            merged = [p for p in self.pulls.values() if p.get("merged") and p.get("merge_commit_sha") == sha]
            if merged:
                self._send(h, 200, merged[0])
            else:
                self._send(h, 404, {"message": "pull request does not exist"})
            return True
        m = re.fullmatch(r"/branches/([^/]+)", rest)
        if m:
            tip = self.branches.get(m.group(1))
            if tip is None:
                self._send(h, 404, {"message": "Branch Not Found"})
            elif self.kind == "github":
                self._send(h, 200, {"name": m.group(1), "commit": {"sha": tip, "url": ""}, "protected": True})
            else:
                self._send(h, 200, {"name": m.group(1), "commit": {"id": tip, "message": "", "url": ""},
                                    "protected": True})
            return True
        return False
