"""Credit reports through HTTP: versions, access, verification detects tampering."""

from __future__ import annotations

import copy
import importlib.util
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from anyang_credit.models.reports import IssuedReport

_p = Path(__file__).with_name("credit_b_helpers.py")
h = sys.modules.get("credit_b_helpers")
if h is None:
    _s = importlib.util.spec_from_file_location("credit_b_helpers", _p)
    h = importlib.util.module_from_spec(_s)
    sys.modules["credit_b_helpers"] = h
    _s.loader.exec_module(h)


async def test_public_report_has_a_code_the_receiver_can_verify_and_tampering_is_detected(credit):
    await h.add_record(credit.app, h.ENT, decided=date(2023, 5, 1), severity="serious")
    r = await credit.post("/reports", json={"subject_code": h.ENT, "as_of": "2023-06-01"})
    assert r.status_code == 201, r.text
    report = r.json()
    assert report["version"] == "public" and report["grade"]["grade"] == "C"
    assert len(report["records"]) == 1 and report["list_status"]["listed"] is False
    code = report["verification_code"]
    v = (await credit.get("/reports/verify", params={"code": code.lower()})).json()
    assert v["valid"] is True and v["report"]["subject"]["code"] == h.ENT
    ok = await credit.post("/reports/verify", params={"code": code}, json={"report": report})
    assert ok.json()["valid"] is True
    forged = copy.deepcopy(report)
    forged["grade"]["grade"] = "A"
    bad = await credit.post("/reports/verify", params={"code": code}, json={"report": forged})
    assert bad.json()["valid"] is False and bad.json()["outcome"] == "altered_or_not_issued"
    assert (
        await credit.get("/reports/verify", params={"code": "AAAAA-AAAAA-AAAAA-AAAAA"})
    ).status_code == 404


async def test_public_report_shows_only_published_records_full_version_all(credit):
    await h.add_record(credit.app, h.ENT, decided=date(2023, 5, 1), published=False)
    public = (await credit.post("/reports", json={"subject_code": h.ENT, "as_of": "2023-06-01"})).json()
    assert public["records"] == []
    full = await credit.post(
        "/reports", json={"subject_code": h.ENT, "as_of": "2023-06-01", "version": "full"}, headers=h.ent()
    )
    assert full.status_code == 201 and len(full.json()["records"]) == 1


async def test_full_report_refused_to_others_without_authorisation(credit):
    await h.add_subject(credit.app, h.ENT)
    body = {"subject_code": h.ENT, "version": "full"}
    assert (await credit.post("/reports", json=body)).status_code == 403
    assert (await credit.post("/reports", json=body, headers=h.ent(h.ENT2))).status_code == 403
    r = await credit.post("/reports", json=body, headers=h.bank())
    assert r.status_code == 403 and r.json()["missing_authorisation"]["grantee_code"] == h.BANK


async def test_a_persons_report_is_masked_for_departments_and_closed_to_the_public(credit):
    await h.add_record(credit.app, h.PERSON, category="dishonesty", decided=date(2023, 5, 1), severity=None)
    assert (await credit.post("/reports", json={"subject_code": h.PERSON})).status_code == 403
    r = await credit.post("/reports", json={"subject_code": h.PERSON}, headers=h.dept("zjj"))
    assert r.status_code == 201
    code = r.json()["subject"]["code"]
    assert code != h.PERSON and code.startswith(h.PERSON[:6]) and code.endswith(h.PERSON[-4:])


async def test_a_report_as_of_a_date_before_any_grade_rule_is_refused_and_nothing_is_issued(credit):
    await h.add_subject(credit.app, h.ENT)
    r = await credit.post("/reports", json={"subject_code": h.ENT, "as_of": "2000-01-01"})
    assert r.status_code == 422
    assert r.json()["detail"] == "2000-01-01 时规则 credit.grade.rule_set 尚未施行（自 2023-02-18 起施行）"
    async with credit.app.state.sessionmaker() as s:
        assert await s.scalar(select(func.count()).select_from(IssuedReport)) == 0
