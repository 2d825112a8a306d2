"""rows dropped in a coordinator's review of an import

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 07:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dropped_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("dropped_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dropped_row", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dropped_row_forum"), ["forum"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dropped_row", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dropped_row_forum"))
    op.drop_table("dropped_row")
