"""County construction plans (二（一）: approved by the province, published) and the yearly assessment
(五（五）: planned, started, completed units per county)."""


async def test_a_county_plan_is_approved_published_and_assessed(housing, tokens, flow):
    body = {"region": "410581", "year": 2023, "planned_units": 4}
    assert (await housing.post("/construction-plans", json=body, headers=tokens["wenfeng"])).status_code == 403
    r = await housing.post("/construction-plans", json=body, headers=tokens["linzhou"])
    plan = flow.ok(r, 201)
    assert plan["status"] == "drafted" and plan["region_name"] == "林州市"
    assert (await housing.post("/construction-plans", json=body, headers=tokens["linzhou"])).status_code == 409
    assert flow.ok(await housing.get("/construction-plans"))["total"] == 0  # not public before publication
    r = await housing.post(f"/construction-plans/{plan['id']}/publication", headers=tokens["linzhou"])
    assert r.status_code == 409  # needs the province's approval first
    approval = {"approval_number": "豫政文〔2023〕9号", "approved_on": "2023-03-20"}
    assert (await housing.post(f"/construction-plans/{plan['id']}/approval", json=approval,
                               headers=tokens["linzhou"])).status_code == 403
    flow.ok(await housing.post(f"/construction-plans/{plan['id']}/approval", json=approval, headers=tokens["admin"]))
    published = flow.ok(await housing.post(f"/construction-plans/{plan['id']}/publication",
                                           headers=tokens["linzhou"]))
    assert published["status"] == "published" and published["approval_number"] == "豫政文〔2023〕9号"
    assert [x["id"] for x in flow.ok(await housing.get("/construction-plans"))["items"]] == [plan["id"]]

    p = await flow.registered(region="410581")  # 4 units
    flow.ok(await housing.post(f"/projects/{p['id']}/progress", json={"started_on": "2023-05-01"},
                               headers=tokens["operator"]))
    rows = flow.ok(await housing.get("/construction-plans/assessment", params={"year": 2023},
                                     headers=tokens["admin"]))
    linzhou = next(r for r in rows["items"] if r["region"] == "410581")
    assert (linzhou["planned_units"], linzhou["started_units"],
            linzhou["completed_units"]) == (4, 4, 0)
    assert linzhou["target_met"] is True and linzhou["start_rate"] == "1.0000"
    assert rows["total"] == 12
    own = flow.ok(await housing.get("/construction-plans/assessment", params={"year": 2023},
                                    headers=tokens["linzhou"]))
    assert [r["region"] for r in own["items"]] == ["410581"]
    assert (await housing.get("/construction-plans/assessment", params={"year": 2023},
                              headers=tokens["person"])).status_code == 403
