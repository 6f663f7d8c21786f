"""Red team, eighth round: routes past the publish gate (govpub/publish/gate.py) that no earlier
test tries, with real Git repositories in temporary folders and the loopback forge double; the gate
is called in process, the helpers are those of the fifth round (test_gate_redteam5.py).

Routes tried here:
1. reviewed bytes vs read bytes in the registry: `.gitattributes` marks teams.yml `export-subst`
   and a YAML comment holds `$Format:%n…$`; reviewers see a comment, `git archive` (which the
   gate used to read checks/ at a commit) writes a new team member. Closed: the gate reads the
   blobs themselves;
2. what reaches readers from outside content/: an announcement banner in overrides/ or mkdocs.yml
   is published information (Art. 7): three levels, routed to the office (default_department);
3. a remote script or stylesheet in mkdocs.yml (extra_javascript / extra_css): fetched into the
   site at every build (the privacy plugin), so what readers get is decided after review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from forge_double import ForgeDouble
from forge_setup import land_pull
from helpers import Site
from test_gate_redteam5 import article, git, merge_pr, refused, run_gate, write

from govpub.approvals.model import review_policy
from govpub.policy import Policy
from govpub.publish import gate

A = "content/pfyfz/2026/redteam8-a.md"
TEAMS = "checks/registry/teams.yml"


# -- 1. the registry as the gate reads it --------------------------------------------------------
def test_export_subst_cannot_add_a_member_the_reviewers_did_not_see(repo: Site, forge: ForgeDouble):
    """#7 (checks/ only: the office approves) adds a .gitattributes line and a comment at the end
    of teams.yml. In the file (what the forge shows, what the PR check reads) mallory is nobody;
    through `git archive` the comment becomes a member of the last team. #8 is then approved by
    mallory at the level of that team: the gate must judge it by the reviewed bytes."""
    base = git(repo.root, "rev-parse", "HEAD")
    teams = (repo.root / TEAMS).read_text("utf-8")
    last_team = [line for line in teams.splitlines() if line.startswith("  sfj-")][-1].strip().rstrip(":")
    planted = teams + "      # $Format:%n      - {login: mallory, name: 马某, role: 科长, active: true}$\n"
    merge7, _ = merge_pr(repo, forge, 7, {".gitattributes": f"{TEAMS} export-subst\n", TEAMS: planted})
    assert review_policy(Policy(repo.root)).member(last_team, "mallory") is None  # as reviewed
    judged = gate.Registries(repo.root).at(merge7)
    assert judged.member(last_team, "mallory") is None, "the gate read a member nobody reviewed"
    assert run_gate(repo, forge, base).ok


# -- 2. what the site shows outside content/ ------------------------------------------------------
BANNER = ('{% extends "base.html" %}\n{% block announce %}<strong>紧急通知：本局明日起暂停办公</strong>'
          "{% endblock %}\n")


def test_a_banner_merged_with_the_office_l3_alone_publishes_nothing(repo: Site, forge: ForgeDouble):
    """An announcement block in overrides/main.html, merged with one approval (the office, L3) as a
    pipeline change was before: every reader sees it, and it was not reviewed by three people."""
    import payloads

    base = git(repo.root, "rev-parse", "HEAD")
    merge, head = merge_pr(repo, forge, 7, {"overrides/main.html": BANNER}, approved=False)
    forge.reviews[7][:] = [payloads.review("zhouhaiyan", "APPROVED", 30, commit=head)]
    result = run_gate(repo, forge, base)
    assert list(refused(result)) == ["overrides/main.html"], result.report()
    assert "合并请求 #7 没有通过三审：待一级" in refused(result)["overrides/main.html"]


# -- 3. what the site fetches or runs from outside what was reviewed -------------------------------
SITE = "site_name: 湛江市司法局\nsite_url: https://sfj.example.test/\ndocs_dir: content\n"
THEME = "theme:\n  name: material\n  custom_dir: overrides\n"


def site_with(repo: Site, mkdocs: str, files: dict[str, str] | None = None) -> Path:
    """The repository with this mkdocs.yml and these files, committed (the checkout is clean)."""
    write(repo.root, {".gitignore": "site/\nbuild/\n", "mkdocs.yml": mkdocs,
                      "overrides/partials/footer.html": '<a href="https://beian.miit.gov.cn/">粤ICP备</a>\n',
                      "overrides/assets/a11y.js": "// https://example.test/ in a comment is no fetch\n",
                      "hooks/ok.py": "", **(files or {})})
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "网站设置")
    return repo.root


@pytest.mark.parametrize(("mkdocs", "files", "shows"), [
    (SITE + THEME + "extra_javascript: [https://cdn.example.com/tongji.js]\n", {}, "cdn.example.com"),
    (SITE + THEME + "extra_javascript:\n  - path: //cdn.example.com/m.js\n    type: module\n", {}, "cdn.example.com"),
    (SITE + THEME + "extra_css: [http://cdn.example.com/x.css]\n", {}, "cdn.example.com"),
    (SITE + "theme:\n  name: material\n  custom_dir: overrides\n  favicon: https://x.example/f.png\n", {}, "x.example"),
    (SITE + THEME + "extra:\n  govpub:\n    banner: https://x.example/banner.jpg\n", {}, "x.example"),
    (SITE + THEME + "extra:\n  govpub:\n    police: {number: x, image: //x.example/p.png}\n", {}, "x.example"),
    (SITE + THEME + "hooks: [/tmp/hook.py]\n", {}, "hooks"),
    (SITE + THEME + "hooks: [build/hook.py]\n", {"build/hook.py": "print(1)\n"}, "hooks"),  # ignored, untracked
    (SITE + THEME + "hooks: [hooks/../../x.py]\n", {}, "hooks"),
    (SITE + "theme:\n  name: material\n  custom_dir: ../theme\n", {}, "custom_dir"),
    (SITE + "theme:\n  name: material\n  custom_dir: site/theme\n", {"site/theme/main.html": "x"}, "custom_dir"),
    (SITE + THEME + "markdown_extensions:\n  - pymdownx.snippets:\n      url_download: true\n", {}, "snippets"),
    (SITE + THEME + "markdown_extensions: [markdown_include.include]\n", {}, "markdown_include"),
    (SITE + THEME + "plugins:\n  - macros\n  - search\n", {}, "macros"),
    (SITE + "theme:\n  name: material\n  custom_dir: theme2\n", {"theme2/main.html": BANNER}, "published_files"),
    (SITE + THEME, {"overrides/main.html": '{% block announce %}<script src="https://ads.example.com/a.js">'
                    "</script>{% endblock %}"}, "overrides/main.html 第 1 行"),
    (SITE + THEME, {"overrides/main.html": "{% block announce %}\n<img src=//x.example/banner.png>{% endblock %}"},
     "overrides/main.html 第 2 行"),
    (SITE + THEME, {"overrides/assets/a.css": "@import url(https://fonts.example.com/a.css);"}, "a.css"),
    (SITE + THEME, {"overrides/assets/a.js": 'fetch("https://x.example/banner.json")'}, "a.js"),
    (SITE + THEME, {"overrides/assets/logo.svg": '<svg><image href="https://x.example/a.png"/></svg>'}, "logo.svg"),
])
def test_a_page_resource_from_elsewhere_publishes_nothing(repo: Site, mkdocs: str, files: dict[str, str], shows: str):
    """Reviewers approve a URL or a path; readers get what that host serves at build or view time,
    or templates and build code nobody reviewed. The gate refuses before the forge is asked."""
    root = site_with(repo, mkdocs, files)
    problem = gate.resources_problem(root)
    assert problem is not None and shows in problem and "处理办法" in problem, problem


def test_snippets_would_put_unchecked_text_into_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Why the including extensions are refused: the article holds one line, the page the file."""
    import markdown

    (tmp_path / "notice.md").write_text("未经审核的通知全文", "utf-8")
    monkeypatch.chdir(tmp_path)
    html = markdown.markdown('--8<-- "notice.md"', extensions=["pymdownx.snippets"])
    assert "未经审核的通知全文" in html


def test_local_resources_and_plain_links_pass(repo: Site):
    root = site_with(repo, SITE + THEME + "hooks: [hooks/ok.py]\nextra_javascript: [assets/a11y.js]\n")
    assert gate.resources_problem(root) is None


# -- 4. reviewed bytes vs the bytes the build reads -----------------------------------------------
SMUDGE = "sed s/举办/暂停/"


@pytest.mark.parametrize("how", ["ident", "eol", "encoding", "filter"])
def test_a_checkout_that_converts_the_reviewed_bytes_publishes_nothing(repo: Site, tmp_path: Path, how: str):
    """The tree holds the reviewed blob; Git writes something else into the checkout the site is
    built from, and `git status` calls it clean: ident ($Id$ expanded), eol=crlf, a
    working-tree-encoding, or a smudge filter (with its inverse clean filter) defined in the
    publishing host's Git config (a reused runner) for a path .gitattributes names."""
    attrs = {"ident": f"{A} ident\n", "eol": f"{A} text eol=crlf\n",
             "encoding": f"{A} working-tree-encoding=GB18030\n", "filter": f"{A} filter=fix\n"}[how]
    text = article("市司法局举办普法讲座") + "$Id$\n"
    write(repo.root, {".gitattributes": attrs})
    (repo.root / A).parent.mkdir(parents=True, exist_ok=True)
    (repo.root / A).write_bytes(text.encode("gb18030" if how == "encoding" else "utf-8"))
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "稿件")
    assert git(repo.root, "show", f"HEAD:{A}").startswith("---")  # the reviewed blob is UTF-8, LF, $Id$
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(repo.root), str(checkout))
    if how == "filter":
        git(checkout, "config", "filter.fix.smudge", "sed s/举办/暂停/")
        git(checkout, "config", "filter.fix.clean", "sed s/暂停/举办/")
        (checkout / A).unlink()
        git(checkout, "checkout", "--", A)
        assert "暂停" in (checkout / A).read_text("utf-8")
    assert gate.worktree_problem(checkout) is None  # git status sees nothing
    problem = gate.checkout_bytes_problem(checkout)
    assert problem is not None and A in problem and "处理办法" in problem


def test_a_plain_clone_is_the_reviewed_bytes(repo: Site, tmp_path: Path):
    write(repo.root, {".gitattributes": "* text=auto\n*.png binary\n", A: article("市司法局举办普法讲座")})
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "稿件")
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(repo.root), str(checkout))
    assert gate.checkout_bytes_problem(checkout) is None


# -- 5. the forge's answers ---------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["github", "gitea"])
def test_a_5xx_in_the_middle_of_a_paginated_walk_refuses_the_run(repo: Site, kind: str):
    """Three reviews over pages of two: page 2 (which could hold a "changes requested" that
    reopens a level) answers 502. The gate must not judge the PR from page 1."""
    import payloads
    from forge_double import TOKEN

    from govpub.approvals.forge import ForgeError
    from govpub.approvals.gitea import Gitea
    from govpub.approvals.github import GitHub

    double = ForgeDouble(kind=kind).start()
    try:
        double.max_page = 2
        base = git(repo.root, "rev-parse", "HEAD")
        _merge, head = merge_pr(repo, double, 7, {A: article("普法宣传进校园活动顺利开展")})
        double.reviews[7].insert(0, payloads.review("wangxiaomin", "COMMENTED", 5, commit=head, kind=kind))
        double.page_failures.append((r"/pulls/7/reviews$", 2, 502))
        client = (GitHub if kind == "github" else Gitea)(double.repo, TOKEN, double.api_url, page_size=2)
        try:
            with pytest.raises(ForgeError) as err:
                gate.check(repo.root, base=base, head=git(repo.root, "rev-parse", "HEAD"), branch="main",
                           forge=client, policy=Policy(repo.root), published_notes=None,
                           record_command="govpub approvals record")
        finally:
            client.close()
        assert "HTTP 502" in str(err.value) and err.value.hint
        assert double.calls("GET", r"/pulls/7/reviews$")[-1].query.get("page") == "2"
    finally:
        double.stop()


# -- 6. a submodule ----------------------------------------------------------------------------------
def test_an_approved_submodule_publishes_nothing(repo: Site, forge: ForgeDouble, tmp_path: Path):
    """A PR adds overrides/vendor as a submodule: the forge shows reviewers one line ("Subproject
    commit …"), the files in it were never in any diff. Approved or not, the gate refuses it."""
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q", "-b", "main")
    (other / "main.html").write_text("{% block announce %}未经审核的通知{% endblock %}\n", "utf-8")
    git(other, "add", "-A")
    git(other, "commit", "-qm", "x")
    sub = git(other, "rev-parse", "HEAD")
    base = git(repo.root, "rev-parse", "HEAD")
    git(repo.root, "switch", "-q", "-c", "pr-7")
    git(repo.root, "update-index", "--add", "--cacheinfo", f"160000,{sub},overrides/vendor")
    git(repo.root, "commit", "-qm", "主题")
    head = git(repo.root, "rev-parse", "HEAD")
    git(repo.root, "switch", "-q", "main")
    git(repo.root, "merge", "-q", "--no-ff", "pr-7", "-m", "合并 #7")
    land_pull(forge, repo.root, git(repo.root, "rev-parse", "HEAD"), head, ["overrides/vendor"], number=7)
    result = run_gate(repo, forge, base)
    assert list(refused(result)) == ["overrides/vendor"] and "子模块" in refused(result)["overrides/vendor"]


# -- 7. ignored files in the folders the site is built from ------------------------------------------
@pytest.mark.parametrize("name", ["content/pfyfz/2026/build/tongzhi.md", "content/pfyfz/2026/.notice.tmp",
                                  "overrides/build/main.html"])
def test_an_ignored_file_in_the_site_folders_publishes_nothing(repo: Site, name: str):
    """.gitignore patterns such as build/ and .*.tmp match inside content/ too: git status calls
    the checkout clean, MkDocs builds the file into the site."""
    write(repo.root, {".gitignore": "build/\n.*.tmp\n/records/\n"})
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "忽略")
    write(repo.root, {"records/ledger.json": "{}", name: article("未经审核的通知")})  # the first is harmless
    assert git(repo.root, "status", "--porcelain") == ""
    problem = gate.worktree_problem(repo.root)
    assert problem is not None and name in problem and "处理办法" in problem
    (repo.root / name).unlink()
    assert gate.worktree_problem(repo.root) is None


# -- 8. the site read through a symbolic link ---------------------------------------------------------
@pytest.mark.parametrize(("link", "target"), [
    ("overrides", "theme-x"),             # the templates: next edits in theme-x/ need L3 alone
    ("mkdocs.yml", "conf/site.yml"),
    ("overrides/partials", "../theme-x"),
    ("checks/registry/columns.yml", "../../theme-x/columns.yml"),
])
def test_a_site_path_that_is_a_symlink_publishes_nothing(repo: Site, link: str, target: str):
    columns = (repo.root / "checks/registry/columns.yml").read_text("utf-8")
    write(repo.root, {"theme-x/main.html": BANNER, "theme-x/columns.yml": columns,
                      "conf/site.yml": SITE + THEME, "mkdocs.yml": SITE + THEME})
    path = repo.root / link
    if path.is_file():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "链接")
    problem = gate.symlink_problem(repo.root)
    assert problem is not None and link in problem and "符号链接" in problem, problem


def test_the_docs_folder_as_a_symlink_publishes_nothing(repo: Site):
    """content/ replaced by a link to news/: every page of the site comes from a folder the
    routing calls pipeline (L3) and the content checks never read."""
    git(repo.root, "mv", "content", "news")
    (repo.root / "content").symlink_to("news")
    write(repo.root, {"mkdocs.yml": SITE + THEME})
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "链接")
    assert gate.layout_problem(repo.root) is None  # docs_dir says content
    problem = gate.symlink_problem(repo.root)
    assert problem is not None and "content" in problem


# -- 9. what the reviewers were shown -------------------------------------------------------------
@pytest.mark.parametrize("attrs", ["content/**/*.md -diff\n", "*.md binary\n",
                                   "content/pfyfz/** linguist-generated\n", "overrides/*.html -diff\n"])
def test_a_site_text_file_the_forge_shows_no_diff_for_publishes_nothing(repo: Site, attrs: str):
    """A PR adds a .gitattributes line: the forge then shows "Binary file not shown" or folds the
    file away as generated, and three levels approve an article (or a template) they never read."""
    write(repo.root, {".gitattributes": attrs, A: article("未经审阅的稿件"), "overrides/main.html": BANNER})
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "稿件")
    problem = gate.hidden_diff_problem(repo.root)
    assert problem is not None and "处理办法" in problem and problem.startswith(("content/", "overrides/")), problem
    assert " -diff：" in problem or " binary：" in problem or " linguist-generated：" in problem


def test_binary_pictures_and_plain_text_attributes_pass(repo: Site):
    write(repo.root, {".gitattributes": "*.png binary\n*.md text\n*.jpg -diff\n", A: article("稿件")})
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "稿件")
    assert gate.hidden_diff_problem(repo.root) is None
