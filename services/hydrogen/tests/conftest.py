from functools import partial

import pytest

from anyang_hydrogen.app import spec
from anyang_hydrogen.settings import HydrogenSettings
from govkit.testing import bearer, service_client
from govkit.testing import outbox_events as read_outbox

OPERATOR_CODE = "91410502MA44QN0296"  # ent-demo2, 文峰区


@pytest.fixture
async def hydrogen(databases):
    async with service_client(databases, spec, HydrogenSettings) as client:
        yield client


@pytest.fixture
def tokens() -> dict[str, dict[str, str]]:
    return {
        "regulator": bearer("department", "cgj", scopes=["hydrogen.regulator"], name="市城市管理局"),
        "wenfeng": bearer("department", "410502", scopes=["hydrogen.county"], region="410502"),
        "linzhou": bearer("department", "410581", scopes=["hydrogen.county"], region="410581"),
        "operator": bearer("enterprise", OPERATOR_CODE, region="410502", name="安阳氢能示范有限公司"),
        "other_operator": bearer("enterprise", "91410581MA44LN03XK", region="410581"),
        "yjj": bearer("department", "yjj"),
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
