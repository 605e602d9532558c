"""Demo reports (make run): plans and March 2023 monthly reports of the lead units of GWR tasks 1–12,
so that the monthly report of 2023-03 shows every light. Idempotent."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_tasks.models.reports import Plan, Report
from anyang_tasks.models.tasks import TaskUnit

# task number → (percent, completed, target values, problems); tasks 9–12 file nothing (overdue)
MARCH = {
    1: (30, False, {"1": "46", "2": "38", "3": "21"}, "部分项目用地指标未落实"),
    2: (25, False, {"1": "120", "2": "260"}, ""),
    3: (5, False, {}, "机场周边道路征迁进度慢"),
    4: (20, False, {}, ""),
    5: (18, False, {}, "二手房交易量偏低"),
    6: (22, False, {}, ""),
    7: (100, True, {}, ""),
    8: (21, False, {}, ""),
}
FILED_AT = datetime(2023, 3, 20, 2, 0, tzinfo=UTC)


async def load_demo_reports(session: AsyncSession) -> None:
    for number, (percent, completed, values, problems) in MARCH.items():
        task_id = f"GWR2023-{number}"
        leads = (await session.execute(select(TaskUnit.unit_code).where(
            TaskUnit.task_id == task_id, TaskUnit.role == "lead"))).scalars().all()
        for unit in leads:
            if (await session.execute(select(Report.id).where(Report.task_id == task_id, Report.unit_code == unit,
                                                             Report.kind == "monthly",
                                                             Report.period == "2023-03"))).first():
                continue
            session.add(Plan(id=str(uuid.uuid4()), task_id=task_id, unit_code=unit,
                             milestones=[{"due_on": "2023-06-30", "description": "完成半年目标"}],
                             measures="建立台账，按月调度", responsible_person="分管副局长",
                             submitted_at=datetime(2023, 2, 15, 2, 0, tzinfo=UTC), submitted_by="demo"))
            session.add(Report(id=str(uuid.uuid4()), task_id=task_id, unit_code=unit, kind="monthly",
                               period="2023-03", progress=f"{'已完成' if completed else '有序推进'}，完成{percent}%",
                               percent=percent, target_values=values, problems=problems,
                               next_steps="继续按计划推进", completed=completed, submitted_at=FILED_AT,
                               submitted_by="demo"))
    await session.flush()
