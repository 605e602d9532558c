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


async def test_the_demo_loads_one_application_of_the_demo_citizen(databases, tokens):
    from anyang_housing.app import spec
    from anyang_housing.settings import HousingSettings
    from govkit.testing import service_client

    async with service_client(databases, spec, HousingSettings, demo_data=True) as c:
        await spec.demo_loader(c.app)  # a second start changes nothing
        mine = (await c.get("/applications", headers=tokens["person"])).json()
        assert mine["total"] == 1 and mine["items"][0]["priority_tier"] == 3
