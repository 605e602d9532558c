"""Issue #10 item 8: history as it stood — probed through the gateway. A record reported today rewrote a past
grade from B to C; a list entry added today with a past effective date did the same, and the public report as of
that past date followed. A grade or report as of a past date answers from what was known that day."""

from __future__ import annotations

import uuid
from datetime import timedelta

from govkit.clock import business_date
from govkit.ids import make_uscc


def test_what_is_written_today_does_not_rewrite_a_past_grade_or_report(platform):
    gw, scjg, sw = platform.client, platform.auth("dept-scjg"), platform.auth("dept-sw")
    code = make_uscc("91410500MA" + uuid.uuid4().hex[:7].upper())
    today = business_date()
    past = (today - timedelta(days=10)).isoformat()

    def grade(on: str) -> str:
        r = gw.get(f"/credit/grades/{code}", params={"as_of": on})
        assert r.status_code == 200, r.text
        return r.json()["grade"]

    penalty = {"subject_code": code, "subject_name": "历史示范有限公司", "category": "administrative_penalty",
               "decision_number": f"安市监罚〔2026〕{uuid.uuid4().hex[:8]}号", "severity": "serious",
               "decision_date": (today - timedelta(days=15)).isoformat(), "title": "严重违法",
               "legal_basis": "《中华人民共和国行政处罚法》第三十二条"}
    r = gw.post("/credit/records/batch", headers=scjg, json={"publish": True, "records": [penalty]})
    assert r.json()["results"][0]["status"] == "created", r.text
    assert grade(past) == "B" and grade(today.isoformat()) == "C"  # the probe: B stays B on that day

    entry = {"subject_code": code, "subject_name": "历史示范有限公司",
             "legal_basis": "《重大税收违法失信主体信息公布管理办法》第六条",
             "decision_number": f"安税稽罚〔2026〕{uuid.uuid4().hex[:8]}号",
             "effective_date": (today - timedelta(days=30)).isoformat(),
             "expiry_date": (today + timedelta(days=300)).isoformat()}
    r = gw.post("/credit/lists/major_tax_violation/entries", headers=sw, json=entry)
    assert r.status_code == 201, r.text
    assert grade(past) == "B" and grade(today.isoformat()) == "D"

    report = gw.post("/credit/reports", json={"subject_code": code, "version": "public", "as_of": past})
    assert report.status_code == 201, report.text
    body = report.json()
    assert body["grade"]["grade"] == "B" and body["list_status"]["listed"] is False and body["records"] == []
    now = gw.post("/credit/reports", json={"subject_code": code, "version": "public"}).json()
    assert now["grade"]["grade"] == "D" and now["list_status"]["listed"] is True
