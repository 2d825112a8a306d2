"""The register's tables (SQLModel).

Schema changes go through Alembic migrations in `reminder/register/migrations`; after editing
a table here, add a migration (see README, "Changing the schema").
"""

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    TypeDecorator,
    UniqueConstraint,
    false,
    true,
)
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every database.

    SQLite keeps no time zone, so without this a stored instant came back naive.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the register; pass an aware one")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def timestamp(index: bool = False) -> Any:
    """A required aware-UTC datetime column."""
    return Field(sa_column=Column(UTCDateTime(), nullable=False, index=index))


class Meeting(SQLModel, table=True):
    """One meeting of a forum (cluster, sector, working group) and the document it came from."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("forum", "date", "source_file", name="uq_meeting_source"),)

    id: int | None = Field(default=None, primary_key=True)
    forum: str = Field(index=True)
    date: dt.date | None = Field(default=None, index=True)
    title: str | None = None
    next_meeting_date: dt.date | None = None
    next_meeting_phrase: str | None = None
    cancelled: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    moved_to: dt.date | None = None  # a cancelled meeting held on another date instead
    starts: str | None = None  # "HH:MM" in the forum's time zone, when a coordinator gave it
    place: str | None = None
    source_file: str
    created_at: dt.datetime = timestamp()
    updated_at: dt.datetime = timestamp()


class ActionPoint(SQLModel, table=True):
    """An action point: the text, owners and deadline as written, and what they resolved to."""

    __tablename__ = "action_point"
    __table_args__ = (UniqueConstraint("forum", "fingerprint", name="uq_action_identity"),)

    id: int | None = Field(default=None, primary_key=True)
    forum: str = Field(index=True)
    fingerprint: str = Field(max_length=64)
    ref: str | None = Field(default=None, index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    text: str
    owners_raw: str = ""
    owners: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    supporting: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    due_phrase: str | None = None
    due_date: dt.date | None = Field(default=None, index=True)
    due_method: str = "none"
    due_flags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    due_note: str = ""
    status: str = Field(default="open", index=True)
    status_raw: str | None = None
    remarks: str | None = None
    section: str | None = None
    carried_over: bool = False
    source_file: str
    source_sheet: str | None = None
    source_row: int | None = None
    source_line: int | None = None
    # The date of the evidence each current value came from (see `Fact`): an import never
    # replaces a value with one from older evidence.
    text_as_of: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    owners_as_of: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    due_as_of: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    status_as_of: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # Which document (its file) or "command" each of those dates comes from, by field.
    origins: dict[str, str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # Set when a coordinator merged this action into another: it then only forwards.
    merged_into: int | None = Field(
        default=None,
        sa_column=Column(
            Integer,
            ForeignKey("action_point.id", name="fk_action_point_merged_into"),
            index=True,
        ),
    )
    created_at: dt.datetime = timestamp()
    updated_at: dt.datetime = timestamp()


class Fact(SQLModel, table=True):
    """One piece of evidence about one field of an action, kept whether or not it won.

    `field` is text, owners, due or status; `value` its value as the evidence gave it;
    `as_of` the date the evidence speaks for (a meeting's date, a tracker's "as of" date
    or its file's modification time, the moment of a coordinator's command); `author` who
    or what made it ("import", "coordinator <name>", "focal point <email>"); `outcome`
    whether it was applied, kept out by newer evidence, or conflicted with same-date evidence.
    """

    __tablename__ = "fact"

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action_point.id", index=True)
    field: str
    value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    as_of: dt.datetime = timestamp()
    source: str = ""
    author: str = ""
    note: str = ""
    outcome: str = "applied"  # applied, older, conflict
    recorded_at: dt.datetime = timestamp()


class ActionWording(SQLModel, table=True):
    """A wording an action has been seen under (its `fingerprint`): any of them finds it."""

    __tablename__ = "action_wording"
    __table_args__ = (UniqueConstraint("forum", "fingerprint", name="uq_wording"),)

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action_point.id", index=True)
    forum: str
    fingerprint: str = Field(max_length=64)


class StatusChange(SQLModel, table=True):
    """One change of an action point's status, and which import or command made it."""

    __tablename__ = "status_change"

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action_point.id", index=True)
    old_status: str | None = None
    new_status: str
    changed_at: dt.datetime = timestamp()
    source: str = ""
    author: str = Field(default="import", sa_column_kwargs={"server_default": "import"})
    note: str = Field(default="", sa_column_kwargs={"server_default": ""})


class Organisation(SQLModel, table=True):
    __tablename__ = "organisation"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    acronym: str | None = Field(default=None, index=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Contact(SQLModel, table=True):
    """A person who can receive mail; `roles` such as focal_point, lead, coordinator."""

    __tablename__ = "contact"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    email: str = Field(unique=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # An inactive contact is kept (history names them) but resolves no owner, reaches no one.
    active: bool = Field(default=True, sa_column_kwargs={"server_default": true()})


class DirectoryChange(SQLModel, table=True):
    """One change to the directory: what (`kind`, `entry_id`), how, by whom, before/after."""

    __tablename__ = "directory_change"

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # organisation, contact, group, import
    entry_id: int | None = Field(default=None, index=True)
    change: str  # added, edited, deactivated, reactivated, imported
    detail: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    author: str
    changed_at: dt.datetime = timestamp()


class ContactGroup(SQLModel, table=True):
    """A named set of contacts who can own an action ("WG members", "CPSS coordination team")."""

    __tablename__ = "contact_group"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class GroupMember(SQLModel, table=True):
    __tablename__ = "group_member"

    group_id: int = Field(foreign_key="contact_group.id", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", primary_key=True)


class ActionOwner(SQLModel, table=True):
    """One owner of an action as written, and what the directory resolved it to.

    Exactly one of contact_id, organisation_id, group_id is set when `kind` is
    "contact", "organisation" or "group"; none when `kind` is "unresolved".
    """

    __tablename__ = "action_owner"

    action_id: int = Field(foreign_key="action_point.id", primary_key=True)
    position: int = Field(primary_key=True)
    name: str
    kind: str = "unresolved"
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    group_id: int | None = Field(default=None, foreign_key="contact_group.id", index=True)
    how: str = ""
