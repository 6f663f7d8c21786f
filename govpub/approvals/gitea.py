"""Gitea / Forgejo REST adapter (/api/v1; https://docs.gitea.com/api).

Differences from GitHub handled here and in model.gitea_review: states are spelled
REQUEST_CHANGES / COMMENT / REQUEST_REVIEW, a dismissal is the flag `dismissed` (the
state stays APPROVED), `stale` marks reviews of an older diff, and pagination is by
`page` and `limit` (the server caps limit, 50 by default).
"""

from __future__ import annotations

from typing import Any

from govpub.approvals.forge import MAX_PAGES, Forge, ForgeError
from govpub.approvals.model import PullRequest, Review, gitea_review


class Gitea(Forge):
    name = "Gitea"
    kind = "gitea"
    default_url = None  # self-hosted: always configured

    def __init__(self, repo: str, token: str, api_url: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("page_size", 50)
        super().__init__(repo, token, api_url, **kwargs)

    def auth_headers(self, token: str) -> dict[str, str]:
        return {"Authorization": f"token {token}", "Accept": "application/json"}

    def paginate(self, path: str, params: dict[str, Any] | None = None) -> list[Any]:
        # The server may cap `limit` below what was asked, so a short page does not mean
        # the last one: read until X-Total-Count is reached or a page comes back empty.
        out: list[Any] = []
        seen: set[Any] = set()
        for page in range(1, MAX_PAGES + 1):
            resp = self.request("GET", path, raw=True,
                                params={**(params or {}), "page": page, "limit": self.page_size})
            try:
                items = resp.json()
            except ValueError:
                raise ForgeError(f"Gitea API 返回的不是 JSON：GET {path}") from None
            if not isinstance(items, list):
                raise ForgeError(f"Gitea API 返回的不是列表：GET {path}")
            # Some list endpoints (older issue comments) ignore page/limit and return
            # everything each time: a page of nothing new is the end too.
            fresh = [x for x in items if not (isinstance(x, dict) and "id" in x and x["id"] in seen)]
            seen.update(x["id"] for x in fresh if isinstance(x, dict) and "id" in x)
            out.extend(fresh)
            total = resp.headers.get("x-total-count")
            counted = int(total) if total and total.isdigit() else None
            if counted is not None and len(out) >= counted:
                return out
            if not fresh:
                if counted is not None:  # a lost page may hold the "changes requested" that reopens a level
                    raise ForgeError(f"Gitea API 返回的列表不完整：GET {path} 共 {counted} 条，只取到 {len(out)} 条",
                                     hint="稍后重试；仍不完整时请管理员检查 Gitea 或其前面的代理")
                return out
        raise ForgeError(f"Gitea API 分页超过 {MAX_PAGES} 页：GET {path}")

    def reviews(self, number: int) -> list[Review]:
        return [gitea_review(r) for r in self.paginate(self._r(f"/pulls/{number}/reviews"))]

    def is_team_member(self, org: str, team: str, login: str) -> bool:
        """GET /orgs/{org}/teams (team name → numeric id), then GET /teams/{id}/members/{username}."""
        from govpub.approvals.forge import ForgeNotFound

        if not hasattr(self, "_team_ids"):
            self._team_ids = {t["name"]: t["id"] for t in self.paginate(f"/orgs/{org}/teams")}
        team_id = self._team_ids.get(team)
        if team_id is None:
            return False
        try:
            self.request("GET", f"/teams/{team_id}/members/{login}")
        except ForgeNotFound:
            return False
        return True

    # -- the publish gate: which pull request a commit on the protected branch came from --
    def merged_pull(self, sha: str, branch: str) -> PullRequest | None:
        """The PR merged into `branch` whose merge commit is `sha`, or None (a direct push).

        GET /repos/{o}/{r}/commits/{sha}/pull answers with the PR merged by that commit, or 404.
        """
        from govpub.approvals.forge import ForgeNotFound
        from govpub.approvals.model import pull_request

        try:
            data = self.request("GET", self._r(f"/commits/{sha}/pull"))
        except ForgeNotFound:
            return None
        pr = pull_request(data)
        if pr.merged and pr.merge_commit_sha == sha and pr.base_ref == branch:
            return pr
        return None

    def branch_tip(self, branch: str) -> str:
        """GET /repos/{o}/{r}/branches/{branch} → commit.id."""
        data = self.request("GET", self._r(f"/branches/{branch}"))
        sha = (data or {}).get("commit", {}).get("id") if isinstance(data, dict) else None
        if not isinstance(sha, str):
            raise ForgeError(f"Gitea API 没有给出分支 {branch} 的最新提交")
        return sha
