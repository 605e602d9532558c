"""Regions a station or site may lie in (安政办〔2023〕2号 第四条)."""

from __future__ import annotations

from govkit import refdata
from govkit.errors import RuleViolation


def check_region(code: str) -> None:
    """A station lies in a county, district, county-level city or functional zone (第四条)."""
    try:
        unit = refdata.unit(code)
    except refdata.UnknownUnit:
        unit = None
    if unit is None or unit.kind not in refdata.REGION_KINDS:
        raise RuleViolation(
            f"所在区域“{code}”不是本市县（市、区）或功能区代码（安政办〔2023〕2号 第四条）",
            f"Region {code!r} is not a county, district or functional zone of the city",
            errors=[{"field": "region", "message": "unknown county code"}],
        )
