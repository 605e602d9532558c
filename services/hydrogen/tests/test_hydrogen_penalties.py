"""Penalty decisions of the 城市管理部门 (第二十六条) and hydrogen.penalty.decided."""


def penalty(station_id: str, **extra) -> dict:
    return {
        "station_id": station_id,
        "decision_number": "安城管罚〔2023〕15号",
        "decided_on": "2023-05-10",
        "severity": "general",
        "violated_articles": [15],
        "applied_provision": "《城镇燃气管理条例》第四十九条",
        "summary": "向未办理使用登记的车用储氢瓶加气",
        "amount_fen": 5_000_000,
    } | extra


async def test_the_city_management_bureau_records_a_penalty_and_credit_is_told(
    hydrogen, tokens, new_station, outbox_events
):
    station = await new_station()
    r = await hydrogen.post("/penalties", json=penalty(station["id"]), headers=tokens["regulator"])
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["department_name"] == "市城市管理局" and body["severity_label"] == "一般"
    basis = "违反安政办〔2023〕2号第十五条；依据安政办〔2023〕2号 第二十六条、《城镇燃气管理条例》第四十九条"
    assert body["legal_basis"] == basis
    [event] = await outbox_events("hydrogen.penalty.decided")
    assert event["data"] == {
        "penalty_id": body["id"],
        "operator_code": "91410502MA44QN0296",
        "operator_name": "安阳氢能示范有限公司",
        "station_id": station["id"],
        "decision_number": "安城管罚〔2023〕15号",
        "decided_on": "2023-05-10",
        "department": "cgj",
        "severity": "general",
        "legal_basis": basis,
        "summary": "向未办理使用登记的车用储氢瓶加气",
        "amount_fen": 5_000_000,
    }
    seen = (await hydrogen.get("/penalties", headers=tokens["operator"])).json()
    assert seen["total"] == 1
    assert (await hydrogen.get("/penalties", headers=tokens["other_operator"])).json()["total"] == 0


async def test_only_the_city_management_bureau_decides_penalties(
    hydrogen, tokens, new_station, outbox_events
):
    station = await new_station()
    for who in ("wenfeng", "operator", "yjj"):
        r = await hydrogen.post("/penalties", json=penalty(station["id"]), headers=tokens[who])
        assert r.status_code == 403, who
    assert "第二十六条" in r.json()["detail"]
    assert await outbox_events() == []


async def test_a_breach_of_no_duty_of_the_measures_is_refused(hydrogen, tokens, new_station):
    station = await new_station()
    r = await hydrogen.post(
        "/penalties", json=penalty(station["id"], violated_articles=[2]), headers=tokens["regulator"]
    )
    assert r.status_code == 422 and "第二条" in r.json()["detail"]
    r = await hydrogen.post(
        "/penalties", json=penalty(station["id"], amount_fen=-1), headers=tokens["regulator"]
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "amount_fen"


async def test_a_decision_number_is_recorded_once(hydrogen, tokens, new_station, outbox_events):
    station = await new_station()
    assert (
        await hydrogen.post("/penalties", json=penalty(station["id"]), headers=tokens["regulator"])
    ).status_code == 201
    r = await hydrogen.post("/penalties", json=penalty(station["id"]), headers=tokens["regulator"])
    assert r.status_code == 409
    assert len(await outbox_events("hydrogen.penalty.decided")) == 1
