"""directory changes (who changed which organisation, contact or group) and inactive contacts

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 13:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    op.create_table(
        "directory_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("change", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("directory_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_directory_change_entry_id"), ["entry_id"])


def downgrade() -> None:
    with op.batch_alter_table("directory_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_directory_change_entry_id"))
    op.drop_table("directory_change")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("active")
