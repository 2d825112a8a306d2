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
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import psycopg
from faults import LEASE, PG_ADMIN, ROOT, SEND_NOW, Bench, Row, Run, slot_now, wait_for

from tests.service.crashes import by_recipient
from tests.service.killing import Killer, Proc

BAD_REPLY_TO = "coordination@example.org, chair@example.org"  # two addresses: no Reply-To


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
