"""Rendering speed: digests of 6 and of 30 items, beside a baseline commit, on one core.

    .venv/bin/python bench/render.py                   # against DEFAULT_BASELINE
    .venv/bin/python bench/render.py --baseline HEAD~3 --count 400 --repeat 5

Each side (this checkout, and the `reminder/` package and `templates/` of the baseline
commit, unpacked to a temporary folder) runs in its own process on the same generated
digests: one per recipient, every item its own (as in a register where each action has
one owner, so no item fragment is reused from another mail), with texts of 60 to 160
characters, three sections, items from three meetings; with and without the signed
answer links (a public base URL configured, or not).
For each size it prints the best of `--repeat` passes (the sides' processes taking turns,
so that a machine's drift weighs on both), in CPU time per digest and digests per
second: `render` (subject, text and HTML, CSS already inlined), and `mail` (render,
compose the MIME message and write it to bytes, as a run's render worker does).
Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from reading import ROOT, _baseline_tree

DEFAULT_BASELINE = "1a5417b"  # before session 7's rendering work (issue 13)

_WORKER = r"""
import json, sys, time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from reminder.config.mail import MailSettings
from reminder.mail.compose import compose
from reminder.mail.links import Links
from reminder.mail.render import make_environment, render
from reminder.planning.notices import Kind, Notice, Section
from reminder.register.snapshot import Item, Person

count, repeat, sizes = int(sys.argv[1]), int(sys.argv[2]), [int(s) for s in sys.argv[3:]]
signed = Links(base_url="https://desk.example.org", secret="s" * 40, days=45)
variants = {"plain": None, "links": signed}
NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
TODAY = NOW.date()
WORDS = ("share the updated referral pathway with the district teams and partners "
         "in the camps, then circulate the 4W matrix before the next meeting of the group "
         "with a note on gaps in coverage by site and by organisation").split()
settings = MailSettings(sender="Reminders <reminders@example.org>", list_id="ap.example.org")

def digest(person: int, n: int) -> Notice:
    who = Person(f"Focal Point {person}", f"focal{person}@org{person % 97}.example.org",
                 f"Organisation {person % 97}")
    items = []
    for i in range(n):
        start = (person * 7 + i * 3) % len(WORDS)
        text = " ".join((WORDS * 2)[start : start + 10 + (person + i) % 18])
        late = i % 3 == 0
        due = TODAY - timedelta(days=3 + i) if late else TODAY + timedelta(days=i % 7)
        items.append(Item(
            id=person * 1000 + i, forum=f"Forum {person % 5}", text=text,
            owners=(who.name,), organisations=(who.organisation,),
            due_phrase=due.strftime("%d.%m.%y"), due_date=None if i % 5 == 4 else due,
            status="open", days_overdue=(TODAY - due).days if late else None,
            meeting_title=f"Coordination meeting {i % 3}",
            meeting_date=date(2026, 9, 1) + timedelta(days=28 * (i % 3)), source="tracker.xlsx",
            ref=f"AP-{i}" if i % 2 else None,
        ))
    late = tuple(x for x in items if x.days_overdue)
    sections = (
        Section("overdue", "Overdue", late),
        Section("due_soon", "Due soon", tuple(x for x in items if x.due_date and x not in late)),
        Section("undated", "No deadline yet", tuple(x for x in items if x.due_date is None)),
    )
    return Notice(Kind.DIGEST, f"digest:{who.email}:2026-W49", f"Forum {person % 5}", (who,),
                  sections, now=NOW)

env = make_environment()
# Templates are compiled at their first use, once a run: warm them up before timing, or
# the first figure measured would carry that once-only cost.
for links in variants.values():
    for warm in (digest(0, 6), digest(0, 30)):
        compose(warm, render(warm, env=env, links=links), settings=settings, now=NOW)
out = {}
for n in sizes:
    passes = iter(range(10_000))
    for variant, links in variants.items():
        for what in ("render", "mail"):
            best = 1e9
            for _ in range(repeat):
                # New items in every pass: no fragment rendered in an earlier pass is reused.
                first = next(passes) * count + 1
                notices = [digest(p, n) for p in range(first, first + count)]
                started = time.process_time()
                for notice in notices:
                    rendered = render(notice, env=env, links=links)
                    if what == "mail":
                        mail = compose(notice, rendered, settings=settings, now=NOW)
                        (mail.wire() if hasattr(mail, "wire") else mail.message.as_bytes())
                best = min(best, time.process_time() - started)
            out[f"{what}:{n}:{variant}"] = best / count
print(json.dumps(out))
"""


def _side(tree: Path, count: int, repeat: int, sizes: list[int]) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-c", _WORKER, str(count), str(repeat), *map(str, sizes)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tree)
    if done.returncode:
        raise SystemExit(f"rendering failed in {tree}:\n{done.stderr}")
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git ref of the baseline")
    parser.add_argument("--count", type=int, default=400, help="digests per pass")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the best is kept")
    parser.add_argument("--sizes", default="6,30", help="items per digest")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        baseline = _baseline_tree(args.baseline, Path(tmp), ("reminder", "templates"))
        trees = [("this checkout", ROOT), (f"baseline {args.baseline}", baseline)]
        # One pass of each side in turn, `repeat` times, the best kept: a machine whose
        # speed drifts during the run then weighs on both sides alike.
        best: dict[str, dict[str, float]] = {name: {} for name, _ in trees}
        for _ in range(args.repeat):
            for name, tree in trees:
                for key, seconds in _side(tree, args.count, 1, sizes).items():
                    best[name][key] = min(seconds, best[name].get(key, seconds))
        sides = [(name, best[name]) for name, _ in trees]
    heads = ("side", "items", "links", "what", "ms CPU/digest", "digests/s")
    print(f"{heads[0]:<20} {heads[1]:>5} {heads[2]:<6} {heads[3]:<7} {heads[4]:>14} {heads[5]:>10}")
    for n in sizes:
        for variant in ("plain", "links"):
            for what in ("render", "mail"):
                for name, figures in sides:
                    seconds = figures[f"{what}:{n}:{variant}"]
                    print(
                        f"{name:<20} {n:>5} {'yes' if variant == 'links' else 'no':<6} "
                        f"{what:<7} {seconds * 1000:>14.3f} {1 / seconds:>10,.0f}"
                    )


if __name__ == "__main__":
    main()
