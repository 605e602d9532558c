"""信易贷 (CP 二（二）1): subjects' authorisations, the query log they can read, financing outcomes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from anyang_credit.models.base import Base
from govkit.db import UtcDateTime


class Authorisation(Base):
    __tablename__ = "finance_authorisations"
    __table_args__ = (Index("ix_finance_authorisations_lookup", "subject_id", "grantee"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"))
    grantee: Mapped[str] = mapped_column(String(18))  # USCC of the institution / core enterprise
    grantee_name: Mapped[str] = mapped_column(String(200), default="")
    scope: Mapped[str] = mapped_column(String(20))  # full_file | report
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)  # last day of validity (inclusive)
    purpose: Mapped[str] = mapped_column(String(300), default="")
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    granted_by: Mapped[str] = mapped_column(String(120))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class QueryLogEntry(Base):
    """Every query of a subject's full file by a third party, allowed or refused (visible to the subject)."""

    __tablename__ = "finance_query_log"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"), index=True)
    querier: Mapped[str] = mapped_column(String(64))  # principal org (USCC)
    querier_kind: Mapped[str] = mapped_column(String(40))
    querier_name: Mapped[str] = mapped_column(String(200), default="")
    what: Mapped[str] = mapped_column(String(20))  # full_file | report
    outcome: Mapped[str] = mapped_column(String(20))  # allowed | refused
    authorisation_id: Mapped[str | None] = mapped_column(String(36))
    purpose: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class FinancingOutcome(Base):
    __tablename__ = "financing_outcomes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"), index=True)
    institution: Mapped[str] = mapped_column(String(18), index=True)
    loan_granted: Mapped[bool] = mapped_column(Boolean)
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)  # CNY fen
    loan_kind: Mapped[str | None] = mapped_column(String(20))  # credit | secured
    first_loan: Mapped[bool] = mapped_column(Boolean, default=False)  # 首贷
    decided_on: Mapped[date] = mapped_column(Date, index=True)
    reference: Mapped[str] = mapped_column(String(120), default="")
    reported_at: Mapped[datetime] = mapped_column(UtcDateTime)
