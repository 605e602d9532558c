"""The official calendar as a public read: other systems compute the same deadlines as the platform."""

from __future__ import annotations


async def test_a_statutory_holiday_and_an_adjusted_working_weekend(gateway):
    national_day = (await gateway.get("/calendar/days/2023-10-02")).json()
    assert national_day["working_day"] is False
    assert (national_day["kind"], national_day["kind_label"]) == ("holiday", "法定节假日")
    assert national_day["provisional"] is False
    assert "2023" in national_day["source"]
    adjusted = (await gateway.get("/calendar/days/2023-10-07")).json()  # Saturday worked (调休)
    assert (adjusted["working_day"], adjusted["kind"], adjusted["kind_label"]) == (
        True, "adjusted_workday", "调休上班日")


async def test_a_year_without_an_official_arrangement_is_answered_provisionally(gateway):
    day = (await gateway.get("/calendar/days/2099-10-01")).json()
    assert (day["working_day"], day["kind"], day["provisional"]) == (False, "fixed_holiday", True)
    assert "临时" in day["source"]


async def test_seven_working_days_skip_the_national_day_holiday_and_count_from_the_next_day(gateway):
    r = await gateway.get("/calendar/deadlines", params={"start": "2023-09-27", "amount": 7})
    assert r.status_code == 200
    deadline = r.json()
    # 9-28 (1), 10-7 Sat worked (2), 10-8 Sun worked (3), 10-9..10-12 (4..7); 9-29..10-6 off
    assert deadline["due"] == "2023-10-12"
    assert (deadline["unit"], deadline["unit_label"], deadline["provisional"]) == ("working_day", "工作日", False)
    assert "第二百零一条" in deadline["basis"]
    english = (await gateway.get("/calendar/deadlines", params={"start": "2023-09-27", "amount": 7},
                                 headers={"Accept-Language": "en"})).json()
    assert "Art. 201" in english["basis"]


async def test_calendar_days_roll_over_a_holiday_and_bad_input_is_a_clear_422(gateway):
    r = await gateway.get("/calendar/deadlines", params={"start": "2023-09-30", "amount": 1, "unit": "calendar_day"})
    assert r.json()["due"] == "2023-10-07"  # 10-01 is a holiday: the next working day (第二百零三条)
    bad = await gateway.get("/calendar/deadlines", params={"start": "2023-02-30", "amount": 0})
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    assert {e["field"] for e in bad.json()["errors"]} == {"start", "amount"}


async def test_the_calendar_is_in_the_merged_document_without_a_token(gateway):
    doc = (await gateway.get("/openapi.json")).json()
    op = doc["paths"]["/calendar/deadlines"]["get"]
    assert " / " in op["summary"] and "security" not in op
    assert doc["components"]["schemas"]["Gateway_DayOut"]["properties"]["kind"]
