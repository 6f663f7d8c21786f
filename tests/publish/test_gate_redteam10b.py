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
2. controls: the site's own mkdocs.yml and Material's emoji functions, also through an alias, pass.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from helpers import copy_site

from govpub.errors import GovpubError
from govpub.publish.build import build_site, environment_tag_problem

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
