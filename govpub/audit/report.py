"""The audit report: one self-contained HTML page (Chinese, no outside requests) and JSON.

Veto items stand in red at the top; then a freshness chart per column and a reply-
timeliness chart (inline SVG), then the tables."""

from __future__ import annotations

from html import escape
from typing import Any

from govpub.audit.freshness import KINDS

STATE_NAMES = {"ok": "正常", "stale": "未按期更新", "long_stale": "长期未更新", "blank": "空白栏目"}
CONSULT_NAMES = {"on_time": "按期答复", "late": "逾期答复", "open": "办理中", "near_due": "即将到期",
                 "overdue": "逾期未答复", "invalid": "无效留言"}
COLOURS = {"ok": "#2e7d32", "stale": "#e65100", "long_stale": "#b71c1c", "blank": "#757575"}

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#1a1a1a;background:#f5f6f8}
main{max-width:1080px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px} h2{font-size:20px;margin:32px 0 12px;border-left:4px solid #b71c1c;padding-left:8px}
.meta{color:#555;margin-bottom:16px}
.veto{background:#fdecea;border:2px solid #c62828;color:#b71c1c;padding:12px 16px;border-radius:6px}
.veto h2{border:0;margin:0 0 8px;padding:0;color:#b71c1c} .veto li{font-size:17px;margin:4px 0}
.ahead h2{border-left-color:#e65100}
.pass{background:#e8f5e9;border:2px solid #2e7d32;color:#1b5e20;padding:12px 16px;border-radius:6px;font-size:18px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{background:#fff;border-radius:6px;padding:12px 16px;min-width:150px;box-shadow:0 1px 2px #0002}
.card b{display:block;font-size:28px} .card.bad b{color:#b71c1c} .card.good b{color:#2e7d32}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top} th{background:#eceff1}
code{font-size:12px;word-break:break-all} .none{color:#2e7d32}
"""


def _table(headers: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f'<p class="none">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def freshness_chart(columns: list[dict[str, Any]]) -> str:
    """Horizontal bars: days since the last update, with each column's threshold marked."""
    width, left, row = 760, 150, 26
    height = row * len(columns) + 30
    scale_max = max([c["age_days"] or 0 for c in columns] + [c["threshold_days"] or 0 for c in columns] + [14])
    px = (width - left - 60) / scale_max
    parts = [f'<svg role="img" aria-label="各栏目距上次更新的天数" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    for i, c in enumerate(columns):
        y = 10 + i * row
        age = c["age_days"]
        colour = COLOURS[c["state"]]
        label = f'{c["name"]}'
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="13">{escape(label)}</text>')
        if age is None:
            parts.append(f'<text x="{left + 4}" y="{y + 15}" font-size="13" fill="{colour}">空白栏目</text>')
        else:
            parts.append(f'<rect x="{left}" y="{y + 3}" width="{max(2, age * px):.1f}" height="16" fill="{colour}"/>')
            parts.append(f'<text x="{left + max(2, age * px) + 4:.1f}" y="{y + 15}" font-size="12">{age} 天</text>')
        if c["threshold_days"]:
            x = left + c["threshold_days"] * px
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + row - 2}" stroke="#000" '
                         f'stroke-dasharray="3,2"/>')
    parts.append(f'<text x="{left}" y="{height - 4}" font-size="11" fill="#555">虚线为国家检查指标规定的更新期限</text>')
    parts.append("</svg>")
    return "".join(parts)


def timeliness_chart(items: list[dict[str, Any]], deadline_days: int) -> str:
    """Columns: how many consultations were answered in 0, 1, 2 … working days; the deadline marked."""
    counts: dict[str, int] = {}
    for c in items:
        if c["reply_workdays"] is not None:
            key = str(min(c["reply_workdays"], deadline_days + 5))
            counts[key] = counts.get(key, 0) + 1
    open_items = sum(1 for c in items if c["reply_workdays"] is None and c["state"] != "invalid")
    keys = [str(i) for i in range(deadline_days + 6)]
    width, height, base = 760, 200, 170
    top = max([*counts.values(), open_items, 1])
    bar = (width - 120) / (len(keys) + 1)
    parts = [f'<svg role="img" aria-label="咨询答复用时分布" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    for i, k in enumerate(keys):
        n = counts.get(k, 0)
        h = 130 * n / top
        x = 40 + i * bar
        late = int(k) > deadline_days
        parts.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar - 6:.1f}" height="{h:.1f}" '
                     f'fill="{"#c62828" if late else "#1565c0"}"/>')
        label = f"≥{k}" if int(k) == deadline_days + 5 else k
        parts.append(f'<text x="{x + bar / 2 - 3:.1f}" y="{base + 14}" font-size="11" text-anchor="middle">{label}</text>')
        if n:
            parts.append(f'<text x="{x + bar / 2 - 3:.1f}" y="{base - h - 3:.1f}" font-size="11" text-anchor="middle">{n}</text>')
    x = 40 + (deadline_days + 1) * bar - 3
    parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="20" y2="{base}" stroke="#c62828" stroke-dasharray="4,3"/>')
    parts.append(f'<text x="{x + 4:.1f}" y="30" font-size="12" fill="#c62828">答复期限 {deadline_days} 个工作日</text>')
    ox = 40 + len(keys) * bar + 10
    h = 130 * open_items / top
    parts.append(f'<rect x="{ox:.1f}" y="{base - h:.1f}" width="{bar - 6:.1f}" height="{h:.1f}" fill="#757575"/>')
    parts.append(f'<text x="{ox + bar / 2:.1f}" y="{base + 14}" font-size="11" text-anchor="middle">未答复 {open_items}</text>')
    parts.append(f'<text x="40" y="{height - 2}" font-size="11" fill="#555">横轴：收到后第几个工作日答复</text>')
    parts.append("</svg>")
    return "".join(parts)


def render(data: dict[str, Any]) -> str:
    s = data["summary"]
    vetoes = data["vetoes"]
    out = [f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>网站与政务新媒体巡检报告 '
           f'{escape(data["as_of"])}</title><meta name="viewport" content="width=device-width,initial-scale=1">'
           f"<style>{CSS}</style></head><body><main>",
           f'<h1>{escape(data["organisation"])}网站与政务新媒体巡检报告</h1>',
           f'<p class="meta">巡检时间：{escape(data["as_of"])}　依据：《管理制度》第四条、第九条、第十二条；'
           f"国办秘函〔2019〕19号检查指标</p>"]
    if vetoes:
        items = "".join(f"<li>{escape(v['item'])}：{escape(v['detail'])}"
                        + (f"<br><small>处理：{escape(v['action'])}</small>" if v.get("action") else "") + "</li>"
                        for v in vetoes)
        out.append(f'<section class="veto" id="veto"><h2>单项否决项 {len(vetoes)} 项（先处理）</h2><ul>{items}</ul></section>')
    else:
        out.append('<section class="pass" id="veto">未触及单项否决项</section>')
    ahead = data.get("early_warnings", [])
    if ahead:
        out.append('<section class="ahead" id="early-warnings"><h2>预警：即将触及单项否决（其次处理）</h2>' + _table(
            ["事项", "情况", "处理"], [[escape(w["item"]), escape(w["detail"]), escape(w["action"])] for w in ahead], "")
            + "</section>")
    minus = data.get("deductions", [])
    out.append('<section id="deductions"><h2>扣分项（再处理）</h2>' + _table(
        ["事项", "情况", "扣分", "处理"], [[escape(d["item"]), escape(d["detail"]),
                                         f'−{d["points"]}' if d["points"] else "按条扣分或通报", escape(d["action"])]
                                        for d in minus], "没有已知的扣分项") + "</section>")
    ahead_n, minus_n = len(data.get("early_warnings", [])), len(data.get("deductions", []))
    cards = [("单项否决", len(vetoes), bool(vetoes)), ("预警", ahead_n, ahead_n > 0), ("扣分项", minus_n, minus_n > 0), ("未按期更新栏目", s["stale_columns"], s["stale_columns"] > 0),
             ("空白栏目", s["blank_columns"], s["blank_columns"] > 0),
             ("个人信息暴露", s["privacy_exposures"], s["privacy_exposures"] > 0),
             ("逾期未答复咨询", s["overdue_consultations"], s["overdue_consultations"] > 0),
             ("逾期整改事项", s["overdue_rectifications"], s["overdue_rectifications"] > 0),
             ("失效链接", s["broken_links"], s["broken_links"] > 0)]
    out.append('<div class="cards">' + "".join(
        f'<div class="card {"bad" if bad else "good"}"><b>{n}</b>{escape(label)}</div>' for label, n, bad in cards)
        + "</div>")
    out.append("<h2>栏目更新情况</h2>" + freshness_chart(data["columns"]))
    out.append(_table(["栏目", "类别", "最近更新", "距今（天）", "期限（天）", "状态"], [
        [escape(c["name"]), escape(KINDS.get(c["kind"], c["kind"])), escape(c["last"] or "—"), str(c["age_days"] if c["age_days"] is not None else "—"),
         str(c["threshold_days"] or "不计"), f'<span style="color:{COLOURS[c["state"]]}">{STATE_NAMES[c["state"]]}</span>']
        for c in data["columns"]], "没有栏目"))
    home = data["home"]
    out.append(f'<p>首页最近更新：{escape(home["last"] or "无")}（{home["age_days"] if home["age_days"] is not None else "—"} 天，'
               f'期限 {home["threshold_days"]} 天）</p>')
    cons = data["consultations"]
    out.append("<h2>咨询答复（第九条）</h2>" + timeliness_chart(cons["items"], cons["reply_working_days"]))
    out.append(_table(["编号", "渠道", "承办部门", "收到时间", "答复期限", "状态"], [
        [escape(c["id"]), escape(c["channel"]), escape(c["department"]), escape(c["received"]), escape(c["deadline"]),
         CONSULT_NAMES[c["state"]]] for c in cons["items"] if c["state"] in ("overdue", "near_due", "late")],
        "没有逾期或即将到期的咨询"))
    out.append("<h2>个人信息排查（第十二条）</h2>" + _table(["位置", "规则", "问题", "处理"], [
        [escape(f'{p["path"]}:{p["line"]}'), escape(p["rule"]), escape(p["message"]), f'<code>{escape(p["action"])}</code>']
        for p in data["privacy"]], "未发现公开的个人信息") + f"<p>{escape(attachment_line(data))}</p>")
    out.append("<h2>整改事项（第九条第二款）</h2>" + _table(["来源", "问题", "责任部门", "期限", "状态"], [
        [escape(r["source"]), escape(r["issue"]), escape(r["owner"]), escape(r["due"]),
         "逾期" if r["overdue"] else ("已完成" if r["status"] == "done" else "整改中")]
        for r in data["rectifications"] if r["status"] == "open"], "没有未完成的整改事项"))
    out.append("<h2>失效链接</h2>" + _table(["位置", "链接", "原因"], [
        [escape(f'{b["path"]}:{b["line"]}'), f'<code>{escape(b["url"])}</code>', escape(b["reason"])]
        for b in data["links"]], "没有失效链接"))
    site = data["site"]
    out.append(f'<h2>网站页面元数据与页脚</h2><p>检查页面 {site["pages"]} 个。</p>' + _table(["页面", "问题"], [
        [escape(p["page"]), escape(p["message"])] for p in site["problems"]],
        "全部页面元数据和页脚完整" if site["pages"] else "未检查（没有找到构建好的网站，先运行 govpub build）"))
    out.append("<h2>政务新媒体</h2>" + _table(["平台", "账号", "最近发布", "状态"], [
        [escape(m["platform"]), escape(m["name"]), escape(m["last"] or "—"), escape(m["state"])]
        for m in data["new_media"]], "没有登记的新媒体账号"))
    if data.get("approval_records"):
        out.append('<section class="veto" id="approval-records"><h2>审批记录被删除或改写（第七条）</h2>' + _table(
            ["问题", "详情", "处理"], [[escape(f["item"]), escape(f["detail"]), f'<code>{escape(f["action"])}</code>']
                                     for f in data["approval_records"]], "") + "</section>")
    if data["problems"]:
        out.append("<h2>需要处理的记录格式问题</h2>" + _table(["文件", "问题"], [
            [escape(f'{p["path"]}:{p["line"]}'), escape(p["message"])] for p in data["problems"]], ""))
    if data["warnings"]:
        out.append("<h2>说明</h2><ul>" + "".join(f"<li>{escape(w)}</li>" for w in data["warnings"]) + "</ul>")
    out.append("</main></body></html>\n")
    return "".join(out)


def markdown(data: dict[str, Any]) -> str:
    """The same report as text, in the order the office works (vetoes, early warnings,
    deductions, then the rest): for a CI log (the Gitea workflow prints it) or an e-mail."""
    s = data["summary"]
    lines = [f"# {data['organisation']}网站与政务新媒体巡检报告（{data['as_of']}）", ""]
    vetoes = data["vetoes"]
    lines.append(f"## 一、单项否决项：{len(vetoes)} 项（先处理）" if vetoes else "## 一、单项否决项：未触及")
    for v in vetoes:
        lines.append(f"- {v['item']}：{v['detail']}" + (f"\n  处理：{v['action']}" if v.get("action") else ""))
    for f in data.get("approval_records", []):
        lines.append(f"- {f['item']}：{f['detail']}\n  处理：{f['action']}")
    lines += ["", f"## 二、预警：{len(data.get('early_warnings', []))} 项（其次处理）"]
    lines += [f"- {w['item']}：{w['detail']}（{w['action']}）" for w in data.get("early_warnings", [])]
    lines += ["", f"## 三、扣分项：{len(data.get('deductions', []))} 项"]
    lines += [f"- {d['item']}" + (f"（−{d['points']}）" if d["points"] else "") + f"：{d['detail']}（{d['action']}）"
              for d in data.get("deductions", [])]
    lines += ["", "## 四、其他",
              f"- 个人信息暴露 {s['privacy_exposures']} 处，逾期未答复咨询 {s['overdue_consultations']} 条，"
              f"逾期整改事项 {s['overdue_rectifications']} 项，失效链接 {s['broken_links']} 个，"
              f"页面元数据和页脚问题 {s['site_problems']} 处（详见 report.html）"]
    lines.append(f"- {attachment_line(data)}")
    lines += [f"- {p['path']}:{p['line']} {p['message']}（处理：{p['action']}）" for p in data["privacy"]]
    lines += [f"- {p['path']}:{p['line']} 记录格式错误：{p['message']}" for p in data["problems"]]
    lines += [f"- 注意：{w}" for w in data["warnings"]]
    return "\n".join(lines) + "\n"


def attachment_line(data: dict[str, Any]) -> str:
    """The attachment sweep in one sentence (govpub.audit.published)."""
    a, s = data.get("attachments", {}), data["summary"]
    return (f"网站提供下载的附件 {a.get('files', 0)} 个已排查（本次读取 {a.get('read', 0)} 个，"
            f"其余 {a.get('cached', 0)} 个未改动、沿用上次结果），附件中的个人信息或密级标注 {s.get('attachment_exposures', 0)} 处；"
            f"搜索索引、网站地图、订阅源和互动交流页的网站缺陷 {s.get('site_defect_exposures', 0)} 处；"
            f"旧版格式附件 {s.get('discouraged_attachments', 0)} 个，没有页面链接的附件 {s.get('orphan_attachments', 0)} 个")
