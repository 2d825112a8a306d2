"""Header values derived from a notice: Message-IDs, thread ids, List-Id, the forums.

Pure functions of the notice (and the sender's domain): a notice sent again after a
crash gets the same values.
"""

from __future__ import annotations

import hashlib
import re
from email.header import Header

from reminder.mail.filters import one_line
from reminder.planning.notices import Kind, Notice
from reminder.register.snapshot import Item

# RFC 5322 specials that would turn the List-Id phrase into something else than a phrase.
_PHRASE_SPECIALS = re.compile(r'[<>()\[\]\\,;:@"]')


def message_id_for(key: str, *, domain: str) -> str:
    """The Message-ID of the notice with ledger key `key`: the same for every attempt."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<{digest}.notice@{domain}>"


def thread_id_for(item: Item, *, domain: str) -> str:
    """The id an item's escalations refer to, so that they thread together."""
    return message_id_for(f"thread:{item.forum}:{item.id}", domain=domain)


def threads_of(notice: Notice, *, domain: str) -> list[str]:
    if notice.kind is not Kind.ESCALATION:
        return []
    items = {(i.forum, i.id): i for s in notice.sections for i in s.items}
    return [thread_id_for(items[k], domain=domain) for k in sorted(items)]


def forums_of(notice: Notice) -> list[str]:
    """The forums a notice is about: its items', else its own."""
    found = sorted({i.forum for s in notice.sections for i in s.items if i.forum})
    return found or ([notice.forum] if notice.forum else [])


def list_id(forum: str, configured: str, forums: list[str]) -> str:
    """RFC 2919: `phrase <label.namespace>`; the phrase encoded when not ASCII."""
    phrase = " ".join(_PHRASE_SPECIALS.sub(" ", one_line(forum)).split())
    ident = re.sub(r"[^A-Za-z0-9.\-]", "", configured).strip(".") or "action-points.invalid"
    if len(forums) == 1:
        label = _label(forums[0])
        if not ident.startswith(f"{label}.") and len(label) + len(ident) < 200:
            ident = f"{label}.{ident}"
    if not phrase:
        return f"<{ident}>"
    if not phrase.isascii():
        phrase = Header(phrase, "utf-8", maxlinelen=76).encode()
    return f"{phrase} <{ident}>"


def _label(forum: str) -> str:
    """A forum name as a DNS-like label: ASCII letters, digits and hyphens, lower case;
    a name with none of them (or that loses letters) gets a short hash as well, so two
    forums never share an id."""
    ascii_part = re.sub(r"[^a-z0-9]+", "-", one_line(forum).lower()).strip("-")[:40]
    if ascii_part and ascii_part.replace("-", " ").split() == one_line(forum).lower().split():
        return ascii_part
    digest = hashlib.sha256(forum.encode()).hexdigest()[:8]
    return f"{ascii_part}-{digest}" if ascii_part else f"forum-{digest}"


def boundary_for(message_id: str, level: str) -> str:
    """A multipart boundary that no part can contain: "=_" never occurs in quoted-printable
    or base64 text (RFC 2045), and compose sends a part unencoded only without it. Set
    here, the generator need not search every mail's text for a free one; derived from
    the Message-ID, a mail sent again is the same bytes."""
    return f"=_{hashlib.sha256(message_id.encode()).hexdigest()[:20]}_{level}"
