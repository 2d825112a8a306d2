"""Regular expressions for deadline phrases; private to reminder.deadlines.

Every pattern here is matched against *folded* text (see `_deadline_words.fold`): lower
case, accents removed, typographic quotes and dashes made plain, and exactly one character
out per character in, so a span found in folded text is the same span of the original text.

Each Shape has a `core`, matched against a whole phrase once reminder.deadlines has stripped its
"by"/"COB"/brackets, and a `find` form used to spot the phrase inside free action text
(see `_deadline_find`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reminder._deadline_words import MONTHS, NUMBERS, ORDINALS, WEEKDAYS, alternation


def unnamed(pattern: str) -> str:
    """The pattern with its named groups made anonymous, so several can be joined in one."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


MONTH = rf"(?P<month>{alternation(MONTHS)})(?![a-z])\.?"
WD_NAME = rf"(?P<wd>{alternation(WEEKDAYS)})"
WD = rf"{WD_NAME}(?![a-z])\.?"
ORD = rf"(?P<ord>{alternation(ORDINALS)})(?![a-z])"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?(?![\da-z])"
DAY_ORD = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)(?![\da-z])"
_DATE_YEAR = r"(?:\s*,?\s*(?P<year>\d{4})|(?:\s*-\s*|\s*')(?P<yy>\d\d))?(?!\d)"
_YEAR = r"(?:[\s,/-]*(?:of\s+)?(?P<year>\d{4}))?(?!\d)"
_END_OF = r"(?:(?:the\s+)?end\s+of\s+(?:the\s+)?)?"
_ACTIVITY = (
    r"meetings?|calls?|check-?ins?|updates?|follow-?ups?|sessions?|reviews?|reports?|reporting"
    r"|visits?|monitoring|discussions?|briefings?|exchanges?|coordination|consultations?"
)
_FREQS = (
    r"daily|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|annually|yearly"
    r"|periodic(?:al)?|regular|mensuel(?:le)?|hebdomadaire"
)

ISO = r"(?P<year>\d{4})[./-](?P<iso_month>\d{1,2})[./-](?P<iso_day>\d{1,2})(?!\d)"
NUMERIC = r"(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?:(?P<year>\d{4})|(?P<yy>\d\d))(?!\d)"
DMY = rf"(?:{WD},?\s+)?(?:the\s+|le\s+)?{DAY}(?:\s+of\s+|\s*-\s*|\s+(?:de\s+)?|){MONTH}{_DATE_YEAR}"
MDY = rf"(?:{WD},?\s+)?{MONTH}\s*-?\s*(?:the\s+)?{DAY}(?:\s*,?\s*(?P<year>\d{{4}}))?(?!\d)"
_WEEK_OF = r"(?:the\s+)?(?:week\s+(?:of|commencing|starting|beginning)|w/c|semaine\s+du)\s+"
_MONTH_MODIFIER = (
    r"(?:(?P<end>(?:the\s+)?end(?:\s+of)?(?:\s+the)?(?:\s+month\s+of)?"
    r"|fin(?:\s+du\s+mois)?(?:\s+de|\s+d')?)"
    r"|(?P<mid>(?:the\s+)?mid(?:dle)?(?:\s+of)?(?:\s+the)?(?:\s+month\s+of)?|mi"
    r"|(?:au\s+)?milieu(?:\s+de|\s+d')?)"
    r"|(?P<early>early|(?:the\s+)?(?:beginning|start)(?:\s+of)?|(?:the\s+)?first\s+days\s+of"
    r"|debut(?:\s+de|\s+d')?)"
    r"|(?P<late>late|(?:the\s+)?last\s+days\s+of|towards?\s+the\s+end\s+of))[\s-]*"
)
RELATIVE_BODY = (
    rf"(?:the\s+(?:next|coming)\s+|next\s+|les\s+)?(?:(?P<n>{alternation(NUMBERS)})(?:\s*\(?\d{{1,3}}\)?)?"
    r"|(?P<d>\d{1,3}))\s+(?:(?P<working>working|business)\s+|calendar\s+)?"
    r"(?:(?P<days>days?|jours?)|(?P<weeks>weeks?|semaines?)|(?P<fortnights>fortnights?)"
    r"|(?P<months>months?|mois)|(?P<years>years?|ans?|annees?)|(?P<hours>hours?|heures?|hrs?))"
    r"(?![a-z])"
    r"(?:'?s?\s+time|\s+from\s+(?:now|today|the\s+meeting))?"
)
NEXT_MEETING = (
    r"(?:(?:at|during|for|in|to|until|till)\s+)?(?:the\s+|our\s+)?next\s+"
    r"(?:(?!(?:is|are|to|a|an|the|and|or|with|of|for|on|in|by)\s)[a-z0-9&/'-]+\s+){0,3}?"
    r"(?:meeting|session|call|gathering)s?(?![a-z])"
    r"|(?:(?:a|lors\s+de)\s+)?(?:la\s+)?prochaine\s+(?:[a-z'-]+\s+){0,2}?(?:reunion|session)(?![a-z])"
)
OPEN = (
    r"soon|asap|a\.?s\.?a\.?p\.?|(?:as\s+)?soon\s+as\s+possible|at\s+the\s+earliest(?:\s+convenience)?"
    r"|immediate(?:ly)?|urgent(?:ly)?|on-?\s?going|continu(?:ous|al)(?:ly)?|continued?|regular"
    r"|permanent|tbd|tbc|t\.b\.[dc]\.?|to\s+be\s+(?:decided|determined|confirmed|agreed|defined)"
    r"|(?:when|as|if)\s+(?:needed|required|necessary)|as\s+and\s+when(?:\s+(?:needed|required))?"
    r"|n/?a|-+|none|nil|\?+|en\s+cours|des\s+que\s+possible|a\s+(?:determiner|confirmer|definir)"
    r"|au\s+besoin|selon\s+(?:les\s+)?besoins?|in\s+progress"
)


@dataclass(frozen=True)
class Shape:
    """One way of writing a deadline; `kind` names its reader in reminder.deadlines.

    rank: how specific the shape is; when free text holds several phrases the highest wins.
    find: pattern for free text; "" means the core with its group names removed, None never.
    """

    kind: str
    rank: int
    core: str
    find: str | None = ""


_DATE, _PERIOD, _NEAR, _MEETING, _REPEAT, _OPEN = 5, 4, 3, 2, 1, 0
_ANY_DATE = "|".join(unnamed(p) for p in (ISO, NUMERIC, DMY, MDY))

# Order matters only when two cores match the same whole phrase: the first one wins.
SHAPES = (
    Shape("open", _OPEN, OPEN, None),
    Shape("date", _DATE, ISO),
    Shape("date", _DATE, NUMERIC),
    Shape("date", _DATE, r"(?P<a>\d{1,2})[./](?P<b>\d{1,2})", None),
    Shape("date", _DATE, DMY),
    Shape("date", _DATE, MDY),
    Shape(
        "week_of",
        _DATE,
        rf"{_WEEK_OF}(?:the\s+|le\s+)?(?P<inner>\S.*)",
        rf"{_WEEK_OF}(?:{_ANY_DATE})",
    ),
    Shape(
        "week_of_month",
        _PERIOD,
        rf"{_END_OF}{ORD}\s+(?:week\s+(?:of|in)\s+|semaine\s+(?:de\s+|d'))"
        rf"(?:the\s+month\s+of\s+)?{MONTH}{_YEAR}",
    ),
    Shape("month", _PERIOD, rf"(?:{_MONTH_MODIFIER})?{MONTH}{_YEAR}"),
    Shape(
        "quarter",
        _PERIOD,
        rf"{_END_OF}(?:(?:q\s*|quarter\s*|trimestre\s*)(?P<q>[1-4])|{ORD}\s+(?:quarter|trimestre))"
        rf"(?![a-z\d])(?:\s+of\s+(?:the\s+|this\s+)?year)?{_YEAR}",
    ),
    Shape(
        "this_quarter",
        _PERIOD,
        r"(?:(?:the\s+)?end\s+of\s+)?(?:the|this|(?:the\s+)?current)\s+quarter|(?:the\s+)?end\s+of\s+quarter",
    ),
    Shape("next_quarter", _PERIOD, r"(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?next\s+quarter"),
    Shape(
        "half",
        _PERIOD,
        rf"{_END_OF}(?:h(?P<h>[12])|(?P<half>first|1st|second|2nd)\s+half"
        rf"(?:\s+of\s+(?:the|this)\s+year)?)(?![a-z\d]){_YEAR}",
    ),
    Shape(
        "year_end",
        _PERIOD,
        r"(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:calendar\s+)?year|(?:the\s+)?year[\s-]?end|eoy"
        r"|this\s+year|fin\s+(?:de\s+l'\s*|d'\s*)annee|fin\s+de\s+(?:cette\s+)?annee"
        r"|(?:(?:the\s+)?end\s+of|fin|year[\s-]?end)\s+(?P<year>\d{4})(?!\d)",
    ),
    Shape(
        "next_year_end",
        _PERIOD,
        r"(?:(?:the\s+)?end\s+of\s+)?next\s+year|fin\s+de\s+l'annee\s+prochaine",
    ),
    Shape(
        "this_month",
        _PERIOD,
        r"(?:later\s+)?this\s+month|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month|eom"
        r"|within\s+(?:the|this)\s+month|(?:la\s+)?fin\s+du\s+mois|ce\s+mois(?:-ci)?",
    ),
    Shape(
        "next_month",
        _PERIOD,
        r"(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?next\s+month|(?:(?:la\s+)?fin\s+du\s+|le\s+)?mois\s+prochain",
    ),
    Shape(
        "relative",
        _NEAR,
        rf"(?:(?:in|within|dans|sous)\s+)?{RELATIVE_BODY}",
        rf"(?:in|within|dans|sous)\s+{unnamed(RELATIVE_BODY)}",
    ),
    Shape(
        "this_week",
        _NEAR,
        r"(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?week|(?:later\s+)?this\s+week|eow"
        r"|within\s+(?:the|this)\s+week|(?:la\s+)?fin\s+de\s+(?:la\s+)?semaine|cette\s+semaine",
    ),
    Shape(
        "next_week",
        _NEAR,
        r"(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?next\s+week|(?:la\s+)?semaine\s+prochaine",
    ),
    Shape("weekday", _NEAR, WD),
    Shape(
        "today",
        _NEAR,
        r"today|tonight|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day|aujourd'hui",
        r"today|tonight|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day"
        r"|aujourd'hui|(?:cob|eod|close\s+of\s+business)(?:\s+today)?",
    ),
    Shape("tomorrow", _NEAR, r"tomorrow|demain"),
    Shape("next_meeting", _MEETING, NEXT_MEETING),
    Shape(
        "monthly_day",
        _REPEAT,
        rf"(?:on\s+)?(?:the\s+)?{DAY_ORD}(?:\s+day)?\s+of\s+(?:every|each)\s+month",
    ),
    Shape(
        "monthly_day",
        _REPEAT,
        rf"(?:on\s+)?(?:every|each)\s+{DAY_ORD}(?:\s+(?:day\s+)?of\s+(?:the|every|each)\s+month)?",
    ),
    Shape("monthly_day", _REPEAT, rf"(?:(?:every|each)\s+month|monthly)[,\s]+on\s+the\s+{DAY_ORD}"),
    Shape("monthly_day", _REPEAT, rf"(?:le\s+)?{DAY}\s+de\s+chaque\s+mois"),
    Shape("weekly_day", _REPEAT, rf"(?:on\s+)?(?:every|each)\s+{WD}"),
    Shape(
        "weekly_day",
        _REPEAT,
        r"(?:weekly|bi-?weekly|fortnightly|every\s+(?:other|two|2)\s+weeks?|every\s+week|each\s+week)"
        rf"[,\s]+(?:on\s+)?(?:every\s+)?{WD_NAME}s?(?![a-z])",
    ),
    Shape("weekly_day", _REPEAT, rf"(?:tous\s+les|chaque)\s+{WD_NAME}s?(?![a-z])"),
    Shape(
        "nth_weekday",
        _REPEAT,
        rf"(?:on\s+)?(?:the\s+|every\s+|each\s+)?{ORD}\s+{WD}\s+of\s+(?:every|each|the)\s+month",
    ),
    Shape(
        "frequency",
        _REPEAT,
        rf"(?:on\s+)?(?:an?\s+)?(?:{_FREQS})\s+basis|{_FREQS}|regularly|periodically"
        r"|every\s+(?:day|week|month|quarter|year|(?:two|2|other)\s+weeks?)"
        r"|each\s+(?:week|month|quarter)|(?:tous\s+les|chaque)\s+mois|chaque\s+semaine|regulierement",
        rf"(?:on\s+)?(?:an?\s+)?(?:{_FREQS})\s+basis|regularly|periodically"
        rf"|(?:daily|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|annually|yearly)"
        rf"(?=\s+(?:{_ACTIVITY})(?![a-z])|\s*[.;!)]*\s*$)"
        r"|every\s+(?:day|week|month|(?:two|other)\s+weeks)|each\s+(?:week|month)",
    ),
    Shape(
        "open",
        _OPEN,
        OPEN,
        r"as\s+soon\s+as\s+possible|asap|a\.s\.a\.p|tbd|tbc|to\s+be\s+(?:decided|determined|confirmed)"
        r"|(?:when|as|if)\s+(?:needed|required|necessary)|as\s+and\s+when|n/a|des\s+que\s+possible"
        rf"|au\s+besoin|regular(?=\s+(?:{_ACTIVITY})(?![a-z]))"
        r"|(?:on-?\s?going|continuous(?:ly)?|immediately|soon|en\s+cours)(?=\s*(?:\)|[.;!]*\s*$))",
    ),
)

OPEN_WHOLE = re.compile(OPEN)
CORES = tuple((shape, re.compile(shape.core)) for shape in SHAPES)
DATE_CORES = tuple(pattern for shape, pattern in CORES if shape.kind == "date")

NUMERIC_DATE = re.compile(r"(?<![\w./-])(\d{1,2})[./-](\d{1,2})[./-](?:\d{4}|\d\d)(?![\w]|[./-]\d)")
BEFORE_EVENT = re.compile(
    r"(?:before|prior\s+to|ahead\s+of|in\s+time\s+for|avant)\s+(?:the\s+|la\s+|le\s+|l')?"
    r"(?P<event>[a-z].*)"
)
