"""Coded values as the platform writes them: a flat `x` (stable English code, an enum) beside `x_label`
(its label in the caller's language; Chinese by default)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, model_validator

from anyang_credit.domain.vocab import label
from govkit.refdata import unit_name

# fields holding a department's code (reference data): their `x_name` beside them is filled from it
UNIT_FIELDS = frozenset({"department", "authority", "decider"})


def codes(enum: type[StrEnum], what: str = "", **field: Any) -> Any:
    """A field of `enum` whose description lists every code with its Chinese label (`field`: more of Field's
    arguments, e.g. a default)."""
    listed = "；".join(f"{m.value} {label(m).zh}" for m in enum)
    return Field(description=f"{what}代码 / code: {listed}", **field)


class Coded(BaseModel):
    """An answer whose `x_label` fields are filled from their code `x`, and a department's `x_name` from its
    code, when the builder gives only the code."""

    @model_validator(mode="before")
    @classmethod
    def _fill_labels(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        filled = dict(data)
        for name in cls.model_fields:
            if name in data:
                continue
            if name.endswith("_label"):
                filled[name] = labelled(name.removesuffix("_label"), data.get(name.removesuffix("_label")))[name]
            elif name.removesuffix("_name") in UNIT_FIELDS and data.get(name.removesuffix("_name")) is not None:
                filled[name] = unit_name(data[name.removesuffix("_name")])
        return filled


def labelled(name: str, code: str | None) -> dict[str, Any]:
    """`{name: code, name_label: label}` (both None for no code)."""
    return {name: code, f"{name}_label": None if code is None else label(code).text}
