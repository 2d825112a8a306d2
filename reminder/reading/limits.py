"""The limits a source file must stay within to be read, all in one place.

Minutes and trackers are small: a long Word document is a few MB, a tracker a few
thousand cells. These limits sit far above any real file and far below what would
exhaust a machine, so that a hostile or broken file (a zip bomb, a workbook whose one
cell is at XFD1048576, 100,000 nested HTML elements) is read in time and memory
proportional to its real content, or refused with an `InputError` naming the file and
the limit; never with a MemoryError, a RecursionError or an hour of work.

* `MAX_SOURCE_BYTES`: the file on disk (checked by `formats.sniff`).
* `MAX_UNPACKED_BYTES`, `MAX_PART_BYTES`, `MAX_RATIO`: a .docx/.xlsx zip package, read
  from its directory before any part is inflated: all parts together, any one part, and
  how many times a part larger than `RATIO_FLOOR_BYTES` may inflate (real XML inflates
  5 to 30 times; a bomb a thousand times). The zip module stops at the declared size,
  so a part that lies about its size reads as damaged.
* `MAX_SHEET_CELLS`: the cells one sheet (or a CSV file) yields, counting the blanks
  that keep columns aligned; `MAX_BLANK_ROWS`: a run of empty rows between two rows
  with content is kept up to this many (the rest carry no content, and row numbers are
  kept); a merged range is only expanded within the cells that hold something. A
  tracker of 100,000 rows and 15 columns is within it (issue 13: such trackers exist).
* `MAX_CSV_COLUMNS`: fields in one CSV record.
* `MAX_HTML_DEPTH`: elements nested deeper than this are unwrapped (their content kept
  at this depth), so no reader walks an HTML tree deeper than it.
* `MAX_PARAGRAPH_CHARS`: a paragraph of minutes is read up to this many characters (a
  long paragraph of real minutes is a few thousand); the rest is left, and said, so
  that a megabyte on one line costs no more than this many characters do.
"""

from __future__ import annotations

from typing import Final

MAX_SOURCE_BYTES: Final = 20 * 1024 * 1024
MAX_UNPACKED_BYTES: Final = 100 * 1024 * 1024
MAX_PART_BYTES: Final = 50 * 1024 * 1024
MAX_RATIO: Final = 200
RATIO_FLOOR_BYTES: Final = 1024 * 1024
MAX_SHEET_CELLS: Final = 1_500_000
MAX_BLANK_ROWS: Final = 100
MAX_CSV_COLUMNS: Final = 10_000
MAX_HTML_DEPTH: Final = 100
MAX_PARAGRAPH_CHARS: Final = 20_000


def megabytes(size: int) -> str:
    """A byte count as the user reads it: "200 MB"."""
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"
