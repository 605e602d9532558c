"""Gateway overhead: requests/s to a service's /health directly vs through the gateway proxy.

Starts one service (uvicorn, SQLite in a temp dir, no NATS) and the gateway on free ports, then
fires N requests at concurrency C from one httpx client (style.md: encode/httpx#3215).
Usage: python bench/bench_gateway.py [N=3000] [C=50]
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time

import httpx

from govkit.testing import free_port


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "uvicorn", *args, "--log-level", "warning"],
                            env=os.environ | env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def wait(url: str) -> None:
    async with httpx.AsyncClient() as c:
        for _ in range(200):
            try:
                if (await c.get(url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.05)
    raise SystemExit(f"{url} did not start")


async def measure(url: str, n: int, concurrency: int) -> tuple[float, float]:
    latencies: list[float] = []
    sem = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits) as client:
        async def one() -> None:
            async with sem:
                t0 = time.perf_counter()
                r = await client.get(url)
                r.raise_for_status()
                latencies.append(time.perf_counter() - t0)

        started = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(n)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return n / elapsed, latencies[len(latencies) // 2] * 1000


async def main(n: int, concurrency: int) -> None:
    tmp = tempfile.mkdtemp()
    sport, gport = free_port(), free_port()
    service = start(["--factory", "anyang_credit.app:create", "--port", str(sport)],
                    {"CREDIT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/credit.db", "BACKGROUND": "false",
                     "LOG_JSON": "false"})
    gateway = start(["anyang_gateway.main:app", "--port", str(gport)],
                    {"GATEWAY_SERVICES": json.dumps({"credit": f"http://127.0.0.1:{sport}"}),
                     "GATEWAY_RATE_LIMIT_PER_MINUTE": "100000000"})
    try:
        await wait(f"http://127.0.0.1:{sport}/health")
        await wait(f"http://127.0.0.1:{gport}/livez")
        await measure(f"http://127.0.0.1:{sport}/health", 200, concurrency)  # warm-up
        direct, direct_p50 = await measure(f"http://127.0.0.1:{sport}/health", n, concurrency)
        proxied, proxied_p50 = await measure(f"http://127.0.0.1:{gport}/credit/health", n, concurrency)
        print(f"gateway bench: {n} requests, concurrency {concurrency}")
        print(f"  direct        {direct:8.0f} req/s   p50 {direct_p50:6.1f} ms")
        print(f"  via gateway   {proxied:8.0f} req/s   p50 {proxied_p50:6.1f} ms")
        print(f"  ratio gateway/direct throughput: {proxied / direct:.2f}")
    finally:
        for p in (gateway, service):
            p.terminate()
            p.wait()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000,
                     int(sys.argv[2]) if len(sys.argv) > 2 else 50))
