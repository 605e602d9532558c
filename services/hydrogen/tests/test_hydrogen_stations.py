"""Registering stations and the operating filing with its 3-working-day verification
(第四条、第十三条、第十四条)."""

from datetime import date

from anyang_hydrogen.domain.filing import MATERIALS, verification_due

ALL_REQUIRED = [m for m in MATERIALS if m != "other"]


async def test_an_operator_registers_its_own_station_which_the_public_sees_once_operating(
    hydrogen, tokens, station_at
):
    r = await hydrogen.post(
        "/stations",
        headers=tokens["operator"],
        json={"name": "文峰一站", "region": "410502", "address": "中华路1号", "kind": "skid_mounted"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["operator_code"] == "91410502MA44QN0296" and body["operator_name"] == "安阳氢能示范有限公司"
    assert body["kind_label"] == "撬装式加氢站" and body["region_name"] == "文峰区"
    assert body["status"] == "planned" and r.headers["Location"] == f"/stations/{body['id']}"
    assert (await hydrogen.get("/stations", params={"region": "410502"})).json()["total"] == 0
    own = await hydrogen.get("/stations", params={"operator_code": body["operator_code"]}, headers=tokens["operator"])
    assert [s["id"] for s in own.json()["items"]] == [body["id"]]
    operating = await station_at("operating")
    listed = (await hydrogen.get("/stations", params={"region": "410502"})).json()
    assert [s["id"] for s in listed["items"]] == [operating["id"]] and listed["items"][0]["status"] == "operating"


async def test_an_operator_cannot_register_a_station_for_another_enterprise(hydrogen, tokens):
    r = await hydrogen.post(
        "/stations",
        headers=tokens["operator"],
        json={"name": "x", "region": "410502", "address": "y", "operator_code": "91410581MA44LN03XK"},
    )
    assert r.status_code == 403


async def test_a_county_authority_registers_only_in_its_own_county(hydrogen, tokens):
    body = {
        "name": "林州一站",
        "region": "410581",
        "address": "红旗渠大道1号",
        "operator_code": "91410581MA44LN03XK",
        "operator_name": "林州装备示范有限公司",
    }
    assert (await hydrogen.post("/stations", json=body, headers=tokens["linzhou"])).status_code == 201
    r = await hydrogen.post("/stations", json=body, headers=tokens["wenfeng"])
    assert r.status_code == 403 and "第四条" in r.json()["detail"]


async def test_bad_region_and_bad_uscc_are_422_with_the_reason(hydrogen, tokens):
    r = await hydrogen.post(
        "/stations",
        headers=tokens["regulator"],
        json={"name": "x", "region": "410500", "address": "y", "operator_code": "91410502MA44QN0296"},
    )
    assert r.status_code == 422 and "410500" in r.json()["detail"]
    r = await hydrogen.post(
        "/stations",
        headers=tokens["regulator"],
        json={"name": "x", "region": "410502", "address": "y", "operator_code": "91410502MA44QN0297"},
    )
    assert r.status_code == 422
    assert "校验码" in r.json()["errors"][0]["message"]


async def test_other_departments_and_persons_cannot_register(hydrogen, tokens):
    body = {"name": "x", "region": "410502", "address": "y", "operator_code": "91410502MA44QN0296"}
    assert (await hydrogen.post("/stations", json=body, headers=tokens["yjj"])).status_code == 403
    assert (await hydrogen.post("/stations", json=body, headers=tokens["person"])).status_code == 403
    assert (await hydrogen.post("/stations", json=body)).status_code == 401


def test_verification_is_due_on_the_third_working_day_after_receipt():
    # received Friday 2023-01-20, eve of the Spring Festival holiday 01-21..01-27;
    # 01-28 and 01-29 are adjusted working days
    due = verification_due(date(2023, 1, 20))
    assert due.due == date(2023, 1, 30) and not due.provisional
    assert verification_due(date(2023, 3, 1)).due == date(2023, 3, 6)  # Wed → Mon


async def test_a_filing_missing_materials_is_refused_with_the_list(hydrogen, tokens, station_at):
    station = await station_at("accepted")
    r = await hydrogen.post(
        f"/stations/{station['id']}/filings",
        headers=tokens["operator"],
        json={"materials": ALL_REQUIRED[:-2]},
    )
    assert r.status_code == 422
    problem = r.json()
    assert problem["missing"] == ["staff_certificates", "premises_proof"]
    assert "第十四条" in problem["detail"] and "（八）" in problem["detail"]


async def test_filing_verification_by_the_county_of_the_station(hydrogen, tokens, station_at, travel, verdict):
    travel(2023, 3, 1, 10)
    station = await station_at("accepted")
    r = await hydrogen.post(
        f"/stations/{station['id']}/filings", headers=tokens["operator"], json={"materials": ALL_REQUIRED})
    assert r.status_code == 201, r.text
    filing = r.json()
    assert r.headers["Location"] == f"/filings/{filing['id']}"
    assert filing["received_on"] == "2023-03-01" and filing["channel"] == "online"
    assert filing["verification_due"] == "2023-03-06" and "第十三条" in filing["due_basis"]
    travel(2023, 3, 7, 9)
    assert (await hydrogen.get(f"/filings/{filing['id']}", headers=tokens["wenfeng"])).json()["overdue"] is True
    overdue = (await hydrogen.get("/filings", params={"overdue": "true"}, headers=tokens["regulator"])).json()
    assert [f["id"] for f in overdue["items"]] == [filing["id"]]
    body = verdict(verified_on="2023-03-03")
    r = await hydrogen.post(f"/filings/{filing['id']}/verification", json=body, headers=tokens["linzhou"])
    assert r.status_code == 403
    r = await hydrogen.post(f"/filings/{filing['id']}/verification", json=body, headers=tokens["regulator"])
    assert r.status_code == 403 and "第十三条" in r.json()["detail"]  # the city does not verify
    r = await hydrogen.post(f"/filings/{filing['id']}/verification", json=body, headers=tokens["wenfeng"])
    assert r.status_code == 200 and r.json()["status"] == "verified"
    assert r.json()["verified_late"] is True and r.json()["decided_on"] == "2023-03-07"
    assert len(r.json()["conditions"]) == 12
    assert (await hydrogen.get(f"/stations/{station['id']}")).json()["status"] == "verified"
    again = await hydrogen.post(f"/filings/{filing['id']}/verification", json=body, headers=tokens["wenfeng"])
    assert again.status_code == 409


async def test_the_demo_shows_a_station_through_its_whole_life_once(databases):
    from anyang_hydrogen.app import spec
    from anyang_hydrogen.schemas.examples import DEMO_STATION_ID
    from anyang_hydrogen.settings import HydrogenSettings
    from govkit.testing import bearer, service_client

    regulator = bearer("department", "cgj", scopes=["hydrogen.regulator"])
    async with service_client(databases, spec, HydrogenSettings, demo_data=True) as c:
        await spec.demo_loader(c.app)  # a second start changes nothing
        public = (await c.get("/stations")).json()
        assert public["total"] == 1
        station = public["items"][0]
        assert station["id"] == DEMO_STATION_ID and station["status"] == "operating"
        assert station["posted_price_fen_per_kg"] == 3500 and station["quality"]["stale"] is False
        assert (await c.get(f"/stations/{DEMO_STATION_ID}/acceptance")).json()["items"][0]["report_late"] is False
        assert (await c.get(f"/stations/{DEMO_STATION_ID}/fills", headers=regulator)).json()["total"] == 1
        assert (await c.get("/hazards", headers=regulator)).json()["total"] == 1
        accidents = await c.get("/accidents", headers=regulator)
        assert accidents.json()["total"] == 1 and accidents.json()["items"][0]["announced"] is True
