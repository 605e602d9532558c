"""Batch collection through HTTP: per-record results, idempotent resend, conflicts, refusals."""

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


async def test_a_batch_with_mixed_records_answers_each_on_its_own(credit):
    records = [
        h.rec("许〔2023〕1号"),
        h.rec("罚〔2023〕2号", category="administrative_penalty"),
        h.rec("许〔2023〕3号", subject_code="91410500MA44A0001X"),  # bad check character
        h.rec("罚〔2023〕4号", category="administrative_penalty", severity=None),  # penalty without severity
        h.rec("许〔2023〕5号", decided="2999-01-01"),  # decided in the future
        {"decision_number": "许〔2023〕6号"},  # nearly empty
    ]
    r = await h.report(credit, records)
    assert r.status_code == 200
    body = r.json()
    assert body["department"] == "scjg"
    assert body["counts"] == {"created": 2, "unchanged": 0, "conflict": 0, "invalid": 4}
    statuses = [x["status"] for x in body["results"]]
    assert statuses == ["created", "created", "invalid", "invalid", "invalid", "invalid"]
    bad_code = body["results"][2]["errors"][0]
    assert bad_code["field"] == "subject_code" and "校验码" in bad_code["message"]
    severity = body["results"][3]["errors"][0]
    assert (severity["field"], severity["code"]) == ("severity", "required")
    assert severity["message"] == "行政处罚须载明严重程度（minor / general / serious）"
    assert body["results"][4]["errors"][0]["code"] == "in_future"
    assert {e["field"] for e in body["results"][5]["errors"]} >= {"subject_code", "category", "title"}
    # only the accepted ones exist
    listing = (await credit.get("/records", headers=h.SCJG)).json()
    assert listing["total"] == 2


async def test_resending_the_same_record_is_unchanged_not_a_duplicate(credit):
    first = await h.report(credit, [h.rec("许〔2023〕10号")])
    again = await h.report(credit, [h.rec("许〔2023〕10号"), h.rec("许〔2023〕10号")])
    assert again.json()["counts"]["unchanged"] == 2
    assert again.json()["results"][0]["record_id"] == first.json()["results"][0]["record_id"]
    assert (await credit.get("/records", headers=h.SCJG)).json()["total"] == 1


async def test_same_key_with_other_content_is_a_conflict_pointing_to_the_correction(credit):
    record_id = await h.report_one(credit, h.rec("许〔2023〕11号"))
    r = await h.report(credit, [h.rec("许〔2023〕11号", title="另一标题"), h.rec("许〔2023〕12号")])
    first, second = r.json()["results"]
    assert first["status"] == "conflict" and first["record_id"] == record_id
    assert first["correction_path"] == f"/records/{record_id}/corrections"
    assert first["errors"][0]["code"] == "different_content"
    assert second["status"] == "created"
    # the stored record keeps its original content
    history = (await credit.get(f"/records/{record_id}/history", headers=h.SCJG)).json()
    assert history["record"]["title"] == "决定 许〔2023〕11号" and history["versions"] == []


async def test_the_same_decision_number_of_another_department_is_another_record(credit):
    a = await h.report_one(credit, h.rec("〔2023〕1号"))
    b = await h.report_one(credit, h.rec("〔2023〕1号", title="税务"), headers=h.SW)
    assert a != b


async def test_a_thousand_records_in_one_call(credit):
    records = [h.rec(f"批〔2023〕{i}号") for i in range(1000)]
    r = await h.report(credit, records)
    assert r.json()["counts"]["created"] == 1000
    again = await h.report(credit, records)
    assert again.json()["counts"]["unchanged"] == 1000


async def test_only_reporting_departments_may_report(credit):
    assert (await h.report(credit, [h.rec("x1")], headers=h.ent())).status_code == 403
    no_scope = h.bearer("department", "yjj")
    r = await h.report(credit, [h.rec("x1")], headers=no_scope)
    assert r.status_code == 403 and "credit.report" in r.json()["detail"]
    assert (await credit.post("/records/batch", json={"records": [h.rec("x1")]})).status_code == 401


async def test_a_department_cannot_touch_another_departments_records(credit):
    record_id = await h.report_one(credit, h.rec("许〔2023〕20号"))
    for path, body in (
        (f"/records/{record_id}/publish", {}),
        (f"/records/{record_id}/corrections", {"reason": "改", "title": "x"}),
        (f"/records/{record_id}/withdrawal", {"reason": "撤"}),
    ):
        r = await credit.post(path, json=body, headers=h.SW)
        assert r.status_code == 403, path
        assert "只有报送部门" in r.json()["detail"]
    assert (await credit.get(f"/records/{record_id}/history", headers=h.SW)).status_code == 403
    assert (await credit.get("/records?department=scjg", headers=h.SW)).status_code == 403
    # the credit lead may read any department's records
    assert (await credit.get("/records?department=scjg", headers=h.FGW)).json()["total"] == 1


async def test_national_imports_keep_their_provenance_and_are_published_at_once(credit):
    item = h.rec(
        "（2023）豫05执123号",
        category="judicial",
        provenance={
            "source": "zxgk",
            "retrieved_at": "2023-04-01T08:00:00+08:00",
            "source_id": "ZX-998",
            "issuing_authority": "安阳市中级人民法院",
        },
    )
    record_id = await h.report_one(credit, item, headers=h.FGW)
    page = (await credit.get("/public/records", params={"subject_code": h.ENT_A})).json()
    assert page["items"][0]["id"] == record_id
    assert (page["items"][0]["source"], page["items"][0]["source_label"]) == ("zxgk", "中国执行信息公开网")
    history = (await credit.get(f"/records/{record_id}/history", headers=h.FGW)).json()
    assert history["record"]["provenance"]["source_id"] == "ZX-998"
    assert history["record"]["publication_deadline"]["due_date"] is None
    bad = await h.report(
        credit,
        [
            h.rec(
                "n2", provenance={"source": "baidu", "retrieved_at": "2023-04-01T08:00:00Z", "source_id": "1"}
            )
        ],
        headers=h.FGW,
    )
    assert bad.json()["results"][0]["errors"][0]["field"] == "provenance.source"
