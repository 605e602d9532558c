"""Who may apply for affordable rental housing, and in which priority (安政办〔2023〕7号 三（一）).

在本市区内无自有住房或人均住房面积低于15平方米的，均可申请…原则上不设户籍和收入限制。优先保障无自有住房的
新市民、青年人。 低于 excludes the number: exactly 15.00 ㎡ per person is not eligible.

Interpretation (spec housing.md): 青年人 = main applicant aged 18 to 35 (completed years) on the
application date; 新市民 = holds an Anyang residence permit or moved to the city within the last 5 years,
declared by the applicant. Priority tiers: 1 no housing and new citizen or young; 2 no housing;
3 below 15 ㎡ per person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from anyang_housing.domain.decision import Decision
from govkit.rules.periods import completed_years

BASIS = "安政办〔2023〕7号 三（一）"
AREA_LIMIT = Decimal("15")  # 人均住房面积低于15平方米
YOUNG_MIN, YOUNG_MAX = 18, 35  # Interpretation: 青年人

TIER_LABELS = {1: "无自有住房的新市民、青年人（优先保障）", 2: "无自有住房", 3: "人均住房面积低于15平方米"}


@dataclass(frozen=True)
class Household:
    members: int
    owned_areas_m2: tuple[Decimal, ...]  # floor area of each home the household owns in the city area
    birth_date: date  # of the main applicant
    new_citizen: bool
    applied_on: date


def per_person_area(h: Household) -> Decimal:
    return (sum(h.owned_areas_m2, Decimal(0)) / h.members).quantize(Decimal("0.01"), ROUND_HALF_UP)


def is_young(birth_date: date, on: date) -> bool:
    return YOUNG_MIN <= completed_years(birth_date, on) <= YOUNG_MAX


def assess(h: Household) -> Decision:
    """Eligible when the household owns no home in the city area, or per-person area is below 15 ㎡."""
    if h.members < 1:
        raise ValueError("a household has at least one member")
    total = sum(h.owned_areas_m2, Decimal(0))
    area = per_person_area(h)
    owns = len(h.owned_areas_m2) > 0 and total > 0
    young = is_young(h.birth_date, h.applied_on)
    facts = {
        "members": h.members,
        "homes": len(h.owned_areas_m2),
        "total_area_m2": str(total),
        "per_person_area_m2": str(area),
        "owns_housing": owns,
        "young": young,
        "new_citizen": h.new_citizen,
        "age": completed_years(h.birth_date, h.applied_on),
    }
    if not owns:
        tier = 1 if (young or h.new_citizen) else 2
        return Decision(
            True,
            f"tier_{tier}",
            BASIS,
            facts | {"priority_tier": tier},
            f"在本市区内无自有住房，可以申请；优先级：{TIER_LABELS[tier]}",
            f"Owns no home in the city area: eligible; priority tier {tier}",
        )
    if area < AREA_LIMIT:
        return Decision(
            True,
            "tier_3",
            BASIS,
            facts | {"priority_tier": 3},
            f"人均住房面积{area}平方米，低于15平方米，可以申请",
            f"{area} m² per person is below 15 m²: eligible",
        )
    return Decision(
        False,
        "area_not_below_limit",
        BASIS,
        facts | {"priority_tier": None},
        f"人均住房面积{area}平方米，不低于15平方米（“低于15平方米”不含本数），不符合申请条件",
        f"{area} m² per person is not below 15 m² (15 itself is not below): not eligible",
    )
