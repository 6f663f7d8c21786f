"""Red team, tenth round: routes past the publish gate and the build, with real Git repositories in
temporary folders, the loopback forge double and real MkDocs builds (helpers of the fifth and
eighth rounds).

Routes tried here:
1. `!!python/name:os.environ` in mkdocs.yml (say as the header's tagline): MkDocs loads the file with
   PyYAML's full loader, the tag becomes the process environment, and the theme prints it on every
   page: the WeChat AppSecret and the forge token of the publish run. The seventh round refused
   `!ENV` and `!!python/object…`, not `!!python/name:`, which Material's emoji settings need. Was
   open. Closed: `!!python/name:` only names a function or class of material, pymdownx or markdown
   (also `toc: slugify: !!python/name:os.getenv`, which made a heading named after a variable
   carry its value as anchor); the gate refuses it before the forge is asked and before the merge;
2. what Material fetches because of a setting rather than a URL: `extra.analytics` (a tracking script
   from googletagmanager.com on every page), a font named in `theme.font` (Google Fonts),
   `repo_url` (the reader's browser asks the repository host for text shown in the header). Was
   open. Closed in the gate's resources check;
3. text an article holds that no check reads: an HTML comment with a marking (内部资料), the body and
   picture of a withdrawn article, an article whose time has not come: none reaches a page, the
   search index or the sitemap; a page template named in front matter (`template:`) is refused by
   the checks. Held already; kept as a real build;
4. an approved PR's commit cherry-picked onto main before the PR merges (README inferred it):
   refused until the PR merges, then published as reviewed;
6. a consultation record (records/consultations/) whose reply says 内部资料: the 互动交流 page prints it;
   it was routed to L3 alone and no content check read it (only the credential scan). Was open.
   Closed: the content checks read the records the site shows like an attachment's text (a record
   with `publish: false` stays data), and the gate wants the office's three levels for them;
7. text the site shows from its settings: a tagline or footer line in mkdocs.yml, a column's name or
   description in columns.yml, saying 内部资料. Three levels review them since the eighth round, but
   no content check read them. Was open. Closed: the checks read mkdocs.yml and columns.yml like an
   attachment's text (not the link rules: the gate judges what the site loads);
5. two approved PRs branched from the same main, editing different lines of one article (README
   inferred it): the second merge's result was never reviewed as a whole: refused.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from forge_double import ForgeDouble
from forge_setup import land_pull
from helpers import REPO, Site, copy_site
from test_gate_redteam5 import article, git, merge_pr, refused, run_gate, write
from test_gate_redteam8 import SITE, THEME, site_with

from govpub.errors import GovpubError
from govpub.publish import gate
from govpub.publish.build import build_site

A = "content/pfyfz/2026/redteam10-a.md"


# -- 1. mkdocs.yml tags that hand the environment to the pages --------------------------------------
@pytest.mark.parametrize("line", [
    "    tagline: !!python/name:os.environ",
    "    tagline: !!python/name:pymdownx.util.os.environ",  # a module path through a package
    "    tagline: !!python/name:pymdownx.emoji.os",
])
def test_a_python_name_tag_naming_the_environment_is_refused(tmp_path, monkeypatch, line):
    secret = secrets.token_hex(16)
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", secret)
    site = copy_site(tmp_path / "repo")
    config = site.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "    tagline: " in text
    config.write_text("\n".join(line if x.startswith("    tagline: ") else x for x in text.splitlines()) + "\n", "utf-8")
    out = tmp_path / "out"
    with pytest.raises(GovpubError) as caught:
        build_site(config, out, quiet=True)
    assert "mkdocs.yml:" in str(caught.value) and "python/name" in str(caught.value) and secret not in str(caught.value)
    assert not out.exists()


def test_a_slugify_function_reading_the_environment_is_refused_and_the_gate_says_so(repo: Site):
    """toc's slugify is called with each heading's text: os.getenv turns "## GOVPUB_WECHAT_SECRET" into
    an anchor holding the secret. The gate refuses the tree, in the words `verify --head-checkout`
    uses before the merge."""
    mkdocs = SITE + THEME + "markdown_extensions:\n  - toc:\n      slugify: !!python/name:os.getenv\n"
    root = site_with(repo, mkdocs)
    problem = gate.site_problem(root)
    line = mkdocs.count("\n")  # the tag is on the last line
    assert problem is not None and f"mkdocs.yml 第 {line} 行" in problem and "python/name:os.getenv" in problem, problem
    assert "处理办法" in problem


def test_material_emoji_functions_pass(repo: Site):
    """The control: what Material's documentation writes for emoji is a function of material."""
    root = site_with(repo, SITE + THEME + "markdown_extensions:\n  - pymdownx.emoji:\n"
                     "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                     "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n")
    assert gate.environment_problem(root) is None


# -- 2. what Material loads from elsewhere because of a setting ---------------------------------------
@pytest.mark.parametrize(("setting", "shows"), [
    ("extra:\n  analytics:\n    provider: google\n    property: G-ABCDEF1234\n", "extra.analytics"),
    ("theme:\n  name: material\n  custom_dir: overrides\n  font:\n    text: Noto Sans SC\n", "Noto Sans SC"),
    ("repo_url: https://github.com/someone/site\n", "repo_url"),
])
def test_a_theme_setting_that_loads_from_another_host_publishes_nothing(repo: Site, setting: str, shows: str):
    mkdocs = SITE + (setting if setting.startswith("theme:") else THEME + setting)
    root = site_with(repo, mkdocs)
    problem = gate.resources_problem(root)
    assert problem is not None and shows in problem and "处理办法" in problem, problem


def test_analytics_reaches_every_page_of_a_real_build(tmp_path):
    """Why: Material writes the tracking script's address into every page (the sample site's build)."""
    site = copy_site(tmp_path / "repo")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "extra:\n  generator: false\n", "extra:\n  generator: false\n  analytics:\n    provider: google\n"
        "    property: G-ABCDEF1234\n"), "utf-8")
    build_site(config, tmp_path / "out", quiet=True)
    assert "googletagmanager.com/gtag/js?id=G-ABCDEF1234" in (tmp_path / "out/index.html").read_text("utf-8")
    assert "extra.analytics" in (gate.resources_problem(site.root) or "")


# -- 3. article text no check reads -----------------------------------------------------------------
HEAD = ("---\ntitle: 普法宣传进社区\ncolumn: pfyfz\ndepartment: 普法与依法治理科\nauthor: 王晓敏\n"
        "channels: [website]\n")


def test_hidden_withdrawn_and_future_text_reaches_no_file_of_the_site(tmp_path):
    site = copy_site(tmp_path / "repo")
    site.write("content/pfyfz/2026/rt10-comment.md", HEAD + "date: 2026-03-28 16:00\n---\n\n正文一段。\n\n"
               "<!-- 内部资料注释甲乙 -->\n")
    site.write("content/pfyfz/2026/rt10-withdrawn.md", HEAD + "date: 2026-03-28 16:00\nstatus: withdrawn\n"
               "withdrawn_reason: 信息有误\nwithdrawn_at: 2026-03-29 10:00\n---\n\n撤稿正文丙丁。\n\n"
               "![现场照片](rt10-withdrawn.png)\n")
    site.write("content/pfyfz/2026/rt10-withdrawn.png", (REPO / "tests/workflow/pixel.png").read_bytes())
    # a page template named by the article (MkDocs honours `template:`): not a field an article may have
    site.write("content/pfyfz/2026/rt10-template.md", HEAD + "date: 2026-03-28 16:00\ntemplate: 404.html\n---\n\n正文。\n")
    proc = site.run("check", "content/pfyfz/2026/rt10-template.md")
    assert proc.returncode == 1 and "template" in proc.stdout + proc.stderr
    (site.root / "content/pfyfz/2026/rt10-template.md").unlink()
    site.write("content/pfyfz/2026/rt10-later.md", HEAD + "date: 2026-12-31 16:00\n---\n\n将来正文戊己。\n")
    assert site.run("check", "content/pfyfz/2026/rt10-comment.md").returncode == 0  # no check reads the comment
    out = tmp_path / "out"
    build_site(site.root / "mkdocs.yml", out, quiet=True)
    assert (out / "pfyfz/2026/rt10-comment/index.html").is_file()
    assert not (out / "pfyfz/2026/rt10-withdrawn.png").exists()  # the withdrawn article's picture left too
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js"):
            text = path.read_text("utf-8", "replace")
            for hidden in ("注释甲乙", "撤稿正文丙丁", "将来正文戊己", "rt10-later"):
                assert hidden not in text, (hidden, path)


# -- 4. and 5. cherry-picks and parallel PRs ------------------------------------------------------
def test_an_approved_commit_cherry_picked_before_its_merge_publishes_only_after_it(repo: Site, forge: ForgeDouble):
    base = git(repo.root, "rev-parse", "HEAD")
    git(repo.root, "switch", "-q", "-c", "pr-7")
    write(repo.root, {A: article("普法宣传进社区活动顺利开展")})
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "稿件 #7")
    head = git(repo.root, "rev-parse", "HEAD")
    git(repo.root, "switch", "-q", "main")
    git(repo.root, "cherry-pick", head)
    result = run_gate(repo, forge, base)
    assert A in refused(result) and "直接推送" in refused(result)[A], result.report()
    git(repo.root, "merge", "-q", "--no-ff", "pr-7", "-m", "合并 #7")
    land_pull(forge, repo.root, git(repo.root, "rev-parse", "HEAD"), head, [A], number=7)
    result = run_gate(repo, forge, base)
    assert result.ok and result.approved == [A], result.report()


def test_two_approved_prs_of_one_article_from_the_same_main_publish_nothing(repo: Site, forge: ForgeDouble):
    """#7 corrects the first paragraph, #8 (branched from the same main) the last; each is approved as
    its own diff. Git merges both cleanly; the article now is a version nobody reviewed whole."""
    body = "第一段：11月28日开展活动。\n\n第二段：发放资料。\n\n第三段：群众反响良好。\n"
    base = git(repo.root, "rev-parse", "HEAD")
    merge_pr(repo, forge, 6, {A: article("普法宣传进社区", body)})
    published = git(repo.root, "rev-parse", "HEAD")
    heads = {}
    for number, old, new in ((7, "11月28日", "11月29日"), (8, "群众反响良好", "群众反响热烈")):
        git(repo.root, "switch", "-q", "-c", f"pr-{number}", published)
        write(repo.root, {A: article("普法宣传进社区", body.replace(old, new))})
        git(repo.root, "commit", "-qam", f"稿件 #{number}")
        heads[number] = git(repo.root, "rev-parse", "HEAD")
        git(repo.root, "switch", "-q", "main")
    for number in (7, 8):
        git(repo.root, "merge", "-q", "--no-ff", f"pr-{number}", "-m", f"合并 #{number}")
        land_pull(forge, repo.root, git(repo.root, "rev-parse", "HEAD"), heads[number], [A], number=number)
    assert "11月29日" in (repo.root / A).read_text("utf-8") and "热烈" in (repo.root / A).read_text("utf-8")
    result = run_gate(repo, forge, base)
    assert A in refused(result) and "#8" in refused(result)[A], result.report()


def test_site_fixture_still_passes_the_new_checks(repo: Site):
    """The control of 1 and 2: the settings of the sample site (font: false, no analytics) pass."""
    root = site_with(repo, SITE + THEME)
    assert gate.site_problem(root) is None
    assert gate.resources_problem(Path(__file__).parents[2]) is None


# -- 6. the 互动交流 page's records ---------------------------------------------------------------
RECORD = "records/consultations/2026/2026-0199.yml"
LEAK = ("received: 2026-11-20 10:20\nchannel: 网站留言\ndepartment: 公共法律服务管理科\n"
        "question: 请问局里的通报在哪里看？\nreply: 内部资料，请勿外传：本局领导班子调整方案见附件，尚未公开。\n"
        "replied: 2026-11-21 16:00\n")


def test_a_reply_with_a_marking_fails_the_checks_the_build_runs(tmp_path):
    from govpub.policy import Policy
    from govpub.publish.build import run_checks

    site = copy_site(tmp_path / "repo")
    assert run_checks(Policy(site.root)) == 0
    site.write(RECORD, LEAK)
    from govpub.site.consult import answered

    assert any("内部资料" in c["reply"] for c in answered(site.root))  # what the page would print
    assert run_checks(Policy(site.root)) >= 1
    proc = site.run("check")
    assert proc.returncode == 1 and f"{RECORD}:5:" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert "互动交流" in proc.stdout + proc.stderr
    site.write(RECORD, LEAK + "publish: false\n")  # not shown: data, as before
    assert run_checks(Policy(site.root)) == 0


def test_a_consultation_merged_with_the_office_l3_alone_publishes_nothing(repo: Site, forge: ForgeDouble):
    import payloads

    base = git(repo.root, "rev-parse", "HEAD")
    merge, head = merge_pr(repo, forge, 7, {RECORD: LEAK.replace("内部资料，请勿外传：", "")}, approved=False)
    forge.reviews[7][:] = [payloads.review("zhouhaiyan", "APPROVED", 30, commit=head)]
    result = run_gate(repo, forge, base)
    assert list(refused(result)) == [RECORD], result.report()
    assert "待一级" in refused(result)[RECORD]


@pytest.mark.parametrize("how", ["ignored", "-diff", "symlink"])
def test_the_records_folder_gets_the_checks_of_the_sites_folders(repo: Site, how: str):
    """The 互动交流 page reads every .yml in records/consultations/: a file .gitignore hides (built
    into the page, never in a commit), one the forge shows no diff for, or the folder as a symlink."""
    folder = repo.root / "records/consultations/2026"
    folder.mkdir(parents=True, exist_ok=True)
    write(repo.root, {RECORD: LEAK.replace("内部资料，请勿外传：", "")})
    if how == "ignored":
        write(repo.root, {".gitignore": "*.tmp.yml\n", "records/consultations/2026/x.tmp.yml": LEAK})
    elif how == "-diff":
        write(repo.root, {".gitattributes": "records/** -diff\n"})
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "咨询记录")
    if how == "symlink":
        git(repo.root, "mv", "records/consultations", "records/zixun")
        (repo.root / "records/consultations").symlink_to("zixun")
        git(repo.root, "add", "-A")
        git(repo.root, "commit", "-qm", "链接")
    problem = {"ignored": gate.worktree_problem, "-diff": gate.hidden_diff_problem,
               "symlink": gate.symlink_problem}[how](repo.root)
    assert problem is not None and "records/consultations" in problem and "处理办法" in problem, problem


# -- 7. text the site shows from its settings ------------------------------------------------------
@pytest.mark.parametrize(("rel", "old", "new"), [
    ("mkdocs.yml", "tagline: 法治湛江　司法为民", "tagline: 内部资料，请勿外传"),
    ("checks/registry/columns.yml", "description: ", "description: 内部资料，请勿外传。"),
])
def test_a_marking_in_the_sites_settings_fails_the_checks(tmp_path, rel: str, old: str, new: str):
    from govpub.policy import Policy
    from govpub.publish.build import run_checks

    site = copy_site(tmp_path / "repo")
    assert run_checks(Policy(site.root)) == 0  # the sample settings pass (their addresses too)
    path = site.root / rel
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    proc = site.run("check")
    assert proc.returncode == 1 and f"{rel}:" in proc.stdout and "secret.marking" in proc.stdout, proc.stdout
