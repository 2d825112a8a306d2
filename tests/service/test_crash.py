"""Crash safety, end to end: real `reminder` processes killed with SIGKILL mid-work.

A `send digests` or a `serve` process is killed by the SMTP server itself (see
`crashes.Killer`) at a chosen point: before the first mail of a batch, in the middle of
one, between the server's acceptance of a message and the ledger write (the server
has the mail, the client never learns it), and after a batch. Then a new run, the
other instance or a restarted one finishes, and what arrived at the server must be
the plan, each digest once, except those in the unknown-outcome window, which may
arrive twice but always under the same Message-ID; and neither `status` nor `history`
may show anything left running or claimed. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.service import crashes
from tests.service.crashes import LEASE_SECONDS, Killer, Proc, Template
from tests.smtp_server import SmtpTestServer, serving

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


class Templates:
    """One filled register per backend for the whole session, copied for each test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[str, Template] = {}

    def get(self, backend: str) -> Template:
        if backend not in self.built:
            self.built[backend] = crashes.build_template(backend, self.folder / backend)
        return self.built[backend]


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

    def wait_out_the_lease(self, killer: Killer) -> None:
        """Until the killed run's lease has lapsed (at once where no lease is configurable:
        today's built-in lease is far longer than a test)."""
        if self.template.lease:
            time.sleep(max(0.0, killer.at + LEASE_SECONDS + 0.5 - time.monotonic()))


@pytest.fixture(params=BACKENDS)
def setup(request: pytest.FixtureRequest, templates: Templates, tmp_path: Path) -> Iterator[Setup]:
    if request.param == "postgresql":
        request.getfixturevalue("postgres_url")  # skips without PostgreSQL, fails in CI
    template = templates.get(request.param)
    url, database = crashes.copy_register(template, tmp_path)
    config = crashes.write_config(tmp_path / "reminder.toml", lease=template.lease)
    with serving() as server:
        env = crashes.base_env(
            REMINDER_DATABASE_URL=url,
            REMINDER_CONFIG=str(config),
            REMINDER_SMTP_HOST=server.host,
            REMINDER_SMTP_PORT=str(server.port),
            REMINDER_SMTP_SECURITY="none",
        )
        try:
            yield Setup(template, tmp_path, env, server)
        finally:
            server.on_command = None
    if database:
        crashes.drop_database(database)


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
def test_a_send_killed_is_finished_by_the_next_run(setup: Setup, point: str) -> None:
    killer = Killer(setup.server, *SEND_POINTS[point])
    args = ("send", "digests", "--now", crashes.SEND_NOW)
    killed = setup.start("killed", *args)
    killer.procs.append(killed)
    killed.popen.wait(timeout=60)
    assert killer.fired.is_set(), f"the run ended before {point}\n{killed.output()}"
    setup.wait_out_the_lease(killer)

    summary = setup.reminder(*args)

    assert crashes.planned(summary)[0] == len(setup.template.plan), summary
    crashes.check_arrivals(setup.server.received, plan=setup.template.plan, window=killer.window)
    if point == "accepted, not recorded":  # the one notice the ledger could leave open
        history = setup.reminder("history", "--limit", "1000")
        assert not crashes.unfinished(history), history


# -- serve --------------------------------------------------------------------------


def _finish(setup: Setup, survivor: Proc, killer: Killer) -> None:
    """Wait for the plan to arrive, then for `status` to show nothing running, while
    `survivor` serves; then stop it and check everything."""
    plan = setup.template.plan
    arrived = crashes.wait_for(
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
    crashes.check_arrivals(setup.server.received, plan=plan, window=killer.window)
    assert "never" not in status and not crashes.unfinished(status), status


def test_the_other_serve_finishes_the_slot_of_a_leader_killed_mid_slot(setup: Setup) -> None:
    # The leader dies holding the tenth digest: accepted by the server, not recorded.
    killer = Killer(setup.server, "DATA", 10)
    procs = [setup.start(f"serve{n}", *crashes.serve_args()) for n in (1, 2)]
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
    setup: Setup,
) -> None:
    # A slot runs in batches of 20: at the 21st MAIL the first batch is recorded and the
    # second claimed; the only instance dies there and is started again at once.
    killer = Killer(setup.server, "MAIL", 21)
    first = setup.start("serve1", *crashes.serve_args())
    killer.procs.append(first)
    procs = [first]
    try:
        assert killer.fired.wait(60), first.output()
        first.popen.wait(timeout=10)
        restarted = setup.start("serve2", *crashes.serve_args())
        procs.append(restarted)
        _finish(setup, restarted, killer)
    finally:
        for proc in procs:
            proc.kill()
            proc.popen.wait(timeout=10)
