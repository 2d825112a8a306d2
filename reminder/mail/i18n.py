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
from functools import cache

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
    "due_before_meeting": "Due before the next meeting",
    "unresolved_owner": "Owner not found in the directory",
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


_FR_MESSAGES: dict[str, str] = {
    # headings and statuses
    "Overdue": "En retard",
    "Due soon": "À échéance proche",
    "No deadline yet": "Pas encore d'échéance",
    "Action point": "Point d'action",
    "To review at the next meeting": "À passer en revue à la prochaine réunion",
    "Overdue by 1 to 7 days": "En retard de 1 à 7 jours",
    "Overdue by 8 to 30 days": "En retard de 8 à 30 jours",
    "Overdue by more than 30 days": "En retard de plus de 30 jours",
    "Due before the next meeting": "À échéance avant la prochaine réunion",
    "Owner not found in the directory": "Responsable absent de l'annuaire",
    "Done since the last report": "Réalisés depuis le dernier rapport",
    "open": "ouvert",
    "in progress": "en cours",
    "done": "réalisé",
    "cancelled": "annulé",
    # layout
    "Dear %(name)s,": "Bonjour %(name)s,",
    "Dear colleagues,": "Bonjour à toutes et à tous,",
    "You receive this mail because you are named as focal point for action points of "
    "%(forum)s.": "Vous recevez ce message parce que votre nom figure comme point focal "
    "pour des points d'action de %(forum)s.",
    "To update a status or correct an owner, reply to this mail: your reply goes to the "
    "coordinator.": "Pour mettre à jour un statut ou corriger un responsable, répondez à "
    "ce message\u00a0: votre réponse parvient à la coordination.",
    "Sent automatically by actionpoint-reminder on %(when)s.": "Envoyé automatiquement par "
    "actionpoint-reminder le %(when)s.",
    # action tables
    "Action": "Action",
    "Owner": "Responsable",
    "Organisation": "Organisation",
    "Due": "Échéance",
    "Meeting: %(title)s, %(date)s": "Réunion\u00a0: %(title)s, %(date)s",
    "Meeting: %(title)s": "Réunion\u00a0: %(title)s",
    "Meeting of %(date)s": "Réunion du %(date)s",
    "Not linked to a meeting": "Sans réunion associée",
    "Status: %(status)s": "Statut\u00a0: %(status)s",
    "Owner: %(owners)s": "Responsable\u00a0: %(owners)s",
    "Organisation: %(organisations)s": "Organisation\u00a0: %(organisations)s",
    "Due: %(due)s": "Échéance\u00a0: %(due)s",
    "Done": "Réalisé",
    "“%(phrase)s” (no date yet)": "«\u00a0%(phrase)s\u00a0» (pas encore de date)",
    # digest
    "Your action points in %(forum)s": "Vos points d'action dans %(forum)s",
    "Here are the open action points of %(forum)s that name you or your organisation as "
    "owner.": "Voici les points d'action ouverts de %(forum)s dont vous ou votre "
    "organisation êtes responsables.",
    "Your action points: %(overdue)d overdue, %(soon)d due soon": "Vos points d'action\u00a0: "
    "%(overdue)d en retard, %(soon)d à échéance proche",
    "Your action points without a deadline": "Vos points d'action sans échéance",
    # escalation
    "Action point still open": "Point d'action toujours ouvert",
    "Reminder: an action point is overdue": "Rappel\u00a0: un point d'action est en retard",
    "You may want to follow up with the owner or raise it at the next meeting.": "Vous "
    "pouvez relancer le responsable ou l'aborder à la prochaine réunion.",
    "The lead of %(organisation)s is in copy of this reminder.": "La personne responsable "
    "de %(organisation)s est en copie de ce rappel.",
    "Your organisation's lead is in copy of this reminder.": "La personne responsable de "
    "votre organisation est en copie de ce rappel.",
    "A friendly reminder: the action point below has passed its deadline and is still open "
    "in the register of %(forum)s.": "Petit rappel\u00a0: le point d'action ci-dessous a "
    "dépassé son échéance et reste ouvert dans le registre de %(forum)s.",
    "If it is already done, a short reply is enough to close it.": "S'il est déjà réalisé, "
    "une courte réponse suffit pour le clore.",
    "You receive this mail because you coordinate %(forum)s.": "Vous recevez ce message "
    "parce que vous coordonnez %(forum)s.",
    "It is sent once, when an action point reaches this step of the reminder schedule.": "Il "
    "n'est envoyé qu'une fois, quand un point d'action atteint cette étape des rappels.",
    # pre-meeting
    "Status update before the next meeting": "Point de situation avant la prochaine réunion",
    "The next meeting of %(forum)s is on %(date)s. The action points below will be reviewed "
    "there.": "La prochaine réunion de %(forum)s a lieu le %(date)s. Les points d'action "
    "ci-dessous y seront passés en revue.",
    "The action points below will be reviewed at the next meeting of %(forum)s.": "Les "
    "points d'action ci-dessous seront passés en revue à la prochaine réunion de %(forum)s.",
    "Please reply to this mail before the meeting with a short status update for each: done, "
    "in progress, or what is blocking it.": "Merci de répondre à ce message avant la réunion "
    "avec un court point de situation pour chacun\u00a0: réalisé, en cours, ou ce qui le "
    "bloque.",
    # report
    "Summary by organisation": "Résumé par organisation",
    "Open": "Ouverts",
    "In progress": "En cours",
    "Done since last report": "Réalisés depuis le dernier rapport",
    "%(organisation)s: open %(open)d, in progress %(in_progress)d, overdue %(overdue)d, done "
    "since last report %(done)d": "%(organisation)s\u00a0: ouverts %(open)d, en cours "
    "%(in_progress)d, en retard %(overdue)d, réalisés depuis le dernier rapport %(done)d",
    "Action point report for %(forum)s": "Rapport des points d'action de %(forum)s",
    "Here is the state of the action points of %(forum)s, to prepare the next meeting on "
    "%(date)s.": "Voici l'état des points d'action de %(forum)s, pour préparer la prochaine "
    "réunion du %(date)s.",
    "Here is the state of the action points of %(forum)s, to prepare the next meeting.": "Voici "
    "l'état des points d'action de %(forum)s, pour préparer la prochaine réunion.",
    "No open action points.": "Aucun point d'action ouvert.",
    "You receive this report because you coordinate %(forum)s.": "Vous recevez ce rapport "
    "parce que vous coordonnez %(forum)s.",
    "It is prepared from the action register before each meeting.": "Il est établi à partir "
    "du registre des points d'action avant chaque réunion.",
    "(next meeting %(date)s)": "(prochaine réunion le %(date)s)",
}

_FR_PLURALS: dict[str, tuple[str, ...]] = {
    "%(num)d day late": ("%(num)d jour de retard", "%(num)d jours de retard"),
    "%(num)d overdue action point": (
        "%(num)d point d'action en retard",
        "%(num)d points d'action en retard",
    ),
    "%(num)d action point due soon": (
        "%(num)d point d'action à échéance proche",
        "%(num)d points d'action à échéance proche",
    ),
    "Reminder: action point %(num)d day late: %(text)s": (
        "Rappel\u00a0: point d'action en retard de %(num)d jour\u00a0: %(text)s",
        "Rappel\u00a0: point d'action en retard de %(num)d jours\u00a0: %(text)s",
    ),
    "Still open %(num)d day after its deadline: %(text)s": (
        "Toujours ouvert %(num)d jour après l'échéance\u00a0: %(text)s",
        "Toujours ouvert %(num)d jours après l'échéance\u00a0: %(text)s",
    ),
    "For your information as coordinator of %(forum)s: the action point below is still open "
    "%(num)d day after its deadline.": (
        "À l'attention de la coordination de %(forum)s\u00a0: le point d'action ci-dessous "
        "est toujours ouvert %(num)d jour après son échéance.",
        "À l'attention de la coordination de %(forum)s\u00a0: le point d'action ci-dessous "
        "est toujours ouvert %(num)d jours après son échéance.",
    ),
    "The action point below is %(num)d day past its deadline and still open.": (
        "Le point d'action ci-dessous a dépassé son échéance de %(num)d jour et reste ouvert.",
        "Le point d'action ci-dessous a dépassé son échéance de %(num)d jours et reste ouvert.",
    ),
    "Status update needed before the meeting on %(date)s (%(num)d action point)": (
        "Point de situation attendu avant la réunion du %(date)s (%(num)d point d'action)",
        "Point de situation attendu avant la réunion du %(date)s (%(num)d points d'action)",
    ),
    "Status update needed before the next meeting (%(num)d action point)": (
        "Point de situation attendu avant la prochaine réunion (%(num)d point d'action)",
        "Point de situation attendu avant la prochaine réunion (%(num)d points d'action)",
    ),
    "Action point report: %(num)d overdue": (
        "Rapport des points d'action\u00a0: %(num)d en retard",
        "Rapport des points d'action\u00a0: %(num)d en retard",
    ),
}

CATALOGS: Mapping[str, Catalog] = {
    "en": Catalog(messages={}, plurals={}),
    "fr": Catalog(messages=_FR_MESSAGES, plurals=_FR_PLURALS),
}

# Index of the plural form for a count (CLDR rules for integers): English uses the
# singular for 1 only; French also for 0 ("0 jour de retard").
_PLURAL_RULES: Mapping[str, Callable[[int], int]] = {
    "en": lambda n: 0 if n == 1 else 1,
    "fr": lambda n: 0 if n in (0, 1) else 1,
}


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
