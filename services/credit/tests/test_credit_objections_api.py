"""Objections: a subject objects to its own record, the public view shows it disputed, the reporting
department answers (uphold / correct / withdraw) and the objection is closed."""

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


async def _object(credit, record_id: str, headers=None):
    return await credit.post(
        "/objections",
        headers=headers or h.ent(),
        json={"record_id": record_id, "reason": "处罚对象错误", "evidence": "营业执照"},
    )


async def test_an_objection_marks_the_record_disputed_until_answered(credit):
    record_id = await h.report_one(credit, h.rec("异议-1"), publish=True)
    r = await _object(credit, record_id)
    assert r.status_code == 201 and r.json()["status"] == "open"
    public = (await credit.get(f"/public/records/{record_id}")).json()
    assert public["disputed"] is True and public["dispute_note"] == "信用主体已提出异议，正在核查"
    assert (await _object(credit, record_id)).json()["id"] == r.json()["id"]  # sent again: the open one
    other = await credit.post("/objections", headers=h.ent(), json={"record_id": record_id, "reason": "另一理由"})
    assert other.status_code == 409  # one open objection at a time
    objection_id = r.json()["id"]
    dept_view = (await credit.get("/objections", headers=h.SCJG)).json()
    assert [o["id"] for o in dept_view["items"]] == [objection_id]
    assert (await credit.get("/objections", headers=h.SW)).json()["total"] == 0
    answer = await credit.post(
        f"/objections/{objection_id}/answer",
        headers=h.SCJG,
        json={"outcome": "uphold", "answer": "经核查，记录无误"},
    )
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["outcome"]) == ("closed", "uphold")
    assert (await credit.get(f"/public/records/{record_id}")).json()["disputed"] is False
    again = await credit.post(
        f"/objections/{objection_id}/answer", headers=h.SCJG, json={"outcome": "uphold", "answer": "x"}
    )
    assert again.status_code == 409


async def test_a_correcting_answer_goes_through_the_correction_path(credit):
    record_id = await h.report_one(credit, h.rec("异议-2"), publish=True)
    objection_id = (await _object(credit, record_id)).json()["id"]
    r = await credit.post(
        f"/objections/{objection_id}/answer",
        headers=h.SCJG,
        json={"outcome": "correct", "answer": "标题有误，予以更正", "changes": {"title": "更正后的许可"}},
    )
    assert r.status_code == 200 and r.json()["outcome"] == "correct"
    history = (await credit.get(f"/records/{record_id}/history", headers=h.ent())).json()
    assert history["record"]["title"] == "更正后的许可" and history["record"]["disputed"] is False
    assert history["versions"][0]["snapshot"]["title"] == "决定 异议-2"
    assert history["versions"][0]["reason"].startswith("异议处理：")


async def test_a_withdrawing_answer_removes_the_record_from_the_public_view(credit):
    record_id = await h.report_one(credit, h.rec("异议-3"), publish=True)
    objection_id = (await _object(credit, record_id)).json()["id"]
    r = await credit.post(
        f"/objections/{objection_id}/answer",
        headers=h.SCJG,
        json={"outcome": "withdraw", "answer": "主体认定错误，撤回"},
    )
    assert r.status_code == 200
    assert (await credit.get(f"/public/records/{record_id}")).status_code == 404
    own = (await credit.get("/subjects/me/file", headers=h.ent())).json()
    assert own["records"][0]["status"] == "withdrawn"
    assert own["objections"][0]["outcome"] == "withdraw"


async def test_objection_refusals(credit):
    record_id = await h.report_one(credit, h.rec("异议-4"), publish=True)
    assert (await _object(credit, record_id, h.ent(h.ENT_B))).status_code == 403  # not its record
    assert (await _object(credit, record_id, h.SCJG)).status_code == 403
    objection_id = (await _object(credit, record_id)).json()["id"]
    other_dept = await credit.post(
        f"/objections/{objection_id}/answer", headers=h.SW, json={"outcome": "uphold", "answer": "x"}
    )
    assert other_dept.status_code == 403
    no_changes = await credit.post(
        f"/objections/{objection_id}/answer", headers=h.SCJG, json={"outcome": "correct", "answer": "x"}
    )
    assert no_changes.status_code == 422
