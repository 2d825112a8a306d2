"""The ledger's tables: every notice's claim and outcome, and every scheduled run.

They live in the register's database and its migrations (`register/migrations`).
"""

import datetime as dt

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from reminder.register.models import UTCDateTime, timestamp


class LedgerEntry(SQLModel, table=True):
    """One notice: claimed before it is sent, then recorded with its outcome.

    `key` (kind, recipient, period or item, ladder step) is unique, so a notice can
    be claimed by one run only; `status` is one of the states in `ledger.claims`
    (claimed, sending, sent, failed, refused, not sent, unknown); `permanent` is true
    for refused ones.
    """

    __tablename__ = "ledger"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=300, unique=True)
    kind: str = Field(index=True)
    forum: str = Field(index=True)
    recipients: str = ""
    subject: str = ""
    status: str = Field(default="claimed", index=True)
    run_id: str = ""
    claimed_at: dt.datetime = timestamp()
    sent_at: dt.datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True)
    )
    attempts: int = 0
    permanent: bool = False
    message_id: str | None = None
    error: str = ""


class JobRun(SQLModel, table=True):
    """One scheduled run of a job (a forum's digest, escalations...) at one slot.

    (job, slot) is unique: an instance claims a slot by inserting its row, so two
    service instances never run the same slot; `reminder status` reads the last runs.
    """

    __tablename__ = "job_run"
    __table_args__ = (UniqueConstraint("job", "slot", name="uq_job_slot"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(index=True)
    slot: dt.datetime = timestamp(index=True)
    instance: str = ""
    run_id: str = ""  # the run's lease (`run_lease`): a "running" slot without one died
    started_at: dt.datetime = timestamp()
    finished_at: dt.datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime(), nullable=True)
    )
    outcome: str = "running"  # running, ok, failed
    detail: str = ""


class RunLease(SQLModel, table=True):
    """A run's hold on its claims: renewed while it works (a heartbeat), it lapses when
    the run dies, and the claims of a run whose lease has lapsed are taken over at once."""

    __tablename__ = "run_lease"

    run_id: str = Field(primary_key=True)
    holder: str = ""  # host and process, for `reminder status` and for people
    started_at: dt.datetime = timestamp()
    expires_at: dt.datetime = timestamp(index=True)
