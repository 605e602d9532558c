"""双随机、一公开: inspector pools, the joint supervision list, grade-differentiated reproducible draws."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain import draws as dd
from anyang_credit.domain.vocab import Grade
from anyang_credit.models import kit
from anyang_credit.models.draws import Draw, InspectionResult, Inspector, JointSupervisionItem
from anyang_credit.models.subjects import Subject
from anyang_credit.rules import default_parameters
from anyang_credit.service.grades import grades_for
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.rules.periods import add_years


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
    """The market entities matching the filter, each with its public grade on the draw date."""
    kinds = filt.get("kinds") or [k.value for k in dd.MARKET_ENTITIES]
    q = select(Subject).where(Subject.kind.in_(kinds), Subject.code.is_not(None))
    if filt.get("regions"):
        q = q.where(Subject.region.in_(filt["regions"]))
    if filt.get("industries"):
        q = q.where(Subject.industry.in_(filt["industries"]))
    subjects = list((await session.execute(q)).scalars())
    grades = await grades_for(session, [s.id for s in subjects], as_of)
    return [dd.Candidate(s.code, grades[s.id].grade) for s in subjects]


async def _drawn_past_year(session: AsyncSession, departments: list[str], as_of: date) -> dict[str, int]:
    """How often each entity was drawn in the year before `as_of` by draws any of these departments took part in."""
    since = add_years(as_of, -1)
    counts: dict[str, int] = {}
    for row in (await session.execute(select(Draw).where(Draw.as_of > since, Draw.as_of <= as_of))).scalars():
        if set(row.departments) & set(departments):
            for inspection in row.result["inspections"]:
                counts[inspection["entity_code"]] = counts.get(inspection["entity_code"], 0) + 1
    return counts


def _run(inputs: dict, seed: int) -> dd.DrawResult:
    population = [dd.Candidate(c, Grade(g)) for c, g in inputs["population"]]
    return dd.draw(population, inputs["ratios"], inputs["pools"], inputs["departments"], seed,
                   inputs["inspectors_per_inspection"], inputs.get("frequency_per_year"), inputs.get("left_out"))


def _check_kinds(kinds: list[str]) -> None:
    outside = sorted(set(kinds) - {k.value for k in dd.MARKET_ENTITIES})
    if outside:
        raise RuleViolation(f"抽查对象限于市场主体（企业、个体工商户），不含：{'、'.join(outside)}",
                            f"Draws are of market entities only (enterprises, individual businesses), not: "
                            f"{', '.join(outside)}", code="not_market_entity",
                            errors=[{"field": "kinds", "message": ", ".join(outside)}],
                            extra={"basis": dd.BASIS_POPULATION})


async def create_draw(*, session: AsyncSession, principal: Principal, data: dict) -> Draw:
    """A draw on the service's date with a seed the service draws (commit and reveal: see domain.draws)."""
    departments = sorted(set(data.get("departments") or [principal.org]))
    if principal.org not in departments:
        raise Forbidden("发起部门必须参与抽查", "The initiating department must take part in the draw")
    as_of = business_date()
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
        params = default_parameters()
        ratios = {g.value: str(r) for g, r in dd.default_ratios(as_of, params).items()}
        for g, r in (data.get("ratios") or {}).items():
            ratios[Grade(g).value] = str(r)
        k = data.get("inspectors_per_inspection") or dd.default_inspectors_per_inspection(as_of, params)
        pools = {d: [i.inspector_id for i in await pool(session, d) if i.active] for d in departments}
        filt = {key: sorted(set(data.get(key) or [])) for key in ("regions", "industries", "kinds")}
        _check_kinds(filt["kinds"])
        per_year = dd.frequencies(as_of, params)
        population, left_out = dd.within_frequency(await _population(session, filt, as_of),
                                                   await _drawn_past_year(session, departments, as_of), per_year)
        seed = dd.new_seed()
        inputs = {
            "population": sorted([c.code, c.grade.value] for c in population),
            "ratios": ratios,
            "pools": pools,
            "departments": departments,
            "inspectors_per_inspection": k,
            "frequency_per_year": {g.value: n for g, n in per_year.items()},
            "left_out": {g.value: n for g, n in left_out.items()},
        }
        result = _run(inputs, seed)
        row = Draw(
            id=str(uuid.uuid4()),
            title=data.get("title") or "双随机、一公开抽查",
            initiated_by=principal.org,
            departments=departments,
            joint_item_code=item_code,
            population_filter=filt,
            as_of=as_of,
            seed=str(seed),
            seed_commitment=dd.commitment(seed),
            inputs=inputs,
            result=result.as_dict() | {"seed": str(seed)},
            created_at=utcnow(),
        )
        session.add(row)
        await audit.record(session, kit, "draw.create", "draw", row.id,
                           {"seed_commitment": row.seed_commitment, "fingerprint": result.input_fingerprint})
    return row


async def list_draws(session: AsyncSession, *, limit: int, offset: int) -> tuple[list[Draw], int]:
    """Draws, newest first, with their total (what of each is public: `public_view`)."""
    total = (await session.execute(select(func.count()).select_from(Draw))).scalar_one()
    rows = (await session.execute(select(Draw).order_by(Draw.created_at.desc()).limit(limit).offset(offset)))
    return list(rows.scalars()), total


async def get_draw(session: AsyncSession, draw_id: str) -> Draw:
    row = await session.get(Draw, draw_id)
    if row is None:
        raise NotFound(f"没有抽查{draw_id}", f"No draw {draw_id}")
    return row


async def results_of(session: AsyncSession, draw_ids: list[str]) -> dict[str, dict[str, InspectionResult]]:
    """The recorded inspection results of these draws: draw id → entity code → result."""
    out: dict[str, dict[str, InspectionResult]] = {d: {} for d in draw_ids}
    if draw_ids:
        for r in (await session.execute(select(InspectionResult).where(
                InspectionResult.draw_id.in_(draw_ids)))).scalars():
            out[r.draw_id][r.entity_code] = r
    return out


def is_participant(principal: Principal, row: Draw) -> bool:
    return principal.kind is PrincipalKind.department and principal.org in row.departments


async def record_result(*, session: AsyncSession, principal: Principal, draw_id: str, data: dict) -> Draw:
    """A participating department records an inspection's result (一公开): from then the target, its inspectors
    and the result are public; with the last result the seed is revealed."""
    async with session.begin():
        row = await get_draw(session, draw_id)
        if not is_participant(principal, row):
            raise Forbidden("只有参与抽查的部门可以登记检查结果",
                            "Only a department taking part in the draw records its results")
        if data["entity_code"] not in {i["entity_code"] for i in row.result["inspections"]}:
            raise NotFound(f"本次抽查未抽中{data['entity_code']}",
                           f"{data['entity_code']} was not drawn in this draw")
        today = business_date()
        if not row.as_of <= data["inspected_on"] <= today:
            raise RuleViolation(f"检查日期须在抽查日{row.as_of}至今天{today}之间",
                                f"The inspection date lies between the draw ({row.as_of}) and today ({today})",
                                errors=[{"field": "inspected_on", "message": str(data["inspected_on"])}])
        found = (await session.execute(select(InspectionResult).where(
            InspectionResult.draw_id == row.id, InspectionResult.entity_code == data["entity_code"]))).first()
        if found is not None:
            raise Conflict(f"{data['entity_code']}的检查结果已登记",
                           f"The result for {data['entity_code']} is recorded")
        session.add(InspectionResult(draw_id=row.id, entity_code=data["entity_code"], outcome=data["outcome"],
                                     note=data.get("note") or "", inspected_on=data["inspected_on"],
                                     recorded_by=principal.org, recorded_at=utcnow()))
        await audit.record(session, kit, "draw.result", "draw", row.id,
                           {"entity_code": data["entity_code"], "outcome": data["outcome"]})
    return row


async def verify_draw(session: AsyncSession, draw_id: str) -> dict[str, Any]:
    """Once the seed is revealed: it matches the published commitment, and re-running the recorded inputs with
    it gives the same draw."""
    row = await get_draw(session, draw_id)
    results = (await results_of(session, [row.id]))[row.id]
    if not dd.revealed(len(row.result["inspections"]), len(results)):
        raise Conflict("检查结果尚未全部登记，种子尚未公开，暂不能复现",
                       "The seed is revealed once every inspection's result is recorded; not yet")
    again = _run(row.inputs, int(row.seed)).as_dict()
    keys = ("inspections", "counts", "input_fingerprint")
    same = all(again[k] == row.result[k] for k in keys)
    committed = row.seed_commitment is None or dd.commitment(row.seed) == row.seed_commitment
    return {
        "draw_id": row.id,
        "seed": row.seed,
        "seed_commitment": row.seed_commitment,
        "commitment_matches": committed,
        "reproduced": same and committed,
        "input_fingerprint": again["input_fingerprint"],
        "algorithm": dd.ALGORITHM,
        "basis": dd.BASIS,
    }
