"""What the crash tests share: a small register, real `reminder` processes, a killer.

Everything goes through the command line and the SMTP server of `tests/smtp_server.py`:
the register is built with `reminder directory import` and `reminder import` of a
generated CSV tracker, the plan is read from `reminder send digests --dry-run`, and the
outcome from what arrived at the server and from `reminder status` / `history`. Nothing
here reads the ledger's tables, so the tests hold whatever the core does inside.

The processes and the server's killer are in `killing`.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from tests.conftest import PG_ADMIN
from tests.smtp_server import Received

ORGANISATIONS = 30  # one focal point each: 30 digests
SEND_NOW = "2023-08-10T09:00:00+00:00"  # a Thursday: every dated item overdue
LEASE_SECONDS = 3  # the lease a test run holds, where the configuration knows the key
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.example\.org")  # not the sender's
# A notice's states that must not be left once the run that took over is done.
UNFINISHED = ("claimed", "sending", "unknown", "running")


# -- the register ---------------------------------------------------------------------


def write_inputs(folder: Path, organisations: int = ORGANISATIONS) -> tuple[Path, Path]:
    """A contact directory and a CSV tracker: one focal point and two open items per
    organisation (one overdue, one without a date), all from a meeting of 19 June 2023."""
    directory, tracker = folder / "directory.csv", folder / "tracker.csv"
    with directory.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "email", "organisation", "role", "aliases"])
        for k in range(1, organisations + 1):
            org = f"Organisation {k} (ORG{k})"
            w.writerow([f"Person {k}", f"fp{k}@org{k}.example.org", org, "focal point", ""])
    with tracker.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["#", "Date of meeting", "Action point(s)", "Responsible agency", "By when"])
        for k in range(1, organisations + 1):
            w.writerow(
                [2 * k - 1, "19/06/2023", f"Share referral pathway {k}", f"ORG{k}", "31/07/2023"]
            )
            w.writerow([2 * k, "19/06/2023", f"Nominate a focal point {k}", f"ORG{k}", "TBD"])
    return directory, tracker


def write_config(path: Path, *, lease: bool, concurrency: int = 1) -> Path:
    """The configuration of a test run: every day a working day in UTC, a digest slot at
    00:00 today (due at once for `serve`, inside the catch-up window), the other kinds
    off, no rate limit to speak of, and a short lease where the configuration has one."""
    today = WEEKDAYS[datetime.now(UTC).weekday()]
    path.write_text(
        '[mail]\nsender = "Reminders <reminders@example.org>"\n'
        f"[smtp]\nconcurrency = {concurrency}\nrate_per_minute = 100000\n"
        '[rules]\ntimezone = "UTC"\n'
        'working_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
        f'[rules.schedule]\ndigest = "{today} 00:00"\nescalations = "off"\n'
        'pre_meeting = "off"\nreport = "off"\ncatch_up_hours = 48\n'
        + (f"[service]\nlease_seconds = {LEASE_SECONDS}\n" if lease else "")
    )
    return path


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMINDER_")}
    env.update(COLUMNS="300", PYTHONUNBUFFERED="1", **extra)
    return env


def reminder(
    *args: str, env: dict[str, str], cwd: Path, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reminder", *args],
        env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def refuses_service_table(output: str) -> bool:
    """Whether a command refused the configuration for its `[service]` table."""
    return "service is not a known setting" in " ".join(output.split())


def planned(output: str) -> tuple[int, set[str]]:
    """The planned count and the addresses a `send digests --dry-run` lists."""
    found = re.search(r"planned (\d+)", output)
    assert found, output
    return int(found.group(1)), set(ADDRESS.findall(output))


@dataclass(frozen=True)
class Template:
    """A filled register to copy, and what a run plans on it."""

    backend: str
    source: str  # a SQLite file, or a PostgreSQL database to use as a template
    # The recipients `send digests --dry-run --now SEND_NOW` lists. Every item is overdue
    # at that instant and today, so today's 00:00 slot of `serve` plans the same digests.
    plan: frozenset[str]
    lease: bool  # whether the configuration takes [service] lease_seconds


def build_template(backend: str, folder: Path) -> Template:
    """A register filled through the command line; tells whether this version reads
    `[service] lease_seconds` (today's main refuses the unknown table: the tests then
    run on the built-in lease)."""
    folder.mkdir(parents=True, exist_ok=True)
    if backend == "sqlite":
        source = str(folder / "template.db")
        url = f"sqlite:///{source}"
    else:
        source = f"crash_tpl_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{source}"')
        url = pg_url(source)
    config, lease = folder / "reminder.toml", True
    env = base_env(REMINDER_DATABASE_URL=url, REMINDER_CONFIG=str(config))
    directory, tracker = write_inputs(folder)
    write_config(config, lease=True)
    result = reminder("directory", "import", str(directory), env=env, cwd=folder)
    if result.returncode != 0 and refuses_service_table(result.stdout + result.stderr):
        write_config(config, lease=(lease := False))
        result = reminder("directory", "import", str(directory), env=env, cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    result = reminder("import", str(tracker), env=env, cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    result = reminder("send", "digests", "--dry-run", "--now", SEND_NOW, env=env, cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    count, recipients = planned(result.stdout)
    assert count == len(recipients) == ORGANISATIONS, result.stdout
    return Template(backend, source, frozenset(recipients), lease)


def pg_url(name: str) -> str:
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}/{name}"


def copy_register(template: Template, folder: Path) -> tuple[str, str | None]:
    """A fresh copy of the template's register: its URL, and the PostgreSQL database to
    drop afterwards (None for SQLite)."""
    if template.backend == "sqlite":
        target = folder / "register.db"
        shutil.copyfile(template.source, target)
        return f"sqlite:///{target}", None
    name = f"crash_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template.source}"')
    return pg_url(name), name


def drop_database(name: str) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- what arrived -----------------------------------------------------------------


def by_recipient(received: Sequence[Received]) -> dict[str, list[str]]:
    """Message-IDs that arrived, per envelope recipient list (one digest per contact)."""
    out: dict[str, list[str]] = defaultdict(list)
    for mail in received:
        out[",".join(mail.rcpt_tos)].append(str(mail.message()["Message-ID"]))
    return dict(out)


def distinct_ids(received: Sequence[Received]) -> int:
    return len({mid for mids in by_recipient(received).values() for mid in mids})


def in_flight(history: str) -> set[str]:
    """The recipients of the notices `history` shows as "sending": handed to the mailer,
    no outcome committed (a run commits its outcomes a few at a time)."""
    return {
        ",".join(ADDRESS.findall(line))
        for line in history.splitlines()
        if "sending" in line and ADDRESS.search(line)
    }


def check_arrivals(
    received: Sequence[Received],
    *,
    plan: frozenset[str],
    window: Sequence[Received],
    in_flight: Collection[str] = (),
) -> None:
    """Every planned digest arrived; only those in the unknown-outcome `window`, or whose
    outcome the killed run had not committed (`in_flight`), arrived more than once, and
    then always with the same Message-ID."""
    groups = by_recipient(received)
    lost = sorted(plan - set(groups))
    assert not lost, f"{len(lost)} of {len(plan)} planned digests never arrived: {lost[:5]}"
    assert set(groups) == plan, f"unplanned mail: {sorted(set(groups) - plan)}"
    assert distinct_ids(received) == len(plan)
    changed = {rcpt: mids for rcpt, mids in groups.items() if len(set(mids)) > 1}
    assert not changed, f"sent again under another Message-ID: {changed}"
    twice = {rcpt for rcpt, mids in groups.items() if len(mids) > 1}
    in_window = {",".join(mail.rcpt_tos) for mail in window} | set(in_flight)
    assert twice <= in_window, (
        f"sent twice outside the unknown-outcome window: {sorted(twice - in_window)} "
        f"(window: {sorted(in_window)})"
    )


def unfinished(output: str) -> list[str]:
    """Lines of `status` / `history` output that show a run or a notice not finished."""
    return [line for line in output.splitlines() if any(w in line for w in UNFINISHED)]
