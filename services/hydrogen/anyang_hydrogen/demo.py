"""Demo data for `make run` (idempotent): the whole life of 文峰示范加氢站 of 安阳氢能示范有限公司 (ent-demo2) —
a site in the city plan, construction parties, completion acceptance, filing, verification by 文峰区
(county-wenfeng) with every 第十二条 condition, opening, a registered cylinder (dept-scjg) and a fill, quality
reports, the day's posted price, a fire inspection with a rectification order, an emergency plan, a drill and a
patrol schedule — plus the 较大 accident that awards acts on (hydrogen → awards flow)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from anyang_hydrogen.domain.conditions import CONDITIONS
from anyang_hydrogen.domain.filing import MATERIALS
from anyang_hydrogen.domain.severity import Severity
from anyang_hydrogen.models.stations import Station
from anyang_hydrogen.schemas.accidents import AccidentIn
from anyang_hydrogen.schemas.construction import AcceptanceIn, PartyIn
from anyang_hydrogen.schemas.emergency import DrillIn, EmergencyPlanIn
from anyang_hydrogen.schemas.examples import DEMO_CYLINDER_SERIAL, DEMO_STATION_ID, DEMO_VIN
from anyang_hydrogen.schemas.filling import CylinderIn, FillIn
from anyang_hydrogen.schemas.operations import QualityReportIn, RecordIn
from anyang_hydrogen.schemas.plan import PlanSiteIn
from anyang_hydrogen.schemas.stations import ConditionIn, FilingIn, OpeningIn, StationIn, VerificationIn
from anyang_hydrogen.schemas.supervision import HazardIn, InspectionIn, PatrolScheduleIn
from anyang_hydrogen.service import construction, emergency, filling, operations, plan, stations, supervision
from anyang_hydrogen.service.accidents import report_accident
from govkit import context
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date

OPERATOR = Principal(sub="ent-demo2", kind=PrincipalKind.enterprise, org="91410502MA44QN0296", region="410502",
                     name="安阳氢能示范有限公司")
CITY = Principal(sub="dept-cgj", kind=PrincipalKind.department, org="cgj", name="市城市管理局",
                 scopes=["hydrogen.regulator", "hydrogen.penalty"])
WENFENG = Principal(sub="county-wenfeng", kind=PrincipalKind.department, org="410502", region="410502",
                    name="文峰区人民政府", scopes=["hydrogen.county"])
MARKET = Principal(sub="dept-scjg", kind=PrincipalKind.department, org="scjg", name="市市场监督管理局",
                   scopes=["hydrogen.cylinders", "hydrogen.inspect"])
FIRE = Principal(sub="dept-xfzd", kind=PrincipalKind.department, org="xfzd", name="市消防救援支队",
                 scopes=["hydrogen.inspect"])
STATION_NAME = "文峰示范加氢站"


async def load_demo(app) -> None:
    async with app.state.sessionmaker() as session:
        if (await session.execute(select(Station.id).where(Station.name == STATION_NAME))).first():
            return
    sm, outbox, today = app.state.sessionmaker, app.state.outbox, business_date()

    async def act(principal: Principal, fn, **kw):
        token = context.bind(context.RequestContext(request_id="demo", principal=principal))
        try:
            async with sm() as session:
                return await fn(session=session, principal=principal, **kw)
        finally:
            context.reset(token)

    site = await act(CITY, plan.add_site, data=PlanSiteIn(
        region="410502", name="中华路示范路口点位", address="安阳市文峰区中华路示范路口东100米",
        latitude=36.0866, longitude=114.3835))
    station = await act(OPERATOR, stations.register_station, outbox=outbox, data=StationIn(
        name=STATION_NAME, region="410502", address="安阳市文峰区中华路示范路口东100米", media=["gaseous"],
        use="public", land_use="fuel_station", combined_with=["charging"], latitude=36.0866, longitude=114.3835,
        plan_site_id=site.id), station_id=DEMO_STATION_ID)  # the id request examples name
    sid = station.id
    for role, name in (("designer", "河南氢能设计示范院"), ("builder", "安阳建设示范有限公司"),
                       ("supervisor", "安阳监理示范有限公司")):
        await act(OPERATOR, construction.add_party, station_id=sid, data=PartyIn(
            role=role, name=name, code="91410500MA44GT012H", qualification="甲级", certificate_number=f"DEMO-{role}"))
    await act(OPERATOR, construction.start_construction, station_id=sid, reason="开工建设")
    await act(OPERATOR, construction.record_acceptance, station_id=sid, data=AcceptanceIn(
        accepted_on=today, evaluation_agency="河南安评示范有限公司", evaluation_report_number="豫安评〔2026〕88号"))
    filing = await act(OPERATOR, stations.submit_filing, outbox=outbox, station_id=sid, data=FilingIn(
        materials=[m for m in MATERIALS if m != "other"]))
    numbers = {"filling_operators": 8, "intermediate_technicians": 2}
    await act(WENFENG, stations.verify_filing, outbox=outbox, filing_id=filing.id, data=VerificationIn(
        passed=True, verified_on=today, experts=["张工", "李工", "王工"], findings="材料齐全，现场核查符合要求",
        conditions=[ConditionIn(code=c, passed=True, evidence="现场核查记录", number=numbers.get(c))
                    for c in CONDITIONS]))
    await act(OPERATOR, stations.record_opening, station_id=sid, data=OpeningIn(opening_date=today))
    await act(MARKET, filling.upsert_cylinders, items=[CylinderIn(
        serial=DEMO_CYLINDER_SERIAL, vin=DEMO_VIN, certificate_number="容3LA豫E00001(26)",
        valid_until=date(today.year + 5, 12, 31), next_inspection_on=date(today.year + 3, 6, 30))], source="recorded")
    await act(OPERATOR, filling.authorise_fill, station_id=sid, data=FillIn(
        cylinder_serial=DEMO_CYLINDER_SERIAL, vin=DEMO_VIN, accessories_complete=True, high_pressure_leak=False,
        kg=6.5))
    for source, issuer in (("producer", "安阳氢源示范有限公司"), ("third_party", "河南省计量测试科学研究院")):
        await act(OPERATOR, operations.add_quality_report, station_id=sid, data=QualityReportIn(
            source=source, issuer=issuer, report_number=f"QH-{source}", tested_on=today, conforms=True))
    await act(OPERATOR, operations.add_record, station_id=sid, data=RecordIn(
        kind="posted_price", summary="当日挂牌价格", price_fen_per_kg=3500))
    await act(FIRE, supervision.record_inspection, station_id=sid, data=InspectionIn(
        inspected_on=today, findings="消防通道堆放杂物", hazards=[HazardIn(
            description="消防通道堆放杂物", deadline=today + timedelta(days=7))]))
    await act(OPERATOR, emergency.file_plan, station_id=sid, data=EmergencyPlanIn(title="氢气泄漏事故应急预案"))
    await act(OPERATOR, emergency.record_drill, station_id=sid,
              data=DrillIn(drilled_on=today, scenario="加氢机软管泄漏处置"))
    await act(OPERATOR, supervision.add_schedule, station_id=sid, data=PatrolScheduleIn(
        equipment="压缩机、储氢瓶组、加氢机", interval_days=1, starts_on=today))
    await act(OPERATOR, report_accident, outbox=outbox, data=AccidentIn(
        station_id=sid, occurred_on=date(2023, 3, 6), severity=Severity.larger,
        summary="卸车作业时高压软管接头泄漏引发火灾，无人员伤亡，直接经济损失约1200万元", direct_loss_yuan=12_000_000))
