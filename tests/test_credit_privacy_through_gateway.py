"""Issue #10 item 4: personal data is never public — the public report read by its verification code shows
what /public/records shows, and an unpublished record affects nothing public (through the gateway)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from govkit.clock import business_date
from govkit.ids import make_uscc

PERSON = "410502198506150026"  # person-demo of gateway/clients.dev.yaml
MOBILE = "13812345678"


def test_the_public_report_masks_the_person_and_unpublished_records_change_nothing_public(platform):
    gw, scjg, person = platform.client, platform.auth("dept-scjg"), platform.auth("person-demo")
    day = (business_date() - timedelta(days=1)).isoformat()
    record = {"subject_code": PERSON, "subject_name": "王示范", "category": "administrative_penalty",
              "decision_number": "安市监罚〔2026〕901号", "decision_date": day, "severity": "general",
              "title": f"未按规定登记（联系电话{MOBILE}，身份证{PERSON}）", "legal_basis": "《条例》第十条"}
    r = gw.post("/credit/records/batch", headers=scjg, json={"publish": True, "records": [record]})
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "created", r.text
    hidden = record | {"decision_number": "安市监罚〔2026〕902号", "severity": "serious", "title": "未公开的处罚"}
    r = gw.post("/credit/records/batch", headers=scjg, json={"publish": False, "records": [hidden]})
    assert r.json()["results"][0]["status"] == "created", r.text
    hidden_id = r.json()["results"][0]["record_id"]

    issued = gw.post("/credit/reports", headers=person, json={"subject_code": PERSON, "version": "public"})
    assert issued.status_code == 201, issued.text
    shown = gw.get("/credit/reports/verify", params={"code": issued.json()["verification_code"]})
    assert shown.status_code == 200
    text = shown.text
    assert PERSON not in text and MOBILE not in text and "王示范" not in text
    report = shown.json()["report"]
    assert report["subject"]["code"] == PERSON[:6] + "********" + PERSON[-4:]
    numbers = [r["decision_number"] for r in report["records"]]
    assert "安市监罚〔2026〕901号" in numbers and "安市监罚〔2026〕902号" not in numbers
    public = gw.get("/credit/public/records", params={"subject_code": PERSON}).json()["items"]
    assert [r["title"] for r in report["records"]] == [r["title"] for r in public]
    # the grade counts the published penalty, not the unpublished one
    contributions = [c["record_id"] for c in report["grade"]["local"]["contributions"]]
    assert hidden_id not in contributions and len(contributions) >= 1


ADDRESS = "安阳市文峰区中华路12号3单元401室"


def test_addresses_are_masked_in_every_public_answer(platform):
    """#10 item 4: a home address in a record's text, a report or a list entry shows its administrative part
    only — the one public projection serves records, reports, grades and lists."""
    gw, scjg, sw = platform.client, platform.auth("dept-scjg"), platform.auth("dept-sw")
    code = make_uscc("91410502MA" + uuid.uuid4().hex[:7].upper())
    day = (business_date() - timedelta(days=1)).isoformat()
    record = {"subject_code": code, "subject_name": "地址示范有限公司", "category": "administrative_penalty",
              "decision_number": f"安市监罚〔2026〕{uuid.uuid4().hex[:8]}号", "decision_date": day,
              "severity": "minor", "title": f"法定代表人住址{ADDRESS}未按规定变更登记",
              "content": f"当事人实际经营地址：{ADDRESS}", "legal_basis": "《市场主体登记管理条例》第二十四条"}
    r = gw.post("/credit/records/batch", headers=scjg, json={"publish": True, "records": [record]})
    assert r.json()["results"][0]["status"] == "created", r.text
    entry = {"subject_code": code, "subject_name": "地址示范有限公司",
             "legal_basis": f"《重大税收违法失信主体信息公布管理办法》第六条（送达地址{ADDRESS}）",
             "decision_number": f"安税稽罚〔2026〕{uuid.uuid4().hex[:8]}号", "effective_date": day,
             "expiry_date": (business_date() + timedelta(days=300)).isoformat()}
    assert gw.post("/credit/lists/major_tax_violation/entries", headers=sw, json=entry).status_code == 201

    answers = [gw.get("/credit/public/records", params={"subject_code": code}),
               gw.get(f"/credit/lists/check/{code}"),
               gw.get(f"/credit/grades/{code}")]
    issued = gw.post("/credit/reports", json={"subject_code": code, "version": "public"})
    assert issued.status_code == 201, issued.text
    answers += [issued, gw.get("/credit/reports/verify", params={"code": issued.json()["verification_code"]})]
    for answer in answers:
        assert answer.status_code in (200, 201), answer.text
        assert "中华路" not in answer.text and "401室" not in answer.text, answer.url
    public = answers[0].json()["items"][0]
    assert public["title"] == "法定代表人住址安阳市文峰区****未按规定变更登记"
    assert answers[1].json()["listed"] is True


def test_government_disclosures_mask_addresses_and_numbers(platform):
    """#10 item 4: the public government-integrity lists (政务诚信, 安政办〔2023〕1号（二十二）) go through the same
    public projection: an address or a mobile number in a commitment or a change's reason is masked."""
    gw, fgw = platform.client, platform.auth("dept-fgw")
    body = make_uscc("11410500" + uuid.uuid4().hex[:9].upper())
    listed = gw.post("/credit/government/commitments", headers=fgw, json={
        "body_code": body, "body_name": "安阳市地址示范局", "deadline": "2027-06-30",
        "content": f"为{ADDRESS}住户兑现搬迁补偿（联系人电话{MOBILE}）", "measures": "2027年第二季度前完成拨付"})
    assert listed.status_code == 201, listed.text
    shop = make_uscc("92410502MA" + uuid.uuid4().hex[:7].upper())
    account = gw.post("/credit/government/overdue-payments", headers=fgw, json={
        "debtor_code": body, "debtor_name": "安阳市地址示范局", "creditor_code": shop,
        "creditor_name": "安阳示范商店", "contract_ref": "安示采〔2026〕99号", "payment_due": "2026-06-30",
        "undisputed_amount": "1000.00"})
    assert account.status_code == 201, account.text
    change = gw.post(f"/credit/government/overdue-payments/{account.json()['account_id']}/changes", headers=fgw,
                     json={"kind": "reclassified_to_disputed", "amount": "100.00",
                           "reason": f"货物送至{ADDRESS}时短少"})
    assert change.status_code == 200, change.text
    paid = gw.post(f"/credit/government/overdue-payments/{account.json()['account_id']}/changes", headers=fgw,
                   json={"kind": "paid", "part": "undisputed", "amount": "100.00", "reason": f"汇至{ADDRESS}"})
    assert paid.status_code == 200, paid.text

    mine = _find(gw, "/credit/public/government/commitments", "body_code", body)
    assert mine["content"] == "为安阳市文峰区****住户兑现搬迁补偿（联系人电话138****5678）"
    history = _find(gw, "/credit/public/government/overdue-payments", "debtor_code", body)["history"]
    moved = [h["reason"] for h in history if h["kind"] == "reclassified_to_disputed"]
    assert moved == ["货物送至安阳市文峰区****时短少"]
    assert [h["reason"] for h in history if h["kind"] == "paid"] == ["汇至安阳市文峰区****"]  # kept, masked


def _find(gw, path: str, field: str, value: str) -> dict:
    """The item of a public page envelope whose `field` is `value`, walking the pages."""
    offset = 0
    while True:
        page = gw.get(path, params={"limit": 100, "offset": offset}).json()
        found = [item for item in page["items"] if item[field] == value]
        if found or offset + page["limit"] >= page["total"]:
            assert found, f"{value} not in {path}"
            return found[0]
        offset += page["limit"]
