from datetime import date

import pytest

from govkit.rules.params import ParameterFileError, ParameterSet, ParamValue

AWARDS = """
awards.top10.min_revenue:
  description: 营业收入5亿元以上
  unit: CNY
  values:
    2023-01-01: {value: 500000000, reference: "安政办〔2023〕4号 第三条"}
    2024-01-01: {value: 600000000, reference: "假设的修订 第三条"}
awards.notice.working_days:
  description: 公示7个工作日
  values:
    2023-01-01: {value: 7, reference: "安政办〔2023〕4号 第二十条"}
"""


@pytest.fixture
def params(tmp_path):
    path = tmp_path / "awards.yaml"
    path.write_text(AWARDS, encoding="utf-8")
    return ParameterSet.load(path)


def write(tmp_path, text, name="p.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_value_on_its_first_day(params):
    v = params.at("awards.top10.min_revenue", date(2023, 1, 1))
    assert v == ParamValue("awards.top10.min_revenue", 500000000, date(2023, 1, 1),
                           "安政办〔2023〕4号 第三条")


def test_value_until_the_day_before_the_next(params):
    assert params.at("awards.top10.min_revenue", date(2023, 12, 31)).value == 500000000
    assert params.at("awards.top10.min_revenue", date(2024, 1, 1)).value == 600000000
    assert params.at("awards.top10.min_revenue", date(2030, 6, 1)).reference == "假设的修订 第三条"


def test_no_value_before_the_first_date(params):
    with pytest.raises(KeyError, match="no value on 2022-12-31"):
        params.at("awards.top10.min_revenue", date(2022, 12, 31))


def test_unknown_parameter(params):
    with pytest.raises(KeyError, match="unknown parameter"):
        params.at("awards.nope", date(2023, 1, 1))
    with pytest.raises(KeyError):
        params.describe("awards.nope")


def test_names_and_describe(params):
    assert params.names() == ["awards.notice.working_days", "awards.top10.min_revenue"]
    assert "awards.top10.min_revenue" in params
    d = params.describe("awards.top10.min_revenue")
    assert (d.description, d.unit) == ("营业收入5亿元以上", "CNY")
    assert [v.valid_from for v in d.values] == [date(2023, 1, 1), date(2024, 1, 1)]
    assert d.as_dict()["values"][0] == {"valid_from": "2023-01-01", "value": 500000000,
                                        "reference": "安政办〔2023〕4号 第三条"}
    assert params.describe("awards.notice.working_days").unit is None


def test_later_file_adds_dated_values(tmp_path, params):
    base = write(tmp_path, AWARDS, "a.yaml")
    extra = write(tmp_path, """
awards.top10.min_revenue:
  values:
    2025-01-01: {value: 700000000, reference: "假设的2025年修订"}
""", "b.yaml")
    merged = ParameterSet.load(base, extra)
    assert merged.at("awards.top10.min_revenue", date(2025, 1, 1)).value == 700000000
    assert merged.at("awards.top10.min_revenue", date(2024, 12, 31)).value == 600000000
    assert merged.describe("awards.top10.min_revenue").description == "营业收入5亿元以上"


def test_later_file_cannot_redefine_a_date(tmp_path):
    base = write(tmp_path, AWARDS, "a.yaml")
    dup = write(tmp_path, """
awards.top10.min_revenue:
  values:
    2023-01-01: {value: 1, reference: "x"}
""", "b.yaml")
    with pytest.raises(ParameterFileError, match="already loaded"):
        ParameterSet.load(base, dup)


def test_later_file_cannot_change_the_unit(tmp_path):
    base = write(tmp_path, AWARDS, "a.yaml")
    other = write(tmp_path, """
awards.top10.min_revenue:
  unit: USD
  values:
    2025-01-01: {value: 1, reference: "x"}
""", "b.yaml")
    with pytest.raises(ParameterFileError, match="unit"):
        ParameterSet.load(base, other)


def test_empty_file_loads_nothing(tmp_path):
    assert ParameterSet.load(write(tmp_path, "")).names() == []


@pytest.mark.parametrize("text,message", [
    ("a: [1, 2", "cannot read"),
    ("- 1\n- 2\n", "mapping of parameter names"),
    ("a: 5\n", "expected description, unit and values"),
    ("a: {description: x}\n", "missing 'values'"),
    ("a: {values: {}}\n", "'values' must map dates"),
    ("a: {values: {2023-01-01: 5}}\n", "expected {value: ..., reference: ...}"),
    ("a: {values: {2023-01-01: {reference: r}}}\n", "missing 'value'"),
    ("a: {values: {2023-01-01: {value: 5}}}\n", "needs a 'reference'"),
    ("a: {values: {2023-01-01: {value: 5, reference: '  '}}}\n", "needs a 'reference'"),
    ("a: {values: {2023-01-01: {value: 5, reference: r, ref: x}}}\n", "unknown key(s) ref"),
    ("a: {values: {soon: {value: 5, reference: r}}}\n", "'soon' is not a date"),
    ("a: {values: {2024-01-01: {value: 5, reference: r}, 2023-01-01: {value: 4, reference: r}}}\n",
     "ascending order"),
    ("a: {valus: {}}\n", "unknown key(s) valus"),
    ("a: {description: [1], values: {2023-01-01: {value: 5, reference: r}}}\n", "'description' must be text"),
    ("1: {values: {2023-01-01: {value: 5, reference: r}}}\n", "parameter name must be a non-empty string"),
])
def test_malformed_file_is_refused_with_reason(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ParameterFileError) as exc:
        ParameterSet.load(path)
    assert message in str(exc.value) and str(path) in str(exc.value)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(ParameterFileError, match="cannot read"):
        ParameterSet.load(tmp_path / "absent.yaml")


def test_quoted_date_keys_are_accepted(tmp_path):
    params = ParameterSet.load(write(tmp_path, "a: {values: {'2023-01-01': {value: 5, reference: r}}}\n"))
    assert params.at("a", date(2023, 1, 1)).value == 5
