"""Consumed events over a real NATS: awards.honor.granted / revoked, housing.fraud.confirmed,
hydrogen.penalty.decided become records (idempotently); the overdue notice reaches NATS."""

from __future__ import annotations

import importlib.util
import json
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import nats
import pytest
from sqlalchemy import func, select

from anyang_credit.app import spec
from anyang_credit.events import jobs
from anyang_credit.models.records import CreditRecord
from anyang_credit.settings import CreditSettings
from govkit.crypto import PersonRef
from govkit.events import Event
from govkit.testing import eventually, service_client

_s = importlib.util.spec_from_file_location(
    "credit_a_helpers", Path(__file__).with_name("credit_a_helpers.py")
)
h = sys.modules.get("credit_a_helpers") or importlib.util.module_from_spec(_s)
if "credit_a_helpers" not in sys.modules:
    sys.modules["credit_a_helpers"] = h
    _s.loader.exec_module(h)





@pytest.fixture
async def live(databases, nats_url, event_prefix):
    async with service_client(databases, spec, CreditSettings, background=True, nats_url=nats_url,
                              event_prefix=event_prefix) as client:
        await client.app.state.bus.wait_ready(10)
        nc = await nats.connect(nats_url)
        client.nc, client.js, client.prefix = nc, nc.jetstream(), event_prefix
        try:
            yield client
        finally:
            await nc.close()


async def publish(client, event_type: str, subject: str, data: dict, event_id: str | None = None) -> str:
    producer = event_type.split(".")[0]
    await client.app.state.bus.ensure_stream(producer)
    event = Event(id=event_id or str(uuid.uuid4()), type=event_type, version=1,
                  occurred_at=datetime.now(UTC).isoformat(), source=producer, subject=subject, data=data)
    await client.js.publish(f"{client.prefix}.{event_type}", event.to_json(), headers={"Nats-Msg-Id": event.id})
    return event.id


async def public_records(client, **params) -> list[dict]:
    return (await client.get("/public/records", params=params)).json()["items"]


async def count_records(client) -> int:
    async with client.app.state.sessionmaker() as s:
        return (await s.execute(select(func.count()).select_from(CreditRecord))).scalar_one()


HONOUR = {"honour_id": "H-2023-001", "round_id": "R-2023", "year": 2023, "category": "top10",
          "category_label": "制造业10强", "title": "安阳市制造业10强企业", "entity_code": h.ENT_A,
          "entity_name": "安阳甲示范有限公司", "granted_on": "2023-06-01", "granted_by": "gxj"}


async def test_an_honour_becomes_a_published_reward_record_once_and_is_withdrawn_on_revocation(live):
    await publish(live, "awards.honor.granted", h.ENT_A, HONOUR)
    await publish(live, "awards.honor.granted", h.ENT_A, HONOUR)  # a second event for the same honour

    async def rewarded():
        return await public_records(live, subject_code=h.ENT_A, category="administrative_reward")

    item = (await eventually(rewarded))[0]
    assert (item["department"], item["decision_number"], item["decision_date"]) == ("gxj", "H-2023-001", "2023-06-01")
    assert "制造业10强" in item["title"]
    await publish(live, "awards.honor.revoked", h.ENT_A, {"honour_id": "H-2023-001", "entity_code": h.ENT_A,
                                                          "revoked_on": "2023-09-01", "reason": "发生较大事故"})

    async def gone():
        return await public_records(live, subject_code=h.ENT_A) == []

    await eventually(gone)
    assert await count_records(live) == 1
    history = (await live.get(f"/records/{item['id']}/history", headers=h.ent())).json()
    assert history["record"]["status"] == "withdrawn"
    assert history["versions"][0]["reason"] == "荣誉撤销：发生较大事故"


async def test_the_same_event_delivered_twice_has_one_effect(live):
    event_id = str(uuid.uuid4())
    data = HONOUR | {"honour_id": "H-2023-002"}
    await publish(live, "awards.honor.granted", h.ENT_A, data, event_id)
    await eventually(lambda: public_records(live, subject_code=h.ENT_A))
    # replay straight into the consumer (as a redelivery would): the inbox refuses it
    consumer = next(c for c in live.app.state.consumers if c.event_type == "awards.honor.granted")
    event = Event(id=event_id, type="awards.honor.granted", version=1, occurred_at=datetime.now(UTC).isoformat(),
                  source="awards", subject=h.ENT_A, data=data)
    assert await consumer.apply(event) is False
    assert await count_records(live) == 1


async def test_housing_fraud_is_a_dishonesty_record_against_the_person_masked_in_public(live):
    ref = PersonRef(live.app.state.settings.person_ref_keys).ref(h.PERSON)  # the platform-wide reference
    await publish(live, "housing.fraud.confirmed", "case-1", {
        "case_id": "case-1", "person_ref": ref, "person_id_masked": h.PERSON[:6] + "********" + h.PERSON[-4:],
        "person_name": "张三丰",
        "decision_number": "安住保〔2023〕8号", "decided_on": "2023-07-03", "department": "zjj",
        "facts": "隐瞒住房情况骗取保障性租赁住房"})
    items = await eventually(lambda: public_records(live, subject_code=h.PERSON))
    item = items[0]
    assert item["category"] == "dishonesty" and item["title"] == "骗取保障性住房"
    assert item["subject_code"] == h.PERSON[:6] + "********" + h.PERSON[-4:] and item["department"] == "zjj"
    assert "二（五）4" in item["legal_basis"]


async def test_a_hydrogen_penalty_is_an_administrative_penalty_against_the_operator(live):
    data = {"penalty_id": "P-1", "operator_code": h.ENT_B, "operator_name": "安阳乙示范有限公司",
            "station_id": "ST-9", "decision_number": "安城管罚〔2023〕3号", "decided_on": "2023-05-10",
            "department": "cgj", "severity": "serious", "legal_basis": "安政办〔2023〕2号 第二十六条",
            "summary": "未按规定进行安全检查", "amount_fen": 5000000}
    await publish(live, "hydrogen.penalty.decided", h.ENT_B, data)
    await publish(live, "hydrogen.penalty.decided", h.ENT_B, data)
    items = await eventually(lambda: public_records(live, subject_code=h.ENT_B))
    item = items[0]
    assert (item["category"], item["severity"], item["department"]) == (
        "administrative_penalty", "serious", "cgj")
    history = (await live.get(f"/records/{item['id']}/history", headers=h.ent(h.ENT_B))).json()
    assert history["record"]["amount_fen"] == 5000000
    assert history["record"]["publication_deadline"]["due_date"] == "2023-05-19"
    assert await count_records(live) == 1


async def test_the_overdue_notice_reaches_nats(live):
    await h.report_one(live, h.rec("逾期-NATS", decided="2023-01-19"))
    await live.app.state.bus.ensure_stream("credit")
    sub = await live.js.subscribe(f"{live.prefix}.credit.publication.overdue",
                                  deliver_policy=nats.js.api.DeliverPolicy.ALL)
    job = next(j for j in jobs if j.name == "credit.publication.overdue")
    await live.app.state.scheduler.run_once(job)
    msg = await sub.next_msg(timeout=10)
    body = json.loads(msg.data)
    assert body["type"] == "credit.publication.overdue" and body["data"]["decision_number"] == "逾期-NATS"
    assert body["data"]["due_date"] == "2023-02-02"


async def test_a_hydrogen_penalty_on_a_named_party_is_recorded_against_it_titled_with_the_station(live):
    data = {"penalty_id": "P-2", "party_code": h.ENT_A, "party_name": "安阳甲示范有限公司",
            "operator_code": h.ENT_B, "operator_name": "安阳乙示范有限公司", "station_id": "ST-10",
            "station_name": "文峰示范加氢站", "decision_number": "安城管罚〔2023〕4号", "decided_on": "2023-05-10",
            "department": "cgj", "severity": "general", "summary": "未核验气瓶登记即充装"}
    await publish(live, "hydrogen.penalty.decided", h.ENT_A, data)
    [item] = await eventually(lambda: public_records(live, subject_code=h.ENT_A))
    assert item["title"] == "行政处罚（加氢站 文峰示范加氢站）" and item["subject_name"] == "安阳甲示范有限公司"
    assert await public_records(live, subject_code=h.ENT_B) == []


async def test_rekeying_moves_a_person_to_the_current_keys_and_the_outbox_forgets_published_rows(live):
    from anyang_credit.models import kit
    from anyang_credit.models.subjects import Subject
    from anyang_credit.service.subjects import rekey_persons, vault_of
    from govkit.crypto import IdVault

    settings = live.app.state.settings
    old = IdVault(["b29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb28="], ["cHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHA="])
    async with live.app.state.sessionmaker() as s, s.begin():
        s.add(Subject(id="p-old", code_hash=old.lookup_hash(h.PERSON), code=None,
                      code_encrypted=old.encrypt(h.PERSON), code_masked="x", kind="natural_person",
                      created_at=datetime.now(UTC)))
    async with live.app.state.sessionmaker(info={"settings": settings.model_copy(update={
            "id_encryption_keys": [*settings.id_encryption_keys, "b29vb29vb29vb29vb29vb29vb29vb29vb29vb29vb28="],
            "id_hash_keys": [*settings.id_hash_keys, "cHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHA="]})}) as s, \
            s.begin():
        assert (await rekey_persons(s, datetime.now(UTC))).startswith("1 ")
    vault = vault_of(settings)
    async with live.app.state.sessionmaker() as s:
        person = await s.get(Subject, "p-old")
        assert vault.decrypt(person.code_encrypted) == h.PERSON
        assert (person.code_hash, person.person_ref) == (vault.lookup_hash(h.PERSON), vault.person_ref.ref(h.PERSON))
    purge = next(j for j in jobs if j.name == "outbox.purge_published")
    await h.report_one(live, h.rec("留存期-1"))
    async with live.app.state.sessionmaker(info={"settings": settings}) as s, s.begin():
        await s.execute(kit.outbox.update().values(published_at=datetime(2020, 1, 1, tzinfo=UTC)))
        assert "deleted" in await purge.fn(s, datetime.now(UTC))
    async with live.app.state.sessionmaker() as s:
        assert (await s.execute(select(func.count()).select_from(kit.outbox))).scalar_one() == 0
