"""Responsible units of a task, read from the bulletin's parenthesis (spec tasks: The task register).

安政办〔2023〕5号 writes e.g. "（市商务局牵头，市发展改革委、市农业农村局…按职责分工负责）": a unit marked
牵头 leads and the others co-operate (配合); where no unit is marked 牵头 ("…按职责分工负责" or "…负责"),
every unit named shares the responsibility as a lead for its part. 安政〔2023〕2号 writes
"（责任单位：…牵头，…配合）" (roles, not part of a name) and, with neither word, every unit named leads.

Collective names: a closed set (各县〔市、区〕政府) stands for its member regions, each taking the role the
text gives the collective name, the written name kept beside each; an open one (各相关部门, 市有关部门, …)
stays one group entry, unassigned until the supervision bureau names its members (govkit.refdata).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkit import refdata

LEAD, CO = "lead", "co_operate"
ROLE_LABELS = {LEAD: "牵头/负责", CO: "配合"}

_PREFIX = re.compile(r"^责任单位[：:]")
_TAIL = re.compile(r"(等)?(按职责分工负责|分工负责|负责|配合)$")
_SEPARATORS = "，,；;"


@dataclass(frozen=True)
class ResponsibleUnit:
    code: str
    name: str
    role: str
    written: str  # as the bulletin writes it (the collective name for a member of a closed set)


@dataclass(frozen=True)
class GroupEntry:
    name: str  # the reference data's spelling of the open collective name
    role: str
    written: str


def split_units(text: str) -> list[tuple[str, str]]:
    """(written name, role) pairs from the parenthesis text, in the bulletin's order."""
    body = _PREFIX.sub("", re.sub(r"\s+", "", text).strip("（）()"))
    segments = [s for s in _split(body, _SEPARATORS) if s]
    has_lead = any(_TAIL.sub("", s).endswith("牵头") for s in segments)
    pairs: list[tuple[str, str]] = []
    for seg in segments:
        seg = _TAIL.sub("", seg)
        led = seg.endswith("牵头")
        seg = seg.removesuffix("牵头")
        role = LEAD if (led or not has_lead) else CO
        for name in _split(seg, "、及"):
            name = name.removesuffix("等")
            if name:
                pairs.append((name, role))
    return pairs


def _split(text: str, separators: str) -> list[str]:
    """Split on the separators outside brackets: 各县〔市、区〕政府 stays one name."""
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "〔（(":
            depth += 1
        elif ch in "〕）)":
            depth -= 1
        if ch in separators and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def resolve(pairs: list[tuple[str, str]]) -> tuple[list[ResponsibleUnit], list[GroupEntry]]:
    """Units and open group entries of (written, role) pairs; refdata.UnknownUnit for a name not in the
    reference data. A unit named twice keeps its strongest role."""
    units: dict[str, ResponsibleUnit] = {}
    groups: dict[str, GroupEntry] = {}
    for written, role in pairs:
        open_name = refdata.open_group(written)
        if open_name:
            if open_name not in groups or role == LEAD:
                groups[open_name] = GroupEntry(open_name, role, written)
            continue
        try:
            members = [refdata.resolve(written)]
        except refdata.UnknownUnit:
            members = list(refdata.group_members(written))  # UnknownUnit when not a closed set either
        for u in members:
            if u.code not in units or (role == LEAD and units[u.code].role == CO):
                units[u.code] = ResponsibleUnit(u.code, u.government or u.name, role, written)
    return list(units.values()), list(groups.values())


def resolve_units(text: str) -> list[ResponsibleUnit]:
    """The units of a parenthesis (open groups left aside)."""
    return resolve(split_units(text))[0]
