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
from markupsafe import Markup, escape

from reminder.mail.i18n import resolve_language
from reminder.register.snapshot import Item, Person

# "Monday 31 July 2023", "lundi 31 juillet 2023": written out as a coordinator writes a
# date, never 07/31 vs 31/07, nor "lun. 31 juil." which reads badly in French prose.
DATE_FORMAT = "EEEE d MMMM y"
DATETIME_FORMATS = {"en": "EEEE d MMMM y 'at' HH:mm", "fr": "EEEE d MMMM y 'à' HH:mm"}
TEXT_WIDTH = 76
# Where `wrap` breaks a line softly (format=flowed): a control character, which no user
# text can carry (one_line replaced them all), turned into a trailing space by `flowed`.
SOFT_BREAK = "\x1f"
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
    if value.isascii() and value.isprintable() and "  " not in value:
        # What the three passes below leave of such text (most of it): ASCII has no
        # invisible characters, printable ASCII no controls, and no whitespace but " ".
        return value.strip(" ")
    return _SPACES.sub(" ", _CONTROL.sub(" ", _INVISIBLE.sub("", value))).strip(" ")


def wrap(value: object, width: int = TEXT_WIDTH, indent: str = "", first: str | None = None) -> str:
    """One flowed paragraph (RFC 3676): `value` filled to `width` columns, the first line
    prefixed with `first` (or `indent`), later lines with `indent` (none by default: a
    flowed reader joins them into one line, where an indent would be stray spaces), the
    soft breaks marked with `SOFT_BREAK` for `flowed`. Whitespace (newlines included) is
    collapsed first. Long words (addresses, links) are never broken. For plain-text
    templates: the result is not HTML-safe."""
    return _fill(str(value), width, indent, first)


@functools.lru_cache(maxsize=2_048)  # the texts mails repeat; see fragments.item_renderer
def _fill(value: str, width: int, indent: str, first: str | None) -> str:
    text = one_line(value)
    start = indent if first is None else first
    # room for the trailing space of a soft break
    return (SOFT_BREAK + "\n").join(fill_lines(text, width - 1, start, indent))


def fill_lines(text: str, width: int, first: str, indent: str) -> list[str]:
    """What `textwrap.wrap(text, width, initial_indent=first, subsequent_indent=indent,
    break_long_words=False, break_on_hyphens=False)` gives, for `text` from `one_line`
    (words parted by single spaces), by a greedy fill several times faster: wrapping
    was a tenth of rendering a digest. A word that str.strip() empties (a lone no-break
    space, which textwrap treats as a space) goes to textwrap itself."""
    words = text.split(" ")
    # In printable ASCII the only whitespace is " ": no word is blank unless empty.
    plain = text.isascii() and text.isprintable() and "" not in words
    if not text or not (plain or all(w.strip() for w in words)):
        return textwrap.wrap(
            text,
            width=width,
            initial_indent=first,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    lines: list[str] = []
    prefix, line = first, words[0]
    for word in words[1:]:
        if len(prefix) + len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(prefix + line)
            prefix, line = indent, word
    lines.append(prefix + line)
    return lines


def flowed(text: str) -> str:
    """`text` (from `tidy_text`) as format=flowed, DelSp=No (RFC 3676): soft breaks become
    a trailing space; lines starting with a space, ">" or "From " are space-stuffed, so
    no reader takes them for quotes; every other line ends without a space (a hard
    break), except the "-- " signature separator."""
    out = []
    for line in text.split("\n"):
        soft = line.endswith(SOFT_BREAK)
        line = line.replace(SOFT_BREAK, "").rstrip(" ") if line != "-- " else line
        if line.startswith((" ", ">", "From ")):
            line = " " + line
        out.append(line + " " if soft and line.strip() else line)
    return "\n".join(out)


_URL = re.compile(r"\bhttps?://[^\s<>\"'\u00a0]+", re.IGNORECASE)
_URL_TAIL = ".,;:!?)]}»”’"


def linkify(value: object, *, style: str = "") -> Markup:
    """User text as HTML: escaped, each http(s) URL made a link (trailing punctuation
    left out of it), href and text escaped. Nothing else becomes markup. `style` is the
    links' style attribute, already escaped (the mail stylesheet's, see mail.inline)."""
    text = str(value)
    out: list[str] = []
    last = 0
    for found in _URL.finditer(text):
        url = found.group(0)
        while url and url[-1] in _URL_TAIL and not (url[-1] == ")" and "(" in url):
            url = url[:-1]
        if len(url) <= len("https://"):
            continue
        out.append(str(escape(text[last : found.start()])))
        styled = f' style="{style}"' if style else ""
        out.append(f'<a href="{escape(url)}"{styled}>{escape(url)}</a>')
        last = found.start() + len(url)
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def mailbox(person: Person) -> str:
    """ "Name <address>", or the address alone when the name is unknown."""
    name = one_line(person.name)
    return f"{name} <{person.email}>" if name else person.email


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
        # Not str.rstrip(): it would also take SOFT_BREAK (U+001F counts as a space).
        line = raw if raw == "-- " else raw.rstrip(" \t\r\v\f")
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
        return _format_moment(aware(value), str(context.get("timezone", "UTC")), language)
    return _format_date(value, language)


@functools.lru_cache(maxsize=1_024)
def _format_moment(value: datetime, timezone: str, language: str) -> str:
    # Every mail of a run shows the same moment ("Sent on ..."): Babel formats it once.
    tz = ZoneInfo(timezone)
    pattern = DATETIME_FORMATS.get(language, DATETIME_FORMATS["en"])
    shown = format_datetime(value.astimezone(tz), pattern, tzinfo=tz, locale=language)
    return f"{shown} ({tz.key})"


def format_day(value: date, language: str) -> str:
    """A date as the `date` filter shows it, in `language`."""
    return _format_date(value, resolve_language(language))


def recipient_keys(people: tuple[Person, ...]) -> frozenset[str]:
    """The names and organisations of a mail's recipients, as `owned_by` compares them."""
    names = {one_line(p.name).casefold() for p in people}
    return frozenset(
        names | {one_line(p.organisation).casefold() for p in people if p.organisation}
    )


@functools.lru_cache(maxsize=1_024)
def _owner_keys(owners: tuple[str, ...]) -> frozenset[str]:
    return frozenset(one_line(o).casefold() for o in owners)


@pass_context
def owned_by(context: Context, item: Item) -> bool:
    """True when every owner of `item` is a recipient of the mail, by name or by
    organisation: a digest then leaves out the owner line ("Owner: WFP" on every row)."""
    mine = context.get("recipient_keys")
    if mine is None:
        notice = context.get("notice")
        mine = recipient_keys(notice.to if notice is not None else ())
    return bool(item.owners) and _owner_keys(item.owners) <= mine


@functools.lru_cache(maxsize=4_096)
def _format_date(value: date, language: str) -> str:
    # Babel's formatting costs about as much as rendering the rest of an item line.
    return format_date(value, DATE_FORMAT, locale=language)
