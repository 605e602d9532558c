"""Coded values as the platform writes them: a flat `x` (stable English code, an enum) beside `x_label`
(its label in the caller's language; Chinese by default)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from anyang_credit.domain.vocab import label


def codes(enum: type[StrEnum], what: str = "") -> Any:
    """A field of `enum` whose description lists every code with its Chinese label."""
    listed = "；".join(f"{m.value} {label(m).zh}" for m in enum)
    return Field(description=f"{what}代码 / code: {listed}")


def labelled(name: str, code: str | None) -> dict[str, Any]:
    """`{name: code, name_label: label}` (both None for no code)."""
    return {name: code, f"{name}_label": None if code is None else label(code).text}
