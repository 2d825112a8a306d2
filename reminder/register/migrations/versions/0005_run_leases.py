"""run leases: the claims of a run that died are taken over at once

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 01:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('run_lease',
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('holder', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('run_id')
    )
    with op.batch_alter_table('run_lease', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_run_lease_expires_at'), ['expires_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('run_lease', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_run_lease_expires_at'))
    op.drop_table('run_lease')
