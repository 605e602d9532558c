"""双随机、一公开 draws through HTTP: pools, joint draws, a seed the caller cannot choose (committed, revealed with
the results), targets public once their result is recorded, frequency per grade, market entities only."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

from govkit.clock import business_date
from govkit.ids import make_uscc

_p = Path(__file__).with_name("credit_b_helpers.py")
h = sys.modules.get("credit_b_helpers")
if h is None:
    _s = importlib.util.spec_from_file_location("credit_b_helpers", _p)
    h = importlib.util.module_from_spec(_s)
    sys.modules["credit_b_helpers"] = h
    _s.loader.exec_module(h)


async def _setup(c, n=20):
    for i in range(n):
        await h.add_subject(c.app, make_uscc(f"91410500MA45D{i:04d}"), region="410502" if i % 2 else "410503")
    for d in ("scjg", "sthj"):
        r = await c.put(
            f"/draws/pools/{d}",
            headers=h.dept(d),
            json={"inspectors": [{"inspector_id": f"{d}-{k}", "name": f"检查员{k}"} for k in range(4)]},
        )
        assert r.status_code == 200, r.text


async def test_the_service_draws_the_seed_and_reveals_it_with_the_results(credit):
    await _setup(credit)
    seeded = await credit.post("/draws", json={"seed": 42}, headers=h.dept("scjg"))
    assert seeded.status_code == 422 and "seed" in seeded.json()["errors"][0]["message"]
    r = await credit.post("/draws", json={"ratios": {"B": 0.25}, "regions": ["410502"]}, headers=h.dept("scjg"))
    assert r.status_code == 201, r.text
    d = r.json()
    counts = {c["grade"]: c for c in d["counts"]}
    assert counts["B"]["population"] == 10 and counts["B"]["drawn"] == 3  # ceil(0.25 × 10)
    assert d["seed"] is None and len(d["seed_commitment"]) == 64 and d["revealed"] is False
    assert len(d["inspections"]) == 3 and all(len(i["inspectors"]["scjg"]) == 2 for i in d["inspections"])
    public = (await credit.get(f"/draws/{d['id']}")).json()  # no login: counts, commitment, no target yet
    assert public["inspections"] == [] and public["seed"] is None and public["inspections_drawn"] == 3
    assert (await credit.get(f"/draws/{d['id']}/verify")).status_code == 409

    today = business_date().isoformat()
    first, *rest = [i["entity_code"] for i in d["inspections"]]
    result = {"entity_code": first, "outcome": "no_problem", "inspected_on": today}
    assert (await credit.post(f"/draws/{d['id']}/results", json=result, headers=h.dept("sthj"))).status_code == 403
    early = result | {"inspected_on": "2023-01-01"}
    assert (await credit.post(f"/draws/{d['id']}/results", json=early, headers=h.dept("scjg"))).status_code == 422
    r = await credit.post(f"/draws/{d['id']}/results", json=result, headers=h.dept("scjg"))
    assert r.status_code == 201, r.text
    assert (await credit.post(f"/draws/{d['id']}/results", json=result, headers=h.dept("scjg"))).status_code == 409
    public = (await credit.get(f"/draws/{d['id']}")).json()
    assert [i["entity_code"] for i in public["inspections"]] == [first] and public["seed"] is None
    assert public["inspections"][0]["result"]["outcome_label"] == "未发现问题"
    for code in rest:
        await credit.post(f"/draws/{d['id']}/results", json=result | {"entity_code": code}, headers=h.dept("scjg"))
    public = (await credit.get(f"/draws/{d['id']}")).json()
    assert public["revealed"] and len(public["inspections"]) == 3
    assert hashlib.sha256(public["seed"].encode()).hexdigest() == public["seed_commitment"]
    verify = (await credit.get(f"/draws/{d['id']}/verify")).json()
    assert verify["reproduced"] is True and verify["commitment_matches"] is True


async def test_default_ratio_for_b_is_five_percent(credit):
    await _setup(credit)
    d = (await credit.post("/draws", json={}, headers=h.dept("scjg"))).json()
    b = next(c for c in d["counts"] if c["grade"] == "B")
    assert b["ratio"] == "0.05" and b["population"] == 20 and b["drawn"] == 1


async def test_an_entity_is_drawn_no_more_often_than_its_grade_allows_in_a_year(credit):
    await _setup(credit, n=4)
    every = {"ratios": {"B": 1}}
    for _ in range(2):  # B: twice a year (credit.draw.frequency_per_year.B)
        b = next(c for c in (await credit.post("/draws", json=every, headers=h.dept("scjg"))).json()["counts"]
                 if c["grade"] == "B")
        assert (b["drawn"], b["left_out"], b["frequency_per_year"]) == (4, 0, 2)
    third = (await credit.post("/draws", json=every, headers=h.dept("scjg"))).json()
    b = next(c for c in third["counts"] if c["grade"] == "B")
    assert (b["population"], b["drawn"], b["left_out"]) == (0, 0, 4) and third["inspections"] == []


async def test_only_market_entities_are_drawn(credit):
    await _setup(credit, n=2)
    await h.add_subject(credit.app, make_uscc("11410500MB45D0001"))  # a government body (机关)
    await h.add_subject(credit.app, make_uscc("12410500MB45D0001"))  # a public institution (事业单位)
    d = (await credit.post("/draws", json={"ratios": {"B": 1}}, headers=h.dept("scjg"))).json()
    assert sorted(i["entity_code"][:2] for i in d["inspections"]) == ["91", "91"]
    bodies = await credit.post("/draws", json={"kinds": ["government_body"]}, headers=h.dept("scjg"))
    assert bodies.status_code == 422 and bodies.json()["type"].endswith("not_market_entity")


async def test_joint_draw_needs_an_item_of_the_joint_list_covering_the_departments(credit):
    await _setup(credit)
    joint = {"departments": ["scjg", "sthj"], "ratios": {"B": 0.1}}
    r = await credit.post("/draws", json=joint, headers=h.dept("scjg"))
    assert r.status_code == 422 and r.json()["type"].endswith("joint_item_required")
    item = {"code": "JM-001", "name": "排污企业联合检查", "departments": ["scjg", "sthj"]}
    assert (await credit.post("/draws/joint-items", json=item, headers=h.dept("scjg"))).status_code == 403
    assert (await credit.post("/draws/joint-items", json=item, headers=h.FGW)).status_code == 201
    r = await credit.post("/draws", json=joint | {"joint_item_code": "JM-001"}, headers=h.dept("scjg"))
    assert r.status_code == 201
    insp = r.json()["inspections"][0]["inspectors"]
    assert set(insp) == {"scjg", "sthj"}
    outside = joint | {"departments": ["scjg", "sthj", "sw"], "joint_item_code": "JM-001"}
    assert (await credit.post("/draws", json=outside, headers=h.dept("scjg"))).status_code == 422


async def test_a_department_manages_only_its_own_pool(credit):
    r = await credit.put(
        "/draws/pools/sthj",
        headers=h.dept("scjg"),
        json={"inspectors": [{"inspector_id": "x", "name": "某"}]},
    )
    assert r.status_code == 403


async def test_pool_smaller_than_needed_is_refused(credit):
    await h.add_subject(credit.app, h.ENT)
    await credit.put(
        "/draws/pools/scjg",
        headers=h.dept("scjg"),
        json={"inspectors": [{"inspector_id": "only", "name": "一人"}]},
    )
    r = await credit.post("/draws", json={}, headers=h.dept("scjg"))
    assert r.status_code == 422 and r.json()["type"].endswith("/pool-too-small")


async def test_a_ratio_for_an_unknown_grade_or_outside_0_to_1_is_a_422_naming_the_field(credit):
    await _setup(credit, n=2)
    unknown = await credit.post("/draws", json={"ratios": {"E": 0.5}}, headers=h.dept("scjg"))
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "ratios.E.[key]"
    too_big = await credit.post("/draws", json={"ratios": {"A": 1.5}}, headers=h.dept("scjg"))
    assert too_big.status_code == 422 and too_big.json()["errors"][0]["field"] == "ratios.A"
    assert "1" in too_big.json()["errors"][0]["message"]
