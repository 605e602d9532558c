from functools import partial

import pytest

from anyang_housing.app import spec
from anyang_housing.settings import HousingSettings
from govkit import clock
from govkit.testing import bearer, service_client
from govkit.testing import outbox_events as read_outbox

PERSON_ID = "410502198506150026"  # person-demo, born 1985-06-15
OTHER_ID = "11010519491231002X"
OPERATOR = "91410500MA44GT012H"  # ent-demo1: builds housing for its own employees
OTHER_ENTERPRISE = "91410502MA44QN0296"  # ent-demo2


@pytest.fixture
async def housing(databases):
    async with service_client(databases, spec, HousingSettings) as client:
        yield client


@pytest.fixture
def tokens() -> dict[str, dict[str, str]]:
    return {
        "admin": bearer("department", "zjj", scopes=["housing.admin", "audit.read"], name="市住房和城乡建设局"),
        "person": bearer("person", PERSON_ID, region="410502"),
        "other_person": bearer("person", OTHER_ID),
        "fgw": bearer("department", "fgw", scopes=["credit.admin"]),
        "wenfeng": bearer("department", "410502", region="410502", scopes=["housing.region"], name="文峰区人民政府"),
        "beiguan": bearer("department", "410503", region="410503", scopes=["housing.region"], name="北关区人民政府"),
        "linzhou": bearer("department", "410581", region="410581", scopes=["housing.region"], name="林州市人民政府"),
        "operator": bearer("enterprise", OPERATOR, name="安阳钢铁示范有限公司"),
        "other_enterprise": bearer("enterprise", OTHER_ENTERPRISE, region="410502"),
    }


@pytest.fixture
def outbox_events(housing):
    return partial(read_outbox, housing.app)


@pytest.fixture
def travel():
    """Move the service clock (govkit.clock.travel_to); back to real time afterwards."""
    yield clock.travel_to
    clock.travel_to(None)


REVIEW = {"approved": True, "departments": ["区发展改革委", "区住房城乡建设局"], "opinion": "同意上报"}


def project_body(region: str = "410502", areas=("45", "70", "70", "89"), **extra) -> dict:
    return {
        "name": "安钢职工保障性租赁住房", "region": region, "locality": "中华路片区", "address": "中华路88号",
        "source": "new_build", "land_type": "enterprise_own", "operator_name": "安阳钢铁示范有限公司",
        "units": [{"number": f"1-{i + 101}", "floor_area_m2": a} for i, a in enumerate(areas)],
    } | extra


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json()


class Flow:
    """Building blocks: a project taken from registration to a filed rent, applications, units."""

    review = REVIEW
    body = staticmethod(project_body)
    ok = staticmethod(ok)

    def __init__(self, housing, tokens) -> None:
        self.housing, self.tokens = housing, tokens

    async def registered(self, **extra) -> dict:
        return ok(await self.housing.post("/projects", json=project_body(**extra), headers=self.tokens["operator"]),
                  201)

    async def market_rent(self, region: str = "410502", rent: int = 1800) -> None:
        ok(await self.housing.post("/market-rents", headers=self.tokens["admin"], json={
            "region": region, "locality": "中华路片区", "rent_fen_per_m2": rent, "valid_from": "2023-01-01",
            "source": "监测"}), 201)

    async def recognised(self, *, rent: int = 1200, market: int = 1800, **extra) -> dict:
        """A city-area project: registered by its operator, reviewed by 文峰区, approved, rent filed."""
        h, t = self.housing, self.tokens
        p = await self.registered(**extra)
        ok(await h.post(f"/projects/{p['id']}/joint-review", json=REVIEW, headers=t["wenfeng"]))
        ok(await h.post(f"/projects/{p['id']}/approval", json={}, headers=t["admin"]))
        await self.market_rent(p["region"], market)
        ok(await h.post(f"/projects/{p['id']}/rent-filings", json={"rent_fen_per_m2": rent}, headers=t["operator"]),
           201)
        return ok(await h.get(f"/projects/{p['id']}", headers=t["operator"]))

    async def apply(self, token: str = "person", id_number: str = PERSON_ID, **extra) -> dict:
        body = {"applicant_name": "申请人", "id_number": id_number, "household_members": 1} | extra
        return ok(await self.housing.post("/applications", json=body, headers=self.tokens[token]), 201)

    async def units(self, project_id: str) -> list[dict]:
        return ok(await self.housing.get(f"/projects/{project_id}/units", headers=self.tokens["operator"]))["items"]

    async def offer(self, project_id: str, unit_id: str, token: str = "operator", **extra) -> dict:
        return ok(await self.housing.post(f"/projects/{project_id}/offers", json={"unit_id": unit_id} | extra,
                                          headers=self.tokens[token]), 201)


@pytest.fixture
def flow(housing, tokens) -> Flow:
    return Flow(housing, tokens)
