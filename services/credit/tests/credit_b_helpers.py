"""Shared helpers of the part-B API tests (loaded by path: pytest runs with --import-mode=importlib)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from anyang_credit.models.records import CreditRecord
from anyang_credit.service.subjects import get_or_create_subject, vault_of
from govkit.ids import make_resident_id, make_uscc
from govkit.testing import bearer

ENT = make_uscc("91410500MA44B0001")
ENT2 = make_uscc("91410500MA44B0002")
BANK = make_uscc("91410500MA44BK001")
CORE = make_uscc("91410500MA44CR001")
PERSON = make_resident_id("41050219850615002")
SCOPES = ["credit.report", "credit.list", "credit.review", "credit.draw"]


def dept(org: str, scopes=None) -> dict:
    return bearer("department", org, scopes=SCOPES if scopes is None else scopes)


FGW = bearer("department", "fgw", scopes=["credit.admin", *SCOPES])


def ent(code: str = ENT, scopes=None) -> dict:
    return bearer("enterprise", code, scopes=scopes or [])


def person(code: str = PERSON) -> dict:
    return bearer("person", code)


def bank(code: str = BANK) -> dict:
    return bearer("financial_institution", code, scopes=["credit.finance_query"])


def entry(code: str = ENT, **kw) -> dict:
    body = {
        "subject_code": code,
        "subject_name": "示范企业",
        "legal_basis": "《税收征收管理法》第六十三条",
        "decision_number": f"安税稽罚〔2023〕{uuid.uuid4().hex[:6]}号",
        "effective_date": "2023-03-01",
        "expiry_date": "2026-03-01",
    }
    return body | kw


async def add_record(
    app,
    code: str,
    *,
    category: str = "administrative_penalty",
    decided: date,
    department: str = "scjg",
    severity: str | None = "general",
    published: bool = True,
    region: str = "410502",
    industry: str = "制造业",
) -> str:
    vault = vault_of(app.state.settings)
    async with app.state.sessionmaker() as s, s.begin():
        subject = await get_or_create_subject(
            session=s, vault=vault, code=code, name="示范企业", region=region, industry=industry
        )
        rid = str(uuid.uuid4())
        at = datetime(decided.year, decided.month, decided.day, 4, tzinfo=UTC)
        s.add(
            CreditRecord(
                id=rid,
                subject_id=subject.id,
                category=category,
                department=department,
                decision_number=f"{department}-{rid[:8]}",
                decision_date=decided,
                title="测试记录",
                content="",
                legal_basis="某法第一条",
                severity=severity,
                reported_at=at,
                reported_on=decided,
                published_at=at if published else None,
                published_on=decided if published else None,
                status="active",
                content_hash="x" * 64,
            )
        )
    return rid


async def add_subject(app, code: str, *, region: str = "410502", industry: str = "制造业") -> None:
    vault = vault_of(app.state.settings)
    async with app.state.sessionmaker() as s, s.begin():
        await get_or_create_subject(
            session=s, vault=vault, code=code, name=f"企业{code[-4:]}", region=region, industry=industry
        )
