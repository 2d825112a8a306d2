"""The machinery of `reliability.py`: registers to copy, one scenario's run and its row.

A `Bench` holds the filled template registers (a SQLite file, a PostgreSQL template
database made by `generate.py`) and what a dry run plans on them; a `Run` is one
scenario: a fresh copy of the register, a configuration, the fault-injecting server
(`tests/smtp_server.py`) and the `reminder` commands run against them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import psycopg  # noqa: E402
from generate import NOW, Size, generate  # noqa: E402

from tests.service.crashes import base_env, by_recipient, planned, refuses_service_table  # noqa: E402
from tests.service.killing import Killer, Proc  # noqa: E402
from tests.smtp_server import SmtpTestServer, serving  # noqa: E402

PG_ADMIN = os.environ.get("REMINDER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
SEND_NOW = NOW.replace(hour=9).isoformat()  # the generator's "now": 20 July 2023
LEASE = 5  # seconds, where the configuration takes [service] lease_seconds
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SIZES = {
    # One forum: a digest covers all its contact's forums, so with several forums the slot
    # of another forum would plan (and send) what a killed slot left, hiding the loss.
    "full": Size(actions=3_000, organisations=112, contacts=224, forums=1),
    "quick": Size(actions=400, organisations=20, contacts=40, forums=1),
}


@dataclass
class Row:
    scenario: str
    expected: int
    arrived: int
    duplicates: int
    lost: int
    same_id: str
    seconds: float
    notes: list[str] = field(default_factory=list)


@dataclass
class Bench:
    folder: Path
    quick: bool
    lease: bool = True  # found out on the first run
    templates: dict[str, str] = field(default_factory=dict)
    plans: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    databases: list[str] = field(default_factory=list)

    # -- registers ------------------------------------------------------------------

    def template(self, backend: str) -> str:
        """A filled register for `backend` (a SQLite file or a PostgreSQL database)."""
        if backend not in self.templates:
            size = SIZES["quick" if self.quick else "full"]
            if backend == "sqlite":
                path = self.folder / "template.db"
                generate(f"sqlite:///{path}", size).dispose()
                self.templates[backend] = str(path)
            else:
                name = self.create_database()
                generate(pg_url(name), size).dispose()
                self.templates[backend] = name
        return self.templates[backend]

    def create_database(self, template: str | None = None) -> str:
        name = f"reliability_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(
                f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
            )
        self.databases.append(name)
        return name

    def fresh(self, backend: str, folder: Path) -> str:
        """A fresh copy of the template register: its URL."""
        source = self.template(backend)
        if backend == "sqlite":
            shutil.copyfile(source, folder / "register.db")
            return f"sqlite:///{folder / 'register.db'}"
        return pg_url(self.create_database(template=source))

    def drop_all(self) -> None:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            for name in reversed(self.databases):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    # -- one scenario ---------------------------------------------------------------

    @contextmanager
    def scenario(self, backend: str, name: str) -> Iterator[Run]:
        folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.folder))
        url = self.fresh(backend, folder)
        with serving() as server:
            run = Run(self, backend, folder, url, server)
            run.write_config()
            yield run
            server.on_command = None

    def plan(self, run: Run, now: str) -> frozenset[str]:
        """The recipients `send digests --dry-run --now NOW` lists (once per backend)."""
        if (run.backend, now) not in self.plans:
            out = run.reminder("send", "digests", "--dry-run", "--now", now)
            count, recipients = planned(out)
            if count != len(recipients):
                raise SystemExit(f"dry run planned {count}, listed {len(recipients)}:\n{out}")
            self.plans[run.backend, now] = frozenset(recipients)
        return self.plans[run.backend, now]


@dataclass
class Run:
    bench: Bench
    backend: str
    folder: Path
    url: str
    server: SmtpTestServer
    reply_to: str | None = None
    timeout: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return base_env(
            REMINDER_DATABASE_URL=self.url,
            REMINDER_CONFIG=str(self.folder / "reminder.toml"),
            REMINDER_SMTP_HOST=self.server.host,
            REMINDER_SMTP_PORT=str(self.server.port),
            REMINDER_SMTP_SECURITY="none",
        )

    def write_config(self) -> None:
        today = WEEKDAYS[datetime.now(UTC).weekday()]
        (self.folder / "reminder.toml").write_text(
            '[mail]\nsender = "Reminders <reminders@example.org>"\n'
            "[smtp]\nrate_per_minute = 6000\n"
            + (f"timeout = {self.timeout}\n" if self.timeout else "")
            + '[rules]\ntimezone = "UTC"\n'
            'working_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
            + (f'reply_to = "{self.reply_to}"\n' if self.reply_to else "")
            + f'[rules.schedule]\ndigest = "{today} 00:00"\nescalations = "off"\n'
            'pre_meeting = "off"\nreport = "off"\ncatch_up_hours = 48\n'
            + (f"[service]\nlease_seconds = {LEASE}\n" if self.bench.lease else "")
        )

    def reminder(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "reminder", *args],
            env=self.env, cwd=self.folder, capture_output=True, text=True, timeout=1800,
        )  # fmt: skip
        text = result.stdout + result.stderr
        if result.returncode != 0 and self.bench.lease and refuses_service_table(text):
            self.bench.lease = False  # this version has no [service] table: built-in lease
            self.write_config()
            return self.reminder(*args, check=check)
        if check and result.returncode not in (0, 1):
            raise SystemExit(f"reminder {' '.join(args)} exited {result.returncode}:\n{text}")
        return text

    def send(self, label: str) -> str:
        out = self.reminder("send", "digests", "--now", SEND_NOW)
        self.note(label, out)
        return out

    def note(self, label: str, out: str) -> None:
        summary = [line.strip() for line in out.splitlines() if "planned" in line]
        self.notes.append(f"{label}: {summary[-1] if summary else out.strip()[-300:]}")

    def start(self, name: str, *args: str) -> Proc:
        return Proc.start(name, *args, env=self.env, folder=self.folder)

    def after_lease(self, killer: Killer) -> None:
        """Wait until the killed run's lease lapsed, where it is configurable (else the
        built-in lease, far longer: the run goes again at once)."""
        if self.bench.lease:
            time.sleep(max(0.0, killer.at + LEASE + 0.5 - time.monotonic()))

    def row(self, scenario: str, plan: frozenset[str], started: float) -> Row:
        groups = by_recipient(self.server.received)
        arrived = len(plan & set(groups))
        twice = [mids for rcpt, mids in groups.items() if len(mids) > 1]
        duplicates = sum(len(mids) - 1 for mids in groups.values())
        same = "yes" if all(len(set(m)) == 1 for m in twice) else "no"
        return Row(
            scenario,
            len(plan),
            arrived,
            duplicates,
            len(plan) - arrived,
            same if twice else "-",
            time.monotonic() - started,
            self.notes,
        )


def pg_url(name: str) -> str:
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}/{name}"


def slot_now() -> str:
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0).isoformat()


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not condition():
        time.sleep(0.25)
    return condition()
