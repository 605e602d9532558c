"""Categories (安政办〔2023〕4号 第三条–第九条, 第二十一条, 第二十二条) and indicator formulas."""

import pytest

from anyang_awards.domain.categories import CATEGORIES, CategoryCode, Granter, HonourItem, Who, category
from anyang_awards.domain.indicators import (
    INDICATORS,
    MAIN_REVENUE_CAGR3,
    PATENTS_PER_YI,
    VALUE_ADDED_RATE,
    Direction,
    Kind,
    indicators_for,
)


def test_seven_categories_with_their_places():
    assert {c.value: CATEGORIES[c].places for c in CategoryCode} == {
        "top10": 10,
        "fast10": 10,
        "top50": 50,
        "fast50": 50,
        "merit10": 10,
        "innovator10": 10,
        "trade10": 10,
    }


def test_enterprises_get_plaque_and_trophy_from_party_committee_and_government():
    for code in ("top10", "fast10"):
        c = category(code)
        assert c.who is Who.ENTERPRISE and c.granted_by is Granter.CITY_PARTY_COMMITTEE_AND_GOVERNMENT
        assert HonourItem.CERTIFICATE not in c.honour_items and c.honour_article.endswith("第二十一条")


def test_top50_fast50_get_certificate_from_party_committee_and_government():
    for code in ("top50", "fast50"):
        c = category(code)
        assert c.granted_by is Granter.CITY_PARTY_COMMITTEE_AND_GOVERNMENT
        assert set(c.honour_items) == set(HonourItem)


def test_merit_innovator_trade_are_granted_by_the_city_government():
    for code in ("merit10", "innovator10", "trade10"):
        c = category(code)
        assert c.granted_by is Granter.CITY_GOVERNMENT and c.honour_article.endswith("第二十二条")
        assert set(c.honour_items) == set(HonourItem)


@pytest.mark.parametrize("code", list(INDICATORS))
def test_weights_of_each_scored_category_sum_to_100(code):
    assert sum(i.weight for i in indicators_for(code)) == 100


def test_merit10_has_no_indicators():
    with pytest.raises(KeyError):
        indicators_for("merit10")


def test_energy_per_revenue_is_the_only_negative_indicator():
    negative = {
        (c.value, i.code) for c, inds in INDICATORS.items() for i in inds if i.direction is Direction.NEGATIVE
    }
    assert negative == {("top50", "energy_per_revenue"), ("innovator10", "energy_per_revenue")}


def test_innovator10_expert_items_and_trade10_recognitions():
    kinds = {i.code: i.kind for i in indicators_for("innovator10")}
    assert [k for k, v in kinds.items() if v is Kind.EXPERT] == [
        "management_structure",
        "education_title",
        "research_results",
        "industry_academia",
        "rd_platform",
    ]
    trade = {i.code: i.kind for i in indicators_for("trade10")}
    assert trade["provincial_trade_recognition"] is Kind.RECOGNITION
    assert trade["trade_base_major_enterprise"] is Kind.RECOGNITION
    assert trade["trade_potential"] is Kind.EXPERT


def test_value_added_rate_formula():
    c = VALUE_ADDED_RATE.compute({"industrial_value_added": 30, "gross_output": 90, "output_vat": 10})
    assert c.value == pytest.approx(0.3)
    assert c.formula == "industrial_value_added / (gross_output + output_vat)"
    assert c.inputs == {"industrial_value_added": 30, "gross_output": 90, "output_vat": 10}


def test_patents_per_100_million_revenue():
    assert PATENTS_PER_YI.compute({"invention_patents": 3, "revenue": 150_000_000}).value == pytest.approx(2)


def test_three_year_growth_is_compound():
    assert MAIN_REVENUE_CAGR3.compute({"main_revenue": 8, "main_revenue_y3": 1}).value == pytest.approx(1.0)


@pytest.mark.parametrize("base", [0, -1])
def test_three_year_growth_from_non_positive_base_is_not_computable(base):
    c = MAIN_REVENUE_CAGR3.compute({"main_revenue": 8, "main_revenue_y3": base})
    assert c.value is None and c.reason_zh


def test_missing_input_is_not_computable_and_named():
    c = VALUE_ADDED_RATE.compute({"industrial_value_added": 30, "gross_output": 90})
    assert c.value is None and c.reason_en == "missing: output_vat"
