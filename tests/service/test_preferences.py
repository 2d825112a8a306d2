"""Planning leaves out whoever unsubscribed, paused or switched a kind of mail off."""

from __future__ import annotations

from datetime import date

from jinja2 import Environment
from sqlalchemy import Engine

from reminder.config.settings import Settings
from reminder.delivery.fake import MemoryMailer
from reminder.planning.notices import Kind
from reminder.register.answers import set_preferences
from reminder.register.engine import transaction
from tests.service.test_notify import NOW, env, register, run, settings

__all__ = ["env", "register", "settings"]


def test_unsubscribed_paused_and_switched_off_contacts_get_nothing_of_that_kind(
    register: Engine, settings: Settings, env: Environment
) -> None:
    before = run(register, settings, env, MemoryMailer(), Kind.DIGEST, dry_run=True)
    people = sorted({p.email.lower() for n, _ in before.previews for p in n.to})
    assert len(people) >= 3
    gone, paused, no_digest = people[:3]
    with transaction(register) as session:
        set_preferences(session=session, email=gone, kinds_off=[], paused_until=None, now=NOW,
                        unsubscribe=True)  # fmt: skip
        set_preferences(session=session, email=paused, kinds_off=[],
                        paused_until=date(2023, 7, 31), now=NOW)  # fmt: skip
        set_preferences(session=session, email=no_digest, kinds_off=["digest"],
                        paused_until=None, now=NOW)  # fmt: skip
    dry = run(register, settings, env, MemoryMailer(), Kind.DIGEST, dry_run=True, run_id="d")
    planned_to = {p.email.lower() for n, _ in dry.previews for p in n.to}
    assert planned_to.isdisjoint({gone, paused, no_digest})
    assert dry.planned == len(people) - 3 == before.planned - 3
    mailer = MemoryMailer()
    run(register, settings, env, mailer, Kind.DIGEST, run_id="real")
    assert {r.lower() for m in mailer.sent for r in m.recipients}.isdisjoint({gone, paused})
