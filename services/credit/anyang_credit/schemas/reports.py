"""Credit reports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from govkit.ids import SubjectCode


class ReportIn(BaseModel):
    subject_code: SubjectCode
    version: Literal["public", "full"] = "public"
    as_of: date | None = None


class VerifyIn(BaseModel):
    report: dict


class ReportOut(BaseModel):
    """A credit report as issued: identity, grade with explanation, records, commitments, list status and
    repairs as of a date, with its verification code. Send it back as it is to verify it (every field counts,
    so fields beyond those listed are kept)."""

    model_config = ConfigDict(extra="allow")
    report_id: str
    issued_at: str = Field(description="ISO 8601 instant, as signed")
    title: str
    version: Literal["public", "full"]
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


class CodeCheckOut(BaseModel):
    """Whether a verification code belongs to a report issued here; the public version's content to compare."""

    valid: bool
    report_id: str
    version: Literal["public", "full"]
    as_of: date
    issued_at: datetime
    content_sha256: str
    subject: ReportSubjectOut
    report: ReportOut | None = None


class ContentCheckOut(BaseModel):
    valid: bool
    report_id: str
    outcome: str
    message: str
    basis: str
