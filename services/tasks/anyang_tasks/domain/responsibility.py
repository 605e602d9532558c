"""Responsible units of a task, read from the bulletin's parenthesis (spec tasks: The task register).

安政办〔2023〕5号 writes e.g. "（市商务局牵头，市发展改革委、市农业农村局…按职责分工负责）": a unit marked
牵头 leads and the others co-operate (配合); where no unit is marked 牵头 ("…按职责分工负责" or "…负责"),
every unit named shares the responsibility as a lead for its part. Collective names (各县〔市、区〕政府)
stand for every member region (govkit.refdata groups).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkit import refdata

LEAD, CO = "lead", "co_operate"
ROLE_LABELS = {LEAD: "牵头/负责", CO: "配合"}

_TAIL = re.compile(r"(按职责分工负责|分工负责|负责|配合)$")


@dataclass(frozen=True)
class ResponsibleUnit:
    code: str
    name: str
    role: str
    written: str  # as the bulletin writes it


def split_units(text: str) -> list[tuple[str, str]]:
    """(written name, role) pairs from the parenthesis text, in the bulletin's order."""
    body = re.sub(r"\s+", "", text).strip("（）()")
    body = _TAIL.sub("", body)
    segments = [s for s in re.split(r"[，,；;]", body) if s]
    has_lead = any(s.endswith("牵头") for s in segments)
    pairs: list[tuple[str, str]] = []
    for seg in segments:
        led = seg.endswith("牵头")
        seg = _TAIL.sub("", seg.removesuffix("牵头"))
        role = LEAD if (led or not has_lead) else CO
        pairs.extend((name, role) for name in _split_names(seg) if name)
    return pairs


def _split_names(seg: str) -> list[str]:
    """Split on 、 outside brackets: 各县〔市、区〕政府 stays one name."""
    names, depth, current = [], 0, ""
    for ch in seg:
        if ch in "〔（(":
            depth += 1
        elif ch in "〕）)":
            depth -= 1
        if ch == "、" and depth == 0:
            names.append(current)
            current = ""
        else:
            current += ch
    names.append(current)
    return names


def resolve_units(text: str) -> list[ResponsibleUnit]:
    """Resolve every written name to reference-data units (refdata.UnknownUnit when one is unknown)."""
    out: dict[str, ResponsibleUnit] = {}
    for written, role in split_units(text):
        try:
            units = [refdata.resolve(written)]
        except refdata.UnknownUnit:
            units = list(
                refdata.group_members(written)
            )  # KeyError-derived UnknownUnit when not a group either
        for u in units:
            if u.code not in out or (role == LEAD and out[u.code].role == CO):
                out[u.code] = ResponsibleUnit(u.code, u.government or u.name, role, written)
    return list(out.values())
