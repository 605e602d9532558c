"""Packaged rule data of the credit service (rules/*.yaml), read by the service layer; the domain rules take
the values as arguments."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from govkit.rules.params import ParameterSet

RULES_DIR = Path(__file__).resolve().parent
PARAMETERS_PATH = RULES_DIR / "parameters.yaml"
GRADE_RULES_PATH = RULES_DIR / "grade_rules.yaml"


@lru_cache(maxsize=1)
def default_parameters() -> ParameterSet:
    return ParameterSet.load(PARAMETERS_PATH)


@lru_cache(maxsize=1)
def grade_rules_document() -> dict:
    with GRADE_RULES_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
