"""Message catalogs for the mail templates, and the gettext functions built on them.

Message ids are the English text itself (gettext's convention), so English needs no
entries: its catalog is empty and every lookup falls back to the id. Other languages map
each id to its translation; plural messages are keyed by the singular id and hold one form
per plural category of the language (see `_PLURAL_RULES`). A language without a catalog,
and a string missing from one, fall back to English.

Strings may hold `%(name)s` placeholders (Jinja's newstyle gettext fills them; `%(num)d`
is the count of an ngettext call). Translations must not contain HTML: they are marked
safe in HTML templates, only the values substituted into them are escaped.
French uses a no-break space (U+00A0) before ":" and inside « », as its typography wants;
`rendering.wrap` never breaks a line there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from reminder.mail.french import FR_MESSAGES, FR_PLURALS

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]

# Section keys planning produces, and the heading each shows under.
HEADINGS: Mapping[str, str] = {
    "overdue": "Overdue",
    "due_soon": "Due soon",
    "undated": "No deadline yet",
    "item": "Action point",
    "review": "To review at the next meeting",
    "overdue_1_7": "Overdue by 1 to 7 days",
    "overdue_8_30": "Overdue by 8 to 30 days",
    "overdue_over_30": "Overdue by more than 30 days",
    "beyond_cutoff": "No longer escalated (long overdue)",
    "ask_owner": "Overdue action points you own",
    "ask_lead": "Overdue action points of your organisation",
    "ask_coordinator": "Overdue action points to raise",
    "due_before_meeting": "Due before the next meeting",
    "unresolved_owner": "Owner not found in the directory",
    "answered_since_last": "Updated by focal points since the last report",
    "done_since_last": "Done since the last report",
}

STATUSES: Mapping[str, str] = {
    "open": "open",
    "in_progress": "in progress",
    "done": "done",
    "cancelled": "cancelled",
}


@dataclass(frozen=True)
class Catalog:
    messages: Mapping[str, str]
    plurals: Mapping[str, tuple[str, ...]]  # singular id -> forms, indexed by the plural rule


CATALOGS: Mapping[str, Catalog] = {
    "en": Catalog(messages={}, plurals={}),
    "fr": Catalog(messages=FR_MESSAGES, plurals=FR_PLURALS),
}

# Index of the plural form for a count (CLDR rules for integers): English uses the
# singular for 1 only; French also for 0 ("0 jour de retard").
_PLURAL_RULES: Mapping[str, Callable[[int], int]] = {
    "en": lambda n: 0 if n == 1 else 1,
    "fr": lambda n: 0 if n in (0, 1) else 1,
}


@lru_cache(maxsize=256)  # called for every translated string and date of every mail
def resolve_language(language: str) -> str:
    """The catalog a language tag uses: "fr", "fr-BE", "FR_fr" -> "fr"; unknown -> "en"."""
    base = language.strip().replace("-", "_").split("_")[0].lower()
    return base if base in CATALOGS else "en"


@cache
def translations(language: str) -> tuple[Gettext, Ngettext]:
    """(gettext, ngettext) for a language tag, falling back to English (the message id)
    for an unknown language or a missing string. The functions are pure and thread-safe."""
    code = resolve_language(language)
    catalog = CATALOGS[code]
    rule = _PLURAL_RULES[code]

    def gettext(message: str) -> str:
        return catalog.messages.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        forms = catalog.plurals.get(singular)
        if not forms:
            return singular if n == 1 else plural
        return forms[min(rule(n), len(forms) - 1)]

    return gettext, ngettext
