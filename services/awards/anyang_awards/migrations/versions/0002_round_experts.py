"""round_experts: the experts the office registers for a round (安政办〔2023〕4号 第十三条), each with the
member department that enters the expert's scores.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 12:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import govkit.db


revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('round_experts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('round_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('department', sa.String(length=20), nullable=False),
    sa.Column('registered_by', sa.String(length=120), nullable=False),
    sa.Column('registered_at', govkit.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_round_experts_round_id_rounds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_experts')),
    sa.UniqueConstraint('round_id', 'name', 'department', name=op.f('uq_round_experts_round_id_name_department'))
    )
    with op.batch_alter_table('round_experts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_experts_round_id'), ['round_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('round_experts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_experts_round_id'))
    op.drop_table('round_experts')
