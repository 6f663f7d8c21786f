"""Red team, ninth round, second part: the review list against the forge's timeline on Gitea
(left open by the first part: GitHub's list was cross-checked, Gitea's was not). Real CLI in
process, the loopback forge double answering as Gitea.

Routes tried here:
1. a proxy or cache in front of Gitea that rewrites the account of a review in the list (a
   non-member's approval shown as the L3 reviewer's): was open (Gitea's X-Total-Count only counts).
   Closed: Gitea's timeline has a comment of type "review" naming each submitted review's id and
   reviewer; a listed review another account submitted, per the timeline, decides nothing (exit 2);
2. the same proxy leaving out a "changes requested" and answering a matching X-Total-Count: the
   timeline names the review, the list lacks it: exit 2.
What Gitea's timeline cannot tell: a review's state, commit and time (the comment carries none of
them), so a proxy rewriting an objection into an approval of the same account stays unseen there
(README 威胁模型, 第九轮第二组).
"""

from __future__ import annotations

import payloads as P
from test_approvals_verify import setup

APPROVED = "APPROVED"


def test_a_proxy_rewriting_a_gitea_reviewer_is_caught_by_the_timeline(site, gitea, online):
    k = "gitea"
    stranger = P.review("majia", APPROVED, 30, kind=k)  # nobody of the L3 team
    setup(gitea, [P.review(P.L1, APPROVED, 10, kind=k), P.review(P.L2, APPROVED, 20, kind=k), stranger])
    code, v = online(gitea)
    assert code == 1 and not v["approved"], v
    gitea.rewritten = {stranger["id"]: {"user": P.user(P.L3, k)}}
    code, v = online(gitea)
    assert code == 2 and "与时间线不一致" in v["stderr"], v


def test_a_gitea_review_missing_from_the_list_is_caught_by_the_timeline(site, gitea, online):
    k = "gitea"
    objection = P.review(P.L2, "REQUEST_CHANGES", 25, kind=k)
    setup(gitea, [*P.happy(k), objection])
    assert online(gitea)[0] == 1
    gitea.reviews[7].remove(objection)  # the list (and its count) without the objection …
    gitea.timeline[7] = [{"id": 1, "type": "review", "review_id": objection["id"], "user": objection["user"],
                          "body": "", "created_at": objection["submitted_at"]}]  # … the timeline with it
    code, v = online(gitea)
    assert code == 2 and "缺少时间线中的" in v["stderr"], v
