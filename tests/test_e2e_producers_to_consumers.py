"""End to end over a real NATS, through each producer's own API: a confirmed housing fraud becomes a dishonesty
record in credit (安政〔2023〕2号 二（五）4), a hydrogen penalty an administrative-penalty record
(安政办〔2023〕2号 第二十六条) — visible in the subject's credit file, the person's ID number never in clear."""

from __future__ import annotations

from anyang_credit.app import spec as credit_spec
from anyang_credit.settings import CreditSettings
from anyang_housing.app import spec as housing_spec
from anyang_housing.settings import HousingSettings
from anyang_hydrogen.app import spec as hydrogen_spec
from anyang_hydrogen.settings import HydrogenSettings
from govkit.testing import bearer, eventually, service_client

PERSON = "410502198506150026"
OPERATOR = "91410502MA44QN0296"
HOUSING_ADMIN = bearer("department", "zjj", scopes=["housing.admin"])
REGULATOR = bearer("department", "cgj", scopes=["hydrogen.regulator", "hydrogen.penalty"])


async def test_housing_fraud_and_hydrogen_penalty_become_credit_records(databases, nats_url, event_prefix):
    live = {"background": True, "nats_url": nats_url, "event_prefix": event_prefix}
    async with service_client(databases, credit_spec, CreditSettings, **live) as credit, \
            service_client(databases, housing_spec, HousingSettings, **live) as housing, \
            service_client(databases, hydrogen_spec, HydrogenSettings, **live) as hydrogen:
        case = await housing.post("/fraud-cases", headers=HOUSING_ADMIN, json={
            "id_number": PERSON, "person_name": "王示范", "facts": "隐瞒名下住房骗取保障性租赁住房"})
        assert case.status_code == 201, case.text
        confirmed = await housing.post(f"/fraud-cases/{case.json()['id']}/confirmation", headers=HOUSING_ADMIN,
                                       json={"decision_number": "安住建认〔2023〕7号", "decided_on": "2023-05-10"})
        assert confirmed.status_code == 200, confirmed.text

        station = await hydrogen.post("/stations", headers=REGULATOR, json={
            "name": "文峰示范加氢站", "kind": "fixed", "operator_code": OPERATOR,
            "operator_name": "安阳氢能示范有限公司", "region": "410502", "address": "安阳市文峰区中华路"})
        assert station.status_code == 201, station.text
        penalty = await hydrogen.post("/penalties", headers=REGULATOR, json={
            "station_id": station.json()["id"], "decision_number": "安城管罚〔2023〕9号", "decided_on": "2023-06-01",
            "severity": "general", "violated_articles": [15], "applied_provision": "《城镇燃气管理条例》第四十九条",
            "summary": "未核验气瓶登记即充装", "amount_fen": 500000})
        assert penalty.status_code == 201, penalty.text

        async def person_file():
            r = await credit.get("/subjects/me/file", headers=bearer("person", PERSON))
            return r.json() if r.status_code == 200 and r.json().get("records") else None

        file = await eventually(person_file, timeout=20)
        [record] = file["records"]
        assert record["category"] == "dishonesty" and record["department"] == "zjj"
        assert record["decision_number"] == "安住建认〔2023〕7号"

        async def operator_penalties():
            r = await credit.get("/public/records", params={"subject_code": OPERATOR,
                                                            "category": "administrative_penalty"})
            return r.json()["items"]

        [published] = await eventually(operator_penalties, timeout=20)
        assert published["decision_number"] == "安城管罚〔2023〕9号" and published["severity"] == "general"
        public = (await credit.get("/public/records", params={"subject_code": PERSON})).json()
        assert PERSON not in str(public)
