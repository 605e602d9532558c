"""Issue #10 item 4: personal data is never public — the public report read by its verification code shows
what /public/records shows, and an unpublished record affects nothing public (through the gateway)."""

from __future__ import annotations

from datetime import timedelta

from govkit.clock import business_date

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

    issued = gw.post("/credit/reports", headers=person, json={"subject_code": PERSON, "version": "public"})
    assert issued.status_code == 201, issued.text
    shown = gw.get("/credit/reports/verify", params={"code": issued.json()["verification_code"]})
    assert shown.status_code == 200
    text = shown.text
    assert PERSON not in text and MOBILE not in text and "王示范" not in text
    report = shown.json()["report"]
    assert report["subject"]["code"] == PERSON[:6] + "********" + PERSON[-4:]
    assert [r["decision_number"] for r in report["records"]] == ["安市监罚〔2026〕901号"]
    public = gw.get("/credit/public/records", params={"subject_code": PERSON}).json()["items"]
    assert [r["title"] for r in report["records"]] == [r["title"] for r in public]
    # the grade counts the published general penalty only (-10 from 80: B), not the unpublished serious one
    contributions = report["grade"]["local"]["contributions"]
    assert [c["category"] for c in contributions] == ["administrative_penalty"]
    assert report["grade"]["grade"] == "B"
