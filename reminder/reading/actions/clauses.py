"""Who is to act, read from the shape of a sentence (English, French, Spanish).

`commitment(sentence)` returns a `Clause` when the sentence commits someone to a task,
with the owner as written ("" when the sentence names nobody):

* "X to do Y", "X is/are to do Y", "X is requested to", "X will do Y" (`strong` is False
  for "will", which discussion also uses: callers want a deadline or an action context);
* French "X à <verbe>", "X va/vont <verbe>", "X doit <verbe>"; Spanish "X a <verbo>",
  "X se compromete(n) a", "X va(n) a";
* passive "Y to be done by X", "Y will be shared by X", "sera partagée par X",
  "será enviado por X" (owner X), and "Y to be done" (no owner);
* "X, with support from Y, to ..." gives "X (with support from Y)".

Decisions ("The committee agreed to ..."), pronoun subjects ("I will share ...") and long
subjects (a whole clause) are not commitments. `is_name(text)` says whether a short text
reads as an owner (a name, a role, an organisation), not as a clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUPPORT = re.compile(
    r"^(?P<who>[^,]{2,60}),\s*(?P<with>(?:with|avec|con)\s+(?:the\s+)?(?:support|help|inputs?|"
    r"l.appui|el\s+apoyo|apoyo)\s+(?:from|of|de|del)\s+[^,]{2,60}),\s*(?P<rest>.*)$",
    re.I,
)
_SUBJECT = re.compile(
    r"^(?P<who>.+?)\s+(?:"
    r"(?P<to>(?:is\s+|are\s+)?(?:(?:requested|asked|invited|encouraged)\s+)?to)\s+(?P<verb>(?-i:[a-z]+))\b|"
    r"(?P<will>will|shall)\s+(?P<wverb>[a-z]+)|"
    r"(?P<fr>à|va|vont|doit|doivent|devra|devront)\s+(?P<verbe>[a-zéèêàç]+(?:er|ir|re))\b|"
    r"(?P<es>a|se\s+comprometen?\s+a|va[n]?\s+a|debe[n]?|deberá[n]?)\s+(?P<verbo>[a-záéíóúñ]+(?:ar|er|ir))\b"
    r")",
    re.I,
)
_PASSIVE = re.compile(
    r"\b(?:to\s+be|will\s+be|shall\s+be|sera|seront|será|serán)\s+(?:\w+ly\s+)?"
    r"(?P<pp>\w+(?:ed|en|wn|ne|de|ée?s?|és|é|ado|ada|ados|adas|ido|ida|idos|idas|t))\b",
    re.I,
)
_BY = re.compile(r"^\s+(?:by|par|por)\s+(?P<by>[^,;.()]+(?:\s*\([^)]*\))?)", re.I)
# Where the agent of a passive ends: a deadline or place after it ("by X by 5 May").
_AGENT_END = re.compile(
    r"\s+(?:by|before|within|at|in|on|during|for|ahead|until|after|from|every|each|no\s+later|"
    r"avant|d.ici|au\s+plus|lors|dans|sous|antes|para|durante|dentro|a\s+más|next|this|today|"
    r"tomorrow|asap|demain|cette|mañana|(?:la|el|le)\s+(?:próxim[oa]|prochaine?|semaine|semana))\b.*$",
    re.I,
)
_ES_OBJECT = re.compile(r"^\s+(?:el|la|los|las|un|una|al|del|con|en|sobre|su|sus)\b", re.I)
_NOT_A_VERB = re.compile(
    r"^(?:the|a|an|all|this|that|these|those|be|which|whom|and|or|our|their|his|her|its|my|"
    r"your|other|each|every|some|any|no|more|date|\w+(?:ion|ment|ness|ity))$",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|t)\b", re.I
)
_TITLE = re.compile(r"\b(Mr|Mrs|Ms|Dr|Prof|Sr|Sra|Dra|Mme|Mlle|St)\.")
_PRONOUN = re.compile(
    r"^(?:i|we|you|he|she|they|it|this|that|these|those|there|which|who|one|je|nous|on|il|elle|"
    r"ils|elles|yo|nosotros|ellos|ellas|se)$",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"\b(?:will|would|should|shall|must|is|are|was|were|be|been|has|have|had|need|needs|"
    r"to|agreed|decided|asked|requested|noted|endorsed|approved|resolved|how|what|whether|"
    r"que|qui|est|sont|fue|es|son|ha|han|motion|seconded|said|says|reported|presented|"
    r"(?-i:it|this|that|there|I|we))\b",
    re.I,
)
# Verbs after "will" that describe what happens, not a task someone takes on.
_STATE_VERBS = {
    "be", "have", "start", "begin", "take", "continue", "remain", "need", "include",
    "cover", "end", "open", "close", "run", "last", "become", "allow", "require",
    "depend", "happen", "now", "also", "not", "probably", "likely", "still", "then",
    "see", "receive", "benefit", "get", "stay",
}  # fmt: skip


@dataclass(frozen=True)
class Clause:
    """A commitment: its owner as written ("" when unnamed) and how firm the form is."""

    owner: str
    strong: bool


def commitment(sentence: str) -> Clause | None:
    """The commitment a sentence states (see the module docstring), else None."""
    text = sentence.strip()
    if _REPORTED.search(text):
        return None  # "UNICEF to lead the assessment was discussed": a report, not a task
    support = _SUPPORT.match(text)
    if support:  # "UNICEF, with support from IMO, to map ..."
        inner = commitment(f"{support['who']} {support['rest']}")
        if inner is not None and inner.owner:
            return Clause(f"{inner.owner} ({support['with']})", inner.strong)
    passive = _PASSIVE.search(text)
    match = _SUBJECT.match(text)
    if match and not _is_passive_subject(match) and _verb_ok(match, text):
        who = match["who"].strip(" ,")
        if is_name(who, clause=True):
            if match["will"]:
                verb = match["wverb"].lower()
                return None if verb in _STATE_VERBS else Clause(who, strong=False)
            return Clause(who, strong=True)
    if passive:
        before = text[: passive.start()].strip()
        agent = _BY.match(text[passive.end() :])
        owner = _AGENT_END.sub("", agent["by"]).strip() if agent else ""
        if owner and not is_name(owner):
            owner = ""
        if before and len(before.split()) <= 14 and not _NOT_A_NAME.search(before):
            will = passive.group(0).lower().startswith(("will", "shall"))
            return Clause(owner, strong=not will)
    return None


def _verb_ok(match: re.Match[str], text: str) -> bool:
    """False when the word after "to"/"a" is not a verb ("Access to education")."""
    if match["to"] is not None:
        return not _NOT_A_VERB.match(match["verb"])
    if match["es"] is not None and match["es"].lower() == "a":
        return bool(_ES_OBJECT.match(text[match.end() :]))  # "OIM a compartir la lista"
    return True


def _is_passive_subject(match: re.Match[str]) -> bool:
    """True for "X to be done" / "X à être fait": the subject is the thing, not the owner."""
    verb = (match["verb"] or match["verbe"] or match["verbo"] or match["wverb"] or "").lower()
    return verb in {"be", "être", "ser", "estar"}


# A date or year in a subject means it is not a name ("On 12 March the team"); a plain
# number is part of many names ("Block 10 leader", "RG12 chair").
_DATE_LIKE = re.compile(
    r"\b(?:19|20)\d\d\b|\d{1,2}/\d{1,2}|\d{1,2}[.-]\d{1,2}[.-]\d{2,4}|\b\d{1,2}(?:st|nd|rd|th|er)?\s+(?:de\s+)?"
    r"(?:jan|feb|f[eé]v|mar|apr|avr|abr|may|mai|jun|juin|jul|juil|aug|ao[uû]|ago|sep|oct|nov|dec|d[eé]c|dic|ene)",
    re.I,
)


def is_name(text: str, *, clause: bool = False) -> bool:
    """True when `text` reads as an owner: a few words, no verb or pronoun of a clause.

    With `clause`, `text` is the subject of a sentence, which may hold a parenthesis
    ("Rita (or Omar if Rita is travelling)"): the parenthesis is not judged.
    """
    bare = re.sub(r"\([^)]*\)", " ", text) if clause else text
    bare = _TITLE.sub(r"\1", bare)  # "Dr. Harlan", "Mr. Dorsey": not a sentence end
    words = bare.split()
    pronoun = _PRONOUN.match(bare.strip()) and not bare.strip().isupper()  # "WHO" is not "who"
    if not words or len(words) > 7 or pronoun:
        return False
    if _NOT_A_NAME.search(bare) or re.search(r"[.!?;:]\s", bare) or _DATE_LIKE.search(bare):
        return False
    return bool(re.match(r"[@\w]", bare.strip()))
