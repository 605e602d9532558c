"""Credit reports."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from govkit.ids import SubjectCode


class ReportIn(BaseModel):
    subject_code: SubjectCode
    version: Literal["public", "full"] = "public"
    as_of: date | None = None


class VerifyIn(BaseModel):
    report: dict
