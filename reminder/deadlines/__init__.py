"""Deadlines: a phrase as written + an anchor date -> a date and how it was read (pure).

`read` is the entry point (`resolve_deadline`, `find_deadline_phrase`); a new phrase
shape goes in `patterns` (its pattern) and `rules` or `repeat` (its reader), new words in
`words`. Imports nothing of the package but the leaves.
"""
