"""Event latency: a credit list entry committed → the awards candidacy disqualified (第二条), over N events.

The platform (credit + awards + gateway + NATS) runs as `make run` starts it. The bench seeds one open
awards round with N candidate enterprises directly in awards' database, then reports N list entries
(严重违法失信企业名单, the bench client is 市市场监管局) through the gateway at a steady pace (20 a second; a
second request goes out while one is in flight only when that one is late).

Both ends are commit instants, logged by the services themselves with the logger `govkit.events.timing` at
DEBUG (settings `debug_loggers`): credit's after_commit hook logs when the entry's transaction committed
(with its event ids), awards' consumer when the transaction that disqualified (and wrote the inbox row)
committed. Latency = applied − committed, both from the same machine's clock. Stages: relay (committed →
JetStream acknowledged, the outbox's `published_at`), delivery (→ awards' consumer took it, the inbox's
`handled_at`), handler (→ awards' commit); and, for information, credit's transaction after the entry's
`created_at` stamp (`commit_after_stamp`). Each commit is checked to lie before the 201 reached the bench.

Target (issue 13): p99 ≤ 100 ms on SQLite and on PostgreSQL.
Run: .venv/bin/python bench/bench_events.py [--events 1000] [--rate 20] [--database sqlite|postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

from harness import http_json, machine, percentile, platform_running
from sqlalchemy import insert, select

from anyang_awards.models.applications import Application, CandidacyMark
from anyang_awards.models.rounds import Round
from anyang_credit.models import kit as credit_kit
from anyang_credit.models.lists import ListEntryRow
from govkit.db import make_engine
from govkit.ids import make_uscc

LIST = "serious_illegal_dishonest"
WARMUP = 20  # entries sent first and not counted: a service's first requests compile its statements


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


def timing(log: Path, message: str) -> dict[str, dict]:
    """event id → its `govkit.events.timing` line with `message` in a service's log."""
    found: dict[str, dict] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("{") and f'"msg": "{message}"' in line:
            record = json.loads(line)
            for event_id in record.get("event_ids") or [record["event_id"]]:
                found[event_id] = record
    return found


async def latencies(credit_url: str, awards_url: str, logs: Path, expected: int, timeout: float,
                    acked: dict[str, float], warmup: set[str]) -> tuple[dict, int, int]:
    """Waits until awards has applied `expected` events (or the timeout), then pairs each entry's commit
    with the commit that disqualified its candidate, and splits the interval into stages. Entries in `warmup`
    are left out."""
    deadline = time.monotonic() + timeout
    while len(applied := timing(logs / "awards.log", "event applied")) < expected and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    committed = timing(logs / "credit.log", "events committed")
    credit, awards = make_engine(credit_url), make_engine(awards_url)
    try:
        async with credit.connect() as conn:
            listed = dict((await conn.execute(select(ListEntryRow.id, ListEntryRow.created_at))).all())
            outbox = credit_kit.outbox
            entry_of = {}
            for event_id, payload in (await conn.execute(select(outbox.c.event_id, outbox.c.payload).where(
                    outbox.c.type == "credit.blacklist.added"))).all():
                entry_of[event_id] = (json.loads(payload) if isinstance(payload, str) else payload)["data"]["entry_id"]
        async with awards.connect() as conn:
            marked = set((await conn.execute(select(CandidacyMark.source_ref).where(
                CandidacyMark.kind == "credit_listing"))).scalars())
    finally:
        await credit.dispose()
        await awards.dispose()
    stages: dict[str, list[float]] = {"total": [], "relay": [], "delivery": [], "handler": [],
                                      "commit_after_stamp": []}
    after_ack = 0  # commits logged after the 201 reached the bench: none, or the instants are not commits
    for event_id, entry_id in entry_of.items():
        if entry_id in warmup or entry_id not in marked or event_id not in applied or event_id not in committed:
            continue
        done = applied[event_id]
        t0, t1, t2, t3 = committed[event_id]["at"], done["stored_at"], done["taken_at"], done["at"]
        for name, (a, b) in {"total": (t0, t3), "relay": (t0, t1), "delivery": (t1, t2), "handler": (t2, t3),
                             "commit_after_stamp": (_epoch(listed[entry_id]), t0)}.items():
            stages[name].append((b - a) * 1000)
        after_ack += t0 > acked[entry_id]
    return stages, expected - len(warmup) - len(stages["total"]), after_ack


def _epoch(value: datetime) -> float:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def run(*, events: int, rate: float, database: str, max_seconds: float | None = None, inflight: int = 2) -> dict:
    """Sends at `rate` a second, at most `inflight` at once (a slow machine falls behind the pace rather than
    piling requests up); `max_seconds`: stop sending then (the result says how many were sent). WARMUP entries
    go first, one at a time, and are not counted."""
    subjects = codes(WARMUP + events)
    env = {"LOG_JSON": "true", "DEBUG_LOGGERS": "govkit.events.timing"}
    began = time.monotonic()
    with platform_running(["credit", "awards"], database=database, service_env=env) as p:
        asyncio.run(seed_awards(p.db.url("awards"), subjects))
        token = p.token()
        errors: list[str] = []
        acked: dict[str, float] = {}  # entry id → when the 201 arrived
        lock = threading.Lock()

        def send(i: int) -> None:
            status, body = http_json("POST", f"{p.gateway}/credit/lists/{LIST}/entries", {
                "subject_code": subjects[i], "subject_name": f"压测企业{i}",
                "decision_number": f"安市监信〔2026〕{i}号", "legal_basis": "《严重违法失信名单管理办法》第二条",
                "effective_date": "2026-11-02", "expiry_date": "2029-11-02"}, token=token)
            with lock:
                if status == 201:
                    acked[body["id"]] = time.time()
                else:
                    errors.append(f"entry {i}: {status} {json.dumps(body, ensure_ascii=False)[:300]}")

        for i in range(WARMUP):
            send(i)
        warmup = set(acked)
        deadline = time.monotonic() + 60
        while len(timing(p.workdir / "awards.log", "event applied")) < len(warmup) and time.monotonic() < deadline:
            time.sleep(0.1)
        print(f"  {database}: platform up, seeded and warmed up in {time.monotonic() - began:.0f} s", flush=True)
        started = time.monotonic()
        sent = 0
        slots = threading.Semaphore(inflight)
        with ThreadPoolExecutor(inflight) as pool:
            for i in range(WARMUP, len(subjects)):
                if max_seconds is not None and time.monotonic() - started > max_seconds:
                    break
                delay = started + sent / rate - time.monotonic()  # a steady pace, not a burst
                if delay > 0:
                    time.sleep(delay)
                slots.acquire()
                pool.submit(send, i).add_done_callback(lambda _: slots.release())
                sent += 1
        sent_for = time.monotonic() - started
        for line in errors[:3]:
            print(f"  {line}", flush=True)
        print(f"  {database}: {sent} sent in {sent_for:.0f} s", flush=True)
        stages, missing, after_ack = asyncio.run(latencies(
            p.db.url("credit"), p.db.url("awards"), p.workdir, len(acked), timeout=120, acked=acked, warmup=warmup))
        print(f"  {database}: measured after {time.monotonic() - began:.0f} s", flush=True)
    ms = stages["total"]
    result = {"database": database, "events": sent, "warmup": WARMUP, "rate_per_s": round(sent / sent_for, 1),
              "inflight_max": inflight, "errors": len(errors), "missing": missing, "measured": len(ms),
              "committed_after_201": after_ack}
    if ms:
        result |= {"p50_ms": round(percentile(ms, 50), 1), "p90_ms": round(percentile(ms, 90), 1),
                   "p99_ms": round(percentile(ms, 99), 1), "max_ms": round(max(ms), 1),
                   "stages_p50_p99_ms": {name: [round(percentile(v, 50), 1), round(percentile(v, 99), 1)]
                                         for name, v in stages.items() if name != "total"}}
    result["met"] = bool(ms) and result["p99_ms"] <= 100 and not errors and not missing and not after_ack
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--rate", type=float, default=20.0, help="list entries a second")
    ap.add_argument("--inflight", type=int, default=2, help="requests in flight at most")
    ap.add_argument("--database", default="sqlite", choices=["sqlite", "postgres"])
    args = ap.parse_args()
    print(f"event latency credit list entry → awards disqualification; load average {machine()['loadavg']}")
    print(json.dumps(run(events=args.events, rate=args.rate, database=args.database, inflight=args.inflight),
                     ensure_ascii=False))
    print(f"load average {machine()['loadavg']}")


if __name__ == "__main__":
    main()
