"""Credit reports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from anyang_credit.domain.vocab import ContentCheck, ReportVersion
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.coded import Coded, codes
from anyang_credit.schemas.examples import example
from govkit.ids import SubjectCode


class ReportIn(BaseModel):
    model_config = example(ex.REPORT)
    subject_code: SubjectCode
    version: ReportVersion = codes(ReportVersion, "报告版本", default=ReportVersion.PUBLIC)
    as_of: date | None = None


class VerifyIn(BaseModel):
    model_config = example(ex.REPORT_VERIFY)
    report: dict


class ReportOut(BaseModel):
    """A credit report as issued: identity, grade with explanation, records, commitments, list status and
    repairs as of a date, with its verification code. Send it back as it is to verify it (every field counts,
    so fields beyond those listed are kept)."""

    model_config = ConfigDict(extra="allow")
    report_id: str
    issued_at: str = Field(description="RFC 3339 instant, as signed", json_schema_extra={"format": "date-time"})
    title: str
    version: ReportVersion = codes(ReportVersion, "报告版本")
    version_label: str
    as_of: str = Field(description="ISO date, as signed")
    issuer: str
    subject: dict[str, Any] = Field(description="name, code (a person's masked in the public version), kind, "
                                                "kind_label, region, industry")
    grade: dict[str, Any]
    records: list[dict[str, Any]]
    commitments: list[dict[str, Any]]
    list_status: dict[str, Any]
    repairs: list[dict[str, Any]]
    basis: str
    verification_code: str


class ReportSubjectOut(BaseModel):
    name: str
    code: str | None = Field(description="shown for the public version only")


class CodeCheckOut(Coded):
    """Whether a verification code belongs to a report issued here; the public version's content to compare."""

    valid: bool
    report_id: str
    version: ReportVersion = codes(ReportVersion, "报告版本")
    version_label: str
    as_of: date
    issued_at: datetime
    content_sha256: str
    subject: ReportSubjectOut
    report: ReportOut | None = None


class ContentCheckOut(Coded):
    valid: bool
    report_id: str | None = Field(description="the report issued under the code (none: no such report)")
    outcome: ContentCheck = codes(ContentCheck, "核验结果")
    outcome_label: str
    message: str
    basis: str
