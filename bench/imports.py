"""Benchmark importing trackers: first import, unchanged re-import and a reworded copy,
on SQLite and PostgreSQL, beside a baseline commit measured in the same run.

Each phase runs in its own process (so its peak RSS is its own) on a fresh register per
side and size, with trackers of N rows generated here (distinct actions, owners from a
pool of organisations, deadlines over three months, 70 % open). The import is linear
when seconds per 1,000 rows do not grow with N. Run:

    .venv/bin/python bench/imports.py --rows 10000,25000,100000 --baseline-rows 10000,25000

The baseline is slow on large trackers; `--baseline-rows` limits it to some sizes.
`--repeat N` runs every side N times, each on a fresh register, and keeps each phase's
quickest run (and the highest peak memory of any): on a busy machine one run of a 10k
tracker varies by 10 %, which alone moves the 10k -> 100k growth printed at the end by
a whole unit.
PostgreSQL is at $REMINDER_BENCH_POSTGRES (default postgresql://postgres@127.0.0.1:5432/
postgres); each register is a database created and dropped here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from reading import ROOT, _baseline_tree

DEFAULT_BASELINE = "124a95c"  # before issue 13: one flush and ORM object per new action
PG_ADMIN = os.environ.get(
    "REMINDER_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)
VERBS = ["share", "map", "update", "circulate", "train", "review", "draft", "collect"]
NOUNS = ["site list", "4W matrix", "referral pathway", "budget", "ToR", "dashboard", "roster"]
PLACES = ["north", "south", "camp", "district", "region", "coast", "valley", "city"]
STATUSES = ["Open"] * 5 + ["In progress"] * 2 + ["Done"] * 3  # 70 % open
PHASES = (("first", False), ("again", False), ("reworded", True))
FILES = {"first": "first", "again": "first", "reworded": "reworded"}  # again: the same file

_WORKER = r"""
import json, resource, sys, time
from datetime import UTC, datetime
from pathlib import Path
from reminder.config.settings import Settings
from reminder.register.engine import make_engine, migrate
from reminder.service.imports import import_files
engine = make_engine(sys.argv[2])
migrate(engine=engine)
start, cpu = time.perf_counter(), time.process_time()
s = import_files(engine=engine, paths=[Path(sys.argv[1])], settings=Settings(), forum="Bench",
                 now=datetime(2026, 12, 1, tzinfo=UTC))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
engine.dispose()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": seconds, "cpu": cpu, "new": s.new, "updated": s.updated, "same": s.unchanged,
                  "mb": peak}))
"""


def tracker(rows: int, *, reword: bool, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["No.,Action,Responsible,Deadline,Status"]
    start = date(2026, 11, 1)
    for n in range(1, rows + 1):
        org = f"ORG{rng.randrange(200)}"
        text = (
            f"{org} to {rng.choice(VERBS)} the {rng.choice(NOUNS)} for the "
            f"{rng.choice(PLACES)} {n} with partners"
        )
        if reword and n % 10 == 0:
            text = text.replace(" the ", " an updated ", 1)
        due = start + timedelta(days=rng.randrange(90))
        lines.append(f"{n},{text},{org},{due:%d/%m/%Y},{rng.choice(STATUSES)}")
    return "\n".join(lines) + "\n"


@contextmanager
def register(kind: str, folder: Path, label: str) -> Iterator[str]:
    """A fresh register's URL: a SQLite file, or a PostgreSQL database dropped after."""
    if kind == "sqlite":
        path = folder / f"register-{label}-{uuid.uuid4().hex[:10]}.db"
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
        return
    import psycopg

    name = f"bench_imports_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def best_of(
    repeat: int, root: Path, folder: Path, rows: int, kind: str
) -> dict[str, dict[str, float]]:
    """Each phase's quickest of `repeat` runs of `side`, with the highest peak of any."""
    runs = [side(root, folder, rows, kind) for _ in range(repeat)]
    best = {}
    for name, _ in PHASES:
        quickest = min((run[name] for run in runs), key=lambda f: f["s"])
        best[name] = {**quickest, "mb": max(run[name]["mb"] for run in runs)}
    return best


def side(root: Path, folder: Path, rows: int, kind: str) -> dict[str, dict[str, float]]:
    """The three phases of one side on one fresh register, each in its own process."""
    figures = {}
    with register(kind, folder, f"{rows}-{root.name}") as url:
        for name, _ in PHASES:
            path = folder / f"{FILES[name]}-{rows}.csv"
            proc = subprocess.run(
                [sys.executable, "-c", _WORKER, str(path), url],
                env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
                capture_output=True,
                text=True,
                check=False,
                cwd=root,
            )
            if proc.returncode != 0:
                raise SystemExit(f"benchmark side {root} failed:\n{proc.stderr[-2000:]}")
            figures[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def _same_limits(root: Path) -> Path:
    """The baseline with this checkout's reader limits: before issue 13 a sheet was read
    up to 250,000 cells, so a 100,000-row tracker was refused before any import work."""
    ours = (ROOT / "reminder" / "reading" / "limits.py").read_text(encoding="utf-8")
    theirs = root / "reminder" / "reading" / "limits.py"
    if theirs.exists():
        theirs.write_text(ours, encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="10000,25000,100000", help="tracker sizes")
    parser.add_argument(
        "--baseline-rows", default="10000,25000", help="sizes the baseline runs (slow)"
    )
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git ref of the baseline")
    parser.add_argument("--db", default="sqlite,postgresql", help="sqlite, postgresql or both")
    parser.add_argument("--repeat", type=int, default=1, help="runs per side; the quickest kept")
    args = parser.parse_args()
    sizes = [int(n) for n in args.rows.split(",")]
    base_sizes = {int(n) for n in args.baseline_rows.split(",") if n}
    head = ("db", "side", "rows", "first s", "cpu", "MB", "again s", "cpu", "MB")
    head += ("reword s", "MB", "s/1k")
    sys.stdout.write(
        "{:<10} {:<16} {:>7} {:>8} {:>6} {:>5} {:>8} {:>6} {:>5} {:>8} {:>5} {:>6}\n".format(*head)
    )
    firsts: dict[tuple[str, str], dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = _same_limits(_baseline_tree(args.baseline, folder / "baseline"))
        for rows in sizes:
            for name, reword in PHASES:
                if FILES[name] == name:
                    text = tracker(rows, reword=reword)
                    (folder / f"{name}-{rows}.csv").write_text(text, encoding="utf-8")
        for kind in args.db.split(","):
            for rows in sizes:
                sides = [("this checkout", ROOT)]
                if rows in base_sizes:
                    sides.append((f"base {args.baseline}", base))
                for name, root in sides:
                    f = best_of(args.repeat, root, folder, rows, kind)
                    firsts.setdefault((kind, name), {})[rows] = f["first"]["s"]
                    first, again, reword = f["first"], f["again"], f["reworded"]
                    sys.stdout.write(
                        f"{kind:<10} {name:<16} {rows:>7} {first['s']:>8.2f} {first['cpu']:>6.2f} "
                        f"{first['mb']:>5.0f} {again['s']:>8.2f} {again['cpu']:>6.2f} "
                        f"{again['mb']:>5.0f} {reword['s']:>8.2f} "
                        f"{reword['mb']:>5.0f} {first['s'] / rows * 1000:>6.2f}\n"
                    )
                    sys.stdout.flush()
    sys.stdout.write(
        "first: a fresh register; again: the same file imported again (all unchanged); "
        "reword: another file, one row in ten reworded;\ncpu: process CPU seconds of the "
        "import; MB: peak RSS of that phase's process; s/1k: first import per 1,000 rows\n"
    )
    for (kind, name), seconds in firsts.items():
        if len(seconds) > 1:
            small, large = min(seconds), max(seconds)
            sys.stdout.write(
                f"growth {kind} {name}: {small:,} -> {large:,} rows took "
                f"{seconds[large] / seconds[small]:.1f}x the time ({large / small:.0f}x the rows)\n"
            )


if __name__ == "__main__":
    main()
