"""applications.region_source: why this county reviews the application (安政办〔2023〕4号 第十六条) — the credit
subject's region, the USCC's registration code, or the city; rows before it keep NULL (the declared region).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 13:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('applications') as batch:
        batch.add_column(sa.Column('region_source', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('applications') as batch:
        batch.drop_column('region_source')
