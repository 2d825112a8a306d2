"""Re-measure the reliability table of issue 10: what a crash or a fault costs in mail.

    python bench/reliability.py            # ~3,000 actions, ~224 digests per run
    python bench/reliability.py --quick    # ~400 actions, ~40 digests, short stalls

Real `reminder` processes (`send digests`, `serve`) run against a fault-injecting SMTP
server on loopback (`tests/smtp_server.py`, aiosmtpd): processes are SIGKILLed by the
server at the Nth MAIL it sees, connections dropped after a message was accepted,
the DATA reply stalled beyond the client's timeout, and a run made with a forum
`reply_to` that is not an address, then fixed. Each scenario gets a fresh copy of a
register made by `bench/generate.py`, and what it should send is what
`send digests --dry-run` plans. Prints one row per scenario:

    scenario | expected | arrived (distinct) | duplicates | lost | same Message-ID

A notice is told apart by its envelope recipients (one digest per contact and week),
not by its Message-ID, so the last column says whether every mail that arrived twice
carried the same Message-ID both times. Asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
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

from tests.service.crashes import (  # noqa: E402
    Killer,
    Proc,
    base_env,
    by_recipient,
    planned,
    refuses_service_table,
)
from tests.smtp_server import SmtpTestServer, serving  # noqa: E402

PG_ADMIN = os.environ.get("REMINDER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
SEND_NOW = NOW.replace(hour=9).isoformat()  # the generator's "now": 20 July 2023
LEASE = 5  # seconds, where the configuration takes [service] lease_seconds
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
BAD_REPLY_TO = "coordination@example.org, chair@example.org"  # two addresses: no Reply-To
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


# -- the scenarios --------------------------------------------------------------------


def kill_send(bench: Bench, backend: str, percent: int) -> Row:
    with bench.scenario(backend, f"send{percent}") as run:
        started = time.monotonic()
        plan = bench.plan(run, SEND_NOW)
        killer = Killer(run.server, "MAIL", max(1, math.ceil(len(plan) * percent / 100)))
        proc = run.start("killed", "send", "digests", "--now", SEND_NOW)
        killer.procs.append(proc)
        proc.popen.wait(timeout=1800)
        run.notes.append(
            f"killed at MAIL {killer.number}: {'yes' if killer.fired.is_set() else 'no'}"
        )
        run.after_lease(killer)
        run.send(f"run again {time.monotonic() - killer.at:.1f} s after the kill")
        name = f"`kill -9` of `send digests` at {percent} %, then run again ({backend})"
        return run.row(name, plan, started)


def kill_leading_serve(bench: Bench, backend: str) -> Row:
    with bench.scenario(backend, "two-serve") as run:
        started = time.monotonic()
        plan = bench.plan(run, slot_now())
        killer = Killer(run.server, "MAIL", max(1, len(plan) // 2))
        procs = [run.start(f"serve{n}", "serve", "--tick", "1") for n in (1, 2)]
        killer.procs.extend(procs)
        try:
            run.notes.append(f"leader killed at MAIL {killer.number}: {killer.fired.wait(600)}")
            survivor = next(p for p in procs if p is not killer.victim)
            finish_serve(run, plan, survivor)
        finally:
            for proc in procs:
                proc.kill()
                proc.popen.wait(timeout=10)
        return run.row(
            f"`kill -9` of the leading `serve` halfway through a slot ({backend})", plan, started
        )


def restart_serve(bench: Bench, backend: str) -> Row:
    with bench.scenario(backend, "restart") as run:
        started = time.monotonic()
        plan = bench.plan(run, slot_now())
        killer = Killer(run.server, "MAIL", max(1, len(plan) // 2))
        first = run.start("serve1", "serve", "--tick", "1")
        killer.procs.append(first)
        procs = [first]
        try:
            run.notes.append(f"killed at MAIL {killer.number}: {killer.fired.wait(600)}")
            first.popen.wait(timeout=10)
            procs.append(again := run.start("serve2", "serve", "--tick", "1"))
            finish_serve(run, plan, again)
        finally:
            for proc in procs:
                proc.kill()
                proc.popen.wait(timeout=10)
        return run.row(
            f"a single `serve` killed mid-run, then restarted ({backend})", plan, started
        )


def finish_serve(run: Run, plan: frozenset[str], survivor: Proc) -> None:
    """Let `survivor` serve until the plan arrived (or a while after the lease), then read
    `status` and stop it."""
    limit = (LEASE if run.bench.lease else 0) + (20 if run.bench.quick else 60)
    complete = wait_for(
        lambda: len(plan & set(by_recipient(run.server.received))) == len(plan), limit
    )
    if complete:
        time.sleep(2)  # let the slot be recorded
    status = run.reminder("status")
    running = [
        " ".join(line.replace("│", " ").split())
        for line in status.splitlines()
        if "running" in line
    ]
    run.notes.append(f"status shows 'running': {'yes: ' + running[0] if running else 'no'}")
    survivor.stop()


def dropped_after_data(bench: Bench, backend: str) -> Row:
    with bench.scenario(backend, "drop") as run:
        started = time.monotonic()
        plan = bench.plan(run, SEND_NOW)
        run.server.keep_and_drop = set(range(6, len(plan) + 1, 6))
        run.notes.append(f"dropped after DATA {len(run.server.keep_and_drop)} times")
        run.send("run")
        run.send("run again")
        return run.row(
            f"connection dropped after the server accepted DATA ({backend})", plan, started
        )


def stalled_data(bench: Bench, backend: str) -> Row:
    with bench.scenario(backend, "stall") as run:
        started = time.monotonic()
        run.timeout = 5 if bench.quick else None  # the client's timeout; 30 s by default
        run.write_config()
        wait = (run.timeout or 30) + 5
        plan = bench.plan(run, SEND_NOW)
        run.server.stall_after_data = {len(plan) // 3: wait, 2 * len(plan) // 3: wait}
        run.send("run")
        run.send("run again")
        limit = run.timeout or 30
        name = f"a {wait} s stall before the DATA reply (client timeout {limit} s) ({backend})"
        return run.row(name, plan, started)


def bad_reply_to(bench: Bench, backend: str) -> Row:
    with bench.scenario(backend, "reply-to") as run:
        started = time.monotonic()
        plan = bench.plan(run, SEND_NOW)
        run.reply_to = BAD_REPLY_TO  # written straight into the configuration the run uses
        run.write_config()
        check = run.reminder("check-config", check=False)
        run.notes.append(f"check-config: {'refuses it' if 'reply_to' in check else 'accepts it'}")
        run.send("run with the bad reply_to")
        run.notes.append(f"arrived after it: {len(by_recipient(run.server.received))}")
        history = run.reminder("history", "--limit", "100000")
        outcomes = ("not sent", "failed permanently", "failed", "sent")
        for word in outcomes:
            if word in history:
                run.notes.append(f"history says {word!r}")
                break
        run.reply_to = None
        run.write_config()
        run.send("run again, fixed")
        return run.row(
            f"a forum `reply_to` that is not an address, then fixed ({backend})", plan, started
        )


# -- the table --------------------------------------------------------------------


def machine() -> list[str]:
    lines = [f"nproc: {os.cpu_count()}", f"python: {platform.python_version()}"]
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=10).stdout
        lines += [
            line
            for line in lscpu.splitlines()
            if line.split(":")[0] in ("Model name", "CPU(s)", "Thread(s) per core")
        ]
    except (OSError, subprocess.SubprocessError):
        pass
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True, text=True
    )
    lines.append(f"commit: {commit.stdout.strip()[:100]}")
    return lines


def print_table(rows: list[Row]) -> None:
    head = (
        "scenario",
        "expected",
        "arrived (distinct)",
        "duplicates",
        "lost",
        "same Message-ID for duplicates",
        "s",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for r in rows:
        cells = (
            r.scenario,
            r.expected,
            r.arrived,
            r.duplicates,
            r.lost,
            r.same_id,
            f"{r.seconds:.0f}",
        )
        print("| " + " | ".join(str(c) for c in cells) + " |")
    print()
    for r in rows:
        print(f"{r.scenario}:")
        for note in r.notes:
            print(f"    {note}")


def postgres_available() -> bool:
    try:
        psycopg.connect(PG_ADMIN, connect_timeout=5).close()
    except psycopg.OperationalError as exc:
        print(f"no PostgreSQL at {PG_ADMIN} ({exc}); its scenarios are left out", file=sys.stderr)
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="a small register (~40 digests), short stalls"
    )
    parser.add_argument(
        "--only", default="", help="run only the scenarios whose function name contains this"
    )
    args = parser.parse_args()
    backends = ["sqlite"] + (["postgresql"] if postgres_available() else [])
    # The two-instance scenario is the PostgreSQL deployment; SQLite stands in without one.
    shared = backends[-1]
    scenarios: list[tuple[Callable[..., Row], tuple[object, ...]]] = [
        *((kill_send, (b, p)) for b in backends for p in (10, 50, 90)),
        (kill_leading_serve, (shared,)),
        (restart_serve, ("sqlite",)),
        (dropped_after_data, ("sqlite",)),
        (stalled_data, ("sqlite",)),
        (bad_reply_to, ("sqlite",)),
    ]
    with tempfile.TemporaryDirectory(prefix="reliability-") as tmp:
        bench = Bench(Path(tmp), quick=args.quick)
        rows = []
        try:
            for function, params in scenarios:
                if args.only in function.__name__:
                    rows.append(function(bench, *params))
                    print(f"done: {rows[-1].scenario} ({rows[-1].seconds:.0f} s)", file=sys.stderr)
        finally:
            bench.drop_all()
    print("\n".join(machine()))
    lease = f"[service] lease_seconds = {LEASE}" if bench.lease else "built in (no [service])"
    print(f"lease: {lease}")
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
