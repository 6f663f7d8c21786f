"""What the office does after the single-veto items: the known deductions of the inspection
(扣分项, 国办秘函〔2019〕19号) and early warnings (预警) of a veto the next days would bring.

The inspector finds a stale column on the day it goes stale; the audit runs daily, so it
says so days before: a column, the home page or an account within `early_warning_days` of
its limit, a count of stale or blank columns one short of the veto line, a consultation
nearing three months without a reply.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from govpub.audit.consultations import Consultation
from govpub.audit.freshness import KINDS, ColumnState, calendar_days

VETO_KINDS = ("news", "notice", "policy")  # 动态/要闻 2 weeks, 通知公告/政策文件 6 months
WARNING_DEFAULTS = {"home": 3, "news": 3, "notice": 14, "policy": 14, "interpretation": 14, "personnel": 30,
                    "plan": 30, "new_media": 3, "unanswered_consultation": 14, "long_stale": 30}


@dataclass
class Item:
    item: str
    detail: str
    action: str
    points: int | None = None  # the known deduction; None where the 2019 amount is not known

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def veto_kinds(config: dict[str, Any]) -> tuple[str, ...]:
    return tuple(config["veto"].get("stale_column_kinds", VETO_KINDS))


def _warn_days(config: dict[str, Any], key: str) -> int:
    return int({**WARNING_DEFAULTS, **config.get("early_warning_days", {})}.get(key, 0))


def early_warnings(config: dict[str, Any], *, columns: list[ColumnState], home: dict[str, Any],
                   media: list[dict[str, Any]], consultations: list[Consultation], as_of: datetime) -> list[Item]:
    veto = config["veto"]
    out: list[Item] = []
    if not home["stale"] and home["age_days"] is not None:
        left = home["threshold_days"] - home["age_days"]
        if left <= _warn_days(config, "home"):
            out.append(Item("首页即将超期", f"首页 {home['age_days']} 天没有新信息，再过 {left + 1} 天触发单项否决“首页不更新”",
                            "在任一栏目发布新信息（首页显示各栏目最新信息）"))
    near: list[ColumnState] = []
    for c in columns:
        if c.state != "ok" or c.threshold_days is None or c.age_days is None:
            continue
        left = c.threshold_days - c.age_days
        if left <= _warn_days(config, c.kind):
            near.append(c)
            out.append(Item("栏目即将超期", f"“{c.name}”（{KINDS.get(c.kind, c.kind)}）{c.age_days} 天未更新，"
                                        f"再过 {left + 1} 天超过 {c.threshold_days} 天的期限",
                            f"请负责部门在“{c.name}”发布新信息"))
    kinds = veto_kinds(config)
    stale_now = [c for c in columns if c.state in ("stale", "long_stale") and c.kind in kinds]
    soon = stale_now + [c for c in near if c.kind in kinds]
    if len(stale_now) < veto["stale_columns"] <= len(soon):
        out.append(Item("栏目不更新即将达到否决线",
                        f"已有 {len(stale_now)} 个栏目超期，{len(soon) - len(stale_now)} 个即将超期："
                        f"达到 {veto['stale_columns']} 个即单项否决",
                        "先更新即将超期的栏目：" + "、".join(c.name for c in soon if c not in stale_now)))
    long_days = int(config["long_stale_days"])
    long_now = [c for c in columns if c.state == "long_stale"]
    long_soon = [c for c in columns if c.threshold_days is not None and c.age_days is not None
                 and c.state != "long_stale" and long_days - c.age_days < _warn_days(config, "long_stale")]
    if len(long_now) < veto["long_stale_columns"] <= len(long_now) + len(long_soon):
        out.append(Item("长期未更新栏目即将达到否决线",
                        f"已有 {len(long_now)} 个栏目超过 {long_days} 天未更新，{len(long_soon)} 个即将超过："
                        f"达到 {veto['long_stale_columns']} 个即单项否决",
                        "先更新即将超过的栏目：" + "、".join(c.name for c in long_soon)))
    blank = [c for c in columns if c.state == "blank"]
    if len(blank) == veto["blank_columns"] - 1:
        out.append(Item("空白栏目即将达到否决线", f"{len(blank)} 个空白栏目，再有 1 个即单项否决：" + "、".join(c.name for c in blank),
                        "给空白栏目补充内容，或经办公室批准撤并栏目（从 checks/registry/columns.yml 删除）"))
    for m in media:
        if m["stale"] is None:  # no ledger to read: a stale account would go unnoticed
            out.append(Item("政务新媒体未核对", f"“{m['name']}”{m['state']}：是否 {veto['new_media_days']} 天未更新没有核对",
                            "取回发布台账（git fetch origin refs/govpub/ledger:refs/govpub/ledger）后重新巡检；"
                            "巡检工作流也要取回这个引用"))
        elif m["stale"] is False and m["age_days"] is not None:
            left = veto["new_media_days"] - m["age_days"]
            if left <= _warn_days(config, "new_media"):
                out.append(Item("政务新媒体即将超期", f"“{m['name']}” {m['age_days']} 天未更新，再过 {left + 1} 天触发单项否决",
                                f"在“{m['name']}”发布新内容（govpub publish）"))
    limit = veto["unanswered_consultation_days"]
    year_ago = as_of - timedelta(days=365)
    for q in consultations:
        if q.replied is None and q.received >= year_ago and q.state != "invalid":
            waited = (as_of - q.received).days
            if limit - _warn_days(config, "unanswered_consultation") <= waited <= limit:
                out.append(Item("咨询即将超过三个月未答复", f"{q.record.id}（{q.record.path}）已 {waited} 天未答复，"
                                                   f"超过 {limit} 天即单项否决“互动回应差”",
                                f"请{q.record.data['department']}答复并在记录中填写 reply 和 replied"))
    return out


def deductions(config: dict[str, Any], *, columns: list[ColumnState], consultations: list[Consultation],
               published_replies: list[datetime], broken: list[dict[str, Any]],
               page_problems: list[dict[str, Any]], as_of: datetime) -> list[Item]:
    points = config.get("deductions", {})
    out: list[Item] = []
    kinds = veto_kinds(config)
    for c in columns:
        if c.state not in ("stale", "long_stale"):
            continue
        if c.kind == "policy":
            out.append(Item("政策文件栏目超过 6 个月未更新", f"“{c.name}” {c.age_days} 天未更新", f"在“{c.name}”发布新文件或转载上级文件",
                            points.get("policy_column")))
        elif c.kind not in kinds:
            out.append(Item("栏目未按期更新", f"“{c.name}”（{KINDS.get(c.kind, c.kind)}）{c.age_days} 天未更新，期限 {c.threshold_days} 天",
                            f"请负责部门在“{c.name}”发布新信息"))
    last_reply = max(published_replies, default=None)
    reply_days = int(config.get("reply_column_days", 60))
    if last_reply is None or calendar_days(last_reply, as_of) > reply_days:
        when = f"最近一条公开的答复在 {last_reply:%Y-%m-%d}" if last_reply else "没有公开的答复"
        out.append(Item(f"留言答复超过 {reply_days} 天未更新", when,
                        "公开已答复的咨询（记录中 publish 不为 false，填写 reply 和 replied）", points.get("reply_column")))
    slow = [c for c in consultations if c.state in ("late", "overdue")]
    invalid = [c for c in consultations if c.state == "invalid"]
    if invalid:  # listed, so that marking a real question invalid to dodge the veto is seen
        out.append(Item("按无效留言处理的咨询", f"{len(invalid)} 条：" + "；".join(
            f"{c.record.id}（{c.record.data['invalid']}）" for c in invalid[:10]) + ("……" if len(invalid) > 10 else ""),
            "办公室核对理由：确属广告、重复或与本单位无关的才可不答复"))
    if slow:
        out.append(Item("答复超过期限", f"{len(slow)} 条咨询未在 {config['consultations']['reply_working_days']} 个工作日内答复："
                        + "、".join(c.record.id for c in slow), "督促承办部门答复；逾期的情况在省级通报中列出"))
    internal = [b for b in broken if not b.get("external")]
    external = [b for b in broken if b.get("external") and not b.get("transient")]
    passing = [b for b in broken if b.get("transient")]
    for label, group, action in (
            ("站内失效链接", internal, "改正或删除链接（按条扣分，目标为零）"),
            ("外部失效链接", external, "改正或删除链接（按条扣分，目标为零）"),
            ("外部链接暂时无法访问", passing, "重试后仍超时或服务器出错：下次巡检自动复查，连续几天都这样的，改链接或删除")):
        if group:
            out.append(Item(label, f"{len(group)} 个：" + "、".join(f"{b['path']}:{b['line']}" for b in group[:10])
                            + ("……" if len(group) > 10 else ""), action))
    unlinked = [p for p in page_problems if p["message"].startswith(("政策解读没有链接到原文", "政策原文没有链接到解读"))]
    if unlinked:
        out.append(Item("解读与原文未双向关联", f"{len(unlinked)} 处：" + "、".join(p["page"] for p in unlinked[:10]),
                        "解读稿的 interprets 写原文的路径，并检查原文页面上的“相关解读”链接"))
    return out
