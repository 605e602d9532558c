"""Eligibility (安政办〔2023〕4号 第一条–第九条, 第十一条, 第二十三条, 第二十四条) with boundaries."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from anyang_awards.domain.categories import CategoryCode
from anyang_awards.domain.eligibility import (
    Accident,
    ApplicationFacts,
    CreditListStatus,
    Finding,
    Nomination,
    PersonCase,
    Post,
    Role,
    RoundFacts,
    Severity,
    evaluate,
    required_evidence,
)
from anyang_awards.domain.figures import Figure
from anyang_awards.rules import load_parameters

YI = 100_000_000
WAN = 10_000
PARAMS = load_parameters()
ROUND = RoundFacts(year=2022, application_deadline=date(2023, 6, 30))
CLEAN_CREDIT = {
    k: CreditListStatus(False)
    for k in ("dishonest_judgment_debtor", "major_tax_violation", "serious_illegal_dishonest")
}

THRESHOLD_VALUES = {
    CategoryCode.TOP10: {"revenue": 6 * YI, "tax": 3000 * WAN},
    CategoryCode.FAST10: {
        "revenue": 2 * YI,
        "main_revenue": 2 * YI,
        "main_revenue_y1": 15 * 10**7,
        "main_revenue_y2": 12 * 10**7,
        "main_revenue_y3": 1 * YI,
    },
    CategoryCode.TOP50: {"revenue": 2 * YI, "tax": 800 * WAN},
    CategoryCode.FAST50: {
        "above_designated_size": True,
        "main_revenue": 15 * 10**7,
        "main_revenue_y1": 13 * 10**7,
        "main_revenue_y2": 11 * 10**7,
        "main_revenue_y3": 1 * YI,
    },
    CategoryCode.INNOVATOR10: {
        "rd_expense": 500 * WAN,
        "rd_expense_y1": 400 * WAN,
        "rd_expense_y2": 400 * WAN,
        "main_revenue": 1 * YI,
        "main_revenue_y1": 1 * YI,
        "main_revenue_y2": 1 * YI,
    },
    CategoryCode.TRADE10: {"import_export": 2000 * WAN, "import_export_y1": 1500 * WAN},
}


def figures(code, **overrides):
    values = dict(THRESHOLD_VALUES[code])
    for name in required_evidence(code, {}):
        values.setdefault(name, 100)
    values.update(overrides)
    return {k: v if isinstance(v, Figure) else Figure(v, f"材料-{k}") for k, v in values.items()}


def app(code, *, posts=None, **kw):
    code = CategoryCode(code)
    person = code not in (CategoryCode.TOP10, CategoryCode.FAST10)
    default_posts = (
        Post(Role.ACTUAL_CONTROLLER, date(2010, 1, 1)),
        Post(Role.LEGAL_REPRESENTATIVE, date(2015, 1, 1)),
        Post(Role.GENERAL_MANAGER, date(2015, 1, 1)),
    )
    base = dict(
        application_id="APP-1",
        category=code,
        enterprise_uscc="91410500MA00000001",
        person_name="张三" if person else None,
        sector="fine_steel",
        figures=figures(code),
        credit=CLEAN_CREDIT,
        reports_on_time=True,
        reports_evidence="统计报表回执",
        posts=default_posts if posts is None and person else (posts or ()),
    )
    base.update(kw)
    return ApplicationFacts(**base)


def run(a, rnd=ROUND):
    return evaluate(a, rnd, PARAMS)


@pytest.mark.parametrize("code", [c for c in CategoryCode if c is not CategoryCode.MERIT10])
def test_a_complete_application_is_eligible(code):
    r = run(app(code))
    assert r.eligible and not r.under_review, [c for c in r.checks if c.passed is not True]
    assert all(c.basis.startswith("安政办〔2023〕4号") for c in r.checks)


def test_merit10_cannot_be_applied_for():
    with pytest.raises(ValueError):
        run(app("top50", category=CategoryCode.MERIT10))


# ---------------------------------------------------------------- thresholds (以上 = ≥)


@pytest.mark.parametrize(
    ("code", "figure", "boundary", "rule"),
    [
        ("top10", "revenue", 5 * YI, "min_revenue"),
        ("top10", "tax", 2000 * WAN, "min_tax"),
        ("fast10", "revenue", 1 * YI, "min_revenue"),
        ("top50", "revenue", 1 * YI, "min_revenue"),
        ("top50", "tax", 500 * WAN, "min_tax"),
        ("trade10", "import_export", 1000 * WAN, "min_import_export"),
    ],
)
def test_amount_threshold_includes_the_number_itself(code, figure, boundary, rule):
    at = run(app(code, figures=figures(code, **{figure: boundary}))).check(rule)
    below = run(app(code, figures=figures(code, **{figure: boundary - 1}))).check(rule)
    assert at.passed is True and below.passed is False
    assert at.facts["minimum"] == boundary


def test_threshold_basis_is_the_parameters_article():
    c = run(app("top10")).check("min_revenue")
    assert c.basis == "安政办〔2023〕4号 第三条"


@pytest.mark.parametrize(
    ("code", "base", "exact"),
    [
        ("fast10", 100_000_000, 172_800_000),  # 1.2^3 = 1.728: exactly 20% a year
        ("fast50", 100_000_000, 133_100_000),  # 1.1^3 = 1.331: exactly 10% a year
    ],
)
def test_three_year_compound_growth_boundary(code, base, exact):
    ok = run(app(code, figures=figures(code, main_revenue=exact, main_revenue_y3=base))).check("growth_3y")
    short = run(app(code, figures=figures(code, main_revenue=exact - 1, main_revenue_y3=base))).check(
        "growth_3y"
    )
    assert ok.passed is True and short.passed is False
    assert ok.facts["formula"] == "(main_revenue / main_revenue_y3) ^ (1/3) - 1"
    assert ok.facts["growth"] == pytest.approx(float(Decimal(exact) / base) ** (1 / 3) - 1)


@pytest.mark.parametrize("base", [0, -5])
def test_growth_from_a_non_positive_base_is_unmet(base):
    c = run(app("fast10", figures=figures("fast10", main_revenue_y3=base))).check("growth_3y")
    assert c.passed is False and c.facts["growth"] is None


def test_growth_needs_the_fourth_year_of_accounts():
    f = figures("fast10")
    del f["main_revenue_y3"]
    r = run(app("fast10", figures=f))
    assert r.check("growth_3y").passed is False
    assert "main_revenue_y3" in r.check("evidence").facts["missing"]


def test_fast50_needs_above_designated_size():
    c = run(app("fast50", figures=figures("fast50", above_designated_size=False))).check(
        "above_designated_size"
    )
    assert c.passed is False


def test_innovator10_rd_ratio_exactly_3_percent_in_each_year_passes():
    f = figures("innovator10", rd_expense=300 * WAN, rd_expense_y1=300 * WAN, rd_expense_y2=300 * WAN)
    assert run(app("innovator10", figures=f)).check("rd_ratio_3y").passed is True


def test_innovator10_rd_ratio_below_3_percent_in_one_year_fails():
    f = figures("innovator10", rd_expense_y2=300 * WAN - 1)
    c = run(app("innovator10", figures=f)).check("rd_ratio_3y")
    assert c.passed is False and "2020" in c.message_zh
    assert [y["met"] for y in c.facts["years"]] == [True, True, False]


def test_trade10_needs_growth_on_last_year():
    same = figures("trade10", import_export=2000 * WAN, import_export_y1=2000 * WAN)
    assert run(app("trade10", figures=same)).check("trade_growing").passed is False


# ---------------------------------------------------------------- years in post (to the application deadline)


@pytest.mark.parametrize(
    ("code", "years", "role"),
    [
        ("top50", 5, Role.LEGAL_REPRESENTATIVE),
        ("fast50", 3, Role.EXECUTIVE_PRESIDENT),
        ("innovator10", 3, Role.GENERAL_MANAGER),
    ],
)
def test_years_in_post_are_counted_to_the_application_deadline(code, years, role):
    # both the first day and the deadline (2023-06-30) count: from 07-01 it is exactly `years` years
    exact = (Post(Role.ACTUAL_CONTROLLER, date(2010, 1, 1)), Post(role, date(2023 - years, 7, 1)))
    one_day_short = (Post(Role.ACTUAL_CONTROLLER, date(2010, 1, 1)), Post(role, date(2023 - years, 7, 2)))
    ok = run(app(code, posts=exact)).check("years_in_post")
    short = run(app(code, posts=one_day_short)).check("years_in_post")
    assert ok.passed is True and ok.facts["completed_years"] == years
    assert short.passed is False and short.facts["completed_years"] == years - 1
    assert ok.facts["counted_to"] == "2023-06-30"


def test_general_manager_years_do_not_count_for_top50():
    posts = (Post(Role.ACTUAL_CONTROLLER, date(2010, 1, 1)), Post(Role.GENERAL_MANAGER, date(2010, 1, 1)))
    assert run(app("top50", posts=posts)).check("years_in_post").passed is False


def test_adjacent_qualifying_posts_join_into_one_tenure():
    posts = (
        Post(Role.ACTUAL_CONTROLLER, date(2010, 1, 1)),
        Post(Role.LEGAL_REPRESENTATIVE, date(2018, 1, 1), date(2020, 12, 31)),
        Post(Role.EXECUTIVE_PRESIDENT, date(2021, 1, 1)),
    )
    c = run(app("top50", posts=posts)).check("years_in_post")
    assert c.passed is True and c.facts["tenure_start"] == "2018-01-01"


def test_a_post_ending_on_the_last_calendar_day_joins_the_next_without_overflow():
    posts = (
        Post(Role.ACTUAL_CONTROLLER, date(2010, 1, 1)),
        Post(Role.LEGAL_REPRESENTATIVE, date(2018, 1, 1), date.max),
        Post(Role.EXECUTIVE_PRESIDENT, date(2019, 1, 1)),
    )
    c = run(app("top50", posts=posts)).check("years_in_post")
    assert c.passed is True and c.facts["tenure_start"] == "2018-01-01"


def test_a_post_left_before_the_deadline_does_not_count():
    posts = (
        Post(Role.ACTUAL_CONTROLLER, date(2010, 1, 1)),
        Post(Role.LEGAL_REPRESENTATIVE, date(2010, 1, 1), date(2023, 1, 31)),
    )
    assert run(app("top50", posts=posts)).check("years_in_post").passed is False


# ---------------------------------------------------------------- sector, credit, reporting, evidence


def test_sector_outside_article_1_fails():
    assert run(app("top10", sector="real_estate")).check("sector").passed is False


@pytest.mark.parametrize(("code", "contribution"), [("innovator10", "innovation"), ("trade10", "trade")])
def test_innovator_and_trade_admit_a_contribution_outside_the_sectors(code, contribution):
    with_evidence = app(code, sector=None, contribution=contribution, contribution_evidence="科技局证明")
    without = app(code, sector=None, contribution=contribution)
    assert run(with_evidence).check("sector").passed is True
    assert run(without).check("sector").passed is False


def test_contribution_does_not_admit_top10():
    a = app("top10", sector=None, contribution="innovation", contribution_evidence="x")
    assert run(a).check("sector").passed is False


def test_listed_on_a_credit_list_is_ineligible():
    credit = dict(CLEAN_CREDIT, major_tax_violation=CreditListStatus(True, "SW-2023-001"))
    r = run(app("top10", credit=credit))
    assert not r.eligible and not r.under_review
    assert r.check("credit").passed is False and "SW-2023-001" in r.check("credit").message_en


def test_unknown_credit_status_puts_the_entry_under_review():
    credit = {k: v for k, v in CLEAN_CREDIT.items() if k != "dishonest_judgment_debtor"}
    r = run(app("top10", credit=credit))
    assert r.check("credit").passed is None and r.under_review and not r.eligible


@pytest.mark.parametrize(
    ("on_time", "evidence", "passed"),
    [(True, "回执", True), (True, None, False), (False, "x", False), (None, None, False)],
)
def test_reporting_on_time_needs_the_declaration_and_evidence(on_time, evidence, passed):
    c = run(app("top10", reports_on_time=on_time, reports_evidence=evidence)).check("reporting")
    assert c.passed is passed and c.basis == "安政办〔2023〕4号 第二条"


def test_a_figure_without_evidence_makes_the_application_ineligible():
    f = figures("top10", avg_employees=Figure(800))
    c = run(app("top10", figures=f)).check("evidence")
    assert c.passed is False and c.facts["without_evidence"] == ["avg_employees"]
    assert c.basis == "安政办〔2023〕4号 第二十三条"


def test_claimed_bonus_item_needs_evidence_unclaimed_does_not():
    claimed = figures("top10", listed_company=Figure(True))
    unclaimed = figures("top10", listed_company=Figure(False))
    assert run(app("top10", figures=claimed)).check("evidence").passed is False
    assert run(app("top10", figures=unclaimed)).check("evidence").passed is True


def test_expert_items_need_their_material():
    f = figures("trade10")
    del f["trade_potential"]
    assert run(app("trade10", figures=f)).check("evidence").facts["missing"] == ["trade_potential"]


# ---------------------------------------------------------------- accidents and violations (第二十四条)


def _acc(severity, finding, day=date(2022, 5, 1)):
    return Accident("ACC-1", "safety", severity, day, finding, "hydrogen")


def test_responsible_larger_accident_in_the_year_removes_the_entry():
    r = run(app("top10", accidents=(_acc(Severity.LARGER, Finding.RESPONSIBLE),)))
    assert r.check("accidents").passed is False and not r.eligible


def test_open_investigation_puts_the_entry_under_review():
    r = run(app("top10", accidents=(_acc(Severity.MAJOR, Finding.OPEN),)))
    assert r.check("accidents").passed is None and r.under_review and not r.eligible


@pytest.mark.parametrize(
    "accident",
    [
        _acc(Severity.GENERAL, Finding.RESPONSIBLE),  # 一般: below 较大
        _acc(Severity.LARGER, Finding.NOT_RESPONSIBLE),
        _acc(Severity.ESPECIALLY_MAJOR, Finding.RESPONSIBLE, date(2021, 12, 31)),  # another year
    ],
)
def test_accidents_that_do_not_remove_the_entry(accident):
    assert run(app("top10", accidents=(accident,))).check("accidents").passed is True


def test_major_case_of_the_person_removes_the_entry_and_an_open_one_is_under_review():
    confirmed = PersonCase("JW-1", date(2022, 3, 1), True, Finding.RESPONSIBLE)
    open_case = replace(confirmed, finding=Finding.OPEN)
    minor = replace(confirmed, major=False)
    assert run(app("top50", person_cases=(confirmed,))).check("person_cases").passed is False
    assert run(app("top50", person_cases=(open_case,))).under_review is True
    assert run(app("top50", person_cases=(minor,))).check("person_cases").passed is True


# ---------------------------------------------------------------- one nominee per enterprise (第十一条)


def test_nominee_must_be_first_in_the_order_or_the_pass_over_recorded():
    posts = (Post(Role.CHAIRMAN, date(2012, 1, 1)), Post(Role.LEGAL_REPRESENTATIVE, date(2012, 1, 1)))
    without = app("top50", posts=posts, roles_filled=frozenset({Role.ACTUAL_CONTROLLER, Role.CHAIRMAN}))
    with_reason = replace(without, passed_over_reason="实际控制人长期居住境外，不参与经营")
    c = run(without).check("nomination_order")
    assert c.passed is False and c.facts["first_in_order"] == "actual_controller"
    assert run(with_reason).check("nomination_order").passed is True


def test_chairman_is_first_when_there_is_no_actual_controller():
    posts = (Post(Role.CHAIRMAN, date(2012, 1, 1)), Post(Role.LEGAL_REPRESENTATIVE, date(2012, 1, 1)))
    a = app("top50", posts=posts, roles_filled=frozenset({Role.CHAIRMAN, Role.GENERAL_MANAGER}))
    assert run(a).check("nomination_order").passed is True


def test_nominee_without_an_article_11_role_fails():
    posts = (Post(Role.LEGAL_REPRESENTATIVE, date(2012, 1, 1)),)
    assert run(app("top50", posts=posts)).check("nomination_order").passed is False


@pytest.mark.parametrize("first_category", [CategoryCode.TOP50, CategoryCode.FAST50])
def test_second_nominee_of_the_enterprise_is_refused_naming_the_first(first_category):
    rnd = replace(ROUND, nominations=(Nomination("APP-0", "91410500MA00000001", "李四", first_category),))
    c = run(app("fast50"), rnd).check("one_per_enterprise")
    assert c.passed is False and "李四" in c.message_zh and "APP-0" in c.message_en


def test_other_enterprises_nominees_do_not_count():
    rnd = replace(
        ROUND,
        nominations=(
            Nomination("APP-9", "91410500MA00000099", "王五", CategoryCode.TOP50),
            Nomination("APP-1", "91410500MA00000001", "张三", CategoryCode.TOP50),
        ),
    )
    assert run(app("top50"), rnd).check("one_per_enterprise").passed is True


def test_innovator10_has_no_one_per_enterprise_rule():
    rules = {c.rule for c in run(app("innovator10")).checks}
    assert "one_per_enterprise" not in rules and "nomination_order" not in rules
