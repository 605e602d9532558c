"""An accident reported and concluded through /hydrogen/accidents reaches awards over a real NATS, through the
real platform (gateway + services as processes): a 较大 accident marks the operator's candidacy of that year
under review, and the investigation's conclusion disqualifies it (责任事故) or lifts the mark
(安政办〔2023〕2号 第二十五条; 安政办〔2023〕4号 第二十四条)."""

from __future__ import annotations

import uuid

import pytest

from govkit.clock import business_date
from govkit.testing import eventually
from govkit.testing.platform import run_platform

OPERATOR = "ent-demo2"  # 安阳氢能示范有限公司, a hydrogen station operator and an award applicant
FIGURES = {k: {"value": v, "evidence": f"佐证-{k}"} for k, v in {
    "revenue": 10 * 10**8, "value_added": 3 * 10**8, "tax": 5000 * 10**4, "rd_expense": 3000 * 10**4,
    "avg_employees": 1000}.items()}


async def _candidacy(c, auth, year: int) -> str:
    today = business_date()
    r = await c.post("/awards/rounds", headers=auth("dept-gxj"), json={
        "year": year, "category": "top10", "announced_on": today.isoformat(),
        "application_deadline": today.replace(month=12, day=31).isoformat()})
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    r = await c.post(f"/awards/rounds/{rid}/transitions", headers=auth("dept-gxj"),
                     json={"to": "applications_open", "as_of": today.isoformat()})
    assert r.status_code == 201, r.text
    r = await c.post(f"/awards/rounds/{rid}/applications", headers=auth(OPERATOR), json={
        "enterprise_name": "安阳氢能示范有限公司", "sector": "hydrogen_and_storage", "reports_on_time": True,
        "reports_evidence": "统计联网直报回执", "figures": FIGURES})
    assert r.status_code == 201, r.text
    return r.json()["id"]


async def _accident(c, auth, station_id: str, year: int) -> str:
    r = await c.post("/hydrogen/accidents", headers=auth(OPERATOR), json={
        "station_id": station_id, "occurred_on": f"{year}-08-01", "severity": "larger",
        "summary": "卸车作业时高压软管接头泄漏引发火灾", "direct_loss_yuan": 12_000_000})
    assert r.status_code == 201 and r.json()["announced"] is True, r.text
    return r.json()["id"]


@pytest.fixture(scope="module")
def platform(databases, nats_url, tmp_path_factory):
    """A platform of this module's own: the rounds it opens (one per year and category, 第十二条) meet no
    round another test on a shared platform opened for the same year."""
    with run_platform(databases, nats_url, tmp_path_factory.mktemp("accident-awards")) as running:
        yield running


@pytest.mark.parametrize(("responsible", "years_ago"), [(True, 1), (False, 2)])  # one round a year (第十二条)
async def test_a_concluded_accident_disqualifies_or_clears_the_candidacy(platform, responsible, years_ago):
    auth, year = platform.auth, business_date().year - years_ago
    async with platform.async_client() as c:
        app_id = await _candidacy(c, auth, year)
        station = await c.post("/hydrogen/stations", headers=auth(OPERATOR), json={
            "name": f"事故站{uuid.uuid4().hex[:6]}", "region": "410502", "address": "中华路1号"})
        assert station.status_code == 201, station.text
        accident_id = await _accident(c, auth, station.json()["id"], year)

        async def application() -> dict:
            return (await c.get(f"/awards/applications/{app_id}", headers=auth("dept-gxj"))).json()

        async def under_review():
            body = await application()
            return body if body["under_review"] else None

        marked = await eventually(under_review, timeout=30)
        assert marked["marks"][0]["status"] == "under_review"

        r = await c.post(f"/hydrogen/accidents/{accident_id}/conclusion", headers=auth("dept-cgj"), json={
            "responsible": responsible, "conclusion": "调查报告认定" + ("责任事故" if responsible else "非责任事故"),
            "concluded_on": business_date().isoformat()})
        assert r.status_code == 200, r.text

        async def settled():
            body = await application()
            if responsible:
                return body if body["status"] == "disqualified" else None
            return body if body["marks"][-1]["status"] == "lifted" else None

        out = await eventually(settled, timeout=30)
        if responsible:
            assert out["disqualification"]["reasons"][0]["ref"] == accident_id
        else:
            assert out["under_review"] is False and out["eligible"] is True
