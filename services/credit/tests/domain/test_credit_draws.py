from datetime import date
from decimal import Decimal

import pytest

from anyang_credit.domain.decision import RuleBroken
from anyang_credit.domain.draws import (
    Candidate,
    default_inspectors_per_inspection,
    default_ratios,
    draw,
    draw_count,
)
from anyang_credit.domain.vocab import Grade
from anyang_credit.rules import default_parameters

POP = ([Candidate(f"A{i:03}", Grade.A) for i in range(100)]
       + [Candidate(f"B{i:03}", Grade.B) for i in range(40)]
       + [Candidate(f"C{i:03}", Grade.C) for i in range(7)] + [Candidate("D000", Grade.D)])
RATIOS = {"A": "0.03", "B": "0.05", "C": "0.10", "D": "0.20"}
POOLS = {"scjg": [f"S{i}" for i in range(6)], "sthj": [f"H{i}" for i in range(3)]}


def test_default_parameters():
    assert default_ratios(date(2023, 3, 1), default_parameters()) == {
        Grade.A: Decimal("0.03"), Grade.B: Decimal("0.05"), Grade.C: Decimal("0.1"), Grade.D: Decimal("0.2")}
    assert default_inspectors_per_inspection(date(2023, 3, 1), default_parameters()) == 2


@pytest.mark.parametrize(("ratio", "n", "expected"), [
    ("0.05", 100, 5),  # exact: no float error pushing it to 6
    ("0.03", 100, 3), ("0.03", 101, 4), ("0.10", 7, 1), ("0.20", 1, 1),  # rounded up
    ("0.20", 0, 0), ("0", 50, 0), ("1", 3, 3), (0.05, 100, 5)])
def test_draw_count_rounds_up(ratio, n, expected):
    assert draw_count(ratio, n) == expected


def test_ratio_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError):
        draw_count("1.5", 10)


def test_per_grade_counts():
    result = draw(POP, RATIOS, POOLS, ["scjg"], seed=42, inspectors_per_inspection=2)
    assert [(c.grade, c.population, c.drawn) for c in result.counts] == [
        (Grade.A, 100, 3), (Grade.B, 40, 2), (Grade.C, 7, 1), (Grade.D, 1, 1)]
    assert len(result.inspections) == 7
    assert all(i.entity_code[0] == i.grade.value for i in result.inspections)


def test_same_seed_and_inputs_give_the_same_draw_whatever_the_input_order():
    first = draw(POP, RATIOS, POOLS, ["scjg", "sthj"], seed="2023-03-01/scjg/1", inspectors_per_inspection=2)
    again = draw(list(reversed(POP)), RATIOS, {k: list(reversed(v)) for k, v in POOLS.items()},
                 ["sthj", "scjg"], seed="2023-03-01/scjg/1", inspectors_per_inspection=2)
    assert first == again
    assert first.as_dict()["seed"] == "2023-03-01/scjg/1"


def test_another_seed_gives_another_draw():
    one = draw(POP, RATIOS, POOLS, ["scjg"], seed=1, inspectors_per_inspection=2)
    assert one.inspections != draw(POP, RATIOS, POOLS, ["scjg"], seed=2, inspectors_per_inspection=2).inspections


def test_joint_draw_takes_inspectors_from_each_department():
    result = draw(POP, RATIOS, POOLS, ["scjg", "sthj"], seed=7, inspectors_per_inspection=2)
    for inspection in result.inspections:
        assert set(inspection.inspectors) == {"scjg", "sthj"}
        for dept in ("scjg", "sthj"):
            chosen = inspection.inspectors[dept]
            assert len(set(chosen)) == 2 and set(chosen) <= set(POOLS[dept])
    assert "（十七）" in result.basis and "三（四）" in result.basis


def test_pool_smaller_than_needed_is_refused():
    with pytest.raises(RuleBroken) as exc:
        draw(POP, RATIOS, POOLS, ["sthj"], seed=1, inspectors_per_inspection=4)
    assert exc.value.code == "pool_too_small"


def test_duplicate_entity_is_refused():
    with pytest.raises(RuleBroken):
        draw(POP + [Candidate("A000", Grade.B)], RATIOS, POOLS, ["scjg"], seed=1, inspectors_per_inspection=2)


def test_fingerprint_changes_with_inputs():
    a = draw(POP, RATIOS, POOLS, ["scjg"], seed=1, inspectors_per_inspection=2)
    b = draw(POP[:-1], RATIOS, POOLS, ["scjg"], seed=1, inspectors_per_inspection=2)
    assert a.input_fingerprint != b.input_fingerprint


def test_the_seed_is_committed_and_entities_are_drawn_no_more_often_than_their_grade_allows():
    from anyang_credit.domain.draws import commitment, revealed, within_frequency

    assert commitment(42) == commitment("42") and len(commitment(42)) == 64 and commitment(43) != commitment(42)
    assert not revealed(3, 2) and revealed(3, 3) and revealed(0, 0)
    kept, left_out = within_frequency([Candidate("X1", Grade.A), Candidate("X2", Grade.A), Candidate("X3", Grade.D)],
                                      {"X1": 1, "X3": 1}, {Grade.A: 1, Grade.B: 2, Grade.C: 3, Grade.D: 4})
    assert [c.code for c in kept] == ["X2", "X3"] and left_out[Grade.A] == 1 and left_out[Grade.D] == 0
