"""双随机、一公开 draws through HTTP: pools, joint draws, reproducibility, publication."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

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


async def test_draw_with_a_seed_is_reproducible_and_published(credit):
    await _setup(credit)
    body = {"ratios": {"B": 0.25}, "seed": 42, "regions": ["410502"]}
    r = await credit.post("/draws", json=body, headers=h.dept("scjg"))
    assert r.status_code == 201, r.text
    d = r.json()
    counts = {c["grade"]: c for c in d["result"]["counts"]}
    assert counts["B"]["population"] == 10 and counts["B"]["drawn"] == 3  # ceil(0.25 × 10)
    assert all(len(i["inspectors"]["scjg"]) == 2 for i in d["result"]["inspections"])
    again = (await credit.post("/draws", json=body, headers=h.dept("scjg"))).json()
    assert again["result"]["inspections"] == d["result"]["inspections"]
    verify = (await credit.get(f"/draws/{d['id']}/verify")).json()
    assert verify["reproduced"] is True and verify["seed"] == "42"
    public = await credit.get(f"/draws/{d['id']}")  # no login: 一公开
    assert public.status_code == 200 and public.json()["result"]["seed"] == "42"


async def test_default_ratio_for_b_is_five_percent(credit):
    await _setup(credit)
    d = (await credit.post("/draws", json={"seed": 1}, headers=h.dept("scjg"))).json()
    b = next(c for c in d["result"]["counts"] if c["grade"] == "B")
    assert b["ratio"] == "0.05" and b["population"] == 20 and b["drawn"] == 1


async def test_joint_draw_needs_an_item_of_the_joint_list_covering_the_departments(credit):
    await _setup(credit)
    joint = {"departments": ["scjg", "sthj"], "seed": 7, "ratios": {"B": 0.1}}
    r = await credit.post("/draws", json=joint, headers=h.dept("scjg"))
    assert r.status_code == 422 and r.json()["type"].endswith("joint_item_required")
    item = {"code": "JM-001", "name": "排污企业联合检查", "departments": ["scjg", "sthj"]}
    assert (await credit.post("/draws/joint-items", json=item, headers=h.dept("scjg"))).status_code == 403
    assert (await credit.post("/draws/joint-items", json=item, headers=h.FGW)).status_code == 201
    r = await credit.post("/draws", json=joint | {"joint_item_code": "JM-001"}, headers=h.dept("scjg"))
    assert r.status_code == 201
    insp = r.json()["result"]["inspections"][0]["inspectors"]
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
    r = await credit.post("/draws", json={"seed": 1}, headers=h.dept("scjg"))
    assert r.status_code == 422 and r.json()["type"].endswith("/pool-too-small")


async def test_a_ratio_for_an_unknown_grade_or_outside_0_to_1_is_a_422_naming_the_field(credit):
    await _setup(credit, n=2)
    unknown = await credit.post("/draws", json={"ratios": {"E": 0.5}}, headers=h.dept("scjg"))
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "ratios.E.[key]"
    too_big = await credit.post("/draws", json={"ratios": {"A": 1.5}}, headers=h.dept("scjg"))
    assert too_big.status_code == 422 and too_big.json()["errors"][0]["field"] == "ratios.A"
    assert "1" in too_big.json()["errors"][0]["message"]
