"""Operating records and their retention (安政办〔2023〕2号 第十七条), hydrogen quality reports (第十六条).

第十七条: 主要设备运行记录、卸车记录、挂牌价格等信息应保存1年以上，监控数据至少保存90天以上 (以上 includes the
number). Counted as README "Counting periods": the day the record is entered is not counted (民法典 第二百零一条),
a year ends on the corresponding day (第二百零二条), and a last day that is a holiday moves to the next working
day (第二百零三条). Deletion is refused up to and including that last day and allowed from the day after.
**Interpretation**: the other records of the 完整运行档案 (maintenance, inspection, faults, staff changes) have
no period in the bulletin; they are kept as long as the main equipment records (1 year).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from anyang_hydrogen.domain.decision import Decision
from anyang_hydrogen.domain.filing import parameters
from govkit.rules.calendar import WorkingCalendar, default_calendar
from govkit.rules.periods import add_calendar_days, add_months, add_years

DOC = "安政办〔2023〕2号"
RECORDS_BASIS = f"{DOC} 第十七条"


class RecordKind(StrEnum):
    operation = "operation"
    unloading = "unloading"
    posted_price = "posted_price"
    monitoring = "monitoring"
    maintenance = "maintenance"
    inspection = "inspection"
    fault = "fault"
    staff_change = "staff_change"


KIND_LABELS = {
    "operation": "主要设备运行记录", "unloading": "卸车记录", "posted_price": "当日氢气挂牌价格",
    "monitoring": "监控数据", "maintenance": "维护记录", "inspection": "检验记录", "fault": "故障记录",
    "staff_change": "人员调整记录",
}
# kind → parameter of its retention
RETENTION_PARAM = {
    "monitoring": "hydrogen.records.retention_days.monitoring",
}
YEAR_PARAM = "hydrogen.records.retention_years"


def retention_end(kind: str, recorded_on: date, calendar: WorkingCalendar | None = None) -> tuple[date, str]:
    """The last day a record must be kept, and the basis of that day."""
    cal = calendar or default_calendar()
    if kind in RETENTION_PARAM:
        p = parameters().at(RETENTION_PARAM[kind], recorded_on)
        due = add_calendar_days(recorded_on, int(p.value), cal)
        return due.due, f"{p.reference}（监控数据至少保存{p.value}天）；{due.basis}"
    p = parameters().at(YEAR_PARAM, recorded_on)
    last = add_years(recorded_on, int(p.value))
    end = last if cal.is_working_day(last) else cal.next_working_day(last)
    moved = f"，{last.isoformat()}为法定休假日，顺延至{end.isoformat()}（第二百零三条）" if end != last else ""
    return end, (f"{p.reference}（保存{p.value}年以上）；《中华人民共和国民法典》第二百零一条、第二百零二条："
                 f"自{recorded_on.isoformat()}的次日起算，至{last.isoformat()}届满{moved}")


def check_deletion(kind: str, recorded_on: date, today: date) -> Decision:
    end, basis = retention_end(kind, recorded_on)
    facts = {"kind": kind, "recorded_on": recorded_on.isoformat(), "retained_until": end.isoformat(),
             "deletable_from": (end + timedelta(days=1)).isoformat(), "today": today.isoformat()}
    if today <= end:
        return Decision(False, "inside_retention", RECORDS_BASIS, facts,
                        f"{KIND_LABELS[kind]}须保存至{end.isoformat()}，自{(end + timedelta(days=1)).isoformat()}起"
                        f"方可删除（{basis}）",
                        f"A {kind} record is kept until {end} and may be deleted from "
                        f"{end + timedelta(days=1)} ({RECORDS_BASIS})")
    return Decision(True, "past_retention", RECORDS_BASIS, facts)


class QualitySource(StrEnum):
    producer = "producer"
    third_party = "third_party"


QUALITY_SOURCE_LABELS = {"producer": "氢气气源厂家检测报告", "third_party": "第三方检测机构检测报告"}


def quality_stale(latest_third_party: date | None, today: date) -> Decision:
    """第十六条 定期公示: **Interpretation** — a station whose latest third-party report is older than the
    configured interval (3 months) is flagged."""
    p = parameters().at("hydrogen.quality.third_party_interval_months", today)
    facts = {"latest_third_party": latest_third_party.isoformat() if latest_third_party else None,
             "interval_months": p.value, "today": today.isoformat()}
    if latest_third_party is None:
        return Decision(True, "no_third_party_report", p.reference, facts, "未公示第三方检测报告",
                        "No third-party report published")
    stale = add_months(latest_third_party, int(p.value)) < today
    return Decision(stale, "stale" if stale else "current", p.reference, facts,
                    f"最近一次第三方检测报告（{latest_third_party.isoformat()}）已超过{p.value}个月" if stale else "",
                    f"Latest third-party report ({latest_third_party}) is older than {p.value} months"
                    if stale else "")
