"""Splitting an owner cell as written into owner names (pure text work, no directory).

The rules live in `reminder.reading.owners` (`read_owners` gives owners, supporting
parties, counterparts, the condition of an alternative owner and qualifiers;
`is_ditto` recognises "same as above" marks). This module keeps the historical import
path: `split_owners(raw) -> (owners, supporting)`.
"""

from __future__ import annotations

from reminder.reading.owners import OwnerText, is_ditto, read_owners, split_owners

__all__ = ["OwnerText", "is_ditto", "read_owners", "split_owners"]
