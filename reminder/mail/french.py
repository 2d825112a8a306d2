"""French: the catalog of the mail templates, and names with their articles.

Written as a French coordinator writes: "les points d'action du GT Éducation", "de
l'Association…", dates in full ("jeudi 27 juillet 2023", see `filters.DATE_FORMAT`), a
no-break space (U+00A0) before ":" and inside « ». Strings naming a forum after "de"
use `%(de_forum)s` (templates pass it, `de_name`), after a verb `%(le_forum)s`.
"""

from __future__ import annotations

import re
import unicodedata

# First words of forum names whose article is known ("du GT", "de la Coordination").
# Anything else starting with a vowel takes "l'" (l'UNICEF, l'Association); the rest
# goes without an article ("de CXB CPSS"), which is never wrong.
_MASCULINE = frozenset(
    "gt groupe sous-groupe cluster comité secteur sous-secteur forum réseau bureau "  # noqa: SIM905
    "conseil consortium collectif haut-commissariat pam hcr".split()
)
_FEMININE = frozenset(
    "coordination plateforme table cellule commission sous-commission réunion "  # noqa: SIM905
    "task-force direction mission".split()
)
_ARTICLE = re.compile(r"^(le|la|les|l')\s*", re.IGNORECASE)


def _first_word(name: str) -> str:
    return name.split(" ", 1)[0].casefold()


def _elides(name: str) -> bool:
    letter = unicodedata.normalize("NFD", name[:1])[:1].casefold()
    return letter in set("aeiouy")


def de_name(name: str, language: str) -> str:
    """`name` after "de" (French only; other languages get it as is): "du GT",
    "de la Coordination", "de l'Association", "des Partenaires", else "de X"."""
    if language != "fr" or not name:
        return name
    article = _ARTICLE.match(name)
    if article:
        rest = name[article.end() :]
        word = article.group(1).casefold()
        return {"le": "du ", "la": "de la ", "les": "des ", "l'": "de l'"}[word] + rest
    if _first_word(name) in _MASCULINE:
        return f"du {name}"
    if _first_word(name) in _FEMININE:
        return f"de la {name}"
    return f"de l'{name}" if _elides(name) else f"de {name}"


def le_name(name: str, language: str) -> str:
    """`name` as the object of a verb ("vous coordonnez le GT"), French only."""
    if language != "fr" or not name or _ARTICLE.match(name):
        return name
    if _first_word(name) in _MASCULINE:
        return f"le {name}"
    if _first_word(name) in _FEMININE:
        return f"la {name}"
    return f"l'{name}" if _elides(name) else name


NBSP = "\u00a0"

FR_MESSAGES: dict[str, str] = {
    # answer links and the foot of a mail (with a public base URL)
    "New date": "Nouvelle date",
    "Comment": "Commenter",
    "Your mail settings": "Vos préférences de messages",
    "Your deadlines in your calendar": "Vos échéances dans votre agenda",
    "Unsubscribe": "Se désabonner",
    "Updated by focal points since the last report": (
        "Mis à jour par les points focaux depuis le dernier rapport"
    ),
    "Asked for fewer of these mails: %(who)s": "Ont demandé moins de ces messages\u00a0: %(who)s",
    # headings and statuses
    "Overdue": "En retard",
    "Due soon": "À échéance proche",
    "No deadline yet": "Pas encore d'échéance",
    "Action point": "Point d'action",
    "To review at the next meeting": "À passer en revue à la prochaine réunion",
    "Overdue by 1 to 7 days": "En retard de 1 à 7 jours",
    "Overdue by 8 to 30 days": "En retard de 8 à 30 jours",
    "Overdue by more than 30 days": "En retard de plus de 30 jours",
    "No longer escalated (long overdue)": "Très en retard, plus relancés",
    "Due before the next meeting": "À échéance avant la prochaine réunion",
    "Owner not found in the directory": "Responsable absent de l'annuaire",
    "Done since the last report": "Réalisés depuis le dernier rapport",
    "Overdue action points you own": "Vos points d'action en retard",
    "Overdue action points of your organisation": "Points d'action en retard de votre organisation",
    "Overdue action points to raise": "Points d'action en retard à reprendre",
    "open": "ouvert",
    "in progress": "en cours",
    "done": "réalisé",
    "cancelled": "annulé",
    "(owner not in directory)": "(responsable absent de l'annuaire)",
    "(no organisation)": "(sans organisation)",
    # layout
    "Dear %(name)s,": "Bonjour %(name)s,",
    "Dear colleagues,": "Bonjour à toutes et à tous,",
    "You receive this mail because you are named as focal point for action points of "
    "%(forum)s.": "Vous recevez ce message parce que votre nom figure comme point focal "
    "pour des points d'action %(de_forum)s.",
    "Sent automatically by actionpoint-reminder on %(when)s.": "Envoyé automatiquement par "
    "actionpoint-reminder le %(when)s.",
    "To answer, reply to this mail. The coordinator of %(forum)s is %(who)s.": "Pour "
    f"donner suite, répondez à ce message. La coordination %(de_forum)s{NBSP}: %(who)s.",
    "To answer, write to the coordinator of the item's forum:": "Pour donner suite, écrivez à "
    f"la coordination du forum de chaque point{NBSP}:",
    "%(forum)s: %(who)s": f"%(forum)s{NBSP}: %(who)s",
    "To answer, reply to this mail.": "Pour donner suite, répondez à ce message.",
    "Nothing needs action": "Rien à faire pour l'instant",
    # action tables
    "Action": "Action",
    "Organisation": "Organisation",
    "Due": "Échéance",
    "Meeting: %(title)s, %(date)s": f"Réunion{NBSP}: %(title)s, %(date)s",
    "Meeting: %(title)s": f"Réunion{NBSP}: %(title)s",
    "Meeting of %(date)s": "Réunion du %(date)s",
    "Not linked to a meeting": "Sans réunion associée",
    "Status: %(status)s": f"Statut{NBSP}: %(status)s",
    "Owner: %(owners)s": f"Responsable{NBSP}: %(owners)s",
    "Organisation: %(organisations)s": f"Organisation{NBSP}: %(organisations)s",
    "Due: %(due)s": f"Échéance{NBSP}: %(due)s",
    "Done": "Réalisé",
    "“%(phrase)s” (no date yet)": f"«{NBSP}%(phrase)s{NBSP}» (pas encore de date)",
    "Please follow up with %(names)s.": "Merci de relancer %(names)s.",
    # what each mail asks
    "For each item, reply with “done” or a new date.": "Pour chaque point, répondez "
    f"«{NBSP}réalisé{NBSP}» ou donnez une nouvelle date.",
    "Before %(date)s, reply with a short status for each item: done, in progress, or what "
    "is blocking it.": "Avant le %(date)s, répondez par un court point de situation pour "
    f"chacun{NBSP}: réalisé, en cours, ou ce qui le bloque.",
    "Before the meeting, reply with a short status for each item: done, in progress, or "
    "what is blocking it.": "Avant la réunion, répondez par un court point de situation "
    f"pour chacun{NBSP}: réalisé, en cours, ou ce qui le bloque.",
    "Under each item, choose Done, In progress, New date or Comment.": "Sous chaque point, "
    "choisissez Réalisé, En cours, Nouvelle date ou Commenter.",
    "Before %(date)s, choose Done, In progress, New date or Comment under each item.": "Avant "
    "le %(date)s, choisissez Réalisé, En cours, Nouvelle date ou Commenter sous chaque point.",
    "Before the meeting, choose Done, In progress, New date or Comment under each item.": "Avant "
    "la réunion, choisissez Réalisé, En cours, Nouvelle date ou Commenter sous chaque point.",
    "Please finish these items, or set a new date with the link under each.": "Merci de les "
    "mener à bien, ou de donner une nouvelle date avec le lien sous chacun.",
    "Please finish these items, or reply with a new date.": "Merci de les mener à bien, ou "
    "de répondre en donnant une nouvelle date.",
    "Please follow up with the owners named under each item.": "Merci de relancer les "
    "personnes nommées sous chaque point.",
    "Please raise these items with their owners or at the next meeting.": "Merci de les "
    "reprendre avec leurs responsables ou à la prochaine réunion.",
    "Chase the overdue items before the meeting on %(date)s.": "Relancez les points en "
    "retard avant la réunion du %(date)s.",
    "Chase the overdue items before the next meeting.": "Relancez les points en retard "
    "avant la prochaine réunion.",
    "Please finish them, or reply with a new date.": "Merci de les mener à bien, ou de "
    "répondre en donnant une nouvelle date.",
    "People of your organisation own these: please follow up with the person named under "
    "each.": "Ils reviennent à des personnes de votre organisation\u00a0: merci de relancer "
    "la personne nommée sous chacun.",
    "Reminders to the owners have not moved these: please raise them with the owners or at "
    "the next meeting.": "Les rappels aux responsables ne les ont pas fait avancer\u00a0: "
    "merci de les reprendre avec eux ou à la prochaine réunion.",
    # digest
    "Your action points in %(forum)s": "Vos points d'action %(de_forum)s",
    # escalation
    "Overdue action points of %(forum)s": "Points d'action en retard %(de_forum)s",
    "You receive this mail because you coordinate %(forum)s.": "Vous recevez ce message "
    "parce que vous coordonnez %(le_forum)s.",
    "Each step of the reminder schedule is mailed once, all items in one mail.": "Chaque "
    "étape des rappels n'est envoyée qu'une fois, tous les points dans un seul message.",
    # pre-meeting
    "Status update before the next meeting": "Point de situation avant la prochaine réunion",
    # report
    "Summary by organisation": "Résumé par organisation",
    "Open": "Ouverts",
    "In progress": "En cours",
    "Done since last report": "Réalisés depuis le dernier rapport",
    "%(organisation)s: open %(open)d, in progress %(in_progress)d, overdue %(overdue)d, done "
    "since last report %(done)d": f"%(organisation)s{NBSP}: ouverts %(open)d, en cours "
    "%(in_progress)d, en retard %(overdue)d, réalisés depuis le dernier rapport %(done)d",
    "Action point report for %(forum)s": "Rapport des points d'action %(de_forum)s",
    "No open action points.": "Aucun point d'action ouvert.",
    "You receive this report because you coordinate %(forum)s.": "Vous recevez ce rapport "
    "parce que vous coordonnez %(le_forum)s.",
    "It is prepared from the action register before each meeting.": "Il est établi à partir "
    "du registre des points d'action avant chaque réunion.",
    "(next meeting %(date)s)": "(prochaine réunion le %(date)s)",
}

FR_PLURALS: dict[str, tuple[str, ...]] = {
    "%(num)d day late": ("%(num)d jour de retard", "%(num)d jours de retard"),
    "%(num)d overdue": ("%(num)d en retard", "%(num)d en retard"),
    "%(num)d due soon": ("%(num)d à échéance proche", "%(num)d à échéance proche"),
    "%(num)d without a date": ("%(num)d sans date", "%(num)d sans date"),
    "%(num)d to review": ("%(num)d à passer en revue", "%(num)d à passer en revue"),
    "%(num)d overdue that you own": (
        "%(num)d en retard dont vous êtes responsable",
        "%(num)d en retard dont vous êtes responsable",
    ),
    "%(num)d overdue in your organisation": (
        "%(num)d en retard dans votre organisation",
        "%(num)d en retard dans votre organisation",
    ),
    "%(num)d overdue to raise": ("%(num)d en retard à reprendre", "%(num)d en retard à reprendre"),
    "%(num)d due before the meeting": (
        "%(num)d à échéance avant la réunion",
        "%(num)d à échéance avant la réunion",
    ),
    "%(num)d done since the last report": (
        "%(num)d réalisé depuis le dernier rapport",
        "%(num)d réalisés depuis le dernier rapport",
    ),
    "%(num)d no longer escalated": ("%(num)d plus relancé", "%(num)d plus relancés"),
    "These are more than %(num)d day late: their owners are no longer reminded. Close them, "
    "give them a new date or drop them at the meeting.": (
        f"Ils ont plus de %(num)d jour de retard{NBSP}: leurs responsables ne sont plus "
        "relancés. À clore, à redater ou à abandonner en réunion.",
        f"Ils ont plus de %(num)d jours de retard{NBSP}: leurs responsables ne sont plus "
        "relancés. À clore, à redater ou à abandonner en réunion.",
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
        f"Rapport des points d'action{NBSP}: %(num)d en retard",
        f"Rapport des points d'action{NBSP}: %(num)d en retard",
    ),
}
