"""十大功勋企业家 (第七条): 差额 nomination among the year's 50强 winners, the vote, the tie, the honours
(第二十二条)."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from anyang_awards.models.results import Honour
from anyang_awards.models.rounds import Round

_spec = importlib.util.spec_from_file_location("awards_flow", Path(__file__).with_name("awards_flow.py"))
flow = importlib.util.module_from_spec(_spec)
sys.modules["awards_flow"] = flow
_spec.loader.exec_module(flow)


async def _top50_winners(app, n: int = 12) -> list[str]:
    """A published 2022 top50 round with n honours (its own flow is covered by the top10 tests)."""
    async with app.state.sessionmaker() as s, s.begin():
        rnd = Round(id=str(uuid.uuid4()), year=2022, category="top50", state="published", announced_on=date(2023, 2, 1),
                    application_deadline=date(2023, 3, 31), review_departments=[], created_by="test",
                    created_at=datetime.now(UTC), published_on=date(2023, 5, 25))
        s.add(rnd)
        await s.flush()
        ids = []
        for i in range(n):
            h = Honour(id=str(uuid.uuid4()), round_id=rnd.id, year=2022, category="top50",
                       title="2022年度安阳市制造业“50强”企业家", entity_code=flow.uscc(i), entity_name=f"企业{i}",
                       person_name=f"企业家{i:02d}", rank=i + 1, items=["title", "certificate", "plaque", "trophy"],
                       granted_by="市委、市政府", basis="安政办〔2023〕4号 第二十一条", granted_on=date(2023, 5, 25))
            s.add(h)
            ids.append(h.id)
    return ids


async def test_merit10_nominates_more_than_ten_top50_winners_votes_and_grants(awards):
    winners = await _top50_winners(awards.app)
    rnd = await flow.new_round(awards, "merit10")
    rid = rnd["id"]
    assert rnd["review_departments"] == []
    r = await awards.post(f"/rounds/{rid}/merit10/nominees", json={"top50_honour_ids": winners[:10]},
                          headers=flow.OFFICE)
    assert r.status_code == 422 and "第七条" in r.json()["basis"]  # 差额: more than 10
    r = await awards.post(f"/rounds/{rid}/merit10/nominees", json={"top50_honour_ids": [*winners[:10], "x"]},
                          headers=flow.OFFICE)
    assert r.status_code == 422 and "50强" in r.json()["detail"]
    r = await awards.post(f"/rounds/{rid}/merit10/nominees", json={"top50_honour_ids": winners}, headers=flow.OFFICE)
    assert r.status_code == 201 and len(r.json()) == 12
    # a tie across 10th place is reported, not broken
    tied = {h: 20 - i for i, h in enumerate(winners[:9])} | {winners[9]: 5, winners[10]: 5, winners[11]: 1}
    r = await awards.post(f"/rounds/{rid}/merit10/ballots", headers=flow.OFFICE,
                          json={"held_on": "2023-06-01", "meeting_ref": "领导小组第1次投票", "votes": tied})
    assert r.status_code == 201 and r.json()["result"]["tie"]["tied"] == sorted([winners[9], winners[10]])
    assert r.json()["result"]["winners"] == winners[:9]
    votes = tied | {winners[10]: 4}
    r = await awards.post(f"/rounds/{rid}/merit10/ballots", headers=flow.OFFICE,
                          json={"held_on": "2023-06-02", "meeting_ref": "领导小组第2次投票", "votes": votes})
    assert r.json()["result"]["tie"] is None and set(r.json()["result"]["winners"]) == set(winners[:10])
    for to, day in (("applications_open", "2023-02-01"), ("county_review", "2023-04-01"),
                    ("department_review", "2023-04-02"), ("preliminary_opinion", "2023-04-20")):
        await flow.step(awards, rid, to, day)
    await flow.to_public_notice(awards, rnd)
    notice = (await awards.get(f"/rounds/{rid}/notice")).json()
    assert len(notice["entries"]) == 10
    assert [e["person_name"] for e in notice["entries"]][:2] == ["企业家00", "企业家01"]
    assert (await awards.post(f"/rounds/{rid}/merit10/ballots", headers=flow.OFFICE, json={
        "held_on": "2023-06-03", "meeting_ref": "x", "votes": votes})).status_code == 409
    await flow.step(awards, rid, "published", "2023-05-23")
    granted = await flow.outbox(awards.app, "awards.honor.granted")
    assert len(granted) == 10
    data = granted[0]["data"]
    assert data["granted_by"] == "市政府" and data["category"] == "merit10"  # 第二十二条
    assert [i["code"] for i in data["items"]] == ["title", "certificate", "plaque", "trophy"]
    assert data["person_name"] == "企业家00" and data["entity_code"] == flow.uscc(0)
