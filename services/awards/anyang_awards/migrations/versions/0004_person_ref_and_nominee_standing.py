"""applications.person_ref (govkit.crypto.PersonRef: credit's list checks and events name an entrepreneur by
it, 安政办〔2023〕4号 第二条) and the 十大功勋企业家 nominees' standing under list events (person_ref, status,
disqualification; 第七条 with 第二条).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 13:20:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('applications') as batch:
        batch.add_column(sa.Column('person_ref', sa.String(length=64), nullable=True))
        batch.create_index(batch.f('ix_applications_person_ref'), ['person_ref'], unique=False)
    with op.batch_alter_table('merit10_nominees') as batch:
        batch.add_column(sa.Column('person_ref', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('status', sa.String(length=20), server_default='active', nullable=False))
        batch.add_column(sa.Column('disqualification', sa.JSON(), nullable=True))
        batch.create_index(batch.f('ix_merit10_nominees_person_ref'), ['person_ref'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('merit10_nominees') as batch:
        batch.drop_index(batch.f('ix_merit10_nominees_person_ref'))
        batch.drop_column('disqualification')
        batch.drop_column('status')
        batch.drop_column('person_ref')
    with op.batch_alter_table('applications') as batch:
        batch.drop_index(batch.f('ix_applications_person_ref'))
        batch.drop_column('person_ref')
