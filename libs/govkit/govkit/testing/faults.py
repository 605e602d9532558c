"""Fault bursts: many events through a real NATS while parts fail, then counted (issue 9; the deployment's
tests reuse it). Services run in processes of their own, each started again whenever it dies, so a fault
can be a real `kill -9`; the count at the end says whether every event took effect exactly once.

    tally = await burst(1000, produce=..., effects=..., drained=..., during=...)
    assert tally.exactly_once, tally
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nats

from govkit.testing import eventually, free_port


class ServiceProcess:
    """A kit service in a process of its own (`uvicorn --factory module:function`), started again by
    `supervise()` whenever it dies — as `make run` and an orchestrator do."""

    def __init__(self, factory: str, env: dict[str, str], *, pythonpath: Iterable[str | Path] = ()) -> None:
        self.factory, self.port = factory, free_port()
        path = os.pathsep.join([*map(str, pythonpath), os.environ.get("PYTHONPATH", "")]).strip(os.pathsep)
        self.env = os.environ | env | ({"PYTHONPATH": path} if path else {})
        self.proc: subprocess.Popen | None = None
        self.restarts = 0
        self._watch: asyncio.Task | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", self.factory, "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "warning"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        if self.alive:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    async def supervise(self, interval: float = 0.1) -> None:
        """Start it, then start it again each time it has died (until cancelled)."""
        self.start()
        while True:
            await asyncio.sleep(interval)
            if not self.alive:
                self.restarts += 1
                self.start()

    def __enter__(self) -> ServiceProcess:
        self._watch = asyncio.get_running_loop().create_task(self.supervise())
        return self

    def __exit__(self, *exc) -> None:
        if self._watch is not None:
            self._watch.cancel()
        if self.alive:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Tally:
    produced: int
    applied: int          # events whose effect is there
    duplicates: int       # effects beyond the first
    seconds: float
    restarts: dict[str, int] = field(default_factory=dict)

    @property
    def exactly_once(self) -> bool:
        return self.applied == self.produced and self.duplicates == 0


async def burst(n: int, *, produce: Callable[[Sequence[int]], Awaitable[None]],
                effects: Callable[[], Awaitable[dict[str, int]]], drained: Callable[[], Awaitable[bool]],
                during: Callable[[int], Awaitable[None]] | None = None, batch: int = 50,
                processes: dict[str, ServiceProcess] | None = None, timeout: float = 600) -> Tally:
    """Produce events 0…n-1 in transactions of `batch` (`during(produced so far)` after each: inject faults
    there), wait until every effect is there and nothing is pending, then count effects per event."""
    started = time.monotonic()
    for first in range(0, n, batch):
        await produce(range(first, min(n, first + batch)))
        if during is not None:
            await during(min(n, first + batch))

    async def complete() -> bool:
        return len(await effects()) >= n and await drained()

    await eventually(complete, timeout=timeout, interval=0.5)
    counts = await effects()
    return Tally(produced=n, applied=len(counts), duplicates=sum(c - 1 for c in counts.values()),
                 seconds=round(time.monotonic() - started, 1),
                 restarts={name: p.restarts for name, p in (processes or {}).items()})


async def consumer_drained(nats_url: str, stream: str, durable: str) -> bool:
    """Nothing left for the durable consumer: no message pending, none delivered and unacknowledged."""
    try:
        nc = await nats.connect(nats_url, allow_reconnect=False, connect_timeout=2)
    except Exception:  # NATS down: not drained
        return False
    try:
        info = await nc.jetstream(timeout=2).consumer_info(stream, durable)
        return info.num_pending == 0 and info.num_ack_pending == 0
    except Exception:
        return False
    finally:
        await nc.close()
