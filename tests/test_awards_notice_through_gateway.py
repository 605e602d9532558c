"""Issue #8: the awards public notice as people read it, through the gateway on the demo platform (spec awards.md,
Public notice; 安政办〔2023〕4号 第二十条, 第二十四条): totals shown to 2 decimals with the exact figure beside, one
name per state, and the demo's 较大 hydrogen accident marking its operator's entry as under review with its basis."""

from __future__ import annotations

import re
import time

DEMO2 = "91410502MA44QN0296"  # ent-demo2, operator of the demo station with the 2023 较大 accident


def _notice(gw) -> dict:
    rounds = gw.get("/awards/rounds", params={"year": 2023, "category": "top10"}).json()["items"]
    r = gw.get(f"/awards/rounds/{rounds[0]['id']}/notice")
    assert r.status_code == 200, r.text
    return r.json()


def test_the_notice_shows_display_totals_labelled_states_and_an_under_review_mark_with_its_basis(demo_platform):
    gw = demo_platform.client
    deadline = time.monotonic() + 30
    while True:  # the accident reaches awards as an event (hydrogen.accident.reported)
        notice = _notice(gw)
        mine = next(e for e in notice["entries"] if e["entity_code"] == DEMO2)
        if any(m["kind"] == "under_review" for m in mine["marks"]) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert (notice["state"], notice["state_label"], notice["places"]) == ("public_notice", "公开公示", 10)
    for e in notice["entries"]:
        assert e["status_label"] == {"active": "参评中", "disqualified": "已取消参评资格"}[e["status"]]
        if e["total"] is not None:
            assert re.fullmatch(r"\d+\.\d{2}", e["total"]) and abs(float(e["total"]) - e["total_exact"]) <= 0.005
    review = next(m for m in mine["marks"] if m["kind"] == "under_review")
    assert review["kind_label"].startswith("调查中") and review["basis"].endswith("第二十四条")
    assert "调查中" in review["reason"] and review["ref"]
    english = gw.get(f"/awards/rounds/{notice['round_id']}/notice", headers={"Accept-Language": "en"}).json()
    mine_en = next(e for e in english["entries"] if e["entity_code"] == DEMO2)
    assert "under investigation" in next(m for m in mine_en["marks"] if m["kind"] == "under_review")["reason"]
