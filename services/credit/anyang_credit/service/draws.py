"""双随机、一公开: inspector pools, the joint supervision list, grade-differentiated reproducible draws."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain import draws as dd
from anyang_credit.domain.vocab import Grade, SubjectKind
from anyang_credit.models import kit
from anyang_credit.models.draws import Draw, Inspector, JointSupervisionItem
from anyang_credit.models.subjects import Subject
from anyang_credit.rules import default_parameters
from anyang_credit.service.grades import grades_for
from govkit import audit
from govkit.auth import Principal
from govkit.clock import business_date, utcnow
from govkit.errors import Forbidden, NotFound, RuleViolation

BASIS_POPULATION = (
    "Interpretation: the population is the city's market entities (natural persons excluded) "
    "matching the filter; each with its public grade on the draw date"
)


async def upsert_inspectors(
    *, session: AsyncSession, principal: Principal, department: str, items: list[dict]
) -> list[dict]:
    """A department manages its own pool (执法检查人员名录库)."""
    if principal.org != department:
        raise Forbidden(
            f"只能管理本部门（{principal.org}）的检查人员名录库",
            f"You manage only your own department's pool ({principal.org})",
        )
    out = []
    async with session.begin():
        for item in items:
            row = (
                (
                    await session.execute(
                        select(Inspector).where(
                            Inspector.department == department, Inspector.inspector_id == item["inspector_id"]
                        )
                    )
                )
                .scalars()
                .first()
            )
            if row is None:
                row = Inspector(
                    id=str(uuid.uuid4()), department=department, inspector_id=item["inspector_id"]
                )
                session.add(row)
            row.name, row.active, row.updated_at = item["name"], item.get("active", True), utcnow()
            out.append({"inspector_id": row.inspector_id, "name": row.name, "active": row.active})
        await audit.record(
            session,
            kit,
            "draw.pool.update",
            "inspector_pool",
            department,
            {"inspectors": [i["inspector_id"] for i in items]},
        )
    return out


async def pool(session: AsyncSession, department: str) -> list[Inspector]:
    return list(
        (
            await session.execute(
                select(Inspector).where(Inspector.department == department).order_by(Inspector.inspector_id)
            )
        ).scalars()
    )


async def create_joint_item(
    *, session: AsyncSession, principal: Principal, data: dict
) -> JointSupervisionItem:
    async with session.begin():
        existing = await session.get(JointSupervisionItem, data["code"])
        if existing is not None:
            if (existing.name, existing.departments) == (data["name"], sorted(set(data["departments"]))):
                return existing  # the same item sent again
            from govkit.errors import Conflict

            raise Conflict(f"联合监管事项{data['code']}已存在", f"Joint item {data['code']} exists")
        row = JointSupervisionItem(
            code=data["code"],
            name=data["name"],
            departments=sorted(set(data["departments"])),
            created_at=utcnow(),
            created_by=principal.org,
        )
        session.add(row)
        await audit.record(
            session, kit, "draw.joint_item.create", "joint_item", row.code, {"departments": row.departments}
        )
    return row


async def list_joint_items(session: AsyncSession) -> list[JointSupervisionItem]:
    return list(
        (await session.execute(select(JointSupervisionItem).order_by(JointSupervisionItem.code))).scalars()
    )


async def _population(session: AsyncSession, filt: dict, as_of: date) -> list[dd.Candidate]:
    q = select(Subject).where(Subject.kind != SubjectKind.NATURAL_PERSON.value, Subject.code.is_not(None))
    if filt.get("regions"):
        q = q.where(Subject.region.in_(filt["regions"]))
    if filt.get("industries"):
        q = q.where(Subject.industry.in_(filt["industries"]))
    if filt.get("kinds"):
        q = q.where(Subject.kind.in_(filt["kinds"]))
    subjects = list((await session.execute(q)).scalars())
    grades = await grades_for(session, [s.id for s in subjects], as_of)
    return [dd.Candidate(s.code, grades[s.id].grade) for s in subjects]


def _run(inputs: dict, seed: int) -> dd.DrawResult:
    population = [dd.Candidate(c, Grade(g)) for c, g in inputs["population"]]
    return dd.draw(
        population,
        inputs["ratios"],
        inputs["pools"],
        inputs["departments"],
        seed,
        inputs["inspectors_per_inspection"],
    )


async def create_draw(*, session: AsyncSession, principal: Principal, data: dict) -> Draw:
    departments = sorted(set(data.get("departments") or [principal.org]))
    if principal.org not in departments:
        raise Forbidden("发起部门必须参与抽查", "The initiating department must take part in the draw")
    as_of = data.get("as_of") or business_date()
    async with session.begin():
        item_code = data.get("joint_item_code")
        if len(departments) > 1 or item_code:
            item = await session.get(JointSupervisionItem, item_code) if item_code else None
            if item is None:
                raise RuleViolation(
                    "联合抽查须依据联合监管事项清单中的事项（joint_item_code）",
                    "A joint draw needs an item of the joint supervision list (joint_item_code)",
                    code="joint_item_required",
                    extra={"basis": dd.BASIS},
                )
            outside = sorted(set(departments) - set(item.departments))
            if outside:
                raise RuleViolation(
                    f"部门{'、'.join(outside)}不在联合监管事项“{item.name}”的部门中",
                    f"{', '.join(outside)} not among the departments of joint item {item.code}",
                    code="department_not_in_item",
                    extra={"basis": dd.BASIS},
                )
        ratios = {g.value: str(r) for g, r in dd.default_ratios(as_of, default_parameters()).items()}
        for g, r in (data.get("ratios") or {}).items():
            if not Decimal(0) <= Decimal(str(r)) <= Decimal(1):
                raise RuleViolation(
                    f"{g}级抽查比例须在0到1之间", f"Ratio for {g} must be within 0..1", code="ratio"
                )
            ratios[Grade(g).value] = str(r)
        k = data.get("inspectors_per_inspection") or dd.default_inspectors_per_inspection(as_of, default_parameters())
        pools = {d: [i.inspector_id for i in await pool(session, d) if i.active] for d in departments}
        filt = {key: sorted(set(data.get(key) or [])) for key in ("regions", "industries", "kinds")}
        population = await _population(session, filt, as_of)
        seed = int(data["seed"]) if data.get("seed") is not None else dd.new_seed()
        inputs = {
            "population": sorted([c.code, c.grade.value] for c in population),
            "ratios": ratios,
            "pools": pools,
            "departments": departments,
            "inspectors_per_inspection": k,
        }
        result = _run(inputs, seed)
        public = result.as_dict() | {"seed": str(seed), "population_basis": BASIS_POPULATION}
        row = Draw(
            id=str(uuid.uuid4()),
            title=data.get("title") or "双随机、一公开抽查",
            initiated_by=principal.org,
            departments=departments,
            joint_item_code=item_code,
            population_filter=filt,
            as_of=as_of,
            seed=str(seed),
            inputs=inputs,
            result=public,
            created_at=utcnow(),
        )
        session.add(row)
        await audit.record(
            session,
            kit,
            "draw.create",
            "draw",
            row.id,
            {"seed": str(seed), "fingerprint": result.input_fingerprint},
        )
    return row


async def list_draws(session: AsyncSession, *, limit: int, offset: int) -> tuple[list[Draw], int]:
    """Published draws, newest first, with their total."""
    total = (await session.execute(select(func.count()).select_from(Draw))).scalar_one()
    rows = (await session.execute(select(Draw).order_by(Draw.created_at.desc()).limit(limit).offset(offset)))
    return list(rows.scalars()), total


async def get_draw(session: AsyncSession, draw_id: str) -> Draw:
    row = await session.get(Draw, draw_id)
    if row is None:
        raise NotFound(f"没有抽查{draw_id}", f"No draw {draw_id}")
    return row


async def verify_draw(session: AsyncSession, draw_id: str) -> dict[str, Any]:
    """Re-run the recorded inputs with the recorded seed: the same draw must come out."""
    row = await get_draw(session, draw_id)
    again = _run(row.inputs, int(row.seed)).as_dict() | {"seed": row.seed}
    keys = ("inspections", "counts", "input_fingerprint")
    same = all(again[k] == row.result[k] for k in keys)
    return {
        "draw_id": row.id,
        "seed": row.seed,
        "reproduced": same,
        "input_fingerprint": again["input_fingerprint"],
        "algorithm": dd.ALGORITHM,
        "basis": dd.BASIS,
    }
