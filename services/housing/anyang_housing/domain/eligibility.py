"""Who may apply for affordable rental housing, and in which priority (安政办〔2023〕7号 三（一）).

在本市区内无自有住房或人均住房面积低于15平方米的，均可申请…原则上不设户籍和收入限制。优先保障无自有住房的
新市民、青年人。 低于 excludes the number: exactly 15 ㎡ per person is not eligible. The comparison is exact
(total area < 15 × members); the per-person figure is rounded (down, to 0.01) only for display, so 59.99 ㎡
for 4 persons (14.9975) is eligible and shows 14.99.

Interpretation (spec housing.md): 青年人 = main applicant aged 18 to 35 (completed years) on the
application date; 新市民 = holds an Anyang residence permit or moved to the city within the last 5 years
(dated parameter housing.new_citizen.move_in_years). Priority tiers: 1 no housing and new citizen or young;
2 no housing; 3 below 15 ㎡ per person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from anyang_housing.domain.decision import Decision
from anyang_housing.domain.params import decimal_param, param
from govkit.rules.periods import add_years, completed_years

BASIS = "安政办〔2023〕7号 三（一）"
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
    """For display only: rounded down to 0.01 so that a figure below 15 never shows as 15.00."""
    return (exact_per_person_area(h)).quantize(Decimal("0.01"), ROUND_DOWN)


def exact_per_person_area(h: Household) -> Decimal:
    return sum(h.owned_areas_m2, Decimal(0)) / h.members


def shown(x: Decimal) -> str:
    """A figure for people: at most 4 decimals, rounded down, without trailing zeros (14.9975, 15, 33.3333)."""
    return format(x.quantize(Decimal("0.0001"), ROUND_DOWN).normalize(), "f")


def is_young(birth_date: date, on: date) -> bool:
    return YOUNG_MIN <= completed_years(birth_date, on) <= YOUNG_MAX


def new_citizen_basis(residence_permit: bool, moved_in_on: date | None, on: date) -> Decision:
    """新市民 (Interpretation): an Anyang residence permit, or a move to the city whose N-year period
    (民法典 第二百零一条/第二百零二条: from the day after the move, ending on its N-th anniversary) has not
    ended on the application date."""
    years = param("new_citizen.move_in_years", on)
    facts = {"residence_permit": residence_permit, "moved_in_on": moved_in_on.isoformat() if moved_in_on else None,
             "move_in_years": years.value}
    if residence_permit:
        return Decision(True, "residence_permit", years.reference, facts, "持有本市居住证", "Holds a residence permit")
    if moved_in_on is not None:
        ends = add_years(moved_in_on, int(years.value))
        facts |= {"move_in_period_ends": ends.isoformat()}
        if on <= ends:
            return Decision(True, "recent_move_in", years.reference, facts,
                            f"{moved_in_on.isoformat()}迁入本市，至{ends.isoformat()}止未满{years.value}年",
                            f"Moved in on {moved_in_on.isoformat()}: within {years.value} years until {ends}")
        return Decision(False, "move_in_too_long_ago", years.reference, facts,
                        f"{moved_in_on.isoformat()}迁入本市，已满{years.value}年（{ends.isoformat()}届满）",
                        f"Moved in on {moved_in_on.isoformat()}: {years.value} years ended on {ends}")
    return Decision(False, "not_new_citizen", years.reference, facts, "未持本市居住证，也未申报迁入日期",
                    "No residence permit and no move-in date")


def assess(h: Household) -> Decision:
    """Eligible when the household owns no home in the city area, or per-person area is below 15 ㎡."""
    if h.members < 1:
        raise ValueError("a household has at least one member")
    limit = decimal_param("eligibility.per_person_area_below_m2", h.applied_on)
    total = sum(h.owned_areas_m2, Decimal(0))
    area = per_person_area(h)
    owns = len(h.owned_areas_m2) > 0 and total > 0
    young = is_young(h.birth_date, h.applied_on)
    facts = {
        "members": h.members,
        "homes": len(h.owned_areas_m2),
        "total_area_m2": str(total),
        "per_person_area_m2": str(area),
        "per_person_area_exact_m2": shown(exact_per_person_area(h)),
        "owns_housing": owns,
        "young": young,
        "new_citizen": h.new_citizen,
        "age": completed_years(h.birth_date, h.applied_on),
        "area_limit_m2": str(limit),
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
    exact = shown(exact_per_person_area(h))
    if total < limit * h.members:  # exact: no rounding before the comparison
        return Decision(
            True,
            "tier_3",
            BASIS,
            facts | {"priority_tier": 3},
            f"人均住房面积{exact}平方米，低于{limit}平方米，可以申请",
            f"{exact} m² per person is below {limit} m²: eligible",
        )
    return Decision(
        False,
        "area_not_below_limit",
        BASIS,
        facts | {"priority_tier": None},
        f"人均住房面积{exact}平方米，不低于{limit}平方米（“低于15平方米”不含本数），不符合申请条件",
        f"{exact} m² per person is not below {limit} m² (15 itself is not below): not eligible",
    )
