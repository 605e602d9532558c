"""Fill authorisation through the gateway (安政办〔2023〕2号 第十五条、第二十一条): the scenario of
`hydrogen_fill.py` (an operating station taken through its whole life over HTTP, cylinders registered), then
the pump's `POST /hydrogen/stations/{id}/fills` driven by wrk, direct and through the gateway, at c=1 and
c=16; every fill is authorised and recorded (201), so non-2xx answers count as errors.

Target (issue 13): ≥ 1,000 fills/s through the gateway.
Run: .venv/bin/python bench/bench_fill.py [--database sqlite|postgres] [--seconds 3] [--runs 2]
"""

from __future__ import annotations

import argparse
import json

import hydrogen_fill
from harness import Load, machine, median_of, platform_running, wrk

CLIENTS = {f"bench-{role}": principal for role, principal in hydrogen_fill.PRINCIPALS.items()}


def run(*, database: str, seconds: float = 3, runs: int = 2, cylinders: int = 1000) -> dict:
    out: dict = {"database": database}
    with platform_running(["hydrogen"], database=database, clients=CLIENTS) as p:
        tokens = {role: p.token(f"bench-{role}") for role in hydrogen_fill.PRINCIPALS}
        station = hydrogen_fill.seed(f"{p.gateway}/hydrogen", tokens, cylinders=cylinders)
        method, path, headers, body = hydrogen_fill.fill_request(station, tokens["operator"], cylinder=7)
        load = Load(method, path, headers, body)
        for c in (1, 16):
            for target, base in (("direct", p.base("hydrogen")), ("gateway", f"{p.gateway}/hydrogen")):
                wrk(base, load, connections=c, seconds=1, workdir=p.workdir)  # warm-up
                m = median_of([wrk(base, load, connections=c, seconds=seconds, workdir=p.workdir)
                               for _ in range(runs)])
                out[f"{target} c={c}"] = {k: round(v, 2) if isinstance(v, float) else v for k, v in m.items()}
    best = max((out[f"gateway c={c}"]["rps"] or 0) for c in (1, 16))
    out["fills_per_s_gateway"] = round(best)
    out["met"] = best >= 1000 and not any(out[f"gateway c={c}"]["errors"] for c in (1, 16))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--database", default="sqlite", choices=["sqlite", "postgres"])
    ap.add_argument("--seconds", type=float, default=3)
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    print(f"fill authorisation; load average {machine()['loadavg']}", flush=True)
    print(json.dumps(run(database=args.database, seconds=args.seconds, runs=args.runs), ensure_ascii=False))


if __name__ == "__main__":
    main()
