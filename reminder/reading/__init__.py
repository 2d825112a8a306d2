"""Reading: source files -> a `Document` model -> the action points it holds.

`formats/` turns each file format into the document model (`document.py`); `actions/`
finds action points in that model, `trackers/` in tracker sheets, and `meeting/` the
meeting's date, next meeting and forum. Readers only read: they never touch the
register and never resolve dates or owners. What they cannot use they report as
`Skipped` rows with a reason.
"""
