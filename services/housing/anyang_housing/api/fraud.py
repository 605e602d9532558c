"""Fraud cases (骗取保障性住房): opened and decided by the housing authority (housing.admin)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from anyang_housing.models.fraud import FraudCase
from anyang_housing.schemas.fraud import ConfirmationIn, FraudCaseIn, FraudCaseOut
from anyang_housing.schemas.vocab import FRAUD_STATUS_LABELS
from anyang_housing.service import fraud as svc
from anyang_housing.service.access import person_ref_of, vault_of
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/fraud-cases", tags=["fraud cases"])



class DismissalIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)

    model_config = {"json_schema_extra": {"examples": [{"reason": "查无实据"}]}}


def case_out(c: FraudCase) -> FraudCaseOut:
    return FraudCaseOut(
        id=c.id,
        application_id=c.application_id,
        person_name=c.person_name,
        person_id_masked=c.person_id_masked,
        facts=c.facts,
        status=c.status,
        status_label=FRAUD_STATUS_LABELS[c.status],
        department=c.department,
        decision_number=c.decision_number,
        decided_on=c.decided_on,
    )


@router.post("", status_code=201, response_model=FraudCaseOut,
             summary="骗取保障性住房立案 / Open a fraud case (housing authority)")
async def open_fraud_case(
    body: FraudCaseIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> FraudCaseOut:
    """Example caller: dept-zjj."""
    case = await svc.open_case(
        session=session, principal=principal, vault=vault_of(request.app.state.settings), data=body
    )
    return case_out(case)


@router.post("/{case_id}/confirmation", response_model=FraudCaseOut,
             summary="认定骗取保障性住房 / Confirm the finding; applications revoked, leases ended, offers withdrawn")
async def confirm_fraud_case(
    case_id: str, body: ConfirmationIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> FraudCaseOut:
    """Confirm the finding with its decision number: revokes the person's applications, ends their active
    leases and withdraws their open offers, and emits housing.fraud.confirmed with the person's PersonRef
    (credit records 骗取保障性住房, 安政〔2023〕2号 二（五）4).
    Example caller: dept-zjj."""
    case = await svc.confirm_case(
        session=session,
        principal=principal,
        vault=vault_of(request.app.state.settings),
        person_ref=person_ref_of(request.app.state.settings),
        outbox=request.app.state.outbox,
        case_id=case_id,
        data=body,
    )
    return case_out(case)


@router.post("/{case_id}/dismissal", response_model=FraudCaseOut,
             summary="不予认定，撤销案件 / Dismiss a fraud case with its reason")
async def dismiss_fraud_case(
    case_id: str, body: DismissalIn, session: SessionDep, principal: PrincipalDep
) -> FraudCaseOut:
    """Example caller: dept-zjj."""
    return case_out(
        await svc.dismiss_case(session=session, principal=principal, case_id=case_id, reason=body.reason)
    )


@router.get("", response_model=Page[FraudCaseOut], summary="骗取保障性住房案件列表 / Fraud cases")
async def list_fraud_cases(session: SessionDep, principal: PrincipalDep, page: PageDep) -> Page[FraudCaseOut]:
    rows, total = await svc.list_cases(
        session=session, principal=principal, limit=page.limit, offset=page.offset
    )
    return Page(items=[case_out(c) for c in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/{case_id}", response_model=FraudCaseOut, summary="一个骗取保障性住房案件 / One fraud case")
async def get_fraud_case(
    case_id: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> FraudCaseOut:
    return case_out(
        await svc.get_case(
            session=session, principal=principal, vault=vault_of(request.app.state.settings), case_id=case_id
        )
    )
