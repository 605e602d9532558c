"""Supervision: inspections in each department's field, hazards with rectification deadlines, the operator's
response and re-inspection, assessments, patrols, self-assessments, referrals and stop orders
(第四条、第十八条–第二十条、第二十二条、第二十六条)."""


async def test_an_inspection_orders_rectification_and_an_overdue_hazard_is_flagged(
    hydrogen, tokens, station_at, travel
):
    travel(2023, 6, 1, 10)
    station = await station_at("operating")
    sid = station["id"]
    r = await hydrogen.post(f"/stations/{sid}/inspections", headers=tokens["xfj"], json={
        "inspected_on": "2023-06-01", "findings": "消防通道被占用",
        "hazards": [{"description": "消防通道堆放杂物", "deadline": "2023-06-05"}]})
    assert r.status_code == 201 and r.json()["field"] == "fire" and r.json()["department_name"] == "市消防救援支队"
    hazard_id = r.json()["hazard_ids"][0]
    r = await hydrogen.post(f"/stations/{sid}/inspections", headers=tokens["xfj"], json={
        "inspected_on": "2023-06-01", "findings": "x", "third_party_agency": "某安全评价公司"})
    assert r.status_code == 403 and "第十八条" in r.json()["detail"]  # only the gas authority commissions one
    r = await hydrogen.post(f"/stations/{sid}/inspections", headers=tokens["wenfeng"], json={
        "inspected_on": "2023-06-01", "findings": "委托检查", "third_party_agency": "某安全评价公司"})
    assert r.status_code == 201 and r.json()["field"] == "gas"
    assert (await hydrogen.post(f"/stations/{sid}/inspections", headers=tokens["linzhou"], json={
        "inspected_on": "2023-06-01", "findings": "x"})).status_code == 403
    travel(2023, 6, 6, 9)
    overdue = (await hydrogen.get("/hazards", params={"overdue": "true"}, headers=tokens["wenfeng"])).json()
    assert [h["id"] for h in overdue["items"]] == [hazard_id] and overdue["items"][0]["overdue"] is True
    r = await hydrogen.post(f"/hazards/{hazard_id}/response", headers=tokens["operator"], json={"response": "已清理"})
    assert r.json()["status"] == "responded"
    r = await hydrogen.post(f"/hazards/{hazard_id}/reinspection", headers=tokens["scjg"], json={
        "passed": True, "findings": "合格"})
    assert r.status_code == 403  # another department did not find it
    r = await hydrogen.post(f"/hazards/{hazard_id}/reinspection", headers=tokens["xfj"], json={
        "passed": False, "findings": "仍有杂物", "new_deadline": "2023-06-09"})
    assert r.json()["status"] == "open" and r.json()["overdue"] is False
    r = await hydrogen.post(f"/hazards/{hazard_id}/reinspection", headers=tokens["xfj"], json={
        "passed": True, "findings": "合格"})
    assert r.json()["status"] == "closed" and r.json()["closed_on"] == "2023-06-06"
    assert (await hydrogen.get("/hazards", params={"overdue": "true"}, headers=tokens["regulator"])).json()[
        "total"] == 0
    mine = (await hydrogen.get(f"/stations/{sid}/inspections", headers=tokens["xfj"])).json()
    assert mine["total"] == 1  # a department sees its own inspections


async def test_patrols_missed_on_their_schedule_are_flagged(hydrogen, tokens, station_at, travel):
    travel(2023, 6, 1, 10)
    station = await station_at("operating")
    url = f"/stations/{station['id']}/patrol-schedules"
    r = await hydrogen.post(url, headers=tokens["operator"], json={
        "equipment": "压缩机", "interval_days": 2, "starts_on": "2023-06-01"})
    schedule = r.json()
    await hydrogen.post(f"{url}/{schedule['id']}/patrols", headers=tokens["operator"], json={})
    travel(2023, 6, 7, 10)  # periods 06-01, 06-03, 06-05 have ended; only the first had a patrol
    [got] = (await hydrogen.get(url, headers=tokens["wenfeng"])).json()["items"]
    assert got["missed_periods"] == ["2023-06-03", "2023-06-05"] and got["missed"] is True
    assert got["last_patrol_on"] == "2023-06-01"
    r = await hydrogen.post(f"/stations/{station['id']}/self-assessments", headers=tokens["operator"], json={
        "summary": "季度安全评估", "hazards_found": 1, "measures": "更换密封件"})
    assert r.status_code == 201 and r.json()["assessed_on"] == "2023-06-07"


async def test_the_gas_authority_assesses_operators_of_its_area(hydrogen, tokens):
    body = {"operator_code": "91410502MA44QN0296", "operator_name": "安阳氢能示范有限公司", "region": "410502",
            "period": "2023", "result": "qualified", "findings": "合格"}
    assert (await hydrogen.post("/assessments", json=body, headers=tokens["linzhou"])).status_code == 403
    r = await hydrogen.post("/assessments", json=body, headers=tokens["wenfeng"])
    assert r.status_code == 201 and r.json()["result_label"] == "合格" and r.json()["basis"].endswith("第十八条")
    assert (await hydrogen.get("/assessments", headers=tokens["operator"])).json()["total"] == 1


async def test_only_a_competent_department_stops_a_station_which_then_refuses_fills(
    hydrogen, tokens, station_at
):
    station = await station_at("operating")
    sid = station["id"]
    order = {"decision_number": "安消停字〔2023〕1号", "legal_basis": "《中华人民共和国消防法》第五十四条",
             "decided_on": "2023-06-01"}
    for who in ("wenfeng", "operator"):
        r = await hydrogen.post(f"/stations/{sid}/stop-orders", json=order, headers=tokens[who])
        assert r.status_code == 403 and "第二十六条" in r.json()["detail"]
    r = await hydrogen.post(f"/stations/{sid}/stop-orders", json=order, headers=tokens["xfj"])
    assert r.status_code == 201
    assert (await hydrogen.get(f"/stations/{sid}")).json()["status"] == "suspended"
    fill = await hydrogen.post(f"/stations/{sid}/fills", headers=tokens["operator"], json={
        "cylinder_serial": "X", "vin": "LSVAX4180N2000123", "accessories_complete": True,
        "high_pressure_leak": False})
    assert fill.json()["rule"] == "station_not_operating"
    r = await hydrogen.post(f"/stations/{sid}/stop-orders/{r.json()['id']}/lift", headers=tokens["xfj"],
                            json={"lifted_on": "2023-06-02"})
    assert r.json()["active"] is False
    assert (await hydrogen.get(f"/stations/{sid}")).json()["status"] == "operating"


async def test_a_violation_is_referred_to_the_city_management_department(hydrogen, tokens, station_at):
    station = await station_at("operating")
    r = await hydrogen.post("/referrals", headers=tokens["wenfeng"], json={
        "station_id": station["id"], "to_department": "市城管局", "violated_articles": [19], "facts": "未巡检"})
    assert r.status_code == 201 and r.json()["to_department"] == "cgj"
    assert (await hydrogen.get("/referrals", headers=tokens["regulator"])).json()["total"] == 1
    r = await hydrogen.post("/referrals", headers=tokens["operator"], json={
        "station_id": station["id"], "to_department": "cgj", "violated_articles": [19], "facts": "x"})
    assert r.status_code == 403
