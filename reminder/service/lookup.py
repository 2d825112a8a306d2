"""Reading the register for a command: the actions a filter selects.

Apart from `service.imports` so that listing the register loads no reader (a short
command such as `reminder actions` starts without the readers and their libraries).
"""

from __future__ import annotations

from sqlalchemy import Engine

from reminder.register.engine import transaction
from reminder.register.queries import ActionFilter, ActionView, list_actions


def find_actions(*, engine: Engine, filters: ActionFilter) -> list[ActionView]:
    """The actions `filters` selects, as views (one read-only transaction)."""
    with transaction(engine) as session:
        return list_actions(session=session, filters=filters)
