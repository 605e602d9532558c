"""信易贷 through HTTP: authorisation required, logged and visible to the subject, expiry, outcomes."""

from __future__ import annotations

import importlib.util
import sys
from datetime import timedelta
from pathlib import Path

from anyang_credit.models.finance import Authorisation
from govkit.clock import business_date

_p = Path(__file__).with_name("credit_b_helpers.py")
h = sys.modules.get("credit_b_helpers")
if h is None:
    _s = importlib.util.spec_from_file_location("credit_b_helpers", _p)
    h = importlib.util.module_from_spec(_s)
    sys.modules["credit_b_helpers"] = h
    _s.loader.exec_module(h)


def _grant(days: int = 30, **kw) -> dict:
    today = business_date()
    return {
        "grantee_code": h.BANK,
        "grantee_name": "示范银行",
        "scope": "full_file",
        "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=days)).isoformat(),
        "purpose": "流动资金贷款",
    } | kw


async def test_query_without_authorisation_is_403_naming_it_with_it_allowed_and_both_logged(credit):
    await h.add_subject(credit.app, h.ENT)
    r = await credit.get(f"/finance/files/{h.ENT}", headers=h.bank())
    assert r.status_code == 403
    assert "缺少" in r.json()["detail"] and r.json()["missing_authorisation"]["scopes"] == ["full_file"]
    g = await credit.post("/finance/authorisations", json=_grant(), headers=h.ent())
    assert (
        g.status_code == 201
        and g.json()["status"] == "valid"
        and "不收取任何费用" in g.json()["free_of_charge"]["zh"]
    )
    ok = await credit.get(f"/finance/files/{h.ENT}", headers=h.bank(), params={"purpose": "贷前调查"})
    assert ok.status_code == 200, ok.text
    assert ok.json()["file"]["version"] == "full" and ok.json()["authorisation_id"] == g.json()["id"]
    log = (await credit.get("/finance/query-log", headers=h.ent())).json()["items"]
    assert [(q["querier_code"], q["outcome"]) for q in log] == [(h.BANK, "allowed"), (h.BANK, "refused")]
    await h.add_subject(credit.app, h.ENT2)
    assert (await credit.get("/finance/query-log", headers=h.ent(h.ENT2))).json()["items"] == []


async def test_expired_and_revoked_authorisations_are_refused(credit):
    await h.add_subject(credit.app, h.ENT)
    aid = (await credit.post("/finance/authorisations", json=_grant(), headers=h.ent())).json()["id"]
    async with credit.app.state.sessionmaker() as s, s.begin():
        a = await s.get(Authorisation, aid)
        a.valid_from = business_date() - timedelta(days=10)
        a.valid_until = business_date() - timedelta(days=1)
    r = await credit.get(f"/finance/files/{h.ENT}", headers=h.bank())
    assert r.status_code == 403 and "expired" in r.json()["detail"]
    aid2 = (await credit.post("/finance/authorisations", json=_grant(), headers=h.ent())).json()["id"]
    assert (await credit.get(f"/finance/files/{h.ENT}", headers=h.bank())).status_code == 200
    rv = await credit.post(f"/finance/authorisations/{aid2}/revocation", headers=h.ent())
    assert rv.json()["status"] == "revoked"
    assert (await credit.get(f"/finance/files/{h.ENT}", headers=h.bank())).status_code == 403


async def test_report_scope_allows_the_full_report_but_not_the_file(credit):
    await h.add_subject(credit.app, h.ENT)
    await credit.post("/finance/authorisations", json=_grant(scope="report"), headers=h.ent())
    assert (await credit.get(f"/finance/files/{h.ENT}", headers=h.bank())).status_code == 403
    r = await credit.post("/reports", json={"subject_code": h.ENT, "version": "full"}, headers=h.bank())
    assert r.status_code == 201


async def test_core_enterprise_needs_the_finance_query_scope(credit):
    await h.add_subject(credit.app, h.ENT)
    await credit.post("/finance/authorisations", json=_grant(grantee_code=h.CORE), headers=h.ent())
    assert (await credit.get(f"/finance/files/{h.ENT}", headers=h.ent(h.CORE))).status_code == 403
    ok = await credit.get(f"/finance/files/{h.ENT}", headers=h.ent(h.CORE, scopes=["credit.finance_query"]))
    assert ok.status_code == 200


async def test_outcomes_are_summarised_for_fgw_only(credit):
    await h.add_subject(credit.app, h.ENT)
    out = {
        "subject_code": h.ENT,
        "loan_granted": True,
        "amount_fen": 50_000_000,
        "loan_kind": "credit",
        "first_loan": True,
        "decided_on": business_date().isoformat(),
    }
    assert (
        await credit.post("/finance/outcomes", json=out, headers=h.bank())
    ).status_code == 403  # never authorised
    await credit.post("/finance/authorisations", json=_grant(), headers=h.ent())
    assert (await credit.post("/finance/outcomes", json=out, headers=h.bank())).status_code == 201
    declined = out | {"loan_granted": False, "amount_fen": None, "loan_kind": None, "first_loan": False}
    assert (await credit.post("/finance/outcomes", json=declined, headers=h.bank())).status_code == 201
    assert (await credit.get("/finance/summary", headers=h.dept("scjg"))).status_code == 403
    s = (await credit.get("/finance/summary", headers=h.FGW)).json()
    assert (s["decisions"], s["loans"], s["amount_fen"]) == (2, 1, 50_000_000)
    assert s["first_loans"] == {"count": 1, "amount_fen": 50_000_000} and s["credit_loans"]["count"] == 1
