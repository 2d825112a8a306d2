"""Two `reminder serve` processes against one PostgreSQL database send each mail once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reminder.config.load import load_settings
from reminder.register.engine import make_engine, migrate
from reminder.service import imports as import_service
from tests.smtp_server import serving

ROOT = Path(__file__).parents[2]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# Every contact owning an open item. Waiting stops once they all have mail and nothing
# more came for 5 s (a busy machine can pause longer than that between two batches).
EXPECTED = 16


@pytest.mark.postgres
def test_two_service_processes_send_every_digest_exactly_once(
    postgres_url: str, tmp_path: Path
) -> None:
    engine = make_engine(postgres_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    migrate(engine=engine)
    now = datetime.now(UTC)
    # A digest slot earlier today (UTC), inside the catch-up window: due at once on start.
    config = tmp_path / "reminder.toml"
    config.write_text(
        '[mail]\nsender = "Reminders <reminders@example.org>"\n'
        '[rules]\ntimezone = "UTC"\n'
        'working_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
        "[rules.schedule]\n"
        f'digest = "{WEEKDAYS[now.weekday()]} 00:00"\n'
        'escalations = "off"\npre_meeting = "off"\nreport = "off"\ncatch_up_hours = 48\n'
    )
    settings = load_settings(config_path=config, environ={"REMINDER_DATABASE_URL": postgres_url})
    import_service.import_contacts(engine=engine, path=ROOT / "examples" / "directory.csv")
    import_service.import_files(
        engine=engine,
        paths=sorted((ROOT / "examples" / "minutes").iterdir()),
        settings=settings,
        now=now,
        today=now.date(),
    )
    engine.dispose()
    with serving() as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("REMINDER_")}
        env.update(
            REMINDER_DATABASE_URL=postgres_url,
            REMINDER_CONFIG=str(config),
            REMINDER_SMTP_HOST=server.host,
            REMINDER_SMTP_PORT=str(server.port),
            REMINDER_SMTP_SECURITY="none",
            REMINDER_SMTP_PASSWORD="never-logged",
        )
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "reminder", "serve", "--tick", "1"],
                env=env,
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        try:
            deadline = time.monotonic() + 60
            last, stable_since = -1, time.monotonic()
            while time.monotonic() < deadline:
                count = len(server.received)
                if count != last:
                    last, stable_since = count, time.monotonic()
                elif count >= EXPECTED and time.monotonic() - stable_since > 5:
                    break  # all sent, and 5 s with no duplicate
                time.sleep(0.2)
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            outputs = [proc.communicate(timeout=30) for proc in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-2000:]
        assert "never-logged" not in err
    recipients = Counter(r for mail in server.received for r in mail.rcpt_tos)
    assert recipients, "no digest was sent"
    assert max(recipients.values()) == 1, f"sent twice: {recipients.most_common(3)}"
    assert len(recipients) == EXPECTED  # every contact owning an open item, once
    logs = "".join(err for _, err in outputs)
    assert '"event": "run finished"' in logs and '"event": "service stopped"' in logs
