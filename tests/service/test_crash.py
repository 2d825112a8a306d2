"""Crash safety, end to end: real `reminder` processes killed with SIGKILL mid-work.

A `send digests` or a `serve` process is killed by the SMTP server itself (see
`killing.Killer`) at a chosen point: before the first mail of a batch, in the middle of
one, between the server's acceptance of a message and the ledger write (the server
has the mail, the client never learns it), and after a batch. Then a new run, the
other instance or a restarted one finishes, and what arrived at the server must be
the plan, each digest once, except those in the unknown-outcome window and those
whose outcome the killed run had not yet committed (it commits RECORD_EVERY at a time;
the ledger still shows them "sending" once it is dead), which may arrive twice but
always under the same Message-ID; and neither `status` nor `history`
may show anything left running or claimed. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from reminder.service.notify import RECORD_EVERY
from tests.service import crashes, killing
from tests.service.crashes import LEASE_SECONDS, Template
from tests.service.killing import Killer, Proc
from tests.smtp_server import SmtpTestServer, serving


class Templates:
    """One filled register per backend for the whole session, copied for each test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[str, Template] = {}

    def get(self, backends: list[str]) -> list[Template]:
        missing = [b for b in backends if b not in self.built]
        with ThreadPoolExecutor(max(1, len(missing))) as pool:
            for backend, template in zip(
                missing,
                pool.map(lambda b: crashes.build_template(b, self.folder / b), missing),
                strict=True,
            ):
                self.built[backend] = template
        return [self.built[b] for b in backends]


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    built = Templates(tmp_path_factory.mktemp("crash"))
    yield built
    for template in built.built.values():
        if template.backend == "postgresql":
            crashes.drop_database(template.source)


@dataclass
class Setup:
    template: Template
    folder: Path
    env: dict[str, str]
    server: SmtpTestServer

    def reminder(self, *args: str) -> str:
        result = crashes.reminder(*args, env=self.env, cwd=self.folder)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def start(self, name: str, *args: str) -> Proc:
        return Proc.start(name, *args, env=self.env, folder=self.folder)

    def killer(self, command: str, number: int) -> Killer:
        """A killer that also reads the ledger (`history`) once its victim is dead."""

        def history() -> str:
            done = crashes.reminder("history", "--limit", "1000", env=self.env, cwd=self.folder)
            return done.stdout + done.stderr

        return Killer(self.server, command, number, snapshot=history)

    def check(self, killer: Killer, plan: frozenset[str]) -> None:
        """What arrived, allowing twice what the kill left unknown or uncommitted."""
        flight = crashes.in_flight(killer.after)
        crashes.check_arrivals(
            self.server.received, plan=plan, window=killer.window, in_flight=flight
        )
        groups = crashes.by_recipient(self.server.received)
        unknown = {",".join(mail.rcpt_tos) for mail in killer.window}
        again = {rcpt for rcpt, ids in groups.items() if len(ids) > 1} - unknown
        assert len(again) <= RECORD_EVERY, sorted(again)  # at most one commit's worth

    def wait_out_the_lease(self, killer: Killer) -> None:
        """Until the killed run's lease has lapsed (at once where no lease is configurable:
        today's built-in lease is far longer than a test)."""
        if self.template.lease:
            time.sleep(max(0.0, killer.at + LEASE_SECONDS + 0.5 - time.monotonic()))


@dataclass
class Both:
    """The same scenario on SQLite and on PostgreSQL, run side by side (two cores)."""

    setups: list[Setup]
    postgres_missing: str | None

    def run(self, scenario: Callable[[Setup], None]) -> None:
        with ThreadPoolExecutor(len(self.setups)) as pool:
            futures = [(s.template.backend, pool.submit(scenario, s)) for s in self.setups]
            errors = []
            for backend, future in futures:
                error = future.exception()
                if error is not None:
                    error.add_note(f"on {backend}")
                    errors.append(error)
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise ExceptionGroup("failed on SQLite and on PostgreSQL", errors)
        if self.postgres_missing:
            pytest.skip(f"passed on SQLite; not run on PostgreSQL: {self.postgres_missing}")


@pytest.fixture
def both(request: pytest.FixtureRequest, templates: Templates, tmp_path: Path) -> Iterator[Both]:
    backends, missing = ["sqlite"], None
    try:
        request.getfixturevalue("postgres_url")  # fails in CI without PostgreSQL
        backends.append("postgresql")
    except pytest.skip.Exception as exc:
        missing = str(exc)
    with contextlib.ExitStack() as stack:
        setups = []
        for template in templates.get(backends):
            folder = tmp_path / template.backend
            folder.mkdir()
            url, database = crashes.copy_register(template, folder)
            if database:
                stack.callback(crashes.drop_database, database)
            config = crashes.write_config(folder / "reminder.toml", lease=template.lease)
            server = stack.enter_context(serving())
            env = crashes.base_env(
                REMINDER_DATABASE_URL=url,
                REMINDER_CONFIG=str(config),
                REMINDER_SMTP_HOST=server.host,
                REMINDER_SMTP_PORT=str(server.port),
                REMINDER_SMTP_SECURITY="none",
            )
            setups.append(Setup(template, folder, env, server))
        yield Both(setups, missing)


# -- send ---------------------------------------------------------------------------

# (command, number): where the server kills the client. One connection (concurrency 1),
# 30 digests in one batch: MAIL 1 is after the claims and before any mail went out;
# MAIL 11 after ten mails recorded, the eleventh not yet handed over; DATA 11 once the
# server holds the eleventh, before its 250; QUIT 1 after the whole batch was recorded.
SEND_POINTS = {
    "before the batch": ("MAIL", 1),
    "during the batch": ("MAIL", 11),
    "accepted, not recorded": ("DATA", 11),
    "after the batch": ("QUIT", 1),
}


@pytest.mark.parametrize("point", list(SEND_POINTS))
def test_a_send_killed_is_finished_by_the_next_run(both: Both, point: str) -> None:
    both.run(lambda setup: _kill_send(setup, point))


def _kill_send(setup: Setup, point: str) -> None:
    killer = setup.killer(*SEND_POINTS[point])
    args = ("send", "digests", "--now", crashes.SEND_NOW)
    killed = setup.start("killed", *args)
    killer.procs.append(killed)
    killed.popen.wait(timeout=60)
    # (fired once the ledger was read after the kill, a moment after the process died)
    assert killer.fired.wait(30), f"the run ended before {point}\n{killed.output()}"
    setup.wait_out_the_lease(killer)

    summary = setup.reminder(*args)

    assert crashes.planned(summary)[0] == len(setup.template.plan), summary
    setup.check(killer, setup.template.plan)
    if point == "accepted, not recorded":  # the one notice the ledger could leave open
        history = setup.reminder("history", "--limit", "1000")
        assert not crashes.unfinished(history), history


# -- serve --------------------------------------------------------------------------


def _finish(setup: Setup, survivor: Proc, killer: Killer) -> None:
    """Wait for the plan to arrive, then for `status` to show nothing running, while
    `survivor` serves; then stop it and check everything."""
    plan = setup.template.plan
    arrived = killing.wait_for(
        lambda: crashes.distinct_ids(setup.server.received) >= len(plan),
        timeout=LEASE_SECONDS + 12,
    )
    status = setup.reminder("status")
    for _ in range(3 if arrived else 0):  # the slot is recorded just after its last mail
        if not crashes.unfinished(status):
            break
        time.sleep(1)
        status = setup.reminder("status")
    assert survivor.stop() == 0, survivor.output()
    setup.check(killer, plan)
    assert "never" not in status and not crashes.unfinished(status), status


def test_the_other_serve_finishes_the_slot_of_a_leader_killed_mid_slot(both: Both) -> None:
    both.run(_kill_leader)


def _kill_leader(setup: Setup) -> None:
    # The leader dies holding the tenth digest: accepted by the server, not recorded.
    killer = setup.killer("DATA", 10)
    procs = [setup.start(f"serve{n}", *killing.serve_args()) for n in (1, 2)]
    killer.procs.extend(procs)
    try:
        assert killer.fired.wait(60), "\n".join(p.output() for p in procs)
        survivor = next(p for p in procs if p is not killer.victim)
        _finish(setup, survivor, killer)
    finally:
        for proc in procs:
            proc.kill()
            proc.popen.wait(timeout=10)


def test_a_serve_killed_between_two_batches_finishes_the_slot_when_restarted(
    both: Both,
) -> None:
    both.run(_kill_and_restart)


def _kill_and_restart(setup: Setup) -> None:
    # A slot runs in batches of 20: at the 21st MAIL the first batch is recorded and the
    # second claimed; the only instance dies there and is started again at once.
    killer = setup.killer("MAIL", 21)
    first = setup.start("serve1", *killing.serve_args())
    killer.procs.append(first)
    procs = [first]
    try:
        assert killer.fired.wait(60), first.output()
        first.popen.wait(timeout=10)
        restarted = setup.start("serve2", *killing.serve_args())
        procs.append(restarted)
        _finish(setup, restarted, killer)
    finally:
        for proc in procs:
            proc.kill()
            proc.popen.wait(timeout=10)
