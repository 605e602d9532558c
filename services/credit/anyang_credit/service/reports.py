"""Credit reports (信用报告): public and full versions as of a date, with a verification code a receiver
can check (domain/reports: HMAC-SHA256 over the canonical JSON)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain import reports as drep
from anyang_credit.domain.public import public_check, public_name, public_text
from anyang_credit.domain.vocab import label
from anyang_credit.models import kit
from anyang_credit.models.records import CreditRecord
from anyang_credit.models.repairs import RepairApplicationRow
from anyang_credit.models.reports import IssuedReport
from anyang_credit.models.subjects import Subject
from anyang_credit.rules import default_parameters
from anyang_credit.service import repairs as repair_service
from anyang_credit.service.grades import grade_of
from anyang_credit.service.history import known_until, records_known_on
from anyang_credit.service.lists import check_codes
from anyang_credit.service.subjects import code_of, is_person, masked_actor
from govkit import audit
from govkit.clock import business_date, utcnow
from govkit.crypto import IdVault
from govkit.errors import NotFound
from govkit.i18n import t
from govkit.ids import mask_id

ISSUER = "信用安阳（安阳市社会信用信息服务）"
BASIS_CONTENT = (
    "spec credit.md: Credit report (identity, grade with explanation, published records, commitments, "
    "list status, repairs — as of a date); README Privacy (public version masked)"
)


def _label(code: str) -> str:
    try:
        return label(code).text
    except KeyError:
        return code


def _published_on(rec: CreditRecord, as_of: date) -> bool:
    if rec.status == "withdrawn" or rec.published_at is None or business_date(rec.published_at) > as_of:
        return False
    return rec.publication_ended_at is None or business_date(rec.publication_ended_at) > as_of


def _record_view(rec: CreditRecord, full: bool) -> dict[str, Any]:
    out = {
        "id": rec.id,
        "category": rec.category,
        "category_label": _label(rec.category),
        "department": rec.department,
        "decision_number": rec.decision_number,
        "decision_date": rec.decision_date.isoformat(),
        "title": rec.title if full else public_text(rec.title),  # the public projection (domain/public.py)
        "legal_basis": rec.legal_basis if full else public_text(rec.legal_basis),
        "disputed": bool(rec.disputed),
    }
    if full:
        out |= {
            "status": rec.status,
            "content": rec.content,
            "published_at": rec.published_at.isoformat() if rec.published_at else None,
            "publication_ended_at": rec.publication_ended_at.isoformat()
            if rec.publication_ended_at
            else None,
        }
    return out


async def _commitments(session: AsyncSession, subject: Subject, as_of: date, full: bool) -> list[dict] | None:
    try:
        from anyang_credit.models.commitments import CreditCommitment
    except ImportError:  # part A's table absent: the section is left out
        return None
    rows = (
        await session.execute(
            select(CreditCommitment)
            .where(CreditCommitment.subject_id == subject.id, CreditCommitment.made_on <= as_of)
            .order_by(CreditCommitment.made_on)
        )
    ).scalars()
    out = []
    for c in rows:
        status = c.status if (c.status_changed_on is None or c.status_changed_on <= as_of) else "in_force"
        item = {
            "id": c.id,
            "type": c.type,
            "type_label": _label(c.type),
            "department": c.department,
            "made_on": c.made_on.isoformat(),
            "deadline": c.deadline.isoformat() if c.deadline else None,
            "status": status,
            "status_label": _label(status),
            "content": c.content if full else public_text(c.content),
        }
        if full:
            item["liability_on_breach"] = c.liability_on_breach
        out.append(item)
    return out


async def build(
    session: AsyncSession, vault: IdVault, subject: Subject, as_of: date, version: str
) -> dict[str, Any]:
    full = version == "full"
    code = code_of(subject, vault)
    identity = {
        "name": subject.name if full else public_name(subject.name, is_person(subject)),
        "code": code if (full or not is_person(subject)) else mask_id(code),
        "kind": subject.kind,
        "kind_label": _label(subject.kind),
        "region": subject.region,
        "industry": subject.industry,
    }
    records = await records_known_on(session, [subject.id], as_of)  # as known that day (issue #10 item 8)
    shown = [r for r in records if full or _published_on(r, as_of)]
    lists = (await check_codes(session, vault, [code], as_of, known_until=known_until(as_of)))[0]
    lists = lists if full else public_check(lists)
    lists["subject_code"] = identity["code"]
    repairs = list(
        (
            await session.execute(
                select(RepairApplicationRow)
                .where(
                    RepairApplicationRow.subject_id == subject.id, RepairApplicationRow.submitted_on <= as_of
                )
                .order_by(RepairApplicationRow.created_at)
            )
        ).scalars()
    )
    repair_views = []
    for r in repairs:
        v = await repair_service.view(session, r)
        v["history"] = [h for h in v["history"] if h["on"] <= as_of.isoformat()]
        if not v["history"]:
            continue
        v["status"] = v["history"][-1]["to_status"]
        v["status_label"] = _label(v["status"])
        if not full:
            if v["status"] != "approved":
                continue  # the public version shows completed repairs only
            v = {k: v[k] for k in ("id", "target_kind", "target_id", "decider", "status", "status_label")}
        else:
            v.pop("free_of_charge", None)
        repair_views.append(v)
    report: dict[str, Any] = {
        "title": "信用报告（完整版）" if full else "信用报告（公开版）",
        "version": version,
        "version_label": "完整版" if full else "公开版",
        "as_of": as_of.isoformat(),
        "issuer": ISSUER,
        "subject": identity,
        "grade": await grade_of(session, subject, as_of),
        "records": [_record_view(r, full) for r in shown],
        "list_status": lists,
        "repairs": repair_views,
        "basis": BASIS_CONTENT,
    }
    commitments = await _commitments(session, subject, as_of, full)
    if commitments is not None:
        report["commitments"] = commitments
    return report


def _chars(on: date) -> int:
    return int(default_parameters().at("credit.report.verification_code_chars", on).value)


async def issue(
    *,
    session: AsyncSession,
    vault: IdVault,
    secret: str,
    subject: Subject,
    as_of: date,
    version: str,
    issued_to: str,
) -> dict[str, Any]:
    """Build, sign and keep the report; the code lets a receiver check it is genuine and unaltered."""
    async with session.begin():
        report_id = str(uuid.uuid4())
        report = await build(session, vault, subject, as_of, version)
        issued_at = utcnow()
        report = {"report_id": report_id, "issued_at": issued_at.isoformat()} | report
        code = drep.verification_code(report, secret, _chars(issued_at.date()))
        report[drep.CODE_FIELD] = code
        session.add(
            IssuedReport(
                id=report_id,
                code=drep.normalise_code(code),
                subject_id=subject.id,
                version=version,
                as_of=as_of,
                content=report,
                content_sha256=hashlib.sha256(drep.canonical_json(report)).hexdigest(),
                issued_to=masked_actor(issued_to),
                issued_at=issued_at,
            )
        )
        await audit.record(
            session,
            kit,
            "report.issue",
            "report",
            report_id,
            {"version": version, "as_of": as_of.isoformat(), "issued_to": masked_actor(issued_to)},
        )
    return report


async def issued_under(session: AsyncSession, code: str) -> IssuedReport | None:
    return (await session.execute(select(IssuedReport).where(
        IssuedReport.code == drep.normalise_code(code or "")))).scalars().first()


async def find_by_code(session: AsyncSession, code: str) -> IssuedReport:
    row = await issued_under(session, code)
    if row is None:
        raise NotFound(
            "验证码不存在：该报告不是本平台出具的", "Unknown verification code: not a report issued here"
        )
    return row


def not_issued_here() -> dict[str, Any]:
    """The answer of a content check whose code names no report issued here."""
    return {"valid": False, "report_id": None, "outcome": "not_issued_here",
            "message": t("本平台未以该验证码出具报告", "No report was issued here under this code"),
            "basis": drep.BASIS}


def verify_content(row: IssuedReport, presented: dict, secret: str) -> dict[str, Any]:
    """Is the presented report the one issued under this code, unaltered?"""
    code = row.content.get(drep.CODE_FIELD, "")
    genuine = drep.verify(presented, code, secret, len(drep.normalise_code(code)))
    digest = hashlib.sha256(drep.canonical_json(presented)).hexdigest()
    return {
        "valid": genuine and digest == row.content_sha256,
        "report_id": row.id,
        "outcome": "genuine_unaltered" if genuine else "altered_or_not_issued",
        "message": "报告真实、未被篡改" if genuine else "报告内容与出具时不一致（已被篡改或非本平台出具）",
        "basis": drep.BASIS,
    }
