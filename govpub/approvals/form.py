"""The 信息发布审批表 (Art. 7(一)) rendered from the approval record in Git.

Everything printed comes from the record (record.py), never from the forge or from
front matter at render time, so the form shows what was decided when it was merged.
Every value is HTML-escaped; the template holds no logic. The PDF is the same HTML
through WeasyPrint (needs pango and a CJK font, see .ci/run).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from string import Template
from typing import Any

from govpub.approvals.model import local, parse_time
from govpub.approvals.record import NOTES_REF
from govpub.errors import GovpubError
from govpub.fsutil import write_atomic

LEVEL_ROWS = (
    ("L1", "科室负责人自查自校", "一级"),
    ("L2", "分管领导初审", "二级"),
    ("L3", "三级审核", "三级"),
)

_PAGE = Template("""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>$doc_title</title>
<style>
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
       font-size: 11pt; color: #000; }
section.form { page-break-after: always; }
section.form:last-child { page-break-after: auto; }
h1 { font-size: 18pt; text-align: center; letter-spacing: 2pt; margin: 0 0 4mm; }
p.meta { text-align: right; font-size: 9pt; margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 3mm 2.5mm; vertical-align: middle; word-break: break-all; }
th { width: 24%; font-weight: bold; text-align: center; background: #f3f3f3; }
td.sub { width: 14%; text-align: center; font-weight: bold; background: #f3f3f3; }
.pending { color: #b00; font-weight: bold; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
p.banner { border: 2px solid #b00; color: #b00; padding: 2mm; font-weight: bold; }
p.foot { font-size: 8.5pt; color: #333; margin-top: 4mm; line-height: 1.5; }
</style>
</head>
<body>
$forms
</body>
</html>
""")

_FORM = Template("""<section class="form">
<h1>$organisation信息发布审批表</h1>
<p class="meta">合并请求 #$number　合并提交 <code>$merge_short</code></p>
$banner<table>
<tr><th>信息标题</th><td colspan="3">$title</td></tr>
<tr><th>发布平台</th><td colspan="3">$platforms</td></tr>
<tr><th>拟稿人</th><td>$author</td><td class="sub">拟稿科室</td><td>$department</td></tr>
<tr><th>拟稿时间</th><td>$drafted</td><td class="sub">拟发布时间</td><td>$publish_at</td></tr>
$levels
<tr><th>签发</th><td>$signer</td><td class="sub">时间</td><td>$signed_at</td></tr>
<tr><th>审核的版本</th><td colspan="3">稿件提交 <code>$head</code>（三级审核均针对此提交）<br>合并提交 <code>$merge</code></td></tr>
</table>
<p class="foot">本表由 govpub 根据 Git 中的审批记录（$notes_ref，合并提交 <code>$merge_short</code>，记录时间 $recorded）生成。
审核依据：《$regulation》第五条、第七条（“三审三校”）。
审核人须依次为一级、二级、三级，三人不同，且都不是稿件提交人；各级审核时间以代码托管平台的审核记录为准（北京时间）。$source</p>
</section>
""")

_LEVEL = Template("""<tr><th>$label<br><small>（$level_name）</small></th><td>$who</td><td class="sub">时间</td><td>$when<br><small>提交 <code>$commit</code></small></td></tr>""")


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _when(value: str | None) -> str:
    return local(parse_time(value)) if value else ""


def _platforms(channels: Any, policy: Any) -> str:
    if isinstance(channels, str):
        channels = [c.strip() for c in channels.strip("[]").split(",") if c.strip()]
    names = []
    for ch in channels or ["website"]:
        acc = policy.accounts.get(ch) if policy is not None else None
        names.append(acc["name"] if acc else str(ch))
    return "、".join(names)


def render_one(data: dict[str, Any], article: dict[str, Any] | None, policy: Any) -> str:
    pull = data.get("pull") or {}
    levels = {lv["level"]: lv for lv in data.get("levels") or []}
    rows = []
    for level, label, level_name in LEVEL_ROWS:
        lv = levels.get(level)
        if lv is None:
            who, when, commit = "（本次改动不需要该级审核）", "", ""
        elif lv.get("state") == "approved":
            who = f"{e(lv.get('name') or lv.get('reviewer'))}　{e(lv.get('role'))}<br><small>账号 {e(lv.get('reviewer'))}</small>"
            when, commit = e(_when(lv.get("submitted_at"))), e((lv.get("commit_id") or "")[:12])
        else:
            who = f'<span class="pending">未通过（{e(lv.get("state_name") or lv.get("state"))}）</span>'
            when, commit = "", ""
        rows.append(_LEVEL.substitute(label=e(label), level_name=e(level_name), who=who, when=when,
                                      commit=commit or "—"))
    signer = data.get("signed_off") or {}
    signer_text = e(signer.get("name") or signer.get("login") or "（未记录）")
    if signer.get("name") and signer.get("login"):
        signer_text += f"<br><small>账号 {e(signer['login'])}</small>"
    reviewers = {str(lv.get("reviewer") or "").lower() for lv in levels.values() if lv.get("state") == "approved"}
    if signer.get("login") and str(signer["login"]).lower() not in reviewers:
        # whoever pressed "merge" (a drafter with write access may): not a sign-off nobody reviewed
        signer_text += "<br><small>（合并操作人，不是本合并请求的审核人；签发以三级审核为准）</small>"
    art = article or {}
    commits = data.get("commits") or []
    # Drafted: the earliest commit of the PR (its author date), else when the PR was opened.
    times = sorted(c["authored_at"] for c in commits if c.get("authored_at"))
    drafted = _when(times[0] if times else pull.get("created_at"))
    banner = "" if data.get("approved") else (
        f'<p class="banner">注意：该合并请求合并时未完成三审（{e(data.get("description"))}），不得作为发布依据。</p>\n')
    if int(data.get("versions") or 0) > 1:
        banner += (f'<p class="banner">注意：这份审批记录写入后被改写过（共 {int(data["versions"])} 个版本，'
                   f"见 git log -p {e(NOTES_REF)}）。有推送权限的人都能改写审批记录：请以代码托管平台上的审核为准，"
                   f"用 govpub approvals verify --forge … --pr {e(pull.get('number'))} 核对后再归档。</p>\n")
    from govpub.publish.gate import record_time_problem

    if when_wrong := record_time_problem(data):
        banner += (f'<p class="banner">注意：{e(when_wrong)}：这份记录不是“三审”工作流写入的。请以代码托管平台上的审核为准，'
                   f"用 govpub approvals verify --forge … --pr {e(pull.get('number'))} 核对后再归档。</p>\n")
    source = f"<br>合并请求：{e(pull.get('html_url'))}" if pull.get("html_url") else ""
    return _FORM.substitute(
        organisation=e(data.get("organisation") or ""),
        regulation=e(policy.regulation["title"]),
        number=e(pull.get("number")),
        merge_short=e((data.get("merge_commit") or "")[:12]),
        merge=e(data.get("merge_commit")),
        head=e(data.get("head_commit")),
        banner=banner,
        title=e(art.get("title") or pull.get("title")),
        platforms=e(_platforms(art.get("channels"), policy)),
        author=e(art.get("author") or "、".join(n for c in commits[:1] for n in c.get("names", [])[:1])),
        department=e(art.get("department") or data.get("department") or ""),
        drafted=e(drafted),
        publish_at=e(art.get("date") or ""),
        levels="\n".join(rows),
        signer=signer_text,
        signed_at=e(_when(signer.get("at"))),
        notes_ref=e(NOTES_REF),
        recorded=e(_when(data.get("recorded_at"))),
        source=source,
    )


def render(data: dict[str, Any], policy: Any, article: str | None = None) -> str:
    """The whole HTML document: one form per article of the PR (or just the one asked for)."""
    articles = data.get("articles") or []
    if article is not None:
        articles = [a for a in articles if a.get("path") == article] or [{"path": article}]
    forms = [render_one(data, a, policy) for a in articles] or [render_one(data, None, policy)]
    number = (data.get("pull") or {}).get("number")
    return _PAGE.substitute(doc_title=e(f"信息发布审批表 合并请求 #{number}"), forms="\n".join(forms))


def _slug(article: str | None) -> str:
    if not article:
        return ""
    stem = Path(article).stem
    return "-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "article")


def write(data: dict[str, Any], policy: Any, out: Path, *, article: str | None = None,
          pdf: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    number = (data.get("pull") or {}).get("number")
    base = out / f"approval-form-pr{number}{_slug(article)}"
    page = render(data, policy, article)
    html_path = base.with_suffix(".html")
    write_atomic(html_path, page)
    written = [html_path]
    if pdf:
        try:
            from weasyprint import HTML
        except (ImportError, OSError) as exc:
            raise GovpubError(f"无法生成 PDF：{exc}",
                              hint="安装 weasyprint（pip install 'govpub[full]'）和 pango（Debian：apt-get install "
                                   "libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk），或加 --no-pdf 只生成 HTML") from None
        pdf_path = base.with_suffix(".pdf")
        HTML(string=page, base_url=str(out)).write_pdf(pdf_path)
        written.append(pdf_path)
    return written
