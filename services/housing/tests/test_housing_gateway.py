"""Housing through the gateway (the real platform: gateway + services + NATS, demo clients of
gateway/clients.dev.yaml): the boundaries of 安政办〔2023〕7号, who may act, a project from registration to a
filed half-year lease, and a fraud confirmation that ends the lease and reaches credit over NATS."""

from __future__ import annotations

import random
import uuid

from govkit.testing import eventually

EMPLOYER = "91410581MA44LN03XK"  # ent-demo3: employees of this test's targeted (exclusive) housing only
_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def random_id_number() -> str:
    body = f"41050219900101{random.randrange(1000):03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _W, strict=True)) % 11]


def ok(r, status: int = 200) -> dict:
    assert r.status_code == status, r.text
    return r.json()


def test_the_boundaries_and_who_may_act_through_the_gateway(platform):
    c, auth = platform.client, platform.auth
    four = [{"name": f"成员{i}", "relation": "applicant" if i == 0 else "child"} for i in range(4)]
    body = {"applicant_name": "示范市民", "id_number": "410502198506150026", "members": four}
    exact = ok(c.post("/housing/applications", headers=auth("person-demo"),
                      json=body | {"homes": [{"area_m2": "60", "region": "410502"}]}), 201)
    assert exact["status"] == "ineligible" and "不低于15平方米" in exact["assessment"]["reason"]
    below = c.post("/housing/applications", headers=auth("person-demo"),
                   json=body | {"homes": [{"area_m2": "59.99", "region": "410503"}]})
    assert below.headers["location"] == f"/housing/applications/{below.json()['id']}"
    assert ok(below, 201)["status"] == "eligible" and below.json()["priority_tier"] == 3
    assert "410502198506150026" not in below.text
    position = ok(c.get(f"/housing/applications/{below.json()['id']}/queue-position", headers=auth("person-demo")))
    assert position["queue_status"] == "waiting" and position["position"] >= 1
    legacy = c.post("/housing/applications", headers=auth("person-demo"), json={
        "applicant_name": "示范市民", "id_number": "410502198506150026", "household_members": 3,
        "owned_areas_m2": ["42"], "new_citizen": False, "applied_on": "2023-03-01"})
    assert legacy.status_code == 201  # today's request body is still accepted
    assert c.get("/housing/queue", headers=auth("person-demo")).status_code == 403

    county = ok(c.post("/housing/projects", headers=auth("ent-demo1"), json={
        "name": "林州宿舍（网关测试）", "region": "410581", "locality": f"红旗渠-{uuid.uuid4().hex[:6]}",
        "address": "林州市", "source": "conversion", "land_type": "non_residential_stock_land",
        "units": [{"number": "A-1", "floor_area_m2": "30"}]}), 201)
    recognition = {"document_number": f"林保租认〔2023〕{uuid.uuid4().hex[:6]}号", "departments": ["住建"]}
    assert c.post(f"/housing/projects/{county['id']}/county-recognition", json=recognition,
                  headers=auth("county-wenfeng")).status_code == 403
    filed = ok(c.post(f"/housing/projects/{county['id']}/county-recognition", json=recognition,
                      headers=auth("county-linzhou")))
    assert filed["status"] == "filed" and filed["filed_with_group_on"]
    policies = {p["code"]: p["applies"] for p in filed["support_policies"]}
    assert policies["rental_tax_treatment"] and policies["infrastructure_fee_exemption"]
    assert c.get(f"/housing/projects/{county['id']}", headers=auth("ent-demo2")).status_code == 403
    assert c.post(f"/housing/projects/{county['id']}/dispositions", json={"kind": "sale"},
                  headers=auth("ent-demo1")).json()["basis"] == "安政办〔2023〕7号 五（三）"


def test_a_project_from_registration_to_a_filed_lease_and_a_fraud_that_reaches_credit(platform):
    c, auth = platform.client, platform.auth
    locality = f"中华路-{uuid.uuid4().hex[:6]}"
    areas = ["70"] * 7 + ["70.01"] * 3  # a unit of exactly 70 ㎡ is small; exactly 70 % of units pass
    r = c.post("/housing/projects", headers=auth("ent-demo1"), json={
        "name": "网关测试项目", "region": "410502", "locality": locality, "address": "文峰区中华路",
        "source": "new_build", "land_type": "enterprise_own", "target": "employer", "target_mode": "exclusive",
        "target_code": EMPLOYER,
        "units": [{"number": f"1-{101 + i}", "floor_area_m2": a} for i, a in enumerate(areas)]})
    project = ok(r, 201)
    pid = project["id"]
    assert r.headers["location"] == f"/housing/projects/{pid}"
    assert project["unit_mix"]["facts"]["small_share"] == "0.7000"
    review = {"approved": True, "departments": ["区发展改革委"], "opinion": "同意"}
    refused = c.post(f"/housing/projects/{pid}/joint-review", json=review, headers=auth("county-linzhou"))
    assert refused.status_code == 403
    assert ok(c.post(f"/housing/projects/{pid}/joint-review", json=review,
                     headers=auth("county-wenfeng")))["status"] == "reviewed"
    assert c.post(f"/housing/projects/{pid}/approval", json={}, headers=auth("county-wenfeng")).status_code == 403
    approved = ok(c.post(f"/housing/projects/{pid}/approval", json={}, headers=auth("dept-zjj")))
    assert approved["certificate_number"].startswith("安保租认〔")
    ok(c.post("/housing/market-rents", headers=auth("dept-zjj"), json={
        "region": "410502", "locality": locality, "rent_fen_per_m2": 1800, "valid_from": "2023-01-01",
        "source": "监测"}), 201)
    equal = c.post(f"/housing/projects/{pid}/rent-filings", json={"rent_fen_per_m2": 1800}, headers=auth("ent-demo1"))
    assert equal.status_code == 422 and "18.00" in equal.json()["detail"]
    ok(c.post(f"/housing/projects/{pid}/rent-filings", json={"rent_fen_per_m2": 1200}, headers=auth("ent-demo1")), 201)
    public = ok(c.get(f"/housing/public/projects/{pid}"))
    assert public["rent_fen_per_m2"] == 1200 and public["units_available"] == 10

    tenant = random_id_number()
    app = ok(c.post("/housing/applications", headers=auth("dept-zjj"), json={
        "applicant_name": "网关测试职工", "id_number": tenant, "household_members": 1, "employer_code": EMPLOYER}),
        201)
    offer = ok(c.post(f"/housing/projects/{pid}/offers", json={"unit_number": "1-101"}, headers=auth("ent-demo1")),
               201)
    assert offer["application_id"] == app["id"] and offer["basis"]["targeted_first"] is True
    ok(c.post(f"/housing/offers/{offer['id']}/acceptance", headers=auth("dept-zjj")))  # at the counter
    lease = ok(c.post(f"/housing/offers/{offer['id']}/lease", headers=auth("ent-demo1"),
                      json={"start_on": "2023-03-01", "end_on": "2023-08-31"}), 201)
    assert lease["monthly_rent_fen"] == 70 * 1200
    assert ok(c.post(f"/housing/leases/{lease['id']}/filing", headers=auth("ent-demo1")))["filing_number"]
    proof = ok(c.get(f"/housing/leases/{lease['id']}/residence-permit-proof", headers=auth("dept-zjj")))
    assert proof["qualifies"] is True and tenant not in str(proof)
    assert c.get(f"/housing/leases/{lease['id']}", headers=auth("person-demo")).status_code == 403

    case = ok(c.post("/housing/fraud-cases", headers=auth("dept-zjj"), json={
        "application_id": app["id"], "facts": "隐瞒市区住房"}), 201)
    number = f"安住建保〔2023〕{uuid.uuid4().hex[:8]}号"
    ok(c.post(f"/housing/fraud-cases/{case['id']}/confirmation", headers=auth("dept-zjj"),
              json={"decision_number": number, "decided_on": "2023-04-10"}))
    assert ok(c.get(f"/housing/leases/{lease['id']}", headers=auth("dept-zjj")))["status"] == "ended"
    assert ok(c.get(f"/housing/public/projects/{pid}"))["units_available"] == 10

    async def recorded():
        async with platform.async_client() as a:
            r = await a.get("/credit/public/records", params={"subject_code": tenant})
        items = r.json().get("items", []) if r.status_code == 200 else []
        return [x for x in items if x.get("decision_number") == number]

    import asyncio

    [record] = asyncio.run(eventually(recorded, timeout=30))
    assert tenant not in str(record)


def _project(c, auth, locality: str, **extra) -> dict:
    body = {"name": "网关测试项目", "region": "410502", "locality": locality, "address": "文峰区",
            "source": "new_build", "land_type": "enterprise_own",
            "units": [{"number": "2-101", "floor_area_m2": "50"}, {"number": "2-102", "floor_area_m2": "60"}]} | extra
    return ok(c.post("/housing/projects", headers=auth("ent-demo1"), json=body), 201)


def test_park_land_talent_apartments_refusals_exit_and_county_plans_through_the_gateway(platform):
    c, auth = platform.client, platform.auth
    park = {"support_land_share_pct": "7.01"}
    r = c.post("/housing/projects", headers=auth("ent-demo1"), json={
        "name": "园区宿舍", "region": "410590", "locality": "高新区", "address": "高新区", "source": "new_build",
        "land_type": "industrial_park", "park_land": park, "units": [{"number": "1", "floor_area_m2": "30"}]})
    assert r.status_code == 422 and r.json()["basis"] == "安政办〔2023〕7号 四（一）3"

    locality = f"文峰-{uuid.uuid4().hex[:6]}"
    talent = _project(c, auth, locality, target="talent", target_code="rsj", source="conversion",
                      land_type="non_residential_stock_land")
    review = {"approved": True, "departments": ["区住建局"], "opinion": "同意"}
    ok(c.post(f"/housing/projects/{talent['id']}/joint-review", json=review, headers=auth("county-wenfeng")))
    ok(c.post(f"/housing/projects/{talent['id']}/approval", json={}, headers=auth("dept-zjj")))
    ok(c.post("/housing/market-rents", headers=auth("dept-zjj"), json={
        "region": "410502", "locality": locality, "rent_fen_per_m2": 1500, "valid_from": "2023-01-01",
        "source": "监测"}), 201)
    ok(c.post(f"/housing/projects/{talent['id']}/rent-filings", json={"rent_fen_per_m2": 1000},
              headers=auth("ent-demo1")), 201)
    exit_refused = c.post(f"/housing/projects/{talent['id']}/exit", headers=auth("ent-demo1"))
    assert exit_refused.status_code == 422 and exit_refused.json()["basis"] == "安政办〔2023〕7号 二（二）、五（三）"
    assert "5年" in exit_refused.json()["detail"]
    assert ok(c.post(f"/housing/projects/{talent['id']}/dispositions", headers=auth("ent-demo1"), json={
        "kind": "whole_mortgage", "creditor": "中国银行安阳分行"}), 201)["verdict"]["passed"] is True

    first = ok(c.post("/housing/applications", headers=auth("dept-zjj"), json={
        "applicant_name": "人才甲", "id_number": random_id_number(), "household_members": 1}), 201)
    assert c.post(f"/housing/projects/{talent['id']}/offers", headers=auth("ent-demo1"),
                  json={"unit_number": "2-101", "application_id": first["id"]}).status_code == 403
    offer = ok(c.post(f"/housing/projects/{talent['id']}/offers", headers=auth("dept-rsj"),
                      json={"unit_number": "2-101", "application_id": first["id"]}), 201)
    assert offer["basis"]["outcome"] == "talent_apartment"
    refused = ok(c.post(f"/housing/offers/{offer['id']}/refusal", json={"reason": "太远"}, headers=auth("dept-zjj")))
    assert refused["status"] == "refused" and "末尾" in refused["rule"]
    assert ok(c.get(f"/housing/applications/{first['id']}/queue-position",
                    headers=auth("dept-zjj")))["queue_status"] == "waiting"

    year = 2024 + random.randrange(70)
    plan = ok(c.post("/housing/construction-plans", headers=auth("county-linzhou"),
                     json={"region": "410581", "year": year, "planned_units": 10}), 201)
    assert c.post(f"/housing/construction-plans/{plan['id']}/approval", headers=auth("county-linzhou"),
                  json={"approval_number": "豫政文", "approved_on": "2023-03-20"}).status_code == 403
    ok(c.post(f"/housing/construction-plans/{plan['id']}/approval", headers=auth("dept-zjj"),
              json={"approval_number": "豫政文", "approved_on": "2023-03-20"}))
    ok(c.post(f"/housing/construction-plans/{plan['id']}/publication", headers=auth("county-linzhou")))
    public = ok(c.get("/housing/construction-plans", params={"year": year}))
    assert [p["id"] for p in public["items"]] == [plan["id"]]
    rows = ok(c.get("/housing/construction-plans/assessment", params={"year": year}, headers=auth("county-linzhou")))
    assert [(r["region"], r["planned_units"], r["plan_status"]) for r in rows["items"]] == [("410581", 10, "published")]
