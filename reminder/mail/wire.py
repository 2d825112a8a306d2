"""The bytes of a message, as `email`'s generator writes them, written faster.

Flattening was the largest cost of a run's rendering process after the templates: the
generator folds every header through `email.header.Header` (even a short ASCII one),
splits every body into lines to write them one by one, and compiles a regular
expression per multipart to choose a boundary; building the message tree first cost
as much again. `compose` describes its mails as `Part`s (7-bit headers as strings,
quoted-printable, 7bit or base64 text parts, each multipart with its boundary set),
which `part_bytes` writes without a tree; `wire_bytes` writes a message tree (the
desk's sign-in mail) the same way.

Contract: what `part_bytes` writes is byte for byte what the compat32 generator writes
for the tree the parts describe, and `wire_bytes(message)` what `message.as_bytes(
policy=message.policy.clone(linesep="\\r\\n"))` gives (tests/mail/test_wire.py checks
every kind of mail, parsed back and written again by `email`). Long ASCII headers are
folded by mail.folding, as the compat32 policy folds them. A tree it does not know how
to write (a header that is not ASCII, a multipart without a boundary, a preamble or
epilogue, a payload that is not an ASCII string) goes to the generator, whole or for
that header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from email.policy import Compat32, Policy, compat32

from reminder.mail.folding import fold_ascii

CRLF = "\r\n"
COMPAT32 = compat32.clone(linesep=CRLF, mangle_from_=False)  # how compose's mails are written
_NEWLINES = re.compile(r"\r\n|\r|\n")  # what the generator's _write_lines splits on


class _Unknown(Exception):
    """A message this writer leaves to the generator."""


Headers = list[tuple[str, str]]


@dataclass(frozen=True)
class Part:
    """A message or one of its parts, as `part_bytes` writes it: its headers (7-bit
    strings, as compat32 stores them), then a leaf's payload or a multipart's parts."""

    headers: Headers
    body: str | tuple[Part, ...]
    boundary: str | None = None  # a multipart's


def wire_bytes(message: Message) -> bytes:
    """`message` flattened with CRLF line ends (see the module's contract)."""
    policy = message.policy.clone(linesep=CRLF)
    try:
        out: list[str] = []
        _write(_as_part(message), out, policy)
        return "".join(out).encode("ascii")
    except (_Unknown, UnicodeError):
        return message.as_bytes(policy=policy)


def part_bytes(part: Part) -> bytes:
    """`part` written as the compat32 generator writes the message tree it describes
    (CRLF line ends): what compose sends, without building that tree. Raises
    UnicodeEncodeError (a ValueError) for a header or payload that is not ASCII."""
    out: list[str] = []
    _write(part, out, COMPAT32)
    return "".join(out).encode("ascii")


def _as_part(message: Message) -> Part:
    if message.preamble is not None or message.epilogue is not None:
        raise _Unknown
    payload = message.get_payload()
    if not message.is_multipart():
        if not isinstance(payload, str) or not payload.isascii():
            raise _Unknown
        return Part(list(message.raw_items()), payload)
    boundary = message.get_boundary()
    if not boundary or not isinstance(payload, list) or not payload:
        raise _Unknown
    parts = [p for p in payload if isinstance(p, Message)]
    if len(parts) != len(payload):
        raise _Unknown
    return Part(list(message.raw_items()), tuple(_as_part(p) for p in parts), boundary)


def _write(part: Part, out: list[str], policy: Policy) -> None:
    for name, value in part.headers:
        out.append(_header(name, value, policy))
    out.append(CRLF)
    if isinstance(part.body, tuple):
        boundary = part.boundary
        for index, sub in enumerate(part.body):
            out.append(f"--{boundary}{CRLF}" if index == 0 else f"{CRLF}--{boundary}{CRLF}")
            _write(sub, out, policy)
        out.append(f"{CRLF}--{boundary}--{CRLF}")
        return
    payload = part.body
    # As _write_lines: every line end becomes CRLF (the last line keeps none if it had
    # none). Bodies from compose hold "\n" alone, which one replace turns into CRLF.
    if "\r" in payload:
        out.append(CRLF.join(_NEWLINES.split(payload)))
    else:
        out.append(payload.replace("\n", CRLF))


def _header(name: str, value: str, policy: Policy) -> str:
    # A short one-line ASCII value is written as is by the generator's folding too.
    if (
        isinstance(value, str)
        and value.isascii()
        and len(name) + 2 + len(value) <= (policy.max_line_length or 78)
        and "\r" not in value
        and "\n" not in value
        and value == value.strip()
        and "  " not in value
    ):
        return f"{name}: {value}{CRLF}"
    if isinstance(value, str) and isinstance(policy, Compat32):  # not EmailPolicy's folding
        folded = fold_ascii(
            name, value, max_line_length=policy.max_line_length, linesep=policy.linesep
        )
        if folded is not None:
            return folded
    return policy.fold_binary(name, value).decode("ascii")
