"""Data: the 2023 task register extracted from the bulletin (anyang_tasks/data/register_2023.json),
loaded in every mode; idempotent (rows found by document, part and number are updated in place).

A corrected extraction ships with a new revision that calls the same loader.

Revision ID: 0003
Revises: 0002
"""
from typing import Sequence, Union

from alembic import op

from anyang_tasks.service.register_load import upsert_register

revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    upsert_register(op.get_bind())


def downgrade() -> None:
    """The register stays: reports may refer to it."""
