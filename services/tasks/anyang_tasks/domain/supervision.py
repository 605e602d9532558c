"""Supervision items (督办单) raised against a department (spec tasks: Supervision).

An overdue publication reported by credit raises one item against the department that missed the
7-working-day deadline: 安政〔2023〕2号 二（一）1 (建立信用信息归集通报制度). Interpretation: the department
answers within 5 working days of the item being raised (the bulletin sets no period).
"""

from __future__ import annotations

from datetime import date

from govkit.rules.periods import Deadline, add_working_days

OVERDUE_PUBLICATION_BASIS = "安政〔2023〕2号 二（一）1 信用信息归集通报制度"
ANSWER_WORKING_DAYS = 5
SOURCE_CREDIT_OVERDUE = "credit.publication.overdue"
SOURCE_MANUAL = "manual"
STATUS_LABELS = {"open": "待答复", "answered": "已答复", "closed": "已办结"}


def answer_due(raised_on: date) -> Deadline:
    return add_working_days(raised_on, ANSWER_WORKING_DAYS)


def overdue_publication_reason(data: dict) -> str:
    # the producer sends the category's and the reason's Chinese labels beside their codes
    category = data.get("category_label") or data.get("category", "")
    reason = data.get("reason_text") or data.get("reason", "")
    return (
        f"{category}信息（决定文号 {data['decision_number']}，决定日期 {data['decision_date']}）"
        f"未在 {data['due_date']} 前公开：{reason}"
    ).rstrip("：")
