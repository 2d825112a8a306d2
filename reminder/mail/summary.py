"""The line each mail opens with, and the one thing it asks (also the preheader).

`summary_line` counts what needs action ("3 overdue, 2 due soon, 1 without a date");
`todo_line` says the one thing to do. Both are translated with the mail's catalog
(`i18n.translations`); their strings are in `MESSAGES` so the catalog test sees them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from reminder.mail.filters import format_day, recipient_keys
from reminder.mail.french import de_name, le_name
from reminder.mail.i18n import translations
from reminder.planning.notices import Kind, Notice

Format = Callable[[date], str]

# Every msgid used here: (singular, plural) for counts, plain strings otherwise.
PARTS = {
    "overdue": ("%(num)d overdue", "%(num)d overdue"),
    "due_soon": ("%(num)d due soon", "%(num)d due soon"),
    "undated": ("%(num)d without a date", "%(num)d without a date"),
    "review": ("%(num)d to review", "%(num)d to review"),
    "ask_owner": ("%(num)d overdue that you own", "%(num)d overdue that you own"),
    "ask_lead": ("%(num)d overdue in your organisation", "%(num)d overdue in your organisation"),
    "ask_coordinator": ("%(num)d overdue to raise", "%(num)d overdue to raise"),
    "due_before_meeting": ("%(num)d due before the meeting", "%(num)d due before the meeting"),
    "done_since_last": ("%(num)d done since the last report", "%(num)d done since the last report"),
    "beyond_cutoff": ("%(num)d no longer escalated", "%(num)d no longer escalated"),
}
NOTHING = "Nothing needs action"
TODO = {
    "digest": "For each item, reply with “done” or a new date.",
    "pre_meeting_date": "Before %(date)s, reply with a short status for each item: done, "
    "in progress, or what is blocking it.",
    "pre_meeting": "Before the meeting, reply with a short status for each item: done, "
    "in progress, or what is blocking it.",
    "ask_owner": "Please finish these items, or reply with a new date.",
    "ask_lead": "Please follow up with the owners named under each item.",
    "ask_coordinator": "Please raise these items with their owners or at the next meeting.",
    "report_date": "Chase the overdue items before the meeting on %(date)s.",
    "report": "Chase the overdue items before the next meeting.",
}
# With answer links in the mail (a public base URL configured), the ask points at them.
TODO_LINKED = {
    "digest": "Under each item, choose Done, In progress, New date or Comment.",
    "pre_meeting_date": "Before %(date)s, choose Done, In progress, New date or Comment "
    "under each item.",
    "pre_meeting": "Before the meeting, choose Done, In progress, New date or Comment "
    "under each item.",
    "ask_owner": "Please finish these items, or set a new date with the link under each.",
}
_REPORT_OVERDUE = ("overdue_1_7", "overdue_8_30", "overdue_over_30")


def _counts(notice: Notice) -> dict[str, int]:
    counts = {s.key: len(s.items) for s in notice.sections}
    if notice.kind is Kind.REPORT:
        counts["overdue"] = sum(counts.get(k, 0) for k in _REPORT_OVERDUE)
    if notice.kind is Kind.PRE_MEETING:
        review = next((s.items for s in notice.sections if s.key == "review"), ())
        counts["overdue"] = sum(1 for i in review if i.days_overdue)
    return counts


_ORDER = {
    Kind.DIGEST: ("overdue", "due_soon", "undated"),
    Kind.PRE_MEETING: ("review", "overdue"),
    Kind.ESCALATION: ("ask_owner", "ask_lead", "ask_coordinator"),
    Kind.REPORT: ("overdue", "beyond_cutoff", "due_before_meeting", "undated", "done_since_last"),
}


def summary_line(
    notice: Notice, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str]
) -> str:
    """The counts that need action, in a fixed order per kind, zeros left out."""
    counts = _counts(notice)
    parts = [
        ngettext(*PARTS[key], counts[key]) % {"num": counts[key]}
        for key in _ORDER[notice.kind]
        if counts.get(key)
    ]
    return ", ".join(parts) if parts else gettext(NOTHING)


def todo_line(
    notice: Notice, gettext: Callable[[str], str], when: Format, *, linked: bool = False
) -> str:
    """The one thing the mail asks of its reader; `linked`: its items carry answer links."""
    meeting = notice.next_meeting
    asks = {**TODO, **TODO_LINKED} if linked else TODO
    if notice.kind is Kind.DIGEST:
        return gettext(asks["digest"])
    if notice.kind is Kind.PRE_MEETING:
        if meeting:
            return gettext(asks["pre_meeting_date"]) % {"date": when(meeting)}
        return gettext(asks["pre_meeting"])
    if notice.kind is Kind.ESCALATION:
        first = next((s.key for s in notice.sections if s.items), "ask_owner")
        return gettext(asks.get(first, asks["ask_owner"]))
    if meeting:
        return gettext(TODO["report_date"]) % {"date": when(meeting)}
    return gettext(TODO["report"])


def linked_todo(notice: Notice, language: str) -> str:
    """The `todo` line of a mail whose items carry answer links."""
    gettext, _ngettext = translations(language)
    return todo_line(notice, gettext, lambda day: format_day(day, language), linked=True)


def messages() -> tuple[list[str], list[str]]:
    """(plain msgids, plural singular msgids) used here, for the catalog test."""
    return [NOTHING, *TODO.values(), *TODO_LINKED.values()], [
        singular for singular, _plural in PARTS.values()
    ]


def opening_context(notice: Notice, language: str) -> dict[str, Any]:
    """The template variables `render` documents from `summary` to `links`."""
    gettext, ngettext = translations(language)
    forums = {i.forum for s in notice.sections for i in s.items}
    forums |= {forum for forum, _person in notice.coordinators}
    asks = {
        int(key.split(":", 1)[1]): names
        for key, names in notice.extra
        if key.startswith("follow_up:") and key.split(":", 1)[1].isdigit()
    }
    return {
        "summary": summary_line(notice, gettext, ngettext),
        "todo": todo_line(notice, gettext, lambda day: format_day(day, language)),
        "de_forum": de_name(notice.forum, language),
        "le_forum": le_name(notice.forum, language),
        "reply_contacts": notice.coordinators,
        "single_forum": len(forums) <= 1,
        "asks": asks,
        "recipient_keys": recipient_keys(notice.to),
        # Filled once signed links exist (a public base URL configured); until then
        # the templates' link place (partials/links.*) shows nothing.
        "links": {},
    }
