"""Public read API (no login): published records only, personal data masked, disputed mark; a subject's
own full file."""

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


async def test_public_search_shows_published_records_without_login_and_masks_persons(credit):
    content = "当事人张三丰（身份证号410502198506150034，电话13812345678）未取得许可经营"
    person_record = await h.report_one(
        credit,
        h.rec("罚-个人", code=h.PERSON, category="administrative_penalty", content=content),
        publish=True,
    )
    await h.report_one(credit, h.rec("许-企业"), publish=True)
    await h.report_one(credit, h.rec("许-未公开"))
    page = (await credit.get("/public/records")).json()
    assert page["total"] == 2
    found = (await credit.get("/public/records", params={"subject_code": h.PERSON})).json()
    assert found["total"] == 1
    item = found["items"][0]
    assert item["id"] == person_record
    assert item["subject_code"] == h.PERSON[:6] + "********" + h.PERSON[-4:]
    assert item["subject_name"] == "张**"
    assert "410502198506150034" not in item["content"] and "410502********0034" in item["content"]
    assert "13812345678" not in item["content"] and "138****5678" in item["content"]
    assert h.PERSON not in str(page)
    assert "address" not in item and "phone" not in item


async def test_public_search_by_name_category_and_department(credit):
    await h.report_one(credit, h.rec("许-名称"), publish=True)
    await h.report_one(
        credit, h.rec("罚-个人2", code=h.PERSON, category="administrative_penalty"), publish=True
    )
    await h.report_one(credit, h.rec("税-名称", category="tax"), headers=h.SW, publish=True)
    assert (await credit.get("/public/records", params={"name": "甲示范"})).json()["total"] == 2
    # a natural person is not found by name (README: Privacy)
    assert (await credit.get("/public/records", params={"name": "张三"})).json()["total"] == 0
    assert (await credit.get("/public/records", params={"category": "tax"})).json()["total"] == 1
    assert (await credit.get("/public/records", params={"department": "scjg"})).json()["total"] == 2
    bad = await credit.get("/public/records", params={"subject_code": "123"})
    assert bad.status_code == 422 and "18位" in bad.json()["errors"][0]["message"]


async def test_a_subject_sees_only_its_own_full_file(credit):
    published = await h.report_one(credit, h.rec("档案-1"), publish=True)
    unpublished = await h.report_one(credit, h.rec("档案-2"))
    withdrawn = await h.report_one(credit, h.rec("档案-3"), publish=True)
    await credit.post(f"/records/{withdrawn}/withdrawal", headers=h.SCJG, json={"reason": "撤销"})
    await h.report_one(credit, h.rec("档案-别人", code=h.ENT_B), publish=True)
    own = (await credit.get("/subjects/me/file", headers=h.ent())).json()
    assert own["subject"]["code"] == h.ENT_A
    assert {r["id"] for r in own["records"]} == {published, unpublished, withdrawn}
    other = (await credit.get("/subjects/me/file", headers=h.ent(h.ENT_B))).json()
    assert [r["decision_number"] for r in other["records"]] == ["档案-别人"]
    assert (await credit.get("/subjects/me/file", headers=h.SCJG)).status_code == 403
    assert (await credit.get("/subjects/me/file")).status_code == 401
    # a person's file: org is its ID number
    await h.report_one(credit, h.rec("档案-个人", code=h.PERSON))
    mine = (await credit.get("/subjects/me/file", headers=h.person())).json()
    assert mine["subject"]["code"] == h.PERSON and len(mine["records"]) == 1
    # the subject may read its record's history, another subject may not
    assert (await credit.get(f"/records/{withdrawn}/history", headers=h.ent())).status_code == 200
    assert (await credit.get(f"/records/{withdrawn}/history", headers=h.ent(h.ENT_B))).status_code == 403


async def test_government_bodies_are_subjects(credit):
    r = await credit.post(
        "/subjects",
        headers=h.FGW,
        json={"code": h.GOV_BODY, "name": "安阳市示范局", "kind": "government_body"},
    )
    assert r.status_code == 200 and (r.json()["kind"], r.json()["kind_label"]) == ("government_body", "机关")
    assert (
        await credit.post("/subjects", headers=h.ent(), json={"code": h.GOV_BODY, "name": "x"})
    ).status_code == 403
