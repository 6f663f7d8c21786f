"""GitHub REST adapter (https://docs.github.com/rest/pulls/reviews).

Pagination follows the Link header's rel="next" (per_page=100), as GitHub documents;
reviews come back in chronological order, but the verifier sorts them anyway.
"""

from __future__ import annotations

from typing import Any

from govpub.approvals.forge import MAX_PAGES, Forge, ForgeError
from govpub.approvals.model import PullRequest, Review, github_review


class GitHub(Forge):
    name = "GitHub"
    kind = "github"
    default_url = "https://api.github.com"

    def auth_headers(self, token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28"}

    def paginate(self, path: str, params: dict[str, Any] | None = None) -> list[Any]:
        httpx = self._httpx
        out: list[Any] = []
        url: str | None = path
        query: dict[str, Any] | None = {"per_page": self.page_size, **(params or {})}
        for _ in range(MAX_PAGES):
            if url is None:
                return out
            full = url if url.startswith("http") else f"{self.base}{url}"
            try:
                resp = self.client.get(full, params=query)
            except httpx.TimeoutException:
                raise ForgeError(f"GitHub API 超时：GET {path}", hint="稍后重试") from None
            except httpx.TransportError as exc:
                raise ForgeError(f"无法连接 GitHub API（{self.base}）：{exc}", hint="检查 --api-url 和网络连接") from None
            self.check(resp, "GET", path)
            try:
                page = resp.json()
            except ValueError:
                raise ForgeError(f"GitHub API 返回的不是 JSON：GET {path}",
                                 hint="稍后重试；仍出错时请管理员检查网络或代理") from None
            if not isinstance(page, list):
                raise ForgeError(f"GitHub API 返回的不是列表：GET {path}")
            out.extend(page)
            url = resp.links.get("next", {}).get("url")
            query = None  # the next link carries the query
            if url is not None and url.startswith(("http:", "https:", "//")) and not url.startswith(self.base + "/"):
                raise ForgeError(f"GitHub API 的分页链接指向另一个地址（{url[:80]}）：GET {path}，没有跟随（请求带着令牌）",
                                 hint="检查 --api-url 和 GitHub 前面的代理或网关；修复后重新运行")
            if url is None and len(page) >= self.page_size:
                self._confirm_last(path, params, len(out) // self.page_size + 1)
        raise ForgeError(f"GitHub API 分页超过 {MAX_PAGES} 页：GET {path}")

    def _confirm_last(self, path: str, params: dict[str, Any] | None, page: int) -> None:
        """A full page without a `next` link: the end of the list, or a proxy that dropped the Link
        header (then every list is cut at its first page, and a review list has no count to tell:
        a "changes requested" on page 2 would go unseen). Ask for the next page: it must be empty."""
        more = self.request("GET", path, params={**(params or {}), "per_page": self.page_size, "page": page})
        if isinstance(more, list) and more:
            raise ForgeError(f"GitHub API 的分页链接（Link 响应头）缺失：GET {path} 第 {page} 页还有内容，列表不完整",
                             hint="检查 GitHub 前面的代理或网关是否删除了 Link 响应头；修复后重新运行")

    def reviews(self, number: int) -> list[Review]:
        return [github_review(r) for r in self.paginate(self._r(f"/pulls/{number}/reviews"))]

    def is_team_member(self, org: str, team: str, login: str) -> bool:
        """GET /orgs/{org}/teams/{team_slug}/memberships/{username}: active, not pending (needs read:org)."""
        from govpub.approvals.forge import ForgeNotFound

        try:
            data = self.request("GET", f"/orgs/{org}/teams/{team}/memberships/{login}")
        except ForgeNotFound:
            return False
        return isinstance(data, dict) and data.get("state") == "active"

    # -- the publish gate: which pull request a commit on the protected branch came from --
    def merged_pull(self, sha: str, branch: str) -> PullRequest | None:
        """The PR merged into `branch` whose merge commit is `sha`, or None (a direct push).

        GET /repos/{o}/{r}/commits/{sha}/pulls lists the PRs associated with a commit, open ones
        too and PRs whose branch merely contains it: only a merged PR whose merge_commit_sha is
        this very commit and whose base is the protected branch counts.
        """
        from govpub.approvals.model import pull_request

        for item in self.paginate(self._r(f"/commits/{sha}/pulls")):
            pr = pull_request(item)
            if pr.merged and pr.merge_commit_sha == sha and pr.base_ref == branch:
                full = self.pull(pr.number)  # the full object: merged_by for the record
                if not (full.merged and full.merge_commit_sha == sha and full.base_ref == branch
                        and full.head_sha == pr.head_sha):
                    raise ForgeError(f"GitHub API 的回答前后矛盾：提交 {sha[:12]} 所属的合并请求 #{pr.number} "
                                     "在列表和详情中的合并状态、合并提交或审核的提交不一致",
                                     hint="稍后重新发布；仍然矛盾时请管理员核查（缓存或代理可能返回了旧数据）")
                return full
        return None

    def branch_tip(self, branch: str) -> str:
        """GET /repos/{o}/{r}/branches/{branch} → commit.sha."""
        data = self.request("GET", self._r(f"/branches/{branch}"))
        sha = (data or {}).get("commit", {}).get("sha") if isinstance(data, dict) else None
        if not isinstance(sha, str):
            raise ForgeError(f"GitHub API 没有给出分支 {branch} 的最新提交")
        return sha
