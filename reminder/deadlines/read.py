"""Reading loosely written deadlines against the meeting date, as a careful coordinator would.

Pure functions: no I/O, no clock, no shared state. Every Deadline keeps the phrase as written and
says how it was read (method, flags, a one-line note); a phrase that is not understood comes back
UNPARSED with no date rather than a guessed one.

This module reads a whole phrase; the pieces live beside it in this package: `types`
(Method, Deadline, Context), `words` (vocabulary), `parts` (pattern
building blocks), `patterns` (phrase shapes), `find` (phrases in free
text), `rules` and `repeat` (one reader per shape), `dates`
(complete dates in text, day-first or month-first evidence) and `calendar`
(WorkWeek, date arithmetic).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from reminder.deadlines.calendar import MON_FRI, SUN_THU, WorkWeek, show
from reminder.deadlines.dates import date_order, find_full_dates
from reminder.deadlines.find import best_phrase, inner_phrases
from reminder.deadlines.patterns import BEFORE_EVENT, CORES, NUMERIC_DATE, OPEN_WHOLE
from reminder.deadlines.rules import READERS
from reminder.deadlines.types import Context, Deadline, Method, NeedsAnchor, Reading
from reminder.deadlines.words import fold

__all__ = [
    "MON_FRI",
    "SUN_THU",
    "Deadline",
    "Method",
    "WorkWeek",
    "date_order",
    "detect_month_first",
    "find_deadline_phrase",
    "find_full_dates",
    "resolve_deadline",
]


def resolve_deadline(
    phrase: str | None,
    *,
    meeting_date: date | None,
    next_meeting: date | None = None,
    workweek: WorkWeek = MON_FRI,
    month_first: bool = False,
    carried_over: bool = False,
    events: Mapping[str, date] | None = None,
) -> Deadline:
    """Read a deadline phrase written at the meeting of meeting_date.

    Never raises for odd text: what cannot be read comes back as Method.UNPARSED with due None.
    Blank or None gives Method.NONE. A date before the meeting is kept, flagged "before_meeting";
    a yearless date already past rolls to next year ("rolled_to_next_year") unless carried_over,
    i.e. the item was reported from an earlier meeting. events maps event names (matched
    case-insensitively inside the phrase) to their dates.

    meeting_date None means the document states no meeting date: a phrase that needs one
    (relative, weekday, a date without its year) comes back as Method.NO_ANCHOR with due None
    and the flag "no_meeting_date"; a full date ("12 Sept 2019") is still read. Today's date
    is never used in its place.
    """
    if phrase is None or not phrase.strip():
        return Deadline(None if phrase is None else "", None, Method.NONE, note="no deadline given")
    given = phrase.strip()
    context = Context(meeting_date, next_meeting, workweek, month_first, carried_over)
    try:
        due, method, flags, label = _read(given, context, events or {}, whole=True)
    except NeedsAnchor:
        note = "needs the meeting date, and none was found (give --meeting-date)"
        return Deadline(given, None, Method.NO_ANCHOR, ("no_meeting_date",), note)
    except (ValueError, OverflowError) as error:
        return Deadline(given, None, Method.UNPARSED, note=f"looks like a date but is not: {error}")
    late = meeting_date is not None and due is not None and due < meeting_date
    if late and "before_meeting" not in flags:
        flags += ("before_meeting",)
    return Deadline(given, due, method, flags, _note(label, due, flags))


def find_deadline_phrase(text: str) -> str | None:
    """Find the deadline phrase in free action text, exactly as written (a substring), or None.

    The most specific phrase wins (a date over a month, a month over "next meeting", ...), then
    the longest. A directly attached "by"/"before"/"on the"/"in" is included, trailing
    punctuation is not; phrases that mark a start ("from next month") are not deadlines.
    """
    return best_phrase(text)


def detect_month_first(texts: Iterable[str]) -> bool:
    """True when the numeric dates in texts are clearly month-first and none clearly day-first.

    "Clearly month-first" is a second number above 12 (6/14/2019); "clearly day-first" a first
    number above 12 (14/6/2019). Dates that fit both readings are no evidence either way.
    """
    month_first = day_first = False
    for text in texts:
        for first, second in NUMERIC_DATE.findall(fold(text)):
            day_first |= int(first) > 12 >= int(second)
            month_first |= int(second) > 12 >= int(first)
    return month_first and not day_first


# --- reading a whole phrase -------------------------------------------------------------------

_BRACKETS = re.compile(r"[()\[\]{}\"]")
_COB = re.compile(
    r"(?<![a-z])(?:cob|c\.o\.b\.?|eod|e\.o\.d\.?|close\s+of\s+(?:the\s+)?business(?:\s+day)?)"
    r"(?![a-z])"
)
# A time of day says nothing about the date: "by 5pm Friday", "Friday 10:00".
_TIME = re.compile(
    r"(?<![\w.:/])\d{1,2}(?:[:.h]\d\d)?\s*(?:am|pm|a\.m\.?|p\.m\.?|h)(?![\w])"
    r"|(?<![\w.:/])\d{1,2}:\d\d(?![\w])|\bnoon\b|\bmidday\b"
)
_LEAD = re.compile(
    r"(?:by|before|until|till|til|no\s+later\s+than|not\s+later\s+than|nlt|on\s+or\s+before|on"
    r"|at|in|for|during|due(?:\s+date)?(?:\s+(?:by|on))?|deadline(?:\s+date)?(?:\s+is)?"
    r"|latest\s+by|d'ici(?:\s+(?:le|la|a))?|avant(?:\s+(?:le|la))?|jusqu'(?:au|a)"
    r"|au\s+plus\s+tard(?:\s+le)?|pour(?:\s+le)?|le|antes\s+del?|hasta(?:\s+el)?|para(?:\s+el)?"
    r"|a\s+mas\s+tardar(?:\s+el)?|el|en)(?:\s*:\s*|\s+|$)"
)
_TAIL = re.compile(r"[\s,]*(?:at\s+the\s+latest|latest|au\s+plus\s+tard)$")


def _read(given: str, c: Context, events: Mapping[str, date], *, whole: bool) -> Reading:
    """Read a trimmed phrase: a known shape, an event, else the one phrase inside it (whole).

    Raises ValueError for what looks like a date but is none ("31 June").
    """
    light = " ".join(fold(given).split()).strip(".,;:! ")
    # Open-ended words go first, before "on going" or "in progress" can lose their first word.
    if OPEN_WHOLE.fullmatch(light):
        return None, Method.OPEN_ENDED, (), "open-ended: no date to track"
    text, cob = _normalise(light)
    if not text and cob:
        return c.meeting, Method.RELATIVE, (), "close of business on the meeting day"
    for shape, pattern in CORES:
        if match := pattern.fullmatch(text):
            return READERS[shape.kind](match, c)
    if event := _known_event(light, events):
        return event
    parts = inner_phrases(given) if whole else []
    if len(parts) == 1:
        due, method, flags, label = _read(parts[0], c, events, whole=False)
        if method is not Method.UNPARSED:
            return due, method, flags, f"{label}, reading only {parts[0]!r}"
    elif len(parts) > 1:
        if chosen := _one_of(given, parts, c, events):
            return chosen
        return None, Method.UNPARSED, (), f"several possible deadlines: {', '.join(parts)}"
    if match := BEFORE_EVENT.fullmatch(light):
        label = f"event {match['event']!r} has no known date"
        return None, Method.EVENT, ("event_date_unknown",), label
    return None, Method.UNPARSED, (), "not a deadline this reader understands"


# A stated date says which day a weekday or a meeting is: "COB Monday 18/03", "the next ECC
# meeting (24/08)", "by Friday (21 October)".
# A first date of a recurring task wins too: "every month (first update by 15 December)".
_DATED = frozenset(
    {Method.WEEKDAY, Method.WEEK, Method.NEXT_MEETING, Method.EVENT, Method.RECURRING}
)
_ALTERNATIVES = re.compile(r"(?<![a-z])(?:or|ou|o)(?![a-z])")


def _one_of(given: str, parts: list[str], c: Context, events: Mapping[str, date]) -> Reading | None:
    """The one deadline meant by several phrases, or None when they disagree.

    Phrases that all give the same date are one deadline written twice (a bilingual cell:
    "fin juin / end of June"); one explicit date among weekdays and meetings dates them.
    Alternatives ("12 Sept or next meeting") stay unread.
    """
    if _ALTERNATIVES.search(fold(given)):
        return None
    readings = []
    for part in parts:
        try:
            readings.append((part, _read(part, c, events, whole=False)))
        except ValueError:
            return None
    if any(reading[1] is Method.UNPARSED for _, reading in readings):
        return None
    dues = {reading[0] for _, reading in readings}
    if len(dues) == 1 and None not in dues:
        part, (due, method, flags, label) = readings[0]
        return due, method, flags, f"{label}, the same date in every part"
    dated = [(p, r) for p, r in readings if r[1] is Method.EXPLICIT_DATE]
    if len(dated) == 1 and all(r[1] in _DATED for p, r in readings if (p, r) != dated[0]):
        part, (due, method, flags, label) = dated[0]
        return due, method, flags, f"{label}, reading the stated date {part!r}"
    return None


def _normalise(light: str) -> tuple[str, bool]:
    """Drop brackets, "COB"/"EOD" and a leading "by"/"before"/"deadline:"; say if COB was there."""
    text, cobs = _COB.subn(" ", _TIME.sub(" ", _BRACKETS.sub(" ", light)))
    text = _TAIL.sub("", " ".join(text.split()))
    while (lead := _LEAD.match(text)) and lead.end():
        text = text[lead.end() :].strip(" ,:;")
    return text.strip(" .,;:!"), cobs > 0


def _known_event(light: str, events: Mapping[str, date]) -> Reading | None:
    """The date of the longest event name in the folded phrase, or None if none is named."""
    names = [(" ".join(fold(name).split()), name) for name in events]
    hits = [
        (key, name) for key, name in names if key and re.search(rf"\b{re.escape(key)}\b", light)
    ]
    if not hits:
        return None
    _, name = max(hits, key=lambda hit: len(hit[0]))
    return events[name], Method.EVENT, (), f"date of {name}"


_EXPLAINED = {
    "rolled_to_next_year": "already past this year, so next year",
    "before_meeting": "before the meeting date",
    "month_first": "read month-first",
    "approximate": "approximate",
    "weekday_mismatch": "the weekday written does not match the date",
    "non_working_day": "not a working day",
}


def _note(label: str, due: date | None, flags: tuple[str, ...]) -> str:
    """ "label -> 9 Sep 2019 (reasons for the flags)", the one line that explains a reading."""
    note = label if due is None else f"{label} -> {show(due)}"
    reasons = [_EXPLAINED[flag] for flag in flags if flag in _EXPLAINED]
    return f"{note} ({'; '.join(reasons)})" if reasons else note
