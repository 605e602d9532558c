"""Grading by 《生产安全事故报告和调查处理条例》第三条 (以上 includes, 以下 excludes the number)
and 第十九条."""

import pytest

from anyang_hydrogen.domain.penalties import check_violated_articles, legal_basis
from anyang_hydrogen.domain.severity import (
    Casualties,
    check_reported_grade,
    county_may_record_conclusion,
    grade,
)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (Casualties(), "general"),
        (Casualties(deaths=2), "general"),
        (Casualties(deaths=3), "larger"),  # 3人以上 includes 3
        (Casualties(deaths=9), "larger"),
        (Casualties(deaths=10), "major"),  # 10人以上30人以下: 以下 excludes 30
        (Casualties(deaths=29), "major"),
        (Casualties(deaths=30), "especially_major"),
        (Casualties(serious_injuries=9), "general"),
        (Casualties(serious_injuries=10), "larger"),
        (Casualties(serious_injuries=50), "major"),
        (Casualties(serious_injuries=100), "especially_major"),
        (Casualties(direct_loss_yuan=9_999_999), "general"),
        (Casualties(direct_loss_yuan=10_000_000), "larger"),
        (Casualties(direct_loss_yuan=50_000_000), "major"),
        (Casualties(direct_loss_yuan=99_999_999), "major"),
        (Casualties(direct_loss_yuan=100_000_000), "especially_major"),
        (
            Casualties(deaths=1, serious_injuries=12, direct_loss_yuan=60_000_000),
            "major",
        ),  # the highest criterion
    ],
)
def test_grade_follows_article_3_thresholds(facts, expected):
    decision = grade(facts)
    assert decision.outcome == expected
    assert "第三条" in decision.basis


def test_a_reported_grade_below_the_facts_is_refused_and_above_is_accepted():
    low = check_reported_grade("general", Casualties(deaths=3))
    assert not low and low.facts["graded"] == "larger" and "较大事故" in low.reason_zh
    assert check_reported_grade("major", Casualties(deaths=3))  # facts may still be counted


def test_a_county_records_conclusions_of_general_accidents_only():
    assert county_may_record_conclusion("general")
    refused = county_may_record_conclusion("larger")
    assert not refused and "第十九条" in refused.basis


def test_only_duties_of_the_measures_are_punishable_under_article_26():
    assert check_violated_articles([15, 21])
    refused = check_violated_articles([1, 15])
    assert not refused and "第一条" in refused.reason_zh and "第二十六条" in refused.basis
    assert not check_violated_articles([])
    assert legal_basis([21, 15], "《城镇燃气管理条例》第四十九条") == (
        "违反安政办〔2023〕2号第十五条、第二十一条；"
        "依据安政办〔2023〕2号 第二十六条、《城镇燃气管理条例》第四十九条"
    )
