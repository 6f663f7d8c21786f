"""Issue #15 item 6: in every registered column, `govpub new` (interactive, as a drafter uses it)
and `govpub import` give an article that `govpub check` passes at once: the fields each column
needs are filled in right, nothing but the drafter's own text is missing."""

from __future__ import annotations

import json

import pytest
import yaml
from docx_builder import build_draft
from helpers import REPO
from test_new import on_terminal

COLUMNS = [c["slug"] for c in yaml.safe_load((REPO / "checks/registry/columns.yml").read_text(encoding="utf-8"))["columns"]]


def _findings(site, rel: str) -> tuple[int, list[dict]]:
    """`govpub check` in process: the drafter's commands are what these tests run for real
    (`new` on a terminal here; `import` and `check` as commands in test_import.py)."""
    proc = site.run_here("check", "--format", "json", rel)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)["findings"]


@pytest.mark.parametrize("column", COLUMNS)
def test_new_on_a_terminal_passes_check_once_the_body_is_written(site, column):
    number = str(COLUMNS.index(column) + 1)
    screen = on_terminal(site, ["new", "--date", "2026-11-22 09:00"], [number, "湛江市司法局开展宪法宣传周活动", "", "陈晓"])
    (path,) = (site.root / "content" / column / "2026").glob("*.md")
    rel = path.relative_to(site.root).as_posix()
    code, findings = _findings(site, rel)
    assert [f["rule"] for f in findings] == ["meta.body"], screen  # only the text is missing
    path.write_text(path.read_text(encoding="utf-8") + "12月4日，湛江市司法局在霞山区开展宪法宣传周活动。\n",
                    encoding="utf-8")
    code, findings = _findings(site, rel)
    assert (code, findings) == (0, [])


@pytest.mark.parametrize("column", COLUMNS)
def test_import_passes_check_at_once(site, tmp_path, column):
    source = build_draft(tmp_path / "宪法宣传周.docx")
    proc = site.run_here("import", str(source), "--column", column, "--date", "2026-12-04 15:00")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (path,) = (site.root / "content" / column / "2026").glob("*.md")
    code, findings = _findings(site, path.relative_to(site.root).as_posix())
    assert (code, findings) == (0, [])
