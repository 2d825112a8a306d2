"""An action's wordings: the fingerprint that identifies one, and every wording an
action was seen under (any of them finds it again)."""

from __future__ import annotations

import hashlib
import re

from sqlmodel import Session, select

from reminder.register.matching import normalise
from reminder.register.models import ActionPoint, ActionWording


def fingerprint(text: str) -> str:
    """A stable identity for an action's wording: case, spacing and punctuation ignored."""
    words = re.sub(r"^\s*(?:\d+[.)]|[-•·*])\s+", "", text)
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
