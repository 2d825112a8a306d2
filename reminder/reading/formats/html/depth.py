"""Keeping a parsed HTML tree shallow enough for the readers that walk it.

The readers (`html.reader`, `html.chrome`) walk the tree recursively and look at an
element's ancestors; on 100,000 nested `<div>`s that is a RecursionError, or hours of
ancestor walks. `parse(html)` parses with the same parser as always ("html.parser"),
but an element that would open deeper than `limits.MAX_HTML_DEPTH` is left out while
its text (and its shallower-closing content) stays, at that depth. Real pages are a few
tens of levels deep, so they are read unchanged; nothing here recurses.
"""

from __future__ import annotations

import warnings
from collections import Counter
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from bs4.element import Tag

from reminder.reading.limits import MAX_HTML_DEPTH


class _Shallow(BeautifulSoup):
    """A BeautifulSoup that opens no element below `MAX_HTML_DEPTH`."""

    def reset(self) -> None:
        super().reset()
        self.left_out: Counter[str] = Counter()  # elements left out and not yet closed

    def handle_starttag(self, name: str, *args: Any, **kwargs: Any) -> Tag | None:
        if len(self.tagStack) > MAX_HTML_DEPTH:
            # A void element (<br>, <img>) gets no end tag to swallow later.
            if not self.builder.can_be_empty_element(name):
                self.left_out[name] += 1
            return None
        return super().handle_starttag(name, *args, **kwargs)

    def handle_endtag(self, name: str, nsprefix: str | None = None) -> None:
        if self.left_out[name] > 0:
            # The end tag of an element left out: it closes nothing that was kept.
            self.left_out[name] -= 1
            return
        super().handle_endtag(name, nsprefix)


def parse(html: str) -> BeautifulSoup:
    """The page parsed with "html.parser", no element deeper than `MAX_HTML_DEPTH`."""
    with warnings.catch_warnings():
        # A file holding only ".HTM" or "a.txt" is text, not a path we were meant to open:
        # it is read as the text it is (bs4 would warn that it looks like a file name).
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return _Shallow(html, "html.parser")
