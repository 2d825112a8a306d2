"""The HTML reader builds the document model: chrome out, lists with depth, strikes, merges."""

from __future__ import annotations

from pathlib import Path

from reminder.reading.document import Cell, Document, Paragraph, Table
from reminder.reading.formats.html.reader import read_html_document


def _read(tmp_path: Path, html: str, encoding: str = "utf-8") -> Document:
    path = tmp_path / "minutes.html"
    path.write_bytes(html.encode(encoding))
    return read_html_document(path)


def _paragraphs(document: Document) -> list[Paragraph]:
    return [b for b in document.blocks if isinstance(b, Paragraph)]


def _tables(document: Document) -> list[Table]:
    return [b for b in document.blocks if isinstance(b, Table)]


def test_page_chrome_is_left_out(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "<html><body><a href='#main'>Skip to content</a>"
        "<header class='site-header'><a href='/'>District</a><nav><ul><li>Home</li></ul></nav>"
        "</header><div id='cookie-banner'>We use cookies.</div>"
        "<main id='main'><div class='breadcrumb'>Board › Committees</div><article>"
        "<header><h1>Committee minutes</h1></header><p>Body text.</p>"
        "<div role='navigation'>Previous | Next</div></article></main>"
        "<footer><p>© District</p></footer></body></html>",
    )
    assert [(p.text, p.level) for p in _paragraphs(document)] == [
        ("Committee minutes", 1),
        ("Body text.", 0),
    ]


def test_nested_lists_get_their_depth(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "<ol><li>Documents to post:<ol type='a'><li>timeline</li>"
        "<li><p>FAQ</p><ul><li>in English</li></ul></li></ol></li><li>Next item</li></ol>",
    )
    got = [(p.text, p.bullet, p.depth) for p in _paragraphs(document)]
    assert got == [
        ("Documents to post:", True, 0),
        ("timeline", True, 1),
        ("FAQ", True, 1),
        ("in English", True, 2),
        ("Next item", True, 0),
    ]


def test_google_docs_lists_take_their_depth_from_the_class(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "<ul class='c7 lst-kix_abc-0 start'><li class='c5'><span>Round 7</span></li></ul>"
        "<ul class='c7 lst-kix_abc-1 start'><li class='c6'><span>Top concerns</span></li></ul>",
    )
    assert [(p.text, p.depth) for p in _paragraphs(document)] == [
        ("Round 7", 0),
        ("Top concerns", 1),
    ]


def test_word_list_paragraphs_are_items_without_their_typed_bullet(tmp_path: Path) -> None:
    html = (
        "<html><head><meta charset='windows-1252'></head><body>"
        "<p class=MsoNormal>Options discussed – é:</p>"
        "<p class=MsoListParagraphCxSpFirst style='margin-left:18.0pt;text-indent:-18.0pt'>"
        "<span style='font-family:Symbol'>&middot;<span style='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp; </span></span>an external consultant</p>"
        "<p class=MsoListParagraphCxSpLast style='margin-left:54.0pt;text-indent:-18.0pt'>"
        "<span style='font-family:\"Courier New\"'>o<span>&nbsp;&nbsp; </span></span>"
        "led by the WG</p>"
        "<p class=MsoListParagraph style='margin-left:36pt;mso-list:l0 level3 lfo1'>"
        "<span style='mso-list:Ignore'>1.<span>&nbsp; </span></span>third level</p>"
        "</body></html>"
    )
    document = _read(tmp_path, html, encoding="cp1252")
    got = [(p.text, p.bullet, p.depth) for p in _paragraphs(document)]
    assert got == [
        ("Options discussed – é:", False, 0),
        ("an external consultant", True, 0),
        ("led by the WG", True, 1),
        ("third level", True, 2),
    ]


def test_struck_text_sets_struck_only_when_it_is_the_whole_item(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "<style>.c9{text-decoration:line-through}</style>"
        "<ul><li><s>Print the flyers</s> (dropped)</li><li>Share the <del>old</del> list</li>"
        "<li><span style='text-decoration: line-through'>Call the mayor</span></li>"
        "<li><span class='c1 c9'>Book the hall</span></li></ul><p><strike>Old note</strike></p>",
    )
    got = [(p.text, p.struck) for p in _paragraphs(document)]
    assert got == [
        ("Print the flyers (dropped)", True),
        ("Share the old list", False),
        ("Call the mayor", True),
        ("Book the hall", True),
        ("Old note", True),
    ]


def test_checkboxes_become_marks(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "<ul><li><input type='checkbox' checked> send the report</li>"
        "<li><input type=checkbox> book the room</li><li>✓ done already</li></ul>"
        "<ul class='inline-task-list'><li class='checked'>call IOM</li><li>call WFP</li></ul>",
    )
    assert [p.text for p in _paragraphs(document)] == [
        "[x] send the report",
        "[ ] book the room",
        "✓ done already",
        "[x] call IOM",
        "[ ] call WFP",
    ]


def test_rowspan_and_colspan_leave_spanned_cells(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "<table><tr><th>Action</th><th>Owner</th><th>Due</th></tr>"
        "<tr><td>Share the map</td><td rowspan='2'>IOM</td><td>May</td></tr>"
        "<tr><td>Book a room<br>Print the agenda</td><td>June</td></tr>"
        "<tr><td colspan='3'>SECTION</td></tr></table>"
        "<table><tr><td>second</td></tr></table>",
    )
    first, second = _tables(document)
    assert (first.index, second.index) == (1, 2)
    assert [row.texts() for row in first.rows] == [
        ["Action", "Owner", "Due"],
        ["Share the map", "IOM", "May"],
        ["Book a room Print the agenda", "", "June"],
        ["SECTION", "", ""],
    ]
    assert first.rows[2].cells[1] == Cell(spanned=True)
    assert [it.text for it in first.rows[2].cells[0].items] == ["Book a room", "Print the agenda"]
    assert [c.spanned for c in first.rows[3].cells] == [False, True, True]


def test_a_ticked_todo_that_the_page_strikes_through_is_not_struck(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "<style>.to-do-children-checked{text-decoration:line-through;opacity:.4}</style>"
        "<ul class='to-do-list'><li><div class='checkbox checkbox-on'></div>"
        "<span class='to-do-children-checked'>Send the list</span></li>"
        "<li><div class='checkbox checkbox-off'></div><span>Book the room</span></li></ul>",
    )
    got = [(p.text, p.struck) for p in _paragraphs(document)]
    assert got == [("[x] Send the list", False), ("[ ] Book the room", False)]


def test_a_line_bold_by_its_class_is_a_heading(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "<style>.c2{font-weight:700}.c1{font-weight:400}</style>"
        "<p class='c0'><span class='c2'>Agenda</span></p>"
        "<p class='c0'><span class='c1'>Body text</span></p>"
        "<p><span style='font-weight:bold'>Next steps</span></p>",
    )
    got = [(p.text, p.level) for p in _paragraphs(document)]
    assert got == [("Agenda", 6), ("Body text", 0), ("Next steps", 6)]


def test_a_footer_of_a_page_without_main_is_left_out(tmp_path: Path) -> None:
    document = _read(tmp_path, "<body><p>Minutes.</p><footer>© 2025 Town</footer></body>")
    assert [p.text for p in _paragraphs(document)] == ["Minutes."]


def test_a_table_caption_is_a_heading_before_the_table(tmp_path: Path) -> None:
    document = _read(tmp_path, "<table><caption>Action points</caption><tr><td>x</td></tr></table>")
    assert isinstance(document.blocks[0], Paragraph)
    assert (document.blocks[0].text, document.blocks[0].level) == ("Action points", 6)
    assert isinstance(document.blocks[1], Table)


def test_preformatted_text_keeps_its_lines(tmp_path: Path) -> None:
    document = _read(tmp_path, "<body><pre>ACTION: IOM to share\nthe list\n\nDone.</pre></body>")
    assert [(p.text, p.line) for p in _paragraphs(document)] == [
        ("ACTION: IOM to share", 1),
        ("the list", 2),
        ("Done.", 4),
    ]


def test_title_paragraphs_are_headings(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "<p class=MsoTitle>WASH Cluster</p><p class='c3 subtitle'>Minutes</p><p>Text</p>",
    )
    assert [(p.text, p.level) for p in _paragraphs(document)] == [
        ("WASH Cluster", 1),
        ("Minutes", 2),
        ("Text", 0),
    ]
