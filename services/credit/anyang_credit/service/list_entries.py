"""List entry rows as the domain's list entries (used by the lists, grades and repairs services)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from anyang_credit.domain import lists as dl
from anyang_credit.domain.vocab import ListCode, RemovalReason
from anyang_credit.models.lists import ListEntryRow


def to_domain(row: ListEntryRow, subject_code: str = "") -> dl.ListEntry:
    prov = row.provenance or None
    return dl.ListEntry(
        row.id,
        subject_code or row.subject_id,
        ListCode(row.list_code),
        row.authority,
        row.legal_basis,
        row.decision_number,
        row.effective_date,
        row.expiry_date,
        row.removed_on,
        RemovalReason(row.removal_reason) if row.removal_reason else None,
        dl.Provenance(prov["source"], prov["retrieved_at"], prov["source_id"]) if prov else None,
    )


def known_entry(row: ListEntryRow, known_until: datetime | None, subject_code: str = "") -> dl.ListEntry:
    """The entry as known at `known_until` (None: now): a removal recorded later is not known yet."""
    entry = to_domain(row, subject_code)
    if known_until is not None and row.removed_at is not None and row.removed_at >= known_until:
        entry = dataclasses.replace(entry, removed_on=None, removal_reason=None)
    return entry
