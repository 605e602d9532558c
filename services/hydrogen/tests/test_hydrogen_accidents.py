"""Accident reports and investigation conclusions, with their events (第二十五条; spec: Events)."""


def accident(station_id: str, **extra) -> dict:
    return {
        "station_id": station_id,
        "occurred_on": "2023-03-06",
        "severity": "larger",
        "summary": "卸车时软管接头泄漏起火",
        "direct_loss_yuan": 12_000_000,
    } | extra


async def test_a_larger_accident_is_reported_and_announced(hydrogen, tokens, new_station, outbox_events):
    station = await new_station()
    r = await hydrogen.post("/accidents", json=accident(station["id"]), headers=tokens["operator"])
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["severity_label"] == "较大事故" and body["announced"] is True
    assert (
        "生产安全事故报告和调查处理条例" in body["severity_basis"] and body["status"] == "under_investigation"
    )
    [event] = await outbox_events("hydrogen.accident.reported")
    assert event["subject"] == "91410502MA44QN0296"
    assert event["data"] == {
        "accident_id": body["id"],
        "station_id": station["id"],
        "operator_code": "91410502MA44QN0296",
        "operator_name": "安阳氢能示范有限公司",
        "occurred_on": "2023-03-06",
        "severity": "larger",
        "summary": "卸车时软管接头泄漏起火",
    }


async def test_a_general_accident_is_recorded_but_not_announced(hydrogen, tokens, new_station, outbox_events):
    station = await new_station()
    r = await hydrogen.post(
        "/accidents",
        headers=tokens["wenfeng"],
        json=accident(station["id"], severity="general", direct_loss_yuan=9_999_999),
    )
    assert r.status_code == 201 and r.json()["announced"] is False
    assert await outbox_events("hydrogen.accident.reported") == []


async def test_a_grade_below_what_the_facts_reach_is_refused(hydrogen, tokens, new_station, outbox_events):
    station = await new_station()
    r = await hydrogen.post(
        "/accidents",
        headers=tokens["operator"],
        json=accident(station["id"], severity="general", deaths=3, direct_loss_yuan=0),
    )
    assert r.status_code == 422
    problem = r.json()
    assert "较大事故" in problem["detail"] and "第三条" in problem["basis"]
    assert await outbox_events() == []


async def test_accident_reports_are_limited_to_the_own_station_or_county(hydrogen, tokens, new_station):
    station = await new_station()
    for who in ("other_operator", "linzhou", "yjj"):
        r = await hydrogen.post("/accidents", json=accident(station["id"]), headers=tokens[who])
        assert r.status_code == 403, who
    assert (
        await hydrogen.post("/accidents", json=accident("nope"), headers=tokens["regulator"])
    ).status_code == 404
    future = await hydrogen.post(
        "/accidents", json=accident(station["id"], occurred_on="2999-01-01"), headers=tokens["operator"]
    )
    assert future.status_code == 422
    bad = await hydrogen.post(
        "/accidents", json=accident(station["id"], severity="huge"), headers=tokens["operator"]
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "severity"


async def test_the_regulator_concludes_a_responsible_accident_once(
    hydrogen, tokens, new_station, outbox_events
):
    station = await new_station()
    acc = (await hydrogen.post("/accidents", json=accident(station["id"]), headers=tokens["operator"])).json()
    conclusion = {
        "responsible": True,
        "conclusion": "企业未按规程检查软管，属责任事故",
        "concluded_on": "2023-04-20",
    }
    assert (
        await hydrogen.post(f"/accidents/{acc['id']}/conclusion", json=conclusion, headers=tokens["operator"])
    ).status_code == 403
    r = await hydrogen.post(
        f"/accidents/{acc['id']}/conclusion", json=conclusion, headers=tokens["regulator"]
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "concluded" and r.json()["responsible"] is True
    [event] = await outbox_events("hydrogen.accident.concluded")
    assert event["data"] == {
        "accident_id": acc["id"],
        "operator_code": "91410502MA44QN0296",
        "occurred_on": "2023-03-06",
        "severity": "larger",
        "responsible": True,
        "conclusion": "企业未按规程检查软管，属责任事故",
        "concluded_on": "2023-04-20",
    }
    again = await hydrogen.post(
        f"/accidents/{acc['id']}/conclusion", json=conclusion, headers=tokens["regulator"]
    )
    assert again.status_code == 409


async def test_a_county_concludes_general_accidents_of_its_area_only(
    hydrogen, tokens, new_station, outbox_events
):
    station = await new_station()
    larger = (
        await hydrogen.post("/accidents", json=accident(station["id"]), headers=tokens["operator"])
    ).json()
    general = (
        await hydrogen.post(
            "/accidents",
            json=accident(station["id"], severity="general", direct_loss_yuan=0),
            headers=tokens["operator"],
        )
    ).json()
    conclusion = {"responsible": False, "conclusion": "自然灾害所致", "concluded_on": "2023-03-20"}
    r = await hydrogen.post(
        f"/accidents/{larger['id']}/conclusion", json=conclusion, headers=tokens["wenfeng"]
    )
    assert r.status_code == 403 and "第十九条" in r.json()["detail"]
    r = await hydrogen.post(
        f"/accidents/{general['id']}/conclusion", json=conclusion, headers=tokens["linzhou"]
    )
    assert r.status_code == 403
    r = await hydrogen.post(
        f"/accidents/{general['id']}/conclusion", json=conclusion, headers=tokens["wenfeng"]
    )
    assert r.status_code == 200 and r.json()["responsible"] is False
    assert await outbox_events("hydrogen.accident.concluded") == []  # a general accident was never announced


async def test_a_conclusion_dated_before_the_accident_is_refused(hydrogen, tokens, new_station):
    station = await new_station()
    acc = (await hydrogen.post("/accidents", json=accident(station["id"]), headers=tokens["operator"])).json()
    r = await hydrogen.post(
        f"/accidents/{acc['id']}/conclusion",
        headers=tokens["regulator"],
        json={"responsible": True, "conclusion": "x", "concluded_on": "2023-03-05"},
    )
    assert r.status_code == 422 and "2023-03-06" in r.json()["detail"]


async def test_accident_lists_follow_the_callers_area(hydrogen, tokens, new_station):
    station = await new_station()
    await hydrogen.post("/accidents", json=accident(station["id"]), headers=tokens["operator"])
    assert (await hydrogen.get("/accidents", headers=tokens["regulator"])).json()["total"] == 1
    assert (await hydrogen.get("/accidents", headers=tokens["wenfeng"])).json()["total"] == 1
    assert (await hydrogen.get("/accidents", headers=tokens["linzhou"])).json()["total"] == 0
    assert (await hydrogen.get("/accidents", headers=tokens["other_operator"])).json()["total"] == 0
    assert (await hydrogen.get("/accidents", headers=tokens["person"])).status_code == 403
