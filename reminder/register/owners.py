"""The resolved owners of an action: its owner names as the directory resolves them."""

from __future__ import annotations

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

    With `rows`, the owners are written when the import ends; a `new` action has none yet.
    """
    assert action.id is not None
    if rows is not None and action.id in rows.owners:
        new = True  # its owners are not written yet: replace them where they wait
    if not new:
        session.exec(delete(ActionOwner).where(col(ActionOwner.action_id) == action.id))
    owners = []
    for position, name in enumerate(action.owners):
        found = directory.resolve(name)
        owners.append(
            {
                "action_id": action.id,
                "position": position,
                "name": name,
                "kind": found.kind,
                "how": found.how,
                "contact_id": found.id if found.kind == "contact" else None,
                "organisation_id": found.id if found.kind == "organisation" else None,
                "group_id": found.id if found.kind == "group" else None,
            }
        )
    if rows is not None and new:
        rows.owners[action.id] = owners
    else:
        session.add_all([ActionOwner.model_validate(owner) for owner in owners])
