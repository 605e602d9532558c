"""Gateway overhead: the same request direct to credit, through nginx (a plain keep-alive reverse proxy, the
reference) and through the gateway, at c=1 and c=64, for `/health`, the public list check (a real read)
and one credit record reported (a real write). wrk drives each; the three targets take turns run after
run (side by side in the same minutes), each figure is the median of the runs. The gateway's CPU time per
request (/proc) is given too: it moves less with others' load than its latency does.

The gateway runs with its limits on; the bench client has a limit of its own in the clients file.
Targets (issue 13), on the real read and the real write: ≤ 1 ms added at p50 (c=1), ≥ 70 % of direct
throughput at c=64, no errors.

Run: .venv/bin/python bench/bench_gateway.py [--runs 3] [--seconds 4] [--stack auto|asyncio-h11]
     [--database sqlite|postgres] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from harness import Load, cpu_seconds, machine, median_of, platform_running, start_nginx, wrk

from govkit.ids import make_uscc

LISTED = make_uscc("91410500MA4000001")
RECORD = ('{"publish": false, "records": [{"subject_code": "' + LISTED + '", "subject_name": "压测企业", '
          '"category": "administrative_license", "decision_number": "BENCH-%d-%d", '
          '"decision_date": "2026-11-02", "title": "食品经营许可", '
          '"legal_basis": "《中华人民共和国食品安全法》第三十五条"}]}')


def loads(token: str) -> dict[str, Load]:
    auth = {"Authorization": f"Bearer {token}"}
    return {
        "health": Load("GET", "/health", auth),
        "list check (read)": Load("GET", f"/lists/check/{LISTED}?as_of=2026-11-02", auth),
        "record (write)": Load("POST", "/records/batch", auth | {"Content-Type": "application/json"}, RECORD),
    }


def run(*, runs: int, seconds: float, stack: str, database: str, concurrencies=(1, 64),
        gateway_env: dict[str, str] | None = None, only: tuple[str, ...] = ()) -> dict:
    with platform_running(["credit"], database=database, stack=stack, gateway_env=gateway_env) as p:
        targets = {"direct": p.base("credit"), "nginx": start_nginx(p.procs, p.workdir, p.services["credit"]),
                   "gateway": f"{p.gateway}/credit"}
        gateway_pid = next(proc.pid for name, proc in p.procs.procs if name == "gateway")
        results: dict[str, dict] = {}
        for name, load in loads(p.token()).items():
            if only and not any(name.startswith(o) for o in only):
                continue
            for c in concurrencies:
                for url in targets.values():  # warm-up: pools filled, code paths hot
                    wrk(url, load, connections=c, seconds=1, workdir=p.workdir)
                samples: dict[str, list[dict]] = {t: [] for t in targets}
                for _ in range(runs):
                    for target, url in targets.items():
                        used = cpu_seconds(gateway_pid)
                        result = wrk(url, load, connections=c, seconds=seconds, workdir=p.workdir)
                        if target == "gateway" and result["requests"]:  # its CPU: less at the mercy of others' load
                            used = cpu_seconds(gateway_pid) - used
                            result["cpu_ms_per_request"] = round(used * 1000 / result["requests"], 3)
                        samples[target].append(result)
                row = {t: median_of(s) for t, s in samples.items()}
                for t in ("nginx", "gateway"):
                    row[t]["throughput_ratio"] = _ratio(row[t]["rps"], row["direct"]["rps"])
                    row[t]["p50_added_ms"] = _diff(row[t]["p50_ms"], row["direct"]["p50_ms"])
                results[f"{name} c={c}"] = row
                _print_row(f"{name} c={c}", row)
    return {"machine": machine(), "stack": stack, "database": database, "runs": runs, "seconds": seconds,
            "results": results, "targets_met": _targets_met(results)}


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def _diff(a: float | None, b: float | None) -> float | None:
    return round(a - b, 3) if a is not None and b is not None else None


def _targets_met(results: dict) -> dict:
    met = {}
    for name in ("list check (read)", "record (write)"):
        c1, c64 = results.get(f"{name} c=1"), results.get(f"{name} c=64")
        if not c1 or not c64:
            continue
        gw1, gw64 = c1["gateway"], c64["gateway"]
        met[name] = {"p50_added_ms": gw1["p50_added_ms"], "throughput_ratio_c64": gw64["throughput_ratio"],
                     "errors": gw1["errors"] + gw64["errors"],
                     "met": (gw1["p50_added_ms"] is not None and gw1["p50_added_ms"] <= 1.0
                             and (gw64["throughput_ratio"] or 0) >= 0.7
                             and gw1["errors"] + gw64["errors"] == 0)}
    return met


def _print_row(label: str, row: dict) -> None:
    cells = []
    for t, r in row.items():
        extra = f" ({r['throughput_ratio']:.2f}×, p50 +{r['p50_added_ms']:.2f} ms)" if "throughput_ratio" in r \
            and r["throughput_ratio"] is not None else ""
        cpu = f", CPU {r['cpu_ms_per_request']:.2f} ms/request" if "cpu_ms_per_request" in r else ""
        cells.append(f"{t} {r['rps'] or 0:7.0f}/s p50 {r['p50_ms'] or 0:6.2f} p99 {r['p99_ms'] or 0:7.2f} ms "
                     f"err {r['errors']}{extra}{cpu}")
    print(f"  {label:24s} " + " | ".join(cells), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=4)
    ap.add_argument("--stack", default="auto", choices=["auto", "asyncio-h11"])
    ap.add_argument("--database", default="sqlite", choices=["sqlite", "postgres"])
    ap.add_argument("--only", default="", help="loads whose name starts so, comma-separated (health,list,record)")
    ap.add_argument("--concurrency", default="1,64")
    ap.add_argument("--env", action="append", default=[], help="extra gateway setting NAME=VALUE")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    print(f"gateway overhead (wrk, median of {args.runs} × {args.seconds:g} s, stack {args.stack}, "
          f"{args.database}); load average {machine()['loadavg']}", flush=True)
    out = run(runs=args.runs, seconds=args.seconds, stack=args.stack, database=args.database,
              gateway_env=dict(kv.split("=", 1) for kv in args.env), only=tuple(filter(None, args.only.split(","))),
              concurrencies=tuple(int(c) for c in args.concurrency.split(",")))
    print(json.dumps(out["targets_met"], ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
