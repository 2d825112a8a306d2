"""Benchmark importing trackers: first import, re-import, and a reworded copy, beside a baseline.

Each side runs in its own process on a fresh SQLite register, with trackers of N rows
generated here (distinct actions, owners from a pool of organisations). The three
figures per size show whether matching stays linear: seconds per 1,000 rows should not
grow with N. Run: `.venv/bin/python bench/imports.py --rows 2000,10000`.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from reading import ROOT, _baseline_tree

DEFAULT_BASELINE = "b28e89f"  # before issue 9: matching by wording and tracker ID only
VERBS = ["share", "map", "update", "circulate", "train", "review", "draft", "collect"]
NOUNS = ["site list", "4W matrix", "referral pathway", "budget", "ToR", "dashboard", "roster"]
PLACES = ["north", "south", "camp", "district", "region", "coast", "valley", "city"]

_WORKER = r"""
import json, sys, time
from datetime import UTC, datetime
from pathlib import Path
paths = [Path(p) for p in json.loads(sys.argv[1])]
try:
    from reminder.config.settings import Settings
    from reminder.register.engine import make_engine, migrate
    from reminder.service.imports import import_files
    new_layout = True
except ImportError:
    from reminder.config import Settings
    from reminder.db import make_engine, migrate
    from reminder.service import import_files
    new_layout = False
engine = make_engine("sqlite:///" + sys.argv[2])
migrate(engine=engine) if new_layout else migrate(engine)
figures = {}
for name, path in zip(("first", "again", "reworded"), paths):
    start = time.perf_counter()
    s = import_files(engine=engine, paths=[path], settings=Settings(), forum="Bench",
                     now=datetime(2026, 12, 1, tzinfo=UTC))
    figures[name] = time.perf_counter() - start
    figures[name + "_new"] = s.new
print(json.dumps(figures))
"""


def tracker(rows: int, *, reword: bool, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["No.,Action,Responsible,Deadline,Status"]
    for n in range(1, rows + 1):
        org = f"ORG{rng.randrange(200)}"
        text = (
            f"{org} to {rng.choice(VERBS)} the {rng.choice(NOUNS)} for the "
            f"{rng.choice(PLACES)} {n} with partners"
        )
        if reword and n % 10 == 0:
            text = text.replace(" the ", " an updated ", 1)
        lines.append(f"{n},{text},{org},31/12/2026,")
    return "\n".join(lines) + "\n"


def side(root: Path, folder: Path, rows: int) -> dict[str, float]:
    paths = []
    for name, reword in (("first", False), ("again", False), ("reworded", True)):
        path = folder / f"{name}-{rows}.csv"
        path.write_text(tracker(rows, reword=reword), encoding="utf-8")
        paths.append(str(path))
    db = folder / f"register-{rows}-{root.name}.db"
    proc = subprocess.run(
        [sys.executable, "-c", _WORKER, json.dumps(paths), str(db)],
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )
    if proc.returncode != 0:
        raise SystemExit(f"benchmark side {root} failed:\n{proc.stderr[-2000:]}")
    figures: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="2000,10000", help="tracker sizes, comma-separated")
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git ref of the baseline")
    args = parser.parse_args()
    sizes = [int(n) for n in args.rows.split(",")]
    head = ("side", "rows", "first s", "again s", "reworded s", "s/1k rows", "new on reword")
    sys.stdout.write("{:<18} {:>7} {:>8} {:>8} {:>10} {:>9} {:>13}\n".format(*head))
    with tempfile.TemporaryDirectory() as tmp:
        base = _baseline_tree(args.baseline, Path(tmp) / "baseline")
        for rows in sizes:
            for name, root in (("this checkout", ROOT), (f"baseline {args.baseline}", base)):
                f = side(root, Path(tmp), rows)
                per_k = (f["first"] + f["again"] + f["reworded"]) / 3 / rows * 1000
                sys.stdout.write(
                    f"{name:<18} {rows:>7} {f['first']:>8.2f} {f['again']:>8.2f} "
                    f"{f['reworded']:>10.2f} {per_k:>9.2f} {int(f['reworded_new']):>13}\n"
                )


if __name__ == "__main__":
    main()
