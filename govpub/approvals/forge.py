"""What both forge adapters share: one httpx.Client, timeouts, typed errors, pagination.

The token comes from the environment only (GOVPUB_FORGE_TOKEN, else GITHUB_TOKEN or
GITEA_TOKEN), never from the repository or the command line (Art. 14): a token on the
command line ends up in shell history and CI logs.
"""

from __future__ import annotations

import os
import re
from typing import Any

from govpub.approvals.model import Commit, Inputs, PullRequest, Review
from govpub.errors import GovpubError

# Connect quickly or fail; a slow forge gets 20 s per read. Never unbounded.
TIMEOUT = (5.0, 20.0)
MAX_PAGES = 100  # 100 pages of 100 reviews is far beyond any real pull request


class ForgeError(GovpubError):
    """The forge answered with an error, or could not be reached (exit 2)."""


class ForgeAuthError(ForgeError):
    """Missing, invalid or insufficient token (HTTP 401/403)."""


class ForgeNotFound(ForgeError):
    """Repository, pull request or commit not found (HTTP 404)."""


def token_from_env(forge: str) -> str:
    names = ["GOVPUB_FORGE_TOKEN", "GITHUB_TOKEN" if forge == "github" else "GITEA_TOKEN"]
    for name in names:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    raise ForgeAuthError(
        f"缺少访问{forge}的令牌",
        hint=f"在环境变量 {' 或 '.join(names)} 中提供令牌（CI 中用 secrets 传入）；令牌不得写入仓库或命令行",
    )


class Forge:
    """Base adapter. Subclasses set the auth header and the pagination style."""

    name = "forge"
    kind = "forge"  # github | gitea: the spelling of its JSON (model)
    default_url: str | None = None

    def __init__(self, repo: str, token: str, api_url: str | None = None, *, client: Any = None,
                 page_size: int = 100) -> None:
        import httpx

        if not re.fullmatch(r"[\w.-]+/[\w.-]+", repo, re.ASCII) or {".", ".."} & set(repo.split("/")):  # ../.. left the repository's API path
            raise GovpubError(f"仓库“{repo}”格式不对", hint="写作 OWNER/NAME，如 zjsfj/website")
        url = api_url or os.environ.get("GOVPUB_FORGE_URL") or os.environ.get("GITHUB_API_URL") or self.default_url
        if not url:
            raise GovpubError(f"不知道 {self.name} 的 API 地址",
                              hint="用 --api-url 指定，如 https://git.example.gov.cn/api/v1，或设置环境变量 GOVPUB_FORGE_URL")
        self.repo = repo
        self.base = url.rstrip("/")
        self.page_size = page_size
        self._httpx = httpx
        self.client = client or httpx.Client(
            base_url=self.base,
            timeout=httpx.Timeout(TIMEOUT[1], connect=TIMEOUT[0]),
            headers={**self.auth_headers(token), "User-Agent": "govpub"},
            follow_redirects=False,
        )

    # -- to be set by subclasses ----------------------------------------------------
    def auth_headers(self, token: str) -> dict[str, str]:
        raise NotImplementedError

    def paginate(self, path: str, params: dict[str, Any] | None = None) -> list[Any]:
        raise NotImplementedError

    # -- HTTP ---------------------------------------------------------------------------
    def close(self) -> None:
        self.client.close()

    def request(self, method: str, path: str, *, raw: bool = False, **kwargs: Any) -> Any:
        httpx = self._httpx
        url = path if path.startswith("http") else f"{self.base}{path}"
        try:
            resp = self.client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise ForgeError(f"{self.name} API 超时：{method} {path}",
                             hint="稍后重试；若持续超时，检查网络或平台状态") from None
        except httpx.TransportError as exc:
            raise ForgeError(f"无法连接 {self.name} API（{self.base}）：{exc}",
                             hint="检查 --api-url 和网络连接") from None
        self.check(resp, method, path)
        if raw:
            return resp
        if resp.status_code == 204 or not resp.content:
            return None
        try:
            return resp.json()
        except ValueError:
            raise ForgeError(f"{self.name} API 返回的不是 JSON：{method} {path}") from None

    def check(self, resp: Any, method: str, path: str) -> None:
        code = resp.status_code
        if code < 400:
            return
        try:
            detail = resp.json().get("message", "")
        except (ValueError, AttributeError):
            detail = resp.text[:200]
        where = f"{method} {path}：HTTP {code}" + (f"（{detail}）" if detail else "")
        if code == 401:
            raise ForgeAuthError(f"{self.name} 拒绝了令牌：{where}", hint="令牌无效或已过期，请更换")
        limited = resp.headers.get("x-ratelimit-remaining") == "0" or "rate limit" in str(detail).lower()
        if code == 429 or (code == 403 and (limited or resp.headers.get("retry-after"))):
            wait = resp.headers.get("retry-after")
            raise ForgeError(f"{self.name} API 调用次数已达上限（限流）：{where}，本次什么都没有核对",
                             hint=(f"等待 {wait} 秒后" if wait and wait.isdigit() else "等待限额重置后") +
                                  "重新运行；经常限流时减少同时运行的工作流，或为 govpub 使用单独的令牌")
        if code == 403:
            raise ForgeAuthError(f"令牌权限不足：{where}",
                                 hint="令牌需要读取合并请求、写提交状态和评论的权限（GitHub：pull-requests: write、statuses: write）")
        if code == 404:
            raise ForgeNotFound(f"找不到：{where}", hint="检查 --repo 和 --pr，以及令牌能否访问该仓库")
        raise ForgeError(f"{self.name} API 出错：{where}", hint="稍后重试；若持续出错，把这条信息交给管理员")

    # -- the operations the verifier needs -----------------------------------------
    def _r(self, rest: str) -> str:
        return f"/repos/{self.repo}{rest}"

    def pull(self, number: int) -> PullRequest:
        from govpub.approvals import model

        return model.pull_request(self.request("GET", self._r(f"/pulls/{number}")))

    def reviews(self, number: int) -> list[Review]:
        raise NotImplementedError

    def merged_pull(self, sha: str, branch: str) -> PullRequest | None:
        """The PR whose merge produced commit `sha` on `branch` (None: not a PR merge)."""
        raise NotImplementedError

    def branch_tip(self, branch: str) -> str:
        """The commit `branch` points to on the forge now."""
        raise NotImplementedError

    def commits(self, number: int) -> list[Commit]:
        from govpub.approvals import model

        return [model.commit(c) for c in self.paginate(self._r(f"/pulls/{number}/commits"))]

    def files(self, number: int) -> list[str]:
        return self.listing(number)[0]

    def listing(self, number: int) -> tuple[list[str], int]:
        """The changed paths (with renames' old names) and how many entries the forge listed."""
        from govpub.approvals import model

        items = self.paginate(self._r(f"/pulls/{number}/files"))
        return model.changed_files(items), len(items)

    def file_at(self, path: str, ref: str) -> str | None:
        """A file's text at a commit (GET …/contents/{path}?ref=, both forges); None when absent."""
        import base64
        from urllib.parse import quote

        try:
            data = self.request("GET", self._r(f"/contents/{quote(path)}"), params={"ref": ref})
        except ForgeNotFound:
            return None
        if not isinstance(data, dict) or data.get("type", "file") != "file":
            return None
        if data.get("encoding") != "base64":
            return ""  # too large to be returned inline: not an article
        try:
            return base64.b64decode(data.get("content") or "").decode("utf-8-sig")
        except (ValueError, UnicodeDecodeError):
            return ""

    def articles(self, pull: PullRequest, files: list[str]) -> dict[str, str | None]:
        """Each changed article's owning department (model.owning_department): at the PR's
        base when the article exists there (an edit, a withdrawal, a deletion of an existing
        article is its section's), else at the head: L1 and L2 follow it."""
        from govpub.approvals.model import owning_department

        out: dict[str, str | None] = {}
        for path in files:
            if path.startswith("content/") and path.endswith(".md"):
                base = self.file_at(path, pull.base_sha) if pull.base_sha else None
                out[path] = owning_department(self.file_at(path, pull.head_sha), base)
        return out

    def inputs(self, number: int) -> Inputs:
        """All the verifier needs about one pull request: pass it to verify.verify_inputs().
        The PR's timeline (GET …/issues/{n}/timeline, both forges) gives model.timeline_facts (a
        change of the target branch, the accounts that pushed) and cross-checks the review list."""
        from govpub.approvals.model import rewritten_reviews, timeline_facts, unlisted_reviews

        pull = self.pull(number)
        files, count = self.listing(number)
        events = self.paginate(self._r(f"/issues/{number}/timeline"))
        retargeted, pushers = timeline_facts(events, self.kind)
        reviews = self.reviews(number)
        missing = unlisted_reviews(events, reviews, self.kind)
        if missing:
            raise ForgeError(f"{self.name} 返回的审核列表缺少时间线中的 {len(missing)} 条审核（编号 {missing[0]} 等）："
                             "审核列表不完整（代理或缓存改写了某一页），本次什么都没有核对",
                             hint="稍后重新运行；持续出现时请管理员检查平台前的代理或缓存，不要让它缓存或改写 API 的返回")
        changed = rewritten_reviews(events, reviews, self.kind)
        if changed:
            raise ForgeError(f"{self.name} 返回的审核列表与时间线不一致：{len(changed)} 条审核（编号 {changed[0]} 等）的审核人、"
                             "提交、时间或结论在两处不同（代理或缓存改写了返回），本次什么都没有核对",
                             hint="稍后重新运行；持续出现时请管理员检查平台前的代理或缓存，不要让它缓存或改写 API 的返回")
        return Inputs(pull, reviews, self.commits(number), files, count, self.articles(pull, files),
                      retargeted, pushers)

    def post_status(self, sha: str, state: str, description: str, context: str,
                    target_url: str | None = None) -> None:
        body: dict[str, Any] = {"state": state, "context": context, "description": description}
        if target_url:
            body["target_url"] = target_url
        self.request("POST", self._r(f"/statuses/{sha}"), json=body)

    def upsert_comment(self, number: int, marker: str, body: str) -> str:
        """Keep one comment carrying marker: edit it in place, or post it once. Returns what was done.

        Only a comment that govpub could have written is edited: one that starts with the marker,
        by a bot account (the CI token's) or by the token's own account. Anyone can post a comment
        with the marker; editing theirs would put the approval table into a comment its author can
        rewrite afterwards."""
        for c in self.paginate(self._r(f"/issues/{number}/comments")):
            if (c.get("body") or "").startswith(marker) and self._ours(c.get("user")):
                if c.get("body") == body:
                    return "unchanged"
                self.request("PATCH", self._r(f"/issues/comments/{c['id']}"), json={"body": body})
                return "updated"
        self.request("POST", self._r(f"/issues/{number}/comments"), json={"body": body})
        return "created"

    def _ours(self, user: Any) -> bool:
        """Whether a comment's author is the CI's bot account or the token's own account."""
        if not isinstance(user, dict):
            return False
        login = str(user.get("login") or "").lower()
        if user.get("type") == "Bot" or login.endswith("[bot]") or login in ("gitea-actions", "forgejo-actions"):
            return True
        if not hasattr(self, "_me"):
            try:  # a personal token's account; an Actions installation token has none (403)
                me = self.request("GET", "/user")
                self._me = str(me.get("login") or "").lower() if isinstance(me, dict) else ""
            except ForgeError:
                self._me = ""
        return bool(login) and login == self._me


def connect(forge: str, repo: str, *, api_url: str | None = None) -> Forge:
    token = token_from_env(forge)
    if forge == "github":
        from govpub.approvals.github import GitHub

        return GitHub(repo, token, api_url)
    from govpub.approvals.gitea import Gitea

    return Gitea(repo, token, api_url)
