"""Wrap a rendered notice into a MIME message that behaves like good automated mail.

The message is multipart/alternative (text/plain first, format=flowed (RFC 3676) as
`render` makes it, then text/html; both UTF-8 and 7-bit clean for any relay), serialised
with CRLF line ends (`email.policy.SMTP`). The text part is quoted-printable, so that a
flowed line's trailing space survives relays that strip it (as "=20"). The HTML part goes
unencoded (7bit) when it can: every character beyond ASCII written as a character
reference (`&#8220;`), which HTML reads as the character itself, lines that SMTP carries
(RFC 5321: 998 octets), no CR and nothing that could read as a boundary. Quoting every
`=` of the inlined styles cost more than rendering them, and made the mail larger. A part
that cannot (non-ASCII inside a <style> or <script>, where references are not read; a
very long line) is quoted-printable too. Header choices, and why:

- `Auto-Submitted: auto-generated` (RFC 3834): vacation responders and ticket systems must
  not answer, and receivers can tell it is not a person writing.
- `X-Auto-Response-Suppress: OOF, AutoReply`: the same for Exchange/Outlook. Not "All",
  which would also suppress non-delivery reports: a dead focal-point address must bounce.
- `List-Id` (RFC 2919): `<forum-label.list_id>` per forum (the configured id alone for a
  digest over several forums), so recipients can filter per forum; it marks the mail as
  list-like traffic rather than personal mail from a stranger. Only the phrase (the
  forum's name) is RFC 2047-encoded when it is not ASCII, never the `<id>`.
- `X-Reminder-Forum`: the forum's name(s), for filters that match on the name;
  RFC 2047-encoded when not ASCII.
- `Reply-To`, always, since the mails ask for replies: the `reply_to` given, else the
  forum's first coordinator (a notice of one forum), else the sender (a digest over
  several forums, whose body names each forum's coordinator); then `List-Unsubscribe`
  as a mailto to the same address, so "stop these" reaches a person instead of the spam
  button (left out when that is the sender, or too long to fit a line).
- `In-Reply-To` and `References` (escalations): one made-up thread id per item
  (`thread_id_for`), so each item's successive escalations thread together.
- No `Precedence: bulk`: it is non-standard, RFC 3834 says Auto-Submitted supersedes it,
  and some filters count it against the mail.

Everything that comes from user data (names, forum, subject) goes through
`rendering.one_line`, so a CR/LF in a directory entry can never start a new header.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime
from email.header import Header
from email.utils import format_datetime

from reminder.config.mail import MailSettings
from reminder.mail.addresses import mailbox_header, parse_address, reply_address, unique_addresses
from reminder.mail.filters import one_line
from reminder.mail.headers import boundary_for, forums_of, list_id, message_id_for, threads_of
from reminder.mail.messages import OutgoingMail, Rendered
from reminder.mail.wire import Headers, Part, part_bytes
from reminder.planning.notices import Notice

_MAX_URL = 900  # a signed link in List-Unsubscribe, on a line of its own (RFC 5322: 998)
_MAX_HEADER_TOKEN = 76  # what fits on a folded header line (78 with the leading space)
_RAW_TEXT = re.compile(r"<(?:style|script)\b.*?</(?:style|script)", re.IGNORECASE | re.DOTALL)
_MAX_LINE = 998  # octets on a line of an unencoded part (RFC 5321 4.5.3.1.6)


def compose(
    notice: Notice,
    rendered: Rendered,
    *,
    settings: MailSettings,
    now: datetime,
    reply_to: str | None = None,
    unsubscribe_url: str | None = None,
    invitation: bytes | None = None,
) -> OutgoingMail:
    """Build the message for one notice.

    `now` (timezone-aware) is the Date header; `reply_to` ("Name <addr>" or a bare
    address) wins over `settings.reply_to`. A person in both To and Cc stays in To only;
    envelope recipients are To then Cc, each address once (case-insensitively).
    `unsubscribe_url` (a signed https link) makes `List-Unsubscribe` one-click (RFC
    8058); `invitation` (iCalendar) is attached as the next meeting's `.ics`.
    Raises ValueError when the notice has no To recipient, `now` is naive, or an
    address (sender, recipient, reply-to) is invalid.
    """
    if not notice.to:
        raise ValueError(f"notice {notice.key!r} has no recipient")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("compose needs a timezone-aware `now` for the Date header")
    sender = parse_address(settings.sender, what="sender")
    to = unique_addresses(notice.to, seen=set())
    cc = unique_addresses(notice.cc, seen={a.addr_spec.lower() for a in to})

    # Headers are ready 7-bit strings, written as compat32 writes stored strings
    # (mail.wire): parsing every value into header objects, or building the message tree
    # at all, cost more than rendering the mail. All user text went through one_line,
    # so no value holds a line break.
    head: Headers = [("From", mailbox_header(sender)), ("To", ", ".join(map(mailbox_header, to)))]
    if cc:
        head.append(("Cc", ", ".join(mailbox_header(a) for a in cc)))
    subject = one_line(rendered.subject)
    head.append(("Subject", _encoded(subject)))
    head.append(("Date", format_datetime(now)))
    # Derived from the notice's ledger key, under the sender's domain: unique per notice,
    # and the same when a run that took over after a crash sends the mail again, so that
    # clients and servers that drop duplicates by Message-ID show it once. The caller
    # keeps it (OutgoingMail.message_id) to tie bounces and replies to the ledger entry.
    message_id = message_id_for(notice.key, domain=sender.domain)
    head.append(("Message-ID", message_id))
    head.append(("Auto-Submitted", "auto-generated"))
    head.append(("X-Auto-Response-Suppress", "OOF, AutoReply"))
    forums = forums_of(notice)
    head.append(("List-Id", list_id(notice.forum, settings.list_id, forums)))
    head.append(("X-Reminder-Forum", _encoded(one_line(", ".join(forums) or notice.forum))))
    threads = threads_of(notice, domain=sender.domain)
    if threads:
        head.append(("In-Reply-To", threads[0]))
        # Pre-folded: one id per line, whatever the number of items.
        head.append(("References", "\r\n ".join(threads)))
    replies = reply_address(
        notice, reply=reply_to or settings.reply_to, sender=sender, forums=forums
    )
    head.append(("Reply-To", mailbox_header(replies)))
    unsubscribe = f"<mailto:{replies.addr_spec}?subject=unsubscribe>"
    if unsubscribe_url and len(unsubscribe_url) <= _MAX_URL:
        # RFC 8058: the provider POSTs "List-Unsubscribe=One-Click" to the signed link.
        # Longer than a folded line: it goes on a line of its own, within RFC 5322's 998.
        head.append(("List-Unsubscribe", f"<{unsubscribe_url}>"))
        head.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
    # A longer value cannot be folded and would be RFC 2047-encoded, which breaks it; and
    # the sender's own address is no person who could act on "stop these".
    elif len(unsubscribe) <= _MAX_HEADER_TOKEN and replies != sender:
        head.append(("List-Unsubscribe", unsubscribe))

    head.append(("MIME-Version", "1.0"))
    alt = boundary_for(message_id, "alt")
    texts = (_part("plain", rendered.text), _part("html", rendered.html))
    if invitation is None:
        head.append(("Content-Type", f'multipart/alternative; boundary="{alt}"'))
        message = Part(head, texts, alt)
    else:
        mixed = boundary_for(message_id, "mix")
        head.append(("Content-Type", f'multipart/mixed; boundary="{mixed}"'))
        body = Part([("Content-Type", f'multipart/alternative; boundary="{alt}"')], texts, alt)
        message = Part(head, (body, _invitation(invitation)), mixed)
    return OutgoingMail(
        key=notice.key,
        kind=notice.kind,
        sender=sender.addr_spec,
        recipients=tuple(a.addr_spec for a in (*to, *cc)),
        message_id=message_id,
        data=part_bytes(message),
        subject=subject,
    )


def _invitation(data: bytes) -> Part:
    headers = [
        ("Content-Type", 'text/calendar; charset="utf-8"; method=PUBLISH; name="meeting.ics"'),
        ("Content-Disposition", 'attachment; filename="meeting.ics"'),
        ("Content-Transfer-Encoding", "base64"),
    ]
    return Part(headers, base64.encodebytes(data).decode("ascii"))


def _part(subtype: str, body: str) -> Part:
    """A UTF-8 text part: 7bit for HTML that can go as it is (`_plain_7bit`), else
    quoted-printable, encoded with binascii (C) rather than set_content's pure-Python
    encoder, which dominated composing a large digest."""
    flowed = "; format=flowed" if subtype == "plain" else ""
    kind = ("Content-Type", f'text/{subtype}; charset="utf-8"{flowed}')
    body = body.replace("\r\n", "\n")
    unencoded = _ascii_html(body) if subtype == "html" else None
    if unencoded is not None and _plain_7bit(unencoded):
        return Part([kind, ("Content-Transfer-Encoding", "7bit")], unencoded)
    encoded = binascii.b2a_qp(body.encode("utf-8"), istext=True).decode("ascii")
    return Part([kind, ("Content-Transfer-Encoding", "quoted-printable")], encoded)


def _ascii_html(html: str) -> str | None:
    """`html` in ASCII, with character references for the rest; None when a character
    beyond ASCII is inside a raw-text element (<style>, <script>), which would then show
    the reference instead of the character."""
    if html.isascii():
        return html
    if any(not raw.isascii() for raw in _RAW_TEXT.findall(html)):
        return None
    return html.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _plain_7bit(body: str) -> bool:
    """Whether `body` (LF line ends) can travel unencoded: ASCII, no CR (which a relay may
    turn into a line end), every line within SMTP's 998 octets, and no "=_", which begins
    every boundary (`boundary_for`) and so can never close a part early."""
    return (
        body.isascii()
        and "\r" not in body
        and "=_" not in body
        and max(map(len, body.split("\n"))) <= _MAX_LINE
    )


def _encoded(text: str) -> str:
    """`text` as a 7-bit header value: RFC 2047 words when it is not ASCII."""
    if text.isascii():
        return text
    return Header(text, "utf-8", maxlinelen=76).encode()
