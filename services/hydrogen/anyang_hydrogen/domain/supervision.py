"""Supervision rules (安政办〔2023〕2号 第四条、第十八条–第二十条、第二十二条、第二十六条).

- 第四条、第二十条: each department inspects in its own field (the gas authority the whole station; fire,
  market regulation, emergency, public security and city management in theirs).
- 第十八条: the gas authority may commission a third-party agency for a safety check, assesses operators
  (考核评价) and orders rectification within a deadline (限期整改); a hazard not closed by its deadline is
  overdue.
- 第十九条、第二十二条: the operator patrols all equipment on time (巡检) — a schedule period without a patrol is
  missed — and assesses its own safety periodically.
- 第二十六条: violations are referred for penalty; the gas authority has no power to stop a station, so a
  stop-operating order is recorded only from a competent department, with its legal basis.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

DOC = "安政办〔2023〕2号"

# department code → its field (第四条、第二十条)
FIELDS = {
    "xfzd": ("fire", "消防安全（第四条（十一）、第二十条）"),
    "scjg": ("market_regulation", "氢气质量、特种设备（第四条（六）、第十六条）"),
    "yjj": ("emergency", "应急管理（第四条（五）、第二十五条）"),
    "gaj": ("public_security", "公安（第二十条）"),
}
GAS_FIELD = ("gas", "城镇燃气（第四条、第十八条）")
FIELD_LABELS = {"gas": "城镇燃气", "fire": "消防", "market_regulation": "市场监管", "emergency": "应急",
                "public_security": "公安"}


class AssessmentResult(StrEnum):
    excellent = "excellent"
    qualified = "qualified"
    unqualified = "unqualified"


ASSESSMENT_LABELS = {"excellent": "优秀", "qualified": "合格", "unqualified": "不合格"}
HAZARD_STATUS_LABELS = {"open": "待整改", "responded": "已整改待复查", "closed": "已闭环"}


def hazard_overdue(status: str, deadline: date, closed_on: date | None, today: date) -> bool:
    """第十八条 限期整改: not closed by the end of its deadline (closed late also counts)."""
    if closed_on is not None:
        return closed_on > deadline
    return today > deadline


def missed_periods(starts_on: date, interval_days: int, patrol_dates: list[date], today: date) -> list[date]:
    """第十九条 按时完成巡检: the start of every finished period [start, start + interval) with no patrol."""
    missed, start = [], starts_on
    done = sorted(patrol_dates)
    while start + timedelta(days=interval_days) <= today:
        end = start + timedelta(days=interval_days)
        if not any(start <= d < end for d in done):
            missed.append(start)
        start = end
    return missed
