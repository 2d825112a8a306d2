"""The resolved owners of an action: its owner names as the directory resolves them."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, delete

from reminder.register.bulk import Rows
from reminder.register.matching import Directory
from reminder.register.models import ActionOwner, ActionPoint


def set_owners(
    *,
    session: Session,
    action: ActionPoint,
    directory: Directory,
    rows: Rows | None = None,
    new: bool = False,
) -> None:
    """Replace the resolved owners of `action` by resolving its owner names afresh.

    With `rows`, the owners are written when its rows are inserted; a `new` action has none yet.
    """
    assert action.id is not None
    if rows is not None and action.id in rows.owners:
        new = True  # its owners are not written yet: replace them where they wait
    if not new:
        session.exec(delete(ActionOwner).where(col(ActionOwner.action_id) == action.id))
    owners = [
        {"action_id": action.id, **row}
        for row in owner_rows(names=action.owners, directory=directory)
    ]
    if rows is not None and new:
        rows.owners[action.id] = owners
    else:
        session.add_all([ActionOwner.model_validate(owner) for owner in owners])


def owner_rows(*, names: list[str], directory: Directory) -> list[dict[str, Any]]:
    """The `ActionOwner` columns (all but `action_id`) of owner `names`, as resolved."""
    rows = []
    for position, name in enumerate(names):
        found = directory.resolve(name)
        rows.append(
            {
                "position": position,
                "name": name,
                "kind": found.kind,
                "how": found.how,
                "contact_id": found.id if found.kind == "contact" else None,
                "organisation_id": found.id if found.kind == "organisation" else None,
                "group_id": found.id if found.kind == "group" else None,
            }
        )
    return rows
