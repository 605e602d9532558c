"""Benchmark: batch collection of credit records (records/s) through the HTTP app in-process
(httpx ASGITransport) on a temporary SQLite database: new records, then the same batches re-sent
(all `unchanged`), so both the write path and the idempotent path are measured.

Run: .venv/bin/python bench/bench_credit_batch.py [batches=5] [batch_size=1000]
"""

from __future__ import annotations

import asyncio
import logging
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from anyang_credit.app import spec
from anyang_credit.settings import CreditSettings
from govkit.ids import make_uscc
from govkit.service import create_app
from govkit.testing import bearer


def batch(b: int, size: int) -> dict:
    start = date(2023, 3, 1)
    return {"publish": True, "records": [
        {"subject_code": make_uscc(f"91410500MA4{(b * size + i) % 50000:06d}"), "subject_name": f"企业{i}",
         "category": "administrative_license", "decision_number": f"安市监许〔2023〕{b}-{i}号",
         "decision_date": (start + timedelta(days=i % 200)).isoformat(), "title": "食品经营许可",
         "legal_basis": "《中华人民共和国食品安全法》第三十五条"} for i in range(size)]}


async def main(batches: int, size: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-credit-batch-"))
    settings = CreditSettings.from_env("credit", database_url=f"sqlite+aiosqlite:///{tmp}/credit.db",
                                       background=False, log_json=False, env="test")
    app = create_app(spec, settings)
    headers = bearer("department", "scjg", scopes=["credit.report"])
    payloads = [batch(b, size) for b in range(batches)]
    async with app.router.lifespan_context(app):
        logging.disable(logging.INFO)  # the access log would dominate the timing
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=600) as client:
            figures = {}
            for label in ("new", "re-sent (unchanged)"):
                started = time.perf_counter()
                for payload in payloads:
                    r = await client.post("/records/batch", json=payload, headers=headers)
                    r.raise_for_status()
                figures[label] = batches * size / (time.perf_counter() - started)
    print(f"credit batch collection: {batches} batches x {size} records, SQLite, in-process HTTP")
    for label, rate in figures.items():
        print(f"  {label:22s} {rate:8.0f} records/s")
    print(f"  ratio unchanged/new: {figures['re-sent (unchanged)'] / figures['new']:.2f}")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5, int(sys.argv[2]) if len(sys.argv) > 2 else 1000))
