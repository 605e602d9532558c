"""Art. 10 极值法 scoring, hand-computed per category (安政办〔2023〕4号 第十条, 第三条–第九条)."""


import pytest

from anyang_awards.domain.errors import ScoringError
from anyang_awards.domain.figures import Figure
from anyang_awards.domain.scoring import (
    Applicant,
    cutoff,
    diff_rankings,
    expert_value,
    rank_totals,
    rescore_without,
    score_round,
)

YI = 100_000_000
WAN = 10_000


def pts(rs, applicant_id):
    return {i.indicator: i.points for i in rs.by_id(applicant_id).indicators}


def approx(d):
    return pytest.approx(d, abs=1e-9)


# ---------------------------------------------------------------- top10 (第三条)

TOP10 = [
    Applicant(
        "A",
        {
            "revenue": 10 * YI,
            "value_added": 3 * YI,
            "tax": 5000 * WAN,
            "rd_expense": 3000 * WAN,
            "avg_employees": 1000,
            "listed_company": True,
            "national_little_giant": True,
        },
    ),
    Applicant(
        "B",
        {
            "revenue": 6 * YI,
            "value_added": 2 * YI,
            "tax": 3500 * WAN,
            "rd_expense": 3000 * WAN,
            "avg_employees": 500,
            "provincial_specialised_sme": True,
        },
    ),
    Applicant(
        "C",
        {
            "revenue": 8 * YI,
            "value_added": 1 * YI,
            "tax": 2000 * WAN,
            "rd_expense": 800 * WAN,
            "avg_employees": 500,
        },
    ),
]


def test_top10_points_by_hand():
    rs = score_round("top10", TOP10)
    # revenue 6..10亿; value added 1..3亿; tax 2000..5000万; R&D ratio 1%..5%; productivity 20万..40万
    assert pts(rs, "A") == approx(
        {
            "revenue": 20,
            "value_added": 20,
            "tax": 20,
            "rd_ratio": 10,
            "labour_productivity": 5,
            "core_competitiveness": 10,
        }
    )
    assert pts(rs, "B") == approx(
        {
            "revenue": 0,
            "value_added": 10,
            "tax": 10,
            "rd_ratio": 20,
            "labour_productivity": 10,
            "core_competitiveness": 3,
        }
    )
    assert pts(rs, "C") == approx(
        {
            "revenue": 10,
            "value_added": 0,
            "tax": 0,
            "rd_ratio": 0,
            "labour_productivity": 0,
            "core_competitiveness": 0,
        }
    )
    assert [(s.id, s.rank) for s in rs.scores] == [("A", 1), ("B", 2), ("C", 3)]
    assert rs.by_id("A").total == pytest.approx(85)
    assert rs.by_id("B").total == pytest.approx(53)


def test_bonus_points_capped_at_10_and_not_normalised():
    rs = score_round("top10", TOP10)
    a = rs.by_id("A").indicator("core_competitiveness")
    assert a.raw == 10 and a.inputs == {"listed_company": 6, "national_little_giant": 5}
    assert a.min is None and a.normalised is None
    # B holds only 省级专精特新 (+3): 3 points although it is the lowest non-zero score
    assert rs.by_id("B").indicator("core_competitiveness").points == 3


def test_explanation_carries_formula_inputs_min_max():
    s = score_round("top10", TOP10).by_id("B").indicator("rd_ratio")
    assert s.formula == "rd_expense / revenue"
    assert s.inputs == {"rd_expense": 3000 * WAN, "revenue": 6 * YI}
    assert s.raw == pytest.approx(0.05)
    assert (s.min, s.max) == (pytest.approx(0.01), pytest.approx(0.05))
    assert s.normalised == pytest.approx(1.0)


def test_department_correction_is_used_and_shown():
    b = Applicant("B", dict(TOP10[1].figures, revenue=Figure(9 * YI, "doc", "tjj", declared=6 * YI)))
    rs = score_round("top10", [TOP10[0], b, TOP10[2]])
    s = rs.by_id("B").indicator("revenue")
    assert s.raw == 9 * YI and s.points == pytest.approx(10)  # min is now C's 8亿: (9-8)/(10-8)*20
    assert s.corrections == {"revenue": {"declared": 6 * YI, "used": 9 * YI, "source": "tjj"}}


def test_single_applicant_gets_full_weight():
    rs = score_round("top10", [TOP10[2]])
    assert rs.by_id("C").total == pytest.approx(90)  # 90 quantitative points, no bonus item
    assert rs.by_id("C").indicator("revenue").note_en == "max equals min: full weight"


# ---------------------------------------------------------------- fast10 (第四条)


def _fast10(aid, rev, tax, iva, rd, rd_prev, profit, inv):
    return Applicant(
        aid,
        {
            "revenue": rev,
            "revenue_y1": 1 * YI,
            "industrial_value_added": iva,
            "gross_output": 90,
            "output_vat": 10,
            "tax": tax,
            "rd_expense": rd,
            "rd_expense_y1": rd_prev,
            "total_profit": profit,
            "total_cost": 10 * profit,
            "industrial_investment": inv,
        },
    )


def test_fast10_points_by_hand():
    rs = score_round(
        "fast10",
        [
            _fast10("A", 150_000_000, 7_500_000, 30, 200, 100, 5, 3000 * WAN),
            _fast10("B", 130_000_000, 13_000_000, 20, 150, 100, 7, 1000 * WAN),
            _fast10("C", 110_000_000, 5_500_000, 40, 100, 100, 9, 2000 * WAN),
        ],
    )
    # growth .5/.3/.1; VA rate .3/.2/.4; tax rate .05/.10/.05; R&D growth 1/.5/0; cost-profit all .1
    assert pts(rs, "A") == approx(
        {
            "revenue_growth": 30,
            "value_added_rate": 10,
            "tax_rate": 0,
            "rd_growth": 10,
            "cost_profit_margin": 10,
            "industrial_investment": 10,
        }
    )
    assert pts(rs, "B") == approx(
        {
            "revenue_growth": 15,
            "value_added_rate": 0,
            "tax_rate": 20,
            "rd_growth": 5,
            "cost_profit_margin": 10,
            "industrial_investment": 0,
        }
    )
    assert pts(rs, "C") == approx(
        {
            "revenue_growth": 0,
            "value_added_rate": 20,
            "tax_rate": 0,
            "rd_growth": 0,
            "cost_profit_margin": 10,
            "industrial_investment": 5,
        }
    )
    assert [s.total for s in rs.scores] == approx([70, 50, 35])


def test_growth_not_computable_scores_zero_and_stays_out_of_min_max():
    a = _fast10("A", 150_000_000, 7_500_000, 30, 200, 100, 5, 3000 * WAN)
    b = _fast10("B", 130_000_000, 13_000_000, 20, 150, 0, 7, 1000 * WAN)  # last year's R&D 0
    c = _fast10("C", 110_000_000, 5_500_000, 40, 100, 100, 9, 2000 * WAN)
    rs = score_round("fast10", [a, b, c])
    s = rs.by_id("B").indicator("rd_growth")
    assert s.raw is None and s.points == 0 and "base value" in s.note_en
    assert (s.min, s.max) == (0.0, 1.0)  # from A and C only
    assert rs.by_id("A").indicator("rd_growth").points == pytest.approx(10)


# ---------------------------------------------------------------- top50 (第五条), negative indicator


def _top50(aid, rev, tax, rd, smart, energy, profit):
    return Applicant(
        aid,
        {
            "revenue": rev,
            "value_added": 1 * YI,
            "tax": tax,
            "rd_expense": rd,
            "smart_upgrade_expense": smart,
            "energy_use": energy,
            "total_profit": profit,
            "total_cost": 100,
        },
    )


def test_top50_points_by_hand_with_energy_as_negative_indicator():
    rs = score_round(
        "top50",
        [
            _top50("A", 5 * YI, 2000 * WAN, 1000 * WAN, 500 * WAN, 5000, 20),
            _top50("B", 3 * YI, 1250 * WAN, 1200 * WAN, 300 * WAN, 9000, 10),
            _top50("C", 1 * YI, 500 * WAN, 300 * WAN, 300 * WAN, 2000, 10),
        ],
    )
    # energy per revenue: A 1e-5 (lowest, best), B 3e-5 (worst), C 2e-5
    assert pts(rs, "A") == approx(
        {
            "revenue": 20,
            "value_added": 20,
            "tax": 20,
            "rd_ratio": 0,
            "smart_upgrade_ratio": 0,
            "energy_per_revenue": 10,
            "cost_profit_margin": 10,
        }
    )
    assert pts(rs, "B") == approx(
        {
            "revenue": 10,
            "value_added": 20,
            "tax": 10,
            "rd_ratio": 10,
            "smart_upgrade_ratio": 0,
            "energy_per_revenue": 0,
            "cost_profit_margin": 0,
        }
    )
    assert pts(rs, "C") == approx(
        {
            "revenue": 0,
            "value_added": 20,
            "tax": 0,
            "rd_ratio": 5,
            "smart_upgrade_ratio": 10,
            "energy_per_revenue": 5,
            "cost_profit_margin": 0,
        }
    )
    assert [(s.id, s.total) for s in rs.scores] == [
        ("A", pytest.approx(80)),
        ("B", pytest.approx(50)),
        ("C", pytest.approx(40)),
    ]


# ---------------------------------------------------------------- fast50 (第六条)


def test_fast50_points_by_hand():
    common = {
        "revenue_y1": 1 * YI,
        "gross_output": 100,
        "output_vat": 0,
        "total_assets": 100,
        "rd_expense_y1": 100,
        "rd_expense": 130,
        "total_cost": 100,
    }
    rs = score_round(
        "fast50",
        [
            Applicant(
                "A",
                common
                | {
                    "revenue": 120_000_000,
                    "industrial_value_added": 25,
                    "tax": 6_000_000,
                    "invention_patents": 6,
                    "net_profit": 10,
                    "total_profit": 10,
                },
            ),
            Applicant(
                "B",
                common
                | {
                    "revenue": 110_000_000,
                    "industrial_value_added": 30,
                    "tax": 5_500_000,
                    "invention_patents": 11,
                    "net_profit": 5,
                    "total_profit": 20,
                },
            ),
        ],
    )
    # patents per 亿: A 6/1.2 = 5, B 11/1.1 = 10
    assert rs.by_id("B").indicator("patents_per_yi_revenue").raw == pytest.approx(10)
    assert pts(rs, "A") == approx(
        {
            "revenue_growth": 20,
            "value_added_rate": 0,
            "tax_rate": 20,
            "patents_per_yi_revenue": 0,
            "capital_return": 10,
            "rd_growth": 10,
            "cost_profit_margin": 0,
        }
    )
    assert pts(rs, "B") == approx(
        {
            "revenue_growth": 0,
            "value_added_rate": 20,
            "tax_rate": 20,
            "patents_per_yi_revenue": 10,
            "capital_return": 0,
            "rd_growth": 10,
            "cost_profit_margin": 10,
        }
    )
    assert [(s.id, s.rank) for s in rs.scores] == [("B", 1), ("A", 2)]
    assert [s.total for s in rs.scores] == approx([70, 60])


# ---------------------------------------------------------------- innovator10 (第八条), expert items


def test_innovator10_points_by_hand_with_expert_items():
    a = Applicant(
        "A",
        {
            "total_profit": 10,
            "total_cost": 100,
            "rd_expense": 2000 * WAN,
            "revenue": 5 * YI,
            "rd_personnel": 100,
            "avg_employees": 1000,
            "core_ip_product_revenue": 3 * YI,
            "main_revenue": 5 * YI,
            "rd_expense_y1": 1000 * WAN,
            "net_profit": 10,
            "total_assets": 100,
            "energy_use": 5000,
            "tax": 2000 * WAN,
        },
        {
            "management_structure": [5, 4, 4, 4, 0],
            "education_title": [5, 5, 5],
            "research_results": [8, 8, 8],
            "industry_academia": [5],
            "rd_platform": [3],
        },
    )
    b = Applicant(
        "B",
        {
            "total_profit": 20,
            "total_cost": 100,
            "rd_expense": 1000 * WAN,
            "revenue": 2 * YI,
            "rd_personnel": 60,
            "avg_employees": 300,
            "core_ip_product_revenue": 1 * YI,
            "main_revenue": 2 * YI,
            "rd_expense_y1": 800 * WAN,
            "net_profit": 10,
            "total_assets": 100,
            "energy_use": 4000,
            "tax": 1000 * WAN,
        },
        {
            "management_structure": [3, 3, 3, 3],
            "education_title": [4, 4, 4],
            "research_results": [6, 7, 8, 9, 10],
            "industry_academia": [0],
            "rd_platform": [2],
        },
    )
    rs = score_round("innovator10", [a, b])
    assert pts(rs, "A") == approx(
        {
            "management_structure": 4,
            "education_title": 5,
            "cost_profit_margin": 0,
            "rd_expense": 10,
            "rd_ratio": 0,
            "research_results": 8,
            "industry_academia": 5,
            "rd_personnel_ratio": 0,
            "rd_platform": 3,
            "core_ip_revenue_share": 10,
            "rd_growth": 10,
            "capital_return": 5,
            "energy_per_revenue": 5,
            "tax_rate": 0,
        }
    )
    assert pts(rs, "B") == approx(
        {
            "management_structure": 3,
            "education_title": 4,
            "cost_profit_margin": 5,
            "rd_expense": 0,
            "rd_ratio": 10,
            "research_results": 8,
            "industry_academia": 0,
            "rd_personnel_ratio": 10,
            "rd_platform": 2,
            "core_ip_revenue_share": 0,
            "rd_growth": 0,
            "capital_return": 5,
            "energy_per_revenue": 0,
            "tax_rate": 5,
        }
    )
    assert [s.total for s in rs.scores] == approx([65, 52])
    share = rs.by_id("A").indicator("core_ip_revenue_share")
    assert share.inputs == {"core_ip_product_revenue": 3 * YI, "main_revenue": 5 * YI}  # revenue shown


def test_expert_mean_with_four_experts_keeps_all_scores():
    assert expert_value([1, 2, 3, 10], 10, applicant="x", indicator="i")[0] == pytest.approx(4)


def test_expert_mean_with_five_experts_drops_one_highest_and_one_lowest():
    assert expert_value([1, 2, 3, 4, 10], 10, applicant="x", indicator="i")[0] == pytest.approx(3)
    assert expert_value([5, 5, 5, 5, 5], 5, applicant="x", indicator="i")[0] == pytest.approx(5)


@pytest.mark.parametrize("bad", [-0.1, 10.5, float("nan"), "x", True])
def test_expert_score_outside_zero_to_weight_is_refused(bad):
    with pytest.raises(ScoringError) as e:
        expert_value([5, bad], 10, applicant="x", indicator="trade_potential")
    assert e.value.basis == "安政办〔2023〕4号 第十条"


def test_expert_score_at_bounds_is_accepted():
    assert expert_value([0, 10], 10, applicant="x", indicator="i")[0] == 5


def test_missing_expert_scores_refuse_scoring():
    with pytest.raises(ScoringError):
        score_round("trade10", [Applicant("A", {"import_export": 1, "import_export_y1": 1}, {})])


# ---------------------------------------------------------------- trade10 (第九条), recognitions


def test_trade10_points_by_hand_with_recognitions():
    a = Applicant(
        "A",
        {
            "import_export": 5000 * WAN,
            "import_export_y1": 4000 * WAN,
            "provincial_trade_recognition": True,
            "trade_base_major_enterprise": False,
        },
        {
            "trade_potential": [8, 9, 10, 7, 6],
            "intl_management_trademarks": [10],
            "overseas_marketing_service": [6],
        },
    )
    b = Applicant(
        "B",
        {"import_export": 2000 * WAN, "import_export_y1": 1000 * WAN, "trade_base_major_enterprise": True},
        {"trade_potential": [5, 5], "intl_management_trademarks": [0], "overseas_marketing_service": [4]},
    )
    rs = score_round("trade10", [a, b])
    assert pts(rs, "A") == approx(
        {
            "import_export": 20,
            "import_export_growth": 0,
            "trade_potential": 8,
            "intl_management_trademarks": 10,
            "overseas_marketing_service": 6,
            "provincial_trade_recognition": 10,
            "trade_base_major_enterprise": 0,
        }
    )
    assert pts(rs, "B") == approx(
        {
            "import_export": 0,
            "import_export_growth": 30,
            "trade_potential": 5,
            "intl_management_trademarks": 0,
            "overseas_marketing_service": 4,
            "provincial_trade_recognition": 0,
            "trade_base_major_enterprise": 10,
        }
    )
    assert [s.total for s in rs.scores] == approx([54, 49])


# ---------------------------------------------------------------- ranking and ties


def test_totals_within_1e_9_share_a_rank_and_the_next_rank_is_skipped():
    ranked = rank_totals([(90.0, "a"), (80.0, "b"), (80.0 + 5e-10, "c"), (70.0, "d")])
    assert [(i, r) for i, _, r in ranked] == [("a", 1), ("c", 2), ("b", 2), ("d", 4)]


def test_totals_differing_by_more_than_1e_9_do_not_tie():
    ranked = rank_totals([(80.0, "b"), (80.0 + 1e-8, "c")])
    assert [(i, r) for i, _, r in ranked] == [("c", 1), ("b", 2)]


def test_tie_across_the_last_place_is_reported_not_broken():
    ranked = rank_totals([(90.0, "a"), (80.0, "b"), (80.0, "c"), (70.0, "d")])
    winners, tie = cutoff(ranked, 2)
    assert winners == ("a",)
    assert tie is not None and tie.tied == ("b", "c") and tie.open_places == 1 and tie.rank == 2


def test_tie_inside_the_places_is_not_a_cutoff_tie():
    ranked = rank_totals([(90.0, "a"), (80.0, "b"), (80.0, "c"), (70.0, "d")])
    assert cutoff(ranked, 3) == (("a", "b", "c"), None)
    assert cutoff(ranked, 1) == (("a",), None)


def test_identical_applicants_tie_at_the_cutoff_of_a_round():
    twin = Applicant("C2", TOP10[2].figures)
    rs = score_round("top10", [*TOP10, twin], places=3)
    assert rs.by_id("C").rank == rs.by_id("C2").rank == 3
    assert rs.winners == ("A", "B") and rs.tie is not None and set(rs.tie.tied) == {"C", "C2"}


def test_fewer_applicants_than_places_all_win():
    rs = score_round("top10", TOP10)
    assert set(rs.winners) == {"A", "B", "C"} and rs.tie is None


def test_disqualification_rescores_the_rest_and_records_the_change():
    before = score_round("top10", TOP10)
    after, diff = rescore_without(before, TOP10, {"A"})
    assert diff.removed == ("A",)
    # without A, B now has the top value added, tax and productivity among B and C
    assert after.by_id("B").indicator("tax").points == pytest.approx(20)
    assert {c.id for c in diff.changes} == {"B", "C"}
    change_b = next(c for c in diff.changes if c.id == "B")
    assert (change_b.rank_before, change_b.rank_after) == (2, 1)
    assert diff_rankings(before, before).changed is False


def test_duplicate_applicant_ids_are_refused():
    with pytest.raises(ScoringError):
        score_round("top10", [TOP10[0], TOP10[0]])


def test_ten_thousand_applicants_are_ranked_by_total():  # speed: bench/bench_awards_scoring.py
    apps = [
        Applicant(
            f"E{i:05d}",
            {
                "revenue": 5 * YI + i * 997,
                "value_added": YI + i * 7919,
                "tax": 2000 * WAN + i * 13,
                "rd_expense": 1000 * WAN + i * 31,
                "avg_employees": 100 + i % 900,
                "listed_company": i % 3 == 0,
            },
        )
        for i in range(10_000)
    ]
    rs = score_round("top10", apps)
    assert len(rs.scores) == 10_000 and rs.scores[0].rank == 1
    totals = [s.total for s in rs.scores]
    assert totals == sorted(totals, reverse=True)
