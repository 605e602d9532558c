"""Eligibility (三（一）: 低于15平方米 excludes 15), priority, unit mix (三（二）) and rent (三（三）)
boundaries."""

from datetime import date
from decimal import Decimal

import pytest

from anyang_housing.domain.eligibility import Household, assess, is_young
from anyang_housing.domain.projects import rent_below_market, unit_mix


def household(
    areas=(), members=1, birth=date(1985, 6, 15), new_citizen=False, on=date(2023, 3, 1)
) -> Household:
    return Household(
        members=members,
        owned_areas_m2=tuple(Decimal(a) for a in areas),
        birth_date=birth,
        new_citizen=new_citizen,
        applied_on=on,
    )


@pytest.mark.parametrize(
    ("areas", "members", "eligible", "outcome"),
    [
        ((), 1, True, "tier_2"),
        (("44.97",), 3, True, "tier_3"),  # 14.99 per person
        (("45",), 3, False, "area_not_below_limit"),  # exactly 15.00: 低于 excludes it
        (("45.03",), 3, False, "area_not_below_limit"),
        (("20", "10"), 2, False, "area_not_below_limit"),  # homes add up: 15.00
    ],
)
def test_per_person_area_must_be_below_15(areas, members, eligible, outcome):
    decision = assess(household(areas, members))
    assert decision.value is eligible and decision.outcome == outcome
    assert decision.basis == "安政办〔2023〕7号 三（一）"


def test_the_decision_lists_the_facts_used():
    facts = assess(household(("45",), 3)).facts
    assert facts["per_person_area_m2"] == "15.00" and facts["members"] == 3 and facts["owns_housing"] is True


@pytest.mark.parametrize(
    ("birth", "young"),
    [
        (date(2005, 3, 1), True),  # 18 on the application date
        (date(2005, 3, 2), False),  # 17
        (date(1987, 3, 2), True),  # 35
        (date(1987, 3, 1), False),  # 36 that day
    ],
)
def test_young_means_aged_18_to_35_on_the_application_date(birth, young):
    assert is_young(birth, date(2023, 3, 1)) is young


def test_no_housing_and_young_or_new_citizen_come_first():
    assert assess(household(birth=date(1995, 1, 1))).outcome == "tier_1"
    assert assess(household(new_citizen=True)).outcome == "tier_1"
    assert assess(household(("10",), 1, birth=date(1995, 1, 1))).outcome == "tier_3"  # owns a home: tier 3


def test_unit_mix_needs_70_percent_of_units_of_70_m2_or_less():
    assert unit_mix([Decimal("70")] * 7 + [Decimal("90")] * 3)  # 70 ㎡ counts, exactly 70% passes
    short = unit_mix([Decimal("70")] * 6 + [Decimal("70.01")] * 4)
    assert not short and short.facts["short_by_units"] == 1 and "还差1套" in short.reason_zh


def test_a_rent_equal_to_the_market_rent_is_not_below_it():
    assert rent_below_market(149_999, 150_000)
    refused = rent_below_market(150_000, 150_000)
    assert not refused and "1500.00" in refused.reason_zh and refused.basis == "安政办〔2023〕7号 三（三）"
