"""Application requests and answers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, model_validator

from anyang_awards.domain.categories import CategoryCode, category
from anyang_awards.domain.eligibility import ROLE_ZH, Contribution, Finding, Role, Sector, Severity
from anyang_awards.domain.figures import FIGURE_NAMES
from anyang_awards.schemas.vocab import (
    ACCIDENT_KIND_LABELS,
    CANDIDACY_STATUS_LABELS,
    CASE_FINDING_LABELS,
    CASE_KIND_LABELS,
    CATEGORY_LABELS,
    CONTRIBUTION_LABELS,
    COUNTY_DECISION_LABELS,
    FIGURE_ACTION_LABELS,
    MARK_KIND_LABELS,
    MARK_STATUS_LABELS,
    REGION_SOURCE_LABELS,
    ROLE_LABELS,
    SECTOR_LABELS,
    SEVERITY_LABELS,
    CandidacyStatus,
    CountyDecision,
    MarkKind,
    MarkStatus,
    RegionSource,
    described,
)
from govkit.i18n import t
from govkit.ids import ResidentId

# a number (or numeric string) is read as a number before anything is read as yes/no: JSON `1` is one, not true
FigureValue = Annotated[Annotated[Decimal, Field(allow_inf_nan=False)] | bool, Field(union_mode="left_to_right")]


class FigureIn(BaseModel):
    value: FigureValue = Field(description="amount (CNY), count, ratio or yes/no")
    evidence: str | None = Field(None, max_length=300, description="supporting document reference (第二十三条)")


class PostIn(BaseModel):
    role: Role = Field(description=described(ROLE_LABELS))
    start: date
    end: date | None = Field(None, description="last day in post; empty while still in post")

    @model_validator(mode="after")
    def _end_not_before_start(self) -> PostIn:
        if self.end is not None and self.end < self.start:
            raise ValueError(t(f"任职结束日 {self.end} 早于开始日 {self.start}",
                               f"The post ends ({self.end}) before it starts ({self.start})"))
        return self


class ApplicationIn(BaseModel):
    enterprise_name: str = Field(min_length=1, max_length=200)
    region: str | None = Field(None, pattern=r"^41\d{4}$",
                               description="deprecated, ignored where it differs: the county that reviews (第十六条) "
                                           "is where the enterprise is registered (credit subject, else its USCC)")
    sector: Sector | None = Field(None, description=described(SECTOR_LABELS))
    contribution: Contribution | None = Field(None, description=described(CONTRIBUTION_LABELS))
    contribution_evidence: str | None = None
    reports_on_time: bool = False
    reports_evidence: str | None = None
    person_name: str | None = Field(None, max_length=100)
    person_id: ResidentId | None = None
    posts: list[PostIn] = Field(default_factory=list)
    roles_filled: list[Role] = Field(default_factory=list, description="第十一条 roles someone in the enterprise "
                                                                       "holds: " + described(ROLE_LABELS))
    passed_over_reason: str | None = None
    figures: dict[str, FigureIn] = Field(default_factory=dict)

    model_config = {"json_schema_extra": {"examples": [{
        "enterprise_name": "安阳钢铁示范有限公司", "region": "410500", "sector": "fine_steel",
        "reports_on_time": True, "reports_evidence": "统计联网直报回执",
        "figures": {name: {"value": value, "evidence": f"2024年度审计报告-{name}"} for name, value in (
            ("revenue", 12_000_000_000), ("value_added", 3_000_000_000), ("tax", 600_000_000),
            ("rd_expense", 300_000_000), ("avg_employees", 8000), ("listed_company", True))}}]}}


class CountyReviewIn(BaseModel):
    decision: Literal["approved", "rejected"] = Field(description=described(
        {k: v for k, v in COUNTY_DECISION_LABELS.items() if k != "pending"}))
    opinion: str = Field(min_length=1, max_length=4000)

    model_config = {"json_schema_extra": {"examples": [{"decision": "approved",
                                                        "opinion": "经审核，申报材料真实，同意推荐"}]}}


class FigureReviewIn(BaseModel):
    action: Literal["confirm", "correct"] = Field(description=described(FIGURE_ACTION_LABELS))
    value: FigureValue | None = Field(None, description="the verified value (correct): a number or numeric string "
                                                        "for an amount, count or ratio; true/false for yes/no")
    note: str | None = None

    model_config = {"json_schema_extra": {"examples": [{"action": "confirm", "note": "与本部门统计数据一致"}]}}


class ExpertScoreIn(BaseModel):
    indicator: str
    expert_id: str = Field(min_length=1, max_length=36,
                           description="专家编号：评选领导小组办公室登记的本轮专家（第十三条） / an expert the office "
                                       "registered for the round (POST /rounds/{round_id}/experts)")
    score: float = Field(allow_inf_nan=False)

    model_config = {"json_schema_extra": {"examples": [{"indicator": "rd_platform", "expert": "专家甲", "score": 4.5}]}}


class CaseIn(BaseModel):
    kind: Literal["accident", "person_case"] = Field(description=described(CASE_KIND_LABELS))
    ref: str = Field(min_length=1, max_length=100)
    occurred_on: date
    severity: Severity | None = Field(None, description=described(SEVERITY_LABELS))
    accident_kind: Literal["environment", "safety"] = Field("safety", description=described(ACCIDENT_KIND_LABELS))
    major: bool = True
    finding: Finding = Field(Finding.OPEN, description=described(CASE_FINDING_LABELS))
    summary: str | None = None

    model_config = {"json_schema_extra": {"examples": [{
        "kind": "accident", "ref": "安应急调查〔2026〕3号", "occurred_on": "2026-06-12", "severity": "larger",
        "accident_kind": "safety", "finding": "open", "summary": "生产车间较大安全事故，调查中"}]}}


class FigureOut(BaseModel):
    name: str
    label: str
    unit: str | None
    declared: Any
    value: Any
    evidence: str | None
    source: str
    review: str | None
    review_note: str | None
    corrected: bool


class MarkOut(BaseModel):
    """A fact about the candidacy from outside the application (第二条, 第二十四条) and what it did."""

    kind: MarkKind = Field(description=described(MARK_KIND_LABELS))
    kind_label: str
    ref: str
    status: MarkStatus = Field(description=described(MARK_STATUS_LABELS))
    status_label: str
    basis: str
    detail: dict
    note: str | None
    updated_at: datetime

    @classmethod
    def of(cls, m) -> MarkOut:
        return cls(kind=m.kind, kind_label=MARK_KIND_LABELS[m.kind], ref=m.source_ref, status=m.status,
                   status_label=MARK_STATUS_LABELS[m.status], basis=m.basis, detail=m.detail, note=m.note,
                   updated_at=m.updated_at)


class ApplicationOut(BaseModel):
    id: str
    round_id: str
    year: int
    category: CategoryCode = Field(description=described(CATEGORY_LABELS))
    category_label: str
    enterprise_code: str
    enterprise_name: str
    region: str
    region_source: RegionSource | None = Field(None, description="why this county reviews (第十六条): "
                                               + described(REGION_SOURCE_LABELS))
    region_source_label: str | None
    person_name: str | None
    person_id_masked: str | None
    sector: str | None
    status: CandidacyStatus = Field(description=described(CANDIDACY_STATUS_LABELS))
    status_label: str
    disqualification: dict | None
    under_review: bool
    eligible: bool
    county_decision: CountyDecision = Field(description=described(COUNTY_DECISION_LABELS))
    county_decision_label: str
    county_opinion: str | None
    credit: dict[str, Any]
    eligibility: dict[str, Any] | None
    figures: list[FigureOut]
    posts: list[dict[str, Any]]
    marks: list[MarkOut]
    submitted_at: datetime


def figure_out(f, parse) -> FigureOut:
    label = FIGURE_NAMES.get(f.name, (f.name, f.name, None))
    declared, value = parse(f.declared), parse(f.value)
    return FigureOut(name=f.name, label=label[0], unit=label[2], declared=_j(declared), value=_j(value),
                     evidence=f.evidence, source=f.source, review=f.review, review_note=f.review_note,
                     corrected=f.review == "corrected" and declared != value)


def _j(v):
    return v if isinstance(v, bool) else format(v, "f")


def application_out(a, *, figures, posts, marks, eligibility, parse) -> ApplicationOut:
    return ApplicationOut(
        id=a.id, round_id=a.round_id, year=a.year, category=a.category,
        category_label=category(a.category).name_zh, enterprise_code=a.enterprise_uscc,
        enterprise_name=a.enterprise_name, region=a.region, region_source=a.region_source,
        region_source_label=REGION_SOURCE_LABELS.get(a.region_source or ""), person_name=a.person_name,
        person_id_masked=a.person_id_masked, sector=a.sector, status=a.status,
        status_label=CANDIDACY_STATUS_LABELS[a.status],
        disqualification=a.disqualification, under_review=a.under_review, eligible=a.eligible,
        county_decision=a.county_decision, county_decision_label=COUNTY_DECISION_LABELS[a.county_decision],
        county_opinion=a.county_opinion,
        credit={"status": a.credit_status, "checked_on": a.credit_checked_on, "message": a.credit_message},
        eligibility=None if eligibility is None else {
            "eligible": eligibility.eligible, "under_review": eligibility.under_review,
            "checks": eligibility.checks, "trigger": eligibility.trigger, "computed_at": eligibility.computed_at},
        figures=[figure_out(f, parse) for f in figures],
        posts=[{"role": p.role, "role_label": ROLE_ZH[Role(p.role)], "start": p.start, "end": p.end} for p in posts],
        marks=[MarkOut.of(m) for m in marks],
        submitted_at=a.submitted_at)


class EligibilityRunOut(BaseModel):
    """One evaluation of the application: what triggered it, when, and every check with its basis."""

    eligible: bool
    under_review: bool
    trigger: str
    computed_at: datetime
    checks: list[dict[str, Any]]


class ExpertScoreOut(BaseModel):
    application_id: str
    indicator: str
    department: str
    expert_id: str
    score: float
