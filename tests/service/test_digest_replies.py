"""Digests name each forum's coordinator, by name and address, as whom to answer."""

from __future__ import annotations

import email
import email.policy

from jinja2 import Environment
from sqlalchemy import Engine

from reminder.config.settings import Settings
from reminder.delivery.fake import MemoryMailer
from reminder.planning.notices import Kind
from reminder.service import plan as service_plan
from tests.service.test_notify import NOW, env, register, run, settings

__all__ = ["env", "register", "settings"]  # fixtures


def test_every_digest_names_the_coordinator_of_each_of_its_forums(
    register: Engine, settings: Settings, env: Environment
) -> None:
    notices = service_plan.plan_notices(
        engine=register, settings=settings, kind=Kind.DIGEST, now=NOW
    )
    assert notices
    for _rules, notice in notices:
        forums = {i.forum for s in notice.sections for i in s.items}
        named = {forum for forum, _person in notice.coordinators}
        configured = {f for f in forums if settings.forum(f).coordinators}
        assert named == configured, notice.key
    mailer = MemoryMailer()
    run(register, settings, env, mailer, Kind.DIGEST)
    mail = next(m for m in mailer.sent if "CXB CPSS" in m.subject)
    parsed = email.message_from_bytes(mail.message.as_bytes(), policy=email.policy.strict)
    assert parsed["Reply-To"]
    text = " ".join(parsed.get_body(("plain",)).get_content().split())  # type: ignore[union-attr]
    assert "tarek.akkad@cpss.example.org" in text
