"""The only place that reads the packaged rule data (rules/*.yaml); the rules take values as arguments."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from govkit.rules.params import ParameterSet

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
PARAMETERS_PATH = RULES_DIR / "parameters.yaml"
GRADE_RULES_PATH = RULES_DIR / "grade_rules.yaml"


@lru_cache(maxsize=1)
def default_parameters() -> ParameterSet:
    return ParameterSet.load(PARAMETERS_PATH)


@lru_cache(maxsize=1)
def grade_rules_document() -> dict:
    with GRADE_RULES_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
