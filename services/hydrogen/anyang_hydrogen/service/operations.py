"""Quality reports (安政办〔2023〕2号 第十六条), operating records with retention and posted prices (第十七条)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_hydrogen.domain import records as rules
from anyang_hydrogen.models import kit
from anyang_hydrogen.models.operations import OperatingRecord, QualityReport
from anyang_hydrogen.models.stations import Station
from anyang_hydrogen.schemas.operations import QualityReportIn, QualitySummary, RecordIn
from anyang_hydrogen.service.access import check_operator, check_station_access
from anyang_hydrogen.service.refusals import ensure
from anyang_hydrogen.service.stations import load_station, operating_clause
from govkit import audit
from govkit.auth import Principal
from govkit.clock import business_date, utcnow
from govkit.errors import NotFound, RuleViolation


async def add_quality_report(*, session: AsyncSession, principal: Principal, station_id: str,
                             data: QualityReportIn) -> QualityReport:
    async with session.begin():
        station = await load_station(session, station_id)
        check_operator(principal, station.operator_code, "公示氢气质量检测报告", "Publishing a quality report")
        today = business_date()
        if data.tested_on > today:
            raise RuleViolation("检测日期不能晚于今天", "tested_on cannot be in the future",
                                errors=[{"field": "tested_on", "message": "in the future"}])
        report = QualityReport(id=str(uuid.uuid4()), station_id=station.id, source=data.source.value,
                               issuer=data.issuer, report_number=data.report_number, tested_on=data.tested_on,
                               standard=data.standard, conforms=data.conforms, published_on=today,
                               created_at=utcnow())
        session.add(report)
        await session.flush()
        await audit.record(session, kit, "quality.publish", "quality_report", report.id,
                           {"station_id": station.id, "source": report.source, "conforms": report.conforms})
    return report


async def list_quality_reports(*, session: AsyncSession, station_id: str, limit: int, offset: int
                               ) -> tuple[list[QualityReport], int]:
    await load_station(session, station_id)
    q = select(QualityReport).where(QualityReport.station_id == station_id)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(QualityReport.tested_on.desc(), QualityReport.id).limit(limit)
                                 .offset(offset))
    return list(rows.scalars()), total


async def quality_summaries(session: AsyncSession, station_ids: list[str]) -> dict[str, QualitySummary]:
    """The latest report of each source per station, and the stale flag (第十六条, Interpretation)."""
    rows = await session.execute(
        select(QualityReport.station_id, QualityReport.source, func.max(QualityReport.tested_on))
        .where(QualityReport.station_id.in_(station_ids))
        .group_by(QualityReport.station_id, QualityReport.source))
    latest: dict[str, dict[str, date]] = {}
    for sid, source, tested in rows:
        latest.setdefault(sid, {})[source] = tested
    today = business_date()
    out = {}
    for sid in station_ids:
        third, producer = latest.get(sid, {}).get("third_party"), latest.get(sid, {}).get("producer")
        stale = rules.quality_stale(third, today)
        out[sid] = QualitySummary(latest_third_party=third, latest_producer=producer, stale=stale.value,
                                  basis=stale.basis)
    return out


async def add_record(*, session: AsyncSession, principal: Principal, station_id: str, data: RecordIn
                     ) -> OperatingRecord:
    """第十七条: the operator's record, entered on the service's date (the retention counts from it)."""
    async with session.begin():
        station = await load_station(session, station_id)
        check_operator(principal, station.operator_code, "运行档案", "Operating records")
        if (data.kind == rules.RecordKind.posted_price) != (data.price_fen_per_kg is not None):
            raise RuleViolation("挂牌价格记录须填写价格，其他记录不填价格",
                                "price_fen_per_kg is given for posted_price records and only for them",
                                errors=[{"field": "price_fen_per_kg", "message": "posted_price only"}])
        today = business_date()
        until, _ = rules.retention_end(data.kind.value, today)
        record = OperatingRecord(id=str(uuid.uuid4()), station_id=station.id, kind=data.kind.value,
                                 recorded_on=today, summary=data.summary, price_fen_per_kg=data.price_fen_per_kg,
                                 retained_until=until, created_by=principal.org, created_at=utcnow())
        session.add(record)
        await session.flush()
        await audit.record(session, kit, "record.add", "operating_record", record.id,
                           {"station_id": station.id, "kind": record.kind})
    return record


async def list_records(*, session: AsyncSession, principal: Principal, station_id: str, kind: str | None,
                       limit: int, offset: int) -> tuple[list[OperatingRecord], int]:
    station = await load_station(session, station_id)
    check_station_access(principal, region=station.region, operator_code=station.operator_code)
    q = select(OperatingRecord).where(OperatingRecord.station_id == station_id)
    if kind:
        q = q.where(OperatingRecord.kind == kind)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(OperatingRecord.recorded_on.desc(), OperatingRecord.id).limit(limit)
                                 .offset(offset))
    return list(rows.scalars()), total


async def delete_record(*, session: AsyncSession, principal: Principal, station_id: str, record_id: str) -> None:
    """Refused inside the retention period with the rule and the first day deletion is allowed."""
    async with session.begin():
        station = await load_station(session, station_id)
        check_operator(principal, station.operator_code, "运行档案", "Operating records")
        record = await session.get(OperatingRecord, record_id)
        if record is None or record.station_id != station.id:
            raise NotFound(f"没有运行记录 {record_id}", f"No operating record {record_id}")
        ensure(rules.check_deletion(record.kind, record.recorded_on, business_date()))
        await session.delete(record)
        await audit.record(session, kit, "record.delete", "operating_record", record.id,
                           {"kind": record.kind, "recorded_on": record.recorded_on.isoformat()})


async def purge_records(*, session: AsyncSession, principal: Principal, station_id: str) -> int:
    """Delete the station's records whose retention has ended (retained_until before today)."""
    async with session.begin():
        station = await load_station(session, station_id)
        check_operator(principal, station.operator_code, "运行档案", "Operating records")
        result = await session.execute(delete(OperatingRecord).where(
            OperatingRecord.station_id == station.id, OperatingRecord.retained_until < business_date()))
        await audit.record(session, kit, "record.purge", "station", station.id, {"deleted": result.rowcount})
    return result.rowcount


def _latest_prices():
    latest = (select(OperatingRecord.station_id, func.max(OperatingRecord.recorded_on).label("on"))
              .where(OperatingRecord.kind == rules.RecordKind.posted_price.value)
              .group_by(OperatingRecord.station_id).subquery())
    return (select(OperatingRecord)
            .join(latest, (latest.c.station_id == OperatingRecord.station_id)
                  & (latest.c.on == OperatingRecord.recorded_on))
            .where(OperatingRecord.kind == rules.RecordKind.posted_price.value))


async def latest_prices(session: AsyncSession, station_ids: list[str]) -> dict[str, OperatingRecord]:
    rows = await session.execute(_latest_prices().where(OperatingRecord.station_id.in_(station_ids))
                                 .order_by(OperatingRecord.created_at))
    return {r.station_id: r for r in rows.scalars()}  # the last posted on the latest day wins


async def public_prices(*, session: AsyncSession, limit: int, offset: int, region: str | None
                        ) -> tuple[list[tuple[OperatingRecord, Station]], int]:
    """The latest posted price of every operating station (第十七条 挂牌价格, public for drivers)."""
    q = (_latest_prices().join(Station, Station.id == OperatingRecord.station_id)
         .where(operating_clause(business_date())).add_columns(Station))
    if region:
        q = q.where(Station.region == region)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(OperatingRecord.price_fen_per_kg, Station.name).limit(limit)
                                 .offset(offset))
    return [(r, s) for r, s in rows.all()], total
