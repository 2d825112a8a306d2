"""Every kind of mail, rendered in headless Chromium at 375 px (a phone), fits the screen.

Drives Debian's Chromium (/usr/bin/chromium; apt-get install chromium) with Playwright,
never a downloaded browser. Without it the tests are skipped locally and fail in CI
(CI=true), which installs it (.ci/run).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from jinja2 import Environment

from reminder.mail.links import Links
from reminder.mail.render import make_environment, render
from reminder.planning.notices import Kind, Notice, Section
from reminder.register.snapshot import Person
from tests.browser import PHONE, chromium_page
from tests.mail.test_render import (
    CPSS_TOOL,
    KINDS,
    LANGUAGES,
    MAPPING,
    MATRIX,
    PATHWAY,
    make_item,
    make_notice,
)

# This 48-item digest (`digest_of(48)`) measured 6,176 px at 375 px with the templates
# before issue 11 (commit 124a95c): the narrow Due column wrapped each date over several
# lines, "Owner: WFP" on every row. The bound is half of that; bench/mail_height.py
# prints both heights side by side (2,935 px now; 3,598 px with the answer links, which
# add a line per item). Measured with Liberation Sans (Arial's metrics, which .ci/run
# installs); with DejaVu Sans alone every height is about 10 % taller.
OLD_DIGEST_HEIGHT = 6_176
MAX_DIGEST_HEIGHT = OLD_DIGEST_HEIGHT // 2
MAX_LINKED_HEIGHT = OLD_DIGEST_HEIGHT * 6 // 10
LONG_URL = "https://drive.example.org/drive/folders/" + "1AbCdEfGhIjKlMnOpQrStUvWxYz" * 6
LONG_WORD = "Kinderschutzarbeitsgruppenkoordinationsverantwortlichkeiten" * 3
TEXTS = (CPSS_TOOL, MAPPING, MATRIX, PATHWAY)
WFP = Person("Rana Haque", "rana.haque@wfp.example.org", "WFP")


def digest_of(n: int, *, language: str = "en") -> Notice:
    """A digest to a WFP focal point of `n` WFP items: half overdue, a third due soon,
    the rest undated, from three meetings, with the four texts of the other tests."""
    items = []
    for i in range(n):
        late = i % 6 < 3
        undated = i % 6 == 5
        due = None if undated else date(2023, 8, 23) + timedelta(days=(-3 * i - 1 if late else i))
        items.append(
            make_item(
                i + 1,
                TEXTS[i % len(TEXTS)],
                owners=("WFP",),
                organisations=("WFP",),
                due_date=due,
                days_overdue=(date(2023, 8, 23) - due).days if late and due else None,
                due_phrase="TBD" if undated else None,
                meeting_date=date(2023, 6, 19) + timedelta(days=28 * (i % 3)),
                ref=f"AP-{100 + i}" if i % 2 else None,
            )
        )
    groups = (
        ("overdue", [i for i in items if i.days_overdue]),
        ("due_soon", [i for i in items if i.due_date and not i.days_overdue]),
        ("undated", [i for i in items if i.due_date is None]),
    )
    notice = make_notice(Kind.DIGEST, language=language, to=(WFP,))
    sections = tuple(Section(key, key, tuple(found)) for key, found in groups)
    return dataclasses.replace(notice, sections=sections)


def _hostile(kind: Kind, language: str) -> Notice:
    """`kind` whose first item holds a 200-character link and a 180-letter word."""
    return make_notice(kind, language=language, text=f"See {LONG_URL} and {LONG_WORD}.")


@pytest.fixture(scope="module")
def env() -> Environment:
    return make_environment()


@pytest.fixture(scope="module")
def page() -> Iterator[object]:
    with chromium_page(width=PHONE) as opened:
        yield opened


def measure(page: object, html: str) -> tuple[int, int]:
    """(scrollWidth, scrollHeight) of the document once `html` is laid out."""
    page.set_content(html, wait_until="load")  # type: ignore[attr-defined]
    width, height = page.evaluate(  # type: ignore[attr-defined]
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    return int(width), int(height)


@pytest.mark.parametrize("hostile", [False, True], ids=["plain", "long-link-and-word"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_no_mail_is_wider_than_a_phone(
    page: object, env: Environment, kind: Kind, language: str, hostile: bool
) -> None:
    notice = _hostile(kind, language) if hostile else make_notice(kind, language=language)
    width, _height = measure(page, render(notice, env=env).html)
    print(f"{kind.value}/{language}{' hostile' if hostile else ''}: {width} px wide")
    assert width <= PHONE


def test_items_are_cards_on_a_phone_with_links_clickable(page: object, env: Environment) -> None:
    measure(page, render(_hostile(Kind.DIGEST, "en"), env=env).html)
    display = page.evaluate(  # type: ignore[attr-defined]
        "getComputedStyle(document.querySelector('tr.item')).display"
    )
    assert display == "block"
    href = page.evaluate("document.querySelector('td.text a').href")  # type: ignore[attr-defined]
    assert href == LONG_URL


def test_a_48_item_digest_is_less_than_half_its_old_height_on_a_phone(
    page: object, env: Environment
) -> None:
    notice = digest_of(48)
    assert sum(len(s.items) for s in notice.sections) == 48
    rendered = render(notice, env=env)
    width, height = measure(page, rendered.html)
    print(f"48-item digest at {PHONE} px: {height} px tall, {width} px wide")
    print(f"  before issue 11: {OLD_DIGEST_HEIGHT} px; bound {MAX_DIGEST_HEIGHT} px")
    assert width <= PHONE
    assert height < MAX_DIGEST_HEIGHT
    # The owner is the recipient's organisation: no "Owner: WFP" on every item.
    assert "Owner: WFP" not in rendered.html and "Owner: WFP" not in rendered.text


def test_answer_links_share_the_due_line_on_a_phone(page: object, env: Environment) -> None:
    signer = Links(base_url="https://reminders.example.org", secret="s" * 40)
    rendered = render(digest_of(48), env=env, links=signer)
    width, height = measure(page, rendered.html)
    print(f"48-item digest with answer links at {PHONE} px: {height} px tall")
    assert width <= PHONE
    assert height < MAX_LINKED_HEIGHT
    # The links follow the due date in its cell: one block per card, not a row of its own.
    assert 'class="links"' in rendered.html and '<tr class="links"' not in rendered.html


def test_every_item_shows_its_number(env: Environment) -> None:
    rendered = render(digest_of(6), env=env)
    for item in (i for s in digest_of(6).sections for i in s.items):
        assert item.number in rendered.text and item.number in rendered.html
    assert "AP-101" in rendered.text and "#1 " in rendered.text
