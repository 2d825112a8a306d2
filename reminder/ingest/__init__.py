"""Importers: one module per source format, each turning a file into an `Extraction`.

Importers only read; they never touch the register and never resolve dates or
owners. What they cannot use they report as `Skipped` rows with a reason.
"""
