"""Data shipped with the service: the task register extracted from the bulletin
(`python -m anyang_tasks.extraction` writes it; migrations load it)."""

from __future__ import annotations

import json
from pathlib import Path

DATA_FILE = Path(__file__).with_name("register_2023.json")


def register_entries() -> list[dict]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["entries"]
