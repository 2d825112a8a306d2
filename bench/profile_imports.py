"""Profile one phase of a tracker import (cProfile, cumulative time), to see where the
time of bench/imports.py goes. Run:

    .venv/bin/python bench/profile_imports.py --rows 25000 --phase again --db sqlite:///x.db

`--phase again` imports the tracker once unprofiled, then profiles the unchanged
re-import; `first` profiles the first import. The register at `--db` must be empty.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from imports import tracker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=25_000)
    parser.add_argument("--phase", choices=("first", "again"), default="first")
    parser.add_argument("--db", required=True, help="URL of an empty register")
    parser.add_argument("--lines", type=int, default=40, help="profile lines shown")
    args = parser.parse_args()
    from reminder.config.settings import Settings
    from reminder.register.engine import make_engine, migrate
    from reminder.service.imports import import_files

    engine = make_engine(args.db)
    migrate(engine=engine)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tracker.csv"
        path.write_text(tracker(args.rows, reword=False), encoding="utf-8")

        def run() -> None:
            now = datetime(2026, 12, 1, tzinfo=UTC)
            import_files(engine=engine, paths=[path], settings=Settings(), forum="Bench", now=now)

        if args.phase == "again":
            run()
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.runcall(run)
        sys.stdout.write(
            f"{args.phase} import of {args.rows} rows: "
            f"{time.perf_counter() - start:.2f} s (profiled)\n"
        )
    pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(args.lines)
    engine.dispose()


if __name__ == "__main__":
    main()
