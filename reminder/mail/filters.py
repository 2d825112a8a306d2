"""The filters and globals templates use: dates, wrapping, one-line text, headings.

Each reads the catalog language and time zone from the render context, so one
environment serves every language. See `render` for the template contract.
"""

from __future__ import annotations

import functools
import re
import textwrap
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from jinja2 import pass_context
from jinja2.runtime import Context

from reminder.mail.i18n import HEADINGS, STATUSES, resolve_language, translations
from reminder.planning.notices import Section
from reminder.register.snapshot import Item

DATE_FORMAT = "EEE d MMM y"  # "Mon 31 Jul 2023": weekday and month name, never 07/31 vs 31/07
DATETIME_FORMAT = "EEE d MMM y HH:mm"
TEXT_WIDTH = 76
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")  # whitespace runs, no-break spaces excepted
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, exactly
# Invisible characters that can make a name or subject read other than it is: the
# bidirectional embeddings, overrides and isolates ("Trojan Source"), directional marks,
# zero-width spaces and joiners other than ZWJ/ZWNJ, the BOM. They are dropped.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class MeetingGroup:
    """The items of a section from one meeting; `labelled` is False when no item has a meeting."""

    title: str | None
    date: date | None
    items: tuple[Item, ...]
    labelled: bool


def one_line(value: str) -> str:
    """`value` on one line: control characters and whitespace runs (CR, LF, U+2028...)
    become one space, except no-break spaces; bidirectional overrides and other invisible
    characters (not ZWJ/ZWNJ) go, as do leading and trailing spaces."""
    # Control characters (CR, LF, NUL, ESC...) become spaces: they have no business in a
    # header or a greeting. Format characters stay (Bengali needs ZWJ/ZWNJ), and so do
    # no-break spaces, which French typography puts before ":" and which must not wrap.
    return _SPACES.sub(" ", _CONTROL.sub(" ", _INVISIBLE.sub("", value))).strip(" ")


def wrap(value: object, width: int = TEXT_WIDTH, indent: str = "", first: str | None = None) -> str:
    """Fill `value` to `width` columns; later lines get `indent`, the first `first` (or
    `indent`). Whitespace (newlines included) is collapsed first. Long words (addresses,
    links) are never broken. For plain-text templates: the result is not HTML-safe."""
    return _fill(str(value), width, indent, first)


@functools.lru_cache(maxsize=16_384)
def _fill(value: str, width: int, indent: str, first: str | None) -> str:
    return textwrap.fill(
        one_line(value),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def by_meeting(items: tuple[Item, ...], enabled: bool = True) -> list[MeetingGroup]:
    """Group items by (meeting title, meeting date): groups in order of first appearance,
    items in the order given inside each group. With `enabled` false, one unlabelled group
    holding the items in the order given (reports keep planning's order by organisation)."""
    if not enabled:
        return [MeetingGroup(title=None, date=None, items=tuple(items), labelled=False)]
    groups: dict[tuple[str | None, date | None], list[Item]] = {}
    for item in items:
        groups.setdefault((item.meeting_title, item.meeting_date), []).append(item)
    labelled = any(title or day for title, day in groups)
    return [
        MeetingGroup(title=title, date=day, items=tuple(members), labelled=labelled)
        for (title, day), members in groups.items()
    ]


def tidy_text(text: str) -> str:
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw if raw == "-- " else raw.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def aware(moment: datetime) -> datetime:
    # Planning passes aware datetimes; a naive one is taken as UTC, like clock.now().
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@pass_context
def date_filter(context: Context, value: date | datetime | None) -> str:
    if value is None:
        return ""
    language = resolve_language(str(context.get("language", "en")))
    if isinstance(value, datetime):
        tz = ZoneInfo(str(context.get("timezone", "UTC")))
        local = aware(value).astimezone(tz)
        shown = format_datetime(local, DATETIME_FORMAT, tzinfo=tz, locale=language)
        return f"{shown} ({tz.key})"
    return _format_date(value, language)


@functools.lru_cache(maxsize=4_096)
def _format_date(value: date, language: str) -> str:
    # Babel's formatting costs about as much as rendering the rest of an item line.
    return format_date(value, DATE_FORMAT, locale=language)


@pass_context
def gettext(context: Context, message: str) -> str:
    return translations(str(context.get("language", "en")))[0](message)


@pass_context
def ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return translations(str(context.get("language", "en")))[1](singular, plural, n)


@pass_context
def heading(context: Context, section: Section) -> str:
    """The translated heading for a section key; planning's title for unknown keys."""
    msgid = HEADINGS.get(section.key)
    if msgid is None:
        return section.title
    return translations(str(context.get("language", "en")))[0](msgid)


@pass_context
def status_label(context: Context, status: str) -> str:
    msgid = STATUSES.get(status)
    if msgid is None:
        return status.replace("_", " ")
    return translations(str(context.get("language", "en")))[0](msgid)
