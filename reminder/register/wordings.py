"""An action's wordings: the fingerprint that identifies one, and every wording an
action was seen under (any of them finds it again)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from sqlmodel import Session, col, select

from reminder.register.matching import normalise
from reminder.register.models import ActionPoint, ActionWording

_BULLET = re.compile(r"^\s*(?:\d+[.)]|[-•·*])\s+")


def fingerprint(text: str) -> str:
    """A stable identity for an action's wording: case, spacing and punctuation ignored."""
    words = _BULLET.sub("", text, count=1)
    return hashlib.sha256(normalise(words).encode()).hexdigest()[:40]


def remember_wording(*, session: Session, action: ActionPoint, key: str) -> None:
    """Any wording an action was seen under finds it again, whatever wording stands."""
    assert action.id is not None
    # The wordings added in this session and not yet written: no flush per wording.
    added: set[tuple[str, str]] = session.info.setdefault("wordings added", set())
    if key == action.fingerprint or (action.forum, key) in added:
        return
    query = select(ActionWording).where(ActionWording.forum == action.forum)
    with session.no_autoflush:  # the actions' pending changes do not bear on it
        held = session.exec(query.where(ActionWording.fingerprint == key)).first()
    if held is None:
        session.add(ActionWording(action_id=action.id, forum=action.forum, fingerprint=key))
        added.add((action.forum, key))


def worded(*, session: Session, forum: str, keys: Sequence[str]) -> dict[str, int]:
    """The action each wording (fingerprint) of `forum` finds, one query per 500; a
    merged action's wording finds the action it was merged into."""
    wanted = sorted(set(keys))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        query = select(ActionWording.fingerprint, ActionWording.action_id).where(
            ActionWording.forum == forum,
            col(ActionWording.fingerprint).in_(wanted[start : start + 500]),
        )
        found.update(dict(session.exec(query).all()))
    return {key: _forward(session, action_id) for key, action_id in found.items()}


def _forward(session: Session, action_id: int) -> int:
    for _ in range(10):
        action = session.get(ActionPoint, action_id)
        if action is None or action.merged_into is None:
            break
        action_id = action.merged_into
    return action_id
