"""meetings set, moved or cancelled on the desk: time, place, where one moved, and each change

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 13:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moved_to", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("starts", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("place", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.create_table(
        "meeting_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("forum", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("what", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("moved_to", sa.Date(), nullable=True),
        sa.Column("starts", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_change_forum"), ["forum"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_meeting_change_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_change_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_change_forum"))
    op.drop_table("meeting_change")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("place")
        batch_op.drop_column("starts")
        batch_op.drop_column("moved_to")
