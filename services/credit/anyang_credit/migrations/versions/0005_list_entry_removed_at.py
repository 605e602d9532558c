"""list_entries.removed_at: when a removal was recorded, so that a grade or report as of an earlier date
answers from what was known then (issue #10 item 8).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 13:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import govkit.db


revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('list_entries') as batch:
        batch.add_column(sa.Column('removed_at', govkit.db.UtcDateTime(), nullable=True))
    # removals recorded before this revision: the entry's last change is when the removal was written
    op.execute("UPDATE list_entries SET removed_at = updated_at WHERE removed_on IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('list_entries') as batch:
        batch.drop_column('removed_at')
