from datetime import date

import pytest

from anyang_credit.domain.grading import (
    ImportedGrade,
    RuleSet,
    ScoredRecord,
    choose_public_grade,
    compute_grade,
    load_rule_sets,
    rule_set_at,
)
from anyang_credit.domain.lists import ListEntry
from anyang_credit.domain.vocab import Grade, ListCode
from anyang_credit.rules import grade_rules_document

AS_OF = date(2023, 6, 1)
RULES = rule_set_at(load_rule_sets(grade_rules_document()), AS_OF)


def penalty(rid, when, severity="general", ended_on=None):
    return ScoredRecord(rid, "administrative_penalty", when, severity, ended_on)


def entry(list_code, effective, expiry=None, removed_on=None, eid="E1"):
    return ListEntry(eid, "91410500MA00000001", ListCode(list_code), "zy", "民事诉讼法 第二百六十六条",
                     "(2023)豫05执1号", effective, expiry, removed_on)


def test_no_records_gives_baseline_and_grade_b():
    result = compute_grade([], [], AS_OF, RULES)
    assert (result.grade, result.score, result.contributions) == (Grade.B, 80.0, ())
    assert result.rule_set_version == "2023.1"
    assert "Interpretation" in result.basis


def test_penalty_deductions_by_severity():
    records = [penalty("P1", date(2023, 5, 1), "minor"), penalty("P2", date(2023, 5, 2), "serious")]
    result = compute_grade(records, [], AS_OF, RULES)
    assert [(c.record_id, c.points) for c in result.contributions] == [("P1", -3.0), ("P2", -20.0)]
    assert result.score == 57.0 and result.grade == Grade.C


def test_penalty_without_severity_counts_as_general():
    result = compute_grade([ScoredRecord("P", "administrative_penalty", date(2023, 5, 1))], [], AS_OF, RULES)
    assert result.contributions[0].points == -10.0


def test_positive_records_add_points_and_reach_a_at_exactly_90():
    records = [ScoredRecord("R1", "administrative_reward", date(2023, 1, 10)),
               ScoredRecord("R2", "administrative_reward", date(2023, 2, 10))]
    result = compute_grade(records, [], AS_OF, RULES)
    assert result.score == 90.0 and result.grade == Grade.A  # 90分以上 → A (inclusive)


def test_just_below_a_threshold_is_b():
    records = [ScoredRecord("R1", "administrative_reward", date(2023, 1, 10)),
               ScoredRecord("C1", "commitment_fulfilled", date(2023, 1, 11))]
    assert compute_grade(records, [], AS_OF, RULES).grade == Grade.B  # 87


def test_neutral_records_do_not_contribute():
    result = compute_grade([ScoredRecord("L", "administrative_license", date(2023, 1, 1))], [], AS_OF, RULES)
    assert result.contributions == () and result.facts["records_considered"] == 1


@pytest.mark.parametrize(("as_of", "points", "years"), [
    (date(2024, 3, 14), -20.0, 0),  # the day before the first anniversary
    (date(2024, 3, 15), -10.0, 1),  # first anniversary: halved
    (date(2025, 3, 15), -5.0, 2),
    (date(2026, 3, 14), -5.0, 2),
])
def test_deduction_halves_each_completed_year(as_of, points, years):
    result = compute_grade([penalty("P", date(2023, 3, 15), "serious")], [], as_of, RULES)
    (c,) = result.contributions
    assert (c.points, c.age_years, c.base_points) == (points, years, -20)


def test_deduction_disappears_after_three_completed_years():
    result = compute_grade([penalty("P", date(2023, 3, 15), "serious")], [], date(2026, 3, 15), RULES)
    assert result.contributions == () and result.score == 80.0


def test_records_not_yet_decided_or_already_ended_do_not_count():
    records = [penalty("future", date(2023, 6, 2), "serious"),
               penalty("repaired", date(2023, 1, 5), "serious", ended_on=date(2023, 6, 1)),
               penalty("ends_tomorrow", date(2023, 1, 5), "minor", ended_on=date(2023, 6, 2))]
    result = compute_grade(records, [], AS_OF, RULES)
    assert [c.record_id for c in result.contributions] == ["ends_tomorrow"]


def test_grade_as_it_stood_on_an_earlier_date():
    records = [penalty("P1", date(2023, 1, 5), "serious"), penalty("P2", date(2023, 5, 5), "serious")]
    assert compute_grade(records, [], date(2023, 2, 1), RULES).score == 60.0
    assert compute_grade(records, [], date(2023, 5, 5), RULES).score == 40.0


def test_score_is_clamped_at_zero():
    records = [penalty(f"P{i}", date(2023, 5, 1), "serious") for i in range(6)]
    result = compute_grade(records, [], AS_OF, RULES)
    assert result.score == 0.0 and result.facts["score_before_clamp"] == -40.0 and result.grade == Grade.D


def test_effective_list_entry_forces_d_despite_a_good_score():
    records = [ScoredRecord(f"R{i}", "administrative_reward", date(2023, 5, 1)) for i in range(3)]
    result = compute_grade(records, [entry("dishonest_judgment_debtor", date(2023, 5, 1))], AS_OF, RULES)
    assert result.grade == Grade.D and result.score == 95.0
    assert result.forced_by == ("E1",) and result.facts["score_grade"] == "A"
    assert result.contributions[-1].category == "list_entry"
    assert "四（四）" in result.basis


def test_list_entry_forces_from_effective_date_until_the_day_before_expiry():
    e = entry("major_tax_violation", date(2023, 3, 1), expiry=date(2026, 3, 1))
    assert compute_grade([], [e], date(2023, 2, 28), RULES).grade == Grade.B
    assert compute_grade([], [e], date(2023, 3, 1), RULES).grade == Grade.D
    assert compute_grade([], [e], date(2026, 2, 28), RULES).grade == Grade.D
    assert compute_grade([], [e], date(2026, 3, 1), RULES).grade == Grade.B


def _rules_with(lists):
    doc = dict(grade_rules_document()["rule_sets"][0])
    doc["lists"] = lists
    return RuleSet.from_dict(doc)


def test_a_list_not_configured_to_force_leaves_the_grade_alone():
    rules = _rules_with({"dishonest_judgment_debtor": {"forces_grade": "D"}})
    result = compute_grade([], [entry("wage_arrears", date(2023, 1, 1))], AS_OF, rules)
    assert result.grade == Grade.B and result.forced_by == ()


def test_a_list_forcing_c_does_not_improve_a_d_score():
    rules = _rules_with({"wage_arrears": {"forces_grade": "C"}})
    records = [penalty(f"P{i}", date(2023, 5, 1), "serious") for i in range(3)]
    assert compute_grade(records, [entry("wage_arrears", date(2023, 1, 1))], AS_OF, rules).grade == Grade.D
    assert compute_grade([], [entry("wage_arrears", date(2023, 1, 1))], AS_OF, rules).grade == Grade.C


def test_linear_decay_over_three_years():
    doc = dict(grade_rules_document()["rule_sets"][0])
    doc["decay"] = {"method": "linear", "over_years": 3}
    rules = RuleSet.from_dict(doc)
    result = compute_grade([penalty("P", date(2023, 1, 31), "serious")], [], date(2024, 7, 31), rules)
    (c,) = result.contributions
    assert c.points == -10.0 and c.factor == 0.5  # 18 of 36 months


def test_rule_set_in_force_on_a_date():
    sets = load_rule_sets({"rule_sets": [
        {**grade_rules_document()["rule_sets"][0]},
        {**grade_rules_document()["rule_sets"][0], "version": "2024.1", "valid_from": "2024-01-01",
         "baseline": 70},
    ]})
    assert rule_set_at(sets, date(2023, 12, 31)).version == "2023.1"
    assert rule_set_at(sets, date(2024, 1, 1)).version == "2024.1"
    with pytest.raises(KeyError):
        rule_set_at(sets, date(2023, 2, 17))


def test_imported_grade_wins_over_local():
    local = compute_grade([], [], AS_OF, RULES)
    chosen = choose_public_grade(ImportedGrade(Grade.A, "provincial", date(2023, 5, 1)), local)
    assert (chosen.grade, chosen.source) == (Grade.A, "provincial")
    assert "三（二）" in chosen.basis and "三（四）" in chosen.basis


def test_local_grade_is_used_without_an_import():
    local = compute_grade([], [], AS_OF, RULES)
    chosen = choose_public_grade(None, local)
    assert (chosen.grade, chosen.source) == (Grade.B, "local")
