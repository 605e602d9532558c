from datetime import date

import pytest
import yaml

from anyang_credit.rules import GRADE_RULES_PATH, PARAMETERS_PATH, default_parameters


def test_every_parameter_value_is_dated_and_cited():
    params = default_parameters()
    assert params.names()
    for name in params.names():
        for value in params.describe(name).values:
            assert value.reference.strip()
            assert "安政" in value.reference or value.reference.startswith("Interpretation")


def test_publication_days_match_the_plan():
    assert default_parameters().at("credit.publication.working_days", date(2023, 2, 18)).value == 7


def test_parameters_not_in_force_before_the_plan():
    with pytest.raises(KeyError):
        default_parameters().at("credit.draw.ratio.A", date(2023, 2, 17))


def test_grade_rule_sets_are_versioned_and_dated():
    doc = yaml.safe_load(GRADE_RULES_PATH.read_text(encoding="utf-8"))
    for rs in doc["rule_sets"]:
        assert rs["version"] and rs["valid_from"] and rs["reference"]
    assert PARAMETERS_PATH.exists()
