"""Which register action an imported action is: one action stays one across files.

In order: the register's own id (a file this tool exported), the tracker's ID in the
same sheet with a close wording, any wording the action was seen under before, and
last a similar wording with the same owners in the same forum. A similar wording is
*confident* (it updates the action) when the words agree closely and the owners agree;
*likely* (imported as new, reported as a probable duplicate with both ids) when they
agree less. A register action is matched by similarity once per import at most; its id,
tracker ID or wording find it however often it comes.

The work is linear: one query per 500 wordings or IDs, and one pass over the forum's
open actions to build a word index, however many rows the import has.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from reminder.reading.resolve import ResolvedAction
from reminder.register.matching import normalise
from reminder.register.models import ActionPoint, ActionWording

CONFIDENT = 90  # wording similarity (0-100) above which, with the same owners, it is the same
LIKELY = 75  # above this it may be the same: imported as new, reported
REF_SIMILAR = 70  # a tracker ID in the same sheet needs at least this much
_CANDIDATES = 8  # actions sharing the most words that are compared in full
_COMMON = 2_000  # a word in more actions than this finds nothing worth comparing
_WORD = re.compile(r"\w{4,}")


@dataclass(frozen=True)
class Match:
    action: ActionPoint | None
    how: str  # register id, tracker id, wording, similar, likely, new or unknown register id
    score: int = 0


class Identity:
    """The register actions an import's items may be, loaded once for the import."""

    def __init__(
        self, *, session: Session, forum: str, items: Sequence[ResolvedAction], keys: list[str]
    ) -> None:
        self.session, self.forum = session, forum
        self.claimed: set[int] = set()
        self.by_wording = self._by_wording(keys)
        self.by_ref = self._by_ref([i.action.ref for i in items if i.action.ref])
        self._index: _WordIndex | None = None

    def find(self, item: ResolvedAction, key: str) -> Match:
        a = item.action
        if a.register_id is not None:
            found = self.session.get(ActionPoint, a.register_id)
            if found is not None and found.forum == self.forum:
                return Match(self._forward(found), "register id", 100)
            # An exported row updates exactly its action: one not here is not guessed at.
            return Match(None, "unknown register id")
        found = self._forward(self.by_ref.get(a.ref or "")) if a.ref else None
        if (
            found is not None
            and found.source_sheet == a.source.sheet
            and _similarity(found.text, a.text) >= REF_SIMILAR
        ):
            return Match(found, "tracker id", 100)
        found = self._forward(self.by_wording.get(key))
        if found is not None:
            return Match(found, "wording", 100)
        return self._similar(item)

    def claim(self, action: ActionPoint) -> None:
        """`action` is taken by an item of this import: no other item can be it."""
        if action.id is not None:
            self.claimed.add(action.id)

    def _similar(self, item: ResolvedAction) -> Match:
        if self._index is None:
            self._index = _WordIndex(self.session, self.forum)
        best: tuple[int, ActionPoint] | None = None
        for action in self._index.candidates(item.action.text):
            if action.id in self.claimed:
                continue
            score = _similarity(
                _without(action.text, action.due_phrase),
                _without(item.action.text, item.deadline.phrase),
            )
            if best is None or score > best[0]:
                best = (score, action)
        if best is None or best[0] < LIKELY:
            return Match(None, "new")
        score, action = best
        if score >= CONFIDENT and _same_owners(action.owners, item.action.owners):
            return Match(action, "similar", score)
        return Match(action, "likely", score)

    def _forward(self, action: ActionPoint | None) -> ActionPoint | None:
        """A merged action forwards to the one it was merged into."""
        for _ in range(10):
            if action is None or action.merged_into is None:
                break
            action = self.session.get(ActionPoint, action.merged_into)
        return action

    def _by_wording(self, keys: list[str]) -> dict[str, ActionPoint]:
        found: dict[str, ActionPoint] = {}
        for chunk in _chunks(sorted(set(keys)), 500):
            query = (
                select(ActionWording.fingerprint, ActionPoint)
                .join(ActionPoint, col(ActionPoint.id) == ActionWording.action_id)
                .where(ActionWording.forum == self.forum, col(ActionWording.fingerprint).in_(chunk))
            )
            found.update(dict(self.session.exec(query).all()))
        return found

    def _by_ref(self, refs: list[str]) -> dict[str, ActionPoint]:
        found: dict[str, ActionPoint] = {}
        for chunk in _chunks(sorted(set(refs)), 500):
            query = select(ActionPoint).where(
                ActionPoint.forum == self.forum, col(ActionPoint.ref).in_(chunk)
            )
            found.update({a.ref or "": a for a in self.session.exec(query)})
        return found


class _WordIndex:
    """The forum's open actions by the words of their text, built on first need."""

    def __init__(self, session: Session, forum: str) -> None:
        # Done actions too: older minutes read after a tracker marked them done must find them.
        query = select(ActionPoint).where(
            ActionPoint.forum == forum, col(ActionPoint.merged_into).is_(None)
        )
        self.actions = list(session.exec(query))
        self.postings: dict[str, list[int]] = defaultdict(list)
        for position, action in enumerate(self.actions):
            for word in _words(action.text):
                self.postings[word].append(position)

    def candidates(self, text: str) -> list[ActionPoint]:
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


def _chunks(values: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
