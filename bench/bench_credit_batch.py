"""Batch collection of credit records through the gateway (POST /credit/records/batch, 1,000 records a call,
one call at a time): new records, then the same batches re-sent (all `unchanged`, the idempotent path).

Target (issue 13): ≥ 10,000 records/s on PostgreSQL.
Run: .venv/bin/python bench/bench_credit_batch.py [--batches 10] [--size 1000] [--database sqlite|postgres]
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date, timedelta

from harness import http_json, machine, platform_running

from govkit.ids import make_uscc


def batch(b: int, size: int) -> dict:
    start = date(2023, 3, 1)
    return {"publish": True, "records": [
        {"subject_code": make_uscc(f"91410500MA7{(b * size + i) % 50000:06d}"), "subject_name": f"企业{i}",
         "category": "administrative_license", "decision_number": f"安市监许〔2026〕{b}-{i}号",
         "decision_date": (start + timedelta(days=i % 200)).isoformat(), "title": "食品经营许可",
         "legal_basis": "《中华人民共和国食品安全法》第三十五条"} for i in range(size)]}


def run(*, batches: int, size: int, database: str) -> dict:
    payloads = [batch(b, size) for b in range(batches)]
    bodies = [json.dumps(p, ensure_ascii=False) for p in payloads]
    with platform_running(["credit"], database=database) as p:
        token = p.token()
        url = f"{p.gateway}/credit/records/batch"
        out: dict = {"database": database, "batches": batches, "size": size}
        for label, expect in (("new", "created"), ("re-sent", "unchanged")):
            calls, errors = [], 0
            started = time.perf_counter()
            for payload in payloads:
                t0 = time.perf_counter()
                status, body = http_json("POST", url, payload, token=token)
                calls.append(time.perf_counter() - t0)
                if status != 200 or body.get("counts", {}).get(expect) != size:
                    errors += 1
                    print(f"  {label}: {status} {json.dumps(body, ensure_ascii=False)[:300]}", flush=True)
            elapsed = time.perf_counter() - started
            out[label] = {"records_per_s": round(batches * size / elapsed), "errors": errors,
                          "call_ms_median": round(sorted(calls)[len(calls) // 2] * 1000, 1)}
        out["request_bytes"] = len(bodies[0].encode())
    out["met"] = database != "postgres" or (out["new"]["records_per_s"] >= 10_000 and not out["new"]["errors"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, default=10)
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--database", default="sqlite", choices=["sqlite", "postgres"])
    args = ap.parse_args()
    print(f"credit batch collection through the gateway; load average {machine()['loadavg']}")
    print(json.dumps(run(batches=args.batches, size=args.size, database=args.database), ensure_ascii=False))


if __name__ == "__main__":
    main()
