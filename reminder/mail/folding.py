"""Long ASCII header values folded as `email.header.Header` folds them, without it.

A digest's Subject, List-Id and X-Reminder-Forum often pass 78 columns (several forums
in one digest), and the compat32 policy folds each through `Header`, whose splitter
weighs every break for every word: a tenth of composing a mail. This is the same
algorithm (`_ValueFormatter._ascii_split` and `_append_chunk`: break at the last `;`,
else the last `,`, else the last space or tab that makes the line fit; a word longer
than a line goes on a line of its own) for the one case compose needs: one ASCII value
with no line breaks. tests/mail/test_folding.py checks it against `email` itself.
"""

from __future__ import annotations

import re

_FWS = re.compile(r"([ \t]+)")
_SPLITCHARS = ";, \t"  # Header.encode's default, in order of preference
# What str.splitlines() breaks an ASCII string at: a value holding one is not handled.
_LINE_BREAKS = re.compile(r"[\n\r\x0b\x0c\x1c\x1d\x1e]")
_EMBEDDED_HEADER = re.compile(r"\n[^ \t]+:")  # as email.header refuses


class _Line:
    """email.header._Accumulator: (whitespace, word) pairs and their length."""

    __slots__ = ("initial", "parts", "size")

    def __init__(self, initial: int) -> None:
        self.parts: list[tuple[str, str]] = []
        self.initial = self.size = initial

    def push(self, fws: str, part: str) -> None:
        self.parts.append((fws, part))
        self.size += len(fws) + len(part)

    def pop(self) -> tuple[str, str]:
        if not self.parts:
            return ("", "")
        fws, part = self.parts.pop()
        self.size -= len(fws) + len(part)
        return fws, part

    def reset(self, parts: list[tuple[str, str]] | None = None) -> None:
        self.parts = parts or []
        self.initial = 0
        self.size = sum(len(fws) + len(part) for fws, part in self.parts)

    def text(self) -> str:
        return "".join(fws + part for fws, part in self.parts)


def _newline(line: _Line, lines: list[str]) -> None:
    end = line.pop()
    if end != (" ", ""):
        line.push(*end)
    if line.size > 0:
        if line.initial == 0 and (line.size == 0 or line.text().isspace()) and lines:
            lines[-1] += line.text()
        else:
            lines.append(line.text())
    line.reset()


def _append(line: _Line, lines: list[str], fws: str, part: str, maxlen: int) -> None:
    line.push(fws, part)
    if line.size <= maxlen:
        return
    for ch in _SPLITCHARS:
        for i in range(len(line.parts) - 1, 0, -1):
            if ch.isspace():
                before = line.parts[i][0]
                if before and before[0] == ch:
                    break
            previous = line.parts[i - 1][1]
            if previous and previous[-1] == ch:
                break
        else:
            continue
        break
    else:  # no break point: the word goes on a line of its own
        fws, part = line.pop()
        if line.initial > 0:
            _newline(line, lines)
            fws = fws or " "
        line.push(fws, part)
        return
    remainder = line.parts[i:]
    del line.parts[i:]
    lines.append(line.text())
    line.reset(remainder)


def fold_ascii(name: str, value: str, *, max_line_length: int | None, linesep: str) -> str | None:
    """`name: value` and its line end, folded as the compat32 policy folds it; None when
    `value` is not a non-empty ASCII string without line breaks (leave it to `email`)."""
    if not value or not value.isascii() or _LINE_BREAKS.search(value):
        return None
    maxlen = max_line_length or 1_000_000  # 0 or None: no folding, as Header.encode
    line, lines = _Line(len(name) + 2), list[str]()
    pieces = _FWS.split(value)
    if pieces[0]:
        pieces.insert(0, "")
    else:
        pieces.pop(0)
    for index in range(0, len(pieces) - 1, 2):
        _append(line, lines, pieces[index], pieces[index + 1], maxlen)
    line.push(" ", "")  # Header.encode's closing transition, dropped by _newline
    _newline(line, lines)
    folded = linesep.join(lines)
    if _EMBEDDED_HEADER.search(folded):
        return None
    return f"{name}: {folded}{linesep}"
