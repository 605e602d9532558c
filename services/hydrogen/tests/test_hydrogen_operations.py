"""Quality reports (第十六条), operating records with their retention and the public price list (第十七条)."""

import pytest


async def test_records_are_kept_to_the_end_of_retention_moved_past_national_day(
    hydrogen, tokens, station_at, travel
):
    travel(2023, 10, 1, 10)  # a main-equipment record entered on 2023-10-01: one year ends on 2024-10-01 (国庆)
    station = await station_at("planned")
    url = f"/stations/{station['id']}/records"
    r = await hydrogen.post(url, headers=tokens["operator"], json={"kind": "operation", "summary": "压缩机运行"})
    assert r.status_code == 201 and r.json()["recorded_on"] == "2023-10-01"
    record = r.json()
    assert record["retained_until"] == "2024-10-08"  # 2024-10-01..10-07 off
    travel(2024, 7, 3, 10)  # monitoring: 90 days after 07-03 is 10-01, moved to 10-08 as well
    monitoring = (await hydrogen.post(url, headers=tokens["operator"], json={
        "kind": "monitoring", "summary": "视频监控"})).json()
    assert monitoring["retained_until"] == "2024-10-08"
    travel(2024, 10, 8, 23)
    r = await hydrogen.delete(f"{url}/{record['id']}", headers=tokens["operator"])
    assert r.status_code == 422 and r.json()["rule"] == "inside_retention"
    assert r.json()["facts"]["deletable_from"] == "2024-10-09" and "第十七条" in r.json()["detail"]
    assert (await hydrogen.post(f"{url}/purge", headers=tokens["operator"])).json()["deleted"] == 0
    travel(2024, 10, 9, 0, 30)
    assert (await hydrogen.delete(f"{url}/{record['id']}", headers=tokens["regulator"])).status_code == 403
    assert (await hydrogen.delete(f"{url}/{record['id']}", headers=tokens["operator"])).status_code == 204
    assert (await hydrogen.post(f"{url}/purge", headers=tokens["operator"])).json()["deleted"] == 1  # monitoring
    assert (await hydrogen.get(url, headers=tokens["wenfeng"])).json()["total"] == 0


async def test_a_price_record_needs_a_price_and_only_it(hydrogen, tokens, station_at):
    station = await station_at("planned")
    url = f"/stations/{station['id']}/records"
    r = await hydrogen.post(url, headers=tokens["operator"], json={"kind": "posted_price", "summary": "x"})
    assert r.status_code == 422
    r = await hydrogen.post(url, headers=tokens["operator"], json={"kind": "fault", "summary": "x",
                                                                   "price_fen_per_kg": 3000})
    assert r.status_code == 422


@pytest.mark.parametrize(("months_ago", "stale"), [(2, False), (4, True)])
async def test_the_public_sees_operating_stations_with_prices_and_quality(
    hydrogen, tokens, station_at, travel, months_ago, stale
):
    travel(2023, 6, 15, 10)
    station = await station_at("operating")
    sid = station["id"]
    tested = f"2023-{6 - months_ago:02d}-10"
    r = await hydrogen.post(f"/stations/{sid}/quality-reports", headers=tokens["operator"], json={
        "source": "third_party", "issuer": "检测院", "report_number": "Q-1", "tested_on": tested, "conforms": True})
    assert r.status_code == 201 and r.json()["source_label"] == "第三方检测机构检测报告"
    await hydrogen.post(f"/stations/{sid}/records", headers=tokens["operator"], json={
        "kind": "posted_price", "summary": "挂牌", "price_fen_per_kg": 3500})
    await station_at("verified")  # not operating: not public
    listed = (await hydrogen.get("/stations")).json()
    assert listed["total"] == 1
    item = listed["items"][0]
    assert item["posted_price_fen_per_kg"] == 3500 and item["quality"]["stale"] is stale
    assert item["quality"]["latest_third_party"] == tested
    reports = (await hydrogen.get(f"/stations/{sid}/quality-reports")).json()
    assert reports["total"] == 1
    prices = (await hydrogen.get("/prices")).json()
    assert [(p["station_id"], p["price_fen_per_kg"]) for p in prices["items"]] == [(sid, 3500)]


async def test_the_price_list_runs_across_stations_cheapest_first(hydrogen, tokens, station_at):
    a, b = await station_at("operating"), await station_at("operating")
    for station, price in ((a, 3800), (b, 3200)):
        await hydrogen.post(f"/stations/{station['id']}/records", headers=tokens["operator"], json={
            "kind": "posted_price", "summary": "挂牌", "price_fen_per_kg": price})
    prices = (await hydrogen.get("/prices", params={"region": "410502"})).json()
    assert [p["price_fen_per_kg"] for p in prices["items"]] == [3200, 3800]
    assert (await hydrogen.post(f"/stations/{a['id']}/quality-reports", headers=tokens["other_operator"], json={
        "source": "producer", "issuer": "x", "report_number": "1", "tested_on": "2023-01-01", "conforms": True})
            ).status_code == 403
