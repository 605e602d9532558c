"""subjects.person_ref: a natural person's platform-wide reference (govkit.crypto.PersonRef), by which other
services' events name the person; filled for existing persons by the re-keying job.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 10:30:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('subjects') as batch:
        batch.add_column(sa.Column('person_ref', sa.String(length=64), nullable=True))
        batch.create_unique_constraint('uq_subjects_person_ref', ['person_ref'])


def downgrade() -> None:
    with op.batch_alter_table('subjects') as batch:
        batch.drop_constraint('uq_subjects_person_ref', type_='unique')
        batch.drop_column('person_ref')
