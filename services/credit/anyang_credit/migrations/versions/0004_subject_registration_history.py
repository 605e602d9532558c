"""Subjects registered only by the registration authority of their kind, with history (subject_changes);
the subject name a department sent is kept on its record and list entry (issue #10 item 6).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 12:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import govkit.db


revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'subject_changes',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('subject_id', sa.String(length=36), nullable=False),
        sa.Column('before', sa.JSON(), nullable=False),
        sa.Column('after', sa.JSON(), nullable=False),
        sa.Column('changed_by', sa.String(length=120), nullable=False),
        sa.Column('changed_at', govkit.db.UtcDateTime(), nullable=False),
        sa.Column('basis', sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_subject_changes_subject_id_subjects')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_subject_changes')),
    )
    op.create_index(op.f('ix_subject_changes_subject_id'), 'subject_changes', ['subject_id'], unique=False)
    for table in ('credit_records', 'list_entries'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('subject_name', sa.String(length=200), nullable=False, server_default=''))
        # rows written before this revision: the name the subject had then is the best record of what was sent
        op.execute(f"UPDATE {table} SET subject_name = "
                   f"(SELECT subjects.name FROM subjects WHERE subjects.id = {table}.subject_id)")


def downgrade() -> None:
    for table in ('credit_records', 'list_entries'):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('subject_name')
    op.drop_index(op.f('ix_subject_changes_subject_id'), table_name='subject_changes')
    op.drop_table('subject_changes')
