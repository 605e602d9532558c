"""Issue #10 item 10 (credit): rules found broken, probed through the gateway — national list imports respect
each list's authority (the credit lead included), the catalogue's frequency counts in the coverage view, and
a rule applies from the date its document was issued (CP: 2023-02-18)."""

from __future__ import annotations

import uuid

from govkit.ids import make_uscc


def _uscc() -> str:
    return make_uscc("91410500MA" + uuid.uuid4().hex[:7].upper())


def test_only_a_lists_authority_imports_national_entries_into_it(platform):
    gw = platform.client
    number = f"(2023)豫05执{uuid.uuid4().hex[:8]}号"
    item = {"list_code": "dishonest_judgment_debtor", "subject_code": _uscc(), "subject_name": "导入示范有限公司",
            "authority": "安阳市中级人民法院", "legal_basis": "《中华人民共和国民事诉讼法》第二百六十六条",
            "decision_number": number, "effective_date": "2023-05-10",
            "provenance": {"source": "zxgk", "retrieved_at": "2023-05-11T02:00:00Z", "source_id": number}}
    by_lead = gw.post("/credit/lists/imports", headers=platform.auth("dept-fgw"), json={"items": [item]})
    assert by_lead.status_code == 200, by_lead.text
    refused = by_lead.json()["results"][0]
    assert refused["result"] == "refused" and refused["errors"][0]["code"] == "not_authority"
    by_court = gw.post("/credit/lists/imports", headers=platform.auth("dept-zy"), json={"items": [item]})
    assert by_court.json()["results"][0]["result"] == "created", by_court.text


def test_the_catalogues_frequency_counts_in_the_coverage_view(demo_platform):
    """The demo catalogue lists 税务 `tax` monthly: one record in July leaves August a gap."""
    gw, sw = demo_platform.client, demo_platform.auth("dept-sw")
    record = {"subject_code": _uscc(), "subject_name": "纳税示范有限公司", "category": "tax",
              "decision_number": f"安税〔2023〕{uuid.uuid4().hex[:8]}号", "decision_date": "2023-07-10",
              "title": "纳税信用信息", "legal_basis": "《中华人民共和国税收征收管理法》"}
    r = gw.post("/credit/records/batch", headers=sw, json={"records": [record]})
    assert r.json()["results"][0]["status"] == "created", r.text
    july_august = {"from": "2023-07-01", "to": "2023-08-31"}
    cover = gw.get("/credit/catalogue/coverage", headers=sw, params=july_august)
    assert cover.status_code == 200, cover.text
    tax = cover.json()["departments"][0]
    assert tax["counts"]["tax"] >= 1 and not tax["complete"]
    assert tax["gaps"][0]["frequency"] == "monthly"
    assert tax["gaps"][0]["missing_periods"] == [{"period_from": "2023-08-01", "period_to": "2023-08-31"}]


def test_a_rule_applies_from_the_date_its_document_was_issued(platform):
    """An eight-added category decided the day before CP (2023-02-18) owes no deadline under CP; a penalty
    decided that day keeps the national 双公示 deadline; each answer says which rule applied."""
    gw, scjg = platform.client, platform.auth("dept-scjg")
    suffix = uuid.uuid4().hex[:8]
    base = {"subject_code": _uscc(), "subject_name": "施行示范有限公司", "decision_date": "2023-02-17",
            "title": "检查决定", "legal_basis": "《条例》第十条"}
    records = [base | {"category": "administrative_enforcement", "decision_number": f"安市监强〔2023〕{suffix}号"},
               base | {"category": "administrative_penalty", "severity": "minor",
                       "decision_number": f"安市监罚〔2023〕{suffix}号"}]
    r = gw.post("/credit/records/batch", headers=scjg, json={"records": records})
    ids = [x["record_id"] for x in r.json()["results"]]
    enforcement, penalty = (gw.get(f"/credit/records/{i}/history", headers=scjg).json()["record"] for i in ids)
    assert enforcement["publication_deadline"]["due_date"] is None
    assert "2023-02-18" in enforcement["publication_deadline"]["basis"]
    assert penalty["publication_deadline"]["due_date"] == "2023-02-28"
    assert "双公示" in penalty["publication_deadline"]["basis"]
