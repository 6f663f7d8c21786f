"""Consultations (Art. 9): reply deadlines in working days, overdue and near-due items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from govpub.audit.records import Record
from govpub.audit.workdays import add_workdays, workdays_between


@dataclass
class Consultation:
    record: Record
    received: datetime
    deadline: datetime
    replied: datetime | None
    state: str  # on_time | late | open | near_due | overdue | invalid
    reply_workdays: int | None
    calendar_known: bool

    def as_json(self) -> dict[str, object]:
        d = self.record.data
        return {"id": self.record.id, "path": self.record.path, "channel": d["channel"],
                "department": d["department"], "received": d["received"],
                "deadline": self.deadline.strftime("%Y-%m-%d %H:%M"),
                "replied": d.get("replied"), "state": self.state, "reply_workdays": self.reply_workdays,
                "invalid": d.get("invalid")}


def assess(records: list[Record], config: dict[str, Any], as_of: datetime) -> list[Consultation]:
    n = config["consultations"]["reply_working_days"]
    near = config["consultations"]["near_due_working_days"]
    out = []
    for rec in records:
        received = rec.time("received")
        assert received is not None  # required by the schema
        deadline, known = add_workdays(received, n)
        promised = rec.time("promised")
        if promised:  # Art. 9: a promised reply date replaces the default period
            deadline = promised.replace(hour=23, minute=59)
        replied = rec.time("replied") if rec.data.get("reply") else None
        if rec.data.get("invalid"):  # 无效留言, with the reason written down: no reply period
            state, days = "invalid", None
        elif replied:
            state = "on_time" if replied <= deadline else "late"
            days = workdays_between(received, replied)
        elif as_of > deadline:
            state, days = "overdue", None
        elif workdays_between(as_of, deadline) <= near:
            state, days = "near_due", None
        else:
            state, days = "open", None
        out.append(Consultation(rec, received, deadline, replied, state, days, known))
    return out


def long_unanswered(items: list[Consultation], days: int, as_of: datetime) -> list[Consultation]:
    """Valid consultations of the last year left without a reply for more than `days` days: a
    single veto. One answered at last after four months was still unanswered for more than
    three: the 留言 page shows both dates, and the inspector counts it."""
    year_ago = as_of - timedelta(days=365)
    return [c for c in items if c.state != "invalid" and c.received >= year_ago
            and ((c.replied or as_of) - c.received).days > days]
