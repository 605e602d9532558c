"""Accident severity (安政办〔2023〕2号 第二十五条: reported 按照国家有关规定) and who investigates it.

The national rule is 《生产安全事故报告和调查处理条例》（国务院令第493号）:
- 第三条 grades an accident by deaths, serious injuries (incl. acute industrial poisoning) or direct
  economic loss, the highest grade any one of them reaches; in that article 以上 includes the number
  and 以下 excludes it (第三条第二款), so 3 deaths is 较大 and 10 deaths 重大.
- 第十九条: 一般事故 is investigated by the county-level government, 较大 by the city (设区的市),
  重大 by the province, 特别重大 by the State Council.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from anyang_hydrogen.domain.decision import Decision

REGULATION = "《生产安全事故报告和调查处理条例》（国务院令第493号）"
GRADING_BASIS = f"{REGULATION}第三条"
INVESTIGATION_BASIS = f"{REGULATION}第十九条"


class Severity(StrEnum):
    general = "general"
    larger = "larger"
    major = "major"
    especially_major = "especially_major"


LABELS = {
    Severity.general: "一般事故",
    Severity.larger: "较大事故",
    Severity.major: "重大事故",
    Severity.especially_major: "特别重大事故",
}
RANK = {Severity.general: 0, Severity.larger: 1, Severity.major: 2, Severity.especially_major: 3}

# 第三条: lower bounds (以上 = inclusive) of deaths, serious injuries, direct loss in yuan per grade
_THRESHOLDS: tuple[tuple[Severity, int, int, int], ...] = (
    (Severity.especially_major, 30, 100, 100_000_000),
    (Severity.major, 10, 50, 50_000_000),
    (Severity.larger, 3, 10, 10_000_000),
)


def label(severity: str) -> str:
    return LABELS[Severity(severity)]


def at_least(severity: str, floor: Severity) -> bool:
    return RANK[Severity(severity)] >= RANK[floor]


@dataclass(frozen=True)
class Casualties:
    deaths: int = 0
    serious_injuries: int = 0
    direct_loss_yuan: int = 0


def grade(c: Casualties) -> Decision:
    """The grade the facts reach under 第三条 (the highest of the three criteria)."""
    facts = {
        "deaths": c.deaths,
        "serious_injuries": c.serious_injuries,
        "direct_loss_yuan": c.direct_loss_yuan,
    }
    for severity, deaths, injuries, loss in _THRESHOLDS:
        if c.deaths >= deaths or c.serious_injuries >= injuries or c.direct_loss_yuan >= loss:
            return Decision(
                True,
                severity.value,
                GRADING_BASIS,
                facts,
                f"按{GRADING_BASIS}，事实达到{LABELS[severity]}标准",
                f"Under {GRADING_BASIS} the facts reach grade {severity.value}",
            )
    return Decision(
        True,
        Severity.general.value,
        GRADING_BASIS,
        facts,
        f"按{GRADING_BASIS}，事实为一般事故",
        f"Under {GRADING_BASIS} the facts are grade general",
    )


def check_reported_grade(reported: str, c: Casualties) -> Decision:
    """A reported grade may be higher than the facts known so far (they may still be counted), not lower."""
    found = grade(c)
    facts = dict(found.facts) | {"reported": reported, "graded": found.outcome}
    if RANK[Severity(reported)] < RANK[Severity(found.outcome)]:
        return Decision(
            False,
            "grade_below_facts",
            GRADING_BASIS,
            facts,
            f"报告的事故等级“{label(reported)}”低于事实对应的“{label(found.outcome)}”"
            f"（{GRADING_BASIS}：死亡{c.deaths}人、重伤{c.serious_injuries}人、"
            f"直接经济损失{c.direct_loss_yuan}元）",
            f"Reported grade {reported} is below {found.outcome}, which the facts reach under "
            f"{GRADING_BASIS} ({c.deaths} deaths, {c.serious_injuries} serious injuries, "
            f"direct loss {c.direct_loss_yuan} yuan)",
        )
    return Decision(True, "grade_consistent", GRADING_BASIS, facts)


def county_may_record_conclusion(severity: str) -> Decision:
    """第十九条: a county-level government investigates 一般事故 only; higher grades go to the city
    or above."""
    allowed = Severity(severity) == Severity.general
    return Decision(
        allowed,
        "county_investigates" if allowed else "above_county",
        INVESTIGATION_BASIS,
        {"severity": severity},
        ""
        if allowed
        else f"{label(severity)}不由县级人民政府调查（{INVESTIGATION_BASIS}），"
        "调查结论由市城镇燃气主管部门记录",
        ""
        if allowed
        else f"A {severity} accident is not investigated by the county "
        f"({INVESTIGATION_BASIS}); the city authority records the conclusion",
    )


# 安政办〔2023〕2号 第二十五条 with the spec: an accident of 较大 or worse is announced to other services.
ANNOUNCE_FROM = Severity.larger
