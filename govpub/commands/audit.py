"""govpub audit: the scheduled sweep, a report people read at a glance, non-zero on a veto."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from govpub import clock
from govpub.errors import UsageError
from govpub.policy import Policy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", metavar="'YYYY-MM-DD HH:MM'", help="按这个时间巡检（默认为现在）")
    parser.add_argument("--site", metavar="DIR", default="site", help="构建好的网站目录（默认 site/，不存在则跳过）")
    parser.add_argument("--external", action="store_true", help="同时检查外部链接（联网，有超时和缓存）")
    parser.add_argument("--output", metavar="DIR", default="audit-report", help="报告目录（默认 audit-report/）")
    parser.add_argument("--deploy", metavar="TARGET",
                        help="部署位置（与 govpub publish 的 --deploy 相同）：核对审批记录自上次发布以来只追加、未被改写")


def _as_of(value: str | None) -> datetime:
    if value is None:
        return clock.wall_now()
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise UsageError(f"--as-of“{value}”无效", hint="写成 YYYY-MM-DD HH:MM，如 2026-11-20 09:30")


def _interpretation_pairs(articles: list) -> list[tuple[str, str]]:
    """(解读 page URL, 原文 page URL) for every live interpretation, as the site plugin forms URLs."""
    import posixpath

    from govpub.site.plugin import page_url

    pairs = []
    for art in articles:
        target = art.meta.get("interprets")
        if not isinstance(target, str) or art.meta.get("status") == "withdrawn":
            continue
        original = posixpath.normpath(posixpath.join(posixpath.dirname(art.path), target))
        pairs.append((page_url(art.path.removeprefix("content/")), page_url(original.removeprefix("content/"))))
    return pairs


class _Progress:
    """A rich progress bar on a terminal; silent otherwise (CI logs stay readable)."""

    def __init__(self, total: int) -> None:
        self.bar = None
        if sys.stderr.isatty() and "CI" not in os.environ:
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.task = self.bar.add_task("巡检中", total=total)
            self.bar.start()

    def tick(self) -> None:
        if self.bar:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.bar:
            self.bar.stop()


def run(args: argparse.Namespace) -> int:
    from govpub.audit import (
        consultations,
        freshness,
        links,
        newmedia,
        records,
        report,
        sitecheck,
        sweep,
    )
    from govpub.content import article as article_mod
    from govpub.content.paths import article_files
    from govpub.rules.engine import RuleSet

    policy = Policy.discover()
    as_of = _as_of(args.as_of)
    config = policy.audit_config
    rules = RuleSet(policy)
    articles = [article_mod.load(policy.root, p) for p in article_files(policy.root, [])]
    site_dir = (policy.root / args.site) if not os.path.isabs(args.site) else Path(args.site)
    pages = sorted(site_dir.rglob("*.html")) if site_dir.is_dir() else []
    progress = _Progress(len(articles) * 2 + len(pages) * 2)
    warnings: list[str] = []
    try:
        cons_records, problems = records.load(policy.root, "consultations", "consultation")
        rect_records, more = records.load(policy.root, "rectifications", "rectification")
        problems += more
        columns = freshness.column_states(policy.columns, articles, config, as_of)
        home = freshness.home_page(articles, config, as_of)
        privacy = sweep.sweep_articles(rules, articles, as_of, progress.tick)
        privacy += sweep.sweep_records(rules, [r for r in cons_records if r.data.get("publish", True)],
                                       ("question", "reply"))
        if pages:
            privacy += sweep.sweep_site(rules, site_dir, progress.tick)
            privacy += sweep.sweep_images(site_dir)
            n_pages, page_problems = sitecheck.check_site(site_dir, progress.tick)
            page_problems += sitecheck.interpretation_links(site_dir, _interpretation_pairs(articles))
        else:
            n_pages, page_problems = 0, []
            warnings.append(f"没有找到构建好的网站（{args.site}/）：页面元数据、页脚和网页文字未检查，先运行 govpub build")
        broken = links.internal(policy, articles)
        if args.external:
            checked = links.external(policy, articles, config.get("external_links", {}), progress.tick)
            broken += checked.broken
            if checked.offline:
                warnings.append(links.OFFLINE)
        cons = consultations.assess(cons_records, config, as_of)
        if not all(c.calendar_known for c in cons):
            warnings.append("部分答复期限超出 chinesecalendar 已收录的年份，只按周末计算：请升级 chinesecalendar")
        media = newmedia.last_publications(policy.root, policy.accounts, as_of, config["veto"]["new_media_days"])
    finally:
        progress.stop()

    from govpub.audit import approval_records
    from govpub.publish import deploy

    tamper = approval_records.check(policy.root, deploy.published(args.deploy) if args.deploy else None)
    veto_cfg = config["veto"]
    stale = [c for c in columns if c.state in ("stale", "long_stale")]
    long_stale = [c for c in columns if c.state == "long_stale"]
    blank = [c for c in columns if c.state == "blank"]
    unanswered = consultations.long_unanswered(cons, veto_cfg["unanswered_consultation_days"], as_of)
    vetoes = []
    if home["stale"]:
        vetoes.append({"item": "首页不更新", "detail": f"首页 {home['age_days']} 天没有新信息（期限 {home['threshold_days']} 天）"})
    if len(stale) >= veto_cfg["stale_columns"]:
        vetoes.append({"item": "栏目不更新", "detail": f"{len(stale)} 个栏目未按期更新：{'、'.join(c.name for c in stale)}"})
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
    rect_rows = []
    for r in rect_records:
        due = r.time("due")
        overdue = r.data["status"] == "open" and due is not None and as_of.date() > due.date()
        rect_rows.append({**r.data, "id": r.id, "path": r.path, "overdue": overdue})
    cons_json = [c.as_json() for c in cons]
    data = {
        "organisation": policy.organisation,
        "as_of": as_of.strftime("%Y-%m-%d %H:%M"),
        "vetoes": vetoes,
        "summary": {
            "articles": len(articles), "stale_columns": len(stale), "long_stale_columns": len(long_stale),
            "blank_columns": len(blank), "privacy_exposures": len(privacy),
            "overdue_consultations": sum(c.state == "overdue" for c in cons),
            "near_due_consultations": sum(c.state == "near_due" for c in cons),
            "overdue_rectifications": sum(r["overdue"] for r in rect_rows), "broken_links": len(broken),
            "site_pages": n_pages, "site_problems": len(page_problems),
        },
        "columns": [c.as_json() for c in columns],
        "home": home,
        "privacy": [p.as_json() for p in privacy],
        "consultations": {"reply_working_days": config["consultations"]["reply_working_days"], "items": cons_json},
        "rectifications": rect_rows,
        "links": [b.as_json() for b in broken],
        "site": {"pages": n_pages, "problems": [p.as_json() for p in page_problems]},
        "new_media": media,
        "problems": [p.__dict__ for p in problems],
        "warnings": warnings,
        "approval_records": [f.as_json() for f in tamper],
    }
    out_dir = policy.root / args.output if not os.path.isabs(args.output) else Path(args.output)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    (out_dir / "report.html").write_text(report.render(data), "utf-8")
    s = data["summary"]
    sys.stdout.write(
        f"巡检完成（{data['as_of']}）：单项否决 {len(vetoes)} 项，未按期更新栏目 {s['stale_columns']} 个，"
        f"空白栏目 {s['blank_columns']} 个，个人信息暴露 {s['privacy_exposures']} 处，"
        f"逾期未答复咨询 {s['overdue_consultations']} 条，失效链接 {s['broken_links']} 个\n")
    for w in warnings:
        sys.stdout.write(f"  注意：{w}\n")
    for v in vetoes:
        sys.stdout.write(f"  单项否决：{v['item']}：{v['detail']}\n")
    for p in privacy:
        sys.stdout.write(f"  {p.path}:{p.line} {p.rule} {p.message}\n    处理：{p.action}\n")
    for p in problems:
        sys.stdout.write(f"  {p.path}:{p.line} 记录格式错误：{p.message}\n")
    for f in tamper:
        sys.stdout.write(f"  {f.item}：{f.detail}\n    处理：{f.action}\n")
    sys.stdout.write(f"报告：{(out_dir / 'report.html').relative_to(policy.root) if out_dir.is_relative_to(policy.root) else out_dir / 'report.html'}\n")
    return 1 if vetoes or tamper else 0
