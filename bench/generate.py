"""Generate a synthetic register for the benchmarks (bulk inserts, deterministic)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert

from reminder.register.engine import make_engine, migrate
from reminder.register.models import (
    ActionOwner,
    ActionPoint,
    ActionWording,
    Contact,
    ContactGroup,
    GroupMember,
    Meeting,
    Organisation,
    StatusChange,
)


@dataclass(frozen=True)
class Size:
    actions: int
    organisations: int
    contacts: int
    forums: int = 20


SIZES = {
    "small": Size(actions=5_000, organisations=200, contacts=500, forums=5),
    "full": Size(actions=100_000, organisations=2_000, contacts=5_000, forums=20),
}
VERBS = ("share", "finalise", "circulate", "update", "nominate", "review", "present")
THINGS = (
    "the referral pathway",
    "the 5W report",
    "the PSS curriculum",
    "key messages",
    "the SOP on case management",
    "the monitoring dashboard",
    "focal point lists",
)
NOW = datetime(2023, 7, 20, 3, 0, tzinfo=UTC)


def generate(url: str, size: Size, *, seed: int = 7) -> Engine:
    """A migrated register at `url` filled with `size` rows; returns its engine."""
    rng = random.Random(seed)
    engine = make_engine(url)
    migrate(engine=engine)
    with engine.begin() as conn:
        conn.execute(
            insert(Organisation),
            [
                {"id": o, "name": f"Organisation {o}", "acronym": f"ORG{o}", "aliases": []}
                for o in range(1, size.organisations + 1)
            ],
        )
        conn.execute(
            insert(Contact),
            [
                {
                    "id": c,
                    "name": f"Contact {c}",
                    "email": f"contact{c}@org{_org(c, size)}.example.org",
                    "organisation_id": _org(c, size),
                    "aliases": [],
                    # No focal point marked: an organisation reaches all its contacts,
                    # so every contact gets a digest (5,000 at the full size).
                    "roles": ["lead"] if c % 7 == 0 else [],
                }
                for c in range(1, size.contacts + 1)
            ],
        )
        conn.execute(insert(ContactGroup), [{"id": 1, "name": "WG members", "aliases": []}])
        conn.execute(
            insert(GroupMember),
            [{"group_id": 1, "contact_id": c} for c in range(1, min(size.contacts, 50) + 1)],
        )
        conn.execute(
            insert(Meeting),
            [
                {
                    "id": f,
                    "forum": f"Forum {f}",
                    "date": date(2023, 6, 19),
                    "next_meeting_date": date(2023, 7, 24) + timedelta(days=f % 5),
                    "title": f"Forum {f} monthly meeting",
                    "source_file": "generated",
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for f in range(1, size.forums + 1)
            ],
        )
        for start in range(1, size.actions + 1, 10_000):
            ids = range(start, min(start + 10_000, size.actions + 1))
            actions, owners, history = [], [], []
            for a in ids:
                org = rng.randint(1, size.organisations)
                due = date(2023, 7, 20) + timedelta(days=rng.randint(-60, 40))
                status = rng.choice(("open", "open", "open", "in_progress", "done"))
                actions.append(
                    {
                        "id": a,
                        "forum": f"Forum {a % size.forums + 1}",
                        "fingerprint": f"fp{a}",
                        "meeting_id": a % size.forums + 1,
                        "text": f"ORG{org} to {rng.choice(VERBS)} {rng.choice(THINGS)} (item {a})",
                        "owners_raw": f"ORG{org}",
                        "owners": [f"ORG{org}"],
                        "supporting": [],
                        "due_phrase": due.strftime("%d.%m.%y") if a % 9 else "TBD",
                        "due_date": due if a % 9 else None,
                        "due_method": "explicit_date",
                        "due_flags": [],
                        "due_note": "",
                        "status": status,
                        "carried_over": False,
                        "source_file": "generated.xlsx",
                        "source_row": a,
                        "created_at": NOW - timedelta(days=40),
                        "updated_at": NOW - timedelta(days=5),
                    }
                )
                owners.append(
                    {
                        "action_id": a,
                        "position": 0,
                        "name": f"ORG{org}",
                        "kind": "organisation",
                        "organisation_id": org,
                        "how": "acronym",
                    }
                )
                history.append(
                    {
                        "action_id": a,
                        "old_status": None,
                        "new_status": status,
                        "changed_at": NOW - timedelta(days=40),
                        "source": "generated",
                    }
                )
            conn.execute(insert(ActionPoint), actions)
            wordings = [
                {"action_id": a["id"], "forum": a["forum"], "fingerprint": a["fingerprint"]}
                for a in actions
            ]
            conn.execute(insert(ActionWording), wordings)
            conn.execute(insert(ActionOwner), owners)
            conn.execute(insert(StatusChange), history)
    return engine


def _org(contact: int, size: Size) -> int:
    return (contact - 1) % size.organisations + 1
