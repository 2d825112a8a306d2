"""The register of Redmine 5.0's reminder job, generated from its distributions (seed 42).

Redmine's `redmine:send_reminders` (7-day horizon) on 5,000 users and 100,000 issues, each
assigned to one user, due from today-30 to today+60, 70 % open: 4,987 users have open
issues overdue or due within the week, in 29,093 lines. Here each issue is an action point
owned by one contact (a named person, as an assignee is), with no meetings (so the
horizon is the 7 days alone) and the done ones closed more than 30 days ago (so no
digest lists them, as Redmine's does not). No Redmine is needed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from generate import NOW, THINGS, VERBS
from sqlalchemy import Engine, insert

from reminder.register.engine import make_engine, migrate
from reminder.register.models import (
    ActionOwner,
    ActionPoint,
    ActionWording,
    Contact,
    Organisation,
    StatusChange,
)

CONTACTS, ORGANISATIONS, FORUMS = 5_000, 500, 20
TODAY = NOW.date()
# Redmine's figures for the same work (its reminder job, measured when issue 13 was filed).
REDMINE = {"wall": 510.0, "cpu": 272.0, "peak": 432.0}


def same_work(url: str, *, actions: int = 100_000, seed: int = 42) -> Engine:
    """A migrated register at `url` with `actions` action points as described above."""
    rng = random.Random(seed)
    engine = make_engine(url)
    migrate(engine=engine)
    with engine.begin() as conn:
        conn.execute(
            insert(Organisation),
            [
                {"id": o, "name": f"Organisation {o}", "acronym": f"ORG{o}", "aliases": []}
                for o in range(1, ORGANISATIONS + 1)
            ],
        )
        conn.execute(
            insert(Contact),
            [
                {
                    "id": c,
                    "name": f"Contact {c}",
                    "email": f"contact{c}@org{c % ORGANISATIONS + 1}.example.org",
                    "organisation_id": c % ORGANISATIONS + 1,
                    "aliases": [],
                    "roles": [],
                }
                for c in range(1, CONTACTS + 1)
            ],
        )
        for start in range(1, actions + 1, 10_000):
            rows = [_action(a, rng) for a in range(start, min(start + 10_000, actions + 1))]
            conn.execute(insert(ActionPoint), [r[0] for r in rows])
            conn.execute(
                insert(ActionWording),
                [
                    {
                        "action_id": r[0]["id"],
                        "forum": r[0]["forum"],
                        "fingerprint": r[0]["fingerprint"],
                    }
                    for r in rows
                ],
            )
            conn.execute(insert(ActionOwner), [r[1] for r in rows])
            conn.execute(insert(StatusChange), [r[2] for r in rows])
    return engine


def _action(a: int, rng: random.Random) -> tuple[dict[str, object], ...]:
    contact = rng.randint(1, CONTACTS)
    due = TODAY + timedelta(days=rng.randint(-30, 60))
    status = "open" if rng.random() < 0.7 else "done"
    forum = f"Forum {a % FORUMS + 1}"
    action = {
        "id": a,
        "forum": forum,
        "fingerprint": f"fp{a}",
        "meeting_id": None,
        "text": f"Contact {contact} to {rng.choice(VERBS)} {rng.choice(THINGS)} (item {a})",
        "owners_raw": f"Contact {contact}",
        "owners": [f"Contact {contact}"],
        "supporting": [],
        "due_phrase": due.strftime("%d.%m.%y"),
        "due_date": due,
        "due_method": "explicit_date",
        "due_flags": [],
        "due_note": "",
        "status": status,
        "carried_over": False,
        "source_file": "generated.xlsx",
        "source_row": a,
        "created_at": NOW - timedelta(days=90),
        "updated_at": NOW - timedelta(days=45),
    }
    owner = {
        "action_id": a,
        "position": 0,
        "name": f"Contact {contact}",
        "kind": "contact",
        "contact_id": contact,
        "how": "name",
    }
    change = {
        "action_id": a,
        "old_status": None,
        "new_status": status,
        "changed_at": NOW - timedelta(days=90),
        "source": "generated",
    }
    return action, owner, change


def expected(actions: int = 100_000, seed: int = 42) -> tuple[int, int]:
    """(digests, item lines) the register should give: open and due by today+7."""
    rng = random.Random(seed)
    lines: dict[int, int] = {}
    for a in range(1, actions + 1):
        action, owner, _ = _action(a, rng)
        due = action["due_date"]
        assert isinstance(due, date)
        if action["status"] == "open" and due <= TODAY + timedelta(days=7):
            contact = int(str(owner["contact_id"]))
            lines[contact] = lines.get(contact, 0) + 1
    return len(lines), sum(lines.values())
