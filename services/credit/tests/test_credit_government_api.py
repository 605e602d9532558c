"""政务诚信 through HTTP: unhonoured government commitments with overdue flags, broken → government
dishonesty record; forced disclosure of overdue SME payments with undisputed and disputed kept apart."""

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

SME = h.ENT_B


def gov_commitment(**extra) -> dict:
    return {"body_code": h.GOV_BODY, "body_name": "安阳市示范局", "content": "兑现招商引资奖励",
            "measures": "分两期拨付", "deadline": "2023-06-30", "listed_on": "2023-03-01"} | extra


async def test_the_list_flags_overdue_commitments_from_the_day_after_the_deadline(credit):
    r = await credit.post("/government/commitments", headers=h.FGW, json=gov_commitment())
    assert r.status_code == 201
    on_deadline = (await credit.get("/public/government/commitments", params={"as_of": "2023-06-30"})).json()["items"]
    assert on_deadline[0]["overdue"] is False
    after = (await credit.get("/public/government/commitments", params={"as_of": "2023-07-01"})).json()["items"]
    assert after[0]["overdue"] is True and after[0]["overdue_decision"]["facts"]["days_overdue"] == 1
    assert "（二十二）" in after[0]["overdue_decision"]["basis"]
    assert (after[0]["status"], after[0]["status_label"]) == ("listed", "未履行到位")


async def test_a_broken_commitment_is_a_government_dishonesty_record(credit):
    c = (await credit.post("/government/commitments", headers=h.FGW, json=gov_commitment())).json()
    r = await credit.post(f"/government/commitments/{c['id']}/broken", headers=h.FGW,
                          json={"reason": "逾期未兑现", "on": "2023-08-01"})
    assert r.status_code == 200 and r.json()["status"] == "broken"
    record = (await credit.get(f"/public/records/{r.json()['record_id']}")).json()
    assert record["category"] == "government_dishonesty" and record["subject_code"] == h.GOV_BODY
    assert record["subject_kind"] == "government_body"
    assert (await credit.get("/public/government/commitments")).json()["items"] == []
    closed = (await credit.get("/public/government/commitments", params={"include_closed": True})).json()["items"]
    assert closed[0]["record_id"] == record["id"]
    assert (await credit.post(f"/government/commitments/{c['id']}/fulfilment", headers=h.FGW,
                              json={})).status_code == 409


async def test_only_the_credit_lead_keeps_the_lists(credit):
    assert (await credit.post("/government/commitments", headers=h.SCJG, json=gov_commitment())).status_code == 403
    account = {"debtor_code": h.GOV_BODY, "debtor_name": "局", "creditor_code": SME, "creditor_name": "乙",
               "contract_ref": "合同", "payment_due": "2023-01-31", "undisputed_amount": "1.00"}
    assert (await credit.post("/government/overdue-payments", headers=h.ent(), json=account)).status_code == 403
    assert (await credit.post("/government/overdue-payments", headers=h.SCJG, json=account)).status_code == 403


async def test_disclosure_keeps_undisputed_and_disputed_apart_with_history(credit):
    r = await credit.post("/government/overdue-payments", headers=h.FGW, json={
        "debtor_code": h.GOV_BODY, "debtor_name": "安阳市示范局", "creditor_code": SME,
        "creditor_name": "安阳乙示范有限公司", "contract_ref": "采购合同〔2022〕9号", "payment_due": "2023-01-31",
        "undisputed_amount": "100000.00", "disputed_amount": "20000.00", "on": "2023-03-01"})
    assert r.status_code == 201, r.text
    account_id = r.json()["account_id"]
    moved = await credit.post(f"/government/overdue-payments/{account_id}/changes", headers=h.FGW, json={
        "kind": "reclassified_to_disputed", "amount": "30000", "on": "2023-04-01", "reason": "验收有异议"})
    assert moved.status_code == 200
    paid = await credit.post(f"/government/overdue-payments/{account_id}/changes", headers=h.FGW, json={
        "kind": "paid", "part": "undisputed", "amount": "50000", "on": "2023-05-01"})
    assert paid.status_code == 200
    too_much = await credit.post(f"/government/overdue-payments/{account_id}/changes", headers=h.FGW, json={
        "kind": "paid", "part": "undisputed", "amount": "20000.01", "on": "2023-05-02"})
    assert too_much.status_code == 422 and too_much.json()["facts"]["available"] == "20000.00"
    no_reason = await credit.post(f"/government/overdue-payments/{account_id}/changes", headers=h.FGW, json={
        "kind": "reclassified_to_disputed", "amount": "1", "on": "2023-05-02"})
    assert no_reason.status_code == 422
    public = (await credit.get("/public/government/overdue-payments", params={"as_of": "2023-06-01"})).json()
    assert public["total"] == 1
    d = public["items"][0]
    assert (d["undisputed_outstanding"], d["disputed_outstanding"]) == ("20000.00", "50000.00")
    assert d["reclassified_undisputed_to_disputed"] == "30000.00" and d["overdue"] is True
    assert "total" not in d and d["debtor_name"] == "安阳市示范局"
    assert [x["kind"] for x in d["history"]] == ["recorded", "recorded", "reclassified_to_disputed", "paid"]
    assert d["history"][2]["kind_label"] == "由无分歧改为有争议"
    as_of_march = (await credit.get("/public/government/overdue-payments",
                                    params={"as_of": "2023-03-15"})).json()["items"][0]
    assert (as_of_march["undisputed_outstanding"], as_of_march["disputed_outstanding"]) == ("100000.00", "20000.00")
