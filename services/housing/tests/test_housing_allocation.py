"""Allocation: the queue by priority, offers in order, refusals (back of the tier), targeted supply,
talent apartments, leases with filing numbers and the residence-permit proof (三（一）, 四（四）)."""

from datetime import datetime

YOUNG = "41050220000101001X"  # born 2000-01-01: 青年人
OLDER = "410502197001010015"  # born 1970-01-01


async def test_the_queue_orders_by_tier_then_receipt_time(housing, tokens, flow, travel):
    travel(datetime(2023, 3, 1, 9, 0))
    owner = await flow.apply("admin", OLDER, household_members=3, owned_areas_m2=["30"])  # tier 3
    plain = await flow.apply("admin", PERSON_ID := "410502198506150026")  # no housing, 37: tier 2
    young = await flow.apply("admin", YOUNG)  # tier 1, applied last
    queue = flow.ok(await housing.get("/queue", headers=tokens["admin"]))
    assert [x["application_id"] for x in queue["items"]] == [young["id"], plain["id"], owner["id"]]
    assert [x["position"] for x in queue["items"]] == [1, 2, 3] and PERSON_ID not in str(queue)
    mine = flow.ok(await housing.get(f"/applications/{plain['id']}/queue-position", headers=tokens["person"]))
    assert mine["position"] == 2 and mine["waiting_total"] == 3 and mine["priority_tier"] == 2
    assert (await housing.get(f"/applications/{young['id']}/queue-position",
                              headers=tokens["person"])).status_code == 403
    assert (await housing.get("/queue", headers=tokens["person"])).status_code == 403


async def test_from_offer_to_a_filed_lease_and_the_half_year_proof(housing, tokens, flow):
    p = await flow.recognised()
    app = await flow.apply()
    unit = next(u for u in await flow.units(p["id"]) if u["floor_area_m2"] == "45.00")
    r = await housing.post(f"/projects/{p['id']}/offers", json={"unit_id": unit["id"]}, headers=tokens["operator"])
    offer = flow.ok(r, 201)
    assert r.headers["location"] == f"/offers/{offer['id']}"
    assert offer["application_id"] == app["id"] and offer["basis"]["queue_position"] == 1
    assert (await housing.post(f"/offers/{offer['id']}/acceptance", headers=tokens["other_person"])).status_code == 403
    pos = flow.ok(await housing.get(f"/applications/{app['id']}/queue-position", headers=tokens["person"]))
    assert pos["queue_status"] == "offered" and pos["position"] is None
    flow.ok(await housing.post(f"/offers/{offer['id']}/acceptance", headers=tokens["person"]))
    lease = flow.ok(await housing.post(f"/offers/{offer['id']}/lease", headers=tokens["operator"],
                                       json={"start_on": "2023-03-01", "end_on": "2023-08-31"}), 201)
    assert lease["monthly_rent_fen"] == 45 * 1200 and lease["tenant_id_masked"] == "410502********0026"
    proof = flow.ok(await housing.get(f"/leases/{lease['id']}/residence-permit-proof", headers=tokens["person"]))
    assert proof["qualifies"] is False and proof["verdict"]["outcome"] == "lease_not_filed"
    filed = flow.ok(await housing.post(f"/leases/{lease['id']}/filing", headers=tokens["operator"]))
    assert filed["filing_number"].startswith("安保租赁备〔")
    proof = flow.ok(await housing.get(f"/leases/{lease['id']}/residence-permit-proof", headers=tokens["person"]))
    assert proof["qualifies"] is True and proof["verdict"]["basis"] == "安政办〔2023〕7号 四（四）"
    assert "410502198506150026" not in str(proof)
    mine = flow.ok(await housing.get("/leases", headers=tokens["person"]))
    assert [x["id"] for x in mine["items"]] == [lease["id"]]
    assert flow.ok(await housing.get("/leases", headers=tokens["other_person"]))["total"] == 0
    assert (await housing.get(f"/leases/{lease['id']}", headers=tokens["other_enterprise"])).status_code == 403
    public = flow.ok(await housing.get(f"/public/projects/{p['id']}"))
    assert public["units_available"] == 3 and unit["id"] not in [u["id"] for u in public["available_units"]]


async def test_a_lease_one_day_short_of_half_a_year_does_not_qualify(housing, tokens, flow):
    p = await flow.recognised()
    await flow.apply()
    [unit, *_] = await flow.units(p["id"])
    offer = await flow.offer(p["id"], unit["id"])
    flow.ok(await housing.post(f"/offers/{offer['id']}/acceptance", headers=tokens["person"]))
    lease = flow.ok(await housing.post(f"/offers/{offer['id']}/lease", headers=tokens["operator"],
                                       json={"start_on": "2023-03-01", "end_on": "2023-08-30"}), 201)
    flow.ok(await housing.post(f"/leases/{lease['id']}/filing", headers=tokens["admin"]))
    proof = flow.ok(await housing.get(f"/leases/{lease['id']}/residence-permit-proof", headers=tokens["person"]))
    assert proof["qualifies"] is False and proof["verdict"]["facts"]["earliest_qualifying_end"] == "2023-08-31"


async def test_a_refusal_sends_the_applicant_to_the_back_of_their_tier(housing, tokens, flow):
    p = await flow.recognised()
    first = await flow.apply()
    second = await flow.apply("admin", OLDER)
    u1, u2, *_ = await flow.units(p["id"])
    offer = await flow.offer(p["id"], u1["id"])
    assert offer["application_id"] == first["id"]
    refused = flow.ok(await housing.post(f"/offers/{offer['id']}/refusal", json={"reason": "太远"},
                                         headers=tokens["person"]))
    assert refused["status"] == "refused" and "末尾" in refused["rule"]
    again = await flow.offer(p["id"], u1["id"])
    assert again["application_id"] == second["id"]
    pos = flow.ok(await housing.get(f"/applications/{first['id']}/queue-position", headers=tokens["person"]))
    assert pos["position"] == 1 and pos["queue_status"] == "waiting"
    r = await housing.post(f"/projects/{p['id']}/offers", json={"unit_id": u2["id"], "application_id": second["id"]},
                           headers=tokens["operator"])
    assert r.status_code == 409  # not the next in the queue


async def test_employer_housing_goes_first_or_only_to_its_employees(housing, tokens, flow):
    outsider = await flow.apply()
    employee = await flow.apply("admin", OLDER, employer_code="91410500MA44GT012H")
    p = await flow.recognised(target="employer", target_mode="priority", target_code="91410500MA44GT012H")
    [u1, u2, *_] = await flow.units(p["id"])
    first = await flow.offer(p["id"], u1["id"])
    assert first["application_id"] == employee["id"] and first["basis"]["targeted_first"] is True
    second = await flow.offer(p["id"], u2["id"])
    assert second["application_id"] == outsider["id"]
    only = await flow.recognised(target="employer", target_mode="exclusive", target_code="91410500MA44GT012H")
    [u, *_] = await flow.units(only["id"])
    r = await housing.post(f"/projects/{only['id']}/offers", json={"unit_id": u["id"]}, headers=tokens["operator"])
    assert r.status_code == 409  # the only waiting applicant is no employee


async def test_talent_apartments_are_allocated_by_their_managing_authority(housing, tokens, flow):
    talent = await flow.recognised(target="talent", target_code="rsj")
    app = await flow.apply()
    [u, *_] = await flow.units(talent["id"])
    r = await housing.post(f"/projects/{talent['id']}/offers", json={"unit_id": u["id"], "application_id": app["id"]},
                           headers=tokens["operator"])
    assert r.status_code == 403
    from govkit.testing import bearer

    rsj = bearer("department", "rsj", name="市人力资源和社会保障局")
    r = await housing.post(f"/projects/{talent['id']}/offers", json={"unit_id": u["id"]}, headers=rsj)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "application_id"
    offer = flow.ok(await housing.post(f"/projects/{talent['id']}/offers", headers=rsj,
                                       json={"unit_id": u["id"], "application_id": app["id"]}), 201)
    assert offer["basis"]["outcome"] == "talent_apartment"


async def test_no_offers_before_recognition_and_a_filed_rent(housing, tokens, flow):
    p = await flow.registered()
    await flow.apply()
    [u, *_] = await flow.units(p["id"])
    r = await housing.post(f"/projects/{p['id']}/offers", json={"unit_id": u["id"]}, headers=tokens["operator"])
    assert r.status_code == 409 and "认定" in r.json()["detail"]
