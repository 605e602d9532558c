"""Shared helpers of the awards API tests (loaded by path: pytest runs with --import-mode=importlib)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import httpx

from anyang_awards.credit_client import CreditClient
from govkit.clock import travel_to
from govkit.ids import make_uscc
from govkit.testing import bearer

SH = ZoneInfo("Asia/Shanghai")
YI, WAN = 100_000_000, 10_000
ENT1 = "91410500MA44GT012H"  # city-registered: county review by the office
ENT2 = "91410502MA44QN0296"  # 文峰区
ENT3 = "91410581MA44LN03XK"  # 林州市
OFFICE = bearer("department", "gxj", scopes=["awards.office"])
TJJ = bearer("department", "tjj", scopes=["awards.department_review"])
KJJ = bearer("department", "kjj", scopes=["awards.department_review"])
SWJ = bearer("department", "swj", scopes=["awards.department_review"])
SW = bearer("department", "sw", scopes=["awards.department_review"])
LINZHOU = bearer("department", "410581", scopes=["awards.county_review"], region="410581")
WENFENG = bearer("department", "410502", scopes=["awards.county_review"], region="410502")
REGION = {ENT1: "410500", ENT2: "410502", ENT3: "410581"}
COUNTY = {"410500": OFFICE, "410502": WENFENG, "410581": LINZHOU}


def ent(code: str) -> dict:
    return bearer("enterprise", code, region=REGION.get(code, "410502"))


def uscc(n: int) -> str:
    return make_uscc(f"91410502MA44T{n:04d}")


def set_clock(app, when: datetime) -> None:
    """Move the service's clock (govkit.clock, process-wide; the conftest puts it back after each test)."""
    travel_to(when)


def at(d: date, t: time = time(10, 0)) -> datetime:
    return datetime.combine(d, t, tzinfo=SH)


def credit_stub(app, listed: dict[str, list[dict]] | None = None, *, down: bool = False) -> None:
    """A credit service answering like anyang_credit's GET /lists/check/{code} (hits per list)."""
    listed = listed or {}

    def handler(request: httpx.Request) -> httpx.Response:
        if down:
            raise httpx.ConnectError("refused", request=request)
        code = request.url.path.rsplit("/", 1)[-1]
        hits = listed.get(code, [])
        return httpx.Response(200, json={"subject_code": code, "as_of": request.url.params.get("as_of"),
                                         "listed": bool(hits), "hits": hits})

    app.state.credit_client = CreditClient("http://credit.test", transport=httpx.MockTransport(handler))


def figs(**values) -> dict:
    return {k: {"value": v, "evidence": f"佐证-{k}"} for k, v in values.items()}


# 第三条 hand-computed case (see test_awards_scoring.py TOP10)
TOP10 = {
    "A": figs(revenue=10 * YI, value_added=3 * YI, tax=5000 * WAN, rd_expense=3000 * WAN, avg_employees=1000,
              listed_company=True, national_little_giant=True),
    "B": figs(revenue=6 * YI, value_added=2 * YI, tax=3500 * WAN, rd_expense=3000 * WAN, avg_employees=500,
              provincial_specialised_sme=True),
    "C": figs(revenue=8 * YI, value_added=1 * YI, tax=2000 * WAN, rd_expense=800 * WAN, avg_employees=500),
}
APPLY_DAY = date(2023, 3, 15)
DEADLINE = date(2023, 3, 31)


async def new_round(c, category: str = "top10", year: int = 2022, **kw) -> dict:
    body = {"year": year, "category": category, "announced_on": "2023-02-01",
            "application_deadline": DEADLINE.isoformat()} | kw
    r = await c.post("/rounds", json=body, headers=OFFICE)
    assert r.status_code == 201, r.text
    return r.json()


async def step(c, round_id: str, to: str, as_of: date | str, expect: int = 201, **kw) -> dict:
    """The step taken on the business date `as_of` (the clock is moved there first)."""
    set_clock(c.app, at(date.fromisoformat(str(as_of))))
    r = await c.post(f"/rounds/{round_id}/transitions", json={"to": to, "as_of": str(as_of)} | kw, headers=OFFICE)
    assert r.status_code == expect, r.text
    return r.json()


def top10_body(name: str, figures: dict, **kw) -> dict:
    return {"enterprise_name": name, "sector": "fine_steel", "reports_on_time": True,
            "reports_evidence": "统计联网直报回执", "figures": figures} | kw


async def apply(c, round_id: str, code: str, body: dict, expect: int = 201) -> dict:
    set_clock(c.app, at(APPLY_DAY))
    r = await c.post(f"/rounds/{round_id}/applications", json=body, headers=ent(code))
    assert r.status_code == expect, r.text
    return r.json()


async def top10_applied(c) -> tuple[dict, dict[str, dict]]:
    """A 2022 top10 round with A (ENT1), B (ENT2), C (ENT3) applied."""
    credit_stub(c.app)
    rnd = await new_round(c)
    await step(c, rnd["id"], "applications_open", "2023-02-01")
    apps = {}
    for key, code in zip("ABC", (ENT1, ENT2, ENT3), strict=True):
        apps[key] = await apply(c, rnd["id"], code, top10_body(f"企业{key}", TOP10[key]))
    return rnd, apps


async def through_reviews(c, rnd: dict, apps: dict[str, dict]) -> None:
    """county review → department review (opinions) → preliminary opinion (scored)."""
    rid = rnd["id"]
    await step(c, rid, "county_review", "2023-04-03")
    for a in apps.values():
        r = await c.post(f"/applications/{a['id']}/county-review", json={"decision": "approved", "opinion": "同意推荐"},
                         headers=COUNTY[a["region"]])
        assert r.status_code == 200, r.text
    await step(c, rid, "department_review", "2023-04-10")
    for h in (TJJ, SW, KJJ, SWJ):
        r = await c.post(f"/rounds/{rid}/department-opinions", json={"opinion": "数据已核"}, headers=h)
        assert r.status_code == 201, r.text
    await step(c, rid, "preliminary_opinion", "2023-04-20")


async def to_public_notice(c, rnd: dict, **kw) -> dict:
    rid = rnd["id"]
    set_clock(c.app, at(date(2023, 4, 25)))
    r = await c.post(f"/rounds/{rid}/meetings", json={"kind": "leading_group", "held_on": "2023-04-25",
                                                      "ref": "领导小组会议纪要〔2023〕1号"}, headers=OFFICE)
    assert r.status_code == 201, r.text
    await step(c, rid, "city_examination", "2023-04-26")
    for kind, day in (("executive", "2023-05-10"), ("standing_committee", "2023-05-11")):
        set_clock(c.app, at(date.fromisoformat(day)))
        r = await c.post(f"/rounds/{rid}/meetings", json={"kind": kind, "held_on": day, "ref": f"{kind}纪要"},
                         headers=OFFICE)
        assert r.status_code == 201, r.text
    return await step(c, rid, "public_notice", "2023-05-11", **kw)


async def outbox(app, event_type: str) -> list[dict]:
    import json

    from sqlalchemy import select

    from anyang_awards.models import kit

    async with app.state.sessionmaker() as s:
        rows = (await s.execute(select(kit.outbox.c.payload).where(kit.outbox.c.type == event_type)
                                .order_by(kit.outbox.c.id))).scalars().all()
    return [json.loads(p) if isinstance(p, str) else p for p in rows]


