"""The minutes importers on real .docx, .html and .txt/.md files built in the tests.

The documents reproduce the layouts of the two seed minutes (a table of action points
from the previous meeting with Status/Responsible; a discussion table whose action cell
holds several paragraphs and whose first cell is merged across a page break) and a
minutes document without tables, plus damaged and empty inputs.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.table import Table as DocxTable
from hypothesis import given, settings
from hypothesis import strategies as st

from reminder.errors import InputError
from reminder.reading.actions.minutes import read_docx, read_html, read_text
from reminder.reading.extraction import Extraction, SourceRef, Status

TRAINING = "Online training series will be ready to use by CPSS actors as the following:"
TEAM = ("CPSS Coordination team",)

# What both the .docx and the .html version of the same minutes must give.
EXPECTED = [
    # (text, owners, status, carried_over, section)
    ("WFP to share key messages on ration cuts.", ("WFP",), Status.DONE, True),
    ("CMTWG ToR to be finalized.", ("CMTWG",), Status.IN_PROGRESS, True),
    ("PSEA FP to share the endorsed SOP version with CPSS", ("PSEA",), Status.OPEN, False),
    ("PSEA and CPSS to conduct a regular meeting.", ("CPSS", "PSEA"), Status.OPEN, False),
    ("CMTWG TOR is to be finalized.", ("CPSS", "CMTWG"), Status.OPEN, False),
    ("DPISP finalization by the end of July", ("CPSS", "CMTWG"), Status.OPEN, False),
    ("Discuss the rationalization process with CP actors", TEAM, Status.OPEN, False),
    (f"{TRAINING} 5W's (Mid Aug)", TEAM, Status.OPEN, False),
    (f"{TRAINING} CPIMS (Mid Sep)", TEAM, Status.OPEN, False),
]


def _summary(extraction: Extraction) -> list[tuple[str, tuple[str, ...], Status, bool]]:
    return [(a.text, a.owners, a.status, a.carried_over) for a in extraction.actions]


def _cell(table: DocxTable, row: int, col: int, *paragraphs: str, bullets: int = 0) -> None:
    """Write paragraphs into a cell; the last `bullets` of them as list items."""
    cell = table.cell(row, col)
    for index, text in enumerate(paragraphs):
        style = "List Bullet" if index >= len(paragraphs) - bullets else None
        if index == 0:
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = style
        else:
            cell.add_paragraph(text, style=style)


def _write_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("CXB CPSS Monthly Meeting - June 2023", level=1)
    document.add_paragraph("Date: 19th June 2023")
    previous = document.add_table(rows=3, cols=4)
    previous.cell(0, 0).merge(previous.cell(0, 1))  # the header spans two grid columns
    _cell(previous, 0, 0, "Action points from previous meeting")
    _cell(previous, 0, 2, "Status")
    _cell(previous, 0, 3, "Responsible")
    for row, (text, status, who) in enumerate(
        [("WFP to share key messages on ration cuts.", "Done", "WFP"),
         ("CMTWG ToR to be finalized.", "Ongoing", "CMTWG")], start=1,
    ):  # fmt: skip
        previous.cell(row, 0).merge(previous.cell(row, 1))
        _cell(previous, row, 0, text)
        _cell(previous, row, 2, status)
        _cell(previous, row, 3, who)
    document.add_heading("Discussion", level=2)
    table = document.add_table(rows=8, cols=4)
    for col, text in enumerate(["Agenda items", "Main Points and Discussions", "Action Points",
                                "Responsible"]):  # fmt: skip
        _cell(table, 0, col, text)
    _cell(table, 1, 0, "1. PSEA Network Update")
    _cell(table, 1, 1, "CPSS coordinator to co-lead the task team.")
    _cell(table, 1, 2, "PSEA FP to share the endorsed SOP version with CPSS",
          "PSEA and CPSS to conduct a regular meeting.")  # fmt: skip
    _cell(table, 1, 3, "PSEA", "CPSS and PSEA")
    table.cell(2, 0).merge(table.cell(3, 0))  # one agenda item over two rows (a page break)
    _cell(table, 2, 0, "2. CMTWG updates")
    _cell(table, 2, 1, "TOR revised based on the feedback of SAG.")
    _cell(table, 2, 3, "CPSS and CMTWG")
    _cell(table, 3, 1, "DPISP to be signed soon.")
    _cell(table, 3, 2, "CMTWG TOR is to be finalized.", "DPISP finalization by the end of July")
    _cell(table, 3, 3, "CPSS and CMTWG")
    _cell(table, 4, 0, "Operational update from CPSS")
    _cell(table, 4, 1, "Ad hoc meetings need to be arranged.")
    _cell(table, 4, 2, "Discuss the rationalization process with CP actors", TRAINING,
          "5W's (Mid Aug)", "CPIMS (Mid Sep)", bullets=2)  # fmt: skip
    _cell(table, 4, 3, "CPSS Coordination team")
    _cell(table, 5, 0, "GBV SS Update")
    _cell(table, 5, 1, "GBVSS to hold trainings.")
    _cell(table, 5, 2, "-")
    _cell(table, 6, 0, "AoB")
    _cell(table, 6, 1, "Next CPSS Monthly meeting will be held in the early morning.")
    _cell(table, 7, 0, "Next meeting")
    _cell(table, 7, 1, "TBD")
    document.save(str(path))
    return path


HTML = """<!DOCTYPE html>
<html><head><title>ignored</title></head><body>
<h1>CXB CPSS Monthly Meeting - June 2023</h1>
<p>Date: 19<sup>th</sup> June 2023</p>
<table>
  <tr><th colspan="2">Action points from previous meeting</th><th>Status</th>
      <th>Responsible</th></tr>
  <tr><td colspan="2">WFP to share key messages on ration cuts.</td><td>Done</td><td>WFP</td></tr>
  <tr><td colspan="2">CMTWG ToR to be finalized.</td><td>Ongoing</td><td>CMTWG</td></tr>
</table>
<h2>Discussion</h2>
<table>
  <tr><td>Agenda items</td><td>Main Points and Discussions</td><td>Action Points</td>
      <td>Responsible</td></tr>
  <tr><td>1. PSEA Network Update</td>
      <td><ul><li>&bull; CPSS coordinator to co-lead the task team.</li></ul></td>
      <td><p>PSEA FP to share the endorsed SOP version with CPSS</p>
          <p>PSEA and CPSS to conduct a regular meeting.</p></td>
      <td><p>PSEA</p><p>CPSS and PSEA</p></td></tr>
  <tr><td rowspan="2">2. CMTWG updates</td><td>TOR revised based on the feedback of SAG.</td>
      <td></td><td><p>CPSS and CMTWG</p></td></tr>
  <tr><td>DPISP to be signed soon.</td>
      <td><p>CMTWG TOR is to be finalized.</p> <p>DPISP finalization by the end of July</p></td>
      <td><p>CPSS and CMTWG</p></td></tr>
  <tr><td>Operational update from CPSS</td><td>Ad hoc meetings need to be arranged.</td>
      <td><p>Discuss the rationalization process with CP actors</p>
          <p>Online training series will be ready to use by CPSS actors as the following:</p>
          <ul><li>&#8226; 5W&#39;s (Mid Aug)</li><li>CPIMS (Mid Sep)</li></ul></td>
      <td><p>CPSS Coordination team</p></td></tr>
  <tr><td>GBV SS Update</td><td>GBVSS to hold trainings.</td><td>-</td><td></td></tr>
  <tr><td>AoB</td><td>Next CPSS Monthly meeting will be held in the early morning.</td>
      <td></td><td></td></tr>
  <tr><td>Next meeting</td><td>TBD</td><td></td><td></td></tr>
</table>
</body></html>
"""


def test_it_reads_both_tables_of_a_word_document(tmp_path: Path) -> None:
    extraction = read_docx(_write_docx(tmp_path / "minutes.docx"))
    assert _summary(extraction) == EXPECTED
    # The first row of the merged agenda cell names owners but no action: reported.
    assert [s.reason for s in extraction.skipped] == [
        "responsible 'CPSS and CMTWG' without an action point"
    ]
    assert extraction.meeting.date == date(2023, 6, 19)
    assert extraction.meeting.forum == "CXB CPSS"
    assert extraction.meeting.next_meeting_phrase == "TBD"


def test_it_reads_both_tables_of_an_html_page(tmp_path: Path) -> None:
    path = tmp_path / "minutes.html"
    path.write_text(HTML, encoding="utf-8")
    extraction = read_html(path)
    assert _summary(extraction) == EXPECTED
    # The first row of the merged agenda cell names owners but no action: reported.
    assert [s.reason for s in extraction.skipped] == [
        "responsible 'CPSS and CMTWG' without an action point"
    ]
    assert extraction.meeting.date == date(2023, 6, 19)
    assert extraction.meeting.title == "CXB CPSS Monthly Meeting - June 2023"
    assert extraction.meeting.next_meeting_phrase == "TBD"


def test_it_takes_actions_only_from_the_action_column(tmp_path: Path) -> None:
    path = tmp_path / "minutes.html"
    path.write_text(HTML, encoding="utf-8")
    for extraction in (read_html(path), read_docx(_write_docx(tmp_path / "minutes.docx"))):
        texts = [a.text for a in extraction.actions]
        assert "CPSS coordinator to co-lead the task team." not in texts
        assert not any("GBVSS" in text or "early morning" in text for text in texts)


def test_it_names_the_agenda_item_as_the_section(tmp_path: Path) -> None:
    extraction = read_docx(_write_docx(tmp_path / "minutes.docx"))
    sections = [a.section for a in extraction.actions if not a.carried_over]
    assert (
        sections
        == ["PSEA Network Update"] * 2
        + ["CMTWG updates"] * 2
        + ["Operational update from CPSS"] * 3
    )
    carried = {a.section for a in extraction.actions if a.carried_over}
    assert carried == {"Action points from previous meeting"}


def test_it_locates_word_actions_by_table_and_row(tmp_path: Path) -> None:
    path = _write_docx(tmp_path / "minutes.docx")
    refs = [a.source for a in read_docx(path).actions]
    assert refs[0] == SourceRef(str(path), "table 1", 2, None)
    assert refs[2] == SourceRef(str(path), "table 2", 2, None)
    assert refs[4] == SourceRef(str(path), "table 2", 4, None)  # the continued half of row 3


def test_it_locates_html_actions_by_source_line(tmp_path: Path) -> None:
    path = tmp_path / "minutes.html"
    path.write_text(HTML, encoding="utf-8")

    def line_of(fragment: str) -> int:
        return next(n for n, line in enumerate(HTML.splitlines(), 1) if fragment in line)

    assert [a.source for a in read_html(path).actions] == [
        SourceRef(str(path), line=line_of(fragment))
        for fragment in ["WFP to share", "CMTWG ToR to", "PSEA FP to", "PSEA and CPSS to",
                         "CMTWG TOR is", "DPISP finalization", "Discuss the", "5W&#39;s",
                         "CPIMS (Mid Sep)"]
    ]  # fmt: skip


def test_it_reads_a_table_nested_in_a_layout_table(tmp_path: Path) -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1)
    outer.cell(0, 0).paragraphs[0].text = "Follow-up"
    inner = outer.cell(0, 0).add_table(rows=2, cols=3)
    for col, text in enumerate(["Action point", "Status", "Focal point"]):
        inner.cell(0, col).text = text
    for col, text in enumerate(["UNHCR to share the list.", "Pending", "UNHCR"]):
        inner.cell(1, col).text = text
    path = tmp_path / "nested.docx"
    document.save(str(path))
    (action,) = read_docx(path).actions
    assert (action.text, action.owners, action.status) == (
        "UNHCR to share the list.",
        ("UNHCR",),
        Status.OPEN,
    )
    assert action.source == SourceRef(str(path), "table 1.1", 2, None)


NO_TABLE = """# WASH Cluster Coordination Meeting
Date: 3 March 2024

## Discussion
UNICEF to lead the assessment was discussed at length.
REACH to present the findings next month.

## Action points
- UNICEF to share the assessment report with partners by 15 March.
- Circulate the revised ToR (WASH Cluster).
- Update the 4W matrix – Responsible: IMO
- Partners to submit 5W data. Deadline: 20 March
- Dashboard to be updated.

Next meeting: 17 March 2024
"""


def test_it_reads_action_points_under_a_heading_when_there_is_no_table(tmp_path: Path) -> None:
    path = tmp_path / "wash.md"
    path.write_text(NO_TABLE, encoding="utf-8")
    extraction = read_text(path)
    got = [(a.text, a.owners, a.section) for a in extraction.actions]
    # "X to do Y" in the discussion is an action; "X to do Y was discussed" is a report.
    assert got == [
        ("REACH to present the findings next month.", ("REACH",), "Discussion"),
        ("UNICEF to share the assessment report with partners by 15 March.", ("UNICEF",),
         "Action points"),
        ("Circulate the revised ToR (WASH Cluster).", ("WASH Cluster",), "Action points"),
        ("Update the 4W matrix", ("IMO",), "Action points"),
        ("Partners to submit 5W data.", ("Partners",), "Action points"),
        ("Dashboard to be updated.", (), "Action points"),
    ]  # fmt: skip
    assert [a.source.line for a in extraction.actions] == [5, 9, 10, 11, 12, 13]
    assert [a.due_phrase for a in extraction.actions] == [None, None, None, None, "20 March", None]
    meeting = extraction.meeting
    assert (meeting.forum, meeting.date) == ("WASH Cluster", date(2024, 3, 3))
    assert (meeting.next_meeting_phrase, meeting.next_meeting) == (
        "17 March 2024",
        date(2024, 3, 17),
    )


def test_it_reads_a_word_document_without_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("WASH Cluster Coordination Meeting", style="Title")
    document.add_paragraph("Discussion", style="Heading 2")
    document.add_paragraph("REACH to present the findings next month.")
    document.add_paragraph("Next steps", style="Heading 2")
    document.add_paragraph("UNICEF to share the assessment report.", style="List Bullet")
    path = tmp_path / "wash.docx"
    document.save(str(path))
    discussed, action = read_docx(path).actions
    assert (discussed.text, discussed.section) == (
        "REACH to present the findings next month.",
        "Discussion",
    )
    assert (action.text, action.owners, action.section) == (
        "UNICEF to share the assessment report.",
        ("UNICEF",),
        "Next steps",
    )
    assert action.source == SourceRef(str(path), line=5)


def test_a_responsible_without_an_action_is_skipped_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(
        "Agenda\tDiscussion\tAction points\tResponsible\n"
        "AoB\tThe venue will change.\t\tUNICEF\n"
        "Funding\tGaps were shown.\tOCHA to share the gap analysis.\tOCHA\n",
        encoding="utf-8",
    )
    extraction = read_text(path)
    assert [a.text for a in extraction.actions] == ["OCHA to share the gap analysis."]
    (skipped,) = extraction.skipped
    assert skipped.reason == "responsible 'UNICEF' without an action point"
    assert skipped.source == SourceRef(str(path), line=2)


def test_an_unknown_status_keeps_the_action_open_and_adds_a_note(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(
        "Action points from previous meeting\tStatus\tResponsible\n"
        "IOM to share the site list.\tWaiting on donor\tIOM\n",
        encoding="utf-8",
    )
    extraction = read_text(path)
    (action,) = extraction.actions
    assert (action.status, action.status_raw, action.carried_over) == (
        Status.OPEN,
        "Waiting on donor",
        True,
    )
    (note,) = extraction.notes
    assert str(path) in note and "line 2" in note and "Waiting on donor" in note


def test_fewer_responsible_items_than_actions_give_the_last_one_to_the_rest(
    tmp_path: Path,
) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(
        "Agenda\tDiscussion\tAction points\tResponsible\n"
        "Shelter\tKits are short.\t<p>IOM to order kits.</p><p>Stock report to be shared.</p>"
        "<p>Map the gaps.</p>\t<p>IOM</p><p>Shelter Cluster</p>\n",
        encoding="utf-8",
    )
    owners = [a.owners for a in read_text(path).actions]
    assert owners == [("IOM",), ("Shelter Cluster",), ("Shelter Cluster",)]


def test_without_a_responsible_column_the_subject_is_the_owner(tmp_path: Path) -> None:
    path = tmp_path / "minutes.html"
    path.write_text(
        "<h1>Protection WG, 12.03.2024</h1><table>"
        "<tr><td>Agenda</td><td>Discussion</td><td>Action Point</td></tr>"
        "<tr><td>1. SOP</td><td>Long talk.</td><td>UNHCR (with support from IRC) to revise the "
        "SOP. SOP to be endorsed by SAG.</td></tr></table>",
        encoding="utf-8",
    )
    extraction = read_html(path)
    got = [(a.text, a.owners, a.supporting, a.section) for a in extraction.actions]
    assert got == [
        ("UNHCR (with support from IRC) to revise the SOP.", ("UNHCR",), ("IRC",), "SOP"),
        ("SOP to be endorsed by SAG.", (), (), "SOP"),
    ]
    assert extraction.meeting.date == date(2024, 3, 12)
    assert extraction.meeting.forum == "Protection WG"


def test_a_us_style_date_line_sets_month_first(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(
        "Education Cluster Meeting\nDate: June 19, 2023\nOffice hours are Sunday–Thursday.\n"
        "Next meeting: 07/03/2023\n",
        encoding="utf-8",
    )
    meeting = read_text(path).meeting
    assert meeting.month_first is True
    assert meeting.date == date(2023, 6, 19)
    assert meeting.next_meeting == date(2023, 7, 3)
    assert meeting.working_days == (6, 0, 1, 2, 3)


def test_a_document_without_action_points_gives_a_note(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text("Minutes: Logistics WG, 02.05.2024\nThe group reviewed the pipeline.\n")
    extraction = read_text(path)
    assert extraction.actions == ()
    assert extraction.notes == (f"{path}: no action points found",)
    assert extraction.meeting.forum == "Logistics WG"


def test_it_reads_windows_1252_and_utf8_with_bom(tmp_path: Path) -> None:
    text = "## Réunion – Action points\n- UNICEF to share the café list.\n"
    for encoding in ("cp1252", "utf-8-sig"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        extraction = read_text(path)
        assert extraction.meeting.title == "Réunion – Action points"
        assert [a.text for a in extraction.actions] == ["UNICEF to share the café list."]


@pytest.mark.parametrize("name", ["empty.txt", "blank.md", "empty.html"])
def test_an_empty_text_file_is_an_input_error_naming_the_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("" if name.startswith("empty") else "  \n\t\n")
    reader = read_html if name.endswith(".html") else read_text
    with pytest.raises(InputError, match=str(path)):
        reader(path)


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n\x00\x01binary" * 20])
def test_a_file_that_is_not_word_is_an_input_error_naming_the_file(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "minutes.docx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=str(path)):
        read_docx(path)


def test_a_damaged_word_document_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    good = _write_docx(tmp_path / "good.docx")
    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, b"<w:document" if info.filename == "word/document.xml" else data)
    with pytest.raises(InputError, match=str(path)):
        read_docx(path)


def test_a_binary_text_file_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(InputError, match=str(path)):
        read_text(path)


def test_an_action_paragraph_ending_in_a_colon_gives_one_action_per_list_item(
    tmp_path: Path,
) -> None:
    path = tmp_path / "minutes.md"
    path.write_text(
        "# Health Cluster meeting\n\n**Follow-up:**\n\n"
        "WHO to share the following with partners:\n- the cholera SOP\n- the referral list\n"
        "OCHA to book the venue.\n",
        encoding="utf-8",
    )
    got = [(a.text, a.owners, a.section) for a in read_text(path).actions]
    assert got == [
        ("WHO to share the following with partners: the cholera SOP", ("WHO",), "Follow-up"),
        ("WHO to share the following with partners: the referral list", ("WHO",), "Follow-up"),
        ("OCHA to book the venue.", ("OCHA",), "Follow-up"),
    ]


def test_it_reads_tab_led_cells_as_rows_of_the_header_width(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(
        "Minutes: Shelter WG, 03.10.2019\n\tAgenda\n\tDiscussion\n\tAction Point\n\n"
        "\t1. NFI pipeline\n\n\t· Stocks are low.\nDonors were asked.\n"
        "\tIOM to update the pipeline. UNHCR to share the stock report.\n"
        "\t2. AOB\n\tNone.\n\t[bookmark: _GoBack]Next meeting – 17.10.2019\n",
        encoding="utf-8",
    )
    extraction = read_text(path)
    got = [(a.text, a.owners, a.section, a.source.line) for a in extraction.actions]
    assert got == [
        ("IOM to update the pipeline.", ("IOM",), "NFI pipeline", 10),
        ("UNHCR to share the stock report.", ("UNHCR",), "NFI pipeline", 10),
    ]
    assert extraction.meeting.next_meeting == date(2019, 10, 17)
    assert extraction.meeting.next_meeting_phrase == "17.10.2019"


_PIECES = st.sampled_from(
    ["\t", "\n", " ", "Action points", "Status", "Responsible", "Agenda", "Discussion", "Done",
     "UNICEF to share the list.", "<p>", "</p>", "<ul><li>", "</li></ul>", "<sup>th</sup>",
     "Next meeting", "## Heading", "-", ":", "Date: 19 June 2023", "&amp;", "[bookmark: x]"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(_PIECES | st.text(max_size=8), max_size=40))
def test_any_text_gives_an_extraction_or_an_input_error(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "minutes.txt"
    path.write_text("".join(pieces), encoding="utf-8", errors="surrogatepass")
    try:
        extraction = read_text(path)
    except InputError as exc:
        assert str(path) in str(exc)
        return
    assert extraction.actions or f"{path}: no action points found" in extraction.notes
    assert all(a.text and a.text == a.text.strip() for a in extraction.actions)


def test_a_table_goes_on_across_a_page_footer_line(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(
        "Agenda\tDiscussion\tAction points\tResponsible\n"
        "Cash\tRates agreed.\t\tCWG\n"
        "Page 1 of 2\n"
        "\tMarket monitoring.\tShare the price survey.\t\n"
        "Shelter\tKits.\tIOM to order kits.\tIOM\n"
        "\n## Annex\nThe chair to review the report.\n",
        encoding="utf-8",
    )
    extraction = read_text(path)
    got = [(a.text, a.owners, a.section, a.source.line) for a in extraction.actions]
    assert got == [
        ("Share the price survey.", ("CWG",), "Cash", 4),
        ("IOM to order kits.", ("IOM",), "Shelter", 5),
        ("The chair to review the report.", ("chair",), "Annex", 8),
    ]
    assert extraction.skipped == ()


FIXTURES = Path(__file__).parents[1] / "fixtures" / "minutes"


def test_it_reads_an_action_table_inside_a_word_content_control() -> None:
    extraction = read_docx(FIXTURES / "content_control.docx")
    assert [a.text for a in extraction.actions] == [
        "IOM to share site list by end of March",
        "UNHCR to map partners",
    ]


def test_it_reads_word_tracked_insertions_as_accepted() -> None:
    extraction = read_docx(FIXTURES / "tracked_changes.docx")
    assert extraction.actions[0].text == "IOM to share the site list by end of March"


def test_it_reads_french_minutes(tmp_path: Path) -> None:
    path = tmp_path / "compte-rendu.md"
    path.write_text(
        "# Réunion du cluster Abris, 05.03.2024\n\nPoints d’action\n"
        "- OIM à partager la liste des sites d’ici vendredi.\n\n"
        "Prochaine réunion : 2 avril 2024\n",
        encoding="utf-8",
    )
    extraction = read_text(path)
    [action] = extraction.actions
    assert action.owners == ("OIM",)
    assert extraction.meeting.next_meeting_phrase == "2 avril 2024"
