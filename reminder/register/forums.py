"""Which known forum a name as written means (pure), and the forums the register holds.

A document titles its forum in many ways: "Protection Sector Working Group (PSWG) –
Monthly", "PSWG meeting", "Réunion mensuelle du groupe ...". `match_forum` compares
such a name with every known forum's name and aliases at four levels, and stops at the
first level where a forum matches:

1. ``exact``: the same words, whatever the case, accents, punctuation and spacing;
2. ``loose``: the same once frequency, meeting and date words are dropped from both
   ends ("– Monthly", "weekly coordination meeting", "minutes", "réunion mensuelle",
   "reunión", "June 2023"), with or without what parentheses hold;
3. ``part``: an acronym in parentheses ("(PSWG)") or the part before a dash ("Shelter
   WG – North hub") of one is the other (a name, an alias, or another "(PSWG)");
4. ``initials``: one is a single word made of the initials of the other's words.

Several forums at the first level that matches are ambiguous, unless exactly one of
them is configured (a configured forum wins over one only the register holds). Nothing
here knows a real forum's name: the rules are about words, never about forums.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from reminder.errors import InputError
from reminder.register.models import ActionPoint, Meeting


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say how often or in what form a forum meets, not which forum it is (en,
# fr, es, accents removed). Only dropped at the ends of a name, never inside it.
_NOISE = _wordset(
    """
    minutes minute notes note mom mtg meeting meetings call session sessions draft final
    monthly weekly biweekly bi fortnightly quarterly annual yearly daily regular ordinary
    extraordinary special coordination coord general
    reunion reunions mensuelle mensuel hebdomadaire bimensuelle bimensuel trimestrielle
    trimestriel annuelle annuel ordinaire extraordinaire compte rendu cr proces verbal pv
    reunion mensual semanal quincenal trimestral anual ordinaria extraordinaria acta actas
    minuta minutas coordinacion sesion
    of the for and de du des la le les l d et el los las del y en
    """
)
_MONTHS = _wordset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    """
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DAY = re.compile(r"^\d{1,2}(?:st|nd|rd|th|er|e|o)?$")
# "3rd", "12th", "2e", "1ère", "4º": a meeting's number, not its forum's name.
_ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th|er|ere|e|eme|o|a)$")
_WORD = re.compile(r"[^\W_]+")
_PARENS = re.compile(r"\(([^()]*)\)")
_PARTS = re.compile(r"\s+[-–—]+\s+|\s*[:/|]\s*")
# Connecting words left out of initials: "Water and Sanitation" -> "WS".
_CONNECTORS = _wordset("of the for and de du des la le les l d et el los las del y en")


class UnknownForum(InputError):
    """A forum named on the command line or by a document matches no known forum.

    `usage` is true when the name came from an option (the CLI exits 2), false when it
    came from a document (nothing could be imported, exit 1).
    """

    def __init__(self, message: str, *, usage: bool) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class KnownForum:
    """A forum one may import into: configured (with aliases) or already in the register."""

    name: str
    aliases: tuple[str, ...] = ()
    configured: bool = True


@dataclass(frozen=True)
class ForumMatch:
    """What `match_forum` found: the forum (None when none or several), how it matched
    ("exact", "loose", "initials", "ambiguous" or "none") and, when ambiguous, the
    forums it could be."""

    forum: KnownForum | None
    how: str
    candidates: tuple[KnownForum, ...] = ()


def _plain(word: str) -> str:
    text = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _spans(text: str) -> list[tuple[str, int, int]]:
    """(plain word, start, end) of every word of `text` (NFC): letters and digits."""
    return [(_plain(m[0]), m.start(), m.end()) for m in _WORD.finditer(text)]


def words(text: str) -> list[str]:
    """Lower-case words without accents: "Réunion (CPSS) – mensuelle" -> reunion, cpss, ..."""
    return [word for word, _, _ in _spans(unicodedata.normalize("NFC", text))]


def _droppable(word: str, neighbour: str, dated: bool) -> bool:
    """Noise, a month or a year; or a day number beside a month or after a dropped date."""
    if word in _NOISE or word in _MONTHS or _YEAR.match(word) or _ORDINAL.match(word):
        return True
    return bool(_DAY.match(word)) and (dated or neighbour in _MONTHS)


def _trim(tokens: list[str]) -> tuple[int, int]:
    """(start, end) of `tokens` once noise and date words are dropped from both ends."""
    start, end, dated = 0, len(tokens), False
    while end > start and _droppable(tokens[end - 1], tokens[end - 2] if end > 1 else "", dated):
        dated = dated or tokens[end - 1] in _MONTHS or bool(_YEAR.match(tokens[end - 1]))
        end -= 1
    dated = False
    while start < end and _droppable(
        tokens[start], tokens[start + 1] if start + 1 < end else "", dated
    ):
        dated = dated or tokens[start] in _MONTHS or bool(_YEAR.match(tokens[start]))
        start += 1
    return start, end


def core(text: str) -> str:
    """The words of `text` that name a forum: "PSWG – Monthly meeting" -> "pswg"."""
    tokens = words(text)
    start, end = _trim(tokens)
    return " ".join(tokens[start:end])


def forum_name(text: str) -> str | None:
    """`text` as written without the noise at its ends, for naming a new forum:
    "Protection Sector Working Group (PSWG) – Monthly" -> "Protection Sector Working
    Group (PSWG)". None when nothing but noise is left."""
    text = unicodedata.normalize("NFC", text)
    spans = _spans(text)
    start, end = _trim([word for word, _, _ in spans])
    if start >= end:
        return None
    name = text[spans[start][1] : spans[end - 1][2]]
    return name + ")" * (name.count("(") - name.count(")"))


def _acronyms(text: str) -> set[str]:
    """What parentheses hold when it is written like an acronym, every word with two
    capitals or more: "(PSWG)", "(GBV-SC)", "(GBV AoR)"; not "(online)", "(Cox Bazar)"."""
    found = set()
    for inner in _PARENS.findall(text):
        written = _WORD.findall(inner)
        if written and all(sum(ch.isupper() for ch in w) >= 2 for w in written):
            key = " ".join(words(inner))
            found |= {key, key.replace(" ", "")}
    return found


def _cores(text: str) -> set[str]:
    """The core of a name, and its core without what parentheses hold."""
    return {k for k in (core(text), core(_PARENS.sub(" ", text))) if k}


def _parts(text: str) -> set[str]:
    """Its acronyms, and the cores of its first part when a dash, colon or slash splits
    it ("Shelter WG – North hub" -> "shelter wg")."""
    first = _PARTS.split(text, maxsplit=1)
    return _acronyms(text) | (_cores(first[0]) if len(first) > 1 else set())


def _initials(key: str) -> str:
    parts = [w for w in key.split() if w not in _CONNECTORS]
    return "".join(w[0] for w in parts) if len(parts) >= 2 else ""


def _initial_match(a: set[str], b: set[str]) -> bool:
    singles = {k for k in a if " " not in k and len(k) >= 3}
    return any(_initials(k) in singles for k in b if _initials(k))


def _level(written: str, forum: KnownForum) -> int | None:
    """The level (1 to 4, see the module) at which `written` matches `forum`, or None."""
    names = (forum.name, *forum.aliases)
    exact = " ".join(words(written))
    if exact and any(exact == " ".join(words(n)) for n in names):
        return 1
    mine, theirs = _cores(written), set().union(*(_cores(n) for n in names))
    if mine & theirs:
        return 2
    my_parts, their_parts = _parts(written), set().union(*(_parts(n) for n in names))
    acronyms = _acronyms(written) & set().union(*(_acronyms(n) for n in names))
    if my_parts & theirs or mine & their_parts or acronyms:
        return 3
    mine, theirs = mine | my_parts, theirs | their_parts
    if _initial_match(mine, theirs) or _initial_match(theirs, mine):
        return 4
    return None


def match_forum(*, written: str, forums: Sequence[KnownForum]) -> ForumMatch:
    """The forum of `forums` that `written` names (see the module for the rules)."""
    levels = [(level, f) for f in forums if (level := _level(written, f)) is not None]
    if not levels:
        return ForumMatch(None, "none")
    best = min(level for level, _ in levels)
    found = [f for level, f in levels if level == best]
    configured = [f for f in found if f.configured]
    if len({f.name for f in found}) == 1 or len(configured) == 1:
        chosen = configured[0] if configured else found[0]
        return ForumMatch(chosen, ("exact", "loose", "part", "initials")[best - 1])
    return ForumMatch(None, "ambiguous", tuple(found))


def describe(forums: Iterable[KnownForum]) -> str:
    """The known forums for a message: "'A' (also: a1, a2); 'B' (in the register)"."""
    parts = []
    for f in forums:
        extra = f" (also: {', '.join(f.aliases)})" if f.aliases else ""
        extra += "" if f.configured else " (in the register)"
        parts.append(f"{f.name!r}{extra}")
    return "; ".join(parts) if parts else "none yet"


def forums_in_register(session: Session) -> list[str]:
    """Every forum the register holds an action or a meeting of, sorted."""
    names = set(session.exec(select(ActionPoint.forum).distinct()))
    names |= set(session.exec(select(Meeting.forum).distinct()))
    return sorted(names)
