"""Who `--to` means: a contact, an organisation or a group of the directory.

`find_recipients` matches the text the way owners are matched (case, accents,
punctuation and spacing do not matter): a contact's name, alias or email, an
organisation's name, acronym or alias (everyone in it), a group's name or alias (its
members). Every entry that matches exactly counts; when none does, the tolerant owner
matching of `register.matching` (a role suffix such as "IOM focal point", a first name,
a small typo) is tried. An email address not in the directory is taken as it is (a
coordinator may be configured by address only). Anything else raises `UnknownRecipient`,
whose message says what was tried.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session

from reminder.errors import ReminderError
from reminder.planning.notices import Notice
from reminder.register.directory import load_directory
from reminder.register.matching import Entry, normalise
from reminder.register.reach import load_reach
from reminder.register.snapshot import Reach

TRIED = "contact names and emails, organisation names, acronyms and aliases, group names"


class UnknownRecipient(ReminderError):
    """`--to` names no contact, organisation or group; the message says what was tried."""


@dataclass(frozen=True)
class Recipients:
    """What `asked` resolved to: the addresses it reaches and, for messages, what matched."""

    asked: str
    emails: frozenset[str]
    matched: tuple[str, ...] = ()

    def reaches(self, notice: Notice) -> bool:
        """True when the notice goes (to or cc) to one of these people, or to someone whose
        email, name or organisation is written as asked."""
        key = normalise(self.asked)
        return any(
            p.email.lower() in self.emails
            or key in {normalise(p.email), normalise(p.name), normalise(p.organisation or "")}
            for p in (*notice.to, *notice.cc)
        )


def find_recipients(*, session: Session, who: str) -> Recipients:
    """Resolve `who` (see the module docstring); raises UnknownRecipient."""
    directory = load_directory(session)
    reach = load_reach(session)
    key = normalise(who)
    found = [e for e in directory.entries if key and _names(e, reach, key, who)]
    if not found and key:
        resolution = directory.resolve(who)
        if resolution.resolved:
            found = [
                e for e in directory.entries if (e.kind, e.id) == (resolution.kind, resolution.id)
            ]
    if found:
        emails = frozenset(email for e in found for email in _emails(e, reach))
        return Recipients(who, emails, tuple(f"{e.kind} {e.name}" for e in found))
    if "@" in who and key:
        return Recipients(who, frozenset({who.strip().lower()}), (f"address {who.strip()}",))
    message = f"no contact, organisation or group matches {who!r} (tried {TRIED})"
    if not directory.entries:
        message += "; the directory is empty: load it with `reminder directory import FILE`"
    raise UnknownRecipient(message)


def _names(entry: Entry, reach: Reach, key: str, who: str) -> bool:
    written = {normalise(v) for v in (entry.name, *entry.names, *entry.acronyms, *entry.aliases)}
    compact = key.replace(" ", "")
    if key in written or compact in {w.replace(" ", "") for w in written}:
        return True
    person = reach.people.get(entry.id) if entry.kind == "contact" else None
    return person is not None and person.email.lower() == who.strip().lower()


def _emails(entry: Entry, reach: Reach) -> Iterable[str]:
    if entry.kind == "contact":
        ids: Iterable[int] = [entry.id]
    elif entry.kind == "organisation":
        ids = [c for c, org in reach.orgs_of.items() if org == entry.id]
    else:
        ids = reach.members.get(entry.id, set())
    return [reach.people[c].email.lower() for c in ids if c in reach.people]
