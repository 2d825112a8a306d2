"""The bytes of a composed message, as `email`'s generator writes them, written faster.

Flattening was the largest cost of a run's rendering process after the templates: the
generator folds every header through `email.header.Header` (even a short ASCII one),
splits every body into lines to write them one by one, and compiles a regular
expression per multipart to choose a boundary. The messages `compose` builds are
simple (7-bit headers stored as strings, quoted-printable or base64 text parts, each
multipart with its boundary already set), so this module writes them directly.

Contract: `wire_bytes(message)` is byte for byte what `message.as_bytes(policy=
message.policy.clone(linesep="\\r\\n"))` gives (tests/mail/test_wire.py checks every
kind of mail). Long ASCII headers are folded by mail.folding, as the compat32 policy
folds them. A message it does not know how to write (a header that is not ASCII, a
multipart without a boundary, a preamble or epilogue, a payload that is not an ASCII
string) goes to the generator, whole or for that header.
"""

from __future__ import annotations

import re
from email.message import Message
from email.policy import Compat32, Policy

from reminder.mail.folding import fold_ascii

CRLF = "\r\n"
_NEWLINES = re.compile(r"\r\n|\r|\n")  # what the generator's _write_lines splits on


class _Unknown(Exception):
    """A message this writer leaves to the generator."""


def wire_bytes(message: Message) -> bytes:
    """`message` flattened with CRLF line ends (see the module's contract)."""
    policy = message.policy.clone(linesep=CRLF)
    try:
        out: list[str] = []
        _write(message, out, policy)
        return "".join(out).encode("ascii")
    except (_Unknown, UnicodeError):
        return message.as_bytes(policy=policy)


def _write(message: Message, out: list[str], policy: Policy) -> None:
    if message.preamble is not None or message.epilogue is not None:
        raise _Unknown
    for name, value in message.raw_items():
        out.append(_header(name, value, policy))
    out.append(CRLF)
    payload = message.get_payload()
    if message.is_multipart():
        boundary = message.get_boundary()
        if not boundary or not isinstance(payload, list) or not payload:
            raise _Unknown
        for index, part in enumerate(payload):
            out.append(f"--{boundary}{CRLF}" if index == 0 else f"{CRLF}--{boundary}{CRLF}")
            _write(part, out, policy)
        out.append(f"{CRLF}--{boundary}--{CRLF}")
        return
    if not isinstance(payload, str) or not payload.isascii():
        raise _Unknown
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
