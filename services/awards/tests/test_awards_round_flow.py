"""A whole top10 round through the API: guarded procedure, reviews, hand-computed scores, public notice,
objections, publication, honours and revocation (安政办〔2023〕4号 第三条, 第十条, 第十五条–第二十五条)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date, time
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("awards_flow", Path(__file__).with_name("awards_flow.py"))
flow = importlib.util.module_from_spec(_spec)
sys.modules["awards_flow"] = flow
_spec.loader.exec_module(flow)

OFFICE, ENT1, ENT2, ENT3 = flow.OFFICE, flow.ENT1, flow.ENT2, flow.ENT3


def points(score: dict) -> dict:
    return {i["indicator"]: pytest.approx(i["points"], abs=1e-9) for i in score["indicators"]}


async def test_steps_are_guarded_and_refusals_name_the_article(awards):
    rnd = await flow.new_round(awards)
    rid = rnd["id"]
    body = (await flow.step(awards, rid, "county_review", "2023-02-02", expect=422))
    assert "第十五条" in body["basis"] or "第十六条" in body["basis"]
    assert "applications_open" in body["detail"] or "推荐申报" in body["detail"]
    await flow.step(awards, rid, "applications_open", "2023-02-01")
    # 第十六条: not before the deadline has passed (the deadline day itself still belongs to applicants)
    body = await flow.step(awards, rid, "county_review", flow.DEADLINE, expect=422)
    assert body["basis"].endswith("第十六条")
    await flow.step(awards, rid, "county_review", "2023-04-01")
    assert (await awards.post(f"/rounds/{rid}/transitions", json={"to": "department_review"},
                              headers=flow.TJJ)).status_code == 403
    dup = await awards.post("/rounds", json={"year": 2022, "category": "top10", "announced_on": "2023-02-01",
                                             "application_deadline": "2023-03-31"}, headers=OFFICE)
    assert dup.status_code == 409 and "第十二条" in dup.json()["detail"]
    history = (await awards.get(f"/rounds/{rid}/transitions")).json()["items"]
    assert [h["to_state"] for h in history] == ["applications_open", "county_review"]
    assert history[1]["facts"]["application_deadline"] == "2023-03-31"


async def test_public_conditions_show_thresholds_and_weights(awards):
    rnd = await flow.new_round(awards)
    body = (await awards.get(f"/rounds/{rnd['id']}")).json()
    cond = body["conditions"]
    assert {t["name"]: t["value"] for t in cond["thresholds"]} == {"awards.top10.min_revenue": 500000000,
                                                                 "awards.top10.min_tax": 20000000}
    assert sum(i["weight"] for i in cond["indicators"]) == 100
    assert body["state_label"] == "公开申报条件"


async def test_a_county_reviews_only_its_own_region(awards):
    rnd, apps = await flow.top10_applied(awards)
    await flow.step(awards, rnd["id"], "county_review", "2023-04-03")
    r = await awards.post(f"/applications/{apps['B']['id']}/county-review",
                          json={"decision": "approved", "opinion": "同意"}, headers=flow.LINZHOU)
    assert r.status_code == 403
    r = await awards.post(f"/applications/{apps['C']['id']}/county-review",
                          json={"decision": "approved", "opinion": "同意"}, headers=flow.LINZHOU)
    assert r.status_code == 200 and r.json()["county_decision_label"] == "审核通过"
    # department review waits for every county decision (第十六条)
    body = await flow.step(awards, rnd["id"], "department_review", "2023-04-10", expect=422)
    assert body["facts"]["pending_county_reviews"] == 2


async def test_top10_scores_by_hand_with_explanation_and_enterprise_sees_only_its_own(awards):
    rnd, apps = await flow.top10_applied(awards)
    await flow.through_reviews(awards, rnd, apps)
    a_id = apps["A"]["id"]
    mine = (await awards.get(f"/applications/{a_id}/score", headers=flow.ent(ENT1))).json()
    assert mine["rank"] == 1 and mine["total"] == pytest.approx(85)
    # revenue 6..10亿, value added 1..3亿, tax 2000..5000万, R&D ratio 1%..5%, productivity 20..40万
    assert points(mine) == {"revenue": 20, "value_added": 20, "tax": 20, "rd_ratio": 10, "labour_productivity": 5,
                            "core_competitiveness": 10}
    rd = next(i for i in mine["indicators"] if i["indicator"] == "rd_ratio")
    assert rd["formula"] == "rd_expense / revenue" and rd["raw"] == pytest.approx(0.03)
    assert (rd["min"], rd["max"]) == (pytest.approx(0.01), pytest.approx(0.05))
    assert rd["normalised"] == pytest.approx(0.5) and rd["inputs"] == {"rd_expense": "30000000",
                                                                         "revenue": "1000000000"}
    core = next(i for i in mine["indicators"] if i["indicator"] == "core_competitiveness")
    assert core["raw"] == 10 and core["inputs"] == {"listed_company": 6, "national_little_giant": 5}  # capped
    scores = (await awards.get(f"/rounds/{rnd['id']}/scores", headers=flow.TJJ)).json()
    totals = {s["application_id"]: s["total"] for s in scores["scores"]}
    assert totals == {a_id: pytest.approx(85), apps["B"]["id"]: pytest.approx(53), apps["C"]["id"]: pytest.approx(10)}
    assert (await awards.get(f"/applications/{apps['B']['id']}/score", headers=flow.ent(ENT1))).status_code == 403
    assert (await awards.get(f"/applications/{apps['B']['id']}", headers=flow.ent(ENT1))).status_code == 403
    assert (await awards.get(f"/rounds/{rnd['id']}/scores", headers=flow.ent(ENT1))).status_code == 403
    listing = (await awards.get("/applications", headers=flow.ent(ENT1))).json()
    assert [a["id"] for a in listing["items"]] == [a_id]


async def test_a_department_correction_is_what_scoring_uses_and_is_shown(awards):
    rnd, apps = await flow.top10_applied(awards)
    rid = rnd["id"]
    await awards.post(f"/rounds/{rid}/scores", headers=OFFICE)
    await flow.step(awards, rid, "county_review", "2023-04-03")
    for a in apps.values():
        await awards.post(f"/applications/{a['id']}/county-review", json={"decision": "approved", "opinion": "同意"},
                          headers=flow.COUNTY[a["region"]])
    await flow.step(awards, rid, "department_review", "2023-04-10")
    c_id = apps["C"]["id"]
    # 第十二条: the tax figure is 税务's; 统计 cannot change it
    r = await awards.post(f"/applications/{c_id}/figures/tax/review",
                          json={"action": "correct", "value": 1900 * flow.WAN, "note": "统计数据"}, headers=flow.TJJ)
    assert r.status_code == 403 and r.json()["facts"]["holder"] == "sw", r.text
    r = await awards.post(f"/applications/{c_id}/figures/tax/review",
                          json={"action": "correct", "value": 1900 * flow.WAN, "note": "税务系统数据"},
                          headers=flow.SW)
    assert r.status_code == 200, r.text
    assert r.json()["declared"] == "20000000" and r.json()["value"] == "19000000"
    assert r.json()["corrected"] is True and r.json()["source"] == "sw"
    detail = (await awards.get(f"/applications/{c_id}", headers=flow.ent(ENT3))).json()
    tax_check = next(c for c in detail["eligibility"]["checks"] if c["rule"] == "min_tax")
    assert tax_check["passed"] is False and tax_check["basis"].endswith("第三条")  # 1900万 < 2000万
    changes = (await awards.get(f"/rounds/{rid}/ranking-changes", headers=OFFICE)).json()["items"]
    assert changes[-1]["diff"]["removed"] == [c_id]
    r = await awards.post(f"/applications/{apps['A']['id']}/figures/revenue/review", json={"action": "confirm"},
                          headers=flow.TJJ)
    assert r.json()["review"] == "confirmed" and r.json()["corrected"] is False


async def test_notice_objections_publication_honours_and_revocation(awards):
    rnd, apps = await flow.top10_applied(awards)
    rid = rnd["id"]
    await flow.through_reviews(awards, rnd, apps)
    # the city's examination comes only after the leading group's members passed the opinion (第十八条)
    body = await flow.step(awards, rid, "city_examination", "2023-04-26", expect=422)
    assert body["basis"].endswith("第十八条")
    t = await flow.to_public_notice(awards, rnd)
    # 第二十条: 7 working days from 2023-05-11 (not counted): 12, 15, 16, 17, 18, 19, 22 May
    assert t["round"]["notice_end"] == "2023-05-22" and t["round"]["final_approval_date"] == "2023-05-11"
    notice = (await awards.get(f"/rounds/{rid}/notice")).json()
    assert [e["entity_code"] for e in notice["entries"]] == [ENT1, ENT2, ENT3]
    assert notice["objection_deadlines"] == {"online": "2023-05-23T00:00:00+08:00",
                                             "counter": "2023-05-22T18:00:00+08:00"}
    entry_b = notice["entries"][1]["id"]
    objection = {"entry_id": entry_b, "objector_name": "王五", "contact": "13800000000", "content": "数据造假"}
    # online: until 24:00 of the last day
    flow.set_clock(awards.app, flow.at(date(2023, 5, 22), time(23, 59, 59)))
    r = await awards.post(f"/rounds/{rid}/objections", json=objection)
    assert r.status_code == 201, r.text
    first = r.json()["id"]
    flow.set_clock(awards.app, flow.at(date(2023, 5, 23), time(0, 0)))
    late = await awards.post(f"/rounds/{rid}/objections", json=objection)
    assert late.status_code == 422 and "第二十五条" in late.json()["detail"]
    # at the counter: until the office closes (18:00)
    counter = objection | {"channel": "counter"}
    r = await awards.post(f"/rounds/{rid}/objections", headers=OFFICE,
                          json=counter | {"received_at": "2023-05-22T17:59:00+08:00"})
    assert r.status_code == 201, r.text
    second = r.json()["id"]
    r = await awards.post(f"/rounds/{rid}/objections", headers=OFFICE,
                          json=counter | {"received_at": "2023-05-22T18:00:00+08:00"})
    assert r.status_code == 422 and r.json()["timing"]["deadline"] == "2023-05-22T18:00:00+08:00"
    assert (await awards.post(f"/rounds/{rid}/objections", json=counter | {
        "received_at": "2023-05-22T10:00:00+08:00"})).status_code == 403  # only the office records a counter filing
    public = (await awards.get(f"/rounds/{rid}/objections")).json()["items"]
    assert len(public) == 2 and "objector_name" not in public[0] and "13800000000" not in str(public)

    # publishing waits for the notice to end and for every objection to be decided (第二十条, 第二十五条)
    assert (await flow.step(awards, rid, "published", "2023-05-22", expect=422))["basis"].endswith("第二十条")
    blocked = await flow.step(awards, rid, "published", "2023-05-23", expect=422)
    assert blocked["facts"]["open_objections"] == 2 and blocked["basis"].endswith("第二十五条")
    r = await awards.post(f"/objections/{first}/decision", headers=OFFICE,
                          json={"finding": "fraud", "decided_on": "2023-05-24", "meeting_ref": "领导小组决定1"})
    assert r.status_code == 422  # the office's handling opinion comes first
    for oid, finding in ((first, "fraud"), (second, "unfounded")):
        r = await awards.post(f"/objections/{oid}/handling", headers=OFFICE,
                              json={"opinion": "会同统计局核查", "proposed_finding": finding})
        assert r.status_code == 200, r.text
        r = await awards.post(f"/objections/{oid}/decision", headers=OFFICE,
                              json={"finding": finding, "decided_on": "2023-05-24", "meeting_ref": "领导小组决定1"})
        assert r.status_code == 200, r.text
    assert r.json()["disqualify"] is False
    notice = (await awards.get(f"/rounds/{rid}/notice")).json()
    # the current ranking after rescoring: B last, out of the ranking, marked with its basis (第二十五条); A and C
    # rescored (第十条); one name per state, as in /applications; totals shown to 2 decimals, exact beside
    a_row, c_row, b_row = notice["entries"]
    assert [e["entity_code"] for e in (a_row, c_row, b_row)] == [ENT1, ENT3, ENT2]
    assert [(e["status"], e["status_label"]) for e in notice["entries"]] == [
        ("active", "参评中"), ("active", "参评中"), ("disqualified", "已取消参评资格")]
    assert (b_row["rank"], b_row["rank_at_notice"], b_row["within_places"]) == (None, 2, False)
    assert [(m["kind"], m["basis"][-5:]) for m in b_row["marks"]] == [("disqualified", "第二十五条")]
    assert (a_row["rank"], a_row["total"], a_row["total_exact"]) == (1, "100.00", pytest.approx(100))
    assert (c_row["rank"], c_row["rank_at_notice"], c_row["total"]) == (2, 3, "0.00")
    rescored = next(m for m in c_row["marks"] if m["kind"] == "rescored")
    assert rescored["basis"].endswith("第十条") and "第3名变为第2名" in rescored["reason"]
    assert f"企业B（{apps['B']['id']}）" in rescored["reason"]  # the cause names the enterprise, id beside
    assert all(len(e["total_at_notice"].split(".")[1]) == 2 for e in notice["entries"])
    b_app = (await awards.get(f"/applications/{apps['B']['id']}", headers=OFFICE)).json()
    assert b_app["status"] == "disqualified" and b_app["disqualification"]["reasons"][0]["basis"].endswith("第二十五条")
    change = (await awards.get(f"/rounds/{rid}/ranking-changes", headers=OFFICE)).json()["items"][-1]
    assert change["diff"]["removed"] == [apps["B"]["id"]]
    b_moved = next(m for m in change["moves"] if m["application_id"] == apps["B"]["id"])
    assert (b_moved["enterprise_name"], b_moved["change"], b_moved["change_label"], b_moved["status_label"]) == (
        "企业B", "removed", "退出排名（不再参与计分）", "已取消参评资格")
    assert f"企业B（{apps['B']['id']}）退出排名" in change["summary"]
    after = {c["application_id"]: c["total_after"] for c in change["diff"]["changes"]}
    assert after == {apps["A"]["id"]: pytest.approx(100), apps["C"]["id"]: pytest.approx(0)}  # min/max moved

    t = await flow.step(awards, rid, "published", "2023-05-25")
    assert len(t["facts"]["honours"]) == 2
    granted = await flow.outbox(awards.app, "awards.honor.granted")
    assert [e["subject"] for e in granted] == [ENT1, ENT3]
    data = granted[0]["data"]
    assert data["granted_by"] == "市委、市政府" and data["title"] == "2022年度安阳市制造业“10强”企业"
    assert [i["code"] for i in data["items"]] == ["title", "plaque", "trophy"]  # 第二十一条: 牌匾和奖杯
    assert data["category_label"] == "制造业“10强”企业" and data["person_name"] is None
    results = (await awards.get(f"/rounds/{rid}/results")).json()["items"]
    assert [h["entity_code"] for h in results] == [ENT1, ENT3]

    honour = results[1]["id"]
    r = await awards.post(f"/honours/{honour}/revocation", headers=OFFICE,
                          json={"finding": "unfounded", "reason": "x", "revoked_on": "2023-09-01"})
    assert r.status_code == 422 and "第二十五条" in r.json()["basis"]
    r = await awards.post(f"/honours/{honour}/revocation", headers=OFFICE,
                          json={"finding": "infringement", "reason": "侵犯他人专利权", "revoked_on": "2023-09-01"})
    assert r.status_code == 201 and r.json()["status"] == "revoked"
    assert r.json()["revocation"]["reason"] == "侵犯他人专利权"
    revoked = await flow.outbox(awards.app, "awards.honor.revoked")
    assert {k: revoked[0]["data"][k] for k in ("honour_id", "entity_code", "revoked_on", "reason")} == {
        "honour_id": honour, "entity_code": ENT3, "revoked_on": "2023-09-01", "reason": "侵犯他人专利权"}
    assert (await awards.post(f"/honours/{honour}/revocation", headers=OFFICE, json={
        "finding": "fraud", "reason": "again", "revoked_on": "2023-09-02"})).status_code == 409
    history = (await awards.get(f"/rounds/{rid}/history", headers=OFFICE)).json()["items"]
    assert any(h["action"] == "awards.round.transition" for h in history)
