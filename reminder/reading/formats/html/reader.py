"""HTML minutes (and inline HTML inside text exports) -> `Document`.

`read_html_document(path)` reads a whole page: headings, paragraphs, lists and tables in
reading order. `fragment_items(html, line)` turns one table cell written as inline HTML
(as the markdown converters emit it) into cell items. In both, each `<p>`/`<li>`/heading
is one item, `<br>` separates items, `<sup>` joins the preceding word ("19 <sup>th</sup>"
-> "19th") and entities are decoded. Nested tables become tables of their own, placed
right after the table that holds them; `rowspan`/`colspan` leave `spanned` cells in the
positions they cover so that columns keep lining up with the header row. Tables carry
their 1-based `index` in reading order.

The page is first prepared by `chrome.prepare`: page chrome (navigation, site
header and footer, breadcrumbs, cookie banners) is left out, checkboxes become `[x]` /
`[ ]` marks, and struck-through text is marked. A list item (`<li>`, or a Word
`MsoListParagraph`) has `bullet` set and `depth` its nesting (`chrome.list_depth`);
an item or paragraph struck through as a whole is `struck`. A table's `<caption>` is
a level-6 heading before it; a Title / Subtitle paragraph (Word's `MsoTitle`, Google
Docs' `title` class) is a level 1 / 2 heading. A `<pre>` block gives one paragraph per line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

from reminder.reading.document import (
    Block,
    Cell,
    Document,
    Item,
    Paragraph,
    Row,
    Table,
    item,
    read_source_text,
)
from reminder.reading.formats.html.chrome import (
    LIST_MARK,
    bold_only,
    list_depth,
    prepare,
    struck_text,
    title_level,
)
from reminder.reading.formats.html.depth import parse

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CONTAINERS = {"p", "div", "section", "article", "main", "blockquote", "center", "font", "form"}
_CONTAINERS |= {"header", "footer", "aside", "figure", "figcaption", "details", "summary"}
_LISTS = {"ul", "ol", "dl"}
_SKIP = {"head", "script", "style", "title", "meta", "link", "noscript", "template"}
_SUP_MARK = "\x00"  # stands for "glue to the previous word" until the text is tidied


def read_html_document(path: Path) -> Document:
    """Read an HTML file into a `Document`; `InputError` if the file cannot be read as text."""
    soup = parse(read_source_text(path))
    prepare(soup)
    _mark_superscripts(soup)
    blocks: list[Block] = []
    _walk(soup.body or soup, blocks)
    tables = iter(range(1, len(blocks) + 1))
    return Document(
        tuple(replace(b, index=next(tables)) if isinstance(b, Table) else b for b in blocks)
    )


def fragment_items(html: str, line: int | None) -> list[Item]:
    """The items of one cell written as inline HTML, all located at `line`."""
    soup = parse(html)
    prepare(soup)
    _mark_superscripts(soup)
    return _items(soup, line)


def fragment_tables(html: str, first_line: int) -> list[Table]:
    """The tables of an HTML fragment (a `<table>` inside markdown) that starts at
    `first_line` of its file: rows are located by their line in the file."""
    soup = parse("\n" * (first_line - 1) + html)
    prepare(soup)
    _mark_superscripts(soup)
    out: list[Table] = []
    for table in soup.find_all("table"):
        if table.find_parent("table") is None:
            out.extend(b for b in _tables(table) if isinstance(b, Table))
    return out


def _mark_superscripts(soup: BeautifulSoup) -> None:
    for sup in soup.find_all("sup"):
        sup.replace_with(_SUP_MARK + sup.get_text())


def _make(text: str, line: int | None, bullet: bool, node: Tag | None = None) -> Item | None:
    text, struck = struck_text(re.sub(rf"\s*{_SUP_MARK}", "", text))
    depth = list_depth(node) if bullet and node is not None else 0
    made = item(text, line, bullet=bullet, depth=depth, struck=struck)
    return made if made.text else None


def _items(node: Tag, line: int | None = None, bullet: bool = False) -> list[Item]:
    """Items of `node`: block children recursively, loose inline text between them as items.

    `line` forces one line for every item (inline HTML from a text row); otherwise each
    item takes the source line of the element that holds it.
    """
    out: list[Item] = []
    loose: list[str] = []

    def flush() -> None:
        made = _make("".join(loose), line if line is not None else node.sourceline, bullet, node)
        if made is not None:
            out.append(made)
        loose.clear()

    for child in node.children:
        if isinstance(child, PreformattedString):
            continue
        if isinstance(child, NavigableString):
            loose.append(str(child))
        elif isinstance(child, Tag) and child.name not in _SKIP:
            if child.name == "br":
                flush()
            elif child.name == "table":
                flush()  # nested tables are read as tables of their own
            elif child.name in _LISTS or child.name == "li":
                flush()
                out.extend(_items(child, line, bullet=True))
            elif child.name in _CONTAINERS or child.name in _HEADINGS or child.name in {"td", "th"}:
                flush()
                out.extend(_items(child, line, bullet or child.has_attr(LIST_MARK)))
            else:
                loose.append(child.get_text())
    flush()
    return out


def _walk(node: Tag, blocks: list[Block]) -> None:
    """Append the blocks under `node` in reading order."""
    loose: list[str] = []
    lines: list[int | None] = []

    def flush() -> None:
        made = _make("".join(loose), next((n for n in lines if n), node.sourceline), False)
        if made is not None:
            blocks.append(_paragraph(made))
        loose.clear()
        lines.clear()

    for child in node.children:
        if isinstance(child, PreformattedString):
            continue
        if isinstance(child, NavigableString):
            loose.append(str(child))
            continue
        if not isinstance(child, Tag) or child.name in _SKIP:
            continue
        if child.name == "br" or child.name == "table" or child.name in _LISTS:
            flush()
        if child.name == "table":
            caption = child.find("caption")
            made = _make(caption.get_text(), caption.sourceline, False) if caption else None
            if made is not None:
                blocks.append(Paragraph(made.text, made.line, 6))  # the table's title
            blocks.extend(_tables(child))
        elif child.name == "pre":
            flush()
            # Preformatted text (a mail archive, pasted notes) keeps its lines.
            for offset, text in enumerate(child.get_text().splitlines()):
                made = _make(text, (child.sourceline or 1) + offset, False)
                if made is not None:
                    blocks.append(_paragraph(made))
        elif child.name in _HEADINGS:
            made = _make(child.get_text(), child.sourceline, False)
            if made is not None:
                blocks.append(Paragraph(made.text, made.line, _HEADINGS[child.name]))
        elif child.name in _LISTS:
            blocks.extend(_paragraph(it) for it in _items(child, bullet=True))
        elif child.name == "p" and not child.find(["table", "ul", "ol", "div"]):
            flush()
            level = title_level(child) or (6 if bold_only(child) else 0)  # bold: a heading
            items = _items(child, bullet=child.has_attr(LIST_MARK))
            blocks.extend(_paragraph(it, level) for it in items)
        elif child.name in _CONTAINERS or child.name in {"body", "html"}:
            flush()
            _walk(child, blocks)
        elif child.name != "br":
            loose.append(child.get_text())
            lines.append(child.sourceline)
    flush()


def _paragraph(it: Item, level: int = 0) -> Paragraph:
    return Paragraph(
        it.text, it.line, level if not it.bullet else 0, it.bullet, it.depth, it.struck
    )


def _span(cell: Tag, name: str) -> int:
    value = cell.get(name)
    text = value if isinstance(value, str) else ""
    return min(int(text), 50) if text.strip().isdigit() and int(text) > 0 else 1


def _tables(table: Tag) -> list[Block]:
    """This table, then the tables nested in it; rows are located by their source line."""
    rows: list[Row] = []
    covered: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells: list[Cell] = []
        for td in tr.find_all(["td", "th"], recursive=False):
            _fill_covered(cells, covered)
            colspan, rowspan = _span(td, "colspan"), _span(td, "rowspan")
            if rowspan > 1:
                covered.update(dict.fromkeys(range(len(cells), len(cells) + colspan), rowspan - 1))
            cells.append(Cell(tuple(_items(td))))
            cells.extend(Cell(spanned=True) for _ in range(colspan - 1))
        _fill_covered(cells, covered)
        rows.append(Row(tuple(cells), line=tr.sourceline))
    nested = [t for t in table.find_all("table") if t.find_parent("table") is table]
    out: list[Block] = [Table(tuple(rows))]
    for inner in nested:
        out.extend(_tables(inner))
    return out


def _fill_covered(cells: list[Cell], covered: dict[int, int]) -> None:
    """Put a spanned cell where a rowspan from an earlier row covers the next position."""
    while covered.get(len(cells), 0) > 0:
        covered[len(cells)] -= 1
        cells.append(Cell(spanned=True))
