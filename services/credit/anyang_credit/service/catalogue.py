"""The versioned public credit information catalogue (CP 三（三）: 定期更新发布安阳市公共信用信息目录) and each
department's coverage gaps (全覆盖、无遗漏归集)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain.records import coverage_gaps
from anyang_credit.domain.vocab import RecordStatus
from anyang_credit.models import kit
from anyang_credit.models.catalogue import CatalogueEntry, CatalogueVersion
from anyang_credit.models.records import CreditRecord
from anyang_credit.schemas.catalogue import CatalogueVersionIn
from govkit import audit
from govkit.auth import Principal
from govkit.db import transactional
from govkit.errors import Forbidden, NotFound, RuleViolation

MAX_PERIOD_DAYS = 365  # a coverage view spans at most a year (daily items: one period per day)


@transactional
async def publish_version(*, session: AsyncSession, principal: Principal, data: CatalogueVersionIn,
                          now: datetime) -> tuple[CatalogueVersion, list[CatalogueEntry]]:
    latest = (await session.execute(select(CatalogueVersion).order_by(
        CatalogueVersion.version.desc()).limit(1))).scalars().first()
    if latest is not None and await _is_sent_again(session, latest, data):
        return latest, await entries_of(session, latest)
    if latest is not None and data.valid_from <= latest.valid_from:
        raise RuleViolation(f"新版本的生效日期须晚于第{latest.version}版的{latest.valid_from}",
                            f"A new version must take effect after version {latest.version} ({latest.valid_from})",
                            errors=[{"field": "valid_from", "message": str(latest.valid_from)}])
    keys = [(e.department, e.category) for e in data.entries]
    if len(keys) != len(set(keys)):
        raise RuleViolation("同一部门同一类别只能列一次", "Each department and category may appear once")
    version = CatalogueVersion(version=(latest.version + 1) if latest else 1, valid_from=data.valid_from,
                               title=data.title, note=data.note, created_by=principal.sub or principal.org,
                               created_at=now)
    session.add(version)
    await session.flush()
    entries = [CatalogueEntry(version_id=version.id, department=e.department, category=e.category.value,
                              fields=list(e.fields), frequency=e.frequency.value) for e in data.entries]
    session.add_all(entries)
    await session.flush()
    await audit.record(session, kit, "credit.catalogue.publish", "catalogue_version", str(version.version),
                       {"valid_from": data.valid_from.isoformat(), "entries": len(entries)})
    return version, entries


async def _is_sent_again(session: AsyncSession, latest: CatalogueVersion, data: CatalogueVersionIn) -> bool:
    """The latest version sent again (same date, title, note and entries): answered as published."""
    if (latest.valid_from, latest.title, latest.note) != (data.valid_from, data.title, data.note):
        return False
    stored = {(e.department, e.category, tuple(e.fields), e.frequency) for e in await entries_of(session, latest)}
    return stored == {(e.department, e.category.value, tuple(e.fields), e.frequency.value) for e in data.entries}


async def version_on(session: AsyncSession, on: date) -> tuple[CatalogueVersion, list[CatalogueEntry]]:
    version = (await session.execute(select(CatalogueVersion).where(CatalogueVersion.valid_from <= on)
                                     .order_by(CatalogueVersion.valid_from.desc()).limit(1))).scalars().first()
    if version is None:
        raise NotFound(f"{on}没有生效的公共信用信息目录", f"No catalogue in force on {on}")
    return version, await entries_of(session, version)


async def entries_of(session: AsyncSession, version: CatalogueVersion) -> list[CatalogueEntry]:
    return list((await session.execute(select(CatalogueEntry).where(CatalogueEntry.version_id == version.id)
                                       .order_by(CatalogueEntry.department, CatalogueEntry.category))).scalars())


async def all_versions(session: AsyncSession) -> list[tuple[CatalogueVersion, list[CatalogueEntry]]]:
    versions = (await session.execute(select(CatalogueVersion).order_by(CatalogueVersion.version))).scalars()
    return [(v, await entries_of(session, v)) for v in versions]


async def coverage(*, session: AsyncSession, principal: Principal, period_from: date, period_to: date,
                   department: str | None):
    """Per department: required catalogue categories (version in force at period end), records reported in
    the period (by decision date, withdrawn ones excluded), and the gaps: reporting periods of each item's
    frequency without a record. Own department only, except the
    credit lead (credit.admin)."""
    if not principal.has("credit.admin"):
        if department and department != principal.org:
            raise Forbidden("部门只能查看本部门的归集情况", "A department sees only its own coverage")
        department = principal.org
    if period_to < period_from:
        raise RuleViolation("期间结束日不能早于开始日", "The period ends before it starts")
    if (period_to - period_from).days > MAX_PERIOD_DAYS:
        raise RuleViolation(f"查询期间不能超过{MAX_PERIOD_DAYS + 1}天",
                            f"The period is at most {MAX_PERIOD_DAYS + 1} days",
                            errors=[{"field": "to", "message": str(period_to)}])
    version, entries = await version_on(session, period_to)
    required: dict[str, dict[str, str]] = {}
    for e in entries:
        if department is None or e.department == department:
            required.setdefault(e.department, {})[e.category] = e.frequency
    rows = (await session.execute(
        select(CreditRecord.department, CreditRecord.category, CreditRecord.decision_date, func.count())
        .where(CreditRecord.decision_date >= period_from, CreditRecord.decision_date <= period_to,
               CreditRecord.status != RecordStatus.WITHDRAWN.value,
               CreditRecord.department.in_(list(required)))
        .group_by(CreditRecord.department, CreditRecord.category, CreditRecord.decision_date)
        .order_by(CreditRecord.decision_date))).all()
    decided: dict[tuple[str, str], dict[date, int]] = {}
    for dept, category, day, n in rows:
        decided.setdefault((dept, category), {})[day] = n
    return version, coverage_gaps(required, decided, period_from, period_to)
