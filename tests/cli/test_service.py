"""`reminder serve`, `status`, `check-config` and `meeting` as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.cli.test_app import reminder

ROOT = Path(__file__).parents[2]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def test_check_config_names_every_problem_with_its_file_and_key(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(
        '[rules.schedule]\ndigest = "someday 9am"\nreport_days = -1\n'
        '[forums.wg]\ncountry = "Atlantis"\n'
    )
    result = reminder("--config", str(config), "check-config", cwd=tmp_path)
    assert result.returncode == 1
    text = " ".join(result.stderr.split())
    assert f"{config}: rules.schedule.digest is 'someday 9am'; expected a time such as" in text
    assert f"{config}: rules.schedule.report_days must be a whole number from 0 to 30" in text
    assert "forums.'wg'.country: no public holidays known for 'Atlantis'" in text


def test_check_config_accepts_the_shipped_example(tmp_path: Path) -> None:
    result = reminder(
        "--config", str(ROOT / "config" / "reminder.toml"), "check-config", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "configuration OK" in result.stdout
    assert "forum 'CXB CPSS': Asia/Dhaka; works Mon, Tue, Wed, Thu, Sun" in " ".join(
        result.stdout.split()
    )


def test_a_meeting_set_in_the_register_shows_in_status(tmp_path: Path) -> None:
    config = ROOT / "config" / "reminder.toml"
    reminder(
        "--config",
        str(config),
        "import",
        str(ROOT / "examples" / "minutes" / "2023-06-19_cxb-cpss.md"),
        cwd=tmp_path,
    )
    next_year = datetime.now(UTC).year + 1
    result = reminder(
        "--config",
        str(config),
        "meeting",
        "set",
        "--forum",
        "CPSS",
        "--date",
        f"{next_year}-01-15",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    status = reminder("--config", str(config), "status", cwd=tmp_path)
    assert status.returncode == 0, status.stderr
    assert "CXB CPSS:report" in status.stdout and "never" in status.stdout


def test_status_says_when_a_run_died_with_its_instance(tmp_path: Path) -> None:
    from datetime import timedelta

    from reminder.ledger import leases, runs
    from reminder.register.engine import make_engine, migrate, transaction

    config = ROOT / "config" / "reminder.toml"
    reminder("--config", str(config), "import", str(ROOT / "examples" / "minutes"), cwd=tmp_path)
    engine = make_engine(f"sqlite:///{tmp_path / 'reminder.db'}")
    migrate(engine=engine)
    long_ago = datetime.now(UTC) - timedelta(hours=2)
    with transaction(engine) as session:
        for job, run_id, alive_at in (
            ("CXB CPSS:digest", "dead", long_ago),
            ("CXB CPSS:escalations", "alive", datetime.now(UTC)),
        ):
            runs.claim_slot(
                session=session,
                job=job,
                slot=long_ago,
                instance=f"host:{run_id}",
                run_id=run_id,
                now=long_ago,
                alive_at=alive_at,
            )
        leases.hold(session=session, run_id="alive", holder="host:alive", now=datetime.now(UTC))
    engine.dispose()
    status = reminder("--config", str(config), "status", cwd=tmp_path)
    assert status.returncode == 0, status.stderr
    text = " ".join(status.stdout.split())
    assert "stopped: its instance (host:dead) died mid-run" in text
    assert text.count("died mid-run") == 1  # the live one is just running


def test_serve_sends_what_is_due_to_the_outbox_and_stops_cleanly_on_sigint(
    tmp_path: Path,
) -> None:
    today = WEEKDAYS[datetime.now(UTC).weekday()]
    config = tmp_path / "reminder.toml"
    config.write_text(
        '[rules]\nworking_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
        f'[rules.schedule]\ndigest = "{today} 00:00"\nescalations = "off"\n'
        'pre_meeting = "off"\nreport = "off"\ncatch_up_hours = 48\n'
    )
    reminder(
        "--config",
        str(config),
        "directory",
        "import",
        str(ROOT / "examples" / "directory.csv"),
        cwd=tmp_path,
    )
    reminder(
        "--config",
        str(config),
        "import",
        *map(str, (ROOT / "examples" / "minutes").iterdir()),
        cwd=tmp_path,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMINDER_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reminder", "--config", str(config), "serve", "--tick", "1"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    outbox = tmp_path / "outbox"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (outbox / "index.html").exists():
        time.sleep(0.2)
    time.sleep(1)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err[-2000:]
    events = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert events[0]["event"] == "service started"
    assert events[-1]["event"] == "service stopped"
    finished = [e for e in events if e["event"] == "run finished"]
    assert sum(e["sent"] for e in finished) == len(list(outbox.glob("*.eml"))) > 0
