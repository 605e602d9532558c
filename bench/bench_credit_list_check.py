"""Benchmark: the public joint-punishment list check (GET single, POST batch) through the HTTP app in-process
(httpx ASGITransport) on a temporary SQLite database holding 10,000 list entries.

Run: .venv/bin/python bench/bench_credit_list_check.py [entries]
"""

from __future__ import annotations

import asyncio
import logging
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
from sqlalchemy import insert

from anyang_credit.app import spec
from anyang_credit.domain.vocab import LISTS
from anyang_credit.models.lists import ListEntryRow
from anyang_credit.models.subjects import Subject
from anyang_credit.service.subjects import vault_of
from anyang_credit.settings import CreditSettings
from govkit.ids import make_uscc
from govkit.service import create_app

BATCH = 1000


async def main(n_entries: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-credit-"))
    settings = CreditSettings.from_env(
        "credit",
        database_url=f"sqlite+aiosqlite:///{tmp}/credit.db",
        migrate_on_startup=True,
        background=False,
        log_json=False,
        env="test",
    )
    app = create_app(spec, settings)
    vault = vault_of(settings)
    rng = random.Random(7)
    codes = [make_uscc(f"91410500MA4{i:06d}") for i in range(n_entries)]
    async with app.router.lifespan_context(app):
        logging.disable(logging.INFO)  # the access log would dominate the timing
        now = datetime.now(UTC)
        subjects, entries = [], []
        list_codes = [c.value for c in LISTS]
        for i, code in enumerate(codes):
            sid = str(uuid.uuid4())
            subjects.append(
                {
                    "id": sid,
                    "code_hash": vault.lookup_hash(code),
                    "code": code,
                    "code_masked": code,
                    "kind": "enterprise",
                    "name": f"企业{i}",
                    "region": "410502",
                    "industry": "制造业",
                    "created_at": now,
                }
            )
            entries.append(
                {
                    "id": str(uuid.uuid4()),
                    "subject_id": sid,
                    "list_code": list_codes[i % 4],
                    "authority": "sw",
                    "legal_basis": "某法",
                    "decision_number": f"D{i}",
                    "effective_date": date(2023, 1, 1),
                    "expiry_date": date(2030, 1, 1) if i % 4 else None,
                    "source": "local",
                    "created_at": now,
                    "created_by": "bench",
                    "updated_at": now,
                }
            )
        async with app.state.sessionmaker() as s, s.begin():
            for k in range(0, n_entries, 2000):
                await s.execute(insert(Subject), subjects[k : k + 2000])
                await s.execute(insert(ListEntryRow), entries[k : k + 2000])
        # half of the queried codes are listed, half are not
        unlisted = [make_uscc(f"91410500MA5{i:06d}") for i in range(n_entries)]
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as c:
            singles = 500
            t0 = time.perf_counter()
            for _ in range(singles):
                code = rng.choice(codes) if rng.random() < 0.5 else rng.choice(unlisted)
                r = await c.get(f"/lists/check/{code}", params={"as_of": "2024-06-01"})
                assert r.status_code == 200
            single_s = time.perf_counter() - t0
            calls = 20
            t0 = time.perf_counter()
            for _ in range(calls):
                batch = rng.sample(codes, BATCH // 2) + rng.sample(unlisted, BATCH // 2)
                r = await c.post("/lists/check", json={"subject_codes": batch, "as_of": "2024-06-01"})
                assert r.status_code == 200 and r.json()["listed"] == BATCH // 2, r.text[:300]
            batch_s = time.perf_counter() - t0
    single_rate = singles / single_s
    batch_rate = calls * BATCH / batch_s
    print(f"credit list check — {n_entries} entries, SQLite, in-process HTTP")
    print(
        f"  single GET : {singles} checks in {single_s:.2f}s = {single_rate:,.0f} checks/s "
        f"({single_s / singles * 1000:.2f} ms/check)"
    )
    print(
        f"  batch POST : {calls} calls × {BATCH} codes in {batch_s:.2f}s = {batch_rate:,.0f} checks/s "
        f"({batch_s / calls * 1000:.0f} ms/call)"
    )
    print(f"  ratio batch/single throughput: {batch_rate / single_rate:.1f}×")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
