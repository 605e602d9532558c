"""County construction plans (安政办〔2023〕7号 二（一）: 制定年度建设计划，报省政府审批，并向社会公布) and the
yearly target assessment of the counties (五（五）: 纳入…年度目标管理绩效考核; 监测评价)."""

from __future__ import annotations

from decimal import Decimal

ASSESSMENT_BASIS = "安政办〔2023〕7号 五（五）"
PLAN_BASIS = "安政办〔2023〕7号 二（一）"


def assess_region(*, planned: int, started: int, completed: int) -> dict:
    """Planned vs started vs completed units; rates against the plan (None without a plan)."""
    def rate(n: int) -> str | None:
        return str((Decimal(n) / planned).quantize(Decimal("0.0001"))) if planned else None

    return {"planned_units": planned, "started_units": started, "completed_units": completed,
            "start_rate": rate(started), "completion_rate": rate(completed),
            "target_met": bool(planned) and started >= planned}
