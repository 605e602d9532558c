"""Public grades through HTTP: contributions, as_of, imported grade wins, rule-set data, events."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from anyang_credit.app import spec
from govkit.clock import SHANGHAI, business_date, travel_to
from govkit.ids import make_uscc

_p = Path(__file__).with_name("credit_b_helpers.py")
h = sys.modules.get("credit_b_helpers")
if h is None:
    _s = importlib.util.spec_from_file_location("credit_b_helpers", _p)
    h = importlib.util.module_from_spec(_s)
    sys.modules["credit_b_helpers"] = h
    _s.loader.exec_module(h)


async def _events(app, event_type: str) -> list[dict]:
    async with app.state.sessionmaker() as s:
        rows = (
            await s.execute(select(spec.kit.outbox.c.payload).where(spec.kit.outbox.c.type == event_type))
        ).scalars()
        return [json.loads(r) if isinstance(r, str) else r for r in rows]


async def test_grade_lists_contributing_record_and_points_as_of_a_date(credit):
    rid = await h.add_record(credit.app, h.ENT, decided=date(2023, 5, 1), severity="serious")
    before = (await credit.get(f"/grades/{h.ENT}", params={"as_of": "2023-04-30"})).json()
    assert (
        before["grade"] == "B" and before["local"]["score"] == 80 and before["local"]["contributions"] == []
    )
    on = (await credit.get(f"/grades/{h.ENT}", params={"as_of": "2023-05-01"})).json()
    assert on["grade"] == "C" and on["source"] == "local" and on["local"]["score"] == 60
    [c] = on["local"]["contributions"]
    assert c["record_id"] == rid and c["points"] == -20
    year_later = (await credit.get(f"/grades/{h.ENT}", params={"as_of": "2024-05-01"})).json()
    assert year_later["local"]["contributions"][0]["points"] == -10 and year_later["grade"] == "B"


def _on(day: date) -> None:
    """Write as on `day` (10:00 in Shanghai): a grade as of a date uses only what was known by then (#10 item 8)."""
    travel_to(datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI))


async def test_list_entry_forces_d_while_effective(credit):
    _on(date(2023, 2, 20))
    await credit.post("/lists/major_tax_violation/entries", json=h.entry(), headers=h.dept("sw"))
    travel_to(None)
    assert (await credit.get(f"/grades/{h.ENT}", params={"as_of": "2023-03-01"})).json()["grade"] == "D"
    assert (await credit.get(f"/grades/{h.ENT}", params={"as_of": "2023-02-28"})).json()["grade"] == "B"


async def test_imported_grade_wins_from_its_evaluation_date_and_emits_changed(credit):
    await h.add_record(credit.app, h.ENT, decided=date(2023, 5, 1), severity="serious")
    _on(date(2023, 7, 1))
    r = await credit.post(
        "/grades/imports",
        headers=h.FGW,
        json={
            "items": [
                {
                    "subject_code": h.ENT,
                    "grade": "A",
                    "source": "national",
                    "evaluated_on": "2023-07-01",
                    "reference": "全国信用信息共享平台 2023Q2",
                }
            ]
        },
    )
    assert r.json()["results"][0]["result"] == "created"
    travel_to(None)
    after = (await credit.get(f"/grades/{h.ENT}", params={"as_of": "2023-07-01"})).json()
    assert after["grade"] == "A" and after["source"] == "national" and after["local"]["grade"] == "C"
    assert (await credit.get(f"/grades/{h.ENT}", params={"as_of": "2023-06-30"})).json()["grade"] == "C"
    changed = await _events(credit.app, "credit.grade.changed")
    assert changed[-1]["data"]["grade"] == "A" and changed[-1]["data"]["subject_code"] == h.ENT
    again = await credit.post(
        "/grades/imports",
        headers=h.FGW,
        json={
            "items": [
                {"subject_code": h.ENT, "grade": "A", "source": "national", "evaluated_on": "2023-07-01"}
            ]
        },
    )
    assert again.json()["results"][0]["result"] == "unchanged"


async def test_grade_import_only_by_fgw_admin(credit):
    body = {
        "items": [{"subject_code": h.ENT, "grade": "A", "source": "national", "evaluated_on": "2023-07-01"}]
    }
    assert (await credit.post("/grades/imports", headers=h.dept("scjg"), json=body)).status_code == 403


async def test_industry_grade_is_kept_beside_the_public_grade(credit):
    _on(date(2023, 3, 1))
    r = await credit.post(
        "/grades/industry",
        headers=h.dept("rsj"),
        json={
            "items": [
                {"subject_code": h.ENT, "industry": "劳动保障", "grade": "A", "evaluated_on": "2023-03-01"}
            ]
        },
    )
    assert r.json()["results"][0]["result"] == "created"
    travel_to(None)
    g = (await credit.get(f"/grades/{h.ENT}", params={"as_of": "2023-04-01"})).json()
    assert g["industry_grades"] == [
        {
            "industry": "劳动保障",
            "department": "rsj",
            "department_name": "市人力资源和社会保障局",
            "grade": "A",
            "evaluated_on": "2023-03-01",
            "reference": "",
        }
    ]


async def test_a_batch_of_the_largest_size_answers_each_item_once(credit):
    """5,000 items (the schema's bound) in one call: the first of each key is created, the same sent again is
    unchanged, another grade for it a conflict, a bad code refused — one answer per item, in order."""
    subjects = [make_uscc(f"91410500MA45{n:05d}") for n in range(1000)]
    item = {"industry": "劳动保障", "grade": "A", "evaluated_on": "2023-03-01"}
    items = [{"subject_code": code} | item for code in subjects] * 4
    items += [{"subject_code": subjects[0]} | item | {"grade": "B"}] * 999 + [{"subject_code": "91410500MA45"} | item]
    r = await credit.post("/grades/industry", headers=h.dept("rsj"), json={"items": items})
    results = r.json()["results"]
    assert [x["index"] for x in results] == list(range(5000))
    assert [x["result"] for x in results] == ["created"] * 1000 + ["unchanged"] * 3000 + ["conflict"] * 999 + [
        "refused"]
    again = await credit.post("/grades/industry", headers=h.dept("rsj"), json={"items": items[:1000]})
    assert {x["result"] for x in again.json()["results"]} == {"unchanged"}
    g = (await credit.get(f"/grades/{subjects[999]}")).json()
    assert [(x["industry"], x["grade"]) for x in g["industry_grades"]] == [("劳动保障", "A")]


async def test_imported_grades_of_many_subjects_each_become_their_public_grade(credit):
    subjects = [make_uscc(f"91410500MA46{n:05d}") for n in range(300)]
    _on(date(2023, 7, 1))
    items = [{"subject_code": code, "grade": "A" if n % 2 else "C", "source": "provincial",
              "evaluated_on": "2023-07-01"} for n, code in enumerate(subjects)]
    r = await credit.post("/grades/imports", headers=h.FGW, json={"items": items + items[:10]})
    travel_to(None)
    assert [x["result"] for x in r.json()["results"]] == ["created"] * 300 + ["unchanged"] * 10
    for n in (0, 1, 299):
        g = (await credit.get(f"/grades/{subjects[n]}", params={"as_of": "2023-07-02"})).json()
        assert (g["grade"], g["source"]) == ("A" if n % 2 else "C", "provincial")
    changed = {e["data"]["subject_code"]: e["data"]["grade"] for e in await _events(credit.app, "credit.grade.changed")}
    assert changed[subjects[0]] == "C" and changed[subjects[1]] == "A"  # B is the grade with no records


async def test_new_rule_set_version_is_data_from_a_future_date(credit):
    rs = (await credit.get("/grades/rule-sets")).json()["items"]
    assert rs[0]["version"] == "2023.1"
    tomorrow = business_date() + timedelta(days=1)
    doc = {
        "version": "2099.1",
        "valid_from": tomorrow.isoformat(),
        "reference": "test",
        "baseline": 85,
        "points": {"administrative_penalty": {"by_severity": {"minor": -1, "general": -5, "serious": -30}}},
        "decay": {"method": "none"},
        "lists": {},
        "thresholds": [
            {"grade": "A", "min_score": 90},
            {"grade": "B", "min_score": 70},
            {"grade": "C", "min_score": 50},
            {"grade": "D", "min_score": 0},
        ],
    }
    assert (
        await credit.post("/grades/rule-sets", json={"document": doc}, headers=h.dept("scjg"))
    ).status_code == 403
    past = doc | {"valid_from": "2023-01-01", "version": "past"}
    assert (await credit.post("/grades/rule-sets", json={"document": past}, headers=h.FGW)).status_code == 422
    r = await credit.post("/grades/rule-sets", json={"document": doc}, headers=h.FGW)
    assert r.status_code == 201, r.text
    await h.add_record(credit.app, h.ENT, decided=date(2023, 5, 1), severity="serious")
    g = (await credit.get(f"/grades/{h.ENT}", params={"as_of": tomorrow.isoformat()})).json()
    assert g["local"]["rule_set_version"] == "2099.1" and g["local"]["score"] == 55 and g["grade"] == "C"
    old = (await credit.get(f"/grades/{h.ENT}", params={"as_of": "2023-05-01"})).json()
    assert old["local"]["rule_set_version"] == "2023.1"


async def test_a_persons_grade_is_not_public(credit):
    await h.add_record(credit.app, h.PERSON, category="dishonesty", decided=date(2023, 5, 1), severity=None)
    assert (await credit.get(f"/grades/{h.PERSON}")).status_code == 403
    assert (await credit.get(f"/grades/{h.PERSON}", headers=h.person())).status_code == 200


async def test_a_date_before_the_first_rule_set_is_a_422_naming_the_rule_and_its_start(credit):
    await h.add_subject(credit.app, h.ENT)
    r = await credit.get(f"/grades/{h.ENT}", params={"as_of": "0239-02-27"})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "0239-02-27 时规则 credit.grade.rule_set 尚未施行（自 2023-02-18 起施行）"
