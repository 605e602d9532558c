"""Audit you can read: refusals by the object they concern or by request id, changes made by events under
the principal and request id of the write that caused them, a hash chain that shows tampering, readers
holding audit.read, and never a person's full ID number in a row."""

from __future__ import annotations

import pingsvc as ping
from sqlalchemy import delete, event, select, update

from govkit import audit
from govkit.testing import bearer, eventually, running

WRITER = bearer("department", "fgw", sub="dept-fgw")
AUDITOR = bearer("department", "zfb", scopes=["audit.read"])
PERSON_ID = "410502198506150026"


async def test_a_refusal_is_read_back_by_its_object_and_by_its_request_id(tmp_path):
    app = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/a.db", background=False))
    async with running(app) as client:
        refused = await client.post("/pings/p9/close", headers=WRITER | {"X-Request-Id": "req-close-1"})
        duplicate = [await client.post("/pings", json={"id": "d1"}, headers=WRITER | {"X-Request-Id": f"req-{i}"})
                     for i in (1, 2)]
        by_object = (await client.get("/audit/ping/p9", headers=AUDITOR)).json()
        by_request = (await client.get("/audit/request/req-2", headers=AUDITOR)).json()
    assert refused.status_code == 403 and duplicate[1].status_code == 409
    assert [(r["outcome"], r["status"], r["request_id"]) for r in by_object["items"]] == [
        ("refused", 403, "req-close-1")]
    assert [(r["outcome"], r["status"]) for r in by_request["items"]] == [("refused", 409)]


async def test_reading_the_audit_needs_the_audit_read_scope(tmp_path):
    app = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/a.db", background=False))
    async with running(app) as client:
        await client.post("/pings", json={"id": "s1"}, headers=WRITER)
        without = await client.get("/audit/ping/s1", headers=WRITER)
        verification = await client.get("/audit/verification", headers=WRITER)
        allowed = await client.get("/audit/ping/s1", headers=AUDITOR)
    assert (without.status_code, verification.status_code, allowed.status_code) == (403, 403, 200)


async def test_a_change_made_by_an_event_names_the_principal_and_request_of_the_write(tmp_path, nats_url,
                                                                                       event_prefix):
    producer = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/p.db", nats_url=nats_url,
                                           event_prefix=event_prefix))
    consumer = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/c.db", nats_url=nats_url,
                                           event_prefix=event_prefix), consume=True)
    person = bearer("person", PERSON_ID, sub="person-demo")
    async with running(producer) as p, running(consumer) as c:
        assert (await p.post("/pings", json={"id": "e1"}, headers=person | {"X-Request-Id": "req-e1"})).status_code \
            == 201

        async def counted():
            r = await c.get("/audit/ping/e1", headers=AUDITOR)
            return r.json()["items"] if r.status_code == 200 else None

        rows = await eventually(counted, timeout=20)
    assert [(r["action"], r["outcome"], r["principal"], r["principal_kind"], r["request_id"]) for r in rows] == [
        ("ping.count", "accepted", "person-demo", "person", "req-e1")]
    assert rows[0]["organisation"] == "410502********0026"  # never the full ID number


async def test_the_hash_chain_shows_an_altered_or_removed_row(tmp_path):
    app = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/a.db", background=False))
    async with running(app) as client:
        for i in range(5):
            assert (await client.post("/pings", json={"id": f"c{i}"}, headers=WRITER)).status_code == 201
        intact = (await client.get("/audit/verification", headers=AUDITOR)).json()
        log = ping.kit.audit_log
        async with app.state.sessionmaker() as session, session.begin():
            ids = (await session.execute(select(log.c.id).order_by(log.c.id))).scalars().all()
            await session.execute(update(log).where(log.c.id == ids[2]).values(principal="someone-else"))
        altered = (await client.get("/audit/verification", headers=AUDITOR)).json()
        async with app.state.sessionmaker() as session, session.begin():
            await session.execute(delete(log).where(log.c.id == ids[2]))
        removed = (await client.get("/audit/verification", headers=AUDITOR)).json()
    assert intact == {"rows": 5, "chained": 5, "intact": True, "first_broken_id": None, "reason": None}
    assert (altered["intact"], altered["first_broken_id"]) == (False, ids[2])
    assert (removed["intact"], removed["first_broken_id"]) == (False, ids[3])


async def test_verification_reads_the_log_in_pages_and_finds_breaks_past_the_first(tmp_path):
    """A log of several pages (4 rows each, 3 hashes remembered): intact, including a fork that links back
    beyond the remembered hashes (looked up in the table); an altered or removed row in a later page is
    found; every query on the log is bounded (LIMIT), none reads it whole."""
    app = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/a.db", background=False))
    log = ping.kit.audit_log
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        if "FROM audit_log" in statement:
            statements.append(statement)

    async def verify() -> dict:
        async with app.state.sessionmaker() as session:
            return await audit.verify(session, ping.kit, page_rows=4, recent_hashes=3)

    async with running(app) as client:
        for i in range(20):
            assert (await client.post("/pings", json={"id": f"k{i}"}, headers=WRITER)).status_code == 201
        async with app.state.sessionmaker() as session, session.begin():
            rows = [dict(r) for r in (await session.execute(select(log).order_by(log.c.id))).mappings()]
            fork = {k: v for k, v in rows[1].items() if k != "id"} | {"prev_hash": rows[1]["row_hash"]}
            fork["row_hash"] = audit.row_hash(fork["prev_hash"], fork)  # a second writer linked to row 2
            await session.execute(log.insert().values(fork))
        event.listen(app.state.engine.sync_engine, "before_cursor_execute", seen)
        intact = await verify()
        event.remove(app.state.engine.sync_engine, "before_cursor_execute", seen)
        endpoint = (await client.get("/audit/verification", headers=AUDITOR)).json()
        async with app.state.sessionmaker() as session, session.begin():
            await session.execute(update(log).where(log.c.id == rows[13]["id"]).values(object_id="other"))
        altered = await verify()
        async with app.state.sessionmaker() as session, session.begin():
            await session.execute(delete(log).where(log.c.id == rows[13]["id"]))
        removed = await verify()
    assert intact == endpoint == {"rows": 21, "chained": 21, "intact": True, "first_broken_id": None,
                                  "reason": None}
    assert statements and all("LIMIT" in s for s in statements)
    pages = [s for s in statements if "ORDER BY" in s]
    assert (len(pages), len(statements) - len(pages)) == (6, 1)  # 21 rows in pages of 4; the fork looked up
    assert (altered["intact"], altered["first_broken_id"], altered["reason"]) == (
        False, rows[13]["id"], "the row was altered")
    assert (removed["intact"], removed["first_broken_id"], removed["reason"]) == (
        False, rows[14]["id"], "the row it follows was removed or altered")
