"""Eligibility answered through the API with article and facts; refusals (安政办〔2023〕4号 第二条, 第三条, 第七条,
第十一条, 第二十三条)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("awards_flow", Path(__file__).with_name("awards_flow.py"))
flow = importlib.util.module_from_spec(_spec)
sys.modules["awards_flow"] = flow
_spec.loader.exec_module(flow)

YI, WAN = flow.YI, flow.WAN


def check(app: dict, rule: str) -> dict:
    return next(c for c in app["eligibility"]["checks"] if c["rule"] == rule)


async def _open(c, category="top10"):
    rnd = await flow.new_round(c, category)
    await flow.step(c, rnd["id"], "applications_open", "2023-02-01")
    flow.set_clock(c.app, flow.at(flow.APPLY_DAY))
    return rnd["id"]


async def test_below_the_revenue_threshold_is_ineligible_with_article_and_facts(awards):
    flow.credit_stub(awards.app)
    rid = await _open(awards)
    figures = flow.TOP10["C"] | flow.figs(revenue=5 * YI - 1)
    app = await flow.apply(awards, rid, flow.ENT3, flow.top10_body("企业C", figures))
    c = check(app, "min_revenue")
    assert app["eligible"] is False and c["passed"] is False and c["basis"] == "安政办〔2023〕4号 第三条"
    assert c["facts"] == {"revenue": "499999999", "minimum": "500000000"}
    assert check(app, "min_tax")["passed"] is True  # 2000万 exactly: 以上 includes it


async def test_a_value_without_evidence_makes_the_application_ineligible(awards):
    flow.credit_stub(awards.app)
    rid = await _open(awards)
    figures = flow.TOP10["A"] | {"avg_employees": {"value": 1000}}
    app = await flow.apply(awards, rid, flow.ENT1, flow.top10_body("企业A", figures))
    c = check(app, "evidence")
    assert c["passed"] is False and c["basis"].endswith("第二十三条") and c["facts"]["without_evidence"] == [
        "avg_employees"]


async def test_a_listed_enterprise_is_ineligible_and_an_unreachable_credit_service_means_under_review(awards):
    hit = {"list": "dishonest_judgment_debtor", "list_name": "失信被执行人", "entry_id": "E-1", "authority": "zy",
           "legal_basis": "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
           "decision_number": "（2023）豫05执1号", "effective_date": "2023-01-01"}
    flow.credit_stub(awards.app, {flow.ENT1: [hit]})
    rid = await _open(awards)
    app = await flow.apply(awards, rid, flow.ENT1, flow.top10_body("企业A", flow.TOP10["A"]))
    c = check(app, "credit")
    assert c["passed"] is False and c["basis"].endswith("第二条") and "E-1" in c["message_en"]
    flow.credit_stub(awards.app, down=True)
    app = await flow.apply(awards, rid, flow.ENT2, flow.top10_body("企业B", flow.TOP10["B"]))
    assert app["eligible"] is False and app["under_review"] is True and check(app, "credit")["passed"] is None
    assert "待核实" in app["credit"]["message"]
    flow.credit_stub(awards.app)  # the office asks again once credit answers
    r = await awards.post(f"/applications/{app['id']}/credit-check", headers=flow.OFFICE)
    assert r.status_code == 200 and r.json()["eligible"] is True


def _fast50(person: str, **kw) -> dict:
    return {"enterprise_name": "企业", "sector": "new_materials", "reports_on_time": True,
            "reports_evidence": "回执", "person_name": person,
            "posts": [{"role": "actual_controller", "start": "2010-01-01"},
                      {"role": "legal_representative", "start": "2015-01-01"}],
            "figures": flow.figs(above_designated_size=True, main_revenue=15 * 10**7, main_revenue_y1=13 * 10**7,
                                 main_revenue_y2=11 * 10**7, main_revenue_y3=YI, revenue=15 * 10**7,
                                 revenue_y1=13 * 10**7, industrial_value_added=3 * 10**7, gross_output=14 * 10**7,
                                 output_vat=10**7, tax=500 * WAN, invention_patents=3, net_profit=10**7,
                                 total_assets=2 * YI, rd_expense=500 * WAN, rd_expense_y1=400 * WAN,
                                 total_profit=2 * 10**7, total_cost=10 * 10**7)} | kw


async def test_one_nominee_per_enterprise_across_50_strong_and_50_fast(awards):
    flow.credit_stub(awards.app)
    fast = await _open(awards, "fast50")
    top = await _open(awards, "top50")
    first = await flow.apply(awards, fast, flow.ENT2, _fast50("张三"))
    assert first["eligible"] is True, [c for c in first["eligibility"]["checks"] if c["passed"] is not True]
    assert check(first, "nomination_order")["passed"] is True
    second = _fast50("李四", posts=[{"role": "legal_representative", "start": "2015-01-01"}],
                     roles_filled=["actual_controller"], passed_over_reason="实际控制人年事已高")
    r = await awards.post(f"/rounds/{top}/applications", json=second, headers=flow.ent(flow.ENT2))
    assert r.status_code == 422 and "张三" in r.json()["detail"] and "第十一条" in r.json()["detail"]
    # another enterprise may nominate its general manager when it records why the controller is passed over
    other = await flow.apply(awards, top, flow.ENT3, second | {"posts": [
        {"role": "general_manager", "start": "2015-01-01"}, {"role": "legal_representative", "start": "2015-01-01"}]})
    assert check(other, "nomination_order")["passed"] is True and "实际控制人年事已高" in check(
        other, "nomination_order")["message_zh"]


async def test_merit10_takes_no_applications_and_late_applications_are_refused(awards):
    flow.credit_stub(awards.app)
    rid = await _open(awards, "merit10")
    r = await awards.post(f"/rounds/{rid}/applications", json=flow.top10_body("x", {}), headers=flow.ent(flow.ENT1))
    assert r.status_code == 422 and "第七条" in r.json()["detail"]
    rid = await _open(awards, "top10")
    flow.set_clock(awards.app, flow.at(flow.DEADLINE.replace(day=31)).replace(hour=23, minute=59))
    ok = await awards.post(f"/rounds/{rid}/applications", json=flow.top10_body("A", flow.TOP10["A"]),
                           headers=flow.ent(flow.ENT1))
    assert ok.status_code == 201
    flow.set_clock(awards.app, flow.at(flow.DEADLINE.replace(month=4, day=1)).replace(hour=0, minute=0))
    late = await awards.post(f"/rounds/{rid}/applications", json=flow.top10_body("B", flow.TOP10["B"]),
                             headers=flow.ent(flow.ENT2))
    assert late.status_code == 422 and "2023-03-31" in late.json()["detail"]
    assert (await awards.post(f"/rounds/{rid}/applications", json=flow.top10_body("A", flow.TOP10["A"]),
                              headers=flow.OFFICE)).status_code == 403


async def test_unknown_figures_and_bad_identifiers_are_422(awards):
    flow.credit_stub(awards.app)
    rid = await _open(awards, "top50")
    r = await awards.post(f"/rounds/{rid}/applications", headers=flow.ent(flow.ENT1),
                          json=_fast50("张三", person_id="410502198506150027"))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "person_id"
    r = await awards.post(f"/rounds/{rid}/applications", headers=flow.ent(flow.ENT1),
                          json=_fast50("张三", figures=flow.figs(bogus=1)))
    assert r.status_code == 422 and "bogus" in r.json()["detail"]
    r = await awards.post(f"/rounds/{rid}/applications", headers=flow.ent(flow.ENT1),
                          json=_fast50("张三", person_id="410502198506150026"))
    assert r.status_code == 201 and r.json()["person_id_masked"] == "410502********0026"


async def test_a_post_that_ends_before_it_starts_is_refused_naming_the_dates(awards):
    flow.credit_stub(awards.app)
    fast = await _open(awards, "fast50")
    body = _fast50("王五", posts=[{"role": "legal_representative", "start": "2015-01-01", "end": "2014-12-31"}])
    r = await awards.post(f"/rounds/{fast}/applications", json=body, headers=flow.ent(flow.ENT2))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "posts.0"
    assert "任职结束日 2014-12-31 早于开始日 2015-01-01" in r.json()["errors"][0]["message"]
