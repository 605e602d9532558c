"""The kit's own test service, `pingsvc`, importable by name under any import mode."""

import importlib.util
import sys
from pathlib import Path

if "pingsvc" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("pingsvc", Path(__file__).with_name("pingsvc.py"))
    sys.modules["pingsvc"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["pingsvc"])
