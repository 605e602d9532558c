"""End to end over a real NATS (安政〔2023〕2号 二（一）1 十公示: 行政奖励): an honour granted in awards becomes a
published administrative-reward record in credit, and its revocation withdraws that record — the events are built
by awards' own producers and go through its outbox, so a change of shape on either side fails here."""

from __future__ import annotations

from datetime import date

from anyang_awards.app import spec as awards_spec
from anyang_awards.domain.categories import category
from anyang_awards.models.results import Honour, Revocation
from anyang_awards.service.notice import revocation_event
from anyang_awards.service.rounds import honour_event
from anyang_awards.settings import AwardsSettings
from anyang_credit.app import spec as credit_spec
from anyang_credit.settings import CreditSettings
from govkit.testing import eventually, service_client

ENTERPRISE = "91410500MA44GT012H"


async def test_an_honour_becomes_a_reward_record_in_credit_and_its_revocation_withdraws_it(databases, nats_url,
                                                                                         event_prefix):
    live = {"background": True, "nats_url": nats_url, "event_prefix": event_prefix}
    honour = Honour(id="honour-2023-top10-1", round_id="round-2023-top10", application_id=None, year=2023,
                    category="top10", title="2023年度制造业“10强”企业", entity_code=ENTERPRISE,
                    entity_name="安阳钢铁示范有限公司", person_name=None, rank=1, items=["title", "plaque", "trophy"],
                    granted_by="市委、市政府", basis="安政办〔2023〕4号 第二十一条", granted_on=date(2023, 6, 1))
    async with service_client(databases, credit_spec, CreditSettings, **live) as credit, \
            service_client(databases, awards_spec, AwardsSettings, **live) as awards:
        async def emit(event_type: str, data: dict) -> None:
            async with awards.app.state.sessionmaker() as session, session.begin():
                await awards.app.state.outbox.emit(session, event_type, ENTERPRISE, data)

        async def public_rewards() -> list[dict]:
            r = await credit.get("/public/records", params={"subject_code": ENTERPRISE,
                                                            "category": "administrative_reward"})
            return r.json()["items"]

        await emit("awards.honor.granted", honour_event(honour, category("top10")))
        [record] = await eventually(public_rewards, timeout=20)
        assert (record["category"], record["category_label"]) == ("administrative_reward", "行政奖励")
        assert record["department"] == "gxj" and record["decision_number"] == honour.id
        assert "制造业“10强”企业" in record["title"] and record["decision_date"] == "2023-06-01"

        revocation = Revocation(id="rev-1", honour_id=honour.id, finding="fraud", reason="申报材料弄虚作假",
                                basis="安政办〔2023〕4号 第二十五条", revoked_on=date(2023, 9, 1))
        await emit("awards.honor.revoked", revocation_event(honour, revocation))

        async def withdrawn() -> bool:
            return await public_rewards() == []

        assert await eventually(withdrawn, timeout=20)
