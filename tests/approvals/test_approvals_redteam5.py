"""Red team, fifth round: the forge's answers as the verifier reads them — a review list that
comes back short, a page that is not JSON. Each would let a "changes requested" that the list
lost go unseen. The real `govpub approvals verify` (in process) against the loopback forge double.
"""

from __future__ import annotations

import payloads as P
import pytest
from forge_double import ForgeDouble

APPROVED = "APPROVED"


def setup(double: ForgeDouble, reviews: list[dict]) -> None:
    k = double.kind
    double.add_pull(P.pull(kind=k), reviews, [P.commit(kind=k)], P.files(P.ARTICLE), P.articles((P.ARTICLE,)))


def reopened_after_approval(kind: str) -> list[dict]:
    """L1, L2, L3 approve in order; then L1 asks for changes: the verdict is not approved."""
    changes = "REQUEST_CHANGES" if kind == "gitea" else "CHANGES_REQUESTED"
    return [*P.happy(kind), P.review(P.L1, changes, 40, kind=kind)]


def lose_page(double: ForgeDouble, page: str, body: bytes | None = None) -> None:
    """The forge answers the review list's `page` with nothing (Gitea: the total still counts
    every review), or with `body` (not JSON: a proxy's error page with status 200)."""
    honest = double._page

    def _page(h, path, query, items):  # noqa: ANN001, ANN202
        if not (path.endswith("/reviews") and query.get("page", "1") == page):
            return honest(h, path, query, items)
        if body is None:
            return double._send(h, 200, [], {"X-Total-Count": str(len(items))} if double.kind == "gitea" else {})
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
        return None

    double._page = _page  # type: ignore[method-assign]


def test_the_double_shows_the_reopened_level(forge, online):
    forge.max_page = 3
    setup(forge, reopened_after_approval(forge.kind))
    code, v = online(forge)
    assert code == 1 and not v["approved"]


def test_a_gitea_review_list_short_of_its_total_is_an_error_not_a_verdict(gitea, online):
    """Page 2 (the later "changes requested") comes back empty although X-Total-Count says 4:
    the three approvals alone would read as 已通过."""
    gitea.max_page = 3
    setup(gitea, reopened_after_approval("gitea"))
    lose_page(gitea, "2")
    code, v = online(gitea)
    assert code == 2, v
    assert "不完整" in v["stderr"] and "处理办法" in v["stderr"]


@pytest.mark.parametrize("kind", ["github", "gitea"])
def test_a_review_page_that_is_not_json_is_an_error_not_a_verdict(kind, online):
    double = ForgeDouble(kind=kind, max_page=3).start()
    try:
        setup(double, reopened_after_approval(kind))
        lose_page(double, "2", body=b"<html>502 Bad Gateway</html>")
        code, v = online(double)
    finally:
        double.stop()
    assert code == 2, v
    assert "不是 JSON" in v["stderr"]


# -- an objection dismissed by someone with push rights ---------------------------------------------
def dismissed(kind: str, login: str, minutes: int) -> dict:
    """A review that was dismissed. GitHub keeps only the state DISMISSED (not what it was);
    Gitea keeps the state and sets the flag."""
    if kind == "gitea":
        return P.review(login, "REQUEST_CHANGES", minutes, kind=kind, dismissed=True)
    return P.review(login, "DISMISSED", minutes, kind=kind)


def test_an_objection_dismissed_by_the_drafter_does_not_revive_the_approval_before_it(forge, online):
    """L1, L2 and L3 approve; then L2 changes their mind and requests changes. The drafter has
    write access, which on both forges lets them dismiss a review: L2's objection disappears and
    L2's earlier approval would count again. A dismissed review still re-opens its level."""
    k = forge.kind
    setup(forge, [*P.happy(k), dismissed(k, P.L2, 40)])
    code, v = online(forge)
    assert code == 1 and not v["approved"], v
    assert "L2" in v["description"] or "二级" in v["description"]


def test_an_approval_after_a_dismissed_review_counts(forge, online):
    """The control above does not block the ordinary case: a stale approval dismissed by a new
    push, then L1, L2 and L3 approving the new head."""
    k = forge.kind
    old = P.review(P.L1, APPROVED, 5, commit=P.sha("old"), kind=k)
    old["state" if k == "github" else "dismissed"] = "DISMISSED" if k == "github" else True
    setup(forge, [old, *P.happy(k)])
    code, v = online(forge)
    assert code == 0 and v["approved"], v
