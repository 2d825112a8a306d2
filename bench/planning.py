"""Digest planning of the same work as Redmine's reminder job, beside a baseline commit.

    python bench/planning.py                        # builds the register once (about 15 s)
    python bench/planning.py --url sqlite:////tmp/sw.db --rounds 5

`plan_notices(kind=DIGEST)` over the register of bench/samework.py (5,000 contacts,
100,000 action points, seed 42), for this checkout and for `--baseline`, each round in a
fresh process, the two sides alternating (the machine's load is shared alike). Prints
the CPU seconds of the planning alone (process time, start-up and imports excluded),
the notices and item lines planned, and whether both sides planned the very same
notices (every field of every notice, in order). Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from reading import ROOT, _baseline_tree

DEFAULT_BASELINE = "1a5417b"  # before digest planning read each chunk in one statement

_WORKER = """
import hashlib, json, sys, time
sys.path.insert(0, sys.argv[2])
from generate import NOW
from reminder.config.settings import Settings
from reminder.planning.notices import Kind
from reminder.register.engine import make_engine
from reminder.service.plan import plan_notices
url = sys.argv[1]
engine, settings = make_engine(url), Settings(database_url=url)
started = time.process_time()
planned = plan_notices(engine=engine, settings=settings, kind=Kind.DIGEST, now=NOW)
cpu = time.process_time() - started
text = "\\n".join(repr((rules.name, notice)) for rules, notice in planned)
print(json.dumps({
    "cpu": cpu,
    "notices": len(planned),
    "items": sum(len(s.items) for _, n in planned for s in n.sections),
    "digest": hashlib.sha256(text.encode()).hexdigest(),
}))
"""


def _round(root: Path, url: str) -> dict[str, float | str]:
    proc = subprocess.run(
        [sys.executable, "-c", _WORKER, url, str(Path(__file__).parent)],
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )
    if proc.returncode != 0:
        raise SystemExit(f"planning with {root} failed:\n{proc.stderr[-2000:]}")
    figures: dict[str, float | str] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a same-work register already built (else one is)")
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git ref of the baseline")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url
        if url is None:
            from samework import same_work

            url = f"sqlite:///{tmp}/samework.db"
            same_work(url).dispose()
        sides = {"this checkout": ROOT, f"baseline {args.baseline}": Path(tmp) / "baseline"}
        _baseline_tree(args.baseline, sides[f"baseline {args.baseline}"])
        runs: dict[str, list[dict[str, float | str]]] = {name: [] for name in sides}
        for _ in range(args.rounds):
            for name, root in sides.items():
                runs[name].append(_round(root, url))
    head = ("planning", "first s", "best s", "median s", "notices", "items")
    sys.stdout.write(f"digest planning, CPU s of {args.rounds} rounds each\n")
    sys.stdout.write("{:<22} {:>8} {:>8} {:>8} {:>8} {:>8}\n".format(*head))
    for name, figures in runs.items():
        cpus = sorted(float(f["cpu"]) for f in figures)
        last = figures[-1]
        sys.stdout.write(
            f"{name:<22} {float(figures[0]['cpu']):>8.2f} {cpus[0]:>8.2f} "
            f"{cpus[len(cpus) // 2]:>8.2f} {int(last['notices']):>8,} {int(last['items']):>8,}\n"
        )
    digests = {str(f["digest"]) for figures in runs.values() for f in figures}
    same = "the same notices on both sides" if len(digests) == 1 else "DIFFERENT notices"
    sys.stdout.write(f"{same} (sha256 {', '.join(sorted(d[:12] for d in digests))})\n")


if __name__ == "__main__":
    main()
