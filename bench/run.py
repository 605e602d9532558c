"""`make bench`: every benchmark against the platform started as a user starts it (uvicorn services, the
gateway, NATS), driven from outside with wrk and HTTP; prints the table and writes var/bench/latest.json
(with the machine's load average and CPU, and which core ran what).

Run: .venv/bin/python bench/run.py [--quick] [--only gateway,events,batch,list,scoring,fill]
`--quick` shortens every section (fewer runs, smaller largest sizes) and says so in the output.
"""

from __future__ import annotations

import argparse
import json
import time
import traceback
from pathlib import Path

import bench_awards_scoring
import bench_credit_batch
import bench_credit_list_check
import bench_events
import bench_fill
import bench_gateway
from harness import ROOT, ensure_tool, machine

SECTIONS = ("gateway", "events", "batch", "list", "scoring", "fill")


def sections(quick: bool) -> dict:
    return {
        "gateway": lambda: bench_gateway.run(runs=2 if quick else 3, seconds=2, stack="auto",
                                             database="sqlite"),
        "events": lambda: {db: bench_events.run(events=300 if quick else 1000, rate=20, inflight=2, database=db,
                                                max_seconds=90) for db in ("sqlite", "postgres")},
        "batch": lambda: {db: bench_credit_batch.run(batches=5 if quick else 10, size=1000, database=db)
                          for db in ("sqlite", "postgres")},
        "list": lambda: bench_credit_list_check.run(
            sizes=[10_000, 100_000] if quick else [10_000, 100_000, 1_000_000], seconds=3, runs=2,
            batches=10),
        "scoring": lambda: bench_awards_scoring.run(
            sizes=[1_000, 10_000] if quick else [1_000, 10_000, 100_000], database="postgres", http_max=10_000),
        "fill": lambda: {db: bench_fill.run(database=db, seconds=2 if quick else 3, runs=1 if quick else 2)
                         for db in ("sqlite", "postgres")},
    }


def table(results: dict) -> str:
    """The figures as the README's Performance table (markdown); a section that failed says so."""
    rows = ["| what | figure | target | met |", "| --- | --- | --- | --- |"]
    for name in (n for n in SECTIONS if n in results):
        try:
            rows += ROWS[name](results.get(name) or {})
        except Exception as e:  # the table must still print
            rows.append(f"| {name} | failed: {type(e).__name__}: {e}; {json.dumps(results.get(name))[:200]} | | |")
    return "\n".join(rows)


def _gateway_rows(gw: dict) -> list[str]:
    rows = []
    for name, row in gw["results"].items():
        d, n, g = row["direct"], row["nginx"], row["gateway"]
        rows.append(f"| {name}: direct / nginx / gateway | {_rps(d)} / {_rps(n)} ({n['throughput_ratio']}×) / "
                    f"{_rps(g)} ({g['throughput_ratio']}×); p50 {_ms(d['p50_ms'])} / {_ms(n['p50_ms'])} / "
                    f"{_ms(g['p50_ms'])}; p99 {_ms(d['p99_ms'])} / {_ms(n['p99_ms'])} / {_ms(g['p99_ms'])}; "
                    f"errors {d['errors']} / {n['errors']} / {g['errors']}; gateway CPU "
                    f"{g.get('cpu_ms_per_request', '–')} ms/request | "
                    f"{_gateway_target(name)} | {_gateway_met(gw, name)} |")
    return rows


def _event_rows(events: dict) -> list[str]:
    rows = []
    for db, r in events.items():
        if "p50_ms" in r:
            rows.append(f"| event latency committed → disqualified, {db} ({r['measured']} events at "
                        f"{r['rate_per_s']}/s, ≤ {r['inflight_max']} in flight) | p50 {r['p50_ms']} ms, p99 "
                        f"{r['p99_ms']} ms, max {r['max_ms']} ms; stages p50/p99 {r['stages_p50_p99_ms']}; errors "
                        f"{r['errors']}, missing {r['missing']}, commits after their 201 {r['committed_after_201']} "
                        f"| p99 ≤ 100 ms | {_yes(r['met'])} |")
    return rows


def _batch_rows(batch: dict) -> list[str]:
    rows = []
    for db, r in batch.items():
        rows.append(f"| batch collection via gateway, {db} ({r['batches']} × {r['size']}) | new "
                    f"{r['new']['records_per_s']:,} records/s (call {r['new']['call_ms_median']} ms), re-sent "
                    f"{r['re-sent']['records_per_s']:,}/s; errors {r['new']['errors'] + r['re-sent']['errors']} | "
                    f"{'≥ 10,000/s' if db == 'postgres' else '–'} | {_yes(r['met']) if db == 'postgres' else '–'} |")
    return rows


def _list_rows(lc: dict) -> list[str]:
    rows = []
    for n, r in (lc.get("results") or {}).items():
        s1, s16, b = r["single c=1"], r["single c=16"], r["batch"]
        target = "p99 ≤ 20 ms (c=1), ≥ 5,000/s batched" if int(n) == lc.get("met_at") else "scale curve"
        met = _yes(lc["met"]) if int(n) == lc.get("met_at") else "–"
        rows.append(f"| list check via gateway, PostgreSQL, {int(n):,} subjects | c=1 p50 {_ms(s1['p50_ms'])} p99 "
                    f"{_ms(s1['p99_ms'])} ({_rps(s1)}); c=16 p50 {_ms(s16['p50_ms'])} p99 {_ms(s16['p99_ms'])} "
                    f"({_rps(s16)}); batches of 1,000: {b['subjects_per_s']:,} subjects/s (call "
                    f"{b['call_ms_median']} ms); errors {s1['errors'] + s16['errors'] + b['errors']} | {target} | "
                    f"{met} |")
    return rows


def _scoring_rows(sc: dict) -> list[str]:
    rows = []
    for n, d in (sc.get("domain_s") or {}).items():
        call = (sc.get("call_s") or {}).get(n, "not run (the API call only up to 10,000)")
        target = "domain ≤ 0.5 s" if int(n) == 10_000 else "scale curve"
        met = _yes(sc["met"]) if int(n) == 10_000 else "–"
        rows.append(f"| scoring {int(n):,} applicants | domain {d['wall']} s wall, {d['cpu']} s CPU; "
                    f"whole POST …/scores with persistence: {call}{' s' if isinstance(call, float) else ''} | "
                    f"{target} | {met} |")
    return rows


def _fill_rows(fill: dict) -> list[str]:
    rows = []
    for db, r in fill.items():
        cells = "; ".join(f"{k} {_rps(r[k])} p50 {_ms(r[k]['p50_ms'])} p99 {_ms(r[k]['p99_ms'])} errors "
                          f"{r[k]['errors']}" for k in ("direct c=1", "gateway c=1", "direct c=16", "gateway c=16"))
        rows.append(f"| fill authorisation, {db} | {cells} | ≥ 1,000/s via gateway | {_yes(r['met'])} |")
    return rows


ROWS = {"gateway": _gateway_rows, "events": _event_rows, "batch": _batch_rows, "list": _list_rows,
        "scoring": _scoring_rows, "fill": _fill_rows}


def _gateway_target(name: str) -> str:
    if name.startswith("health"):
        return "reported"
    return "≤ 1 ms added p50" if name.endswith("c=1") else "≥ 0.70× direct, no errors"


def _gateway_met(gw: dict, name: str) -> str:
    g = gw["results"][name]["gateway"]
    if name.startswith("health"):
        return "–"
    if name.endswith("c=1"):
        return _yes(g["p50_added_ms"] is not None and g["p50_added_ms"] <= 1.0 and g["errors"] == 0)
    return _yes((g["throughput_ratio"] or 0) >= 0.7 and g["errors"] == 0)


def _rps(r: dict) -> str:
    return f"{r['rps']:,.0f}/s" if r.get("rps") else "–"


def _ms(v: float | None) -> str:
    return f"{v:.1f} ms" if v is not None else "–"


def _yes(v: bool) -> str:
    return "yes" if v else "**no**"


def _write(out: Path, results: dict, started: float) -> None:
    results["machine_at_end"] = machine()
    results["total_s"] = round(time.monotonic() - started)
    results["table"] = table(results)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", default=",".join(SECTIONS))
    ap.add_argument("--out", type=Path, default=ROOT / "var" / "bench" / "latest.json")
    ap.add_argument("--merge", action="store_true", help="keep the other sections of an earlier --out file")
    args = ap.parse_args()
    ensure_tool("wrk", "wrk")
    ensure_tool("nginx", "nginx-light")
    started = time.monotonic()
    results: dict = {"machine_at_start": machine(), "quick": args.quick, "sections_s": {}}
    if args.merge and args.out.exists():
        earlier = json.loads(args.out.read_text())
        results |= {k: v for k, v in earlier.items() if k in SECTIONS}
        results["sections_s"] = earlier.get("sections_s", {})
        results["earlier_machine_at_start"] = earlier.get("machine_at_start")
    print(f"make bench{' (quick mode: shorter runs, smaller largest sizes)' if args.quick else ''}; "
          f"machine {json.dumps(results['machine_at_start'], ensure_ascii=False)}", flush=True)
    for name, fn in sections(args.quick).items():
        if name not in args.only.split(","):
            continue
        t0 = time.monotonic()
        print(f"\n== {name} (load average {machine()['loadavg']})", flush=True)
        try:
            results[name] = fn()
        except Exception as e:  # a broken section is reported, the others still run
            traceback.print_exc()
            results[name] = {"error": f"{type(e).__name__}: {e}"}
        results["sections_s"][name] = round(time.monotonic() - t0)
        print(json.dumps(results[name], ensure_ascii=False)[:2000], flush=True)
        _write(args.out, results, started)  # after every section: an interrupted run keeps what it measured
    _write(args.out, results, started)
    print(f"\n{results['table']}\n\nran in {results['total_s']} s; JSON: {args.out}", flush=True)


if __name__ == "__main__":
    main()
