"""Issue #10 item 9: draws that cannot be steered — probed through the gateway. The caller chose the seed (the
same seed, the same selection: seeds could be tried offline), targets were public the moment they were drawn,
no frequency per grade, government bodies in the population. Now the service draws the seed and publishes its
commitment, reveals it with the results; a target is public once its result is recorded; an entity is drawn no
more often in a year than its grade allows; market entities only."""

from __future__ import annotations

import hashlib
import uuid

from govkit.clock import business_date
from govkit.ids import make_uscc


def test_a_draw_cannot_be_steered_and_its_targets_are_public_once_inspected(platform):
    gw, scjg, fgw = platform.client, platform.auth("dept-scjg"), platform.auth("dept-fgw")
    industry = f"抽查{uuid.uuid4().hex[:8]}"  # this test's own population on the shared platform
    for i in range(3):
        code = make_uscc(f"91410502MA{uuid.uuid4().hex[:7].upper()}")
        r = gw.post("/credit/subjects", headers=scjg, json={"code": code, "name": f"抽查示范{i}有限公司",
                                                           "industry": industry})
        assert r.status_code == 200, r.text
    agency = make_uscc(f"11410500MB{uuid.uuid4().hex[:7].upper()}")
    body = gw.post("/credit/subjects", headers=fgw, json={"code": agency, "name": "抽查示范局", "industry": industry})
    assert body.status_code == 200 and body.json()["kind"] == "government_body", body.text
    pool = {"inspectors": [{"inspector_id": f"scjg-gw-{k}", "name": f"检查员{k}"} for k in range(3)]}
    assert gw.put("/credit/draws/pools/scjg", headers=scjg, json=pool).status_code == 200

    # the probe: a caller's seed is refused, so seeds cannot be tried offline
    steered = gw.post("/credit/draws", headers=scjg, json={"seed": 42, "industries": [industry]})
    assert steered.status_code == 422 and steered.headers["content-type"].startswith("application/problem+json")
    assert gw.post("/credit/draws", headers=scjg, json={"industries": [industry],
                                                       "kinds": ["government_body"]}).status_code == 422
    every = {"industries": [industry], "ratios": {"A": 1, "B": 1, "C": 1, "D": 1}}
    r = gw.post("/credit/draws", headers=scjg, json=every)
    assert r.status_code == 201, r.text
    drawn = r.json()
    codes = sorted(i["entity_code"] for i in drawn["inspections"])
    assert len(codes) == 3 and all(c.startswith("91") for c in codes)  # market entities only: no 机关
    assert drawn["seed"] is None and len(drawn["seed_commitment"]) == 64

    # public (no login): counts and commitment; no target until its result is recorded
    public = gw.get(f"/credit/draws/{drawn['id']}").json()
    assert public["inspections"] == [] and public["inspections_drawn"] == 3 and public["seed"] is None
    assert gw.get(f"/credit/draws/{drawn['id']}/verify").status_code == 409
    today = business_date().isoformat()
    for code in codes:
        r = gw.post(f"/credit/draws/{drawn['id']}/results", headers=scjg,
                    json={"entity_code": code, "outcome": "no_problem", "inspected_on": today})
        assert r.status_code == 201, r.text
        if code != codes[-1]:
            shown = gw.get(f"/credit/draws/{drawn['id']}").json()
            assert code in {i["entity_code"] for i in shown["inspections"]} and shown["seed"] is None
    done = gw.get(f"/credit/draws/{drawn['id']}").json()
    assert done["revealed"] and hashlib.sha256(done["seed"].encode()).hexdigest() == done["seed_commitment"]
    verified = gw.get(f"/credit/draws/{drawn['id']}/verify").json()
    assert verified["reproduced"] is True and verified["commitment_matches"] is True

    # frequency per grade: a B entity twice a year — the third draw in a year leaves them out
    assert gw.post("/credit/draws", headers=scjg, json=every).status_code == 201
    third = gw.post("/credit/draws", headers=scjg, json=every).json()
    assert third["inspections"] == [] and sum(c["left_out"] for c in third["counts"]) == 3
