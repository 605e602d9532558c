"""Issue #10 item 1: the awards procedure obeys the service's own clock (through the gateway, real platform)."""

from __future__ import annotations

from datetime import timedelta

from govkit.clock import business_date
from govkit.testing.documents import merged_document


def _round_up_to_preliminary_opinion(platform) -> str:
    """A round whose applications closed before today, taken through county and department review today."""
    gw, office = platform.client, platform.auth("dept-gxj")
    # three years back: the accident e2e test holds the top10 rounds of the last two years on the shared platform
    year = business_date().year - 3
    r = gw.post("/awards/rounds", headers=office, json={
        "year": year, "category": "top10", "announced_on": f"{year + 1}-01-02",
        "application_deadline": f"{year + 1}-01-31"})
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    for to in ("applications_open", "county_review", "department_review"):
        assert gw.post(f"/awards/rounds/{rid}/transitions", headers=office, json={"to": to}).status_code == 201
    for dept in ("dept-tjj", "dept-sw", "dept-kjj", "dept-swj"):
        r = gw.post(f"/awards/rounds/{rid}/department-opinions", headers=platform.auth(dept),
                    json={"opinion": "数据已核"})
        assert r.status_code == 201, r.text
    r = gw.post(f"/awards/rounds/{rid}/transitions", headers=office, json={"to": "preliminary_opinion"})
    assert r.status_code == 201, r.text
    return rid


def test_a_step_dated_five_years_ahead_is_refused_and_a_step_is_dated_today(platform):
    gw, office = platform.client, platform.auth("dept-gxj")
    today = business_date()
    year = today.year - 1
    rid = gw.post("/awards/rounds", headers=office, json={
        "year": year, "category": "fast10", "announced_on": f"{year + 1}-01-02",
        "application_deadline": f"{year + 1}-01-31"}).json()["id"]
    ahead = (today + timedelta(days=5 * 365)).isoformat()
    r = gw.post(f"/awards/rounds/{rid}/transitions", headers=office, json={"to": "applications_open", "as_of": ahead})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "as_of"
    assert gw.get(f"/awards/rounds/{rid}").json()["state"] == "announced"
    r = gw.post(f"/awards/rounds/{rid}/transitions", headers=office,
                json={"to": "applications_open", "as_of": today.isoformat()})
    assert r.status_code == 201 and r.json()["as_of"] == today.isoformat()
    document = merged_document(gw)  # every service in it (the gateway keeps a partial one while one is slow)
    schemas = document["components"]["schemas"]
    transition_in = next(v for v in schemas.values() if "tie_winners" in v.get("properties", {}))
    assert transition_in["properties"]["as_of"].get("deprecated") is True


def test_meetings_dated_before_the_step_began_or_in_the_future_are_refused(platform):
    gw, office = platform.client, platform.auth("dept-gxj")
    rid = _round_up_to_preliminary_opinion(platform)
    today = business_date()
    for held_on in (today - timedelta(days=3 * 365), today + timedelta(days=1)):
        r = gw.post(f"/awards/rounds/{rid}/meetings", headers=office,
                    json={"kind": "leading_group", "held_on": held_on.isoformat(), "ref": "纪要〔2020〕1号"})
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "held_on", r.text
    assert gw.get(f"/awards/rounds/{rid}/meetings", headers=office).json()["items"] == []
    r = gw.post(f"/awards/rounds/{rid}/meetings", headers=office,
                json={"kind": "leading_group", "held_on": today.isoformat(), "ref": "纪要〔2026〕1号"})
    assert r.status_code == 201, r.text
    # the notice cannot be ended by the caller: publishing while it runs is refused whatever date is sent
    assert gw.post(f"/awards/rounds/{rid}/transitions", headers=office,
                   json={"to": "published", "as_of": (today + timedelta(days=5 * 365)).isoformat()}).status_code == 422


