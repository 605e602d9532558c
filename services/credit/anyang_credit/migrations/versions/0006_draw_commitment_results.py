"""Draws that cannot be steered (issue #10 item 9): the service's seed is committed (draws.seed_commitment,
SHA-256) and revealed with the results; inspection results (inspection_results) make each target public.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 13:30:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import govkit.db


revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('draws') as batch:
        batch.alter_column('seed', existing_type=sa.String(length=40), type_=sa.String(length=80))
        batch.add_column(sa.Column('seed_commitment', sa.String(length=64), nullable=True))
    op.create_table(
        'inspection_results',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('draw_id', sa.String(length=36), nullable=False),
        sa.Column('entity_code', sa.String(length=18), nullable=False),
        sa.Column('outcome', sa.String(length=40), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('inspected_on', sa.Date(), nullable=False),
        sa.Column('recorded_by', sa.String(length=40), nullable=False),
        sa.Column('recorded_at', govkit.db.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['draw_id'], ['draws.id'], name=op.f('fk_inspection_results_draw_id_draws')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_results')),
        sa.UniqueConstraint('draw_id', 'entity_code', name='uq_inspection_results_draw_entity'),
    )


def downgrade() -> None:
    op.drop_table('inspection_results')
    with op.batch_alter_table('draws') as batch:
        batch.drop_column('seed_commitment')
        batch.alter_column('seed', existing_type=sa.String(length=80), type_=sa.String(length=40))
