"""Demo data for `make run` (idempotent): a 2023 top10 round of the demo enterprises, under public notice from
yesterday's final approval (so objections can be tried), scored with its explanation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from anyang_awards.credit_client import CreditAnswer
from anyang_awards.domain.eligibility import CreditList, CreditListStatus
from anyang_awards.domain.procedure import RoundState
from anyang_awards.models.rounds import Round
from anyang_awards.schemas.applications import ApplicationIn
from anyang_awards.schemas.rounds import MeetingIn, RoundIn
from anyang_awards.service import applications as apps
from anyang_awards.service import rounds
from govkit import clock
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date
from govkit.crypto import IdVault, PersonRef

YI, WAN = 100_000_000, 10_000
OFFICE = Principal(sub="dept-gxj", kind=PrincipalKind.department, org="gxj", scopes=["awards.office"],
                   name="市工业和信息化局")
DEPTS = [Principal(sub=f"dept-{d}", kind=PrincipalKind.department, org=d, scopes=["awards.department_review"])
         for d in ("tjj", "sw", "kjj", "swj")]
ENTERPRISES = [  # (USCC, name, region, figures)
    ("91410500MA44GT012H", "安阳钢铁示范有限公司", "410500", "fine_steel",
     dict(revenue=120 * YI, value_added=30 * YI, tax=6 * YI, rd_expense=3 * YI, avg_employees=8000,
          listed_company=True)),
    ("91410502MA44QN0296", "安阳氢能示范有限公司", "410502", "hydrogen_and_storage",
     dict(revenue=8 * YI, value_added=2 * YI, tax=4000 * WAN, rd_expense=4000 * WAN, avg_employees=600,
          national_little_giant=True, provincial_specialised_sme=True)),
    ("91410581MA44LN03XK", "林州装备示范有限公司", "410581", "high_end_equipment",
     dict(revenue=15 * YI, value_added=4 * YI, tax=9000 * WAN, rd_expense=6000 * WAN, avg_employees=1500,
          single_champion=True)),
]


async def load_demo(app) -> None:
    sm = app.state.sessionmaker
    async with sm() as session:
        exists = (await session.execute(select(Round.id).where(Round.year == 2023, Round.category == "top10"))).first()
    if exists:
        return
    today = business_date()
    outbox, settings = app.state.outbox, app.state.settings
    vault = IdVault(settings.id_encryption_keys, settings.id_hash_keys)
    clean = CreditAnswer({lst.value: CreditListStatus(False) for lst in CreditList},
                         "演示数据：未列入第二条所列名单", "demo data: not listed")
    async with sm() as s:
        rnd = await rounds.create_round(session=s, principal=OFFICE, default_departments=["tjj", "kjj", "swj"],
                                        data=RoundIn(year=2023, category="top10", announced_on=date(2024, 1, 15),
                                                     application_deadline=date(2024, 2, 29)))

    async def step(to: RoundState, as_of: date) -> None:
        # the procedure runs on the service's clock: the demo replays its past steps with the clock on their day
        offset = clock.utcnow() - datetime.now(UTC)
        clock.travel_to(datetime.combine(as_of, time(10), clock.SHANGHAI))
        try:
            async with sm() as s:
                await rounds.transition_round(session=s, principal=OFFICE, outbox=outbox, round_id=rnd.id, to=to)
        finally:
            clock.travel_to(datetime.now(UTC) + offset)

    await step(RoundState.APPLICATIONS_OPEN, date(2024, 1, 15))
    ids = []
    for code, name, region, sector, values in ENTERPRISES:
        p = Principal(sub=f"demo-{code}", kind=PrincipalKind.enterprise, org=code, region=region, name=name)
        body = ApplicationIn(enterprise_name=name, region=region, sector=sector, reports_on_time=True,
                             reports_evidence="统计联网直报回执（演示）",
                             figures={k: {"value": v, "evidence": f"2023年度审计报告（演示）-{k}"}
                                      for k, v in values.items()})
        async with sm() as s:
            a = await apps.create_application(session=s, principal=p, outbox=outbox, round_id=rnd.id, data=body,
                                              credit=clean, person_credit=None, credit_region=None,
                                              today=date(2024, 2, 1), vault=vault,
                                              person_refs=PersonRef(settings.person_ref_keys))
        ids.append((a.id, region))
    await step(RoundState.COUNTY_REVIEW, date(2024, 3, 1))
    for app_id, region in ids:
        reviewer = OFFICE if region == "410500" else Principal(
            sub=f"county-{region}", kind=PrincipalKind.department, org=region, region=region,
            scopes=["awards.county_review"])
        async with sm() as s:
            await apps.county_review(session=s, principal=reviewer, application_id=app_id, decision="approved",
                                     opinion="经审核，同意推荐（演示）")
    await step(RoundState.DEPARTMENT_REVIEW, date(2024, 3, 11))
    for d in DEPTS:
        async with sm() as s:
            await rounds.record_department_opinion(session=s, principal=d, round_id=rnd.id,
                                                   opinion="经核对本部门数据，同意（演示）")
    await step(RoundState.PRELIMINARY_OPINION, date(2024, 3, 20))
    held = today - timedelta(days=3)

    async def meeting(kind: str, on: date, ref: str) -> None:
        async with sm() as s:
            await rounds.record_meeting(session=s, principal=OFFICE, round_id=rnd.id,
                                        data=MeetingIn(kind=kind, held_on=on, ref=ref))

    await meeting("leading_group", held, "评选领导小组成员会议纪要（演示）")
    await step(RoundState.CITY_EXAMINATION, held)
    await meeting("executive", held, "市政府常务会议纪要（演示）")
    await meeting("standing_committee", today - timedelta(days=1), "市委常委会议纪要（演示）")
    await step(RoundState.PUBLIC_NOTICE, today - timedelta(days=1))


