"""Owner text as written -> owner names (pure text work; matching the directory is
`reminder.register.matching`).

Contract of `read_owners(raw)`:
- One entry per owner, in the order written, split on ",", ";", "/", "+", "&", "and",
  French "et", Spanish "y" (and "e" before an i- word), and on "or"/"ou"/"o" for
  alternative owners. A leading article is dropped ("The co-chairs" -> "co-chairs").
- Not split where the separator belongs to a name: a short uppercase "M&E"; "Fire and
  Rescue Service" (single capitalised words joined before a head noun such as Service,
  Cluster, Team); "Comité de Agua y Saneamiento", "Fundación Mar y Tierra" (a name that
  opens with its head noun, then one or two words that are not owners themselves);
  "Water, Sanitation and Hygiene Cluster"; "Shelter/CCCM Cluster" (a slash without
  spaces before a shared head noun); a name whose acronym follows it ("Humanity &
  Inclusion (HI)"); a hyphen never splits. The same owner written in two languages
  ("Coordination GTP / PWG coordination") is one owner, the second spelling kept as a
  qualifier.
- Parentheses: "(with support from A, B)" / "(avec l'appui de A)" / "(con apoyo de A)"
  give supporting parties; "(or Y if ...)" / "(Y if ...)" adds Y as an owner and the clause as
  `condition`; a parenthesis that translates, expands or places a name ("HCR (UNHCR)",
  "RG1 chair (UNICEF)", "@Ana (Cash WG)") is a qualifier of that owner, not an owner;
  a text that is only a parenthesis ("(WFP, UNHCR)") is the owner list.
- "X, with support from A" supports; a plain "with Y" names a counterpart, not an owner.
- A wrapped cell line that continues a name ("Cluster\nCoordinator") is not split. A
  leading label ("Responsible:") is dropped; a deadline or status among the owners ("IOM,
  by Friday") is reported in `not_owners`.
- "@handles" keep their "@"; "all partners" is one owner; a ditto mark gives `ditto`.
Nothing is dropped silently: what is not an owner is in `supporting`, `counterparts`,
`qualifiers`, `condition` or `not_owners`; `OwnerText.note` words it for the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reminder.reading.owners.joins import PAREN, inside_token, joins
from reminder.reading.owners.same import same_owner
from reminder.reading.owners.words import (
    COUNTERPART,
    DEADLINE_FIELD,
    IF,
    LABEL,
    LISTED_NAME,
    NOISE,
    OR,
    OR_WORDS,
    PAREN_SUPPORT,
    SEPARATOR,
    SUPPORT_LEAD,
    drop_article,
    is_ditto,
)
from reminder.reading.status.find import find_status, is_status_word

__all__ = ["OwnerText", "is_ditto", "read_owners", "split_owners"]


@dataclass(frozen=True)
class OwnerText:
    """What an owner text says: owners, and everything said about them."""

    owners: tuple[str, ...] = ()
    supporting: tuple[str, ...] = ()
    counterparts: tuple[str, ...] = ()
    condition: str | None = None  # "or Omar if Rita is travelling", as written
    qualifiers: tuple[tuple[str, str], ...] = ()  # (owner, "UNHCR"): translation, affiliation
    ditto: bool = False
    not_owners: tuple[str, ...] = ()  # a deadline or status written among the owners

    @property
    def note(self) -> str:
        """What a caller should put in the action's notes ("" when nothing needs saying)."""
        parts = []
        if self.condition:
            parts.append(f"alternative owner: {self.condition}")
        if self.counterparts:
            parts.append(f"counterpart, not an owner: {', '.join(self.counterparts)}")
        if self.not_owners:
            parts.append(f"not an owner: {', '.join(self.not_owners)}")
        return "; ".join(parts)


def split_owners(raw: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(owners, supporting parties) of an owner text; see `read_owners` for the rules."""
    read = read_owners(raw)
    return read.owners, read.supporting


# A tracker repeats its owner cells ("UNHCR" on thousands of rows): each text is read once.
@lru_cache(maxsize=4096)
def read_owners(raw: str | None) -> OwnerText:
    """Everything an owner text says, by the rules in the module docstring (the result
    is immutable and cached: the same text always says the same)."""
    text = LABEL.sub("", re.sub(r"\*\*|\*|~~|`", "", raw or "").strip())
    if is_ditto(text):
        return OwnerText(ditto=True)
    if re.fullmatch(r"\([^()]*\)", text):
        text = text[1:-1]  # the parenthesis is the owner list
    out = _Collect()
    status, mark, rest = find_status(text)
    if mark is not None and status is not None and text.lstrip().startswith(mark):
        out.not_owners.append(mark)  # "[DONE] ACTION: Ana": the tag is not an owner
        text = LABEL.sub("", rest.strip())
    text = _cut_trailers(text, out)
    if LISTED_NAME.match(text):
        return OwnerText(owners=(_clean(text),))  # "Water, Sanitation and Hygiene Cluster"
    masked = _mask(text)
    lead = SUPPORT_LEAD.search(masked)
    if lead:
        out.supporting += _names(text[lead.end() :], out)
        text, masked = text[: lead.start()], masked[: lead.start()]
    with_ = COUNTERPART.search(masked)
    if with_:
        out.counterparts += _names(text[with_.end() :], out)
        text = text[: with_.start()]
    out.owners += _names(text, out) + out.alternatives
    return OwnerText(
        _dedupe(out.owners), _dedupe(out.supporting), _dedupe(out.counterparts),
        out.condition, tuple(out.qualifiers), not_owners=tuple(out.not_owners),
    )  # fmt: skip


class _Collect:
    def __init__(self) -> None:
        self.owners: list[str] = []
        self.supporting: list[str] = []
        self.counterparts: list[str] = []
        self.qualifiers: list[tuple[str, str]] = []
        self.alternatives: list[str] = []  # "(or Omar if ...)": listed after the owner
        self.condition: str | None = None
        self.not_owners: list[str] = []


def _cut_trailers(text: str, out: _Collect) -> str:
    """ "IMO – pending", "IOM — by Friday": fields after a spaced dash that are a status or
    a deadline go to `not_owners`; any other dash stays part of the text."""
    for dash in reversed(list(re.finditer(r"\s+[-–—]+\s+", text))):
        field = text[dash.end() :].strip()
        if not (DEADLINE_FIELD.match(field) or is_status_word(field)):
            break
        out.not_owners.insert(0, field)
        text = text[: dash.start()]
    return text


def _mask(text: str) -> str:
    """The text with what is inside parentheses blanked, so splitting stays outside them."""
    out, depth = [], 0
    for ch in text:
        depth += ch == "("
        out.append("\0" if depth and ch not in "()" else ch)
        depth -= ch == ")" and depth > 0
    return "".join(out)


def _names(text: str, out: _Collect) -> list[str]:
    """Owner names of a text, its parentheses read into `out`."""
    full, masked = text, _mask(text)
    condition = IF.search(masked)  # outside parentheses: "X, or Y if X is away"
    if condition:
        text, masked = text[: condition.start()], masked[: condition.start()]
    parts: list[tuple[str, str]] = []  # (separator before, segment)
    start, sep = 0, ""
    for match in SEPARATOR.finditer(masked):
        if inside_token(masked, match):
            continue
        if match.group().strip(" ,").lower() in OR_WORDS:
            out.condition = out.condition or full[match.start() :].strip(" ,")
        parts.append((sep, text[start : match.start()]))
        start, sep = match.end(), text[match.start() : match.end()]
    parts.append((sep, text[start:]))
    if condition and out.condition is None:
        out.condition = full[condition.start() :].strip()
    names: list[str] = []
    current = ""
    for sep, segment in parts:
        if current and sep.strip(" ,").lower() in OR_WORDS:
            names.append(current)
            current = segment
        elif current and joins(current, sep, segment):
            current += sep + segment
        elif current and "/" in sep and same_owner(_bare(current), _bare(segment)):
            out.qualifiers.append((_clean(_bare(current)), _clean(segment)))
        else:
            if current:
                names.append(current)
            current = segment
    names.append(current)
    return [n for name in names if (n := _owner(name, out))]


def _owner(segment: str, out: _Collect) -> str:
    """The owner name of one segment; its parentheses go to supporting, condition, qualifiers."""
    name = _clean(PAREN.sub(" ", segment))
    for inner in (m.strip() for m in PAREN.findall(segment)):
        if OR.match(inner):
            out.condition = out.condition or inner
            out.alternatives.extend(_names(OR.sub("", inner), out))
        elif IF.match(inner):
            out.condition = out.condition or inner
        elif (cut := IF.search(inner)) and 0 < len(inner[: cut.start()].split()) <= 4:
            out.condition = out.condition or inner  # "Rita (Omar if Rita is away)"
            out.alternatives.extend(_names(inner[: cut.start()], out))
        elif PAREN_SUPPORT.match(inner):
            out.supporting.extend(_names(PAREN_SUPPORT.sub("", inner, count=1), out))
        elif DEADLINE_FIELD.match(inner) or is_status_word(inner):
            out.not_owners.append(inner)  # "IMO (by Friday)", "IMO (done)"
        elif inner and name.lower() not in NOISE:
            out.qualifiers.append((name, inner))
    if DEADLINE_FIELD.match(name) or is_status_word(name):
        out.not_owners.append(name)
        return ""
    return "" if name.lower() in NOISE else name


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .:;,-–—\t")
    return drop_article(name).strip() if len(name.split()) > 1 or "'" in name else name


def _bare(segment: str) -> str:
    """A segment without its parentheses."""
    return PAREN.sub("", segment)


def _dedupe(names: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return tuple(out)
