"""Page furniture and line-end hyphenation in text converted from PDF or Word.

`page_lines(text)` splits a text into its lines, numbered as the file numbers them
(1-based, on "\\n"; a form feed starts a page but not a line), with:

* page furniture blanked (the line kept as "" so later line numbers stay true): page
  numbers standing alone at the top or bottom of a page ("Page 2 of 5", "- 3 -", "3",
  "2/5"), any line holding "Page N of M", and a header or footer line that recurs at the
  top or bottom of two or more pages (compared with digits ignored, so "Page 1 of 3"
  and dates that change still match) and nowhere else. Lines with three or more columns are never
  furniture: a table header repeated on each page is the table's business;
* words hyphenated at a line end rejoined (`join_hyphenated`) in prose lines: the tail
  moves up to the line of its head, so "the measles vacci-" / "nation campaign" reads
  "the measles vaccination" / "campaign".

`join_hyphenated(head, tail, known)` decides one hyphen: kept when the tail does not
start with a lower-case letter ("Nutrition-" + "FSS", "COVID-" + "19"), when the
document writes the hyphenated form elsewhere, or when the parts are a usual compound
("follow-" + "up", "co-" + "chairs"); dropped when the document writes the joined word
elsewhere, and by default.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

_PAGE_OF = re.compile(r"\b(?:page|pág(?:ina)?|p\.)\s*\d+\s*(?:of|de|sur|/)\s*\d+\b", re.I)
_PAGE_ALONE = re.compile(
    r"^\s*(?:(?:page|pág(?:ina)?|p\.)\s*\d+|[-–—]\s*\d+\s*[-–—]|\d+\s*/\s*\d+|\d+|\[\d+\])\s*$",
    re.I,
)
_COLUMN_GAP = re.compile(r"\S {2,}(?=\S)")
_EDGE_LINES: Final = 2  # non-blank lines at the top and at the bottom of a page checked
_HEAD = re.compile(r"([^\W\d_]{2,})-$")
_TAIL = re.compile(r"^(\s*)([^\W\d_][\w']*)(.*)$")
_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W\d_]", re.UNICODE)
# Parts of compounds that people hyphenate on purpose; generic English/French/Spanish.
_COMPOUND_TAILS: Final = frozenset(
    [
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "based",
        "led",
        "level",
        "term",
        "related",
        "making",
        "wide",
        "specific",
        "sensitive",
        "friendly",
        "free",
        "time",
        "year",
        "month",
        "week",
        "day",
        "run",
        "scale",
        "site",
    ]
)
_COMPOUND_HEADS: Final = frozenset(
    [
        "co",
        "self",
        "non",
        "ex",
        "cross",
        "multi",
        "inter",
        "intra",
        "post",
        "pre",
        "anti",
        "pro",
        "semi",
        "well",
        "mid",
        "long",
        "short",
        "full",
        "part",
        "high",
        "low",
        "two",
        "three",
        "four",
        "five",
        "first",
        "second",
        "third",
        "one",
    ]
)


def page_lines(text: str) -> list[str]:
    """The lines of `text` (numbered as in the file), furniture blanked, hyphens undone."""
    pages = _pages(text)
    lines = [line for page in pages for line in page]
    furniture = _furniture(pages)
    lines = ["" if number in furniture else line for number, line in enumerate(lines)]
    return dehyphenate_lines(lines, known_words(lines))


def _pages(text: str) -> list[list[str]]:
    pages = [page.splitlines() for page in text.split("\f")]
    return [[line.replace("\f", "") for line in page] for page in pages]


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line)).strip().lower()


def _columns(line: str) -> int:
    return len(_COLUMN_GAP.findall(line.strip())) + 1 if line.strip() else 0


def _furniture(pages: list[list[str]]) -> set[int]:
    """Indexes (0-based, over all pages) of page furniture lines."""
    edges: list[list[int]] = []  # per page: indexes of its edge lines
    first = 0
    for page in pages:
        filled = [first + i for i, line in enumerate(page) if line.strip()]
        edges.append(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:] if len(pages) > 1 else [])
        first += len(page)
    lines = [line for page in pages for line in page]
    out = {i for i, line in enumerate(lines) if _PAGE_OF.search(line) and _columns(line) <= 3}
    pages_with: Counter[str] = Counter()
    for page_edges in edges:
        pages_with.update({_key(lines[i]) for i in page_edges if _columns(lines[i]) <= 2})
    # A line also written away from the page edges is content, however often it repeats.
    at_edges = {i for page_edges in edges for i in page_edges}
    for i, line in enumerate(lines):
        if i not in at_edges and line.strip():
            pages_with.pop(_key(line), None)
    # A title block of several lines repeated at the top of every page (pdftotext of a
    # document whose title is its page header): its first copy is the title, which holds
    # the meeting date. A one-line running header stays furniture.
    top = edges[0][:_EDGE_LINES] if edges else []
    title = (
        set(top)
        if len(top) == _EDGE_LINES and all(pages_with[_key(lines[i])] >= 2 for i in top)
        else set()
    )
    for page_edges in edges:
        for i in page_edges:
            if _PAGE_ALONE.match(lines[i]) or (
                pages_with[_key(lines[i])] >= 2 and _columns(lines[i]) <= 2 and i not in title
            ):
                out.add(i)
    return out


def known_words(lines: list[str]) -> set[str]:
    """The lower-cased words (hyphenated ones whole) written inside the lines."""
    return {word.lower() for line in lines for word in _WORD.findall(line.rstrip("-"))}


def join_hyphenated(head: str, tail: str, known: set[str]) -> str:
    """`head` (ending in "-") and `tail` (the next line's first word) as one word."""
    stem = head[:-1]
    if not tail[:1].islower():
        return head + tail
    hyphenated, joined = f"{stem}-{tail}".lower(), f"{stem}{tail}".lower()
    if hyphenated in known and joined not in known:
        return head + tail
    if joined in known:
        return stem + tail
    word = re.sub(r"\W+$", "", tail).lower()
    if word in _COMPOUND_TAILS or stem.lower().rsplit(" ", 1)[-1] in _COMPOUND_HEADS:
        return head + tail
    return stem + tail


def dehyphenate_lines(lines: list[str], known: set[str]) -> list[str]:
    """Move the tail of each word hyphenated at a line end up to the line of its head."""
    out = list(lines)
    for i in range(len(out) - 1):
        head = _HEAD.search(out[i].rstrip())
        tail = _TAIL.match(out[i + 1])
        if not head or not tail or _columns(out[i]) > 1 or _columns(out[i + 1]) > 1:
            continue
        if not tail.group(2)[:1].islower():
            continue
        word = join_hyphenated(head.group(1) + "-", tail.group(2), known)
        out[i] = out[i].rstrip()[: head.start()] + word
        out[i + 1] = tail.group(1) + tail.group(3).lstrip()
    return out
