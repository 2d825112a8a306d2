"""Line markers that make a line an action point wherever it stands in the minutes.

`marked(text)` reads the start of a paragraph or list item and returns a `Marked` with
the marks cut off, or None when the line carries no action mark:

* "AP:", "ACTION:", "Action -", "Action item:", "Acción:", "Action à mener :"; "ACTION
  name: ..." (the name is the owner); an IRC nick before it ("<chair> ACTION: ...");
* a scribe's tracker line "action-12 -- X to do Y -- due 2024-03-08 -- OPEN" (an earlier
  action under review: `review` is set);
* checkboxes "[ ]", "[x]", ☐, ☑, ✔, ✅ (the box gives the status), status tags "[NEW]",
  "[DONE]", "[DROPPED]" before any of these;
* "Name: will ...", "Name:- will ...", "X + Y: <verb> ..." (owner before the colon; the
  text keeps the whole line, as the conventions keep the owner that starts it);
* "@Name ..." mentions at the start (the mentions are the owner).

`inline_action(text)` splits a discussion paragraph that ends with an inline
"**Action:** ..." run: (discussion, action text) or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reminder.reading.actions.clauses import is_name
from reminder.reading.actions.statuses import tag_status
from reminder.reading.actions.verbs import is_verb
from reminder.reading.extraction import Status

_NICK = re.compile(r"^<[^>\s]{1,30}>\s*")
_BOX = re.compile(r"^(?:\[(?P<box>[ xX✓✔-]?)\]|(?P<glyph>[☐☑☒✔✅❌]\ufe0f?))\s*")
_MARKER = re.compile(
    r"^\**(?:(?:AGREED|Agreed)\s+)?(?:AP|A\.P\.|ACTION(?:\s+POINT|\s+ITEM)?|Action(?:\s+point|\s+item)?|Acci[oó]n|"
    r"Actions?\s+à\s+mener|Compromiso)\**\s*[:\-–—]+\**\s*(?P<rest>.+)$",
)
_NAMED = re.compile(r"^(?:ACTION|Action|AP)\s+(?P<who>[^:]{1,40}?)\s*:\s*(?P<rest>.+)$")
# "Action (Name): task": the parenthesis is the owner.
_PAREN_NAMED = re.compile(
    r"^(?:(?:AGREED|Agreed)\s+)?(?:ACTION|Action|AP)\s*\((?P<who>[^()]{1,50})\)\s*[:\-–—]+\s*(?P<rest>.+)$"
)
# A board paragraph number "5.2 " before a marker ("5.2 Action (X): ...").
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\s+")
_TRACKER = re.compile(r"^action-\d+\s*(?:--|—|–)\s*(?P<rest>.+)$", re.I)
_COLON_OWNER = re.compile(r"^(?P<who>[^:]{1,50}?)\s*:-?\s+(?P<rest>(?P<first>[\w'-]+).*)$")
_MENTIONS = re.compile(
    r"^(?P<who>@[\w.-]+(?: [A-Z][\w'-]+)*(?: \([^)]*\))?"
    r"(?:(?:,| and| &| y| et)\s+@[\w.-]+(?: [A-Z][\w'-]+)*(?: \([^)]*\))?)*)\s+(?=[a-z])"
)
# Labels of a minutes line, not owners ("Note: will be sent later").
_LABEL_WORDS = re.compile(
    r"^(?:note|nb|n\.b\.|update|status|comment|remarks?|background|summary|context|outcome|"
    r"result|date|time|venue|location|subject|re|agenda|item|topic|question|answer|q|a|"
    r"remarque|nota|asunto|tema)$",
    re.I,
)
_STRUCK = re.compile(r"^~~(?P<struck>.+?)~~\s*(?P<rest>.*)$")
_INLINE = re.compile(
    r"(?:^|(?<=[.!?]))\s*(?:\*\*)?(?:Action|ACTION|AP)(?:\s*:\s*\*\*|\*\*\s*:|\s*:)\s*(?P<rest>.+)$"
)

_BOXES = {" ": Status.OPEN, "": Status.OPEN, "☐": Status.OPEN, "-": Status.IN_PROGRESS,
          "❌": Status.CANCELLED}  # fmt: skip


@dataclass(frozen=True)
class Marked:
    """A marked action line: text without its marks, owner, status and what marked it."""

    text: str
    owner: str = ""
    status: tuple[Status, str] | None = None
    review: bool = False
    struck: bool = False
    explicit: bool = True  # an ACTION/AP marker or a tracker line, not a box or mention


def marked(text: str) -> Marked | None:
    """The action mark at the start of `text` (see the module docstring), else None."""
    text = _NICK.sub("", text.strip())
    text, tag = tag_status(text)
    box = _BOX.match(text)
    status = tag
    if box:
        mark = box["box"] if box["box"] is not None else box["glyph"].rstrip("\ufe0f")
        status = status or (_BOXES.get(mark, Status.DONE), mark or "[ ]")
        text = text[box.end() :]
    text, struck = _unstrike(text)
    found = _marker(text)
    numbered = _PARAGRAPH_NUMBER.match(text)
    if found is None and numbered:
        rest = text[numbered.end() :]
        # Only an explicit marker after the number; "2.1 X to do Y" stays prose.
        if _MARKER.match(rest) or _PAREN_NAMED.match(rest):
            found = _marker(rest)
    if found is None and (box or tag):
        found = _owner_form(text) or Marked(text, explicit=False)
    if found is None:
        return None
    return Marked(found.text, found.owner, found.status or status, found.review,
                  struck or found.struck, found.explicit or tag is not None)  # fmt: skip


def _marker(text: str) -> Marked | None:
    tracker = _TRACKER.match(text)
    if tracker:
        return Marked(tracker["rest"], review=True)
    paren = _PAREN_NAMED.match(text)
    if paren and is_name(paren["who"]):
        return Marked(paren["rest"], owner=paren["who"])
    named = _NAMED.match(text)
    if (
        named
        and is_name(named["who"])
        and named["who"][:1].isupper()
        and not _MARKER.match(text)
        and not re.match(r"(?i)(?:points?|items?|agreed|required|log|plan)\b", named["who"])
    ):
        return Marked(named["rest"], owner=named["who"])
    marker = _MARKER.match(text)
    if marker:
        rest, struck = _unstrike(_NICK.sub("", marker["rest"]))
        return Marked(rest, struck=struck)
    return _owner_form(text)


def _owner_form(text: str) -> Marked | None:
    """ "Name: will ...", "X + Y: install ...", "@Name share ..."; None for other lines."""
    mention = _MENTIONS.match(text)
    if mention:
        return Marked(text, owner=mention["who"], explicit=False)
    colon = _COLON_OWNER.match(text)
    if (
        colon
        and is_name(colon["who"])
        and not re.search(r"\d", colon["who"])
        and not _LABEL_WORDS.match(colon["who"])
    ):
        first = colon["first"]
        will = first.lower() in {"will", "shall", "va", "vont", "va a", "se"}
        if will or (first.islower() and is_verb(first)) or ":-" in text[: colon.end("who") + 3]:
            return Marked(text, owner=colon["who"], explicit=False)
    return None


def _unstrike(text: str) -> tuple[str, bool]:
    """Cut "~~...~~" struck-through markers at the start: (text, struck)."""
    match = _STRUCK.match(text)
    if not match:
        return text, False
    rest = match["rest"].strip()
    # What follows the struck part is a remark on it ("cancelled, not needed"): a field.
    return (f"{match['struck']} – {rest}" if rest else match["struck"]), True


def inline_action(text: str) -> tuple[str, str] | None:
    """(discussion, action) for a paragraph ending with an inline "**Action:** ..." run."""
    match = _INLINE.search(text)
    if not match or match.start() == 0:
        return None
    return text[: match.start()].strip(), match["rest"].strip()
