"""Emergency plans and drills with the half-year rule (第二十三条) and public reports (举报, 第二十四条)."""


async def test_a_half_year_without_a_drill_is_flagged_and_the_current_one_is_due(
    hydrogen, tokens, station_at, travel
):
    travel(2023, 3, 1, 10)
    station = await station_at("operating")  # opened 2023-03-01
    url = f"/stations/{station['id']}/drills"
    r = await hydrogen.post(f"/stations/{station['id']}/emergency-plans", headers=tokens["operator"], json={
        "title": "氢气泄漏应急预案"})
    assert r.status_code == 201 and r.json()["filed_on"] == "2023-03-01"
    status = (await hydrogen.get(url, headers=tokens["operator"])).json()
    assert status["current_due"] is True and status["missed"] == 0
    travel(2023, 6, 30, 10)
    assert (await hydrogen.post(url, headers=tokens["operator"], json={
        "drilled_on": "2023-06-30", "scenario": "泄漏处置"})).status_code == 201
    travel(2024, 1, 1, 9)  # 2023 second half ended without a drill
    status = (await hydrogen.get(url, headers=tokens["wenfeng"])).json()
    assert [(h["label"], h["status"]) for h in status["half_years"]] == [
        ("2023年上半年", "done"), ("2023年下半年", "missed"), ("2024年上半年", "due")]
    assert status["missed"] == 1 and status["current_due"] is True and "第二十三条" in status["basis"]
    r = await hydrogen.post(url, headers=tokens["operator"], json={"drilled_on": "2024-01-02", "scenario": "x"})
    assert r.status_code == 422  # not in the future


async def test_anyone_reports_damage_and_the_area_authority_handles_it(hydrogen, tokens, station_at):
    station = await station_at("operating")
    r = await hydrogen.post("/reports", json={"station_id": station["id"], "location": "东侧围墙",
                                              "description": "有人涂改安全警示标志", "contact": "13800000000"})
    assert r.status_code == 201 and "contact" not in r.json() and r.json()["region"] == "410502"
    rid = r.json()["id"]
    assert (await hydrogen.post("/reports", json={"location": "x", "description": "y"})).status_code == 422
    assert (await hydrogen.get("/reports", headers=tokens["linzhou"])).json()["total"] == 0
    r = await hydrogen.post(f"/reports/{rid}/handling", headers=tokens["linzhou"], json={"handling": "x"})
    assert r.status_code == 403
    r = await hydrogen.post(f"/reports/{rid}/handling", headers=tokens["wenfeng"], json={"handling": "已恢复标志"})
    assert r.json()["status"] == "handled"
    assert "13800000000" not in (await hydrogen.get(f"/reports/{rid}", headers=tokens["wenfeng"])).text
