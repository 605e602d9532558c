"""Credit commitments through HTTP: the six types, liability required, the 主动公示型 open window,
fulfilment and breach by the department it was made to (records, a breach negative)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_s = importlib.util.spec_from_file_location(
    "credit_a_helpers", Path(__file__).with_name("credit_a_helpers.py")
)
h = sys.modules.get("credit_a_helpers") or importlib.util.module_from_spec(_s)
if "credit_a_helpers" not in sys.modules:
    sys.modules["credit_a_helpers"] = h
    _s.loader.exec_module(h)


LIABILITY = "违反承诺的，自愿接受失信惩戒并承担相应法律责任"


def commitment(type_: str, **extra) -> dict:
    return {"type": type_, "content": "承诺内容", "liability_on_breach": LIABILITY, "department": "scjg"} | extra


@pytest.mark.parametrize("type_", ["voluntary_disclosure", "in_lieu_of_certificate", "industry_self_discipline",
                                   "credit_repair"])
async def test_types_without_a_deadline_are_accepted_without_one(credit, type_):
    r = await credit.post("/commitments", headers=h.ent(), json=commitment(type_))
    assert r.status_code == 201, r.text
    assert r.json()["type"] == type_ and r.json()["status"] == "in_force"


@pytest.mark.parametrize("type_", ["missing_documents", "in_lieu_of_approval"])
async def test_types_with_a_deadline_need_one(credit, type_):
    r = await credit.post("/commitments", headers=h.ent(), json=commitment(type_))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "deadline"
    ok = await credit.post("/commitments", headers=h.ent(), json=commitment(type_, deadline="2099-12-31"))
    assert ok.status_code == 201 and ok.json()["deadline"] == "2099-12-31"


async def test_the_liability_on_breach_is_required(credit):
    r = await credit.post("/commitments", headers=h.ent(),
                          json=commitment("voluntary_disclosure", liability_on_breach=" "))
    assert r.status_code == 422
    error = r.json()["errors"][0]
    assert error["field"] == "liability_on_breach" and "安政办〔2023〕1号（三）" in error["basis"]


async def test_the_open_window_lists_voluntary_commitments_publicly(credit):
    r = await credit.post("/commitments", headers=h.person(),
                          json={"type": "voluntary_disclosure", "content": "诚信经营", "subject_name": "张三丰",
                                "liability_on_breach": LIABILITY})
    assert r.status_code == 201 and r.json()["department"] == "fgw"  # made through the window of the credit lead
    await credit.post("/commitments", headers=h.ent(), json=commitment("in_lieu_of_certificate"))
    page = (await credit.get("/public/commitments")).json()
    assert page["total"] == 1
    item = page["items"][0]
    assert (item["type"], item["type_label"]) == ("voluntary_disclosure", "主动公示型")
    assert item["subject_code"] == h.PERSON[:6] + "********" + h.PERSON[-4:] and item["subject_name"] == "张**"
    # the commitment itself is a (published) credit record
    record = (await credit.get(f"/public/records/{item['record_id']}")).json()
    assert record["category"] == "commitment"


async def test_fulfilment_by_the_department_it_was_made_to_is_a_positive_record(credit):
    c = (await credit.post("/commitments", headers=h.ent(),
                           json=commitment("missing_documents", deadline="2099-01-31"))).json()
    assert (await credit.post(f"/commitments/{c['id']}/fulfilment", headers=h.SW, json={})).status_code == 403
    assert (await credit.post(f"/commitments/{c['id']}/fulfilment", headers=h.ent(), json={})).status_code == 403
    r = await credit.post(f"/commitments/{c['id']}/fulfilment", headers=h.SCJG, json={})
    assert r.status_code == 200 and r.json()["status"] == "fulfilled"
    own = (await credit.get("/subjects/me/file", headers=h.ent())).json()
    assert sorted(r["category"] for r in own["records"]) == ["commitment", "commitment_fulfilled"]
    again = await credit.post(f"/commitments/{c['id']}/breach", headers=h.SCJG, json={"reason": "x"})
    assert again.status_code == 409


async def test_a_breach_is_a_negative_record_naming_the_liability(credit):
    c = (await credit.post("/commitments", headers=h.SCJG, json=commitment(
        "in_lieu_of_certificate", subject_code=h.ENT_B, subject_name="安阳乙示范有限公司"))).json()
    assert c["subject_code"] == h.ENT_B
    early = await credit.post(f"/commitments/{c['id']}/breach", headers=h.SCJG,
                              json={"reason": "核查发现承诺不实", "on": "2023-06-01"})
    assert early.status_code == 422 and early.json()["detail"] == "日期不能早于承诺日期"
    r = await credit.post(f"/commitments/{c['id']}/breach", headers=h.SCJG,
                          json={"reason": "核查发现承诺不实"})
    assert r.status_code == 200 and r.json()["status"] == "breached"
    record = (await credit.get(f"/public/records/{r.json()['outcome_record_id']}")).json()
    assert (record["category"], record["category_label"]) == ("commitment_breached", "信用承诺违约")
    assert "核查发现承诺不实" in record["title"] and LIABILITY in record["content"]
    mine = (await credit.get("/commitments", headers=h.ent(h.ENT_B))).json()
    assert [x["id"] for x in mine["items"]] == [c["id"]]
    assert (await credit.get("/commitments", headers=h.ent())).json()["total"] == 0


async def test_a_subject_commits_only_in_its_own_name(credit):
    r = await credit.post("/commitments", headers=h.ent(),
                          json=commitment("voluntary_disclosure", subject_code=h.ENT_B))
    assert r.status_code == 403
    other_dept = await credit.post("/commitments", headers=h.SW, json=commitment(
        "voluntary_disclosure", subject_code=h.ENT_B))
    assert other_dept.status_code == 403  # sw cannot record a commitment made to scjg
