"""A PDF page's words laid out as fixed-width text lines, as `pdftotext -layout` does.

`layout_lines(words, char_width)` takes pdfplumber words (`extract_words` with the
`size` and `fontname` attributes) and gives `Line`s: the words of one baseline, in
reading order, written at the character column of their x position (x / `char_width`,
the median character width of the page). Words closer than `_PHRASE_GAP` font sizes
apart form one phrase, written with single spaces; phrases further apart are kept at
least two spaces apart, so that table columns stay columns for `columns.find_table`
while a line of prose stays one piece. A blank line stands for a vertical gap of more
than `_PARAGRAPH_GAP` line heights.

Each `Line` carries its font size and whether all its words are bold, for headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

_PHRASE_GAP: Final = 0.5  # font sizes between two words of one phrase (a space: 0.28)
_PARAGRAPH_GAP: Final = 1.9  # line heights between two lines without a blank line between
_SAME_LINE: Final = 0.5  # font sizes of difference in `top` for words on one line
_BOLD = re.compile(r"bold|black|heavy|semibold", re.I)


@dataclass(frozen=True)
class Line:
    """One laid-out line: its text (blank for a gap), font size, all words bold or not."""

    text: str
    size: float = 0.0
    bold: bool = False


def layout_lines(words: list[dict[str, Any]], char_width: float) -> list[Line]:
    """The words as laid-out lines, top to bottom (see the module docstring)."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= _SAME_LINE * word["size"]:
            rows[-1].append(word)
        else:
            rows.append([word])
    out: list[Line] = []
    previous: list[dict[str, Any]] | None = None
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = max(word["size"] for word in row)
        if (
            previous is not None
            and row[0]["top"] - previous[0]["top"] > _PARAGRAPH_GAP * size * 1.2
        ):
            out.append(Line(""))
        bold = all(_BOLD.search(word.get("fontname", "")) for word in row)
        out.append(Line(_render(row, char_width), size, bold))
        previous = row
    return out


def _render(row: list[dict[str, Any]], char_width: float) -> str:
    text = ""
    last: dict[str, Any] | None = None
    for word in row:
        if last is None:
            column = round(word["x0"] / char_width)
            text = " " * column + word["text"]
        elif word["x0"] - last["x1"] <= _PHRASE_GAP * word["size"]:
            text += " " + word["text"]
        else:
            column = max(round(word["x0"] / char_width), len(text) + 2)
            text += " " * (column - len(text)) + word["text"]
        last = word
    return text
