"""Demo list entry, inspector pools, a joint supervision item and a 信易贷 authorisation (idempotent).
Principals from gateway/clients.dev.yaml."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select

from anyang_credit.models.draws import Inspector, JointSupervisionItem
from anyang_credit.models.finance import Authorisation
from anyang_credit.models.lists import ListEntryRow
from anyang_credit.schemas.examples import BANK as BANK_USCC
from anyang_credit.schemas.examples import DEMO_LIST_ENTRY_ID, ENT1, LISTED
from anyang_credit.service.grades import recompute_grade
from anyang_credit.service.subjects import get_or_create_subject, vault_of
from govkit.clock import business_date, utcnow

STEEL, BANK = ENT1, BANK_USCC  # 安阳钢铁示范有限公司, 中国银行安阳分行


async def load(app) -> None:
    vault = vault_of(app.state.settings)
    now, today = utcnow(), business_date()
    async with app.state.sessionmaker() as s, s.begin():
        listed = await get_or_create_subject(
            session=s,
            vault=vault,
            code=LISTED,
            name="安阳示范欠税有限公司",
            region="410502",
            industry="批发零售",
        )
        steel = await get_or_create_subject(
            session=s,
            vault=vault,
            code=STEEL,
            name="安阳钢铁示范有限公司",
            region="410500",
            industry="制造业",
        )
        if (
            await s.execute(
                select(ListEntryRow.id).where(ListEntryRow.decision_number == "安税稽罚〔2023〕1号")
            )
        ).first() is None:
            s.add(
                ListEntryRow(
                    id=DEMO_LIST_ENTRY_ID,
                    subject_id=listed.id,
                    list_code="major_tax_violation",
                    authority="sw",
                    legal_basis="《重大税收违法失信主体信息公布管理办法》第六条",
                    decision_number="安税稽罚〔2023〕1号",
                    # in force whenever the demo runs (a three-year listing term)
                    effective_date=today - timedelta(days=90),
                    expiry_date=today - timedelta(days=90) + timedelta(days=3 * 365),
                    source="local",
                    created_at=now,
                    created_by="demo",
                    updated_at=now,
                )
            )
            await s.flush()
            await recompute_grade(s, listed.id)
        for dept in ("scjg", "sthj", "sw"):
            for k in range(1, 5):
                iid = f"{dept}-demo-{k}"
                if (
                    await s.execute(
                        select(Inspector.id).where(
                            Inspector.department == dept, Inspector.inspector_id == iid
                        )
                    )
                ).first() is None:
                    s.add(
                        Inspector(
                            id=str(uuid.uuid4()),
                            department=dept,
                            inspector_id=iid,
                            name=f"检查员{k}",
                            active=True,
                            updated_at=now,
                        )
                    )
        if await s.get(JointSupervisionItem, "JM-2023-001") is None:
            s.add(
                JointSupervisionItem(
                    code="JM-2023-001",
                    name="重点排污单位联合检查",
                    departments=["scjg", "sthj"],
                    created_at=now,
                    created_by="demo",
                )
            )
        if (
            await s.execute(
                select(Authorisation.id).where(
                    Authorisation.subject_id == steel.id, Authorisation.grantee == BANK
                )
            )
        ).first() is None:
            s.add(
                Authorisation(
                    id=str(uuid.uuid4()),
                    subject_id=steel.id,
                    grantee=BANK,
                    grantee_name="中国银行安阳分行",
                    scope="full_file",
                    valid_from=today,
                    valid_until=today + timedelta(days=365),
                    purpose="信易贷演示授权",
                    granted_at=now,
                    granted_by="demo",
                )
            )
