"""Applications: assessed on submission; the ID number is validated, stored encrypted, never shown."""

from sqlalchemy import select

from anyang_housing.models.applications import Application

PERSON_ID = "410502198506150026"


def application(**extra) -> dict:
    return {
        "applicant_name": "示范市民",
        "id_number": PERSON_ID,
        "household_members": 3,
        "owned_areas_m2": ["42"],
        "applied_on": "2023-03-01",
    } | extra


async def test_a_person_applies_and_sees_the_decision_with_masked_id(housing, tokens):
    r = await housing.post("/applications", json=application(), headers=tokens["person"])
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["id_number_masked"] == "410502********0026" and PERSON_ID not in r.text
    assert body["status"] == "eligible" and body["priority_tier"] == 3
    assert body["assessment"]["basis"] == "安政办〔2023〕7号 三（一）"
    assert body["assessment"]["facts"]["per_person_area_m2"] == "14.00"
    own = await housing.get(f"/applications/{body['id']}", headers=tokens["person"])
    assert own.status_code == 200 and PERSON_ID not in own.text
    async with housing.app.state.sessionmaker() as s:
        stored = (await s.execute(select(Application))).scalar_one()
    assert PERSON_ID not in stored.applicant_id_encrypted and stored.applicant_id_hash != PERSON_ID


async def test_exactly_15_m2_per_person_is_ineligible_with_the_reason(housing, tokens):
    r = await housing.post("/applications", json=application(owned_areas_m2=["45"]), headers=tokens["person"])
    assert r.status_code == 201 and r.json()["status"] == "ineligible"
    assert "不低于15平方米" in r.json()["assessment"]["reason"]


async def test_a_bad_id_number_is_422_saying_what_is_wrong(housing, tokens):
    r = await housing.post(
        "/applications", json=application(id_number="410502198506150027"), headers=tokens["admin"]
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "id_number" and "校验码" in r.json()["errors"][0]["message"]


async def test_a_person_cannot_apply_for_someone_else_or_see_their_application(housing, tokens):
    r = await housing.post("/applications", json=application(), headers=tokens["other_person"])
    assert r.status_code == 403
    created = (await housing.post("/applications", json=application(), headers=tokens["admin"])).json()
    assert (
        await housing.get(f"/applications/{created['id']}", headers=tokens["other_person"])
    ).status_code == 403
    assert (await housing.get("/applications", headers=tokens["other_person"])).json()["total"] == 0
    assert (await housing.get("/applications", headers=tokens["person"])).json()["total"] == 1
    assert (await housing.get("/applications", headers=tokens["fgw"])).status_code == 403


async def test_non_positive_areas_and_future_dates_are_refused(housing, tokens):
    r = await housing.post("/applications", json=application(owned_areas_m2=["0"]), headers=tokens["person"])
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "owned_areas_m2"
    r = await housing.post(
        "/applications", json=application(applied_on="2999-01-01"), headers=tokens["person"]
    )
    assert r.status_code == 422


async def test_the_demo_shows_a_project_from_review_to_a_signed_filed_lease(databases, tokens):
    from anyang_housing.app import spec
    from anyang_housing.settings import HousingSettings
    from govkit.testing import service_client

    async with service_client(databases, spec, HousingSettings, demo_data=True) as c:
        await spec.demo_loader(c.app)  # a second start changes nothing
        mine = (await c.get("/applications", headers=tokens["person"])).json()
        assert mine["total"] == 1 and mine["items"][0]["priority_tier"] == 3
        [lease] = (await c.get("/leases", headers=tokens["person"])).json()["items"]
        assert lease["filing_number"] and (lease["start_on"], lease["end_on"]) == ("2023-03-01", "2023-08-31")
        proof = (await c.get(f"/leases/{lease['id']}/residence-permit-proof", headers=tokens["person"])).json()
        assert proof["qualifies"] is True
        public = (await c.get("/public/projects")).json()
        assert public["total"] == 2 and {p["units_available"] for p in public["items"]} == {3, 4}
        assert (await c.get("/construction-plans")).json()["total"] == 1
        p = next(x["id"] for x in public["items"] if x["name"] == "安钢职工保障性租赁住房（示范）")
        offer = await c.post(f"/projects/{p}/offers", json={"unit_number": "1-102"}, headers=tokens["operator"])
        assert offer.status_code == 201, offer.text


async def test_todays_request_body_is_still_accepted(housing, tokens):
    """The original fields (household_members, owned_areas_m2, new_citizen, applied_on) keep working."""
    r = await housing.post("/applications", headers=tokens["person"], json={
        "applicant_name": "示范市民", "id_number": PERSON_ID, "household_members": 3, "owned_areas_m2": ["42"],
        "new_citizen": False, "applied_on": "2023-03-01"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body["assessment"]) == {"eligible", "outcome", "outcome_label", "basis", "reason", "facts"}
    assert body["status"] == "eligible" and body["priority_tier"] == 3 and body["household_members"] == 3
    assert r.headers["location"] == f"/applications/{body['id']}"


async def test_4_persons_owning_59_99_m2_are_eligible_the_ratio_is_not_rounded_first(housing, tokens):
    members = [{"name": n, "relation": r} for n, r in
               (("示范市民", "applicant"), ("配偶", "spouse"), ("子女", "child"), ("老人", "parent"))]
    r = await housing.post("/applications", headers=tokens["person"], json={
        "applicant_name": "示范市民", "id_number": PERSON_ID, "members": members,
        "homes": [{"area_m2": "59.99", "region": "410502"}]})
    body = r.json()
    assert body["status"] == "eligible" and body["priority_tier"] == 3, body
    facts = body["assessment"]["facts"]
    assert facts["per_person_area_exact_m2"] == "14.9975" and body["per_person_area_m2"] == "14.99"
    assert facts["household"][3]["relation"] == "parent" and facts["properties"][0]["region_name"] == "文峰区"
    assert "14.9975" in body["assessment"]["reason"]


async def test_exactly_15_m2_each_with_homes_is_ineligible(housing, tokens):
    r = await housing.post("/applications", headers=tokens["person"], json={
        "applicant_name": "示范市民", "id_number": PERSON_ID, "household_members": 4,
        "homes": [{"area_m2": "40", "region": "410503"}, {"area_m2": "20", "region": "410590"}]})
    assert r.json()["status"] == "ineligible" and r.json()["assessment"]["facts"]["total_area_m2"] == "60"


async def test_a_home_outside_the_city_area_does_not_count(housing, tokens):
    r = await housing.post("/applications", headers=tokens["person"], json={
        "applicant_name": "示范市民", "id_number": PERSON_ID, "household_members": 2,
        "homes": [{"area_m2": "120", "region": "410581"}]})  # 林州市: not 市区
    body = r.json()
    assert body["status"] == "eligible" and body["priority_tier"] == 2
    assert body["homes"] == [{"area_m2": "120", "region": "410581", "region_name": "林州市", "in_city_area": False}]
    assert body["owned_areas_m2"] == []


async def test_both_forms_must_agree(housing, tokens):
    base = {"applicant_name": "示范市民", "id_number": PERSON_ID}
    r = await housing.post("/applications", headers=tokens["person"], json=base | {
        "household_members": 3, "members": [{"name": "示范市民", "relation": "applicant"}]})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "household_members"
    r = await housing.post("/applications", headers=tokens["person"], json=base | {
        "household_members": 1, "owned_areas_m2": ["50"], "homes": [{"area_m2": "40", "region": "410502"}]})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "owned_areas_m2"
    r = await housing.post("/applications", headers=tokens["person"], json=base | {
        "household_members": 1, "owned_areas_m2": ["40"], "homes": [{"area_m2": "40", "region": "410502"}]})
    assert r.status_code == 201
    r = await housing.post("/applications", headers=tokens["person"], json=base | {
        "household_members": 1, "homes": [{"area_m2": "40", "region": "999999"}]})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "homes.0.region"
    r = await housing.post("/applications", headers=tokens["person"], json=base)
    assert r.status_code == 422


async def test_new_citizen_by_residence_permit_or_a_move_within_5_years(housing, tokens, travel):
    from datetime import datetime

    travel(datetime(2023, 3, 1, 10, 0))
    base = {"applicant_name": "示范市民", "id_number": PERSON_ID, "household_members": 1}
    assert (await housing.post("/applications", headers=tokens["person"], json=base | {
        "residence_permit": True})).json()["priority_tier"] == 1
    moved = await housing.post("/applications", headers=tokens["person"], json=base | {"moved_in_on": "2018-03-01"})
    assert moved.json()["priority_tier"] == 1  # the 5 years end on 2023-03-01 (第二百零二条): still within
    facts = moved.json()["assessment"]["facts"]
    assert facts["new_citizen_basis"] == "recent_move_in" and facts["new_citizen_facts"]["move_in_years"] == 5
    old = await housing.post("/applications", headers=tokens["person"], json=base | {"moved_in_on": "2018-02-28"})
    assert old.json()["priority_tier"] == 2 and old.json()["new_citizen"] is False
    lie = await housing.post("/applications", headers=tokens["person"], json=base | {
        "moved_in_on": "2010-01-01", "new_citizen": True})
    assert lie.status_code == 422 and lie.json()["errors"][0]["field"] == "new_citizen"


async def test_the_application_time_is_the_receipt_time_not_the_applicants_date(housing, tokens, travel):
    from datetime import datetime

    travel(datetime(2023, 5, 10, 9, 0))
    r = await housing.post("/applications", headers=tokens["person"], json={
        "applicant_name": "示范市民", "id_number": PERSON_ID, "household_members": 1, "applied_on": "2023-01-02"})
    body = r.json()
    assert body["applied_on"] == "2023-05-10" and body["received_at"].startswith("2023-05-10T01:00")
    assert body["assessment"]["facts"]["declared_applied_on_not_used"] == "2023-01-02"
    r = await housing.post("/applications", headers=tokens["person"], json={
        "applicant_name": "示范市民", "id_number": PERSON_ID, "household_members": 1,
        "paper_received_on": "2023-05-01"})
    assert r.status_code == 403


async def test_staff_record_a_paper_receipt_date_not_in_the_future_and_audited(housing, tokens, travel):
    from datetime import datetime

    travel(datetime(2023, 5, 10, 9, 0))
    body = {"applicant_name": "示范市民", "id_number": PERSON_ID, "household_members": 1}
    r = await housing.post("/applications", headers=tokens["admin"], json=body | {"paper_received_on": "2023-05-11"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "paper_received_on"
    r = await housing.post("/applications", headers=tokens["admin"], json=body | {"paper_received_on": "2023-05-04"})
    created = r.json()
    assert created["applied_on"] == "2023-05-04" and created["paper_received_on"] == "2023-05-04"
    audit = (await housing.get(f"/audit/application/{created['id']}", headers=tokens["admin"])).json()
    [row] = [a for a in (audit["items"] if isinstance(audit, dict) else audit) if a["action"] == "application.submit"]
    assert row["detail"]["paper_received_on"] == "2023-05-04"
