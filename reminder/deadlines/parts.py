"""Building blocks of deadline patterns (months, weekdays, dates, spans, open-ended words).

Part of reminder.deadlines; `patterns` assembles them into Shapes. Every pattern
is matched against *folded* text (see `words.fold`). English, French and Spanish.
"""

from __future__ import annotations

import re

from reminder.deadlines.words import MONTHS, NUMBERS, ORDINALS, WEEKDAYS, alternation


def unnamed(pattern: str) -> str:
    """The pattern with its named groups made anonymous, so several can be joined in one."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


MONTH = rf"(?P<month>{alternation(MONTHS)})(?![a-z])\.?"
WD_NAME = rf"(?P<wd>{alternation(WEEKDAYS)})"
WD = rf"{WD_NAME}(?![a-z])\.?"
ORD = rf"(?P<ord>{alternation(ORDINALS)})(?![a-z])"
# "5^th^" is how pandoc writes a superscript ordinal.
DAY = r"(?P<day>[0-3]?\d)(?:\^?(?:st|nd|rd|th|er)\^?)?(?![\da-z])"
DAY_ORD = r"(?P<day>[0-3]?\d)\^?(?:st|nd|rd|th|er)\^?(?![\da-z])"
DATE_YEAR = r"(?:\s*[,-]?\s*(?:de\s+)?(?P<year>\d{4})|(?:\s*-\s*|\s*')(?P<yy>\d\d))?(?!\d)"
YEAR = r"(?:[\s,/-]*(?:of\s+)?(?P<year>\d{4}))?(?!\d)"
END_OF = r"(?:(?:the\s+)?end\s+of\s+(?:the\s+)?)?"
ACTIVITY = (
    r"meetings?|calls?|check-?ins?|updates?|follow-?ups?|sessions?|reviews?|reports?|reporting"
    r"|visits?|monitoring|discussions?|briefings?|exchanges?|coordination|consultations?"
)
FREQS = (
    r"daily|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|annually|yearly"
    r"|periodic(?:al)?|regular|mensuel(?:le)?|hebdomadaire"
)

ISO = r"(?P<year>\d{4})[./-](?P<iso_month>\d{1,2})[./-](?P<iso_day>\d{1,2})(?!\d)"
NUMERIC = r"(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?:(?P<year>\d{4})|(?P<yy>\d\d))(?!\d)"
DMY = rf"(?:{WD},?\s+)?(?:the\s+|le\s+)?{DAY}(?:\s+of\s+|\s*-\s*|\s+(?:de\s+)?|){MONTH}{DATE_YEAR}"
DAY_RANGE = (
    rf"(?:{WD},?\s+)?{DAY}\s*(?:-|to|au|al|&|and|et|y)\s*[0-3]?\d(?:st|nd|rd|th|er)?\s+"
    rf"(?:of\s+|de\s+)?{MONTH}{DATE_YEAR}"
)
MDY = rf"(?:{WD},?\s+)?{MONTH}\s*-?\s*(?:the\s+)?{DAY}(?:\s*,?\s*(?P<year>\d{{4}}))?(?!\d)"
WEEK_OF = r"(?:the\s+)?(?:week\s+(?:of|commencing|starting|beginning)|w/c|semaine\s+du)\s+"
MONTH_MODIFIER = (
    r"(?:(?P<end>(?:the\s+)?end(?:\s+of)?(?:\s+the)?(?:\s+month\s+of)?"
    r"|fin(?:\s+du\s+mois)?(?:\s+de|\s+d')?|(?:a\s+)?(?:finales|fines|fin)\s+de(?:l\s+mes\s+de)?)"
    r"|(?P<mid>(?:the\s+)?mid(?:dle)?(?:\s+of)?(?:\s+the)?(?:\s+month\s+of)?|mi"
    r"|(?:au\s+)?milieu(?:\s+de|\s+d')?|(?:a\s+)?mediados\s+de)"
    r"|(?P<early>early|(?:the\s+)?(?:beginning|start)(?:\s+of)?|(?:the\s+)?first\s+days\s+of"
    r"|debut(?:\s+de|\s+d')?|(?:a\s+)?(?:principios|inicios|comienzos)\s+de)"
    r"|(?P<late>late|(?:the\s+)?last\s+days\s+of|towards?\s+the\s+end\s+of))[\s-]*"
)
RELATIVE_BODY = (
    rf"(?:the\s+(?:next|coming)\s+|next\s+|les\s+|los\s+|las\s+)?(?:(?P<n>{alternation(NUMBERS)})(?:\s*\(?\d{{1,3}}\)?)?"
    r"|(?P<d>\d{1,3}))\s+(?:(?P<working>working|business)\s+|calendar\s+)?"
    r"(?:(?P<days>days?|jours?|dias?)|(?P<weeks>weeks?|semaines?|semanas?)|(?P<fortnights>fortnights?)"
    r"|(?P<months>months?|mois|mes(?:es)?)|(?P<years>years?|ans?|annees?|anos?)"
    r"|(?P<hours>hours?|heures?|hrs?|horas?))"
    r"(?![a-z])"
    r"(?:'?s?\s+time|\s+from\s+(?:now|today|the\s+meeting))?"
)
NEXT_MEETING = (
    r"(?:(?:at|during|for|in|to|until|till)\s+)?(?:the\s+|our\s+)?next\s+"
    r"(?:(?!(?:is|are|to|a|an|the|and|or|with|of|for|on|in|by)\s)[a-z0-9&/'-]+\s+){0,3}?"
    r"(?:meeting|session|call|gathering)s?(?![a-z])"
    r"|(?:(?:a|lors\s+de)\s+)?(?:la\s+)?prochaine\s+(?:[a-z'-]+\s+){0,2}?(?:reunion|session)(?![a-z])"
    r"|(?:(?:en|para|a)\s+)?(?:la\s+)?proxima\s+(?:[a-z'-]+\s+){0,2}?(?:reunion|sesion)(?![a-z])"
    # "during the next WG": a body's name instead of "meeting"
    r"|(?:(?:at|during|by|before|until)\s+)?(?:the\s+)?next\s+(?!(?:week|month|year|quarter|days?"
    rf"|time|steps?|few|phase|round|stage|{alternation(WEEKDAYS)}|{alternation(MONTHS)})\b)"
    r"[a-z][a-z0-9&/-]{1,4}(?![\w-])"
)
OPEN = (
    r"soon|asap|a\.?s\.?a\.?p\.?|(?:as\s+)?soon\s+as\s+possible|at\s+the\s+earliest(?:\s+convenience)?"
    r"|immediate(?:ly)?|urgent(?:ly)?|on-?\s?going|continu(?:ous|al)(?:ly)?|continued?|regular"
    r"|permanent|tbd|tbc|t\.b\.[dc]\.?|to\s+be\s+(?:decided|determined|confirmed|agreed|defined)"
    r"|(?:when|as|if)\s+(?:needed|required|necessary)|as\s+and\s+when(?:\s+(?:needed|required))?"
    r"|n/?a|-+|none|nil|\?+|en\s+cours|des\s+que\s+possible|a\s+(?:determiner|confirmer|definir)"
    r"|au\s+besoin|selon\s+(?:les\s+)?besoins?|in\s+progress|continu|continuo|permanente"
    r"|por\s+(?:definir|confirmar|determinar)|a\s+(?:definir|confirmar)|en\s+curso|lo\s+antes\s+posible"
    # undated conditions ("once the funds arrive", "upon approval"), but none holding a date
    r"|(?:at|in)\s+a\s+later\s+(?:stage|date|point)|later"
    r"|(?:when|once|upon|pending|after)\s+(?:the\s+)?[a-z'&/-]+(?:\s+[a-z'&/-]+){0,6}"
    r"|(?:deadline|date)\s+(?:tbd|tbc)|new\s+date\s+(?:tbd|tbc)"
    r"|(?:in|within|over)\s+the\s+(?:coming|next)\s+(?:few\s+)?(?:days|weeks|months)"
)
