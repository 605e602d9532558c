"""政务诚信 (CP 二（一）2; 安政办〔2023〕1号（二十二）): the list of unhonoured government commitments and the
forced disclosure of overdue payments to SMEs (undisputed and disputed amounts apart, every change kept)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_credit.models.base import Base
from govkit.db import UtcDateTime


class GovernmentCommitment(Base):
    __tablename__ = "government_commitments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    body_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"), index=True)  # a government_body subject
    content: Mapped[str] = mapped_column(Text)
    measures: Mapped[str] = mapped_column(Text)         # 整改措施
    deadline: Mapped[date] = mapped_column(Date)        # 完成期限
    listed_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="listed")  # vocab.GovernmentCommitmentStatus
    fulfilled_on: Mapped[date | None] = mapped_column(Date)
    broken_on: Mapped[date | None] = mapped_column(Date)
    broken_reason: Mapped[str | None] = mapped_column(Text)
    record_id: Mapped[str | None] = mapped_column(ForeignKey("credit_records.id"))  # government dishonesty
    listed_by: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OverdueAccount(Base):
    """A government body's overdue unpaid account to an SME (逾期未支付中小企业账款)."""

    __tablename__ = "overdue_accounts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    debtor_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"), index=True)
    creditor_code: Mapped[str] = mapped_column(String(18))   # the SME's USCC
    creditor_name: Mapped[str] = mapped_column(String(200))
    contract_ref: Mapped[str] = mapped_column(String(200))
    payment_due: Mapped[date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OverdueAccountChange(Base):
    """One change of an account (append-only): recorded, paid, reclassified, resolved."""

    __tablename__ = "overdue_account_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("overdue_accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))          # domain.government.AccountEventKind
    part: Mapped[str | None] = mapped_column(String(20))   # undisputed | disputed (recorded / paid)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    on: Mapped[date] = mapped_column(Date)
    by: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
