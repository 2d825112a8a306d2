"""Regular expressions for deadline phrases; private to reminder.deadlines.

Every pattern here is matched against *folded* text (see `words.fold`): lower
case, accents removed, typographic quotes and dashes made plain, and exactly one character
out per character in, so a span found in folded text is the same span of the original text.

Each Shape has a `core`, matched against a whole phrase once reminder.deadlines has stripped its
"by"/"COB"/brackets, and a `find` form used to spot the phrase inside free action text
(see `find`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reminder.deadlines.parts import (
    ACTIVITY,
    DAY,
    DAY_ORD,
    DAY_RANGE,
    DMY,
    END_OF,
    FREQS,
    ISO,
    MDY,
    MONTH,
    MONTH_MODIFIER,
    NEXT_MEETING,
    NUMERIC,
    OPEN,
    ORD,
    RELATIVE_BODY,
    WD,
    WD_NAME,
    WEEK_OF,
    YEAR,
    unnamed,
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
    # "18/4", "Monday 23/08": in free text only after a lead word, a weekday or in brackets.
    Shape(
        "date",
        _DATE,
        rf"(?:{WD},?\s+)?(?P<a>\d{{1,2}})[./](?P<b>\d{{1,2}})",
        rf"(?:(?:by|on|before|until|due|le|el|del|au|w/c|{unnamed(WD_NAME)}\.?,?)\s+)?\d{{1,2}}[./]\d{{1,2}}",
    ),
    Shape("date", _DATE, DMY),
    Shape("date", _DATE, DAY_RANGE),
    Shape("date", _DATE, MDY),
    Shape(
        "week_of",
        _DATE,
        rf"{WEEK_OF}(?:the\s+|le\s+)?(?P<inner>\S.*)",
        rf"{WEEK_OF}(?:{_ANY_DATE})",
    ),
    Shape(
        "week_of_month",
        _PERIOD,
        rf"{END_OF}{ORD}\s+(?:week\s+(?:of|in)\s+|semaine\s+(?:de\s+|d')|semana\s+de\s+)"
        rf"(?:the\s+month\s+of\s+)?{MONTH}{YEAR}",
    ),
    Shape("month", _PERIOD, rf"(?:{MONTH_MODIFIER})?{MONTH}{YEAR}"),
    Shape(
        "quarter",
        _PERIOD,
        # "end Q2" and the French "T1 2024" (trimestre) are quarters too.
        rf"(?:{END_OF}|(?:the\s+)?end\s+|fin\s+(?:du\s+)?)"
        rf"(?:(?:q\s*|quarter\s*|trimestre\s*|t)(?P<q>[1-4])|{ORD}\s+(?:quarter|trimestre))"
        rf"(?![a-z\d])(?:\s+of\s+(?:the\s+|this\s+)?year)?{YEAR}",
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
        rf"{END_OF}(?:h(?P<h>[12])|(?P<half>first|1st|second|2nd)\s+half"
        rf"(?:\s+of\s+(?:the|this)\s+year)?)(?![a-z\d]){YEAR}",
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
        r"|within\s+(?:the|this)\s+month|(?:la\s+)?fin\s+du\s+mois|ce\s+mois(?:-ci)?"
        r"|(?:a\s+)?(?:fin|finales|fines)\s+de(?:l)?\s+(?:este\s+)?mes|este\s+mes",
    ),
    Shape(
        "next_month",
        _PERIOD,
        r"(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?next\s+month|(?:(?:la\s+)?fin\s+du\s+|le\s+)?mois\s+prochain",
    ),
    Shape(
        "relative",
        _NEAR,
        rf"(?:(?:in|within|dans|sous|dentro\s+de|en)\s+)?{RELATIVE_BODY}",
        rf"(?:in|within|dans|sous|dentro\s+de|en)\s+{unnamed(RELATIVE_BODY)}",
    ),
    Shape(
        "this_week",
        _NEAR,
        r"(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?week|(?:later\s+)?this\s+week|eow"
        r"|within\s+(?:the|this)\s+week|(?:la\s+)?fin\s+de\s+(?:la\s+)?semaine|cette\s+semaine"
        r"|(?:a\s+)?(?:fin|finales)\s+de\s+(?:la\s+|esta\s+)?semana|esta\s+semana",
    ),
    Shape(
        "next_week",
        _NEAR,
        r"(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?next\s+week|(?:la\s+)?semaine\s+prochaine"
        r"|(?:la\s+)?(?:semana\s+proxima|proxima\s+semana)",
    ),
    # "next Thurs" is the coming Thursday, as "by Thursday" is.
    Shape(
        "weekday",
        _NEAR,
        rf"(?:(?:the\s+)?(?:next|coming|this)\s+|(?:el\s+)?(?:proximo|este)\s+)?{WD}"
        r"(?:\s+(?:prochain|proximo|next))?",
    ),
    Shape(
        "today",
        _NEAR,
        r"today|tonight|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day|aujourd'hui",
        r"today|tonight|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day"
        r"|aujourd'hui|(?:cob|eod|close\s+of\s+business)(?:\s+today)?",
    ),
    Shape("tomorrow", _NEAR, r"tomorrow|demain"),
    Shape("next_meeting", _MEETING, NEXT_MEETING),
    # "by the 15th": that day of the month, the next one after the meeting
    Shape("day_of_month", _NEAR, rf"(?:the\s+|le\s+|el\s+)?{DAY_ORD}(?:\s+of\s+the\s+month)?"),
    Shape(
        "month_meeting",
        _MEETING,
        r"(?:(?:deferred|postponed|moved|carried\s+(?:over|forward)|brought)\s+(?:back\s+)?(?:to\s+)?)?"
        rf"(?:the\s+)?{MONTH}{YEAR}\s+(?:meeting|session|call)(?![a-z])",
    ),
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
    Shape("weekly_day", _REPEAT, rf"(?:tous\s+les|chaque|cada|todos\s+los)\s+{WD_NAME}s?(?![a-z])"),
    Shape(
        "nth_weekday",
        _REPEAT,
        rf"(?:on\s+)?(?:the\s+|every\s+|each\s+)?{ORD}\s+{WD}\s+of\s+(?:every|each|the)\s+month",
    ),
    Shape(
        "frequency",
        _REPEAT,
        rf"(?:on\s+)?(?:an?\s+)?(?:{FREQS})\s+basis|{FREQS}|regularly|periodically"
        r"|every\s+(?:day|week|month|quarter|year|(?:two|2|other)\s+weeks?)"
        r"|each\s+(?:week|month|quarter)|(?:tous\s+les|chaque)\s+mois|chaque\s+semaine|regulierement",
        rf"(?:on\s+)?(?:an?\s+)?(?:{FREQS})\s+basis|regularly|periodically"
        rf"|(?:daily|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|annually|yearly)"
        rf"(?=\s+(?:{ACTIVITY})(?![a-z])|\s*[.;!)]*\s*$)"
        r"|every\s+(?:day|week|month|(?:two|other)\s+weeks)|each\s+(?:week|month)",
    ),
    Shape(
        "open",
        _OPEN,
        OPEN,
        r"as\s+soon\s+as\s+possible|asap|a\.s\.a\.p|tbd|tbc|to\s+be\s+(?:decided|determined|confirmed)"
        r"|(?:when|as|if)\s+(?:needed|required|necessary)|as\s+and\s+when|n/a|des\s+que\s+possible"
        rf"|au\s+besoin|regular(?=\s+(?:{ACTIVITY})(?![a-z]))"
        r"|(?:on-?\s?going|continuous(?:ly)?|immediately|soon|en\s+cours)(?=\s*(?:\)|[.;!]*\s*$))",
    ),
)

OPEN_WHOLE = re.compile(OPEN)
CORES = tuple((shape, re.compile(shape.core)) for shape in SHAPES)
DATE_CORES = tuple(pattern for shape, pattern in CORES if shape.kind == "date")

NUMERIC_DATE = re.compile(r"(?<![\w./-])(\d{1,2})[./-](\d{1,2})[./-](?:\d{4}|\d\d)(?![\w]|[./-]\d)")
BEFORE_EVENT = re.compile(
    r"(?:before|prior\s+to|ahead\s+of|in\s+time\s+for|avant|antes\s+de)\s+"
    r"(?:the\s+|la\s+|le\s+|l'|el\s+)?"
    r"(?P<event>[a-z].*)"
)
