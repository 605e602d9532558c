"""`make run` keeps going (issue 9): a service process that dies is started again by the supervisor in
deploy/run_local.py, and meanwhile the gateway keeps serving the other services."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from govkit.testing import free_port

ROOT = Path(__file__).resolve().parent.parent


class Platform:
    """deploy/run_local.py in a process group of its own, its output read line by line."""

    def __init__(self, run_dir: Path) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "deploy/run_local.py"], cwd=ROOT, text=True, start_new_session=True,
            env=os.environ | {"RUN_DIR": str(run_dir), "GATEWAY_PORT": str(self.port)},
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.proc.stdout], daemon=True).start()
        self.pids: dict[str, int] = {}

    @property
    def gateway(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_for(self, pattern: str, timeout: float) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            started = re.match(r"started (\w+) \(pid (\d+)\)", line)
            if started:
                self.pids[started[1]] = int(started[2])
            found = re.search(pattern, line)
            if found:
                return found
        raise AssertionError(f"run_local printed no line matching {pattern!r} within {timeout}s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def _status(url: str) -> int:
    try:
        return httpx.get(url, timeout=5).status_code
    except httpx.HTTPError:
        return 0


@pytest.mark.heavy
def test_a_killed_service_is_restarted_and_the_gateway_keeps_serving_the_others(tmp_path):
    platform = Platform(tmp_path)
    try:
        platform.wait_for("Press Ctrl-C to stop", timeout=240)
        victim = platform.pids["hydrogen"]
        os.kill(victim, signal.SIGKILL)
        platform.wait_for(r"hydrogen exited with -9", timeout=30)
        assert _status(f"{platform.gateway}/awards/rounds") == 200  # the others keep serving meanwhile
        assert _status(f"{platform.gateway}/credit/public/records") == 200
        platform.wait_for(r"started hydrogen", timeout=60)
        assert platform.pids["hydrogen"] != victim
        deadline = time.monotonic() + 120
        while _status(f"{platform.gateway}/hydrogen/stations") != 200:
            assert time.monotonic() < deadline, "hydrogen did not come back behind the gateway"
            time.sleep(0.5)
        assert platform.proc.poll() is None  # the platform itself never stopped
    finally:
        platform.stop()
