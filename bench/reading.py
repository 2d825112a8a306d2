"""Benchmark reading: every file of a folder extracted in one process, beside a baseline.

    python bench/reading.py                          # ../shared/corpus, baseline 49787aa
    python bench/reading.py --files DIR --baseline REF --repeat 3

Each side runs in its own process: this checkout, and the reader as it was at the
git ref `--baseline` (taken with `git archive` into a temporary folder), on the same
files. A side reads and resolves every file as `reminder extract` does (readers, action
finders, deadlines) and reports the import time, the first round (which pays for lazy
imports and caches), the best of `--repeat` rounds and the peak RSS. Prints figures; asserts
nothing. The default baseline is the last commit before the general reader.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILES = ROOT.parent / "shared" / "corpus"
DEFAULT_BASELINE = "49787aa"
SUFFIXES = {".csv", ".xlsx", ".docx", ".html", ".htm", ".txt", ".md", ".pdf"}

# Runs inside each side's process, with that side's package first on sys.path.
_WORKER = r"""
import datetime as dt, json, resource, sys, time
from pathlib import Path
files = [Path(p) for p in json.loads(sys.argv[1])]
repeat = int(sys.argv[2])
t0 = time.perf_counter()
import reminder
# The editable install's finder would serve reminder.reading from this checkout to an
# older tree that lacks it: choose by what the tree on the path holds.
if (Path(reminder.__path__[0]) / "reading").is_dir():
    from reminder.reading.dispatch import read_source
else:
    from reminder.ingest.dispatch import read_source
if (Path(reminder.__path__[0]) / "reading" / "resolve.py").is_file():
    from reminder.reading.resolve import resolve_extraction
else:
    from reminder.resolve import resolve_extraction
import inspect
imported = time.perf_counter()
takes_today = "today" in inspect.signature(resolve_extraction).parameters
rounds, actions, failed = [], 0, 0
for _ in range(repeat):
    start = time.perf_counter()
    actions = failed = 0
    for path in files:
        try:
            extraction = read_source(path)
        except Exception:
            failed += 1
            continue
        kwargs = {"today": dt.date(2026, 1, 1)} if takes_today else {}
        resolved = resolve_extraction(extraction, **kwargs)
        actions += len(resolved.actions)
    rounds.append(time.perf_counter() - start)
print(json.dumps({
    "imports": imported - t0, "first": rounds[0], "best": min(rounds),
    "actions": actions, "failed": failed,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def _side(package_root: Path, files: list[Path], repeat: int) -> dict[str, float]:
    """Run the worker with `package_root` first on the path; its JSON figures."""
    proc = subprocess.run(
        [sys.executable, "-c", _WORKER, json.dumps([str(f) for f in files]), str(repeat)],
        env={"PYTHONPATH": str(package_root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        cwd=package_root,  # `python -c` puts its working folder first on the path
    )
    if proc.returncode != 0:
        raise SystemExit(f"benchmark side {package_root} failed:\n{proc.stderr[-2000:]}")
    figures: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def _baseline_tree(ref: str, into: Path, parts: tuple[str, ...] = ("reminder",)) -> Path:
    """The `reminder/` package (and any other `parts`) as at `ref`, unpacked under `into`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, *parts],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git ref of the baseline")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.files.is_dir():
        raise SystemExit(f"{args.files}: no such folder (give --files DIR)")
    files = sorted(
        p
        for p in args.files.iterdir()
        if p.suffix.lower() in SUFFIXES and not p.name.upper().startswith("README")
    )
    if not files:
        raise SystemExit(f"{args.files}: no minutes or trackers in it")
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            ("this checkout", _side(ROOT, files, args.repeat)),
            (
                f"baseline {args.baseline}",
                _side(_baseline_tree(args.baseline, Path(tmp)), files, args.repeat),
            ),
        ]
    sys.stdout.write(f"{len(files)} files from {args.files}, best of {args.repeat} rounds\n")
    head = ("reader", "imports s", "first s", "best s", "actions", "failed", "peak MB")
    sys.stdout.write("{:<22} {:>9} {:>8} {:>8} {:>8} {:>7} {:>8}\n".format(*head))
    for name, fig in rows:
        sys.stdout.write(
            f"{name:<22} {fig['imports']:>9.2f} {fig['first']:>8.2f} {fig['best']:>8.2f} "
            f"{int(fig['actions']):>8} {int(fig['failed']):>7} {fig['rss_mb']:>8.0f}\n"
        )


if __name__ == "__main__":
    main()
