"""What reaches readers, seventh session, second round: the build must not carry values of the
publishing environment into pages. The publish run builds the site in the process that holds
the WeChat AppSecret (GOVPUB_WECHAT_SECRET) and the forge token; MkDocs resolves `!ENV` tags
in mkdocs.yml from that environment, so a copied snippet (or a careless review of mkdocs.yml)
such as `copyright: !ENV GOVPUB_WECHAT_SECRET` would print a credential on every page."""

from __future__ import annotations

import secrets

import pytest
from helpers import copy_site

from govpub.errors import GovpubError
from govpub.publish.build import build_site


@pytest.mark.parametrize("line", [
    "copyright: !ENV GOVPUB_WECHAT_SECRET",
    "copyright: !ENV [NOT_SET_HERE, GOVPUB_WECHAT_SECRET]",
    "extra:\n  note: !!python/object/apply:os.getenv [GOVPUB_WECHAT_SECRET]",
])
def test_mkdocs_yml_reading_the_environment_is_refused(tmp_path, monkeypatch, line):
    secret = secrets.token_hex(16)
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", secret)
    site = copy_site(tmp_path / "repo")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\n" + line + "\n", "utf-8")
    out = tmp_path / "out"
    with pytest.raises(GovpubError) as caught:
        build_site(config, out, quiet=True)
    text = str(caught.value)
    assert "mkdocs.yml:" in text and "环境变量" in text and "处理办法" in text and secret not in text
    assert not out.exists()


def test_an_inherited_parent_file_reading_the_environment_is_refused(tmp_path, monkeypatch):
    """INHERIT: MkDocs merges a parent file into mkdocs.yml; its tags are resolved the same way."""
    monkeypatch.setenv("GOVPUB_WECHAT_SECRET", secrets.token_hex(16))
    site = copy_site(tmp_path / "repo")
    config = site.root / "mkdocs.yml"
    config.write_text("INHERIT: base/site.yml\n" + config.read_text("utf-8"), "utf-8")
    site.write("base/site.yml", "copyright: !ENV GOVPUB_WECHAT_SECRET\n")
    with pytest.raises(GovpubError) as caught:
        build_site(config, tmp_path / "out", quiet=True)
    assert "site.yml:1:" in str(caught.value) and "处理办法" in str(caught.value)


def test_a_file_dropped_into_the_live_release_is_not_carried_into_the_next(tmp_path):
    """A careless operator copies a file into the served folder (a backup of a page, an export
    with names); the incremental build reuses that release: only what the manifest lists is
    carried, so the stray file leaves with the next release instead of living on in every one."""
    site = copy_site(tmp_path / "repo")
    first = tmp_path / "first"
    build_site(site.root / "mkdocs.yml", first, quiet=True)
    (first / "备份-名单.xlsx").write_bytes(b"PK stray")
    (first / "gzdt" / "index.html.bak").write_text("old page", "utf-8")
    site.write("content/gzdt/2026/stray7b.md", "---\ntitle: 再发一篇\ncolumn: gzdt\ndepartment: 办公室\n"
               "author: 王晓敏\ndate: 2026-11-20 09:30\nchannels: [website]\n---\n\n正文。\n")
    result = build_site(site.root / "mkdocs.yml", tmp_path / "second", quiet=True, previous=first)
    assert result.mode == "incremental"
    assert not (tmp_path / "second/备份-名单.xlsx").exists()
    assert not (tmp_path / "second/gzdt/index.html.bak").exists()
