"""One audit run: the sweep over articles, records, the built site and the accounts, the
single-veto items (单项否决) and the report data (report.json / report.html). The command
(govpub/commands/audit.py) parses arguments, shows progress and prints the summary."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from govpub.audit.approval_records import Finding
from govpub.audit.records import Problem
from govpub.audit.sweep import Exposure
from govpub.content.article import Article
from govpub.policy import Policy

# beside the report: the attachment sweep's results by file hash, so a daily run reads only new files
ATTACHMENT_CACHE = "attachment-cache.json"


@dataclass
class AuditResult:
    data: dict[str, Any]  # report.json
    vetoes: list[dict[str, str]]
    privacy: list[Exposure]
    problems: list[Problem]
    tamper: list[Finding]
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.vetoes or self.tamper)


def count_work(policy: Policy, site_dir: Path) -> int:
    """The number of progress ticks a run makes (articles are read twice, pages three times)."""
    from govpub.content.paths import article_files

    pages = sum(1 for _ in site_dir.rglob("*.html")) if site_dir.is_dir() else 0
    return len(article_files(policy.root, [])) * 2 + pages * 3


def _interpretation_pairs(articles: list[Article]) -> list[tuple[str, str]]:
    """(解读 page URL, 原文 page URL) for every live interpretation, as the site plugin forms URLs."""
    import posixpath

    from govpub.site.plugin import page_url

    pairs: list[tuple[str, str]] = []
    for art in articles:
        target = art.meta.get("interprets")
        if not isinstance(target, str) or art.meta.get("status") == "withdrawn":
            continue
        original = posixpath.normpath(posixpath.join(posixpath.dirname(art.path), target))
        pairs.append((page_url(art.path.removeprefix("content/")), page_url(original.removeprefix("content/"))))
    return pairs


def _unlinked_interpretations(policy: Policy, articles: list[Article], as_of: datetime) -> list[dict[str, str]]:
    """Live 解读 articles (a column of kind interpretation) that name no live policy document in
    `interprets`: none written, or the original since withdrawn or gone. The built-site check
    (sitecheck.interpretation_links) sees only pairs whose both pages exist."""
    import posixpath

    from govpub.audit.freshness import published_date

    live = {a.path for a in articles if published_date(a, as_of)}
    kinds = {slug: entry["kind"] for slug, entry in policy.columns.items()}
    out = []
    for art in articles:
        if art.path not in live or kinds.get(art.column or "") != "interpretation":
            continue
        target = art.meta.get("interprets")
        if not isinstance(target, str) or not target.strip():
            out.append({"page": art.path, "message": "政策解读没有链接到原文：没有填写 interprets（所解读的政策文件）"})
            continue
        original = posixpath.normpath(posixpath.join(posixpath.dirname(art.path), target))
        if original not in live:
            out.append({"page": art.path, "message": f"政策解读没有链接到原文：原文 {original} 不存在、已撤稿或尚未发布"})
    return out


def run(policy: Policy, *, as_of: datetime, site_dir: Path, site_label: str, external: bool,
        published: dict[str, Any] | None, tick: Callable[[], None] = lambda: None,
        cache: Path | None = None) -> AuditResult:
    """Sweep, judge and assemble the report. published: the last release's record (where the
    approval records are compared from), None without a deploy target. cache: the file keeping
    the attachment sweep's results by file hash (govpub.audit.published), None for none."""
    from govpub.audit import (
        approval_records,
        consultations,
        dating,
        freshness,
        links,
        newmedia,
        priorities,
        records,
        sitecheck,
        sweep,
    )
    from govpub.audit import published as served  # `published` is the release record here
    from govpub.content import article as article_mod
    from govpub.content.paths import article_files
    from govpub.rules.engine import RuleSet

    config = policy.audit_config
    rules = RuleSet(policy)
    articles = [article_mod.load(policy.root, p) for p in article_files(policy.root, [])]
    has_site = site_dir.is_dir() and any(site_dir.rglob("*.html"))
    warnings: list[str] = []
    cons_records, problems = records.load(policy.root, "consultations", "consultation")
    rect_records, more = records.load(policy.root, "rectifications", "rectification")
    problems += more
    columns = freshness.column_states(policy.columns, articles, config, as_of)
    home = freshness.home_page(articles, config, as_of)
    privacy = sweep.sweep_articles(rules, articles, as_of, tick)
    privacy += sweep.sweep_records(rules, [r for r in cons_records if r.data.get("publish", True)],
                                   ("question", "reply"))
    page_problems: list[sitecheck.PageProblem]
    if has_site:
        privacy += sweep.sweep_site(rules, site_dir, tick)
        privacy += sweep.sweep_images(site_dir)
        attachments = served.sweep_attachments(rules, site_dir, cache, tick)
        privacy += attachments.exposures + served.sweep_surfaces(rules, site_dir)
        n_pages, page_problems = sitecheck.check_site(site_dir, tick)
        page_problems += sitecheck.interpretation_links(site_dir, _interpretation_pairs(articles))
    else:
        n_pages, page_problems = 0, []
        attachments = served.AttachmentReport()
        warnings.append(f"没有找到构建好的网站（{site_label}/）：页面元数据、页脚和网页文字未检查，先运行 govpub build")
    broken = links.internal(policy, articles)
    if external:
        checked = links.external(policy, articles, config.get("external_links", {}), tick)
        broken += checked.broken
        if checked.offline:
            warnings.append(links.OFFLINE)
    cons = consultations.assess(cons_records, config, as_of)
    if not all(c.calendar_known for c in cons):
        warnings.append("部分答复期限超出 chinesecalendar 已收录的年份，只按周末计算：请升级 chinesecalendar")
    media = newmedia.last_publications(policy, as_of, config["veto"]["new_media_days"])
    tamper = approval_records.check(policy.root, published)
    no_history = dating.unavailable(policy.root)
    faked = [] if no_history else dating.check(policy.root, config, {a.path for a in articles}, as_of)
    if no_history:
        warnings.append(no_history)

    stale = [c for c in columns if c.state in ("stale", "long_stale")]
    veto_stale = [c for c in stale if c.kind in priorities.veto_kinds(config)]  # counted the inspector's way
    long_stale = [c for c in columns if c.state == "long_stale"]
    blank = [c for c in columns if c.state == "blank"]
    unanswered = consultations.long_unanswered(cons, config["veto"]["unanswered_consultation_days"], as_of)
    vetoes = single_vetoes(config, home=home, stale=veto_stale, long_stale=long_stale, blank=blank,
                           unanswered=unanswered, media=media)
    vetoes += [{"item": "弄虚作假", "detail": f"{f.item}：{f.detail}", "action": f.action} for f in faked]
    ahead = priorities.early_warnings(config, columns=columns, home=home, media=media, consultations=cons, as_of=as_of)
    ahead += [priorities.Item(item, f"{a['path']}：{a['message']}", a["action"])
              for item, rows in (("附件格式", attachments.discouraged), ("孤立附件", attachments.orphans)) for a in rows]
    replies = [t for r in cons_records if r.data.get("publish", True) and r.data.get("reply")
               and (t := r.time("replied")) is not None and t <= as_of]
    link_rows = [b.as_json() for b in broken]
    site_rows = [p.as_json() for p in page_problems] + _unlinked_interpretations(policy, articles, as_of)
    minus = priorities.deductions(config, columns=columns, consultations=cons, published_replies=replies,
                                  broken=link_rows, page_problems=site_rows, as_of=as_of)
    rect_rows = []
    for r in rect_records:
        due = r.time("due")
        overdue = r.data["status"] == "open" and due is not None and as_of.date() > due.date()
        rect_rows.append({**r.data, "id": r.id, "path": r.path, "overdue": overdue})
    data = {
        "organisation": policy.organisation,
        "as_of": as_of.strftime("%Y-%m-%d %H:%M"),
        "vetoes": vetoes,
        "summary": {
            "articles": len(articles), "stale_columns": len(stale), "long_stale_columns": len(long_stale),
            "blank_columns": len(blank), "privacy_exposures": len(privacy),
            "overdue_consultations": sum(c.state == "overdue" for c in cons),
            "near_due_consultations": sum(c.state == "near_due" for c in cons),
            "invalid_consultations": sum(c.state == "invalid" for c in cons),
            "overdue_rectifications": sum(r["overdue"] for r in rect_rows), "broken_links": len(broken),
            "site_pages": n_pages, "site_problems": len(site_rows),
            "veto_stale_columns": len(veto_stale), "faked_dates": len(faked), "deductions": len(minus),
            "early_warnings": len(ahead),
            "external_broken_links": sum(b.external and not b.transient for b in broken),
            "unreachable_external_links": sum(b.transient for b in broken),
            "attachments": attachments.files,
            "attachment_exposures": len(attachments.exposures),
            "site_defect_exposures": sum(p.source == "site" for p in privacy),
            "discouraged_attachments": len(attachments.discouraged), "orphan_attachments": len(attachments.orphans),
        },
        "columns": [c.as_json() for c in columns],
        "home": home,
        "privacy": [p.as_json() for p in privacy],
        "consultations": {"reply_working_days": config["consultations"]["reply_working_days"],
                          "items": [c.as_json() for c in cons]},
        "rectifications": rect_rows,
        "links": link_rows,
        "site": {"pages": n_pages, "problems": site_rows},
        "new_media": media,
        "problems": [p.__dict__ for p in problems],
        "warnings": warnings,
        "approval_records": [f.as_json() for f in tamper],
        "dating": [f.as_json() for f in faked],
        "deductions": [d.as_json() for d in minus],
        "early_warnings": [w.as_json() for w in ahead],
        "attachments": attachments.as_json(),
    }
    return AuditResult(data, vetoes, privacy, problems, tamper, warnings)


def single_vetoes(config: dict[str, Any], *, home: dict[str, Any], stale: list[Any], long_stale: list[Any],
                  blank: list[Any], unanswered: list[Any], media: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The single-veto items (单项否决) of the inspection, with the thresholds of checks/audit.yml."""
    veto_cfg = config["veto"]
    vetoes: list[dict[str, str]] = []
    if home["stale"]:
        vetoes.append({"item": "首页不更新", "detail": f"首页 {home['age_days']} 天没有新信息（期限 {home['threshold_days']} 天）"})
    if len(stale) >= veto_cfg["stale_columns"]:
        from govpub.audit.freshness import KINDS
        from govpub.audit.priorities import veto_kinds

        kinds = "、".join(KINDS.get(k, k) for k in veto_kinds(config))
        vetoes.append({"item": "栏目不更新", "detail": f"{len(stale)} 个{kinds}类栏目未按期更新："
                                                   f"{'、'.join(c.name for c in stale)}"})
    if len(long_stale) >= veto_cfg["long_stale_columns"]:
        vetoes.append({"item": "栏目长期未更新", "detail": f"{len(long_stale)} 个栏目超过 {config['long_stale_days']} 天未更新"})
    if len(blank) >= veto_cfg["blank_columns"]:
        vetoes.append({"item": "空白栏目", "detail": f"{len(blank)} 个空白栏目：{'、'.join(c.name for c in blank)}"})
    if unanswered:
        vetoes.append({"item": "互动回应差", "detail": f"{len(unanswered)} 条咨询超过 {veto_cfg['unanswered_consultation_days']} 天未答复："
                                                   + "、".join(c.record.id for c in unanswered)})
    for m in media:
        if m["stale"]:
            vetoes.append({"item": "政务新媒体不更新", "detail": f"“{m['name']}”{m['state']}"})
    return vetoes


def write(out_dir: Path, data: dict[str, Any]) -> Path:
    """report.json, report.html and report.md (the text the Gitea workflow prints) into out_dir;
    the path of the HTML report."""
    from govpub.audit import report
    from govpub.fsutil import write_atomic

    # both made before either is written: a failed render left a new report.json beside the old report.html
    page, text, raw = report.render(data), report.markdown(data), json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    for name in ("report.html", "report.md", "report.json"):  # what a killed run's write_atomic left
        for tmp in out_dir.glob(f".{name}.*.tmp") if out_dir.is_dir() else []:
            tmp.unlink(missing_ok=True)
    write_atomic(out_dir / "report.html", page, fsync=False)
    write_atomic(out_dir / "report.md", text, fsync=False)
    write_atomic(out_dir / "report.json", raw, fsync=False)
    return out_dir / "report.html"
