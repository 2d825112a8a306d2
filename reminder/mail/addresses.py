"""Mail addresses for headers and envelopes: parsed strictly, names made one line.

Names are user text (one_line removes CR/LF and control characters, the header's
encoding then quotes or RFC 2047-encodes what remains); addresses are not repaired: a
malformed one is an error in the directory or the settings, reported rather than
guessed at. Internationalised domains go as punycode (headers are 7-bit).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.policy import SMTP
from email.utils import formataddr

from reminder.mail.filters import one_line
from reminder.planning.notices import Notice
from reminder.register.snapshot import Person

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"  # RFC 5322 atext
_DOT_ATOM = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")


def mailbox_header(address: Address) -> str:
    """'Name <addr>' as a header value: the name quoted or RFC 2047-encoded as needed."""
    return formataddr((address.display_name, address.addr_spec), charset="utf-8")


@functools.lru_cache(maxsize=256)
def _parse_address_cached(value: str, what: str) -> Address:
    return _parse_address_uncached(value, what=what)


def unique_addresses(people: Iterable[Person], *, seen: set[str]) -> tuple[Address, ...]:
    """People as header addresses, skipping addresses already in `seen` (updated)."""
    out: list[Address] = []
    for person in people:
        address = address_of(person.name, person.email, what="recipient")
        if address.addr_spec.lower() not in seen:
            seen.add(address.addr_spec.lower())
            out.append(address)
    return tuple(out)


def parse_address(value: str, *, what: str) -> Address:
    """See `_parse_address_uncached`; the sender and reply-to repeat in every mail."""
    return _parse_address_cached(value, what)


def _parse_address_uncached(value: str, *, what: str) -> Address:
    """Exactly one mailbox ("Name <addr>" or "addr"), parsed as a header would be; any
    defect refuses it, since a lenient parse can pick another address than the one meant."""
    header = SMTP.header_factory("Reply-To", one_line(value))
    if header.defects or len(header.addresses) != 1:
        raise ValueError(f"invalid {what} address: {value!r}")
    return address_of(header.addresses[0].display_name, header.addresses[0].addr_spec, what=what)


def address_of(name: str, email: str, *, what: str) -> Address:
    # Names are user text: one_line removes CR/LF and control characters; the policy then
    # quotes or RFC 2047-encodes what remains. Addresses are not repaired: a malformed one
    # is an error in the directory or the settings, reported rather than guessed at.
    local, at, domain = email.strip().rpartition("@")
    if not at or not local or not domain:
        raise ValueError(f"invalid {what} address: {email!r}")
    domain = _ascii_domain(domain)
    if _DOT_ATOM.fullmatch(local) and _DOT_ATOM.fullmatch(domain):
        # Nearly every address: what the addr-spec parser would make of it, without the
        # parser (a tenth of composing a mail).
        return Address(display_name=one_line(name), username=local, domain=domain)
    try:
        return Address(display_name=one_line(name), addr_spec=f"{local}@{domain}")
    except (ValueError, IndexError, HeaderParseError) as exc:
        raise ValueError(f"invalid {what} address: {email!r}") from exc


def _ascii_domain(domain: str) -> str:
    # Headers are 7-bit under the SMTP policy: an internationalised domain goes as punycode.
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValueError(f"invalid mail domain: {domain!r}") from exc


def reply_address(
    notice: Notice, *, reply: str | None, sender: Address, forums: list[str]
) -> Address:
    """Whom replies reach: `reply` when given, else the coordinator of the notice's one
    forum, else the sender."""
    if reply:
        return parse_address(reply, what="reply-to")
    coordinators = [p for forum, p in notice.coordinators if forums == [forum]]
    if coordinators:
        return address_of(coordinators[0].name, coordinators[0].email, what="reply-to")
    return sender
