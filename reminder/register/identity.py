"""Which register action an imported action is: one action stays one across files.

In order: the register's own id (a file this tool exported), the tracker's ID in the
same sheet with a close wording, any wording the action was seen under before, and
last a similar wording with the same owners in the same forum. A similar wording is
*confident* (it updates the action) when words agree closely and owners agree; *likely*
(imported as new, reported as a probable duplicate with both ids) when they agree less.
An action is matched by similarity once per import at most; by id or wording, always.

Linear work: one query per 500 wordings or IDs, one pass over the forum's open actions
to build a word index. Flat memory: wordings and IDs map to ids, and register actions
are loaded `WINDOW` items at a time (the session's map forgets them once written).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from reminder.reading.resolve import ResolvedAction
from reminder.register.matching import normalise
from reminder.register.models import ActionPoint, ActionWording
from reminder.register.pending import NewActions, Pending

CONFIDENT = 90  # wording similarity (0-100) above which, with the same owners, it is the same
LIKELY = 75  # above this it may be the same: imported as new, reported
REF_SIMILAR = 70  # a tracker ID in the same sheet needs at least this much
_CANDIDATES = 8  # actions sharing the most words that are compared in full
_COMMON = 2_000  # a word in more actions than this finds nothing worth comparing
_WORD = re.compile(r"\w{4,}")
WINDOW = 2_000  # items whose register actions are loaded at once
_T = TypeVar("_T")


@dataclass(frozen=True)
class Match:
    action: ActionPoint | None
    how: str  # register id, tracker id, wording, similar, likely, new or unknown register id
    score: int = 0


class Identity:
    """The register actions an import's items may be, loaded once for the import."""

    def __init__(
        self,
        *,
        session: Session,
        forum: str,
        items: Sequence[ResolvedAction],
        keys: list[str],
        added: NewActions,
        claimed: set[int] | None = None,
    ) -> None:
        # `claimed` is shared with `added`'s callback, so that it need not hold this index.
        self.session, self.forum, self.added = session, forum, added
        self.claimed: set[int] = set() if claimed is None else claimed
        self.by_wording: dict[str, int | Pending] = dict(self._by_wording(keys))
        self.by_ref = self._by_ref([i.action.ref for i in items if i.action.ref])
        self._index: _WordIndex | None = None
        self._keys, self._items, self._found = keys, items, 0
        self._near: dict[int, ActionPoint] = {}

    def find(self, item: ResolvedAction, key: str) -> Match:
        """The register action `item` (with wording `key`) is; items come in import order."""
        if self._found % WINDOW == 0:
            self._window(self._found, self._found + WINDOW)
        self._found += 1
        a = item.action
        if a.register_id is not None:
            found = self.session.get(ActionPoint, a.register_id)
            if found is not None and found.forum == self.forum:
                return Match(self._forward(found), "register id", 100)
            # An exported row updates exactly its action: one not here is not guessed at.
            return Match(None, "unknown register id")
        by_ref = self.by_ref.get(a.ref or "") if a.ref else None
        found = self._forward(self._held(by_ref)) if by_ref else None
        if (
            found is not None
            and found.source_sheet == a.source.sheet
            and _similarity(found.text, a.text) >= REF_SIMILAR
        ):
            return Match(found, "tracker id", 100)
        found = self._forward(self._held(self.by_wording.get(key)))
        if found is not None:
            return Match(found, "wording", 100)
        return self._similar(item)

    def claim(self, action: ActionPoint) -> None:
        """`action` is taken by an item of this import: no other item can be it."""
        if action.id is not None:
            self.claimed.add(action.id)

    def _held(self, action: int | Pending | None) -> ActionPoint | None:
        """The register action of a wording; a new one of this import is inserted first."""
        if isinstance(action, Pending):
            if action.id is None:
                self.added.flush()
            action = action.id
        if action is None:
            return None
        return self._near.get(action) or self.session.get(ActionPoint, action)

    def _window(self, start: int, end: int) -> None:
        """Load the register actions of the wordings and IDs of items `start` to `end`,
        in one query per 500.

        The changes made so far are written first (still inside the import's
        transaction), so that the session holds no more than a window of actions."""
        self.session.flush()
        keys = self._keys[start:end]
        refs = [i.action.ref for i in self._items[start:end] if i.action.ref]
        held = {i for k in keys if isinstance(i := self.by_wording.get(k), int)}
        ids = sorted(held | {self.by_ref[r] for r in refs if r in self.by_ref})
        self._near = {}
        for chunk in _chunks(ids, 500):
            query = select(ActionPoint).where(col(ActionPoint.id).in_(chunk))
            self._near.update({a.id: a for a in self.session.exec(query) if a.id})

    def _similar(self, item: ResolvedAction) -> Match:
        if self._index is None:
            self.added.flush()  # the new actions so far are in the register, and claimed
            self._index = _WordIndex(self.session, self.forum)
        if not self._index.actions:  # a forum's first import: nothing to be like
            return Match(None, "new")
        best: tuple[int, _Held] | None = None
        for candidate in self._index.candidates(item.action.text):
            if candidate.id in self.claimed:
                continue
            score = _similarity(
                _without(candidate.text, candidate.due_phrase),
                _without(item.action.text, item.deadline.phrase),
            )
            if best is None or score > best[0]:
                best = (score, candidate)
        if best is None or best[0] < LIKELY:
            return Match(None, "new")
        score, held = best
        action = self.session.get(ActionPoint, held.id)
        if score >= CONFIDENT and _same_owners(held.owners, item.action.owners):
            return Match(action, "similar", score)
        return Match(action, "likely", score)

    def _forward(self, action: ActionPoint | None) -> ActionPoint | None:
        """A merged action forwards to the one it was merged into."""
        for _ in range(10):
            if action is None or action.merged_into is None:
                break
            action = self.session.get(ActionPoint, action.merged_into)
        return action

    def _by_wording(self, keys: list[str]) -> dict[str, int]:
        """The id of the action each wording was seen under."""
        found: dict[str, int] = {}
        for chunk in _chunks(sorted(set(keys)), 500):
            query = select(ActionWording.fingerprint, ActionWording.action_id).where(
                ActionWording.forum == self.forum, col(ActionWording.fingerprint).in_(chunk)
            )
            found.update(dict(self.session.exec(query).all()))
        return found

    def _by_ref(self, refs: list[str]) -> dict[str, int]:
        """The id of the action of each tracker ID (the last one when several share it)."""
        found: dict[str, int] = {}
        for chunk in _chunks(sorted(set(refs)), 500):
            # The forum is checked here, not in SQL: given both, SQLite walks the forum's
            # index (every action of the forum, for each chunk) instead of the IDs' index.
            query = (
                select(ActionPoint.ref, ActionPoint.id, ActionPoint.forum)
                .where(col(ActionPoint.ref).in_(chunk))
                .order_by(col(ActionPoint.id))
            )
            rows = self.session.exec(query)
            found.update({ref or "": id for ref, id, forum in rows if forum == self.forum and id})
        return found


class _Held(NamedTuple):
    """What similarity needs of a register action (not the whole ORM object: light)."""

    id: int
    text: str
    due_phrase: str | None
    owners: list[str]


class _WordIndex:
    """The forum's open actions by the words of their text, built on first need."""

    def __init__(self, session: Session, forum: str) -> None:
        # Done actions too: older minutes read after a tracker marked them done must find them.
        query = (
            select(ActionPoint.id, ActionPoint.text, ActionPoint.due_phrase, ActionPoint.owners)
            .where(ActionPoint.forum == forum, col(ActionPoint.merged_into).is_(None))
            .order_by(col(ActionPoint.id))
        )
        self.actions = [_Held(*row) for row in session.exec(query)]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for position, action in enumerate(self.actions):
            for word in _words(action.text):
                self.postings[word].append(position)

    def candidates(self, text: str) -> list[_Held]:
        shared: Counter[int] = Counter()
        for word in _words(text):
            positions = self.postings.get(word, ())
            if len(positions) <= _COMMON:
                shared.update(positions)
        return [self.actions[p] for p, _ in shared.most_common(_CANDIDATES)]


def _without(text: str, phrase: str | None) -> str:
    """The action's text without its deadline phrase: minutes write "… by 30 June" where
    a tracker has a deadline column."""
    if phrase and phrase in text and phrase != text:
        return text.replace(phrase, " ")
    return text


def _words(text: str) -> set[str]:
    return set(_WORD.findall(normalise(text)))


def _similarity(left: str, right: str) -> int:
    """0-100: how far two wordings say the same; a short wording inside a long one
    (a subset of its words) is at most LIKELY, never the same action by itself."""
    a, b = normalise(left), normalise(right)
    score = int(fuzz.token_set_ratio(a, b))
    short, long_ = sorted((len(a.split()), len(b.split())))
    if long_ and short / long_ < 0.6:
        score = min(score, int(fuzz.ratio(a, b)), LIKELY)
    return score


def _same_owners(held: Iterable[str], incoming: Iterable[str]) -> bool:
    """Owners agree when either side names none or they share one (as normalised)."""
    a = {normalise(o) for o in held}
    b = {normalise(o) for o in incoming}
    return not a or not b or bool(a & b)


def _chunks(values: list[_T], size: int) -> Iterable[list[_T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
