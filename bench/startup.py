"""Benchmark start-up: `reminder --help` and `reminder actions` on an empty register,
the median of N runs of each, beside a baseline commit measured in the same run.

Each run is a fresh process (`python -c "from reminder.cli import main; main()" ...`,
what the console script does) in an empty folder (no configuration file), timed from
start to exit: wall time, and CPU time (user + system) which a busy machine inflates
less. The empty register is created once per side with `reminder migrate`. The last
column counts the heavy libraries the command imported (SQLAlchemy, pydantic, Alembic,
openpyxl, pygments, Jinja2), read from `python -X importtime`. Run:

    .venv/bin/python bench/startup.py --runs 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from reading import ROOT, _baseline_tree

DEFAULT_BASELINE = "124a95c"  # before issue 13: every command imported every stage
ENTRY = "from reminder.cli import main; main()"
HEAVY = ("sqlalchemy", "pydantic", "alembic", "openpyxl", "pygments", "jinja2")
COMMANDS = {"--help": ["--help"], "actions (empty register)": ["actions"]}


def _env(root: Path, db: Path) -> dict[str, str]:
    return {
        "PYTHONPATH": str(root),
        "PATH": "/usr/bin:/bin",
        "REMINDER_DATABASE_URL": f"sqlite:///{db}",
        "HOME": str(db.parent),
    }


def _run(root: Path, args: list[str], db: Path) -> tuple[float, float]:
    """(wall s, CPU s) of one run of the command."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        env=_env(root, db),
        cwd=db.parent,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def _heavy(root: Path, args: list[str], db: Path) -> list[str]:
    """The heavy libraries a run of the command imports."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", ENTRY, *args],
        env=_env(root, db),
        cwd=db.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    names = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()}
    return [name for name in HEAVY if name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command and side")
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git ref of the baseline")
    args = parser.parse_args()
    head = ("command", "side", "median s", "min s", "CPU s", "heavy imports")
    sys.stdout.write("{:<26} {:<16} {:>8} {:>6} {:>6}  {}\n".format(*head))
    with tempfile.TemporaryDirectory() as tmp:
        base = _baseline_tree(args.baseline, Path(tmp) / "baseline")
        sides = [("this checkout", ROOT), (f"base {args.baseline}", base)]
        dbs = {}
        for name, root in sides:
            folder = Path(tmp) / f"run-{root.name}"
            folder.mkdir()
            dbs[name] = folder / "reminder.db"
            _run(root, ["migrate"], dbs[name])
        for command, argv in COMMANDS.items():
            for name, root in sides:
                _run(root, argv, dbs[name])  # warm the file cache
                runs = [_run(root, argv, dbs[name]) for _ in range(args.runs)]
                walls = [wall for wall, _ in runs]
                cpu = statistics.median(c for _, c in runs)
                heavy = ", ".join(_heavy(root, argv, dbs[name])) or "none"
                sys.stdout.write(
                    f"{command:<26} {name:<16} {statistics.median(walls):>8.3f} "
                    f"{min(walls):>6.3f} {cpu:>6.3f}  {heavy}\n"
                )
                sys.stdout.flush()
    sys.stdout.write(f"{args.runs} runs per line; load average now {os.getloadavg()[0]:.1f}\n")


if __name__ == "__main__":
    main()
