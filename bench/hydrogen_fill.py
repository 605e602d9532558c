"""Fill authorisation scenario (安政办〔2023〕2号 第十五条、第二十一条): one operating station with registered
cylinders, and the request a station's pump sends before every fill.

For the benchmark harness (bench/harness.py drives wrk): `PRINCIPALS` are the clients the seed needs (add them
to the bench clients file), `seed(base_url, tokens)` takes a station through its whole life over HTTP (plan
site → construction → acceptance → filing → verification → opening) and registers `cylinders`, and
`fill_request(station_id, operator_token)` is what wrk sends (method, path, headers, body with the harness's
two `%d`). Every request is authorised and recorded (201).

Stand-alone, against a running platform (`GATEWAY_PORT=18000 make run`), measured direct and through the
gateway with wrk:

    .venv/bin/python bench/hydrogen_fill.py --gateway http://127.0.0.1:18000 --direct http://127.0.0.1:8002
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

from govkit.clock import business_date

OPERATOR_CODE = "91410502MA44QN0296"
# role → the principal it needs (as in gateway/clients.dev.yaml; the demo client of that principal in brackets)
PRINCIPALS = {
    "plan": {"kind": "department", "org": "cgj", "region": "410500", "scopes": ["hydrogen.regulator"]},  # dept-cgj
    "county": {"kind": "department", "org": "410502", "region": "410502", "scopes": ["hydrogen.county"]},
    "market": {"kind": "department", "org": "scjg", "region": "410500", "scopes": ["hydrogen.cylinders"]},
    "operator": {"kind": "enterprise", "org": OPERATOR_CODE, "region": "410502", "scopes": []},  # ent-demo2
}
DEMO_CLIENTS = {"plan": "dept-cgj", "county": "county-wenfeng", "market": "dept-scjg", "operator": "ent-demo2"}
CONDITIONS = ["in_plan", "hydrogen_source", "licences", "premises", "facilities", "principals_examined",
              "safety_managers_examined", "operation_staff_examined", "filling_operators",
              "intermediate_technicians", "safety_rules", "emergency_plan"]
MATERIALS = ["application_form", "acceptance_filing", "safety_acceptance_report", "equipment_certificates",
             "supply_contract", "safety_rules", "staff_certificates", "premises_proof"]


def call(method: str, url: str, token: str, body: object = None) -> dict:
    req = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{method} {url}: {e.code} {e.read()[:300]!r}") from None


def vin(i: int) -> str:
    return f"LBENCH{i:011d}"


def seed(base_url: str, tokens: dict[str, str], *, cylinders: int = 1000, today: date | None = None) -> str:
    """An operating station of OPERATOR_CODE with `cylinders` registered cylinders (serial BENCH-<i>, VIN
    vin(i)); returns the station id. `base_url` is the hydrogen service, direct or behind the gateway's
    `/hydrogen` prefix; `tokens` maps each role of PRINCIPALS to a bearer token."""
    today_s = (today or business_date()).isoformat()  # the services' day (Asia/Shanghai), not the machine's
    site = call("POST", f"{base_url}/plan/sites", tokens["plan"],
                {"region": "410502", "name": "压测点位", "address": "压测路1号"})
    station = call("POST", f"{base_url}/stations", tokens["operator"], {
        "name": f"压测加氢站{site['id'][:8]}", "region": "410502", "address": "压测路1号", "media": ["gaseous"],
        "use": "public", "land_use": "fuel_station", "plan_site_id": site["id"]})
    sid = station["id"]
    for role in ("designer", "builder", "supervisor"):
        call("POST", f"{base_url}/stations/{sid}/parties", tokens["operator"], {
            "role": role, "name": f"{role}单位", "code": "91410500MA44GT012H", "qualification": "甲级",
            "certificate_number": f"BENCH-{role}"})
    call("POST", f"{base_url}/stations/{sid}/construction", tokens["operator"], {})
    call("POST", f"{base_url}/stations/{sid}/acceptance", tokens["operator"], {
        "accepted_on": today_s, "evaluation_agency": "压测安评", "evaluation_report_number": "BENCH-1"})
    filing = call("POST", f"{base_url}/stations/{sid}/filings", tokens["operator"], {"materials": MATERIALS})
    conditions = [{"code": c, "passed": True, "evidence": "压测", "number": 8} for c in CONDITIONS]
    call("POST", f"{base_url}/filings/{filing['id']}/verification", tokens["county"], {
        "passed": True, "verified_on": today_s, "experts": ["压测专家"], "findings": "符合",
        "conditions": conditions})
    call("POST", f"{base_url}/stations/{sid}/opening", tokens["operator"], {"opening_date": today_s})
    for start in range(0, cylinders, 1000):
        items = [{"serial": f"BENCH-{i}", "vin": vin(i), "certificate_number": f"BENCH-CERT-{i}",
                  "next_inspection_on": "2099-12-31"} for i in range(start, min(cylinders, start + 1000))]
        call("POST", f"{base_url}/cylinders/import", tokens["market"], {"items": items})
    return sid


def fill_request(station_id: str, operator_token: str, cylinder: int = 0) -> tuple[str, str, dict, str]:
    """(method, path, headers, body template): the fill a pump asks for; `%d.%d` fills kg with the harness's
    thread and counter so no two bodies are equal."""
    body = (f'{{"cylinder_serial": "BENCH-{cylinder}", "vin": "{vin(cylinder)}", "accessories_complete": true, '
            '"high_pressure_leak": false, "kg": %d.%d}')
    return ("POST", f"/stations/{station_id}/fills",
            {"Authorization": f"Bearer {operator_token}", "Content-Type": "application/json"}, body)


def demo_tokens(gateway: str) -> dict[str, str]:
    out = {}
    for role, client in DEMO_CLIENTS.items():
        data = f"grant_type=client_credentials&client_id={client}&client_secret={client}-secret".encode()
        with urllib.request.urlopen(urllib.request.Request(f"{gateway}/auth/token", data=data)) as r:
            out[role] = json.loads(r.read())["access_token"]
    return out


WRK_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer TOKEN"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, string.format(BODY, 1, n))
end
"""


def run_wrk(url: str, method_path_headers_body: tuple, connections: int, seconds: int, workdir: Path) -> str:
    _, path, headers, body = method_path_headers_body
    token = headers["Authorization"].split()[1]
    script = workdir / "fill.lua"
    script.write_text(WRK_LUA.replace("TOKEN", token).replace("BODY", json.dumps(body)))
    out = subprocess.run(["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s",
                          str(script), url + path], capture_output=True, text=True, check=False).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"50%\s+([\d.]+\w+)", out)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return (f"{rps.group(1) if rps else '?'} fills/s, p50 {p50.group(1) if p50 else '?'}, "
            f"p99 {p99.group(1) if p99 else '?'}, non-2xx {non2xx.group(1) if non2xx else 0}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gateway", default="http://127.0.0.1:8000")
    parser.add_argument("--direct", default="http://127.0.0.1:8002", help="the hydrogen service itself")
    parser.add_argument("--cylinders", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not installed (apt-get install wrk)")
    tokens = demo_tokens(args.gateway)
    sid = seed(f"{args.gateway}/hydrogen", tokens, cylinders=args.cylinders)
    request = fill_request(sid, tokens["operator"], cylinder=7)
    with tempfile.TemporaryDirectory() as tmp:
        for name, base in (("direct", args.direct), ("gateway", f"{args.gateway}/hydrogen")):
            for c in (1, 16):
                print(f"{name:8} c={c:<3} {run_wrk(base, request, c, args.seconds, Path(tmp))}", flush=True)


if __name__ == "__main__":
    main()
