"""The audit's personal-data sweep over everything the deployed site serves (Art. 12), not only
its pages: the attachments readers download (CSV, Excel, Word, PDF, OFD, zip), the search index,
sitemap and feeds a crawler fetches, and the 互动交流 page; early warnings for legacy formats and
attachments no page links (govpub.audit.published).

One real MkDocs build of the sample site per module, whose article links clean attachments; each
test then puts on the built site what an old upload or a hand copy left there (real files made
with python-docx and byte-exact PDF/OFFICE writers of tests/test_attach9.py), as a deploy target
holds it. The sweep never sees content/: the hostile copies exist only where readers get them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import article_text, copy_site
from test_attach9 import ID, MOBILE, _ofd, _pdf, _word, _xlsx, _zip

from govpub.audit import published

FOLDER = "pfyfz/2026"
LINKS = {"mingdan.csv": "名单", "名单.xlsx": "统计表", "tongbao.docx": "通报", "tongbao.pdf": "通报PDF",
         "cailiao.zip": "材料", "wenjian.ofd": "版式文件"}


def _clean_files() -> dict[str, bytes]:
    return {"mingdan.csv": "序号,单位\n1,赤坎区调解委员会\n".encode(),
            "名单.xlsx": _xlsx([("名单", [["单位", "件数"], ["赤坎区", 12]], False)]),
            "tongbao.docx": _word("2026年人民调解工作情况通报。", "湛江市司法局"),
            "tongbao.pdf": _pdf(["人民调解工作情况", "第二页"]),
            "cailiao.zip": _zip({"说明.txt": "材料说明。"}),
            "wenjian.ofd": _ofd(["版式文件正文"])}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample site with one article linking six clean attachments, built once; the pristine
    site/ is kept aside and put back before each test."""
    site = copy_site(tmp_path_factory.mktemp("audit10") / "repo")
    folder = site.root / "content" / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f"- [{label}]({name})\n" for name, label in LINKS.items())
    (folder / "tiaojie.md").write_text(article_text("人民调解工作情况通报，附件如下：\n\n" + body,
                                                    title="2026年人民调解工作情况通报"), "utf-8")
    for name, data in _clean_files().items():
        (folder / name).write_bytes(data)
    proc = site.run("build", "--quiet")
    assert proc.returncode == 0, proc.stderr
    shutil.copytree(site.root / "site", site.root / "pristine")
    return site


@pytest.fixture(scope="module")
def rules(built):
    from govpub.policy import Policy
    from govpub.rules.engine import RuleSet

    return RuleSet(Policy(built.root))


@pytest.fixture
def site(built, rules, monkeypatch):
    from govpub.rules import engine

    shutil.rmtree(built.root / "site")
    shutil.copytree(built.root / "pristine", built.root / "site")
    shutil.rmtree(built.root / "audit-report", ignore_errors=True)
    monkeypatch.setattr(engine, "RuleSet", lambda policy: rules)
    return built


def served(site) -> Path:
    return site.root / "site" / FOLDER


def sweep(site, rules, cache: Path | None = None) -> published.AttachmentReport:
    return published.sweep_attachments(rules, site.root / "site", cache)


def found(report: published.AttachmentReport) -> set[tuple[str, str, str]]:
    return {(e.path.rsplit("/", 1)[-1], e.rule, e.where) for e in report.exposures}


def test_the_clean_built_site_has_no_finding_and_every_attachment_is_linked(site, rules):
    report = sweep(site, rules)
    assert report.files == len(LINKS) and report.read == len(LINKS)
    assert report.exposures == [] and report.orphans == [] and report.discouraged == []


def test_hostile_copies_on_the_server_are_found_in_every_format(site, rules):
    """What the content checks never saw: each file replaced on the server after the build."""
    files = {
        # GBK, as Excel saves a CSV in China; the number as a bare column
        "mingdan.csv": f"序号,姓名,联系电话\n1,张某,{MOBILE}\n".encode("gbk"),
        # an ID typed as a number (scientific notation) in a hidden sheet
        "名单.xlsx": _xlsx([("汇总", [["单位"], ["赤坎区"]], False), ("当事人", [["身份证"], [int(ID[:-1] + "0")], [ID]], True)]),
        # in the footer, where the reader of the page never looks
        "tongbao.docx": _word("2026年人民调解工作情况通报。", f"经办人电话 {MOBILE}"),
        # on page 2 of the PDF's text layer
        "tongbao.pdf": _pdf(["人民调解工作情况", f"当事人身份证号 {ID}"]),
        # a member of a zip
        "cailiao.zip": _zip({"说明.txt": "材料说明。", "附件/当事人.csv": f"姓名,电话\n李某,{MOBILE}\n"}),
        "wenjian.ofd": _ofd(["版式文件正文", f"身份证号 {ID}"]),
    }
    for name, data in files.items():
        (served(site) / name).write_bytes(data)
    report = sweep(site, rules)
    hits = found(report)
    assert {(n, r) for n, r, _ in hits} >= {
        ("mingdan.csv", "privacy.mobile"), ("名单.xlsx", "privacy.id-number"), ("tongbao.docx", "privacy.mobile"),
        ("tongbao.pdf", "privacy.id-number"), ("cailiao.zip", "privacy.mobile"), ("wenjian.ofd", "privacy.id-number")}
    where = {n: w for n, _, w in hits}
    assert where["mingdan.csv"] == "第 2 行" and "第 2 页" in where["tongbao.pdf"]
    assert "当事人" in where["名单.xlsx"] and "页脚" in where["tongbao.docx"] and "当事人.csv" in where["cailiao.zip"]
    for e in report.exposures:  # the page linking it, the file, and what to do, in Chinese
        assert e.pages == [f"{FOLDER}/tiaojie/"] and e.path.startswith(f"site/{FOLDER}/") and e.source == "attachment"
        assert "撤下附件" in e.action and "遮盖" in e.action and f"{FOLDER}/tiaojie/" in e.message
    assert not any(ID in e.message or MOBILE in e.message for e in report.exposures)


def test_a_secret_marking_in_a_served_attachment_is_found(site, rules):
    (served(site) / "tongbao.docx").write_bytes(_word("机密★1年\n2026年人民调解工作情况通报。", "湛江市司法局"))
    assert any(r.startswith("secret.") for _, r, _ in found(sweep(site, rules)))


def test_the_cache_reads_only_new_or_changed_files(site, rules, tmp_path):
    cache = tmp_path / "cache.json"
    (served(site) / "mingdan.csv").write_text(f"姓名,电话\n张某,{MOBILE}\n", "utf-8")
    first = sweep(site, rules, cache)
    assert (first.read, first.cached) == (len(LINKS), 0)
    second = sweep(site, rules, cache)
    assert (second.read, second.cached) == (0, len(LINKS))
    assert found(second) == found(first) != set()  # a cached finding is still reported
    (served(site) / "tongbao.pdf").write_bytes(_pdf(["人民调解工作情况", f"身份证号 {ID}"]))
    third = sweep(site, rules, cache)
    assert (third.read, third.cached) == (1, len(LINKS) - 1)
    assert ("tongbao.pdf", "privacy.id-number") in {(n, r) for n, r, _ in found(third)}


def test_a_cache_from_other_rules_or_a_broken_cache_is_not_trusted(site, rules, tmp_path):
    """A cache written under other rules (checks/ changed) or damaged is read again, never
    believed: a stale 'no finding' would hide a file the new rules catch."""
    cache = tmp_path / "cache.json"
    (served(site) / "mingdan.csv").write_text(f"姓名,电话\n张某,{MOBILE}\n", "utf-8")
    sweep(site, rules, cache)
    data = json.loads(cache.read_text("utf-8"))
    data["files"] = {k: [] for k in data["files"]}  # every file "clean"
    data["rules"] = "0" * 64
    cache.write_text(json.dumps(data), "utf-8")
    again = sweep(site, rules, cache)
    assert again.read == len(LINKS) and ("mingdan.csv", "privacy.mobile") in {(n, r) for n, r, _ in found(again)}
    cache.write_text("{not json", "utf-8")
    assert sweep(site, rules, cache).read == len(LINKS)


def test_orphans_and_legacy_formats_are_early_warnings(site, rules):
    root = site.root / "site"
    (root / "old").mkdir()
    (root / "old/2019名单.csv").write_text(f"姓名,电话\n王某,{MOBILE}\n", "utf-8")
    (served(site) / "旧通知.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    page = served(site) / "tiaojie/index.html"
    (root / "old/2025.pdf").write_bytes(_pdf(["二〇二五年报告"]))  # linked with the site's full address
    (root / "old/elsewhere.pdf").write_bytes(_pdf(["另一网站的同名文件"]))  # only another site links this name
    page.write_text(page.read_text("utf-8").replace("</article>", (
        '<a href="../%E6%97%A7%E9%80%9A%E7%9F%A5.doc">旧通知</a><a href="HTTPS://SFJ.zhanjiang.gov.cn/old/2025.pdf?v=2#p1">报告</a>'
        '<a href="https://www.example.com/old/elsewhere.pdf">外站</a></article>'), 1), "utf-8")
    report = sweep(site, rules)
    assert [o["path"] for o in report.orphans] == ["site/old/2019名单.csv", "site/old/elsewhere.pdf"]
    assert [(d["path"], d["pages"]) for d in report.discouraged] == [(f"site/{FOLDER}/旧通知.doc", [f"{FOLDER}/tiaojie/"])]
    orphan = [e for e in report.exposures if e.path == "site/old/2019名单.csv"]
    assert orphan and orphan[0].pages == [] and "孤立附件" in orphan[0].message


def test_search_index_and_feeds_leaking_what_no_page_shows_are_site_defects(site, rules):
    root = site.root / "site"
    index = root / published.SEARCH_INDEX
    data = json.loads(index.read_text("utf-8"))
    data["docs"].append({"location": f"{FOLDER}/tiaojie/#dangshiren", "title": "当事人", "text": f"<p>联系电话 {MOBILE}</p>"})
    index.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    sitemap = root / "sitemap.xml"
    sitemap.write_text(sitemap.read_text("utf-8").replace("</urlset>", f"<!-- {ID} --><url><loc>x/{ID}/</loc></url></urlset>"), "utf-8")
    hits = published.sweep_surfaces(rules, root)
    assert {(e.path, e.rule, e.source) for e in hits} == {
        ("site/search/search_index.json", "privacy.mobile", "site"), ("site/sitemap.xml", "privacy.id-number", "site")}
    assert all(e.message.startswith("网站缺陷") and "govpub build" in e.action for e in hits)
    assert "dangshiren" in next(e.where for e in hits if e.path.endswith(".json"))


def test_what_a_page_shows_is_reported_once_with_the_page_not_again_as_an_index_defect(site, rules):
    page = served(site) / "tiaojie/index.html"
    page.write_text(page.read_text("utf-8").replace("</article>", f"<p>电话 {MOBILE}</p></article>", 1), "utf-8")
    index = site.root / "site" / published.SEARCH_INDEX
    data = json.loads(index.read_text("utf-8"))
    data["docs"].append({"location": f"{FOLDER}/tiaojie/", "title": "", "text": f"电话 {MOBILE}"})
    index.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert published.sweep_surfaces(rules, site.root / "site") == []


def test_the_audit_reports_attachments_and_defects_in_json_markdown_and_html(site):
    """The real command: additive JSON keys, the report's lines in Chinese, the 互动交流 page's
    unmasked number reported as a site defect, the cache written beside the report."""
    (served(site) / "mingdan.csv").write_text(f"姓名,电话\n张某,{MOBILE}\n", "utf-8")
    (site.root / "site/wzdt.pdf").write_bytes(_pdf([f"身份证号 {ID}"]))
    interact = site.root / "site/hdjl/index.html"
    interact.write_text(interact.read_text("utf-8").replace("</article>", f"<p>来电 {MOBILE}</p></article>", 1), "utf-8")
    proc = site.run_here("audit", "--as-of", "2026-12-01 10:00")
    assert proc.returncode in (0, 1), proc.stderr
    out = site.root / "audit-report"
    data = json.loads((out / "report.json").read_text("utf-8"))
    s = data["summary"]
    assert (s["attachments"], s["attachment_exposures"], s["orphan_attachments"], s["site_defect_exposures"]) == (len(LINKS) + 1, 2, 1, 1)
    assert data["attachments"]["read"] == len(LINKS) + 1 and (out / "attachment-cache.json").is_file()
    rows = {(p["path"], p.get("source")) for p in data["privacy"]}
    assert {(f"site/{FOLDER}/mingdan.csv", "attachment"), ("site/wzdt.pdf", "attachment"), ("site/hdjl/index.html", "site")} <= rows
    assert any(w["item"] == "孤立附件" and "site/wzdt.pdf" in w["detail"] for w in data["early_warnings"])
    md, html = (out / "report.md").read_text("utf-8"), (out / "report.html").read_text("utf-8")
    assert "site/wzdt.pdf:1" in md and "网站提供下载的附件 7 个已排查" in md and "网站缺陷" in md
    assert "附件中的个人信息或密级标注 2 处" in html and "mingdan.csv" in html
    cache = json.loads((out / "attachment-cache.json").read_text("utf-8"))
    assert len(cache["files"]) == len(LINKS) + 1 and any(cache["files"].values())


def test_a_register_of_thousands_of_numbers_is_a_few_lines_not_thousands(site, rules):
    from govpub.rules.engine import HIT_LIMIT, PER_RULE

    for n, more in ((300, f"另有 {300 - PER_RULE} 处同类"), (3000, f"另有 {HIT_LIMIT - PER_RULE} 处以上同类")):
        rows = "".join(f"{i},当事人{i},139{i:08d}\n" for i in range(n))
        (served(site) / "mingdan.csv").write_text("序号,姓名,电话\n" + rows, "utf-8")
        hits = [e for e in sweep(site, rules).exposures if e.rule == "privacy.mobile"]
        assert len(hits) == PER_RULE and more in hits[-1].message and "另有" not in hits[-2].message


def test_a_link_in_the_deploy_folder_is_not_followed(site, rules, tmp_path):
    outside = tmp_path / "secret.csv"
    outside.write_text(f"姓名,电话\n张某,{MOBILE}\n", "utf-8")
    (site.root / "site/leak.csv").symlink_to(outside)
    report = sweep(site, rules)
    assert report.files == len(LINKS) and not any("leak" in e.path for e in report.exposures)


def test_an_unwritable_cache_costs_the_saving_not_the_sweep(site, rules, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", "utf-8")
    (served(site) / "mingdan.csv").write_text(f"姓名,电话\n张某,{MOBILE}\n", "utf-8")
    report = sweep(site, rules, blocker / "attachment-cache.json")
    assert report.read == len(LINKS) and ("mingdan.csv", "privacy.mobile") in {(n, r) for n, r, _ in found(report)}
