"""Action points in the paragraphs and lists of minutes, read section by section.

`Prose(found)` is fed the document's paragraphs in order (`add`) and `flush`ed at a
table and at the end. Headings open sections (`sections.section_kind`); each run of
paragraphs under one heading is read by its kind:

* anywhere: marked lines (`markers.marked`: ACTION/AP, checkboxes, tags, "Name: will",
  @mentions), an inline "**Action:**" run, a struck-through list item (cancelled), and
  "Responsible:"/"Owner:"/"Deadline:"/"Due:" sub-lines, which complete the action above;
* `Kind.ACTIONS`: every item or sentence is an action, except a topic heading (a short
  line with no verb or owner), a decision line and an intro whose sub-items it heads; a
  parent item that names an owner ("UNICEF:") gives it to its sub-items;
* `Kind.REVIEW`: each list item (or commitment) is an earlier action (`carried_over`),
  its status in the sentences after it or on the line below (`reviews.status_after`);
* `Kind.OTHER` (discussion) and `Kind.MIXED` ("Decisions and actions"): only sentences
  that commit someone (`clauses.commitment`): "X to do", passives, and "X will do" when
  a deadline is stated or the paragraph is labelled as actions. A numbered list that
  continues an action list's numbering under a new heading is still that action list;
* `Kind.AGENDA` and `Kind.DECISIONS`: nothing but marked lines.

Next-meeting lines, "no action" lines, attendance and decision lines are never actions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reminder.deadlines.read import find_deadline_phrase
from reminder.reading.actions.clauses import commitment, is_name
from reminder.reading.actions.fields import is_imperative, trailing_fields
from reminder.reading.actions.found import Found
from reminder.reading.actions.items import prose_action
from reminder.reading.actions.lists import children_of, topic_heading
from reminder.reading.actions.markers import inline_action, marked
from reminder.reading.actions.reviews import split_review, status_after
from reminder.reading.actions.sections import Kind, heading_number, is_heading, section_kind
from reminder.reading.actions.sentences import sentences, strip_numbering
from reminder.reading.document import Paragraph
from reminder.reading.extraction import SourceRef, Status
from reminder.reading.meeting.details import NEXT_MEETING
from reminder.reading.owners.split import split_owners

_SKIP = re.compile(
    r"^(?:next\s+\w+(?:\s+\w+)?\s*:|(?:decisions?|resolutions?|resolved|motion|décisions?|acuerdos?)\b|"
    r"\||.*\s\|\s.*\s\|\s|"  # a table row that was not read as a table
    r"(?:present|attendees|participants|apologies|regrets|absent|excused)\s*:|.*\bno\s+(?:further\s+)?"
    r"actions?\s+(?:needed|required|point)|.*\baucune\s+action|.*\bninguna\s+acci[oó]n)",
    re.I,
)
_SUBLINE = re.compile(
    r"^(?P<label>responsible|owner|lead|focal\s+point|assigned\s+to|responsable|deadline|due(?:\s+date)?|"
    r"échéance|date\s+limite|plazo|fecha\s+l[ií]mite)\s*:\s*(?P<value>.+)$",
    re.I,
)
# Page furniture a converter left in the text ("Minutes 07/10/2020 Page 1 of 3").
_FURNITURE = re.compile(r"\bpage\s+\d+\s*(?:of|/|de|sur)\s*\d+\s*$|^\d+$", re.I)
_PAST = re.compile(r"^(?:[A-Z][a-z]+ed|Met|Held|Took)\s+(?:the|that|with|a|an|on|how|whether)\b")
_CHAT = re.compile(r"^<[^>\s]{1,30}>")  # an IRC or chat line ("<chair> action-41?")
_DUE_LABEL = re.compile(r"^(?:deadline|due|échéance|date|plazo|fecha)", re.I)
_LABELLED = re.compile(
    r"^(?:decisions?\s+(?:and|&|et|y)\s+actions?|actions?\s+(?:and|&)\s+decisions?)\s*:\s*", re.I
)


class Prose:
    """Reads the paragraphs of one document into `found` (see the module docstring)."""

    def __init__(self, found: Found) -> None:
        self.found = found
        self.kind = Kind.OTHER
        self.section: str | None = None
        self.heading_n: int | None = None  # the number of the last numbered heading
        self.list_n: int | None = None  # the last number of an action list
        self.run: list[Paragraph] = []
        self.completes = False  # True while the lines read complete the last action

    def add(self, paragraph: Paragraph) -> None:
        """Take the next paragraph of the document."""
        if self._opens_section(paragraph):
            self.flush()
            self.kind = section_kind(paragraph.text)
            self.section = paragraph.text.rstrip(": ")
            self.heading_n = heading_number(paragraph.text) or self.heading_n
        else:
            self.run.append(paragraph)

    def flush(self) -> None:
        """Read the paragraphs taken since the last heading or flush."""
        run, self.run = self.run, []
        index = 0
        while index < len(run):
            index = self._read(run, index)

    def _opens_section(self, p: Paragraph) -> bool:
        if p.level and not p.bullet:
            return True
        if marked(p.text) is not None or _CHAT.match(p.text) or p.text.endswith("?"):
            return False
        number = heading_number(p.text)
        if not p.level and self.kind is Kind.AGENDA and (p.bullet or number is not None):
            return False  # an agenda item, not a heading
        short = len(p.text.split()) <= 8 and not p.text.endswith(".") and commitment(p.text) is None
        if number is not None and self.heading_n is not None and number == self.heading_n + 1:
            return short  # the next numbered section
        if number is not None and self.kind is Kind.ACTIONS and not p.level:
            return False  # a topic heading inside a numbered action list
        return is_heading(p)

    def _read(self, run: list[Paragraph], index: int) -> int:
        """Read run[index] (and the lines that belong to it); the index of the next one."""
        p = run[index]
        text = p.text
        plain = re.sub(r"\*\*|__|(?<!\w)\*|\*(?!\w)", "", text)
        skip = _SKIP.match(plain) and not _LABELLED.match(plain)
        if NEXT_MEETING.match(plain) or skip or _FURNITURE.search(plain):
            return index + 1
        sub = _SUBLINE.match(text)
        if sub and self.completes:
            self._complete(sub["label"], sub["value"])
            return index + 1
        self.completes = False  # only the lines right below an action complete it
        mark = marked(text)
        if mark is not None:
            review = mark.review or (self.kind is Kind.REVIEW and not mark.explicit)
            body, status, due = mark.text, mark.status, None
            if review:
                body, status, due, index = self._review_status(run, index, body, status)
            self._emit(
                body, p, review, owner=mark.owner, status=status, struck=mark.struck, due=due
            )
            return index + 1
        inline = inline_action(text)
        if inline is not None:
            self._emit(inline[1], p, review=False)
            return index + 1
        if self.kind in {Kind.AGENDA, Kind.DECISIONS}:
            return index + 1
        if (p.struck or text.startswith("~~")) and p.bullet:
            self._emit(strip_numbering(text), p, review=False, struck=True)
            return index + 1
        children = children_of(run, index)
        owner = text.rstrip(": ") if text.endswith(":") and commitment(text) is None else ""
        if children and owner and is_name(owner):
            for child in children:  # "UNICEF:" over its tasks
                self._emit(
                    strip_numbering(child.text),
                    child,
                    self.kind is Kind.REVIEW,
                    owner=text.rstrip(": "),
                )
            return index + 1 + len(children)
        if self.kind is Kind.REVIEW:
            return self._read_review(run, index)
        number = heading_number(text)
        continues = number is not None and self.list_n is not None and number == self.list_n + 1
        if self.kind is Kind.ACTIONS or (continues and self.kind is Kind.OTHER):
            self.list_n = number if number is not None else self.list_n
            if children and text.endswith(":"):
                for child in children:
                    self._emit(f"{strip_numbering(text)} {child.text}", child, review=False)
                return index + 1 + len(children)
            self._read_actions(p)
            return index + 1
        self._read_discussion(p)
        return index + 1

    def _read_actions(self, p: Paragraph) -> None:
        text = strip_numbering(p.text)
        if topic_heading(text) or _PAST.match(text):
            return  # a topic line, or a note of what was done ("Discussed the gaps")
        parts = sentences(text)
        # A short paragraph is one item; a long one under an action heading may be
        # discussion that ran on, and its sentences count when they read as tasks.
        listed = (
            p.bullet
            or heading_number(p.text) is not None
            or (len(parts) == 1 and len(text.split()) <= 25)
        )
        for part in [text] if listed else parts:
            task = listed or commitment(part) is not None or is_imperative(part)
            if task and not _SKIP.match(part):
                self._emit(part, p, review=False)

    def _read_review(self, run: list[Paragraph], index: int) -> int:
        p = run[index]
        text = strip_numbering(p.text)
        listed = p.bullet or heading_number(p.text) is not None
        if not listed and commitment(text) is None:
            return index + 1  # discussion in a review section
        body, status, due, index = self._review_status(run, index, text, None)
        self._emit(body, p, review=True, status=status, due=due)
        return index + 1

    def _review_status(
        self, run: list[Paragraph], index: int, body: str, status: tuple[Status, str] | None
    ) -> tuple[str, tuple[Status, str] | None, str | None, int]:
        """An earlier action's text, status and deadline: from its sentences or the next line."""
        body, found, due = split_review(body)
        if found is None and index + 1 < len(run):
            after = status_after(run[index], run[index + 1])
            if after is not None:
                found, due = after
                index += 1
        return body, found or status, due, index

    def _read_discussion(self, p: Paragraph) -> None:
        text = strip_numbering(p.text)
        labelled = _LABELLED.match(text)
        mixed = self.kind is Kind.MIXED or labelled is not None
        text = text[labelled.end() :] if labelled else text
        if text.endswith(":"):
            return  # an intro to what follows
        for sentence in sentences(text):
            for clause in re.split(r";\s+", sentence) if not mixed else [sentence]:
                found = commitment(clause)
                if found is None or _SKIP.match(clause):
                    continue
                # A passive naming nobody ("Attendance to be taken") needs a deadline.
                fields = trailing_fields(clause)
                named = found.owner or fields.owner or fields.paren_owner
                if (found.strong and named) or mixed or find_deadline_phrase(clause):
                    self._emit(clause, p, review=False)

    def _emit(
        self, text: str, p: Paragraph, review: bool, *, owner: str = "",
        status: tuple[Status, str] | None = None, struck: bool = False, due: str | None = None,
    ) -> None:  # fmt: skip
        ref = SourceRef(self.found.source, None, None, p.line)
        action = prose_action(text, source=ref, section=self.section, review=review,
                              owner=owner, status=status, struck=struck or p.struck)  # fmt: skip
        if action is not None:
            if due and not action.due_phrase:
                action = replace(action, due_phrase=due)
            self.found.actions.append(action)
            self.completes = True

    def _complete(self, label: str, value: str) -> None:
        """A "Responsible: X" / "Deadline: Y" line below an action completes it."""
        last = self.found.actions[-1]
        value = value.strip(" .")
        if _DUE_LABEL.match(label):
            self.found.actions[-1] = replace(last, due_phrase=value)
        else:
            owners, supporting = split_owners(value)
            self.found.actions[-1] = replace(
                last, owners=owners, supporting=supporting, owners_raw=value
            )
