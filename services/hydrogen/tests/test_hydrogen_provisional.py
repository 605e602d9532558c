"""Provisional due dates in a year without an official arrangement, recomputed by govkit's job once the
year's arrangement is loaded (README: Working days)."""

import json

from anyang_hydrogen.events import jobs
from govkit.rules.provisional import JOB_NAME, current_calendar


async def test_a_provisional_due_date_is_recomputed_once_the_arrangement_is_loaded(
    hydrogen, tokens, station_at, travel, tmp_path, monkeypatch
):
    # 2030 has no arrangement: weekends and fixed-date holidays only. Received Fri 2030-02-01: due Wed 02-06.
    travel(2030, 2, 1, 10)
    station = await station_at("filed")
    filing = (await hydrogen.get(f"/filings/{station['filing_id']}", headers=tokens["wenfeng"])).json()
    assert filing["verification_due"] == "2030-02-06" and filing["due_provisional"] is True
    assert "临时期限" in filing["due_basis"]
    acceptance = (await hydrogen.get(f"/stations/{station['id']}/acceptance")).json()["items"][0]
    assert acceptance["due_provisional"] is True

    # the city loads the State Council's 2030 arrangement (a test arrangement: 02-02..02-08 off, 02-09 worked)
    (tmp_path / "2030.json").write_text(json.dumps({
        "year": 2030, "source": "国务院办公厅关于2030年部分节假日安排的通知（测试）",
        "holidays": [f"2030-02-0{d}" for d in range(2, 9)], "workdays": ["2030-02-09"]}), encoding="utf-8")
    monkeypatch.setenv("GOVKIT_CALENDAR_DIR", str(tmp_path))
    job = next(j for j in jobs if j.name == JOB_NAME)
    async with hydrogen.app.state.sessionmaker() as session, session.begin():
        from govkit.clock import utcnow

        assert await job.fn(session, utcnow()) == "2 provisional due date(s) recomputed"
        assert await job.fn(session, utcnow()) == "0 provisional due date(s) recomputed"  # safe to run twice
    filing = (await hydrogen.get(f"/filings/{station['filing_id']}", headers=tokens["wenfeng"])).json()
    # working days after 02-01: 02-09 (adjusted Saturday), 02-11, 02-12
    assert filing["verification_due"] == "2030-02-12" and filing["due_provisional"] is False
    assert "2030年部分节假日安排" in filing["due_basis"]
    monkeypatch.delenv("GOVKIT_CALENDAR_DIR")
    current_calendar()  # reload without the test arrangement
