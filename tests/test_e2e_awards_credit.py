"""End to end over a real NATS (spec README Events; 安政办〔2023〕4号 第二条): a candidate applies in awards (which
asks credit synchronously), the court lists it as 失信被执行人 in credit, and awards disqualifies the candidacy and
recomputes the ranking from the event alone — no call to awards."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import pytest

from anyang_awards.app import spec as awards_spec
from anyang_awards.credit_client import CreditClient
from anyang_awards.settings import AwardsSettings
from anyang_credit.app import spec as credit_spec
from anyang_credit.events import jobs as credit_jobs
from anyang_credit.settings import CreditSettings
from govkit.clock import travel_to, utcnow
from govkit.testing import bearer, eventually, service_client

YI, WAN = 100_000_000, 10_000
OFFICE = bearer("department", "gxj", scopes=["awards.office"])
ZY = bearer("department", "zy", scopes=["credit.report", "credit.list", "credit.review", "credit.draw"])
GOOD, LISTED = "91410500MA44GT012H", "91410502MA44QN0296"


@pytest.fixture(autouse=True)
def real_time_after_the_test():
    yield
    travel_to(None)


def application(name: str, revenue: int, tax: int) -> dict:
    values = {"revenue": revenue, "value_added": revenue // 4, "tax": tax, "rd_expense": revenue // 50,
              "avg_employees": 800}
    return {"enterprise_name": name, "sector": "fine_steel", "reports_on_time": True, "reports_evidence": "回执",
            "figures": {k: {"value": v, "evidence": f"审计报告-{k}"} for k, v in values.items()}}


async def test_a_listing_in_credit_disqualifies_the_awards_candidacy_and_rescoring_follows(databases, nats_url,
                                                                                        event_prefix):
    live = {"background": True, "nats_url": nats_url, "event_prefix": event_prefix}
    async with service_client(databases, credit_spec, CreditSettings, **live) as credit, \
            service_client(databases, awards_spec, AwardsSettings, **live) as awards:
        awards.app.state.credit_client = CreditClient("http://credit",
                                                      transport=httpx.ASGITransport(app=credit.app))
        travel_to(datetime(2023, 3, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")))  # both services' clock
        await awards.app.state.bus.wait_ready(5)

        r = await awards.post("/rounds", headers=OFFICE, json={"year": 2022, "category": "top10",
                                                               "announced_on": "2023-02-01",
                                                               "application_deadline": "2023-03-31"})
        rid = r.json()["id"]
        assert (await awards.post(f"/rounds/{rid}/transitions", headers=OFFICE,
                                  json={"to": "applications_open"})).status_code == 201
        ids = {}
        candidates = ((GOOD, application("甲", 10 * YI, 5000 * WAN)), (LISTED, application("乙", 6 * YI, 3000 * WAN)))
        for code, body in candidates:
            r = await awards.post(f"/rounds/{rid}/applications", json=body,
                                  headers=bearer("enterprise", code, region="410502"))
            assert r.status_code == 201, r.text
            assert r.json()["eligible"] is True  # credit answered: not listed on 2023-03-15
            assert r.json()["credit"]["status"]["dishonest_judgment_debtor"] == {"listed": False, "entry_ref": None}
            ids[code] = r.json()["id"]
        before = (await awards.post(f"/rounds/{rid}/scores", headers=OFFICE)).json()
        assert set(before["admitted"]) == set(ids.values())

        r = await credit.post("/lists/dishonest_judgment_debtor/entries", headers=ZY, json={
            "subject_code": LISTED, "subject_name": "乙", "legal_basis": "失信被执行人名单规定第一条",
            "decision_number": "（2023）豫05执恢12号", "effective_date": "2023-04-01"})
        assert r.status_code == 201, r.text
        entry_id = r.json()["id"]
        # only a listing in force disqualifies: announced when it comes into force (credit's job)
        travel_to(datetime(2023, 4, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
        in_force = next(j for j in credit_jobs if j.name == "credit.lists.in_force")
        async with credit.app.state.sessionmaker() as s, s.begin():
            assert (await in_force.fn(s, utcnow())).startswith("1 ")

        async def disqualified():
            body = (await awards.get(f"/applications/{ids[LISTED]}", headers=OFFICE)).json()
            changes = (await awards.get(f"/rounds/{rid}/ranking-changes", headers=OFFICE)).json()["items"]
            return (body, changes) if body["status"] == "disqualified" and changes else None

        body, changes = await eventually(disqualified, timeout=20)
        reason = body["disqualification"]["reasons"][0]
        assert reason["ref"] == entry_id and reason["list_code"] == "dishonest_judgment_debtor"
        assert reason["decision_number"] == "（2023）豫05执恢12号" and reason["basis"].endswith("第二条")
        assert changes[-1]["diff"]["removed"] == [ids[LISTED]]
        after = (await awards.get(f"/rounds/{rid}/scores", headers=OFFICE)).json()
        assert after["admitted"] == [ids[GOOD]] and after["seq"] == before["seq"] + 1
        # alone: max = min gives each of the five quantitative indicators its full weight; no bonus items (核心竞争力 0)
        assert after["scores"][0]["total"] == 90
