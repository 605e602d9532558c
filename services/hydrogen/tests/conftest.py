from datetime import datetime
from functools import partial

import pytest

from anyang_hydrogen.app import spec
from anyang_hydrogen.domain.conditions import CONDITIONS
from anyang_hydrogen.domain.filing import MATERIALS
from anyang_hydrogen.settings import HydrogenSettings
from govkit import clock
from govkit.testing import bearer, service_client
from govkit.testing import outbox_events as read_outbox

OPERATOR_CODE = "91410502MA44QN0296"  # ent-demo2, 文峰区
ALL_REQUIRED = [m for m in MATERIALS if m != "other"]
BUILDER = "91410500MA44GT012H"


def all_conditions(**override) -> list[dict]:
    """Every 第十二条 condition passed, with 8 filling operators and 2 intermediate technicians."""
    numbers = {"filling_operators": 8, "intermediate_technicians": 2}
    out = []
    for code in CONDITIONS:
        c = {"code": code, "passed": True, "evidence": f"{code} 证明材料"}
        if code in numbers:
            c["number"] = numbers[code]
        out.append(c | override.get(code, {}))
    return out


def _verdict(**extra) -> dict:
    return {"passed": True, "verified_on": clock.business_date().isoformat(), "experts": ["张工", "李工"],
            "findings": "符合条件", "conditions": all_conditions()} | extra


@pytest.fixture
def verdict():
    """A passing verification body (every condition met); keyword arguments override fields."""
    return _verdict


@pytest.fixture
async def hydrogen(databases):
    async with service_client(databases, spec, HydrogenSettings) as client:
        yield client


@pytest.fixture
def travel():
    """Move the service clock (Asia/Shanghai wall time) for the test; back to real time afterwards."""
    def go(*args) -> None:
        clock.travel_to(datetime(*args, tzinfo=clock.SHANGHAI))

    yield go
    clock.travel_to(None)


@pytest.fixture
def tokens() -> dict[str, dict[str, str]]:
    return {
        "regulator": bearer("department", "cgj", scopes=["hydrogen.regulator", "hydrogen.penalty", "audit.read"],
                            name="市城市管理局"),
        "wenfeng": bearer("department", "410502", scopes=["hydrogen.county"], region="410502"),
        "linzhou": bearer("department", "410581", scopes=["hydrogen.county"], region="410581"),
        "operator": bearer("enterprise", OPERATOR_CODE, region="410502", name="安阳氢能示范有限公司"),
        "other_operator": bearer("enterprise", "91410581MA44LN03XK", region="410581"),
        "yjj": bearer("department", "yjj", scopes=["hydrogen.inspect"]),
        "xfj": bearer("department", "xfzd", scopes=["hydrogen.inspect"]),
        "scjg": bearer("department", "scjg", scopes=["hydrogen.cylinders", "hydrogen.inspect"]),
        "person": bearer("person", "410502198506150026", region="410502"),
    }


@pytest.fixture
def outbox_events(hydrogen):
    return partial(read_outbox, hydrogen.app)


@pytest.fixture
def new_station(hydrogen, tokens):
    async def make(region: str = "410502", **extra) -> dict:
        body = {"name": f"示范站{region}", "region": region, "address": "示范路1号"} | extra
        headers = (
            tokens["operator"] if region == "410502" and "operator_code" not in extra else tokens["regulator"]
        )
        r = await hydrogen.post("/stations", json=body, headers=headers)
        assert r.status_code == 201, r.text
        return r.json()

    return make


@pytest.fixture
def station_at(hydrogen, tokens, new_station):
    """A 文峰区 public station of ent-demo2 on a city plan site, driven through the API to `stage`:
    planned, under_construction, accepted, filed, verified or operating."""
    async def make(stage: str = "operating") -> dict:
        site = await hydrogen.post("/plan/sites", headers=tokens["regulator"], json={
            "region": "410502", "name": "文峰点位", "address": "示范路1号"})
        assert site.status_code == 201, site.text
        station = await new_station(media=["gaseous"], use="public", land_use="fuel_station",
                                    plan_site_id=site.json()["id"])
        sid, op = station["id"], tokens["operator"]
        steps = ["under_construction", "accepted", "filed", "verified", "operating"]
        for step in steps[: steps.index(stage) + 1] if stage != "planned" else []:
            if step == "under_construction":
                for role in ("designer", "builder", "supervisor"):
                    r = await hydrogen.post(f"/stations/{sid}/parties", headers=op, json={
                        "role": role, "name": f"{role}单位", "code": BUILDER, "qualification": "甲级",
                        "certificate_number": f"{role}-001"})
                    assert r.status_code == 201, r.text
                r = await hydrogen.post(f"/stations/{sid}/construction", headers=op, json={})
            elif step == "accepted":
                r = await hydrogen.post(f"/stations/{sid}/acceptance", headers=op, json={
                    "accepted_on": clock.business_date().isoformat(), "evaluation_agency": "安评机构",
                    "evaluation_report_number": "AP-1"})
            elif step == "filed":
                r = await hydrogen.post(f"/stations/{sid}/filings", headers=op, json={"materials": ALL_REQUIRED})
                station["filing_id"] = r.json().get("id")
            elif step == "verified":
                r = await hydrogen.post(f"/filings/{station['filing_id']}/verification", headers=tokens["wenfeng"],
                                        json=_verdict())
            else:
                r = await hydrogen.post(f"/stations/{sid}/opening", headers=op,
                                        json={"opening_date": clock.business_date().isoformat()})
            assert r.status_code in (200, 201), (step, r.text)
        return station

    return make
