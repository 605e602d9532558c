"""list_entries.announced_at: when credit.blacklist.added was emitted — only once the entry is in force
(a future-dated entry is announced by the job on its effective date; an already expired one never).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 10:50:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import govkit.db


revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('list_entries') as batch:
        batch.add_column(sa.Column('announced_at', govkit.db.UtcDateTime(), nullable=True))
    # entries listed before this revision were announced when they were added
    op.execute("UPDATE list_entries SET announced_at = created_at")


def downgrade() -> None:
    with op.batch_alter_table('list_entries') as batch:
        batch.drop_column('announced_at')
