"""Cylinder registrations by market regulation and fill authorisation at the station, each refusal naming
its rule (第四条（六）、第七条、第十三条、第十五条、第二十一条)."""

import pytest

VIN, OTHER_VIN = "LSVAX4180N2000123", "LSVAX4180N2000999"
CYL = {"serial": "CYL-1", "vin": VIN, "certificate_number": "容3LA豫E001", "valid_until": "2099-12-31",
       "next_inspection_on": "2099-06-30"}
FILL = {"cylinder_serial": "CYL-1", "vin": VIN, "accessories_complete": True, "high_pressure_leak": False, "kg": 5}


@pytest.fixture
async def registered(hydrogen, tokens):
    r = await hydrogen.post("/cylinders", json=CYL, headers=tokens["scjg"])
    assert r.status_code == 201, r.text
    return r.json()


async def test_only_market_regulation_registers_cylinders(hydrogen, tokens):
    for who in ("operator", "regulator", "wenfeng"):
        r = await hydrogen.post("/cylinders", json=CYL, headers=tokens[who])
        assert r.status_code == 403 and "第四条（六）" in r.json()["detail"], who
    r = await hydrogen.post("/cylinders/import", headers=tokens["scjg"], json={"items": [
        CYL, CYL | {"serial": "CYL-2", "vin": OTHER_VIN}]})
    assert r.json() == {"created": 2, "updated": 0}
    r = await hydrogen.post("/cylinders/import", headers=tokens["scjg"], json={"items": [
        CYL | {"next_inspection_on": "2098-01-01"}]})
    assert r.json() == {"created": 0, "updated": 1}
    got = (await hydrogen.get("/cylinders/CYL-1", headers=tokens["regulator"])).json()
    assert got["next_inspection_on"] == "2098-01-01" and got["source"] == "imported"
    r = await hydrogen.post("/cylinders", json=CYL | {"vin": "LSVAX4180N200012O"}, headers=tokens["scjg"])
    assert r.status_code == 422  # a VIN has no I, O or Q


async def test_an_authorised_fill_is_recorded_and_traceable(hydrogen, tokens, station_at, registered):
    station = await station_at("operating")
    r = await hydrogen.post(f"/stations/{station['id']}/fills", json=FILL, headers=tokens["operator"])
    assert r.status_code == 201, r.text
    assert r.json()["authorised"] is True and r.json()["certificate_number"] == "容3LA豫E001"
    per_station = (await hydrogen.get(f"/stations/{station['id']}/fills", headers=tokens["wenfeng"])).json()
    per_cylinder = (await hydrogen.get("/cylinders/CYL-1/fills", headers=tokens["scjg"])).json()
    assert per_station["total"] == per_cylinder["total"] == 1
    assert per_station["items"][0]["id"] == per_cylinder["items"][0]["id"] == r.json()["id"]
    assert (await hydrogen.get("/cylinders/CYL-1/fills", headers=tokens["other_operator"])).json()["total"] == 0
    r = await hydrogen.post(f"/stations/{station['id']}/fills", json=FILL, headers=tokens["other_operator"])
    assert r.status_code == 403


@pytest.mark.parametrize(("change", "cylinder", "rule", "article"), [
    ({"target": "other_container"}, {}, "not_vehicle_cylinder", "第十五条"),
    ({"cylinder_serial": "CYL-UNKNOWN"}, {}, "unregistered_cylinder", "第二十一条"),
    ({"vin": OTHER_VIN}, {}, "registration_mismatch", "第十五条"),
    ({}, {"valid_until": "2023-01-01"}, "registration_expired", "第十五条"),
    ({"accessories_complete": False}, {}, "accessories_missing", "第二十一条"),
    ({"high_pressure_leak": True}, {}, "high_pressure_leak", "第二十一条"),
    ({}, {"next_inspection_on": "2023-01-01"}, "inspection_overdue", "TSG 23-2021"),
])
async def test_each_refusal_names_its_rule_and_records_no_fill(
    hydrogen, tokens, station_at, change, cylinder, rule, article
):
    await hydrogen.post("/cylinders", json=CYL | cylinder, headers=tokens["scjg"])
    station = await station_at("operating")
    r = await hydrogen.post(f"/stations/{station['id']}/fills", json=FILL | change, headers=tokens["operator"])
    assert r.status_code == 422 and r.json()["rule"] == rule and article in r.json()["basis"]
    assert article.split("；")[0] in r.json()["detail"]
    assert (await hydrogen.get(f"/stations/{station['id']}/fills", headers=tokens["operator"])).json()["total"] == 0


async def test_a_station_not_operating_refuses_every_fill(hydrogen, tokens, station_at, registered):
    station = await station_at("verified")
    r = await hydrogen.post(f"/stations/{station['id']}/fills", json=FILL, headers=tokens["operator"])
    assert r.status_code == 422 and r.json()["rule"] == "station_not_operating" and "第十三条" in r.json()["basis"]
