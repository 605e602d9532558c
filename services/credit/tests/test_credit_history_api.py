"""Issue #10 item 8: a grade or report as of a past date answers from what was known that day — a correction
or withdrawal made later does not rewrite it (the clock moved in-process)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import timedelta
from pathlib import Path

from govkit.clock import business_date, travel_to, utcnow

_s = importlib.util.spec_from_file_location("credit_a_helpers", Path(__file__).with_name("credit_a_helpers.py"))
h = sys.modules.get("credit_a_helpers") or importlib.util.module_from_spec(_s)
if "credit_a_helpers" not in sys.modules:
    sys.modules["credit_a_helpers"] = h
    _s.loader.exec_module(h)


async def _grade(credit, on) -> str:
    r = await credit.get(f"/grades/{h.ENT_B}", params={"as_of": on.isoformat()})
    assert r.status_code == 200, r.text
    return r.json()["grade"]


async def test_a_later_correction_or_withdrawal_does_not_rewrite_a_past_grade_or_report(credit):
    today = business_date()
    then = today - timedelta(days=20)
    travel_to(utcnow() - timedelta(days=20))
    penalty = h.rec("历史-罚-1", code=h.ENT_B, category="administrative_penalty", decided=(then - timedelta(days=5))
                    .isoformat(), severity="serious", title="严重违法（原文）")
    record_id = await h.report_one(credit, penalty, publish=True)
    travel_to(None)
    past = today - timedelta(days=10)
    assert await _grade(credit, past) == "C"  # 80 - 20 = 60

    fixed = await credit.post(f"/records/{record_id}/corrections", headers=h.SCJG,
                              json={"reason": "更正处罚程度", "severity": "minor", "title": "轻微违法（更正）"})
    assert fixed.status_code == 200, fixed.text
    assert await _grade(credit, past) == "C" and await _grade(credit, today) == "B"
    report = await credit.post("/reports", json={"subject_code": h.ENT_B, "version": "public",
                                                 "as_of": past.isoformat()})
    assert report.status_code == 201, report.text
    assert [r["title"] for r in report.json()["records"]] == ["严重违法（原文）"]

    withdrawn = await credit.post(f"/records/{record_id}/withdrawal", headers=h.SCJG, json={"reason": "错报"})
    assert withdrawn.status_code == 200, withdrawn.text
    assert await _grade(credit, past) == "C" and await _grade(credit, today) == "B"
