"""Station facts, the plan, the lifecycle with its guarded steps, construction parties and the completion
acceptance with its 15-day report (第三条、第四条、第五条、第九条、第十条、第十一条、第十三条、第二十七条)."""

from anyang_hydrogen.domain.filing import MATERIALS

ALL_REQUIRED = [m for m in MATERIALS if m != "other"]
PARTY = {"name": "安阳建设示范有限公司", "code": "91410500MA44GT012H", "qualification": "甲级",
         "certificate_number": "A-1"}


async def test_a_public_station_stands_only_on_fuel_station_land(hydrogen, tokens):
    body = {"name": "x", "region": "410502", "address": "y", "use": "public", "land_use": "industrial"}
    r = await hydrogen.post("/stations", json=body, headers=tokens["operator"])
    assert r.status_code == 422 and "第九条" in r.json()["detail"] and r.json()["rule"] == "public_station_land_use"
    self_use = body | {"use": "self_use", "site_setting": "logistics_park", "media": ["gaseous", "liquid"],
                       "combined_with": ["charging"], "latitude": 36.1, "longitude": 114.35}
    r = await hydrogen.post("/stations", json=self_use, headers=tokens["operator"])
    assert r.status_code == 201, r.text
    station = r.json()
    assert station["use_label"] == "企业自用" and station["media_labels"] == ["气态氢", "液态氢"]
    assert "GB50966" in station["extra_standards"][0] and station["latitude"] == 36.1
    r = await hydrogen.post("/stations", json=self_use | {"site_setting": "other"}, headers=tokens["operator"])
    assert r.status_code == 422 and r.json()["rule"] == "self_use_land_use"


async def test_the_plan_is_kept_per_area_and_zones_fall_under_the_city_plan(hydrogen, tokens):
    site = {"region": "410581", "name": "林州点位", "address": "红旗渠大道"}
    r = await hydrogen.post("/plan/sites", json=site, headers=tokens["linzhou"])
    assert r.status_code == 201 and r.json()["plan_area"] == "410581"
    r = await hydrogen.post("/plan/sites", json=site | {"region": "410502"}, headers=tokens["wenfeng"])
    assert r.status_code == 403 and "第五条" in r.json()["detail"]  # districts are in the city's plan
    r = await hydrogen.post("/plan/sites", json=site | {"region": "410590"}, headers=tokens["regulator"])
    assert r.status_code == 201 and r.json()["plan_area"] == "410500" and "功能区" in r.json()["plan_area_name"]
    art27 = site | {"region": "410502", "added_under_art27": True}
    r = await hydrogen.post("/plan/sites", json=art27, headers=tokens["regulator"])
    assert r.status_code == 422 and "第二十七条" in r.json()["detail"]
    r = await hydrogen.post("/plan/sites", headers=tokens["regulator"],
                            json=art27 | {"approval_number": "安政文〔2023〕9号", "approved_on": "2023-06-01"})
    assert r.status_code == 201 and r.json()["basis"].endswith("第二十七条")
    public = (await hydrogen.get("/plan/sites", params={"plan_area": "410500"})).json()
    assert public["total"] == 2


async def test_a_station_cannot_sit_on_a_site_of_another_areas_plan(hydrogen, tokens, new_station):
    site = (await hydrogen.post("/plan/sites", headers=tokens["regulator"],
                                json={"region": "410502", "name": "文峰点位", "address": "y"})).json()
    r = await hydrogen.post("/stations", headers=tokens["linzhou"], json={
        "name": "林州站", "region": "410581", "address": "y", "operator_code": "91410581MA44LN03XK",
        "plan_site_id": site["id"]})
    assert r.status_code == 422 and r.json()["rule"] == "outside_area_plan"


async def test_steps_cannot_be_skipped_and_construction_needs_its_parties(hydrogen, tokens, new_station):
    station = await new_station(media=["gaseous"], use="public", land_use="fuel_station")
    sid, op = station["id"], tokens["operator"]
    r = await hydrogen.post(f"/stations/{sid}/filings", headers=op, json={"materials": ALL_REQUIRED})
    assert r.status_code == 409 and r.json()["rule"] == "transition_not_allowed"
    assert r.json()["facts"]["allowed"] == ["under_construction", "closed"]
    r = await hydrogen.post(f"/stations/{sid}/acceptance", headers=op, json={
        "accepted_on": "2023-01-05", "evaluation_agency": "a", "evaluation_report_number": "b"})
    assert r.status_code == 409
    await hydrogen.post(f"/stations/{sid}/parties", headers=op, json=PARTY | {"role": "builder"})
    r = await hydrogen.post(f"/stations/{sid}/construction", headers=op, json={})
    assert r.status_code == 422 and r.json()["facts"]["missing"] == ["designer", "supervisor"]
    assert "第十条" in r.json()["detail"]
    for role in ("designer", "supervisor"):
        await hydrogen.post(f"/stations/{sid}/parties", headers=op, json=PARTY | {"role": role})
    r = await hydrogen.post(f"/stations/{sid}/construction", headers=op, json={})
    assert r.status_code == 200 and r.json()["status"] == "under_construction"
    parties = (await hydrogen.get(f"/stations/{sid}/parties")).json()["items"]
    assert {p["role_label"] for p in parties} == {"设计单位", "施工单位", "监理单位"}


async def test_acceptance_reported_on_the_15th_day_moved_past_national_day_to_an_adjusted_saturday(
    hydrogen, tokens, station_at, travel
):
    # accepted 2023-09-16: day 15 is 10-01 (国庆 09-29..10-06); 10-07 (Saturday) is an adjusted working day
    travel(2023, 10, 7, 16)
    in_time = await station_at("under_construction")
    body = {"accepted_on": "2023-09-16", "evaluation_agency": "河南安评", "evaluation_report_number": "AP-9"}
    r = await hydrogen.post(f"/stations/{in_time['id']}/acceptance", headers=tokens["operator"], json=body)
    assert r.status_code == 201, r.text
    a = r.json()
    assert (a["report_due"], a["reported_on"], a["report_late"]) == ("2023-10-07", "2023-10-07", False)
    assert "第二百零三条" in a["due_basis"] and "第十一条" in a["due_basis"]
    travel(2023, 10, 8, 9)
    late = await station_at("under_construction")
    r = await hydrogen.post(f"/stations/{late['id']}/acceptance", headers=tokens["operator"], json=body)
    assert r.json()["report_late"] is True
    r = await hydrogen.post(f"/stations/{late['id']}/acceptance", headers=tokens["operator"], json=body)
    assert r.status_code == 409  # accepted once


async def test_the_operator_never_sets_the_report_or_receipt_day_the_county_enters_paper_ones(
    hydrogen, tokens, station_at, travel
):
    travel(2023, 10, 9, 10)
    station = await station_at("under_construction")
    sid = station["id"]
    body = {"accepted_on": "2023-09-16", "evaluation_agency": "a", "evaluation_report_number": "b",
            "reported_on": "2023-09-20"}
    r = await hydrogen.post(f"/stations/{sid}/acceptance", headers=tokens["operator"], json=body)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "reported_on"
    r = await hydrogen.post(f"/stations/{sid}/acceptance", headers=tokens["linzhou"], json=body)
    assert r.status_code == 403
    r = await hydrogen.post(f"/stations/{sid}/acceptance", headers=tokens["wenfeng"], json=body)
    assert r.status_code == 201 and r.json()["channel"] == "paper" and r.json()["report_late"] is False
    filing = {"materials": ALL_REQUIRED, "received_on": "2023-09-28"}
    r = await hydrogen.post(f"/stations/{sid}/filings", headers=tokens["operator"], json=filing)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "received_on"
    for bad in ("2023-09-15", "2023-10-10"):  # before the acceptance / in the future
        r = await hydrogen.post(f"/stations/{sid}/filings", headers=tokens["wenfeng"], json=filing | {
            "received_on": bad})
        assert r.status_code == 422, bad
    r = await hydrogen.post(f"/stations/{sid}/filings", headers=tokens["wenfeng"], json=filing)
    assert r.status_code == 201 and r.json()["channel"] == "paper"
    # received Thursday 09-28: 09-29..10-06 off, 10-07 and 10-08 adjusted working days, so day 3 is 10-09
    assert r.json()["verification_due"] == "2023-10-09" and r.json()["due_provisional"] is False
    history = (await hydrogen.get(f"/audit/filing/{r.json()['id']}", headers=tokens["regulator"])).json()["items"]
    assert history[0]["detail"]["channel"] == "paper" and history[0]["action"] == "filing.submit"


async def test_a_filing_needs_a_site_in_the_areas_plan(hydrogen, tokens, new_station):
    station = await new_station(media=["gaseous"], use="public", land_use="fuel_station")
    sid, op = station["id"], tokens["operator"]
    for role in ("designer", "builder", "supervisor"):
        await hydrogen.post(f"/stations/{sid}/parties", headers=op, json=PARTY | {"role": role})
    await hydrogen.post(f"/stations/{sid}/construction", headers=op, json={})
    await hydrogen.post(f"/stations/{sid}/acceptance", headers=op, json={
        "accepted_on": "2023-01-05", "evaluation_agency": "a", "evaluation_report_number": "b"})
    r = await hydrogen.post(f"/stations/{sid}/filings", headers=op, json={"materials": ALL_REQUIRED})
    assert r.status_code == 422 and r.json()["rule"] == "no_plan_site" and "第十二条（一）" in r.json()["detail"]


async def test_a_station_short_of_staff_cannot_be_verified_as_passed(hydrogen, tokens, station_at, verdict):
    station = await station_at("filed")
    url = f"/filings/{station['filing_id']}/verification"
    short = verdict()
    for c in short["conditions"]:
        if c["code"] == "filling_operators":
            c["number"] = 5
        if c["code"] == "intermediate_technicians":
            c["number"] = 0
    r = await hydrogen.post(url, headers=tokens["wenfeng"], json=short)
    assert r.status_code == 422 and r.json()["facts"]["failed"] == ["filling_operators", "intermediate_technicians"]
    assert "少于6人" in r.json()["detail"] and "少于1人" in r.json()["detail"]
    r = await hydrogen.post(url, headers=tokens["wenfeng"], json=verdict(conditions=[]))  # the old free-text body
    assert r.status_code == 422 and "emergency_plan" in r.json()["facts"]["missing"]
    r = await hydrogen.post(url, headers=tokens["wenfeng"], json=short | {"passed": False, "findings": "操作工不足"})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    failed = [c["code"] for c in r.json()["conditions"] if not c["passed"]]
    assert failed == ["filling_operators", "intermediate_technicians"]
    assert (await hydrogen.get(f"/stations/{station['id']}")).json()["status"] == "rejected"
    again = await hydrogen.post(f"/stations/{station['id']}/filings", headers=tokens["operator"],
                                json={"materials": ALL_REQUIRED})
    assert again.status_code == 201  # a rejected station may file again


async def test_six_operators_and_one_technician_are_enough(hydrogen, tokens, station_at, verdict):
    station = await station_at("filed")
    body = verdict()
    for c in body["conditions"]:
        c["number"] = {"filling_operators": 6, "intermediate_technicians": 1}.get(c["code"], c.get("number"))
    r = await hydrogen.post(f"/filings/{station['filing_id']}/verification", headers=tokens["wenfeng"], json=body)
    assert r.status_code == 200 and r.json()["verified_late"] is False


async def test_a_verified_station_operates_from_its_opening_date(hydrogen, tokens, station_at, travel):
    travel(2023, 6, 1, 10)
    station = await station_at("verified")
    sid = station["id"]
    r = await hydrogen.post(f"/stations/{sid}/opening", headers=tokens["wenfeng"], json={"opening_date": "2023-06-05"})
    assert r.status_code == 403
    r = await hydrogen.post(f"/stations/{sid}/opening", headers=tokens["operator"], json={"opening_date": "2023-05-01"})
    assert r.status_code == 422  # before the verification
    r = await hydrogen.post(f"/stations/{sid}/opening", headers=tokens["operator"], json={"opening_date": "2023-06-05"})
    assert r.status_code == 200 and r.json()["status"] == "verified"
    assert (await hydrogen.get("/stations")).json()["total"] == 0
    travel(2023, 6, 5, 8)
    assert (await hydrogen.get(f"/stations/{sid}")).json()["status"] == "operating"
    assert (await hydrogen.get("/stations")).json()["total"] == 1
    r = await hydrogen.post(f"/stations/{sid}/closure", headers=tokens["operator"], json={"reason": "停业"})
    assert r.json()["status"] == "closed"
    assert (await hydrogen.get("/stations")).json()["total"] == 0
