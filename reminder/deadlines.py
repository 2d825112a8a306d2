"""Reading loosely written deadlines against the meeting date, as a careful coordinator would.

Pure functions: no I/O, no clock, no shared state. Every Deadline keeps the phrase as written and
says how it was read (method, flags, a one-line note); a phrase that is not understood comes back
UNPARSED with no date rather than a guessed one.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from reminder import _deadline_patterns as P

__all__ = [
    "MON_FRI",
    "SUN_THU",
    "Deadline",
    "Method",
    "WorkWeek",
    "detect_month_first",
    "find_deadline_phrase",
    "resolve_deadline",
]

_DAY = timedelta(days=1)
_MONTH_NAME, _WEEKDAY_NAME = P.MONTH_NAMES, P.WEEKDAY_NAMES
_NTH = (MO, TU, WE, TH, FR, SA, SU)


@dataclass(frozen=True)
class WorkWeek:
    """The working weekdays of a duty station, Monday=0 .. Sunday=6.

    A week starts on the day after the last weekend day: Monday for MON_FRI, Sunday for SUN_THU.
    """

    days: frozenset[int]

    def __post_init__(self) -> None:
        if not self.days or not self.days <= frozenset(range(7)):
            raise ValueError(f"working days must be a non-empty subset of 0..6: {self.days!r}")

    def is_working(self, day: date) -> bool:
        return day.weekday() in self.days

    def week_start(self, day: date) -> date:
        """The first day of the week that contains day."""
        days = self.days
        first = next((d for d in range(7) if d in days and (d - 1) % 7 not in days), 0)
        return day - timedelta(days=(day.weekday() - first) % 7)

    def latest_working_day(self, first: date, last: date) -> date:
        """The latest working day in first..last (last itself if none of them is worked)."""
        day = last
        while day >= first:
            if self.is_working(day):
                return day
            day -= _DAY
        return last

    def last_working_day_of_week(self, day: date) -> date:
        """The latest working day of the week containing day; it may fall before day."""
        start = self.week_start(day)
        return self.latest_working_day(start, start + 6 * _DAY)

    def add_working_days(self, day: date, count: int) -> date:
        """The day count working days after day (the next working day for count=1)."""
        while count > 0:
            day += _DAY
            if self.is_working(day):
                count -= 1
        return day


MON_FRI = WorkWeek(frozenset({0, 1, 2, 3, 4}))
SUN_THU = WorkWeek(frozenset({6, 0, 1, 2, 3}))


class Method(enum.StrEnum):
    """How a due date was read from its phrase."""

    EXPLICIT_DATE = "explicit_date"
    MONTH_END = "month_end"
    MID_MONTH = "mid_month"
    EARLY_MONTH = "early_month"
    WEEK = "week"
    QUARTER = "quarter"
    RELATIVE = "relative"
    WEEKDAY = "weekday"
    NEXT_MEETING = "next_meeting"
    EVENT = "event"
    RECURRING = "recurring"
    OPEN_ENDED = "open_ended"
    UNPARSED = "unparsed"
    NONE = "none"


@dataclass(frozen=True)
class Deadline:
    """A deadline as written (phrase, trimmed) and as read (due, method, flags, note)."""

    phrase: str | None
    due: date | None
    method: Method
    flags: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class _Context:
    meeting: date
    next_meeting: date | None
    workweek: WorkWeek
    month_first: bool
    carried_over: bool


_Reading = tuple[date | None, Method, tuple[str, ...], str]  # due, method, flags, label for note
_Reader = Callable[[re.Match[str], _Context], _Reading]


def resolve_deadline(
    phrase: str | None,
    *,
    meeting_date: date,
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
    """
    if phrase is None or not phrase.strip():
        return Deadline(None if phrase is None else "", None, Method.NONE, note="no deadline given")
    given = phrase.strip()
    context = _Context(meeting_date, next_meeting, workweek, month_first, carried_over)
    try:
        due, method, flags, label = _read(given, context, events or {}, whole=True)
    except (ValueError, OverflowError) as error:
        return Deadline(given, None, Method.UNPARSED, note=f"looks like a date but is not: {error}")
    if due is not None and due < meeting_date and "before_meeting" not in flags:
        flags += ("before_meeting",)
    return Deadline(given, due, method, flags, _note(label, due, flags))


def find_deadline_phrase(text: str) -> str | None:
    """Find the deadline phrase in free action text, exactly as written (a substring), or None.

    The most specific phrase wins (a date over a month, a month over "next meeting", ...), then
    the longest. A directly attached "by"/"before"/"on the"/"in" is included, trailing
    punctuation is not; phrases that mark a start ("from next month") are not deadlines.
    """
    found = _candidates(text)
    if not found:
        return None
    _, start, end = max(found, key=lambda c: (c[0], c[2] - c[1], -c[1]))
    return text[start:end]


def detect_month_first(texts: Iterable[str]) -> bool:
    """True when the numeric dates in texts are clearly month-first and none clearly day-first.

    "Clearly month-first" is a second number above 12 (6/14/2019); "clearly day-first" a first
    number above 12 (14/6/2019). Dates that fit both readings are no evidence either way.
    """
    month_first = day_first = False
    for text in texts:
        for first, second in P.NUMERIC_DATE.findall(P.fold(text)):
            day_first |= int(first) > 12 >= int(second)
            month_first |= int(second) > 12 >= int(first)
    return month_first and not day_first


# --- reading a whole phrase -------------------------------------------------------------------

_BRACKETS = re.compile(r"[()\[\]{}\"]")
_COB = re.compile(
    r"(?<![a-z])(?:cob|c\.o\.b\.?|eod|e\.o\.d\.?|close\s+of\s+(?:the\s+)?business(?:\s+day)?)"
    r"(?![a-z])"
)
_LEAD = re.compile(
    r"(?:by|before|until|till|til|no\s+later\s+than|not\s+later\s+than|nlt|on\s+or\s+before|on"
    r"|at|in|for|during|due(?:\s+date)?(?:\s+(?:by|on))?|deadline(?:\s+date)?(?:\s+is)?"
    r"|latest\s+by|d'ici(?:\s+(?:le|la|a))?|avant(?:\s+(?:le|la))?|jusqu'(?:au|a)"
    r"|au\s+plus\s+tard(?:\s+le)?|pour(?:\s+le)?|le)(?:\s*:\s*|\s+|$)"
)
_TAIL = re.compile(r"[\s,]*(?:at\s+the\s+latest|latest|au\s+plus\s+tard)$")


def _read(given: str, c: _Context, events: Mapping[str, date], *, whole: bool) -> _Reading:
    light = " ".join(P.fold(given).split()).strip(".,;:! ")
    # Open-ended words go first, before "on going" or "in progress" can lose their first word.
    if P.OPEN_WHOLE.fullmatch(light):
        return None, Method.OPEN_ENDED, (), "open-ended: no date to track"
    text, cob = _normalise(light)
    if not text and cob:
        return c.meeting, Method.RELATIVE, (), "close of business on the meeting day"
    for shape, pattern in P.CORES:
        if match := pattern.fullmatch(text):
            return _READERS[shape.kind](match, c)
    if event := _known_event(light, events):
        return event
    parts = _widest_phrases(given) if whole else []
    if len(parts) == 1:
        due, method, flags, label = _read(parts[0], c, events, whole=False)
        if method is not Method.UNPARSED:
            return due, method, flags, f"{label}, reading only {parts[0]!r}"
    elif len(parts) > 1:
        return None, Method.UNPARSED, (), f"several possible deadlines: {', '.join(parts)}"
    if match := P.BEFORE_EVENT.fullmatch(light):
        return (
            None,
            Method.EVENT,
            ("event_date_unknown",),
            f"event {match['event']!r} has no known date",
        )
    return None, Method.UNPARSED, (), "not a deadline this reader understands"


def _normalise(light: str) -> tuple[str, bool]:
    """Drop brackets, "COB"/"EOD" and a leading "by"/"before"/"deadline:"; say if COB was there."""
    text, cobs = _COB.subn(" ", _BRACKETS.sub(" ", light))
    text = _TAIL.sub("", " ".join(text.split()))
    while (lead := _LEAD.match(text)) and lead.end():
        text = text[lead.end() :].strip(" ,:;")
    return text.strip(" .,;:!"), cobs > 0


def _known_event(light: str, events: Mapping[str, date]) -> _Reading | None:
    names = [(" ".join(P.fold(name).split()), name) for name in events]
    hits = [
        (key, name) for key, name in names if key and re.search(rf"\b{re.escape(key)}\b", light)
    ]
    if not hits:
        return None
    _, name = max(hits, key=lambda hit: len(hit[0]))
    return events[name], Method.EVENT, (), f"date of {name}"


def _widest_phrases(given: str) -> list[str]:
    """Deadline phrases inside a longer phrase, leaving out any that lies within another."""
    spans = {(start, end) for _, start, end in _candidates(given)}
    widest = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    return [given[start:end] for start, end in sorted(widest) if end - start < len(given)]


def _candidates(text: str) -> list[tuple[int, int, int]]:
    """(rank, start, end) of every deadline-like phrase in text."""
    folded = P.fold(text)
    found, starts = [], []
    for shape, finder in P.FINDERS:
        for match in finder.finditer(folded):
            start, end = match.span()
            core = match["core"] if match["core"] is not None else match["pcore"]
            if match["lead"] is None:
                if P.WEAK.fullmatch(core.strip(" .")):
                    continue
                start, end = match.span("core" if match["core"] is not None else "pcore")
            while end > start and folded[end - 1] in " .,;:":
                end -= 1
            if P.NOT_A_DEADLINE_BEFORE.search(folded[:start]):
                starts.append((start, end))  # "from 1 July": a start date, nor is "July" in it
            # Lower-case "may" is the verb ("partners may share"), not the month.
            elif not (re.search(r"\bmay\b", text[start:end]) and not re.search(r"\d{4}", core)):
                found.append((shape.rank, start, end))
    return [c for c in found if not any(s <= c[1] and c[2] <= e for s, e in starts)]


# --- readers, one per Shape.kind ----------------------------------------------------------------


def _year_of(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    return 2000 + int(groups["yy"]) if groups.get("yy") else None


def _in_year(
    make: Callable[[int], date], year: int | None, c: _Context, *, by_month: bool
) -> tuple[date, tuple[str, ...]]:
    """The date in the given year, else the meeting's, else (already past) the next year's.

    Items carried over from an earlier meeting never roll: their date was set in the past.
    by_month: whether "past" means an earlier month (July at a mid-July meeting is not past).
    """
    if year is not None:
        return make(year), ()
    try:
        due: date | None = make(c.meeting.year)
    except ValueError:  # 29 February outside a leap year
        if c.carried_over:
            raise
        due = None
    if due is not None:
        past = (
            (due.year, due.month) < (c.meeting.year, c.meeting.month)
            if by_month
            else due < c.meeting
        )
        if c.carried_over or not past:
            return due, ()
    return make(c.meeting.year + 1), ("rolled_to_next_year",)


def _day_month(match: re.Match[str], c: _Context) -> tuple[int, int, tuple[str, ...]]:
    groups = match.groupdict()
    if groups.get("month"):
        return int(groups["day"]), P.MONTHS[groups["month"]], ()
    if groups.get("iso_month"):
        return int(groups["iso_day"]), int(groups["iso_month"]), ()
    first, second = int(groups["a"]), int(groups["b"])
    # A first number above 12 can only be a day; a second above 12 can only be a day too.
    if first <= 12 and (c.month_first or second > 12):
        return second, first, ("month_first",)
    return first, second, ()


def _explicit(match: re.Match[str], c: _Context) -> tuple[date, tuple[str, ...]]:
    day, month, flags = _day_month(match, c)
    due, rolled = _in_year(lambda y: date(y, month, day), _year_of(match), c, by_month=False)
    weekday = match.groupdict().get("wd")
    if weekday and P.WEEKDAYS[weekday] != due.weekday():
        flags += ("weekday_mismatch",)
    return due, flags + rolled


def _read_date(match: re.Match[str], c: _Context) -> _Reading:
    due, flags = _explicit(match, c)
    return due, Method.EXPLICIT_DATE, flags, "date as written"


def _read_week_of(match: re.Match[str], c: _Context) -> _Reading:
    inner = next((m for p in P.DATE_CORES if (m := p.fullmatch(match["inner"]))), None)
    if inner is None:
        raise ValueError(f"no date after 'week of': {match['inner']!r}")
    day, flags = _explicit(inner, c)
    due = c.workweek.last_working_day_of_week(day)
    return due, Method.WEEK, flags, f"last working day of the week of {_show(day)}"


def _read_week_of_month(match: re.Match[str], c: _Context) -> _Reading:
    n, month = P.ORDINALS[match["ord"]], P.MONTHS[match["month"]]

    def make(year: int) -> date:
        first = date(year, month, 1)
        start = first + relativedelta(day=31, days=-6) if n < 0 else first + 7 * (n - 1) * _DAY
        return c.workweek.latest_working_day(start, start + 6 * _DAY)

    due, flags = _in_year(make, _year_of(match), c, by_month=True)
    which = "last" if n < 0 else match["ord"]
    return (
        due,
        Method.WEEK,
        flags,
        f"last working day of the {which} week of {_MONTH_NAME[month - 1]}",
    )


def _read_month(match: re.Match[str], c: _Context) -> _Reading:
    month = P.MONTHS[match["month"]]
    flags: tuple[str, ...] = ()
    day, method, label = 31, Method.MONTH_END, "end of"
    if match["mid"] is not None:
        day, method, flags, label = 15, Method.MID_MONTH, ("approximate",), "mid"
    elif match["early"] is not None:
        day, method, flags, label = 10, Method.EARLY_MONTH, ("approximate",), "early"
    elif match["late"] is not None:
        flags, label = ("approximate",), "late"
    year = _year_of(match)
    due, rolled = _in_year(
        lambda y: date(y, month, 1) + relativedelta(day=day), year, c, by_month=True
    )
    label = f"{label} {_MONTH_NAME[month - 1]}" + (f" {year}" if year else "")
    return due, method, flags + rolled, label


def _quarter_end(year: int, quarter: int) -> date:
    return date(year, 3 * quarter, 1) + relativedelta(day=31)


def _read_quarter(match: re.Match[str], c: _Context) -> _Reading:
    quarter = int(match["q"]) if match["q"] else P.ORDINALS[match["ord"]] % 5
    due, flags = _in_year(lambda y: _quarter_end(y, quarter), _year_of(match), c, by_month=False)
    return due, Method.QUARTER, flags, f"end of Q{quarter}"


def _read_this_quarter(match: re.Match[str], c: _Context, ahead: int = 0) -> _Reading:
    start = c.meeting + relativedelta(months=3 * ahead)
    quarter = (start.month - 1) // 3 + 1
    which = "next" if ahead else "this"
    return _quarter_end(start.year, quarter), Method.QUARTER, (), f"end of {which} quarter"


def _read_half(match: re.Match[str], c: _Context) -> _Reading:
    half = int(match["h"]) if match["h"] else 1 + (match["half"] in ("second", "2nd"))
    due, flags = _in_year(lambda y: _quarter_end(y, 2 * half), _year_of(match), c, by_month=False)
    return due, Method.QUARTER, flags, f"end of H{half}"


def _read_year_end(match: re.Match[str], c: _Context, ahead: int = 0) -> _Reading:
    year = _year_of(match) or c.meeting.year + ahead
    return date(year, 12, 31), Method.QUARTER, (), f"end of {year}"


def _read_month_end(match: re.Match[str], c: _Context, ahead: int = 0) -> _Reading:
    due = c.meeting + relativedelta(months=ahead, day=31)
    return due, Method.MONTH_END, (), f"end of {'next' if ahead else 'this'} month"


def _read_relative(match: re.Match[str], c: _Context) -> _Reading:
    n = int(match["d"]) if match["d"] else P.NUMBERS[match["n"]]
    if match["working"] and match["days"]:
        due = c.workweek.add_working_days(c.meeting, n)
        return due, Method.RELATIVE, (), f"{n} working days after the meeting"
    unit = next(u for u in ("days", "weeks", "fortnights", "months", "years") if match[u])
    days = n * {"days": 1, "weeks": 7, "fortnights": 14}.get(unit, 0)
    months = n * {"months": 1, "years": 12}.get(unit, 0)
    due = c.meeting + relativedelta(months=months, days=days)
    return due, Method.RELATIVE, (), f"{n} {unit[:-1] if n == 1 else unit} after the meeting"


def _working_week_day(c: _Context, weeks_ahead: int, weekday: int | None = None) -> date:
    """In the meeting's week (plus weeks_ahead): weekday if it is worked, else the last working
    day. For this week (weeks_ahead=0) a day already past moves to the following week."""
    start = c.workweek.week_start(c.meeting) + 7 * weeks_ahead * _DAY
    for week_start in (start, start + 7 * _DAY):
        if weekday is not None and weekday in c.workweek.days:
            due = week_start + ((weekday - week_start.weekday()) % 7) * _DAY
        else:
            due = c.workweek.latest_working_day(week_start, week_start + 6 * _DAY)
        if due >= c.meeting or weeks_ahead:
            break
    return due


def _read_this_week(match: re.Match[str], c: _Context, ahead: int = 0) -> _Reading:
    which = "following" if ahead else "meeting's"
    return _working_week_day(c, ahead), Method.WEEK, (), f"last working day of the {which} week"


def _read_weekday(match: re.Match[str], c: _Context) -> _Reading:
    weekday = P.WEEKDAYS[match["wd"]]
    if weekday == 4:  # "by Friday" is said for the end of the working week, whatever it is
        due = _working_week_day(c, 0, weekday)
        return due, Method.WEEKDAY, (), "Friday, i.e. the end of the working week"
    due = c.meeting + relativedelta(days=1, weekday=weekday)
    flags = () if weekday in c.workweek.days else ("non_working_day",)
    return due, Method.WEEKDAY, flags, f"next {_WEEKDAY_NAME[weekday]} after the meeting"


def _read_today(match: re.Match[str], c: _Context) -> _Reading:
    return c.meeting, Method.RELATIVE, (), "the meeting day"


def _read_tomorrow(match: re.Match[str], c: _Context) -> _Reading:
    return c.workweek.add_working_days(c.meeting, 1), Method.RELATIVE, (), "next working day"


def _read_next_meeting(match: re.Match[str], c: _Context) -> _Reading:
    if c.carried_over:  # the meeting after the one that raised the item is this one
        return c.meeting, Method.NEXT_MEETING, (), "next meeting after it was raised: this meeting"
    if c.next_meeting is None:
        return None, Method.NEXT_MEETING, ("next_meeting_unknown",), "next meeting, date not set"
    return c.next_meeting, Method.NEXT_MEETING, (), "next meeting"


def _next_after(c: _Context, occurrence: Callable[[date], date]) -> date:
    """The first occurrence strictly after the meeting; occurrence(d) is the one in d's month."""
    due = occurrence(c.meeting)
    return due if due > c.meeting else occurrence(c.meeting + relativedelta(months=1))


def _read_monthly_day(match: re.Match[str], c: _Context) -> _Reading:
    day = int(match["day"])
    if not 1 <= day <= 31:
        raise ValueError(f"no day {day} in a month")
    due = _next_after(c, lambda d: d + relativedelta(day=day))
    return due, Method.RECURRING, (), f"day {day} of every month, next one after the meeting"


def _read_weekly_day(match: re.Match[str], c: _Context) -> _Reading:
    weekday = P.WEEKDAYS[match["wd"]]
    due = c.meeting + relativedelta(days=1, weekday=weekday)
    return due, Method.RECURRING, (), f"every {_WEEKDAY_NAME[weekday]}, next one after the meeting"


def _read_nth_weekday(match: re.Match[str], c: _Context) -> _Reading:
    n, weekday = P.ORDINALS[match["ord"]], P.WEEKDAYS[match["wd"]]
    anchor = relativedelta(day=31) if n < 0 else relativedelta(day=1)
    due = _next_after(c, lambda d: d + anchor + relativedelta(weekday=_NTH[weekday](n)))
    return due, Method.RECURRING, (), f"{match['ord']} {_WEEKDAY_NAME[weekday]} of every month"


def _read_frequency(match: re.Match[str], c: _Context) -> _Reading:
    return None, Method.RECURRING, (), "recurring, no day given"


def _read_open(match: re.Match[str], c: _Context) -> _Reading:
    return None, Method.OPEN_ENDED, (), "open-ended: no date to track"


def _ahead(reader: Callable[[re.Match[str], _Context, int], _Reading]) -> _Reader:
    return lambda match, c: reader(match, c, 1)


_READERS: dict[str, _Reader] = {
    "open": _read_open,
    "date": _read_date,
    "week_of": _read_week_of,
    "week_of_month": _read_week_of_month,
    "month": _read_month,
    "quarter": _read_quarter,
    "this_quarter": _read_this_quarter,
    "next_quarter": _ahead(_read_this_quarter),
    "half": _read_half,
    "year_end": _read_year_end,
    "next_year_end": _ahead(_read_year_end),
    "this_month": _read_month_end,
    "next_month": _ahead(_read_month_end),
    "relative": _read_relative,
    "this_week": _read_this_week,
    "next_week": _ahead(_read_this_week),
    "weekday": _read_weekday,
    "today": _read_today,
    "tomorrow": _read_tomorrow,
    "next_meeting": _read_next_meeting,
    "monthly_day": _read_monthly_day,
    "weekly_day": _read_weekly_day,
    "nth_weekday": _read_nth_weekday,
    "frequency": _read_frequency,
}

_EXPLAINED = {
    "rolled_to_next_year": "already past this year, so next year",
    "before_meeting": "before the meeting date",
    "month_first": "read month-first",
    "approximate": "approximate",
    "weekday_mismatch": "the weekday written does not match the date",
    "non_working_day": "not a working day",
}


def _show(day: date) -> str:
    return f"{day.day} {_MONTH_NAME[day.month - 1][:3]} {day.year}"


def _note(label: str, due: date | None, flags: tuple[str, ...]) -> str:
    note = label if due is None else f"{label} -> {_show(due)}"
    reasons = [_EXPLAINED[flag] for flag in flags if flag in _EXPLAINED]
    return f"{note} ({'; '.join(reasons)})" if reasons else note
