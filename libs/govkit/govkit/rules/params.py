"""Dated, cited rule parameters (thresholds, periods, amounts) loaded from YAML.

A rule reads the value valid on the date it decides for, and reports the value's reference::

    awards.top10.min_revenue:
      description: 营业收入5亿元以上
      unit: CNY
      values:
        2023-01-01: {value: 500000000, reference: "安政办〔2023〕4号 第三条"}

Each value is valid from its date until the next dated value of the same parameter. Several files may
be loaded together; a later file may add dated values to a parameter defined earlier (e.g. a new
year's amount), but not redefine a date already given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml


class ParameterFileError(ValueError):
    """A parameter file that cannot be used; the message names the file, parameter and fault."""


class NotInForce(KeyError):
    """No value of the parameter is in force on the date asked: the rule did not exist yet."""

    def __init__(self, name: str, on: date, first: date) -> None:
        super().__init__(f"parameter {name!r} has no value on {on.isoformat()} (first valid from {first.isoformat()})")
        self.name, self.on, self.first = name, on, first


@dataclass(frozen=True)
class ParamValue:
    name: str
    value: Any
    valid_from: date
    reference: str


@dataclass(frozen=True)
class ParamDescription:
    """Everything known about one parameter: for APIs that show the rule."""

    name: str
    description: str
    unit: str | None
    values: tuple[ParamValue, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "unit": self.unit,
            "values": [{"valid_from": v.valid_from.isoformat(), "value": v.value, "reference": v.reference}
                       for v in self.values],
        }


@dataclass
class _Param:
    description: str
    unit: str | None
    values: list[ParamValue] = field(default_factory=list)


def _as_date(key: object, where: str) -> date:
    if isinstance(key, date) and not hasattr(key, "hour"):
        return key
    if isinstance(key, str):
        try:
            return date.fromisoformat(key)
        except ValueError:
            pass
    raise ParameterFileError(f"{where}: '{key}' is not a date (write YYYY-MM-DD)")


def _parse_values(path: Path, name: str, raw_values: object) -> list[ParamValue]:
    where = f"{path}: {name}"
    if not isinstance(raw_values, dict) or not raw_values:
        raise ParameterFileError(f"{where}: 'values' must map dates to {{value, reference}}")
    parsed: list[ParamValue] = []
    for key, entry in raw_values.items():
        valid_from = _as_date(key, f"{where}.values")
        at = f"{where}.values.{valid_from.isoformat()}"
        if not isinstance(entry, dict):
            raise ParameterFileError(f"{at}: expected {{value: ..., reference: ...}}, got {entry!r}")
        if "value" not in entry:
            raise ParameterFileError(f"{at}: missing 'value'")
        reference = entry.get("reference")
        if not isinstance(reference, str) or not reference.strip():
            raise ParameterFileError(f"{at}: every value needs a 'reference' (the article it rests on)")
        unknown = set(entry) - {"value", "reference", "note"}
        if unknown:
            raise ParameterFileError(f"{at}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        if parsed and valid_from <= parsed[-1].valid_from:
            raise ParameterFileError(
                f"{at}: dates must be in ascending order, {valid_from.isoformat()} follows "
                f"{parsed[-1].valid_from.isoformat()}")
        parsed.append(ParamValue(name, entry["value"], valid_from, reference.strip()))
    return parsed


class ParameterSet:
    """Named parameters with dated values."""

    def __init__(self) -> None:
        self._params: dict[str, _Param] = {}

    @classmethod
    def load(cls, *yaml_paths: str | Path) -> ParameterSet:
        params = cls()
        for p in yaml_paths:
            params._load_file(Path(p))
        return params

    def _load_file(self, path: Path) -> None:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ParameterFileError(f"{path}: cannot read parameter file: {exc}") from None
        if raw is None:
            return
        if not isinstance(raw, dict):
            raise ParameterFileError(f"{path}: expected a mapping of parameter names")
        for name, spec in raw.items():
            if not isinstance(name, str) or not name.strip():
                raise ParameterFileError(f"{path}: parameter name must be a non-empty string, got {name!r}")
            if not isinstance(spec, dict):
                raise ParameterFileError(f"{path}: {name}: expected description, unit and values")
            unknown = set(spec) - {"description", "unit", "values"}
            if unknown:
                listed = ", ".join(sorted(map(str, unknown)))
                raise ParameterFileError(f"{path}: {name}: unknown key(s) {listed}")
            if "values" not in spec:
                raise ParameterFileError(f"{path}: {name}: missing 'values'")
            values = _parse_values(path, name, spec["values"])
            description, unit = spec.get("description"), spec.get("unit")
            if description is not None and not isinstance(description, str):
                raise ParameterFileError(f"{path}: {name}: 'description' must be text")
            if unit is not None and not isinstance(unit, str):
                raise ParameterFileError(f"{path}: {name}: 'unit' must be text")
            self._merge(path, name, description, unit, values)

    def _merge(self, path: Path, name: str, description: str | None, unit: str | None,
               values: list[ParamValue]) -> None:
        existing = self._params.get(name)
        if existing is None:
            self._params[name] = _Param(description or "", unit, values)
            return
        if unit is not None and existing.unit is not None and unit != existing.unit:
            raise ParameterFileError(
                f"{path}: {name}: unit '{unit}' differs from '{existing.unit}' loaded before")
        known = {v.valid_from for v in existing.values}
        for v in values:
            if v.valid_from in known:
                raise ParameterFileError(
                    f"{path}: {name}: a value from {v.valid_from.isoformat()} is already loaded")
        existing.values = sorted(existing.values + values, key=lambda v: v.valid_from)
        existing.description = description or existing.description
        existing.unit = existing.unit or unit

    def names(self) -> list[str]:
        return sorted(self._params)

    def __contains__(self, name: object) -> bool:
        return name in self._params

    def _get(self, name: str) -> _Param:
        try:
            return self._params[name]
        except KeyError:
            raise KeyError(f"unknown parameter {name!r}") from None

    def at(self, name: str, on: date) -> ParamValue:
        """The value of ``name`` valid on ``on``; KeyError when unknown or not yet in force."""
        param = self._get(name)
        valid = [v for v in param.values if v.valid_from <= on]
        if not valid:
            raise NotInForce(name, on, param.values[0].valid_from)
        return valid[-1]

    def describe(self, name: str) -> ParamDescription:
        """All dated values of ``name``, oldest first."""
        param = self._get(name)
        return ParamDescription(name, param.description, param.unit, tuple(param.values))
