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
        "party_code": "91410502MA44QN0296",
        "party_name": "安阳氢能示范有限公司",
        "party_kind": "operator",
        "station_name": station["name"],
    }
    seen = (await hydrogen.get("/penalties", headers=tokens["operator"])).json()
    assert seen["total"] == 1
    assert (await hydrogen.get("/penalties", headers=tokens["other_operator"])).json()["total"] == 0


async def test_only_the_city_management_bureau_decides_penalties(
    hydrogen, tokens, new_station, outbox_events
):
    from govkit.testing import bearer

    station = await new_station()
    gas_authority_only = bearer("department", "cgj", scopes=["hydrogen.regulator"])
    assert (await hydrogen.post("/penalties", json=penalty(station["id"]), headers=gas_authority_only)
            ).status_code == 403  # penalty power is its own scope (hydrogen.penalty), not the regulator's
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


async def test_a_third_partys_damage_under_article_24_is_charged_to_that_party(
    hydrogen, tokens, new_station, outbox_events
):
    station = await new_station()
    damage = penalty(station["id"], violated_articles=[24], summary="擅自拆除加氢站安全警示标志")
    r = await hydrogen.post("/penalties", json=damage, headers=tokens["regulator"])
    assert r.status_code == 422 and r.json()["rule"] == "party_required"  # never the operator by default
    r = await hydrogen.post("/penalties", headers=tokens["regulator"], json=damage | {
        "violated_articles": [15, 24], "party_kind": "enterprise", "party_code": "91410581MA44LN03XK",
        "party_name": "林州装备示范有限公司"})
    assert r.status_code == 422 and r.json()["rule"] == "operator_duty"
    r = await hydrogen.post("/penalties", headers=tokens["regulator"], json=damage | {
        "party_kind": "enterprise", "party_code": "91410581MA44LN03XK", "party_name": "林州装备示范有限公司"})
    assert r.status_code == 201 and r.json()["party_code"] == "91410581MA44LN03XK"
    r = await hydrogen.post("/penalties", headers=tokens["regulator"], json=damage | {
        "decision_number": "安城管罚〔2023〕16号", "party_kind": "person", "party_code": "410502198506150026",
        "party_name": "张某"})
    assert r.status_code == 201 and r.json()["party_kind_label"] == "个人"
    events = await outbox_events("hydrogen.penalty.decided")
    person = events[-1]["data"]
    assert person["party_kind"] == "person" and "410502198506150026" not in str(events[-1])
    assert person["party_code"] == r.json()["party_code"] and person["operator_code"] == "91410502MA44QN0296"
    history = (await hydrogen.get(f"/audit/penalty/{r.json()['id']}", headers=tokens["regulator"])).text
    assert "410502198506150026" not in history


async def test_land_use_goes_to_natural_resources_not_to_city_management(hydrogen, tokens, new_station):
    station = await new_station()
    r = await hydrogen.post("/penalties", json=penalty(station["id"], violated_articles=[9]),
                            headers=tokens["regulator"])
    assert r.status_code == 422 and "自然资源和规划" in r.json()["detail"]
