"""Height and width of the 48-item digest at 375 px, before and after issue 11.

    python bench/mail_height.py [--before REV]    # REV: a commit with the old templates

Renders the digest of tests/mail/test_browser.py (`digest_of(48)`) with the current
templates and, as the baseline in the same run, with the templates of REV (default
124a95c, the last commit before issue 11's mail work; its abbreviated dates), both in
Debian's Chromium at 375 px, and the time to render it (best of 7 rounds of 30). Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jinja2 import Environment  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from reminder.mail import filters  # noqa: E402
from reminder.mail.links import Links  # noqa: E402
from reminder.mail.render import make_environment, render  # noqa: E402
from reminder.planning.notices import Notice  # noqa: E402
from tests.browser import CHROMIUM, PHONE  # noqa: E402
from tests.mail.test_browser import digest_of  # noqa: E402

OLD_DATE_FORMAT = "EEE d MMM y"


def _old_templates(rev: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "templates/emails"],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "templates" / "emails"


def _render_ms(notice: Notice, env: Environment) -> float:
    best = float("inf")
    for _round in range(7):
        start = time.perf_counter()
        for _ in range(30):
            render(notice, env=env)
        best = min(best, (time.perf_counter() - start) / 30)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", default="124a95c")
    parser.add_argument("--items", type=int, default=48)
    args = parser.parse_args()
    notice = digest_of(args.items)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        page = browser.new_page(viewport={"width": PHONE, "height": 800})

        def measure(html: str) -> list[int]:
            page.set_content(html, wait_until="load")
            return list(
                page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
                )
            )

        new_env = make_environment()
        new = measure(render(notice, env=new_env).html)
        new.append(_render_ms(notice, new_env))
        signer = Links(base_url="https://reminders.example.org", secret="b" * 40)
        linked = measure(render(notice, env=new_env, links=signer).html)
        old_env = make_environment(user_templates=_old_templates(args.before, Path(tmp)))
        filters.DATE_FORMAT = OLD_DATE_FORMAT  # the old templates' dates, as they were
        filters._format_date.cache_clear()
        old = measure(render(notice, env=old_env).html)
        browser.close()
        old.append(_render_ms(notice, old_env))
    print(f"{args.items}-item digest at {PHONE} px    width  height  render ms")
    print(f"  before ({args.before})        {old[0]:5d}  {old[1]:6d}  {old[2]:9.1f}")
    print(f"  now                      {new[0]:5d}  {new[1]:6d}  {new[2]:9.1f}")
    print(f"  now, with answer links   {linked[0]:5d}  {linked[1]:6d}")
    print(f"  height now / before: {new[1] / old[1]:.0%} ({linked[1] / old[1]:.0%} with links)")


if __name__ == "__main__":
    main()
