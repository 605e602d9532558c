"""Credit subjects (信用主体, CP 二（十）4), keyed by USCC or resident ID number.

Natural persons' ID numbers are never stored in clear (README: Privacy): `code` is NULL for them,
`code_encrypted` holds the number and `code_hash` (keyed HMAC) finds it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from anyang_credit.models.base import Base
from govkit.db import UtcDateTime


class Subject(Base):
    __tablename__ = "subjects"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)   # look-up key for every subject
    code: Mapped[str | None] = mapped_column(String(18), unique=True)  # USCC of legal entities only
    code_encrypted: Mapped[str | None] = mapped_column(String(200))   # natural persons only
    code_masked: Mapped[str] = mapped_column(String(18))
    # natural persons: govkit.crypto.PersonRef under the platform-wide key, how other services' events name them
    person_ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(40))                     # vocab.SubjectKind
    name: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(6), default="410500")  # GB/T 2260 county code
    industry: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SubjectChange(Base):
    """A registration or change of a subject's name, kind, region or industry, by its registration authority
    (issue #10 item 6): what it was, what it became, who, when."""

    __tablename__ = "subject_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"), index=True)
    before: Mapped[dict] = mapped_column(JSON)  # field → value before ({} for a registration)
    after: Mapped[dict] = mapped_column(JSON)  # field → value after (the changed fields only)
    changed_by: Mapped[str] = mapped_column(String(120))  # the registration authority's department code
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    basis: Mapped[str] = mapped_column(String(500))
