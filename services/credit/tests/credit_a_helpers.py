"""Shared helpers of the part-A API tests (loaded by path: pytest runs with --import-mode=importlib)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from govkit.ids import make_resident_id, make_uscc
from govkit.testing import bearer

ENT_A = make_uscc("91410500MA44A0001")
ENT_B = make_uscc("91410500MA44A0002")
GOV_BODY = make_uscc("11410500MB1230001")
PERSON = make_resident_id("41050219850615003")
REPORT = ["credit.report"]
FGW = bearer("department", "fgw", scopes=["credit.admin", "credit.report"])
SCJG = bearer("department", "scjg", scopes=REPORT)
SW = bearer("department", "sw", scopes=REPORT)


def ent(code: str = ENT_A) -> dict:
    return bearer("enterprise", code)


def person(code: str = PERSON) -> dict:
    return bearer("person", code)


def rec(number: str, *, code: str = ENT_A, category: str = "administrative_license", decided: str = "2023-03-06",
        **extra) -> dict:
    body = {"subject_code": code, "subject_name": "安阳甲示范有限公司" if code != PERSON else "张三丰",
            "category": category, "decision_number": number, "decision_date": decided,
            "title": f"决定 {number}", "legal_basis": "《中华人民共和国行政许可法》第三十八条"}
    if category == "administrative_penalty":
        body["severity"] = "general"
    return body | extra


async def report(client, records: list[dict], headers=SCJG, publish: bool = False):
    return await client.post("/records/batch", json={"records": records, "publish": publish}, headers=headers)


async def report_one(client, record: dict, headers=SCJG, publish: bool = False) -> str:
    r = await report(client, [record], headers, publish)
    assert r.status_code == 200, r.text
    result = r.json()["results"][0]
    assert result["status"] in ("created", "unchanged"), result
    return result["record_id"]


def load(name: str):
    """Load a sibling helper module by path (importlib import mode)."""
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return module
