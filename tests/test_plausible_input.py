"""Plausible input, on the embedded SQLite and on PostgreSQL alike: impossible dates, empty legal bases
and decision numbers, invisible-only text, NUL and lone surrogates are a clear 422 that writes nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from anyang_credit.app import spec as credit_spec
from anyang_credit.settings import CreditSettings
from anyang_hydrogen.app import spec as hydrogen_spec
from anyang_hydrogen.settings import HydrogenSettings
from govkit.clock import business_date
from govkit.testing import bearer, service_client

REPORTER = bearer("department", "scjg", scopes=["credit.report"])
RECORD = {"subject_code": "91410500MA44GT012H", "subject_name": "安阳钢铁示范有限公司",
          "category": "administrative_license", "decision_number": "安市监许〔2023〕001号",
          "decision_date": "2023-03-06", "title": "食品经营许可",
          "legal_basis": "《中华人民共和国行政许可法》第三十八条"}


@pytest.fixture
async def credit(databases):
    async with service_client(databases, credit_spec, CreditSettings) as client:
        yield client


async def post_record(credit, raw: bytes):
    return await credit.post("/records/batch", content=raw,
                             headers=REPORTER | {"Content-Type": "application/json"})


def batch(**change) -> bytes:
    return json.dumps({"records": [RECORD | change]}).encode()


def refusal(r) -> dict:
    """The batch answers per record: the one record's problem."""
    assert r.status_code == 200, r.text
    result = r.json()["results"][0]
    assert result["status"] == "invalid" and r.json()["counts"]["created"] == 0
    return result["errors"][0]


@pytest.mark.parametrize(("field", "value", "says"), [
    ("decision_date", "0001-01-01", "1949-10-01"),
    ("decision_date", "1949-09-30", "1949-10-01"),
    ("legal_basis", "x", "legal basis"),
    ("legal_basis", "\u200b\u200b\u200b", "invisible"),
    ("decision_number", "x", "incomplete decision number"),
    ("title", "\u200b\u2060\ufeff", "invisible"),
])
async def test_implausible_values_are_refused_and_nothing_is_written(credit, field, value, says):
    r = await credit.post("/records/batch", json={"records": [RECORD | {field: value}]},
                          headers=REPORTER | {"Accept-Language": "en"})
    problem = refusal(r)
    assert problem["field"] == field and says in problem["message"]
    assert (await credit.get("/records", headers=REPORTER)).json()["total"] == 0


async def test_a_decision_dated_after_today_is_refused_and_one_of_today_accepted(credit):
    tomorrow = business_date() + timedelta(days=1)
    late = await post_record(credit, batch(decision_date=tomorrow.isoformat()))
    today = await post_record(credit, batch(decision_date=business_date().isoformat()))
    founding = await post_record(credit, batch(decision_date="1949-10-01", decision_number="安市监许〔1949〕1号"))
    assert refusal(late)["field"] == "decision_date"  # credit's own rule (in_future) answers it
    assert [r.json()["results"][0]["status"] for r in (today, founding)] == ["created", "created"]


@pytest.mark.parametrize("raw", [
    b'{"records": [{"title": "\\u0000x"}]}',  # NUL as an escape
    b'{"records": [{"subject_name": "a\\ud800b"}]}',  # a lone surrogate
    b'{"records": [{"title": "\\udfff"}]}',
])
async def test_nul_and_lone_surrogates_are_refused_alike_on_every_database(credit, raw):
    r = await post_record(credit, raw)
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["code"] == "string_unstorable"
    assert r.json()["errors"][0]["location"][:3] == ["body", "records", 0]


async def test_nul_in_the_query_or_path_is_refused(credit):
    assert (await credit.get("/records?subject_code=%00", headers=REPORTER)).status_code == 422
    assert (await credit.get("/records/a%00b/history", headers=REPORTER)).status_code == 422


async def test_a_hydrogen_penalty_needs_a_real_decision_number_and_provision(databases):
    async with service_client(databases, hydrogen_spec, HydrogenSettings) as hydrogen:
        r = await hydrogen.post("/penalties", headers=bearer("department", "cgj", scopes=["hydrogen.regulator"]),
                                json={"station_id": "s", "decision_number": "罚", "decided_on": "0001-01-01",
                                      "severity": "general", "violated_articles": [15], "applied_provision": "x",
                                      "summary": "\u200b", "amount_fen": 0})
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"decision_number", "decided_on", "applied_provision",
                                                          "summary"}
