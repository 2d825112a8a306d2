"""slot leases and mail states: a dead instance's slot is run again; failures say whose

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 03:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('job_run', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'run_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''
            )
        )
    # "failed" + permanent meant two things: mails no attempt was made for (a template
    # or header error of ours, now "not sent", retried) and refused mails ("refused").
    op.execute(
        "UPDATE ledger SET status = 'not sent', permanent = false "
        "WHERE status = 'failed' AND permanent AND attempts = 0"
    )
    op.execute("UPDATE ledger SET status = 'refused' WHERE status = 'failed' AND permanent")


def downgrade() -> None:
    op.execute(
        "UPDATE ledger SET status = 'failed', permanent = true "
        "WHERE status IN ('refused', 'not sent')"
    )
    op.execute("UPDATE ledger SET status = 'failed' WHERE status IN ('unknown', 'sending')")
    with op.batch_alter_table('job_run', schema=None) as batch_op:
        batch_op.drop_column('run_id')
