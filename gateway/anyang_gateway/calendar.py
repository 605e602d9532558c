"""The official working-day calendar as a public read, so other government systems compute the same deadlines
as the platform (spec README: Working days; 民法典 第二百零一条至第二百零三条). Served by the gateway from
`govkit.rules.calendar`: the same data and code every service counts with."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from govkit.i18n import t
from govkit.openapi import problems
from govkit.rules.calendar import default_calendar
from govkit.rules.periods import WORKING_DAY, add_calendar_days, add_working_days

router = APIRouter(prefix="/calendar", tags=["calendar"])
CACHE = {"Cache-Control": "public, max-age=3600"}


class DayKind(StrEnum):
    """workday 工作日; weekend 周末; holiday 法定节假日; adjusted_workday 调休上班日;
    fixed_holiday 固定日期法定节假日（临时口径）"""

    workday = "workday"
    weekend = "weekend"
    holiday = "holiday"
    adjusted_workday = "adjusted_workday"
    fixed_holiday = "fixed_holiday"


DAY_KIND_LABELS = {DayKind.workday: "工作日", DayKind.weekend: "周末", DayKind.holiday: "法定节假日",
                   DayKind.adjusted_workday: "调休上班日", DayKind.fixed_holiday: "固定日期法定节假日"}


class PeriodUnit(StrEnum):
    """working_day 工作日; calendar_day 日（自然日）"""

    working_day = "working_day"
    calendar_day = "calendar_day"


PERIOD_UNIT_LABELS = {PeriodUnit.working_day: "工作日", PeriodUnit.calendar_day: "日"}


class DayOut(BaseModel):
    date: dt.date = Field(description="日期（业务日期） / the business date")
    working_day: bool = Field(description="是否工作日 / whether the day is worked")
    kind: DayKind = Field(description="日子类别：workday 工作日；weekend 周末；holiday 法定节假日；adjusted_workday "
                                      "调休上班日；fixed_holiday 固定日期法定节假日（临时口径）")
    kind_label: str = Field(description="日子类别的中文名称 / Chinese label of kind")
    provisional: bool = Field(description="该年国务院节假日安排尚未载入，按临时口径判断 / no official arrangement "
                                          "loaded for the year yet: a provisional answer")
    source: str = Field(description="依据：国务院节假日安排通知，或临时口径说明 / the arrangement's source, or "
                                    "the provisional rule")


class DeadlineOut(BaseModel):
    start: dt.date = Field(description="起算事件发生日（不计入） / day of the event; not counted (第二百零一条)")
    amount: int = Field(description="期间长度 / length of the period")
    unit: PeriodUnit = Field(description="期间单位：working_day 工作日；calendar_day 日")
    unit_label: str = Field(description="期间单位的中文名称 / Chinese label of unit")
    due: dt.date = Field(description="期间最后一日 / the period's last day")
    provisional: bool = Field(description="计算涉及尚无官方安排的年份，公布后可能变化 / touches a year "
                                          "without an official arrangement: may change once it is published")
    provisional_years: list[int] = Field(description="临时口径的年份 / the provisional years")
    basis: str = Field(description="计算依据与过程（按调用方语言） / how the day was reached, citing the law")


def day_out(day: dt.date) -> DayOut:
    info = default_calendar().day_info(day)
    kind = DayKind(info.reason)
    return DayOut(date=day, working_day=info.working, kind=kind, kind_label=DAY_KIND_LABELS[kind],
                  provisional=not info.official,
                  source=info.source if info.official else t(info.source, "provisional: weekends and fixed-date "
                                                                          "holidays only"))


@router.get("/days/{day}", response_model=DayOut, operation_id="gateway-calendar-day",
            summary="某日是否工作日（免登录） / Is a date a working day? (no login)")
async def calendar_day(day: Annotated[dt.date, Path(description="日期 YYYY-MM-DD / the date")],
                       response: Response) -> DayOut:
    response.headers.update(CACHE)
    return day_out(day)


@router.get("/deadlines", response_model=DeadlineOut, operation_id="gateway-calendar-deadline",
            summary="期间届满日：某日起 N 个工作日或 N 日（免登录） / A period's last day: N working or calendar "
                    "days after a date (no login)",
            responses=problems(422))
async def calendar_deadline(
    response: Response,
    start: Annotated[dt.date, Query(description="起算事件发生日（不计入） / day of the event (not counted)",
                                 examples=["2026-09-28"])],
    amount: Annotated[int, Query(ge=1, le=3660, description="期间长度 / length of the period",
                                 examples=[7])],
    unit: Annotated[PeriodUnit, Query(description="working_day 工作日（默认）；calendar_day 日")] =
        PeriodUnit.working_day,
) -> DeadlineOut:
    deadline = (add_working_days if unit == WORKING_DAY else add_calendar_days)(start, amount)
    response.headers.update(CACHE)
    return DeadlineOut(start=start, amount=amount, unit=unit, unit_label=PERIOD_UNIT_LABELS[unit],
                       due=deadline.due, provisional=deadline.provisional,
                       provisional_years=list(deadline.provisional_years), basis=deadline.explain())
