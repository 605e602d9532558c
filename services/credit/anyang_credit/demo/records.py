"""Demo catalogue, records and commitments (idempotent: skipped once the demo catalogue exists). Subjects are
the demo enterprises of gateway/clients.dev.yaml (ent-demo1..3) and the demo citizen."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from anyang_credit.domain.vocab import CREDIT_LEAD, CommitmentType
from anyang_credit.models.catalogue import CatalogueVersion
from anyang_credit.schemas.catalogue import CatalogueVersionIn
from anyang_credit.schemas.commitments import CommitmentIn
from anyang_credit.schemas.examples import DEMO_BODY, DEMO_OLD_PENALTY_ID, DEMO_PENALTY_ID, ENT1, ENT2, ENT3
from anyang_credit.schemas.government import GovernmentCommitmentIn
from anyang_credit.service import catalogue, commitments, government, records
from anyang_credit.service.subjects import vault_of
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow


def _dept(org: str, *scopes: str) -> Principal:
    return Principal(sub=f"demo-{org}", kind=PrincipalKind.department, org=org, scopes=list(scopes))


async def load(app) -> None:
    now = utcnow()
    today = business_date(now)
    vault = vault_of(app.state.settings)
    async with app.state.sessionmaker() as session, session.begin():
        if (await session.execute(select(CatalogueVersion.id).limit(1))).first() is not None:
            return
        fgw = _dept(CREDIT_LEAD, "credit.admin", "credit.report")
        await catalogue.publish_version(session=session, principal=fgw, now=now, data=CatalogueVersionIn(
            valid_from="2023-02-18", title="安阳市公共信用信息目录（2023年版）",
            note="示范数据 / demo data (安政〔2023〕2号 三（三）)",
            entries=[{"department": "scjg", "category": "administrative_license", "fields": ["title", "legal_basis"]},
                     {"department": "scjg", "category": "administrative_penalty",
                      "fields": ["title", "legal_basis", "severity"]},
                     {"department": "scjg", "category": "administrative_inspection", "fields": ["title"]},
                     {"department": "cgj", "category": "administrative_penalty", "fields": ["severity"]},
                     {"department": "gxj", "category": "administrative_reward", "fields": ["title"]},
                     {"department": "sw", "category": "tax", "fields": ["title"], "frequency": "monthly"}]))
        recent = (today - timedelta(days=1)).isoformat()
        await records.report_batch(session=session, principal=_dept("scjg", "credit.report"), vault=vault,
                                   publish_now=True, now=now, ids={"安市监罚〔2023〕017号": DEMO_PENALTY_ID,
                                                                   "安市监罚〔2023〕006号": DEMO_OLD_PENALTY_ID},
                                   items=[
            {"subject_code": ENT1, "subject_name": "安阳钢铁示范有限公司", "category": "administrative_license",
             "decision_number": "安市监许〔2023〕001号", "decision_date": recent, "title": "食品经营许可",
             "legal_basis": "《中华人民共和国食品安全法》第三十五条"},
            {"subject_code": ENT2, "subject_name": "安阳氢能示范有限公司", "category": "administrative_penalty",
             "decision_number": "安市监罚〔2023〕017号", "decision_date": recent, "title": "未按规定公示年度报告",
             "legal_basis": "《企业信息公示暂行条例》第十八条", "severity": "minor", "amount_fen": 200000},
            # past the minimum publication period (3 months): repair may be applied for
            {"subject_code": ENT2, "subject_name": "安阳氢能示范有限公司", "category": "administrative_penalty",
             "decision_number": "安市监罚〔2023〕006号", "decision_date": (today - timedelta(days=200)).isoformat(),
             "title": "未按规定标注加氢站安全警示标志", "legal_basis": "《中华人民共和国安全生产法》第九十九条",
             "severity": "minor", "amount_fen": 100000}])
        # one overdue record: decided 30 days ago, still unpublished
        await records.report_batch(session=session, principal=_dept("scjg", "credit.report"), vault=vault,
                                   publish_now=False, now=now, items=[
            {"subject_code": ENT3, "subject_name": "林州装备示范有限公司", "category": "administrative_inspection",
             "decision_number": "安市监查〔2023〕045号", "decision_date": (today - timedelta(days=30)).isoformat(),
             "title": "“双随机、一公开”监督检查：未发现问题", "legal_basis": "安政办〔2023〕1号（十七）"}])
        await commitments.make_commitment(
            session=session, vault=vault, now=now,
            principal=Principal(sub="demo-ent1", kind=PrincipalKind.enterprise, org=ENT1, name="安阳钢铁示范有限公司"),
            data=CommitmentIn(type=CommitmentType.VOLUNTARY_DISCLOSURE, subject_name="安阳钢铁示范有限公司",
                              content="依法诚信经营，按时足额缴纳税款，保证所报信息真实准确",
                              liability_on_breach="违反承诺的，自愿接受失信惩戒并承担相应法律责任"))
        await government.list_commitment(session=session, principal=fgw, vault=vault, now=now,
                                         data=GovernmentCommitmentIn(
            body_code=DEMO_BODY, body_name="安阳市示范管理局", content="兑现2022年度企业技术改造奖补资金",
            measures="2023年第二季度完成资金拨付", deadline=today - timedelta(days=10),
            listed_on=today - timedelta(days=90)))
