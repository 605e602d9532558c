"""Event latency: a credit list entry committed → the awards candidacy disqualified (第二条), over N events.

The platform (credit + awards + gateway + NATS) runs as `make run` starts it. The bench seeds one open
awards round with N candidate enterprises directly in awards' database, then reports N list entries
(严重违法失信企业名单, the bench client is 市市场监管局) through the gateway at a steady pace. Each latency is
the awards mark's `created_at` (set in the transaction that disqualifies) minus the credit entry's
`created_at` (set in the transaction that lists): both stamped by the services on this machine. The entry's
stamp comes before its commit (an upper bound on commit → disqualified); `after_ack` measures from the
moment the bench received credit's 201 instead (after the commit: a lower bound).

Target (issue 13): p99 ≤ 100 ms on SQLite and on PostgreSQL.
Run: .venv/bin/python bench/bench_events.py [--events 1000] [--rate 40] [--database sqlite|postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid
from datetime import UTC, date, datetime

from harness import http_json, machine, percentile, platform_running
from sqlalchemy import func, insert, select

from anyang_awards.models import kit as awards_kit
from anyang_awards.models.applications import Application, CandidacyMark
from anyang_awards.models.rounds import Round
from anyang_credit.models import kit as credit_kit
from anyang_credit.models.lists import ListEntryRow
from govkit.db import make_engine
from govkit.ids import make_uscc

LIST = "serious_illegal_dishonest"


def codes(n: int) -> list[str]:
    return [make_uscc(f"91410500MA6{i:06d}") for i in range(n)]


async def seed_awards(url: str, subjects: list[str]) -> None:
    engine = make_engine(url)
    now = datetime.now(UTC)
    round_id = str(uuid.uuid4())
    try:
        async with engine.begin() as conn:
            await conn.execute(insert(Round).values(
                id=round_id, year=2026, category="top10", state="applications_open", announced_on=date(2026, 3, 1),
                application_deadline=date(2026, 12, 31), review_departments=[], notice_end_provisional=False,
                created_by="bench", created_at=now))
            await conn.execute(insert(Application), [{
                "id": str(uuid.uuid4()), "round_id": round_id, "year": 2026, "category": "top10",
                "enterprise_uscc": code, "enterprise_name": f"压测企业{i}", "region": "410502", "roles_filled": [],
                "credit_status": {}, "status": "active", "county_decision": "pending", "eligible": False,
                "under_review": False, "submitted_by": "bench", "submitted_at": now}
                for i, code in enumerate(subjects)])
    finally:
        await engine.dispose()


async def latencies(credit_url: str, awards_url: str, expected: int, timeout: float,
                    acked: dict[str, datetime]) -> tuple[dict, int]:
    """Waits until awards has marked `expected` candidacies (or the timeout), then pairs each entry with its
    mark: the whole latency, and its stages (listed → published by credit's relay → taken by awards'
    consumer → marked)."""
    credit, awards = make_engine(credit_url), make_engine(awards_url)
    try:
        deadline = time.monotonic() + timeout
        while True:
            async with awards.connect() as conn:
                done = (await conn.execute(select(func.count()).select_from(CandidacyMark).where(
                    CandidacyMark.kind == "credit_listing"))).scalar_one()
            if done >= expected or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)
        outbox, inbox = credit_kit.outbox, awards_kit.inbox
        async with credit.connect() as conn:
            listed = dict((await conn.execute(select(ListEntryRow.id, ListEntryRow.created_at))).all())
            published = {}
            for event_id, payload, at in (await conn.execute(select(
                    outbox.c.event_id, outbox.c.payload, outbox.c.published_at).where(
                    outbox.c.type == "credit.blacklist.added"))).all():
                data = (json.loads(payload) if isinstance(payload, str) else payload)["data"]
                published[data["entry_id"]] = (event_id, at)
        async with awards.connect() as conn:
            marked = (await conn.execute(select(CandidacyMark.source_ref, CandidacyMark.created_at).where(
                CandidacyMark.kind == "credit_listing"))).all()
            taken = dict((await conn.execute(select(inbox.c.event_id, inbox.c.handled_at))).all())
    finally:
        await credit.dispose()
        await awards.dispose()
    stages: dict[str, list[float]] = {"total": [], "relay": [], "delivery": [], "handler": [], "after_ack": []}
    for ref, at in marked:
        if ref not in listed or ref not in published:
            continue
        event_id, published_at = published[ref]
        t0, t1, t3 = _utc(listed[ref]), _utc(published_at), _utc(at)
        t2 = _utc(taken[event_id]) if event_id in taken else t3
        for name, (a, b) in {"total": (t0, t3), "relay": (t0, t1), "delivery": (t1, t2),
                             "handler": (t2, t3)}.items():
            stages[name].append((b - a).total_seconds() * 1000)
        if ref in acked:
            stages["after_ack"].append((t3 - acked[ref]).total_seconds() * 1000)
    return stages, expected - len(stages["total"])


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def run(*, events: int, rate: float, database: str, max_seconds: float | None = None) -> dict:
    """`max_seconds`: stop sending then (a slow machine sends fewer events; the result says how many)."""
    subjects = codes(events)
    with platform_running(["credit", "awards"], database=database) as p:
        asyncio.run(seed_awards(p.db.url("awards"), subjects))
        token = p.token()
        errors = 0
        acked: dict[str, datetime] = {}  # entry id → when the 201 arrived
        started = time.monotonic()
        sent = 0
        for i, code in enumerate(subjects):
            if max_seconds is not None and time.monotonic() - started > max_seconds:
                break
            sent += 1
            delay = started + i / rate - time.monotonic()  # a steady pace, not a burst
            if delay > 0:
                time.sleep(delay)
            status, body = http_json("POST", f"{p.gateway}/credit/lists/{LIST}/entries", {
                "subject_code": code, "subject_name": f"压测企业{i}", "decision_number": f"安市监信〔2026〕{i}号",
                "legal_basis": "《严重违法失信名单管理办法》第二条", "effective_date": "2026-11-02",
                "expiry_date": "2029-11-02"}, token=token)
            if status == 201:
                acked[body["id"]] = datetime.now(UTC)
            else:
                errors += 1
                if errors <= 3:
                    print(f"  entry {i}: {status} {json.dumps(body, ensure_ascii=False)[:300]}", flush=True)
        sent_for = time.monotonic() - started
        stages, missing = asyncio.run(latencies(p.db.url("credit"), p.db.url("awards"), sent - errors,
                                                timeout=120, acked=acked))
    ms = stages["total"]
    result = {"database": database, "events": sent, "rate_per_s": round(sent / sent_for, 1),
              "errors": errors, "missing": missing, "measured": len(ms)}
    if ms:
        result |= {"p50_ms": round(percentile(ms, 50), 1), "p90_ms": round(percentile(ms, 90), 1),
                   "p99_ms": round(percentile(ms, 99), 1), "max_ms": round(max(ms), 1),
                   "stages_p50_p99_ms": {name: [round(percentile(v, 50), 1), round(percentile(v, 99), 1)]
                                         for name, v in stages.items() if name != "total"}}
    result["met"] = bool(ms) and result["p99_ms"] <= 100 and not errors and not missing
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--rate", type=float, default=40.0, help="list entries a second")
    ap.add_argument("--database", default="sqlite", choices=["sqlite", "postgres"])
    args = ap.parse_args()
    print(f"event latency credit list entry → awards disqualification; load average {machine()['loadavg']}")
    print(json.dumps(run(events=args.events, rate=args.rate, database=args.database), ensure_ascii=False))


if __name__ == "__main__":
    main()
