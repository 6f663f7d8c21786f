"""Red team, eighth round: what reaches readers without being an article under content/. The
real `govpub approvals verify` (in process) against the loopback GitHub and Gitea doubles.

Routes tried:
1. an announcement banner in a template (overrides/main.html, `{% block announce %}`) or in
   mkdocs.yml (a nav title, the footer's `extra:`): published information (Art. 7: 三审 for
   everything shown on the three platforms), yet routed as "pipeline" to the office (L3) alone,
   and past the content checks. Closed: the files the site shows (teams.yml `published_files`,
   by default mkdocs.yml and overrides/) need L1, L2 and L3 of the office (default_department),
   which runs the platforms (Art. 3, 7(五));
2. the same banner in the same PR as an article of another section: one 审批表 names one
   拟稿科室, so the PR must be split;
3. the PR itself removing overrides/ from `published_files` to get its banner through on L3
   alone: the registry of the target branch decides;
4. who must approve a change to who approves: one L3 approval changed teams.yml (a friend in a
   section's L1 team, or `published_files` emptied). Closed: the routing registry (teams.yml,
   departments.yml, columns.yml; fixed in code) needs the office's three levels;
5. the forge's answers: GitHub's secondary rate limit read as "token lacks permissions"; a proxy
   that drops the Link header cut every list at its first page (a later "changes requested" on
   page 2 went unseen); a next link to another address, followed with the token. Closed: named
   as a rate limit; a full last page is confirmed; a foreign next link is refused.
"""

from __future__ import annotations

import payloads as P
from test_approvals_verify import levels, problems, setup

APPROVED = "APPROVED"
BANNER = "overrides/main.html"
OFFICE_L1, OFFICE_L2 = "sunli", "wujianhua"


def test_a_banner_in_a_template_needs_the_three_levels_of_the_office(site, forge, online):
    k = forge.kind
    setup(forge, [P.review(P.L3, APPROVED, 30, kind=k)], files=(BANNER,))
    code, v = online(forge)
    assert code == 1 and levels(v)["L1"][0] == "pending" and levels(v)["L3"][0] != "pending", v
    assert v["department"] == "办公室"
    # the office's L1 and L2, in order, then L3: approved
    forge.reviews[7][:] = [P.review(OFFICE_L1, APPROVED, 10, kind=k), P.review(OFFICE_L2, APPROVED, 20, kind=k),
                           P.review(P.L3, APPROVED, 30, kind=k)]
    code, v = online(forge)
    assert code == 0, problems(v)
    assert levels(v) == {"L1": ("approved", OFFICE_L1), "L2": ("approved", OFFICE_L2), "L3": ("approved", P.L3)}


def test_mkdocs_yml_needs_three_levels_and_code_still_needs_only_the_office(site, github, online):
    setup(github, [P.review(P.L3, APPROVED, 30)], files=("mkdocs.yml",))
    code, v = online(github)
    assert code == 1 and levels(v)["L1"][0] == "pending"
    setup(github, [P.review(P.L3, APPROVED, 30)], files=("govpub/site/plugin.py", "checks/rules.yml"))
    code, v = online(github)
    assert code == 0 and list(levels(v)) == ["L3"], problems(v)


def test_a_banner_beside_another_sections_article_must_be_split(site, github, online):
    setup(github, P.happy(), files=(P.ARTICLE, BANNER))
    code, v = online(github)
    assert code == 1 and not v["approved"]
    assert "单独提交" in problems(v) and BANNER in problems(v)


def test_the_pr_cannot_take_its_own_banner_off_the_list(site, github, online):
    """The registry of the target branch (the checkout) routes the PR; the PR's teams.yml, which
    says `published_files: []`, is not read."""
    setup(github, [P.review(P.L3, APPROVED, 30)], files=(BANNER, "checks/registry/teams.yml"))
    code, v = online(github)
    assert code == 1 and levels(v)["L1"][0] == "pending"
    # the office can narrow the list by an approved change of its own registry (three levels)
    teams = site.root / "checks/registry/teams.yml"
    teams.write_text(teams.read_text("utf-8") + "published_files: [mkdocs.yml]\n", "utf-8")
    setup(github, [P.review(P.L3, APPROVED, 30)], files=(BANNER,))
    code, v = online(github)
    assert code == 0 and list(levels(v)) == ["L3"], problems(v)


def test_a_secondary_rate_limit_is_named_as_such_and_judges_nothing(site, github, online):
    """GitHub's secondary rate limit answers 403 with Retry-After (no X-RateLimit-Remaining: 0);
    read as "token lacks permissions" it sent the office to change a good token. It must stop the
    run (exit 2, no verdict, no status) and say to wait."""
    setup(github, P.happy())
    github.failures.append((r"/pulls/7/reviews$", 403, {"Retry-After": "60"},
                            {"message": "You have exceeded a secondary rate limit."}))
    code, v = online(github)
    assert code == 2 and "approved" not in v
    assert "限流" in v["stderr"] and "等待 60 秒后重新运行" in v["stderr"] and "权限不足" not in v["stderr"]
    assert not github.statuses
    github.failures[:] = [(r"/pulls/7/reviews$", 429, {}, {"message": "Too Many Requests"})]
    code, v = online(github)
    assert code == 2 and "限流" in v["stderr"]


def test_replacing_the_template_folder_by_a_link_needs_the_three_levels(site, github, online):
    """`overrides` (no slash: a file or a link where the folder was) and a parent of a listed file
    are routed like what they replace; the gate refuses such links anyway."""
    for changed in ("overrides", "checks/registry"):
        setup(github, [P.review(P.L3, APPROVED, 30)], files=(changed,))
        code, v = online(github)
        assert code == 1 and levels(v)["L1"][0] == "pending", changed


def test_a_proxy_that_drops_the_link_header_cannot_hide_page_two(site, github, online):
    """97 comments and the three approvals fill page 1 (100 reviews, GitHub's largest page); L2's
    later "changes requested" is review 101, on page 2. A proxy in front of GitHub strips the Link
    header: the client saw one page and called the PR approved."""
    chatter = [P.review("wangxiaomin", "COMMENTED", 1) for _ in range(97)]
    setup(github, [*chatter, *P.happy(), P.review(P.L2, "CHANGES_REQUESTED", 40)])
    code, v = online(github)  # with the header: the objection is read
    assert code == 1 and levels(v)["L2"][0] != "approved", v
    github.drop_links = True
    code, v = online(github)
    assert code == 2 and "Link" in v["stderr"] and "处理办法" in v["stderr"]


def test_a_change_to_who_approves_needs_the_offices_three_levels(site, forge, online):
    """Who must approve a change to who approves? teams.yml, departments.yml and columns.yml decide
    every 审批表: one L3 approval could put a friend into a section's L1 team (and, through
    teams.yml `published_files`, take the banners off the list). Three office people, in order."""
    k = forge.kind
    for registry in ("checks/registry/teams.yml", "checks/registry/departments.yml"):
        setup(forge, [P.review(P.L3, APPROVED, 30, kind=k)], files=(registry,))
        code, v = online(forge)
        assert code == 1 and levels(v)["L1"][0] == "pending" and v["department"] == "办公室", registry
    forge.reviews[7][:] = [P.review(OFFICE_L1, APPROVED, 10, kind=k), P.review(OFFICE_L2, APPROVED, 20, kind=k),
                           P.review(P.L3, APPROVED, 30, kind=k)]
    code, v = online(forge)
    assert code == 0, problems(v)
    # the rest of checks/ (rules, word lists, other registries) stays with the office's L3
    setup(forge, [P.review(P.L3, APPROVED, 30, kind=k)], files=("checks/registry/leaders.yml",))
    code, v = online(forge)
    assert code == 0 and list(levels(v)) == ["L3"], problems(v)


def test_a_next_link_to_another_host_is_not_followed_with_the_token(site, github, online):
    """The client sends its token with every request it makes, the next page's too: a Link header
    that points elsewhere (a misconfigured or hostile proxy) would hand the token over."""
    from forge_double import ForgeDouble

    elsewhere = ForgeDouble(kind="github").start()
    try:
        setup(github, P.happy())
        github.failures.append((r"/pulls/7/reviews$", 200,
                                {"Link": f'<{elsewhere.api_url}/steal?page=2>; rel="next"'}, P.happy()))
        code, v = online(github)
        assert code == 2 and "另一个地址" in v["stderr"] and "处理办法" in v["stderr"]
        assert not elsewhere.requests
    finally:
        elsewhere.stop()
