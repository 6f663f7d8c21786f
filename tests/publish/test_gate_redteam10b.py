"""Red team, tenth round, second group: routes past the controls the first group added, with real
MkDocs loading and builds and real Git repositories in temporary folders.

Routes tried here:
1. the environment through mkdocs.yml tags spelled as the first group's check did not read them: it
   compared the scanner's (handle, suffix) pairs with "!!" and "!", so a verbatim tag
   (`!<tag:yaml.org,2002:python/name:os.environ>`, `!<!ENV>`) or a `%TAG !p! tag:yaml.org,2002:python/`
   directive with `!p!name:os.environ` passed, and MkDocs' loader turned them into the process
   environment (the WeChat AppSecret) printed as the tagline. Was open. Closed: the check composes
   the file (the parser resolves handles and verbatim tags; nothing is constructed) and judges each
   node's resolved tag; an anchor and its aliases are one node;
2. controls: the site's own mkdocs.yml and Material's emoji functions, also through an alias, pass;
3. (left open by the first group) `govpub rollback` past a corrected tagline, template or consultation
   reply: the check compared the articles' hashes only, so a rollback put the replaced text back in
   front of readers. Was open. Closed: the build manifest records the hash of every other file
   whose text the site shows (`shown`: mkdocs.yml, columns.yml, overrides/, published_files) and of
   what the 互动交流 page shows of each consultation (a record answered later blocks nothing), and a rollback to a release showing a version the newest no longer has (or
   whose manifest does not say) is refused, naming the file;
4. (left open by the first group) text in the theme's templates (overrides/: footer, banner, a
   picture's alt text, a string a Jinja expression prints): reviewed in three levels, never
   content-checked, so a footer line saying 内部资料 reached every page. Was open. Closed: the checks
   read the text a reader sees from each template (govpub.content.template_text: text between tags,
   shown attributes, Jinja string literals, HTML comments; not Jinja code, comments, scripts or
   other attributes) with the settings' rule set, at the template's own line and column; also in
   the folder mkdocs.yml's theme.custom_dir names when it is not overrides/, an SVG's <text> and a
   stylesheet's `content:` strings; an attribute value written without quotes.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from helpers import copy_site

from govpub.content.template_text import shown_text
from govpub.errors import GovpubError
from govpub.publish import deploy
from govpub.publish.build import build_site, environment_tag_problem
from govpub.site import consult, incremental

ENVIRON = [
    "!<tag:yaml.org,2002:python/name:os.environ> ''",
    "!<tag:yaml.org,2002:python/object/apply:os.getenv> [GOVPUB_WECHAT_SECRET]",
    "!<!ENV> GOVPUB_WECHAT_SECRET",
    "!p!name:os.environ ''",
    "!e!ENV GOVPUB_WECHAT_SECRET",
]
DIRECTIVES = "%TAG !p! tag:yaml.org,2002:python/\n%TAG !e! !\n---\n"


def _with_tagline(text: str, value: str) -> str:
    assert "    tagline: " in text
    lines = [f"    tagline: {value}" if x.startswith("    tagline: ") else x for x in text.splitlines()]
    return DIRECTIVES + "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def config_text(tmp_path_factory) -> str:
    return (copy_site(tmp_path_factory.mktemp("site") / "repo").root / "mkdocs.yml").read_text("utf-8")


@pytest.mark.parametrize("value", ENVIRON)
def test_a_tag_spelled_another_way_is_refused(tmp_path: Path, config_text: str, value: str):
    config = tmp_path / "mkdocs.yml"
    config.write_text(_with_tagline(config_text, value), "utf-8")
    found = environment_tag_problem(config)
    line = 1 + next(i for i, x in enumerate(config.read_text("utf-8").splitlines()) if x.startswith("    tagline: "))
    assert found is not None and found.line == line, found
    assert "读取环境变量或运行程序" in found.message and found.hint


def test_an_alias_of_a_tagged_node_is_judged_once_and_refused(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nemoji: &ok !!python/name:material.extensions.emoji.twemoji\n"
                      "again: *ok\nx: &bad !<tag:yaml.org,2002:python/name:os.environ> ''\ny: *bad\n", "utf-8")
    found = environment_tag_problem(config)
    assert found is not None and found.line == 4 and "python/name:os.environ" in found.message
    config.write_text("site_name: x\nemoji: &ok !!python/name:material.extensions.emoji.twemoji\nagain: *ok\n", "utf-8")
    assert environment_tag_problem(config) is None


def test_the_verbatim_environment_reaches_no_page_of_a_real_build(tmp_path: Path, monkeypatch):
    secret = secrets.token_hex(16)
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", secret)
    site = copy_site(tmp_path / "repo")
    config = site.root / "mkdocs.yml"
    assert environment_tag_problem(config) is None  # the site's own settings pass
    config.write_text(_with_tagline(config.read_text("utf-8"), ENVIRON[0]), "utf-8")
    out = tmp_path / "out"
    with pytest.raises(GovpubError) as caught:
        build_site(config, out, quiet=True)
    assert "python/name:os.environ" in str(caught.value) and secret not in str(caught.value)
    assert not out.exists()


# -- 3. rollback past a corrected setting, template or record ----------------------------------------
RECORD_DIR = "records/consultations"


def test_a_rollback_past_a_corrected_tagline_is_refused_and_the_manifest_names_what_it_hashed(tmp_path: Path):
    """Two real builds: r1's tagline says 内部资料 (say it slipped through), r2's is the corrected one.
    Rolling back from r2 would show r1's tagline again: refused, naming mkdocs.yml. A third build of
    the same tree as r2 can be rolled back to r2."""
    site = copy_site(tmp_path / "repo")
    config = site.root / "mkdocs.yml"
    fixed = config.read_text("utf-8")
    config.write_text(fixed.replace("    tagline: ", "    tagline: 内部资料 ", 1), "utf-8")
    target = tmp_path / "www"
    for release, text in (("r1", None), ("r2", fixed), ("r3", fixed)):
        if text is not None:
            config.write_text(text, "utf-8")
        out = tmp_path / f"out-{release}"
        build_site(config, out, quiet=True)
        if release == "r1":
            shown = incremental.load(out).shown
            assert shown is not None and {"mkdocs.yml", "checks/registry/columns.yml"} <= set(shown)
            assert any(p.startswith("overrides/") for p in shown)
            assert {f"{RECORD_DIR}/{c['id']}" for c in consult.answered(site.root)} <= set(shown)
        deploy.deploy_local(out, target, release, move=True)
        if release == "r2":
            with pytest.raises(GovpubError) as caught:
                deploy.rollback(target)
            assert "mkdocs.yml" in caught.value.message and caught.value.hint
            assert deploy.current_release(target) == "r2"
    assert deploy.rollback(target) == "r2"


def test_the_manifest_holds_the_consultations_the_page_shows_as_it_shows_them(tmp_path: Path):
    """A record answered after a release was not shown by it: answering it blocks no rollback. What
    the page shows of a record (the masked reply) is what is compared."""
    site = copy_site(tmp_path / "repo")
    folder = site.root / RECORD_DIR / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / "2026-0777.yml"
    asked = "received: 2026-11-20 09:00\nchannel: 网站留言\ndepartment: 办公室\nquestion: 请问办公时间？\n"
    record.write_text(asked, "utf-8")

    def shown() -> dict[str, str]:
        return incremental.shown_hashes(site.root, site.root / "overrides", consult.answered(site.root))

    before = shown()
    assert f"{RECORD_DIR}/2026-0777" not in before and "overrides/main.html" in before
    record.write_text(asked + "reply: 工作日 8:30—12:00。\nreplied: 2026-11-21 10:00\n", "utf-8")
    after = shown()
    assert set(after) - set(before) == {f"{RECORD_DIR}/2026-0777"}
    assert {k: v for k, v in after.items() if k in before} == before
    record.write_text(asked + "reply: 工作日 8:30—12:00。\nreplied: 2026-11-21 10:00\npublish: false\n", "utf-8")
    assert shown() == before


def _release(folder: Path, shown: dict[str, str] | None) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<h1>湛江市司法局</h1>", "utf-8")
    manifest = incremental.Manifest(fingerprint="f", sources={}, checked=True, shown=shown)
    (folder / incremental.MANIFEST).write_text(manifest.to_text(), "utf-8")
    return folder


@pytest.mark.parametrize("old, new, refused", [
    ({"overrides/main.html": "a", f"{RECORD_DIR}/2026/1.yml": "b"}, {"overrides/main.html": "a2",
                                                                     f"{RECORD_DIR}/2026/1.yml": "b"}, "overrides/main.html"),
    ({f"{RECORD_DIR}/2026/1.yml": "b"}, {}, f"{RECORD_DIR}/2026/1.yml"),  # a reply deleted since
    ({"mkdocs.yml": "m"}, {"mkdocs.yml": "m", f"{RECORD_DIR}/2026/2.yml": "c"}, ""),  # only added since: allowed
])
def test_a_rollback_compares_every_shown_file(tmp_path: Path, old, new, refused):
    target = tmp_path / "www"
    deploy.deploy_local(_release(tmp_path / "a", old), target, "r1", move=True)
    deploy.deploy_local(_release(tmp_path / "b", new), target, "r2", move=True)
    if not refused:
        assert deploy.rollback(target) == "r1"
        return
    with pytest.raises(GovpubError) as caught:
        deploy.rollback(target)
    assert refused in caught.value.message


def test_a_release_whose_manifest_does_not_record_the_shown_files_is_not_rolled_back_to(tmp_path: Path):
    """A manifest written before `shown` was kept cannot say which template or record it shows."""
    target = tmp_path / "www"
    old = _release(tmp_path / "a", None)
    manifest = old / incremental.MANIFEST
    data = json.loads(manifest.read_text("utf-8"))
    del data["shown"]
    manifest.write_text(json.dumps(data), "utf-8")
    deploy.deploy_local(old, target, "r1", move=True)
    deploy.deploy_local(_release(tmp_path / "b", {"mkdocs.yml": "m"}), target, "r2", move=True)
    with pytest.raises(GovpubError) as caught:
        deploy.rollback(target)
    assert "构建清单" in caught.value.message and deploy.current_release(target) == "r2"


# -- 4. the text a reader sees from the templates ----------------------------------------------------
def test_the_shown_text_of_a_template_keeps_lines_and_columns():
    template = ('{# 内部资料 #}{{ "秘密级" }}<img alt="请勿外传" src="x.png">\n'
                '<a href="{{ url }}" data-x="机密" title=\'提示\'>正文</a><!-- 注释 -->\n'
                '<script>var s = "绝密";</script><style>a{font-family:"绝密"}</style>{% if a == "b" %}x{% endif %}\n')
    shown = shown_text(template)
    assert len(shown) == len(template) and shown.count("\n") == template.count("\n")
    assert shown.index("秘密级") == template.index("秘密级") and shown.index("请勿外传") == template.index("请勿外传")
    for seen in ("提示", "正文", "注释", "b", "x"):
        assert seen in shown
    for hidden in ("内部资料", "机密", "绝密", "url", "href", "<", "{"):
        assert hidden not in shown, hidden


def test_drawn_text_of_styles_and_unquoted_attributes_is_text():
    """A CSS `content:` string is drawn on the page; an attribute value may be written without quotes."""
    shown = shown_text('<style>a::after { content: "内部资料" } b { color: red }</style><img alt=秘密 src=x.png>')
    assert shown.split() == ["内部资料", "秘密"]
    sheet = ".a::before { content: '机密' }\n.b { font-family: \"宋体\" }\n"
    assert shown_text(sheet, stylesheet=True).split() == ["机密"]


@pytest.mark.parametrize(("rel", "old", "new"), [
    ("overrides/partials/footer.html", "主办单位：", "内部资料　主办单位："),  # text between tags
    ("overrides/main.html", "{% extends", '{{ "内部资料，请勿外传" }}\n{% extends'),  # a string Jinja prints
    ("overrides/main.html", "{% extends", '<img alt="内部资料" src="x.png">\n{% extends'),  # a picture's text
])
def test_a_marking_in_a_templates_shown_text_fails_the_checks(tmp_path: Path, rel: str, old: str, new: str):
    site = copy_site(tmp_path / "repo")
    path = site.root / rel
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    line = 1 + text[:text.index(old)].count("\n")
    proc = site.run("check")
    assert proc.returncode == 1 and f"{rel}:{line}:" in proc.stdout and "secret.marking" in proc.stdout, proc.stdout
    assert "网站模板" in proc.stdout


def test_a_templates_code_comments_and_hidden_attributes_are_not_text(tmp_path: Path):
    """The site's own templates pass; a Jinja comment, a variable and a data- attribute are code."""
    site = copy_site(tmp_path / "repo")
    main = site.root / "overrides/main.html"
    main.write_text('{# 内部资料：待办 #}<div data-note="内部资料"></div>{% set 内部资料 = 1 %}\n'
                    + main.read_text("utf-8"), "utf-8")
    proc = site.run("check")
    assert proc.returncode == 0, proc.stdout
    main.write_text("<p>内部资料</p>\n" + main.read_text("utf-8"), "utf-8")
    proc = site.run("check")
    assert proc.returncode == 1 and "overrides/main.html:1:" in proc.stdout, proc.stdout


def test_the_templates_are_read_where_custom_dir_puts_them(tmp_path: Path):
    """theme.custom_dir may name another folder (the gate wants it in published_files): its templates
    and an SVG drawing text are read there."""
    site = copy_site(tmp_path / "repo")
    (site.root / "overrides").rename(site.root / "theme2")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("custom_dir: overrides", "custom_dir: theme2", 1), "utf-8")
    footer = site.root / "theme2/partials/footer.html"
    footer.write_text(footer.read_text("utf-8").replace("主办单位：", "内部资料　主办单位：", 1), "utf-8")
    (site.root / "theme2/assets/govpub/extra.css").write_text('.x::after {\n  content: "内部资料";\n}\n', "utf-8")
    (site.root / "theme2/assets/govpub/note.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n<text x="0" y="9">机密★1年</text></svg>\n', "utf-8")
    proc = site.run("check")
    assert proc.returncode == 1, proc.stdout
    assert "theme2/partials/footer.html:" in proc.stdout and "theme2/assets/govpub/note.svg:2:" in proc.stdout, proc.stdout
    assert "theme2/assets/govpub/extra.css:2:" in proc.stdout, proc.stdout
