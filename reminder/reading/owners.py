"""Owner text as written -> owner names (pure text work; matching the directory is
`reminder.owners`).

Contract of `read_owners(raw)`:
- One entry per owner, in the order written, split on ",", ";", "/", "+", "&", "and",
  French "et", Spanish "y" (and "e" before an i- word), and on "or"/"ou"/"o" for
  alternative owners. A leading article is dropped ("The co-chairs" -> "co-chairs").
- Not split where the separator belongs to a name: a short uppercase "M&E"; "Fire and
  Rescue Service" (single capitalised words joined before a head noun such as Service,
  Cluster, Team); "Comité de Agua y Saneamiento" (a head noun with "de/of", then one
  word); "Shelter/CCCM Cluster" (a slash without spaces before a shared head
  noun); a name whose acronym follows it ("Humanity & Inclusion (HI)"); a hyphen never
  splits. The same owner written in two languages ("Coordination GTP / PWG coordination")
  is one owner, the second spelling kept as a qualifier.
- Parentheses: "(with support from A, B)" / "(avec l'appui de A)" / "(con apoyo de A)"
  give supporting parties; "(or Y if ...)" adds Y as an owner and the clause as
  `condition`; a parenthesis that translates, expands or places a name ("HCR (UNHCR)",
  "RG1 chair (UNICEF)", "@Ana (Cash WG)") is a qualifier of that owner, not an owner;
  a text that is only a parenthesis ("(WFP, UNHCR)") is the owner list.
- "X, with support from A" supports; a plain "with Y" names a counterpart, not an owner.
- A wrapped cell line that continues a name ("Cluster\nCoordinator") is not split. A
  leading label ("Responsible:") is dropped; a deadline or status among the owners ("IOM,
  by Friday") is reported in `not_owners`.
- "@handles" keep their "@"; "all partners" is one owner; a ditto mark gives `ditto`.
Nothing is dropped silently: what is not an owner is in `supporting`, `counterparts`,
`qualifiers` or `condition`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reminder.reading.owner_words import (
    DEADLINE_FIELD,
    HEAD_NOUNS,
    LABEL,
    NOISE,
    drop_article,
    ends_with_head_noun,
    initials_match,
    is_common_word,
    is_ditto,
    is_group_word,
    is_role_noun,
    same_owner,
    starts_with_head_noun,
)
from reminder.reading.status import find_status, is_status_word

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


_SUPPORT_NOUN = (
    r"(?:technical\s+)?(?:support|inputs?|help|assistance|contributions?|guidance|appui|"
    r"soutien|aide|contribution|apoyo|ayuda|acompañamiento|insumos|aportes)"
)
_SUPPORT_WORDS = (
    r"(?:with|avec|con)\s+(?:(?:the|l['’]|la|le|el|un|une)\s*)?(?:{noun}\s+)?"
    r"(?:from|of|by|de|du|des|del|d['’])(?=\W)|supported\s+by|assisted\s+by|helped\s+by|"
    r"in\s+(?:collaboration|coordination|consultation|liaison)\s+with|"
    r"en\s+(?:collaboration|coordination|liaison)\s+avec|en\s+coordinaci[oó]n\s+con|"
    r"appuy[ée]e?s?\s+par|apoyad[oa]s?\s+por"
)
# Outside parentheses only the support words count ("X, with support from Y"); inside,
# "(with <any word> from Y)" is support too ("(with inputs from Y)", misspelt or not).
_SUPPORT_LEAD = re.compile(
    rf"(?:,\s*|\s+)(?:{_SUPPORT_WORDS.format(noun=_SUPPORT_NOUN)})\s*", re.IGNORECASE
)
_ANY_NOUN = _SUPPORT_NOUN + r"|[\w-]+"
_PAREN_SUPPORT = re.compile(
    rf"^(?:{_SUPPORT_WORDS.format(noun=_ANY_NOUN)}|with|avec|con|and|et|y)\s*", re.IGNORECASE
)
_COUNTERPART = re.compile(r"\s+(?:with|avec|con)\s+(?=\S)", re.IGNORECASE)
_OR = re.compile(r"^(?:or|ou|o|u)\s+", re.IGNORECASE)
_IF = re.compile(r"\s*\b(?:if|si|when|unless|cuando|quand|lorsque|sauf|in\s+case|en\s+cas)\b")
_SEPARATOR = re.compile(
    r",?\s+(?:or|ou|o|u(?=\s+h?[oO]))\s+(?=\S)|"
    r"\s*[,;\n+]\s*|\s*/\s*|\s*&\s*|\s+(?:and|AND|et|y|e(?=\s+h?[iIíÍ]))\s+"
)
_WORD = r"[A-ZÀ-Þ][a-zß-ÿ]{2,}"
_HEAD = "|".join(sorted(HEAD_NOUNS))
_LISTED_NAME = re.compile(
    rf"^\s*(?:{_WORD},\s+)+{_WORD},?\s+(?:and|&|et|y|e)\s+{_WORD}\s+(?i:{_HEAD})\s*$"
)
_OR_WORDS = {"or", "ou", "o", "u"}
_PAREN = re.compile(r"\s*\(([^()]*)\)")


def split_owners(raw: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(owners, supporting parties) of an owner text; see `read_owners` for the rules."""
    read = read_owners(raw)
    return read.owners, read.supporting


def read_owners(raw: str | None) -> OwnerText:
    """Everything an owner text says, by the rules in the module docstring."""
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
    if _LISTED_NAME.match(text):
        return OwnerText(owners=(_clean(text),))  # "Water, Sanitation and Hygiene Cluster"
    masked = _mask(text)
    lead = _SUPPORT_LEAD.search(masked)
    if lead:
        out.supporting += _names(text[lead.end() :], out)
        text, masked = text[: lead.start()], masked[: lead.start()]
    with_ = _COUNTERPART.search(masked)
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
    condition = _IF.search(masked)  # outside parentheses: "X, or Y if X is away"
    if condition:
        text, masked = text[: condition.start()], masked[: condition.start()]
    parts: list[tuple[str, str]] = []  # (separator before, segment)
    start, sep = 0, ""
    for match in _SEPARATOR.finditer(masked):
        if _inside_token(masked, match):
            continue
        if match.group().strip(" ,").lower() in _OR_WORDS:
            out.condition = out.condition or full[match.start() :].strip(" ,")
        parts.append((sep, text[start : match.start()]))
        start, sep = match.end(), text[match.start() : match.end()]
    parts.append((sep, text[start:]))
    if condition and out.condition is None:
        out.condition = full[condition.start() :].strip()
    names: list[str] = []
    current = ""
    for sep, segment in parts:
        if current and sep.strip(" ,").lower() in _OR_WORDS:
            names.append(current)
            current = segment
        elif current and _joins(current, sep, segment):
            current += sep + segment
        elif current and "/" in sep and same_owner(_bare(current), _bare(segment)):
            out.qualifiers.append((_clean(_bare(current)), _clean(segment)))
        else:
            if current:
                names.append(current)
            current = segment
    names.append(current)
    return [n for name in names if (n := _owner(name, out))]


def _inside_token(masked: str, match: re.Match[str]) -> bool:
    """ "M&E", "R&D": an ampersand between short uppercase letters belongs to the name."""
    if match.group().strip() != "&" or match.group() != "&":
        return False
    before = re.search(r"(?<![A-Za-z])[A-Z]{1,2}$", masked[: match.start()])
    after = re.match(r"[A-Z]{1,2}\b", masked[match.end() :])
    return bool(before and after)


def _joins(left: str, sep: str, right: str) -> bool:
    """Whether the separator belongs to one name spanning both sides."""
    kind = sep.strip().lower()
    right_name = _PAREN.sub("", right).strip()
    if "\n" in sep and right_name:
        # A wrapped cell: "Cluster\nCoordinator", "Health\nworkers" continue one name.
        return right_name[0].islower() or (
            " " not in right_name and is_role_noun(right_name) and " " not in left.strip()
        )
    acronym = re.search(r"\(([A-Z]{2,8})\)\s*$", right)
    if acronym and initials_match(f"{left} {right_name}", acronym[1]):
        return not initials_match(right_name, acronym[1])
    words = right_name.split()
    if kind in {"and", "&", "et", "y", "e"} and is_common_word(left.strip()):
        return 2 <= len(words) <= 3 and ends_with_head_noun(right_name)
    if kind in {"and", "&", "et", "y", "e"} and 1 <= len(words) <= 2:
        # "Comité de Agua y Saneamiento", "Ministerio de Salud y Protección Social"
        tail = not any(w.isupper() or w.startswith("@") or is_group_word(w) for w in words)
        return tail and starts_with_head_noun(left)
    if sep == "/" and " " not in left.strip():
        return 2 <= len(words) <= 3 and ends_with_head_noun(right_name)
    return False


def _owner(segment: str, out: _Collect) -> str:
    """The owner name of one segment; its parentheses go to supporting, condition, qualifiers."""
    name = _clean(_PAREN.sub(" ", segment))
    for inner in (m.strip() for m in _PAREN.findall(segment)):
        if _OR.match(inner):
            out.condition = out.condition or inner
            out.alternatives.extend(_names(_OR.sub("", inner), out))
        elif _IF.match(inner):
            out.condition = out.condition or inner
        elif _PAREN_SUPPORT.match(inner):
            out.supporting.extend(_names(_PAREN_SUPPORT.sub("", inner, count=1), out))
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
    return _PAREN.sub("", segment)


def _dedupe(names: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return tuple(out)
