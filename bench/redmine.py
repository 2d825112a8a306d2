"""The weekly digest run on the same work as Redmine 5.0's reminder job (bench/samework.py).

    python bench/redmine.py                    # import, plan+render, deliver, the whole run
    python bench/redmine.py --scaling          # and `send --dry-run` / `send` at 10k-100k

Every phase runs as its own process tree; for each, the parent prints the wall time, the
CPU time of every process (user + system, the render worker included) and the peak of the
summed resident memory of every process (sampled every 10 ms from /proc), beside the
Redmine figures for the whole job. Delivery is timed beside a baseline that sends the
same mails with smtplib, one connection per mail, to the same local sink, in the same run.
The whole run is `reminder send digests` itself, start-up included. Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import smtplib
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import NOW
from run import _smtp, free_port
from samework import REDMINE, same_work

from reminder.config.settings import Settings
from reminder.delivery.smtp.mailer import SmtpMailer
from reminder.mail.render import make_environment
from reminder.planning.notices import Kind
from reminder.register.engine import make_engine
from reminder.service.notify import plan_notices
from reminder.service.render_pool import mail_for

CONFIG = """[smtp]
host = "127.0.0.1"
port = {port}
security = "none"
rate_per_minute = 100000
concurrency = 8
"""


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        with contextlib.suppress(OSError):  # the process ended meanwhile
            for task in Path(f"/proc/{p}/task").glob("*/children"):
                todo.extend(int(c) for c in task.read_text().split())
    return out


def measured(
    command: list[str], env: dict[str, str] | None = None
) -> tuple[str, float, float, float]:
    """Run `command`: its stdout, wall s, CPU s of every process, peak MB of all at once."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    peak = [0]

    def sample() -> None:
        while child.poll() is None:
            peak[0] = max(peak[0], sum(_rss_kb(p) for p in _tree(child.pid)))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = child.communicate()
    sampler.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if child.returncode:
        raise SystemExit(f"{command} failed ({child.returncode}):\n{out}")
    return out, wall, cpu, peak[0] / 1024


def phase(name: str, url: str, port: int, actions: int) -> None:
    """One phase, in this (child) process; prints what it found on one line."""
    if name == "import":
        same_work(url, actions=actions).dispose()
        print(f"{actions:,} action points")
        return
    engine, settings, env = make_engine(url), Settings(database_url=url), make_environment()
    planned = plan_notices(engine=engine, settings=settings, kind=Kind.DIGEST, now=NOW)
    lines = sum(len(s.items) for _, n in planned for s in n.sections)
    if name == "render":
        started = time.perf_counter()
        size = 0
        for rules, notice in planned:
            mail = mail_for(rules=rules, notice=notice, env=env, settings=settings, now=NOW)
            size += len(mail.wire())
        seconds = time.perf_counter() - started
        print(
            f"{len(planned):,} digests, {lines:,} item lines, "
            f"{size / len(planned) / 1024:.0f} KiB each, rendered in {seconds:.2f} s"
        )
        return
    mails = [mail_for(rules=r, notice=n, env=env, settings=settings, now=NOW) for r, n in planned]
    started = time.perf_counter()
    if name == "deliver":
        asyncio.run(SmtpMailer(_smtp(port)).send(mails, on_result=lambda delivery: None))
    else:  # the baseline
        for mail in mails:
            with smtplib.SMTP("127.0.0.1", port) as client:
                client.sendmail(mail.sender, list(mail.recipients), mail.wire())
    print(f"{len(mails):,} mails sent in {time.perf_counter() - started:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--actions", type=int, default=100_000, help="register size")
    parser.add_argument("--scaling", action="store_true", help="also 10k, 50k, 100k actions")
    parser.add_argument("--runs-only", action="store_true", help="only the `reminder send` runs")
    args = parser.parse_args()
    if args.phase:
        phase(args.phase, args.url, args.port, args.actions)
        return
    port = free_port()
    sink = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("sink.py")), str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert sink.stdout is not None and sink.stdout.readline().strip() == "ready"
        with tempfile.TemporaryDirectory() as tmp:
            _report(Path(tmp), port, args.actions, scaling=args.scaling, runs_only=args.runs_only)
    finally:
        sink.terminate()
        sink.wait()


def _report(tmp: Path, port: int, actions: int, *, scaling: bool, runs_only: bool) -> None:
    print(f"{'phase':<44} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}  what")
    print(
        f"{'Redmine 5.0 reminder job (the same work)':<44} {REDMINE['wall']:>7.1f} "
        f"{REDMINE['cpu']:>7.1f} {REDMINE['peak']:>8.0f}"
    )
    (tmp / "reminder.toml").write_text(CONFIG.format(port=port))
    sizes = (10_000, 50_000, actions) if scaling else (actions,)
    for size in sorted(set(sizes)):
        url = f"sqlite:///{tmp}/samework-{size}.db"
        own = [sys.executable, __file__, "--url", url, "--port", str(port), "--actions", str(size)]
        cli = [
            str(Path(sys.executable).with_name("reminder")),
            "--config",
            str(tmp / "reminder.toml"),
            "--database",
            url,
        ]
        phases = [("import (bulk insert of the generated register)", [*own, "--phase", "import"])]
        if size == actions and not runs_only:
            phases += [
                ("plan+render+compose, one process", [*own, "--phase", "render"]),
                ("deliver (aiosmtplib, 8 reused connections)", [*own, "--phase", "deliver"]),
                ("baseline (smtplib, one connection per mail)", [*own, "--phase", "baseline"]),
            ]
        now = ["--now", NOW.isoformat()]
        phases += [
            ("`reminder send digests --dry-run`", [*cli, "send", "digests", *now, "--dry-run"]),
            ("`reminder send digests` (the whole run)", [*cli, "send", "digests", *now]),
        ]
        print(f"-- {size:,} action points, 5,000 contacts")
        for label, command in phases:
            out, wall, cpu, peak = measured(command, env={**os.environ, "COLUMNS": "200"})
            found = [line for line in out.splitlines() if "planned" in line] or out.splitlines()
            what = found[-1].strip() if found else ""
            print(f"{label:<44} {wall:>7.2f} {cpu:>7.2f} {peak:>8.0f}  {what[:90]}", flush=True)


if __name__ == "__main__":
    main()
