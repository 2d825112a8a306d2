"""answers by mail link and contact preferences

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 03:47:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('contact_preference',
    sa.Column('email', sa.String(), nullable=False),
    sa.Column('kinds_off', sa.JSON(), nullable=False),
    sa.Column('paused_until', sa.Date(), nullable=True),
    sa.Column('unsubscribed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('email')
    )
    op.create_table('link_use',
    sa.Column('digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('contact', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('digest')
    )
    with op.batch_alter_table('link_use', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_link_use_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_link_use_contact'), ['contact'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('link_use', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_link_use_contact'))
        batch_op.drop_index(batch_op.f('ix_link_use_action_id'))

    op.drop_table('link_use')
    op.drop_table('contact_preference')

