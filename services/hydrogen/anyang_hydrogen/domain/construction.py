"""Construction parties (安政办〔2023〕2号 第十条) and completion acceptance (第十一条).

第十一条: the acceptance is reported to the county gas authority 自竣工验收合格之日起15日内 — calendar days,
the acceptance day not counted (民法典 第二百零一条); a last day that is a holiday moves to the next
working day (第二百零三条). A report after that day is flagged late.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from anyang_hydrogen.domain.decision import Decision
from anyang_hydrogen.domain.filing import parameters
from govkit.rules.calendar import WorkingCalendar
from govkit.rules.periods import Deadline, add_calendar_days

DOC = "安政办〔2023〕2号"
PARTIES_BASIS = f"{DOC} 第十条"
ACCEPTANCE_BASIS = f"{DOC} 第十一条"


class PartyRole(StrEnum):
    designer = "designer"
    builder = "builder"
    supervisor = "supervisor"


ROLE_LABELS = {"designer": "设计单位", "builder": "施工单位", "supervisor": "监理单位"}


def check_parties(roles_recorded: set[str]) -> Decision:
    """第十条: designer, builder and supervisor each recorded with their qualification before building."""
    missing = [r.value for r in PartyRole if r.value not in roles_recorded]
    facts = {"recorded": sorted(roles_recorded), "missing": missing}
    if missing:
        names = "、".join(ROLE_LABELS[m] for m in missing)
        return Decision(False, "parties_missing", PARTIES_BASIS, facts,
                        f"开工前须登记具备相应资质的设计、施工、监理单位（{PARTIES_BASIS}），缺少：{names}",
                        f"Designer, builder and supervisor with qualifications must be recorded before "
                        f"construction ({PARTIES_BASIS}); missing: {', '.join(missing)}")
    return Decision(True, "parties_recorded", PARTIES_BASIS, facts)


def report_due(accepted_on: date, calendar: WorkingCalendar | None = None) -> Deadline:
    """第十一条: the last day to report the acceptance to the county gas authority."""
    days = parameters().at("hydrogen.acceptance.report_days", accepted_on)
    return add_calendar_days(accepted_on, int(days.value), calendar)


def report_late(reported_on: date, due: date) -> Decision:
    late = reported_on > due
    return Decision(late, "reported_late" if late else "reported_in_time", ACCEPTANCE_BASIS,
                    {"reported_on": reported_on.isoformat(), "due": due.isoformat()},
                    f"竣工验收情况应于{due.isoformat()}前报县（市、区）城镇燃气主管部门备案（{ACCEPTANCE_BASIS}），"
                    f"{reported_on.isoformat()}报送，逾期" if late else "",
                    f"The acceptance was due to be reported by {due} ({ACCEPTANCE_BASIS}); reported {reported_on}"
                    if late else "")
