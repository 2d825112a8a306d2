"""Every kind of mail scores well under SpamAssassin's local rules (no network tests).

Needs the `spamassassin` command (Debian: apt-get install spamassassin). Without it the
tests are skipped locally and fail in CI (CI=true), which installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from reminder.config.settings import ForumSettings, Settings
from reminder.config.web import WebSettings
from reminder.mail.compose import compose
from reminder.mail.render import make_environment, render
from reminder.planning.notices import Kind
from reminder.service.render_pool import mail_for
from tests.mail.test_compose import SETTINGS
from tests.mail.test_render import KINDS, LANGUAGES, NOW, make_notice

MAX_SCORE = 1.0
# Each kind and language, as mailed without a public base URL and with one (answer
# links, settings and unsubscribe links, one-click List-Unsubscribe, the .ics).
CASES = [
    (kind, language, linked) for kind in KINDS for language in LANGUAGES for linked in (False, True)
]
WEB = Settings(
    mail=SETTINGS, web=WebSettings(base_url="https://reminders.example.org", secret_key="w" * 40)
)
_SCORE = re.compile(r"^X-Spam-Status: \w+, score=(-?\d+(?:\.\d+)?)", re.MULTILINE)


def _spamassassin() -> str:
    found = shutil.which("spamassassin")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("spamassassin is required in CI but is not on PATH")
        pytest.skip("spamassassin is not installed (apt-get install spamassassin)")
    return found


def _score(command: str, message: bytes) -> tuple[float, str]:
    # -L: local tests only (no DNS blocklists, no network); -t: append the rule report.
    done = subprocess.run(
        [command, "-L", "-t"], input=message, capture_output=True, timeout=120, check=True
    )
    out = done.stdout.decode("utf-8", "replace")
    found = _SCORE.search(out)
    assert found, f"no X-Spam-Status in spamassassin output:\n{out[:2000]}"
    report = out[out.find("Content analysis details") :]
    return float(found.group(1)), report


@pytest.fixture(scope="module")
def scores() -> dict[tuple[Kind, str, bool], tuple[float, str]]:
    """(score, rule report) per case, one spamassassin run each, in parallel."""
    command = _spamassassin()
    env = make_environment()
    messages = {}
    for kind, language, linked in CASES:
        notice = make_notice(kind, language=language)
        if linked:
            rules = ForumSettings(name=notice.forum, language=language)
            mail = mail_for(rules=rules, notice=notice, env=env, settings=WEB, now=NOW)
            assert "List-Unsubscribe-Post" in mail.message
        else:
            mail = compose(notice, render(notice, env=env), settings=SETTINGS, now=NOW)
        messages[(kind, language, linked)] = mail.message.as_bytes()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = pool.map(lambda case: _score(command, messages[case]), CASES)
        return dict(zip(CASES, results, strict=True))


@pytest.mark.parametrize(("kind", "language", "linked"), CASES)
def test_spamassassin_scores_every_kind_well_under_one_point(
    scores: dict[tuple[Kind, str, bool], tuple[float, str]], kind: Kind, language: str, linked: bool
) -> None:
    score, report = scores[(kind, language, linked)]
    assert score < MAX_SCORE, f"{kind.value}/{language}/links={linked} scored {score}:\n{report}"
