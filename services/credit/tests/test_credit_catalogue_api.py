"""The versioned public credit information catalogue: versions, checks at report time, coverage gaps."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_s = importlib.util.spec_from_file_location(
    "credit_a_helpers", Path(__file__).with_name("credit_a_helpers.py")
)
h = sys.modules.get("credit_a_helpers") or importlib.util.module_from_spec(_s)
if "credit_a_helpers" not in sys.modules:
    sys.modules["credit_a_helpers"] = h
    _s.loader.exec_module(h)

V1 = {"valid_from": "2023-02-18", "title": "目录2023", "entries": [
    {"department": "scjg", "category": "administrative_penalty", "fields": ["severity", "punishment_type"]},
    {"department": "scjg", "category": "administrative_license", "fields": ["title"]},
    {"department": "sw", "category": "tax", "fields": [], "frequency": "monthly"}]}


async def test_versions_are_published_by_the_credit_lead_and_readable_without_login(credit):
    assert (await credit.post("/catalogue/versions", headers=h.SCJG, json=V1)).status_code == 403
    r = await credit.post("/catalogue/versions", headers=h.FGW, json=V1)
    assert r.status_code == 201 and r.json()["version"] == 1
    v2 = V1 | {"valid_from": "2024-01-01", "title": "目录2024", "entries": V1["entries"][:1]}
    assert (await credit.post("/catalogue/versions", headers=h.FGW, json=v2)).json()["version"] == 2
    stale = await credit.post("/catalogue/versions", headers=h.FGW, json=V1 | {"valid_from": "2023-12-31"})
    assert stale.status_code == 422
    on_2023 = (await credit.get("/catalogue", params={"on": "2023-12-31"})).json()
    assert on_2023["version"] == 1 and len(on_2023["entries"]) == 3
    assert (on_2023["entries"][2]["frequency"], on_2023["entries"][2]["frequency_label"]) == ("monthly", "每月")
    assert (await credit.get("/catalogue", params={"on": "2024-01-01"})).json()["version"] == 2
    assert (await credit.get("/catalogue", params={"on": "2023-01-01"})).status_code == 404
    assert (await credit.get("/catalogue/versions")).json()["total"] == 2


async def test_reports_are_checked_against_the_catalogue(credit):
    await credit.post("/catalogue/versions", headers=h.FGW, json=V1)
    r = await h.report(credit, [
        h.rec("目录-1", category="administrative_penalty"),
        h.rec("目录-2", category="administrative_penalty", fields={"punishment_type": "罚款"}),
        h.rec("目录-3", category="administrative_inspection")])
    first, second, third = r.json()["results"]
    assert first["status"] == "invalid"
    assert first["errors"][0] == {"field": "fields.punishment_type", "code": "catalogue_field_missing",
                                  "message": "公共信用信息目录要求报送“punishment_type”",
                                  "basis": "安政〔2023〕2号 三（三） (定期更新发布安阳市公共信用信息目录)"}
    assert second["status"] == "created"
    assert third["status"] == "created" and third["warnings"][0]["code"] == "not_in_catalogue"


async def test_coverage_shows_each_departments_gaps(credit):
    await credit.post("/catalogue/versions", headers=h.FGW, json=V1)
    await h.report_one(credit, h.rec("覆盖-1", decided="2023-03-06"))
    await h.report_one(credit, h.rec("覆盖-2", decided="2023-05-06"))  # outside the period
    params = {"from": "2023-03-01", "to": "2023-03-31"}
    own = (await credit.get("/catalogue/coverage", params=params, headers=h.SCJG)).json()
    assert [d["department"] for d in own["departments"]] == ["scjg"]
    scjg = own["departments"][0]
    assert scjg["counts"] == {"administrative_license": 1, "administrative_penalty": 0}
    assert scjg["gaps"] == [{"category": "administrative_penalty", "category_label": "行政处罚",
                             "frequency": "realtime", "frequency_label": "实时（作出决定后7个工作日内）",
                             "missing_periods": [{"period_from": "2023-03-01", "period_to": "2023-03-31"}]}]
    assert not scjg["complete"]
    everyone = (await credit.get("/catalogue/coverage", params=params, headers=h.FGW)).json()
    assert [d["department"] for d in everyone["departments"]] == ["scjg", "sw"]
    assert everyone["departments"][1]["gaps"][0]["category"] == "tax"
    assert (await credit.get("/catalogue/coverage", params=params | {"department": "sw"},
                             headers=h.SCJG)).status_code == 403


async def test_coverage_counts_the_catalogues_frequency(credit):
    """#10 item 10: a monthly item reported in March only has a gap in April (one record in the period is
    not enough)."""
    await credit.post("/catalogue/versions", headers=h.FGW, json=V1)
    await h.report_one(credit, h.rec("税-1", category="tax", decided="2023-03-10"), headers=h.SW)
    params = {"from": "2023-03-01", "to": "2023-04-30", "department": "sw"}
    sw = (await credit.get("/catalogue/coverage", params=params, headers=h.FGW)).json()["departments"][0]
    assert sw["counts"] == {"tax": 1} and not sw["complete"]
    assert sw["gaps"][0]["frequency"] == "monthly"
    assert sw["gaps"][0]["missing_periods"] == [{"period_from": "2023-04-01", "period_to": "2023-04-30"}]
    march = (await credit.get("/catalogue/coverage", params=params | {"to": "2023-03-31"}, headers=h.FGW)).json()
    assert march["departments"][0]["complete"] is True
    too_long = await credit.get("/catalogue/coverage", params=params | {"to": "2024-04-30"}, headers=h.FGW)
    assert too_long.status_code == 422 and too_long.headers["content-type"].startswith("application/problem+json")
