"""Markdown minutes (hand-written, pandoc, Confluence, Notion, Google Docs) -> blocks.

`markdown_blocks(lines)` reads the lines of a markdown file into `Paragraph`s and
`Table`s in reading order; `looks_like_markdown(lines)` tells a `.txt` file written in
markdown from plain text. The contract:

* `#` headings (and `===` / `---` underlined ones) get their level; a line that is bold
  as a whole and short (`**Action points:**`) is level 6, as people mark headings so;
* consecutive lines of a paragraph are joined when the earlier one is wrapped (long and
  not ending a sentence) or the next one goes on in lower case; a `Label: value` line
  (page properties: `Date: June 5, 2024`) and a line after a hard break start a new
  paragraph, so do a list marker, a heading and a table;
* list items (`-`, `*`, `+`, `‣`, `1.`, `a)`) are paragraphs with `bullet` set, the
  marker removed, and `depth` from their indentation against the open items above; an
  item's indented lines continue it, and so does an unindented line when the item's
  last line is wrapped (by the paragraph rule); any other line after it starts a
  paragraph;
* checklist marks (`[ ]`, `[x]`) stay at the start of the text; `~~...~~` sets
  `struck` (see `inline.plain`), and all inline markup is removed;
* `<br>` inside a paragraph separates paragraphs; lines holding only HTML tags
  (`<aside>`, `</details>`) and horizontal rules are dropped, their content kept;
* tables: see `tables`; an HTML `<table>` is read as HTML (`html.reader.fragment_tables`);
  each becomes a `Table` with its 1-based `index`;
* a fenced code block (```) gives one paragraph per line, its markup untouched;
* `>` quote marks are removed; a pandoc line block (`| line`) is one paragraph per
  line; pandoc attributes (`{#id}`) after a heading are dropped.

Every block keeps the 1-based line it starts on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reminder.reading.document import Block, Paragraph, Table, item
from reminder.reading.formats.html.reader import fragment_tables
from reminder.reading.formats.markdown.inline import plain, split_breaks
from reminder.reading.formats.markdown.tables import table_at

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_LIST = re.compile(
    r"^(?P<indent>\s*)(?P<marker>[-*+‣•]|\d{1,3}[.)]|\(?[a-zA-Z][.)])\s+(?P<text>\S.*)$"
)
_ALPHA_MARKER = re.compile(r"^\(?[a-zA-Z][.)]$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_].*?)\1\s*(?P<colon>:?)\s*$")
_TAG_LINE = re.compile(r"^\s*(?:</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>\s*)+$")
_LABEL = re.compile(r"^\s*\W{0,2}[A-Z][\w'’ ./()&-]{0,30}\s*:[*_]{0,2}\s+\S")
_SENTENCE_END = (".", "!", "?", ":", ";")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_LINE_BLOCK = re.compile(r"^\|\s+(?=\S)")  # pandoc's line block: one line as written
_HEADING_ATTRIBUTES = re.compile(r"\s*\{[#.][^}]*\}\s*$")  # pandoc's "# Title {#id}"
_SIGNALS = (
    re.compile(r"^\s{0,3}#{1,6}\s+\S"),
    re.compile(r"^\s*\|?\s*:?-{3,}:?\s*\|"),
    re.compile(r"^\s*[-*+]\s+\[[ xX]\]\s"),
    re.compile(r"^\s*\+(?:[-=]{3,}\+)+\s*$"),
)
_BOLD_SIGNAL = re.compile(r"^\s*\*\*[^*]+\*\*")


def looks_like_markdown(lines: list[str]) -> bool:
    """True when a text file uses markdown structure: a heading, a table or a checklist,
    or at least two lines opening in bold (one `**NOTE**` does not make markdown)."""
    if any(pattern.match(line) for line in lines for pattern in _SIGNALS):
        return True
    return sum(1 for line in lines if _BOLD_SIGNAL.match(line)) >= 2


@dataclass
class _Reader:
    lines: list[str]
    blocks: list[Block] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # the open paragraph's lines
    start: int = 0  # its first line number
    bullet: bool = False
    depth: int = 0
    indents: list[int] = field(default_factory=list)  # marker columns of the open list items
    tables: int = 0
    hard_break: bool = False  # the last line ended with two spaces or a backslash
    fence: str = ""  # the open code fence (```), whose lines are kept as written

    def flush(self) -> None:
        if self.text:
            for part in split_breaks(" ".join(self.text)):
                self._add(part)
        self.text = []

    def _add(self, raw: str) -> None:
        bold = None if self.bullet else _BOLD_LINE.match(raw)
        text, struck = plain(raw)
        made = item(text, self.start)
        if not made.text:
            return
        if bold and len(made.text.split()) <= 12:
            self.blocks.append(Paragraph(made.text, self.start, 6))
            return
        bullet = self.bullet or made.bullet
        depth = self.depth if bullet else 0
        self.blocks.append(Paragraph(made.text, self.start, 0, bullet, depth, struck))

    def open(self, number: int, text: str, *, bullet: bool = False, depth: int = 0) -> None:
        self.flush()
        self.text, self.start, self.bullet, self.depth = [text], number, bullet, depth

    def read(self) -> list[Block]:
        index = 0
        while index < len(self.lines):
            index = self.step(index)
        self.flush()
        return self.blocks

    def step(self, index: int) -> int:
        line = self.lines[index].expandtabs(4)
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        number = index + 1
        fence = _FENCE.match(line)
        if fence or self.fence:
            return self._fenced(number, line, fence)
        if not line.strip():
            self.flush()
            self.hard_break = False
            return index + 1
        indent = len(line) - len(line.lstrip())
        in_item = bool(self.indents) and indent > self.indents[-1]
        hard_break, self.hard_break = self.hard_break, line.endswith(("  ", "\\"))
        if line.lstrip().lower().startswith("<table"):
            return self._html_table(index)
        if not in_item:
            found = table_at(self.lines, index)
            if found is not None and found[0]:
                self.flush()
                self.tables += 1
                self.blocks.append(Table(tuple(found[0]), index=self.tables))
                self.indents = []
                return found[1]
        heading = _HEADING.match(line)
        if heading:
            self.open(number, _HEADING_ATTRIBUTES.sub("", heading.group(2)))
            self._heading(len(heading.group(1)))
            self.indents = []
            return index + 1
        if self.text and not self.bullet and len(self.text) == 1 and _SETEXT.match(line):
            self._heading(1 if "=" in line else 2)
            return index + 1
        if _RULE.match(line) or _TAG_LINE.match(line):
            self.flush()
            return index + 1
        listed = _LIST.match(line)
        if listed and not (_ALPHA_MARKER.match(listed["marker"]) and not self.indents
                           and not _ALPHA_MARKER.match(self._next_marker(index))):  # fmt: skip
            self._item(number, indent, listed)
            return index + 1
        if in_item:
            if self.text and self.bullet and not hard_break:
                self.text.append(line.strip())  # the item's wrapped line
            else:
                self.open(number, line.strip())  # a paragraph inside the item
            return index + 1
        if self.text and self.bullet and not hard_break and self._joins(self.text[-1], line):
            self.text.append(line.strip())  # a lazy continuation of a wrapped item
            return index + 1
        self.indents = []
        if _LINE_BLOCK.match(line):
            self.open(number, _LINE_BLOCK.sub("", line).strip())
            self.flush()
            return index + 1
        self._paragraph_line(number, line.strip().rstrip("\\"), hard_break)
        return index + 1

    def _fenced(self, number: int, line: str, fence: re.Match[str] | None) -> int:
        """A line of a fenced code block: one paragraph per line, no markup read."""
        self.flush()
        self.indents = []
        if fence and (not self.fence or fence.group(1).startswith(self.fence)):
            self.fence = "" if self.fence else fence.group(1)
        else:
            made = item(line, number)
            if made.text:
                self.blocks.append(Paragraph(made.text, number))
        return number

    def _html_table(self, index: int) -> int:
        """An HTML `<table>` written in the markdown: read as HTML, up to its end tag."""
        self.flush()
        depth, end = 0, index
        while end < len(self.lines):
            lowered = self.lines[end].lower()
            depth += lowered.count("<table") - lowered.count("</table")
            end += 1
            if depth <= 0:
                break
        for table in fragment_tables("\n".join(self.lines[index:end]), index + 1):
            self.tables += 1
            self.blocks.append(Table(table.rows, table.name, self.tables))
        self.indents = []
        return end

    def _next_marker(self, index: int) -> str:
        """The marker of the next list line, to accept "a)" only in a run of such items."""
        for line in self.lines[index + 1 : index + 3]:
            listed = _LIST.match(line)
            if listed:
                return str(listed["marker"])
        return ""

    def _heading(self, level: int) -> None:
        raw = " ".join(self.text)
        self.text = []
        text, _ = plain(raw)
        made = item(text, self.start)
        if made.text:
            self.blocks.append(Paragraph(made.text, self.start, level))

    def _item(self, number: int, indent: int, listed: re.Match[str]) -> None:
        while self.indents and self.indents[-1] >= indent:
            self.indents.pop()
        depth = len(self.indents)
        self.indents.append(indent)
        self.open(number, listed["text"], bullet=True, depth=depth)

    def _paragraph_line(self, number: int, text: str, hard_break: bool) -> None:
        if self.text and not self.bullet and not hard_break and self._joins(self.text[-1], text):
            self.text.append(text)
        else:
            self.open(number, text)

    @staticmethod
    def _joins(previous: str, text: str) -> bool:
        """Whether `text` goes on the paragraph whose last line is `previous`."""
        if _LABEL.match(text) or _BOLD_LINE.match(text) or _BOLD_LINE.match(previous):
            return False
        wrapped = len(previous) >= 40 and not previous.rstrip().endswith(_SENTENCE_END)
        return wrapped or text[:1].islower()


def markdown_blocks(lines: list[str]) -> list[Block]:
    """The blocks of a markdown document, in reading order (see the module docstring)."""
    return _Reader(lines).read()
