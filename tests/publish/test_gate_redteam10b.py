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
   whose text the site shows (`shown`: mkdocs.yml, columns.yml, overrides/, published_files, the
   互动交流 records), and a rollback to a release showing a version the newest no longer has (or
   whose manifest does not say) is refused, naming the file.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from helpers import copy_site

from govpub.errors import GovpubError
from govpub.publish import deploy
from govpub.publish.build import build_site, environment_tag_problem
from govpub.site import incremental

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
            assert any(p.startswith(RECORD_DIR + "/") for p in shown) == (site.root / RECORD_DIR).is_dir()
        deploy.deploy_local(out, target, release, move=True)
        if release == "r2":
            with pytest.raises(GovpubError) as caught:
                deploy.rollback(target)
            assert "mkdocs.yml" in caught.value.message and caught.value.hint
            assert deploy.current_release(target) == "r2"
    assert deploy.rollback(target) == "r2"


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
