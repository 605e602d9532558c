"""The dated, cited parameters of 安政办〔2023〕7号 (rules/parameters.yaml): a rule reads the value in force
on the date it decides for, so a later change is data, not code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from govkit.rules.params import ParameterSet, ParamValue

PARAMETERS = Path(__file__).resolve().parent.parent / "rules" / "parameters.yaml"


@lru_cache(maxsize=1)
def parameters() -> ParameterSet:
    return ParameterSet.load(PARAMETERS)


def param(name: str, on: date) -> ParamValue:
    return parameters().at(f"housing.{name}", on)


def decimal_param(name: str, on: date) -> Decimal:
    return Decimal(str(param(name, on).value))


def int_param(name: str, on: date) -> int:
    return int(param(name, on).value)
